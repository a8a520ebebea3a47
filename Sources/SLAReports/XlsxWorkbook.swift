import CXlsxWriter
import Foundation
import SLACore

/// A workbook being written through libxlsxwriter — the one file that speaks to the C library.
///
/// Every `lxw_error` becomes a `ReportError` at the call, named after the system error behind it
/// when there is one (a full disk, a refused folder). Text is always written as text
/// (`worksheet_write_string`), so a summary starting with `=` never becomes a formula; every text
/// — cells, sheet and chart names, document properties — goes through `XlsxText.safe`, so no
/// control character reaches the XML and no cell is longer than Excel allows.
final class XlsxWorkbook {
    private let workbook: UnsafeMutablePointer<lxw_workbook>
    private let path: String
    /// libxlsxwriter may keep the pointer: it lives as long as the workbook.
    private let temporaryFolder: UnsafeMutablePointer<CChar>?
    private var closed = false

    init(path: String) throws(ReportError) {
        self.path = path
        temporaryFolder = strdup(Self.workingFolder(besides: path))
        var options = lxw_workbook_options()
        options.tmpdir = temporaryFolder
        errno = 0
        guard let workbook = workbook_new_opt(path, &options) else {
            free(temporaryFolder)
            throw ReportError.system(errno == 0 ? EIO : errno, path, doing: "create the workbook")
        }
        self.workbook = workbook
    }

    /// Where libxlsxwriter keeps its working files — a score of them per workbook, created and deleted:
    /// in memory (`/dev/shm`) when it is there with room to spare, since creating thousands of
    /// files on a disk file system costs more than everything else in a month's reports (a KAM's
    /// workbook and one per client); else beside the workbook, on the file system it goes to. The
    /// workbook itself is always written at its path, so a full report disk is found and named.
    static func workingFolder(besides path: String) -> String {
        let memory = "/dev/shm"
        var stats = statvfs()
        if access(memory, W_OK | X_OK) == 0, statvfs(memory, &stats) == 0,
            UInt64(stats.f_bavail) * UInt64(stats.f_frsize) >= 512 << 20
        {
            return memory
        }
        return URL(fileURLWithPath: path).deletingLastPathComponent().path
    }

    deinit {
        if !closed { workbook_close(workbook) }
        free(temporaryFolder)
    }

    /// Sets the title and author a file browser and Excel's properties show, and the instant the
    /// workbook says it was created: given, so the same night or month writes the same file
    /// (libxlsxwriter would take the clock's second otherwise).
    func setProperties(title: String, author: String, created: Instant) throws(ReportError) {
        // libxlsxwriter copies the strings; these copies live until the call returns.
        let title = strdup(XlsxText.safe(title, limit: 255))
        let author = strdup(XlsxText.safe(author, limit: 255))
        defer {
            free(title)
            free(author)
        }
        var properties = lxw_doc_properties()
        properties.title = title
        properties.author = author
        properties.created = time_t(created.secondsSince1970)
        try check(workbook_set_properties(workbook, &properties), "set the workbook's properties")
    }

    func addSheet(_ name: String) throws(ReportError) -> XlsxSheet {
        guard let sheet = workbook_add_worksheet(workbook, XlsxText.safe(name, limit: 31)) else {
            throw ReportError(.ioFailure, "libxlsxwriter could not add the sheet \(name) to \(path)")
        }
        return XlsxSheet(sheet: sheet, path: path)
    }

    /// A native Excel chart, to be placed on a sheet with `XlsxSheet.insert`.
    func addChart(_ kind: XlsxChart.Kind) throws(ReportError) -> XlsxChart {
        let type =
            switch kind {
            case .bar: LXW_CHART_BAR
            case .column: LXW_CHART_COLUMN
            case .line: LXW_CHART_LINE
            case .stackedBar: LXW_CHART_BAR_STACKED
            }
        guard let chart = workbook_add_chart(workbook, UInt8(type.rawValue)) else {
            throw ReportError(.ioFailure, "libxlsxwriter could not add a chart to \(path)")
        }
        return XlsxChart(chart: chart)
    }

    /// A cell format.
    func format(
        bold: Bool = false, numberFormat: String? = nil, background: UInt32? = nil, fontColor: UInt32? = nil,
        wrap: Bool = false, fontSize: Double? = nil, italic: Bool = false, indent: Bool = false
    ) -> XlsxFormat {
        let format = workbook_add_format(workbook)
        if indent { format_set_indent(format, 1) }
        if bold { format_set_bold(format) }
        if italic { format_set_italic(format) }
        if let fontSize { format_set_font_size(format, fontSize) }
        if let numberFormat { format_set_num_format(format, numberFormat) }
        if let background { format_set_bg_color(format, background) }
        if let fontColor { format_set_font_color(format, fontColor) }
        if wrap { format_set_text_wrap(format) }
        return XlsxFormat(pointer: format)
    }

