import Foundation

/// RFC 4180 CSV text, UTF-8; optionally with the byte-order mark Excel needs to read Chinese.
public struct CSVText {
    private var lines: [String] = []

    public init(header: [String]) { append(header) }

    public mutating func append(_ cells: [String]) {
        lines.append(cells.map(Self.quote).joined(separator: ","))
    }

    public func render(byteOrderMark: Bool = false) -> String {
        (byteOrderMark ? "\u{FEFF}" : "") + lines.joined(separator: "\r\n") + "\r\n"
    }

    static func quote(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
