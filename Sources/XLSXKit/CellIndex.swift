import CXLSX

/// A zero-based cell position as libxlsxwriter takes it. Built from Swift `Int`s with a check, so a row
/// beyond a sheet is an error rather than a trap in the narrowing conversion.
struct CellIndex {
    let row: lxw_row_t
    let column: lxw_col_t

    init(row: Int, column: Int) throws {
        guard (0..<Int(LXW_ROW_MAX)).contains(row), (0..<Int(LXW_COL_MAX)).contains(column),
            let row = lxw_row_t(exactly: row), let column = lxw_col_t(exactly: column)
        else {
            throw XLSXError(
                "cell (row \(row), column \(column))",
                message: "beyond a sheet of \(LXW_ROW_MAX) rows and \(LXW_COL_MAX) columns")
        }
        self.row = row
        self.column = column
    }
}
