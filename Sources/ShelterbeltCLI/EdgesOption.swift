import ArgumentParser
import Shelterbelt

/// What an edge between two stored vertices is: shared by stats, targets, screen and report.
struct EdgesOption: ParsableArguments {
    @Option(
        name: .customLong("edges"),
        help: ArgumentHelp(
            "straight (in each layer's own CRS, as maps draw it) or geodesic (between the stored vertices).",
            discussion: "straight adds vertices to edges longer than 100 m (0.0009°) before reprojecting."))
    var rule: EdgeRule = .straight
}
