import ArgumentParser
import Shelterbelt

/// How to open a zones layer: shared by stats (through `InputOptions`) and change.
struct ZonesOptions: ParsableArguments {
    @Option(help: "Zones layer inside a multi-layer file.")
    var zonesLayer: String?

    @Option(help: "Zones Shapefile attribute encoding, e.g. GBK; wins over a .cpg.")
    var zonesEncoding: String?

    @Option(help: "CRS to read the zones in (as --assume-crs for the subject), e.g. EPSG:4545, GCJ02 or BD09.")
    var zonesAssumeCrs: String?

    func source(_ path: String) -> LayerSource {
        LayerSource(path: path, layer: zonesLayer, encoding: zonesEncoding, assumeCRS: zonesAssumeCrs, role: .zones)
    }
}
