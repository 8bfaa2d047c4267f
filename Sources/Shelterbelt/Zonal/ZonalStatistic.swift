import Foundation

/// One statistic of a continuous raster per zone, named as `--stats` names it; each weights a cell by the
/// fraction of it inside the zone, as exactextract does.
public enum ZonalStatistic: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// Σ c·v / Σ c.
    case mean
    /// Smallest and largest value of a cell the zone touches (any positive coverage).
    case min, max
    /// Σ c·v.
    case sum
    /// Σ c: the cells with data, counted by the fraction covered.
    case count
    /// The population standard deviation weighted by coverage: √(Σ c·(v − mean)² / Σ c).
    case stdev
    /// The coverage-weighted quantile q (median = 0.5), as `WeightedQuantiles`.
    case quantile(Double)
    /// The share of the zone's area with data whose value is at least the threshold.
    case coverageAtLeast(Double)

    public var description: String {
        switch self {
        case .mean: "mean"
        case .min: "min"
        case .max: "max"
        case .sum: "sum"
        case .count: "count"
        case .stdev: "stdev"
        case .quantile(0.5): "median"
        case .quantile(let q): "p" + Self.number(q * 100)
        case .coverageAtLeast(let threshold): "coverage>=" + Self.number(threshold)
        }
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// Parses one name: mean, min, max, sum, count, stdev, median, pNN (0–100) or coverage>=T.
    public init(text: String) throws {
        let name = text.trimmingCharacters(in: .whitespaces).lowercased()
        let simple: [String: ZonalStatistic] = [
            "mean": .mean, "min": .min, "max": .max, "sum": .sum, "count": .count, "stdev": .stdev,
            "median": .quantile(0.5),
        ]
        if let known = simple[name] {
            self = known
        } else if name.hasPrefix("p"), let percent = Double(name.dropFirst()), (0...100).contains(percent) {
            self = .quantile(percent / 100)
        } else if name.hasPrefix("coverage>="), let threshold = Double(name.dropFirst("coverage>=".count)),
            threshold.isFinite
        {
            self = .coverageAtLeast(threshold)
        } else {
            throw ShelterbeltError.usage(
                "--stats: '\(text)' is not a statistic; use mean, min, max, sum, count, stdev, median, "
                    + "pNN (a percentile, 0–100) or coverage>=T (the share of the zone at or above T)")
        }
    }

    /// Parses a comma-separated list, e.g. "mean,p90,coverage>=0.7".
    public static func list(_ text: String) throws -> [ZonalStatistic] {
        let parsed = try text.split(separator: ",").map { try ZonalStatistic(text: String($0)) }
        guard !parsed.isEmpty else { throw ShelterbeltError.usage("--stats names no statistic") }
        return parsed
    }

    var needsValues: Bool { if case .quantile = self { true } else { false } }
}
