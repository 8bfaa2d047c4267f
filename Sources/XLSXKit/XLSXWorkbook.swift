import CXLSX

/// A new .xlsx file written by libxlsxwriter. The workbook owns all it makes (sheets, formats, charts):
/// `close()` writes the file and frees them all (`workbook_close` frees even when writing fails), and
/// `deinit` frees a workbook that was never closed without writing anything. Sheets and charts keep
/// their workbook alive; using one after `close()` is a programming error. Build a workbook on one thread.
public final class XLSXWorkbook {
    let handle: UnsafeMutablePointer<lxw_workbook>
    public let path: String
    private(set) var isOpen = true
    private var formats: [XLSXFormat: UnsafeMutablePointer<lxw_format>] = [:]

    /// Starts a workbook; nothing is written to `path` until `close()`.
    public init(path: String) throws {
        guard let made = workbook_new(path) else {
            throw XLSXError("cannot start a workbook for \(path)", LXW_ERROR_MEMORY_MALLOC_FAILED)
        }
        handle = made
        self.path = path
    }

    deinit { if isOpen { lxw_workbook_free(handle) } }

    /// Adds a worksheet. The name must be one Excel takes: at most 31 characters, none of `[]:*?/\`, no
    /// apostrophe first or last, and not already used in this workbook (case-insensitive).
    public func addSheet(_ name: String) throws -> XLSXSheet {
        precondition(isOpen, "sheet added to a closed XLSXWorkbook")
        try XLSXError.check(workbook_validate_sheet_name(handle, name), "sheet name \"\(name)\"")
        guard let sheet = workbook_add_worksheet(handle, name) else {
            throw XLSXError("cannot add sheet \"\(name)\"", LXW_ERROR_MEMORY_MALLOC_FAILED)
        }
        return XLSXSheet(handle: sheet, workbook: self, name: name)
    }

    /// Adds a bar chart (horizontal bars), to be given series and placed on a sheet with `XLSXSheet.insert`.
    public func addBarChart() throws -> XLSXChart {
        precondition(isOpen, "chart added to a closed XLSXWorkbook")
        guard let chart = workbook_add_chart(handle, UInt8(LXW_CHART_BAR.rawValue)) else {
            throw XLSXError("cannot add a chart", LXW_ERROR_MEMORY_MALLOC_FAILED)
        }
        return XLSXChart(handle: chart, workbook: self)
    }

    /// The libxlsxwriter format for `format`, made on first use and shared after.
    func handle(for format: XLSXFormat) throws -> UnsafeMutablePointer<lxw_format> {
        precondition(isOpen, "format used in a closed XLSXWorkbook")
        if let made = formats[format] { return made }
        guard let made = workbook_add_format(handle) else {
            throw XLSXError("cannot add a cell format", LXW_ERROR_MEMORY_MALLOC_FAILED)
        }
        format.apply(to: made)
        formats[format] = made
        return made
    }

    /// Writes the file and frees the workbook; a failure (a missing folder, a full disk) is an `XLSXError`.
    public func close() throws {
        guard isOpen else { return }
        isOpen = false
        formats = [:]
        try XLSXError.check(workbook_close(handle), "cannot write \(path)")
    }
}
