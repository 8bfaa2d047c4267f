import Foundation
import XLSXKit

extension Workbook {
    /// A column of a sheet: its header, and what its cells hold, which chooses their number format.
    struct Column {
        enum Kind: Equatable {
            case text
            case integer
            /// A number with `decimals` decimals; nil shows each cell with the fewest decimals that show
            /// it exactly (a target's value, in whatever unit its row has).
            case number(decimals: Int?)
            /// A true fraction (0.19) shown as a percentage (19.0%) with `decimals` decimals.
            case percent(decimals: Int)
        }

        let header: String
        let kind: Kind

        init(_ header: String, _ kind: Kind) {
            self.header = header
            self.kind = kind
        }

        /// Digits after the point the number format shows for `value`.
        func decimals(_ value: Double) -> Int {
            switch kind {
            case .text, .integer: 0
            case .number(let decimals?), .percent(let decimals): decimals
            case .number(nil): Self.exactDecimals(value)
            }
        }

        /// The format of a number cell: digits grouped in threes, or a percentage (General in a text column).
        func format(_ value: Double) -> XLSXFormat {
            let point = decimals(value) > 0 ? "." + String(repeating: "0", count: decimals(value)) : ""
            switch kind {
            case .text: return XLSXFormat()
            case .integer, .number: return XLSXFormat(numberFormat: "#,##0" + point)
            case .percent: return XLSXFormat(numberFormat: "0" + point + "%")
            }
        }

        /// The number format of a chart's value axis over this column: whole numbers or whole percentages.
        var axisFormat: String {
            if case .percent = kind { return "0%" }
            return "#,##0"
        }

        /// A cell as Excel shows it with this column's format, to measure its width.
        func text(_ cell: Cell) -> String {
            switch cell {
            case .blank: return ""
            case .text(let text): return text
            case .number(let value):
                switch kind {
                case .text: return "\(value)"
                case .percent: return String(format: "%.\(decimals(value))f%%", value * 100)
                case .integer, .number: return ReportFormat.grouped(String(format: "%.\(decimals(value))f", value))
                }
            }
        }

        /// The fewest decimals (up to 10) that give `value` back when rounded to them, as the report rounds.
        static func exactDecimals(_ value: Double) -> Int {
            (0...10).first { decimals in
                let scale = pow(10.0, Double(decimals))
                return (value * scale).rounded() / scale == value
            } ?? 10
        }
    }
}
