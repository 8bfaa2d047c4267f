import Foundation

/// RFC 4180 CSV text, UTF-8; optionally with the byte-order mark Excel needs to read Chinese.
///
/// Cells hold names and ids from the user's data, and a spreadsheet evaluates a cell that starts with
/// `=`, `+`, `-` or `@` (or TAB or CR, which some strip first) as a formula: `=HYPERLINK(…)` in a
/// patch's name would become a live link. So such a cell is written with a leading `'` (OWASP's advice
/// on CSV injection), which Excel and LibreOffice take as "text"; a number such as `-3.5` is no formula
/// and stays as it is.
public struct CSVText {
    private var lines: [String] = []

    public init(header: [String]) { append(header) }

    public mutating func append(_ cells: [String]) {
        lines.append(cells.map { Self.quote(Self.defused($0)) }.joined(separator: ","))
    }

    public func render(byteOrderMark: Bool = false) -> String {
        (byteOrderMark ? "\u{FEFF}" : "") + lines.joined(separator: "\r\n") + "\r\n"
    }

    static func quote(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The cell, with a `'` before it when a spreadsheet would read it as a formula.
    static func defused(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first),
            cell.wholeMatch(of: number) == nil
        else { return cell }
        return "'" + cell
    }

    /// A plain decimal number, as the tables print them: sign, digits, decimals, exponent.
    nonisolated(unsafe) static let number = /[-+]?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?/
}
