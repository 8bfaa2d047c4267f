import ArgumentParser
import Shelterbelt

/// `--unit` and `--area`: how areas are measured and shown, shared by stats and change.
struct AreaOptions: ParsableArguments {
    @Option(help: "Area unit (also 亩, 万亩, m², 公顷, 平方公里).")
    var unit: AreaUnit = .ha

    @Option(help: "geodesic (GRS80 ellipsoid) or planar:EPSG:nnnn (a projected CRS).")
    var area: String = "geodesic"

    /// The area method `--area` names; an unknown one is a usage error naming the accepted forms.
    func method() throws -> AreaMethod { try AreaMethod(text: area) }
}
