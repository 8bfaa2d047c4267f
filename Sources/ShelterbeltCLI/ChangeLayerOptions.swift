import ArgumentParser
import Shelterbelt

/// How to open the two land-use layers of `change`: each has its own layer name, encoding and assumed CRS,
/// named as the zones' are (`--zones-encoding`): `--before-encoding`, `--after-assume-crs` ….
struct ChangeLayerOptions: ParsableArguments {
    @Option(help: "BEFORE layer inside a multi-layer file (GeoPackage, File Geodatabase, KML).")
    var beforeLayer: String?

    @Option(help: "BEFORE Shapefile attribute encoding, e.g. GBK; wins over a .cpg.")
    var beforeEncoding: String?

    @Option(help: "CRS to read BEFORE in, e.g. EPSG:4545, or GCJ02 / BD09 for coordinates from Chinese web maps.")
    var beforeAssumeCrs: String?

    @Option(help: "AFTER layer inside a multi-layer file.")
    var afterLayer: String?

    @Option(help: "AFTER Shapefile attribute encoding, e.g. GBK; wins over a .cpg.")
    var afterEncoding: String?

    @Option(help: "CRS to read AFTER in (as --before-assume-crs).")
    var afterAssumeCrs: String?

    @Flag(
        help: ArgumentHelp(
            "Leave out (and count) features of either layer with non-finite, out-of-range or stray vertices "
                + "instead of stopping."))
    var skipBadCoordinates = false

    func before(_ path: String) -> LayerSource {
        var source = LayerSource(
            path: path, layer: beforeLayer, encoding: beforeEncoding, assumeCRS: beforeAssumeCrs, role: .before)
        source.skipBadCoordinates = skipBadCoordinates
        return source
    }

    func after(_ path: String) -> LayerSource {
        var source = LayerSource(
            path: path, layer: afterLayer, encoding: afterEncoding, assumeCRS: afterAssumeCrs, role: .after)
        source.skipBadCoordinates = skipBadCoordinates
        return source
    }
}
