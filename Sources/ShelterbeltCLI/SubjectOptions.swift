import ArgumentParser
import Shelterbelt

/// How to open the subject layer (the treated patches): shared by stats, targets and report.
struct SubjectOptions: ParsableArguments {
    @Option(help: "Subject layer inside a multi-layer file (GeoPackage, File Geodatabase, KML).")
    var layer: String?

    @Option(help: "Subject Shapefile attribute encoding, e.g. GBK; wins over a .cpg.")
    var encoding: String?

    @Option(
        help: ArgumentHelp(
            "CRS to read the subject in, e.g. EPSG:4524, or GCJ02 / BD09 for coordinates from Chinese web maps.",
            discussion: "Replaces a missing CRS or a WGS 84 / CGCS2000 longitude/latitude label; "
                + "any other declared CRS is an error."
        ))
    var assumeCrs: String?

    @Flag(
        help: ArgumentHelp(
            "Leave out (and count) subject features with non-finite, out-of-range or stray vertices "
                + "instead of stopping."))
    var skipBadCoordinates = false

    func source(_ path: String) -> LayerSource {
        var source = LayerSource(path: path, layer: layer, encoding: encoding, assumeCRS: assumeCrs)
        source.skipBadCoordinates = skipBadCoordinates
        return source
    }
}
