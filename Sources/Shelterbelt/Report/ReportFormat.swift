import Foundation

/// How report figures are rounded (once, into the summary) and printed (in tables and on the page).
/// A printed figure is its summary value with the column's decimals, so the two never disagree.
enum ReportFormat {
    /// A number rounded to `decimals`, without a negative zero; nil and non-finite values are null.
    static func number(_ value: Double?, _ decimals: Int) -> JSONValue {
        guard let value, value.isFinite else { return .null }
        let scale = pow(10.0, Double(decimals))
        let rounded = (value * scale).rounded() / scale
        return .number(rounded == 0 ? 0 : rounded)
    }

    /// A value rounded as its column says (text and integers pass unchanged).
    static func rounded(_ value: JSONValue, _ kind: ReportColumn.Kind) -> JSONValue {
        switch (value, kind) {
        case (.number(let number), .number(let decimals?)), (.number(let number), .percent(let decimals)):
            return self.number(number, decimals)
        case (.number(let number), .integer):
            // Int(exactly:): a number beyond Int (1e300 from a data field) is null, not a trap.
            return Int(exactly: number.rounded()).map(JSONValue.integer) ?? .null
        default:
            return value
        }
    }

    /// The text of a value in a CSV cell: no digit grouping, no unit.
    static func plain(_ value: JSONValue, _ kind: ReportColumn.Kind) -> String {
        switch value {
        case .null: return ""
        case .bool(let flag): return flag ? "true" : "false"
        case .string(let text): return text
        case .integer(let number): return String(number)
        case .number(let number):
            switch kind {
            case .number(let decimals?), .percent(let decimals): return String(format: "%.\(decimals)f", number)
            case .integer: return Int(exactly: number.rounded()).map(String.init) ?? JSONValue.format(number)
            default: return JSONValue.format(number)
            }
        case .array, .object: return value.serialized(indent: nil)
        }
    }

    /// The text of a value on the page: digits grouped in threes, percentages with a % sign.
    static func display(_ value: JSONValue, _ kind: ReportColumn.Kind) -> String {
        let text = plain(value, kind)
        switch value {
        case .integer: return grouped(text)
        case .number:
            if case .percent = kind { return grouped(text) + "%" }
            return grouped(text)
        default: return text
        }
    }

    /// "1234567.891" → "1,234,567.891".
    static func grouped(_ text: String) -> String {
        var digits = Substring(text)
        var sign = ""
        if digits.hasPrefix("-") { sign = "-"; digits = digits.dropFirst() }
        let whole = digits.prefix { $0 != "." }
        let rest = digits.dropFirst(whole.count)
        guard whole.count > 3, whole.allSatisfy(\.isNumber) else { return text }
        var out = ""
        for (index, digit) in whole.enumerated() {
            if index > 0 && (whole.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return sign + out + rest
    }
}
