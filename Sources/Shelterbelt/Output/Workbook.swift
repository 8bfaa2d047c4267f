import Foundation
import XLSXKit

/// An Excel workbook: one sheet per table, written by libxlsxwriter to a temporary file and renamed into
/// place (or copied to stdout, a device or a pipe). Each column has a kind, so numbers keep their full
/// value but show with a number format of that column (digits grouped, an area unit's decimals,
/// percentages from true fractions); the header is bold, frozen and filterable, and every column is as
/// wide as its widest cell (`DisplayWidth`: 汉字 count two), long text wrapping at `maximumWidth`. Text
/// is always a string cell (a shared string, `t="s"`), never a formula, so a name such as
/// `=HYPERLINK(…)` stays text (HostileReportTests reads the sheet XML). The one workbook writer of
/// `stats`, `change` and `report`.
enum Workbook {
    struct Sheet {
        let name: String
        let columns: [Column]
        /// One cell per column.
        let rows: [[Cell]]
        var chart: BarChart? = nil

        /// A sheet of notes, one line a row.
        static func notes(_ lines: [String]) -> Sheet {
            Sheet(name: "notes", columns: [Column("说明 notes", .text)], rows: lines.map { [.text($0)] })
        }
    }

    enum Cell: Equatable {
        case blank
        case text(String)
        /// A number as the column's kind takes it (a fraction in a percent column); NaN and infinities,
        /// which Excel cannot hold, are left blank.
        case number(Double)
    }

    /// A bar per row, of the `values` column labelled by the `categories` column, drawn beside the table.
    struct BarChart {
        let title: String
        let categories: Int
        let values: Int
    }

    /// Wider columns wrap their text instead (in Excel's units, about one ASCII character each).
    static let maximumWidth = 60

    static func write(_ sheets: [Sheet], to path: String) throws {
        try AtomicFile.write(to: path, fileExtension: "xlsx") { temporary in
            do {
                let workbook = try XLSXWorkbook(path: temporary)
                var names = Set<String>()
                for sheet in sheets {
                    try write(sheet, to: try workbook.addSheet(legalName(sheet.name, besides: &names)))
                }
                try workbook.close()
            } catch let error as XLSXError {
                throw ShelterbeltError(
                    .cannotWriteOutput, file: path, problem: "the workbook cannot be written: \(error)")
            }
        }
    }

    private static func write(_ sheet: Sheet, to output: XLSXSheet) throws {
        let header = XLSXFormat(bold: true, wrap: true)
        for (index, column) in sheet.columns.enumerated() {
            try output.write(column.header, row: 0, column: index, format: header)
            let widest = sheet.rows.reduce(DisplayWidth.of(column.header)) { widest, row in
                max(widest, DisplayWidth.of(column.text(row[index])))
            }
            let wraps = column.kind == .text && widest > maximumWidth
            // Two more than the widest cell: Excel's own padding, and room for the filter button.
            try output.setColumn(index, width: Double(min(widest, maximumWidth) + 2))
            for (number, row) in sheet.rows.enumerated() {
                switch row[index] {
                case .blank: break
                case .text(let text):
                    try output.write(text, row: number + 1, column: index, format: wraps ? XLSXFormat(wrap: true) : nil)
                case .number(let value) where value.isFinite:
                    try output.write(value, row: number + 1, column: index, format: column.format(value))
                case .number: break
                }
            }
        }
        try output.freezePanes(rows: 1, columns: 0)
        if !sheet.columns.isEmpty {
            try output.autofilter(
                firstRow: 0, firstColumn: 0, lastRow: sheet.rows.count, lastColumn: sheet.columns.count - 1)
        }
        if let chart = sheet.chart, !sheet.rows.isEmpty { try draw(chart, of: sheet, on: output) }
    }

    private static func draw(_ chart: BarChart, of sheet: Sheet, on output: XLSXSheet) throws {
        let bars = try output.workbook.addBarChart()
        let values = sheet.columns[chart.values]
        try bars.addSeries(
            name: values.header, sheet: output, categories: chart.categories, values: chart.values, firstRow: 1,
            lastRow: sheet.rows.count)
        bars.setTitle(chart.title)
        bars.setValueAxis(numberFormat: values.axisFormat, minimum: 0)
        bars.hideLegend()
        // About 24 pixels a bar, at least the default 288-pixel height, right of the table after one empty column.
        try output.insert(
            bars, row: 1, column: sheet.columns.count + 1, widthScale: 1.5,
            heightScale: max(1, Double(80 + 24 * sheet.rows.count) / 288))
    }

    /// A sheet's name when nothing of the one asked for is legal.
    static let fallbackName = "sheet"
    private static let apostrophes = CharacterSet(charactersIn: "'")

    /// `name` as Excel takes it: without `[]:*?/\`, no apostrophe first or last, at most 31 characters;
    /// nil when nothing is left.
    static func legalName(_ name: String) -> String? {
        let cleaned = name.filter { !"[]:*?/\\".contains($0) }.trimmingCharacters(in: apostrophes)
        return cleaned.isEmpty ? nil : cut(cleaned, to: 31)
    }

    /// `legalName(name)` (`fallbackName` when nothing is left), and not one of `used` (compared
    /// case-insensitively, as Excel does); it is added to `used`.
    static func legalName(_ name: String, besides used: inout Set<String>) -> String {
        let base = legalName(name) ?? fallbackName
        var candidate = base
        var number = 1
        while used.contains(candidate.lowercased()) {
            number += 1
            let suffix = " (\(number))"
            candidate = cut(base, to: 31 - suffix.count) + suffix
        }
        used.insert(candidate.lowercased())
        return candidate
    }

    /// The first characters of `text` that fit in `length` UTF-16 units, as Excel counts; an apostrophe the
    /// cut leaves last goes too.
    private static func cut(_ text: String, to length: Int) -> String {
        var kept = ""
        for character in text {
            guard kept.utf16.count + character.utf16.count <= length else { break }
            kept.append(character)
        }
        return kept.trimmingCharacters(in: apostrophes)
    }
}
