import ArgumentParser
import Shelterbelt

/// How to open the subject layer (the treated patches): shared by stats, targets and report.
struct SubjectOptions: ParsableArguments {
    @Option(help: "Subject layer inside a multi-layer file (GeoPackage, File Geodatabase, KML).")
    var layer: String?

    @Option(help: "Subject Shapefile attribute encoding when it has no .cpg, e.g. GBK.")
    var encoding: String?

    @Option(help: "CRS of a subject layer that declares none, e.g. EPSG:4524.")
    var assumeCrs: String?

    func source(_ path: String) -> LayerSource {
        LayerSource(path: path, layer: layer, encoding: encoding, assumeCRS: assumeCrs)
    }
}