    func close() throws(ReportError) {
        closed = true
        errno = 0
        let error = workbook_close(workbook)
        guard error == LXW_NO_ERROR else { throw failure(error, path, "write the workbook") }
    }
}

/// A cell format of an `XlsxWorkbook`.
struct XlsxFormat {
    fileprivate let pointer: UnsafeMutablePointer<lxw_format>?
}

/// One sheet of an `XlsxWorkbook`.
struct XlsxSheet {
    fileprivate let sheet: UnsafeMutablePointer<lxw_worksheet>
    fileprivate let path: String

    /// Excel's last row, counting from 0.
    static let lastRow = 1_048_575

    func write(_ text: String, row: Int, column: Int, format: XlsxFormat? = nil) throws(ReportError) {
        try check(
            worksheet_write_string(sheet, try cell(row), lxw_col_t(column), XlsxText.safe(text), format?.pointer),
            "write row \(row) column \(column) of \(path)")
    }

    func write(_ number: Double, row: Int, column: Int, format: XlsxFormat? = nil) throws(ReportError) {
        try check(
            worksheet_write_number(sheet, try cell(row), lxw_col_t(column), number, format?.pointer),
            "write row \(row) column \(column) of \(path)")
    }

    private func cell(_ row: Int) throws(ReportError) -> lxw_row_t {
        guard let value = lxw_row_t(exactly: row), row <= Self.lastRow else {
            throw ReportError(.ioFailure, "row \(row) is past Excel's last row (\(Self.lastRow + 1)) in \(path)")
        }
        return value
    }

    func setColumn(_ column: Int, width: Double) throws(ReportError) {
        try check(worksheet_set_column(sheet, lxw_col_t(column), lxw_col_t(column), width, nil), "set a column's width")
    }

    /// A row `lines` lines of text high, for a header whose labels wrap.
    func setRowHeight(_ row: Int, lines: Int) throws(ReportError) {
        try check(worksheet_set_row(sheet, try cell(row), 15 * Double(lines), nil), "set a row's height")
    }

    /// Frozen header row, filters over the table, header repeated on print.
    func makeTable(headerRow: Int, lastRow: Int, columns: Int) throws(ReportError) {
        let header = try cell(headerRow)
        let last = try cell(max(lastRow, headerRow))
        worksheet_freeze_panes(sheet, header + 1, 0)
        try check(worksheet_autofilter(sheet, header, 0, last, lxw_col_t(max(columns, 1) - 1)), "set filters")
        try check(worksheet_repeat_rows(sheet, header, header), "repeat the header row on print")
    }

    /// SPEC §8's printing rule, for every sheet this program writes: landscape on letter paper
    /// (Colombia's), one page wide and as many tall as needed, and a footer with `footer` on the
    /// left, the sheet's name in the middle and `Página N de M` on the right.
    func preparePrint(footer: String) throws(ReportError) {
        worksheet_set_landscape(sheet)
        worksheet_set_paper(sheet, 1)
        worksheet_set_margins(sheet, 0.4, 0.4, 0.6, 0.6)
        worksheet_fit_to_pages(sheet, 1, 0)
        // & starts a code in a header or footer: a literal one is written twice.
        let left = XlsxText.safe(String(footer.prefix(100))).replacingOccurrences(of: "&", with: "&&")
        try check(worksheet_set_footer(sheet, "&L\(left)&C&A&RPágina &P de &N"), "set the page footer")
    }

    /// The width of `column`, and the format of its empty cells (a wrapping one for long text).
    func setColumn(_ column: Int, width: Double, format: XlsxFormat) throws(ReportError) {
        try check(
            worksheet_set_column(sheet, lxw_col_t(column), lxw_col_t(column), width, format.pointer),
            "set a column's width")
    }

    /// Places `chart` with its top left corner in the cell at `row`, `column`, scaled.
    func insert(_ chart: XlsxChart, row: Int, column: Int, xOffset: Int = 0, xScale: Double = 1, yScale: Double = 1)
        throws(ReportError)
    {
        var options = lxw_chart_options()
        options.x_offset = Int32(clamping: xOffset)
        options.x_scale = xScale
        options.y_scale = yScale
        try check(
            worksheet_insert_chart_opt(sheet, try cell(row), lxw_col_t(column), chart.chart, &options),
            "insert a chart")
    }
}

/// A native chart of an `XlsxWorkbook`: its series refer to cell ranges of a sheet.
struct XlsxChart {
    enum Kind {
        /// Horizontal bars.
        case bar
        /// Vertical columns.
        case column
        /// Lines over categories (months).
        case line
        /// Horizontal bars, each series stacked on the one before: the parts of a whole.
        case stackedBar
    }

