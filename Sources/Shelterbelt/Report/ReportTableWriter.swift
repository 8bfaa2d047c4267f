import Foundation
import GeoKit

/// Writes the report's tables as CSV files and as one XLSX workbook (GDAL's XLSX driver, one sheet per
/// table), with Chinese headers. Cells are the summary's values, printed by `ReportFormat`.
enum ReportTableWriter {
    /// One table as CSV text (UTF-8; with `byteOrderMark`, the BOM Excel needs to read Chinese).
    static func csv(_ table: ReportTable, byteOrderMark: Bool) -> String {
        var csv = CSVText(header: table.columns.map(\.zh))
        for row in table.rows {
            csv.append(zip(table.columns, row).map { column, value in ReportFormat.plain(value, column.kind) })
        }
        return csv.render(byteOrderMark: byteOrderMark)
    }

    /// All tables as sheets of one workbook at `path`, written to a temporary file and renamed into place.
    static func xlsx(_ tables: [ReportTable], to path: String) throws {
        try Workbook.write(
            tables.map { table in
                Workbook.Sheet(
                    name: table.sheet, fields: table.columns.map { FieldDefinition($0.zh, fieldKind($0.kind)) },
                    rows: table.rows.map { row in zip(table.columns, row).map { cell($1, $0.kind) } })
            }, to: path)
    }

    static func fieldKind(_ kind: ReportColumn.Kind) -> FieldDefinition.Kind {
        switch kind {
        case .text: .string
        case .integer: .integer
        case .number, .percent: .real
        }
    }

    static func cell(_ value: JSONValue, _ kind: ReportColumn.Kind) -> FieldValue {
        switch value {
        case .null: .null
        case .integer(let number): fieldKind(kind) == .real ? .real(Double(number)) : .integer(number)
        case .number(let number):
            // A number beyond Int stays a real rather than trapping.
            fieldKind(kind) == .integer
                ? Int(exactly: number.rounded()).map(FieldValue.integer) ?? .real(number) : .real(number)
        case .string(let text): .string(text)
        default: .string(ReportFormat.plain(value, kind))
        }
    }
}
