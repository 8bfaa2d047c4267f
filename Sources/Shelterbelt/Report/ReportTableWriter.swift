import Foundation

/// Writes the report's tables as CSV files and as one XLSX workbook (`Workbook`, one sheet per table),
/// with Chinese headers. CSV cells are the summary's values printed by `ReportFormat`; workbook cells are the
/// values themselves, shown by their column's number format.
enum ReportTableWriter {
    /// One table as CSV text (UTF-8; with `byteOrderMark`, the BOM Excel needs to read Chinese).
    static func csv(_ table: ReportTable, byteOrderMark: Bool) -> String {
        var csv = CSVText(header: table.columns.map(\.zh))
        for row in table.rows {
            csv.append(zip(table.columns, row).map { column, value in ReportFormat.plain(value, column.kind) })
        }
        return csv.render(byteOrderMark: byteOrderMark)
    }

    /// All tables as sheets of one workbook at `path`, written to a temporary file and renamed into place;
    /// the targets' progress charted on a sheet after theirs.
    static func xlsx(_ tables: [ReportTable], to path: String) throws {
        try Workbook.write(tables.flatMap { [sheet($0)] + (progressSheet($0).map { [$0] } ?? []) }, to: path)
    }

    /// A table as a sheet with Chinese headers.
    static func sheet(_ table: ReportTable) -> Workbook.Sheet {
        Workbook.Sheet(
            name: table.sheet, columns: table.columns.map(column),
            rows: table.rows.map { row in zip(table.columns, row).map { cell($1, $0.kind) } })
    }

    /// For a table with progress (the targets): the rows that have it (the area targets), name and
    /// progress, with a bar chart of the progress beside them.
    static func progressSheet(_ table: ReportTable) -> Workbook.Sheet? {
        guard let name = table.columns.firstIndex(where: { $0.key == "name_zh" }),
            let progress = table.columns.firstIndex(where: { $0.key == "progress_pct" })
        else { return nil }
        let picked = [name, progress]
        let rows = table.rows.filter { $0[progress] != .null }
        return Workbook.Sheet(
            name: table.sheet + "图", columns: picked.map { column(table.columns[$0]) },
            rows: rows.map { row in picked.map { cell(row[$0], table.columns[$0].kind) } },
            chart: Workbook.BarChart(title: table.titleZh, categories: 0, values: 1))
    }

    static func column(_ column: ReportColumn) -> Workbook.Column {
        Workbook.Column(column.zh, columnKind(column.kind))
    }

    static func columnKind(_ kind: ReportColumn.Kind) -> Workbook.Column.Kind {
        switch kind {
        case .text: .text
        case .integer: .integer
        case .number(let decimals): .number(decimals: decimals)
        case .percent(let decimals): .percent(decimals: decimals)
        }
    }

    static func cell(_ value: JSONValue, _ kind: ReportColumn.Kind) -> Workbook.Cell {
        let number: Double
        switch value {
        case .null: return .blank
        case .integer(let integer): number = Double(integer)
        case .number(let real): number = real
        case .string(let text): return .text(text)
        default: return .text(ReportFormat.plain(value, kind))
        }
        // The summary holds percent (19.0); the sheet holds the fraction (0.19) under a percent format.
        if case .percent = kind { return .number(number / 100) }
        return .number(number)
    }
}
