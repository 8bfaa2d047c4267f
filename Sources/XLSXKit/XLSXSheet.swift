import CXLSX

/// One worksheet of an `XLSXWorkbook` (which owns it and is kept alive by it). Rows and columns count
/// from zero. Text is only ever written as a string cell, never as a formula, so text from data that
/// looks like one (`=HYPERLINK(…)`) stays text.
public final class XLSXSheet {
    let handle: UnsafeMutablePointer<lxw_worksheet>
    public let workbook: XLSXWorkbook
    public let name: String

    init(handle: UnsafeMutablePointer<lxw_worksheet>, workbook: XLSXWorkbook, name: String) {
        self.handle = handle
        self.workbook = workbook
        self.name = name
    }

    /// A string cell (a shared string in the file).
    public func write(_ text: String, row: Int, column: Int, format: XLSXFormat? = nil) throws {
        let cell = try CellIndex(row: row, column: column)
        try XLSXError.check(
            worksheet_write_string(handle, cell.row, cell.column, text, try self.format(format)),
            "sheet \"\(name)\", row \(row), column \(column): cannot write text")
    }

    /// A number cell. NaN and infinities are refused: Excel has no such numbers and would find the file corrupt.
    public func write(_ number: Double, row: Int, column: Int, format: XLSXFormat? = nil) throws {
        let cell = try CellIndex(row: row, column: column)
        guard number.isFinite else {
            throw XLSXError(
                "sheet \"\(name)\", row \(row), column \(column)", message: "\(number) is not a number Excel holds")
        }
        try XLSXError.check(
            worksheet_write_number(handle, cell.row, cell.column, number, try self.format(format)),
            "sheet \"\(name)\", row \(row), column \(column): cannot write a number")
    }

    /// An empty cell with a format (without one, libxlsxwriter writes nothing, as intended).
    public func writeBlank(row: Int, column: Int, format: XLSXFormat? = nil) throws {
        let cell = try CellIndex(row: row, column: column)
        try XLSXError.check(
            worksheet_write_blank(handle, cell.row, cell.column, try self.format(format)),
            "sheet \"\(name)\", row \(row), column \(column): cannot write a blank")
    }

    /// Sets a column's width, in Excel's units (the width of a "0" of the default font).
    public func setColumn(_ column: Int, width: Double) throws {
        let cell = try CellIndex(row: 0, column: column)
        try XLSXError.check(
            worksheet_set_column(handle, cell.column, cell.column, width, nil),
            "sheet \"\(name)\", column \(column): cannot set the width")
    }

    /// Keeps the first `rows` rows and `columns` columns in view while the rest scrolls.
    public func freezePanes(rows: Int, columns: Int) throws {
        let cell = try CellIndex(row: rows, column: columns)
        worksheet_freeze_panes(handle, cell.row, cell.column)
    }

    /// Filter buttons on the first row of the range, which filter the rows under it.
    public func autofilter(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) throws {
        let first = try CellIndex(row: firstRow, column: firstColumn)
        let last = try CellIndex(row: lastRow, column: lastColumn)
        try XLSXError.check(
            worksheet_autofilter(handle, first.row, first.column, last.row, last.column),
            "sheet \"\(name)\": cannot set a filter")
    }

    /// Places `chart` with its top left corner in a cell, scaled from its default 480 × 288 pixels.
    public func insert(_ chart: XLSXChart, row: Int, column: Int, widthScale: Double = 1, heightScale: Double = 1)
        throws
    {
        precondition(chart.workbook === workbook, "chart of another workbook")
        let cell = try CellIndex(row: row, column: column)
        var options = lxw_chart_options()
        options.x_scale = widthScale
        options.y_scale = heightScale
        try XLSXError.check(
            worksheet_insert_chart_opt(handle, cell.row, cell.column, chart.handle, &options),
            "sheet \"\(name)\": cannot insert a chart")
    }

    private func format(_ format: XLSXFormat?) throws -> UnsafeMutablePointer<lxw_format>? {
        precondition(workbook.isOpen, "sheet \"\(name)\" used after its workbook was closed")
        return try format.map(workbook.handle(for:))
    }
}
