import CXlsxWriter
import Foundation
import SLACore

/// A workbook being written through libxlsxwriter; every `lxw_error` becomes a `ReportError` at
/// the call. Text is always written as text (`worksheet_write_string`), so a summary starting with
/// `=` never becomes a formula.
final class XlsxWorkbook {
    private let workbook: UnsafeMutablePointer<lxw_workbook>
    private var closed = false

    init(path: String) throws(ReportError) {
        guard let workbook = workbook_new(path) else { throw ReportError("cannot create the workbook \(path)") }
        self.workbook = workbook
    }

    deinit {
        if !closed { workbook_close(workbook) }
    }

    /// Sets the title and author a file browser and Excel's properties show.
    func setProperties(title: String, author: String) throws(ReportError) {
        // libxlsxwriter copies the strings; these copies live until the call returns.
        let title = strdup(title), author = strdup(author)
        defer {
            free(title)
            free(author)
        }
        var properties = lxw_doc_properties()
        properties.title = title
        properties.author = author
        try check(workbook_set_properties(workbook, &properties), "set the workbook's properties")
    }

    func addSheet(_ name: String) throws(ReportError) -> XlsxSheet {
        guard let sheet = workbook_add_worksheet(workbook, name) else { throw ReportError("cannot add the sheet \(name)") }
        return XlsxSheet(sheet: sheet)
    }

    /// A native Excel chart, to be placed on a sheet with `XlsxSheet.insert`.
    func addChart(_ type: lxw_chart_type) throws(ReportError) -> XlsxChart {
        guard let chart = workbook_add_chart(workbook, UInt8(type.rawValue)) else { throw ReportError("cannot add a chart") }
        return XlsxChart(chart: chart)
    }

    /// A cell format.
    func format(bold: Bool = false, numberFormat: String? = nil, background: UInt32? = nil, fontColor: UInt32? = nil,
                wrap: Bool = false, fontSize: Double? = nil, italic: Bool = false, indent: Bool = false) -> OpaquePointer?
    {
        let format = workbook_add_format(workbook)
        if indent { format_set_indent(format, 1) }
        if bold { format_set_bold(format) }
        if italic { format_set_italic(format) }
        if let fontSize { format_set_font_size(format, fontSize) }
        if let numberFormat { format_set_num_format(format, numberFormat) }
        if let background { format_set_bg_color(format, background) }
        if let fontColor { format_set_font_color(format, fontColor) }
        if wrap { format_set_text_wrap(format) }
        return OpaquePointer(format)
    }

    func close() throws(ReportError) {
        closed = true
        try check(workbook_close(workbook), "write the workbook")
    }
}

/// One sheet of an `XlsxWorkbook`.
struct XlsxSheet {
    let sheet: UnsafeMutablePointer<lxw_worksheet>

    func write(_ text: String, row: Int, column: Int, format: OpaquePointer? = nil) throws(ReportError) {
        try check(worksheet_write_string(sheet, lxw_row_t(row), lxw_col_t(column), text, UnsafeMutablePointer(format)),
                  "write row \(row) column \(column)")
    }

    func write(_ number: Double, row: Int, column: Int, format: OpaquePointer? = nil) throws(ReportError) {
        try check(worksheet_write_number(sheet, lxw_row_t(row), lxw_col_t(column), number, UnsafeMutablePointer(format)),
                  "write row \(row) column \(column)")
    }

    func setColumn(_ column: Int, width: Double) throws(ReportError) {
        try check(worksheet_set_column(sheet, lxw_col_t(column), lxw_col_t(column), width, nil), "set a column's width")
    }

    /// Frozen header row, filters over the table, landscape, one page wide, header repeated on print.
    func makeTable(rows: Int, columns: Int) throws(ReportError) {
        try makeTable(headerRow: 0, lastRow: max(rows, 1) - 1, columns: columns)
    }

