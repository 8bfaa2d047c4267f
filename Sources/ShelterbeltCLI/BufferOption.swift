import ArgumentParser
import Shelterbelt

/// `--buffer METRES`: the area screened around point and line sites, shared by screen and report.
struct BufferOption: ParsableArguments {
    static let range = NumberRange(lowest: 0, includesLowest: false, highest: ScreeningRules.longestBufferM, unit: " m")

    @Option(
        name: .customLong("buffer"), parsing: .unconditional,
        help: ArgumentHelp(
            "Screen the area within METRES of point and line sites (required when there are any), \(Self.range).",
            valueName: "metres"),
        transform: Self.range.parse)
    var metres: Double?
}
