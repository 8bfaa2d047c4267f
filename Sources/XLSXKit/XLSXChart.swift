import CXLSX

/// A chart of an `XLSXWorkbook` (which owns it and is kept alive by it): series of cells of a sheet,
/// placed on a sheet with `XLSXSheet.insert`. libxlsxwriter reads the cells' values into the chart when
/// the workbook is closed, so write them first or last, as long as it is before `close()`.
public final class XLSXChart {
    let handle: UnsafeMutablePointer<lxw_chart>
    public let workbook: XLSXWorkbook

    init(handle: UnsafeMutablePointer<lxw_chart>, workbook: XLSXWorkbook) {
        self.handle = handle
        self.workbook = workbook
    }

    /// A series: the values in rows `firstRow...lastRow` of column `values` of `sheet`, labelled by the
    /// same rows of column `categories`. `name` is literal text (the legend and tooltips show it).
    public func addSeries(
        name: String, sheet: XLSXSheet, categories: Int, values: Int, firstRow: Int, lastRow: Int
    ) throws {
        precondition(workbook.isOpen && sheet.workbook === workbook, "series from a closed or another workbook")
        let firstLabel = try CellIndex(row: firstRow, column: categories)
        let lastValue = try CellIndex(row: lastRow, column: values)
        guard firstLabel.row <= lastValue.row else {
            throw XLSXError("chart series \"\(name)\"", message: "rows \(firstRow)...\(lastRow) hold no cell")
        }
        guard let series = chart_add_series(handle, nil, nil) else {
            throw XLSXError("cannot add chart series \"\(name)\"", LXW_ERROR_MEMORY_MALLOC_FAILED)
        }
        chart_series_set_categories(
            series, sheet.name, firstLabel.row, firstLabel.column, lastValue.row, firstLabel.column)
        chart_series_set_values(series, sheet.name, firstLabel.row, lastValue.column, lastValue.row, lastValue.column)
        // A name starting with "=" would be read as a cell reference; a leading space keeps it literal text.
        chart_series_set_name(series, name.hasPrefix("=") ? " " + name : name)
    }

    /// The title above the chart (literal text, as the series name).
    public func setTitle(_ title: String) {
        precondition(workbook.isOpen, "chart used after its workbook was closed")
        chart_title_set_name(handle, title.hasPrefix("=") ? " " + title : title)
    }

    /// The number format of the value axis, e.g. `0%`, and its lower end.
    public func setValueAxis(numberFormat: String, minimum: Double) {
        precondition(workbook.isOpen, "chart used after its workbook was closed")
        // A bar chart's bars run along x, so libxlsxwriter's x axis is its value axis (drawn at the bottom).
        chart_axis_set_num_format(handle.pointee.x_axis, numberFormat)
        chart_axis_set_min(handle.pointee.x_axis, minimum)
    }

    /// No legend: a chart of one series says what it shows in its title.
    public func hideLegend() {
        precondition(workbook.isOpen, "chart used after its workbook was closed")
        chart_legend_set_position(handle, UInt8(LXW_CHART_LEGEND_NONE.rawValue))
    }
}
