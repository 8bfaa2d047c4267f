import ArgumentParser

/// `--precision N`: decimals of GeoJSON coordinates, shared by stats and report.
struct PrecisionOption: ParsableArguments {
    /// 15 decimals of a degree are below a double's resolution already.
    static let range = NumberRange(lowest: 0, highest: 15)

    @Option(
        name: .customLong("precision"), parsing: .unconditional,
        help: ArgumentHelp("GeoJSON coordinate decimals, \(Self.range) (6 ≈ 0.1 m).", valueName: "n"),
        transform: Self.range.parse)
    var decimals: Int = 6
}