    fileprivate let chart: UnsafeMutablePointer<lxw_chart>

    /// A series of the values in `column` of `sheet`, rows `firstRow...lastRow`, named by the
    /// categories in `categoryColumn`.
    func addSeries(
        sheet: String, categoryColumn: Int, valueColumn: Int, firstRow: Int, lastRow: Int, name: String,
        numberFormat: String? = nil, labels: Bool = true
    ) {
        let first = lxw_row_t(clamping: firstRow)
        let last = lxw_row_t(clamping: lastRow)
        let series = chart_add_series(chart, nil, nil)
        chart_series_set_categories(series, sheet, first, lxw_col_t(categoryColumn), last, lxw_col_t(categoryColumn))
        chart_series_set_values(series, sheet, first, lxw_col_t(valueColumn), last, lxw_col_t(valueColumn))
        chart_series_set_name(series, XlsxText.safe(name, limit: 255))
        if labels { chart_series_set_labels(series) }
        if let numberFormat { chart_series_set_labels_num_format(series, numberFormat) }
    }

    /// A line series without data labels: `values` rows of `sheet` over the `categories` rows.
    /// `dashed` for a target drawn beside the figures.
    func addLine(
        sheet: String, categoryColumn: Int, valueColumn: Int, firstRow: Int, lastRow: Int, name: String,
        dashed: Bool = false
    ) {
        let first = lxw_row_t(clamping: firstRow)
        let last = lxw_row_t(clamping: lastRow)
        let series = chart_add_series(chart, nil, nil)
        chart_series_set_categories(series, sheet, first, lxw_col_t(categoryColumn), last, lxw_col_t(categoryColumn))
        chart_series_set_values(series, sheet, first, lxw_col_t(valueColumn), last, lxw_col_t(valueColumn))
        chart_series_set_name(series, XlsxText.safe(name, limit: 255))
        if dashed {
            var line = lxw_chart_line()
            line.dash_type = UInt8(LXW_CHART_LINE_DASH_DASH.rawValue)
            line.width = 1.5
            chart_series_set_line(series, &line)
        } else {
            chart_series_set_marker_type(series, UInt8(LXW_CHART_MARKER_CIRCLE.rawValue))
        }
    }

    /// The legend under the plot, where the names of several clients fit.
    func legendAtBottom() { chart_legend_set_position(chart, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue)) }

    func setTitle(_ title: String) { chart_title_set_name(chart, XlsxText.safe(title, limit: 255)) }
    /// Lists the categories of a bar chart top-down, in the order of the table.
    func reverseCategories() { chart_axis_set_reverse(chart.pointee.y_axis) }
    func hideLegend() { chart_legend_set_position(chart, UInt8(LXW_CHART_LEGEND_NONE.rawValue)) }
    /// The axis of the values: the vertical one, or the horizontal one of a bar chart.
    func setValueAxis(
        horizontal: Bool = false, min: Double? = nil, max: Double? = nil, majorUnit: Double? = nil,
        numberFormat: String? = nil
    ) {
        let axis = horizontal ? chart.pointee.x_axis : chart.pointee.y_axis
        if let min { chart_axis_set_min(axis, min) }
        if let max { chart_axis_set_max(axis, max) }
        if let majorUnit { chart_axis_set_major_unit(axis, majorUnit) }
        if let numberFormat { chart_axis_set_num_format(axis, numberFormat) }
    }
}

/// The libxlsxwriter the binary is linked with.
public enum XlsxWriterLibrary {
    /// Its version, e.g. `1.1.4`; `sla --version` prints it so a bug report says which one wrote a workbook.
    public static var version: String { String(cString: lxw_version()) }
}

private func check(_ error: lxw_error, _ action: String) throws(ReportError) {
    guard error == LXW_NO_ERROR else {
        throw ReportError(.ioFailure, "libxlsxwriter could not \(action): \(String(cString: lxw_strerror(error)))")
    }
}

/// A failure of libxlsxwriter while writing `path`, named after the system error behind it when
/// there is one.
private func failure(_ error: lxw_error, _ path: String, _ action: String) -> ReportError {
    let number = errno
    if number != 0 {
        var failure = ReportError.system(number, path, doing: action)
        if failure.code == .ioFailure {
            failure.message += " (libxlsxwriter: \(String(cString: lxw_strerror(error))))"
        }
        return failure
    }
    return ReportError(.ioFailure, "libxlsxwriter could not \(action) \(path): \(String(cString: lxw_strerror(error)))")
}

/// Excel's serial date-time for an instant, as Bogotá wall-clock time (days since 1899-12-30).
func excelSerial(_ instant: Instant) -> Double {
    let local = instant.secondsSince1970 + Bogota.utcOffsetSeconds
    return Double(local) / 86_400 + 25_569
}
