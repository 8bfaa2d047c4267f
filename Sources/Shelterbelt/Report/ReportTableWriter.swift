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
        try AtomicFile.write(to: path) { temporary in
            do {
                let writer = try VectorWriter(path: temporary, driver: "XLSX")
                for table in tables {
                    let layer = try writer.createLayer(table.sheet, fields: table.columns.map { FieldDefinition($0.zh, fieldKind($0.kind)) })
                    for row in table.rows { try layer.add(zip(table.columns, row).map { cell($1, $0.kind) }) }
                }
                try writer.close()
            } catch let error as GDALError {
                throw ShelterbeltError(.cannotWrite, file: path, problem: "the workbook cannot be written: \(error.message)")
            }
        }
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
        case .number(let number): fieldKind(kind) == .integer ? .integer(Int(number.rounded())) : .real(number)
        case .string(let text): .string(text)
        default: .string(ReportFormat.plain(value, kind))
        }
    }
}
