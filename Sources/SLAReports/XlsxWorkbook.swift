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

    /// A cell format.
    func format(bold: Bool = false, numberFormat: String? = nil, background: UInt32? = nil, fontColor: UInt32? = nil,
                wrap: Bool = false) -> OpaquePointer?
    {
        let format = workbook_add_format(workbook)
        if bold { format_set_bold(format) }
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
        worksheet_freeze_panes(sheet, 1, 0)
        try check(worksheet_autofilter(sheet, 0, 0, lxw_row_t(max(rows, 1) - 1), lxw_col_t(columns - 1)), "set filters")
        worksheet_set_landscape(sheet)
        worksheet_fit_to_pages(sheet, 1, 0)
        try check(worksheet_repeat_rows(sheet, 0, 0), "repeat the header row on print")
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
