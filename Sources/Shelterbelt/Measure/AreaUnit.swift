import Foundation

/// The area units the bureaus report in. 1 亩 = 10000/15 m² exactly (the statutory 市亩).
public enum AreaUnit: String, CaseIterable, Sendable, Codable {
    case m2, ha, mu, wanMu = "wan-mu", km2

    /// How many square metres one unit holds.
    public var squareMetres: Double {
        switch self {
        case .m2: return 1
        case .ha: return 10_000
        case .mu: return 10_000.0 / 15.0
        case .wanMu: return 10_000 * 10_000.0 / 15.0
        case .km2: return 1_000_000
        }
    }

    /// Decimals an area is printed with in this unit: the fewest that keep one square metre visible
    /// (m² 1, ha 4, 亩 3, 万亩 7, km² 6). Every table, report and summary rounds areas by this one rule.
    public var decimals: Int {
        switch self {
        case .m2: 1
        case .ha: 4
        case .mu: 3
        case .wanMu: 7
        case .km2: 6
        }
    }

    public func fromSquareMetres(_ value: Double) -> Double { value / squareMetres }
    public func toSquareMetres(_ value: Double) -> Double { value * squareMetres }

    public var symbolZh: String {
        switch self {
        case .m2: "平方米";
        case .ha: "公顷";
        case .mu: "亩";
        case .wanMu: "万亩";
        case .km2: "平方千米"
        }
    }

    public var symbolEn: String {
        switch self {
        case .m2: "m²";
        case .ha: "ha";
        case .mu: "mu";
        case .wanMu: "10k mu";
        case .km2: "km²"
        }
    }

    /// Accepts the command-line names and the spellings used in plans and target files.
    public init?(text: String) {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "m2", "m²", "平方米", "sqm": self = .m2
        case "ha", "hectare", "hectares", "公顷": self = .ha
        case "mu", "亩": self = .mu
        case "wan-mu", "wanmu", "万亩": self = .wanMu
        case "km2", "km²", "平方千米", "平方公里": self = .km2
        default: return nil
        }
    }
}