    /// The same for a table whose header is `headerRow` (rows above it are titles).
    func makeTable(headerRow: Int, lastRow: Int, columns: Int) throws(ReportError) {
        worksheet_freeze_panes(sheet, lxw_row_t(headerRow + 1), 0)
        try check(worksheet_autofilter(sheet, lxw_row_t(headerRow), 0, lxw_row_t(max(lastRow, headerRow)),
                                       lxw_col_t(columns - 1)), "set filters")
        worksheet_set_landscape(sheet)
        worksheet_fit_to_pages(sheet, 1, 0)
        try check(worksheet_repeat_rows(sheet, lxw_row_t(headerRow), lxw_row_t(headerRow)), "repeat the header row on print")
    }

    /// Places `chart` with its top left corner in the cell at `row`, `column`, scaled.
    func insert(_ chart: XlsxChart, row: Int, column: Int, xOffset: Int = 0, xScale: Double = 1, yScale: Double = 1)
        throws(ReportError)
    {
        var options = lxw_chart_options()
        options.x_offset = Int32(xOffset)
        options.x_scale = xScale
        options.y_scale = yScale
        try check(worksheet_insert_chart_opt(sheet, lxw_row_t(row), lxw_col_t(column), chart.chart, &options),
                  "insert a chart")
    }
}

/// A native chart of an `XlsxWorkbook`: its series refer to cell ranges of a sheet.
struct XlsxChart {
    let chart: UnsafeMutablePointer<lxw_chart>

    /// A series of the values in `column` of `sheet`, rows `firstRow...lastRow`, named by the
    /// categories in `categoryColumn`.
    func addSeries(sheet: String, categoryColumn: Int, valueColumn: Int, firstRow: Int, lastRow: Int, name: String,
                   numberFormat: String? = nil)
    {
        let series = chart_add_series(chart, nil, nil)
        chart_series_set_categories(series, sheet, lxw_row_t(firstRow), lxw_col_t(categoryColumn), lxw_row_t(lastRow),
                                    lxw_col_t(categoryColumn))
        chart_series_set_values(series, sheet, lxw_row_t(firstRow), lxw_col_t(valueColumn), lxw_row_t(lastRow),
                                lxw_col_t(valueColumn))
        chart_series_set_name(series, name)
        chart_series_set_labels(series)
        if let numberFormat { chart_series_set_labels_num_format(series, numberFormat) }
    }

    func setTitle(_ title: String) { chart_title_set_name(chart, title) }
    /// Lists the categories of a bar chart top-down, in the order of the table.
    func reverseCategories() { chart_axis_set_reverse(chart.pointee.y_axis) }
    func hideLegend() { chart_legend_set_position(chart, UInt8(LXW_CHART_LEGEND_NONE.rawValue)) }
    /// The axis of the values: the vertical one, or the horizontal one of a bar chart.
    func setValueAxis(horizontal: Bool = false, min: Double? = nil, max: Double? = nil, majorUnit: Double? = nil,
                      numberFormat: String? = nil)
    {
        let axis = horizontal ? chart.pointee.x_axis : chart.pointee.y_axis
        if let min { chart_axis_set_min(axis, min) }
        if let max { chart_axis_set_max(axis, max) }
        if let majorUnit { chart_axis_set_major_unit(axis, majorUnit) }
        if let numberFormat { chart_axis_set_num_format(axis, numberFormat) }
    }
}

private func check(_ error: lxw_error, _ action: String) throws(ReportError) {
    guard error == LXW_NO_ERROR else {
        throw ReportError("libxlsxwriter could not \(action): \(String(cString: lxw_strerror(error)))")
    }
}

/// Excel's serial date-time for an instant, as Bogotá wall-clock time (days since 1899-12-30).
func excelSerial(_ instant: Instant) -> Double {
    let local = instant.secondsSince1970 + Bogota.utcOffsetSeconds
    return Double(local) / 86_400 + 25_569
}
