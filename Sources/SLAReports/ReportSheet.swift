/// Writes a `ReportTable` on a sheet — the sheet side of "built once, written twice" — for the
/// breach workbook and the KAM workbooks alike.
enum ReportSheet {
    /// Writes `table` with its header at `headerRow`: the columns that have a Spanish label, in
    /// order; rows coloured by their tone; columns sized to fit. Returns the last row written.
    ///
    /// Rows past Excel's last row are left out with a note saying so (the CSV has them all). A
    /// second table under another keeps the first's widths (`fitColumns: false`).
    @discardableResult
    static func write(_ table: ReportTable, at headerRow: Int, on sheet: XlsxSheet, formats: ReportFormats,
                      fitColumns: Bool = true) throws(ReportError) -> Int
    {
        let shown = table.columns.indices.filter { table.columns[$0].label != nil }
        var widths = shown.map { Double(table.columns[$0].label?.count ?? 0) + 3 }
        for (column, index) in shown.enumerated() {
            try sheet.write(table.columns[index].label ?? "", row: headerRow, column: column, format: formats.header)
        }
        let room = XlsxSheet.lastRow - headerRow - 1
        let written = min(table.rows.count, room)
        for rowIndex in 0..<written {
            let values = table.rows[rowIndex]
            let row = headerRow + 1 + rowIndex
            let style = formats.style(rowIndex < table.tones.count ? table.tones[rowIndex] : .plain)
            for (column, index) in shown.enumerated() {
                switch values[index] {
                case let .text(text):
                    try sheet.write(text, row: row, column: column, format: style.text)
                    widths[column] = max(widths[column], Double(min(text.count, 60)) + 2)
                case let .code(_, label):
                    try sheet.write(label, row: row, column: column, format: style.text)
                    widths[column] = max(widths[column], Double(label.count) + 2)
                case let .count(count):
                    try sheet.write(Double(count), row: row, column: column, format: style.count)
                case let .hours(hours):
                    let signed = table.columns[index].style == .signedHours
                    try sheet.write(hours, row: row, column: column, format: signed ? style.signedHours : style.hours)
                    widths[column] = max(widths[column], Double(ReportValue.hours(hours).csvText.count) + 3)
                case let .seconds(seconds):
                    let hours = ReportValue.rounded(Double(seconds) / 3600)
                    let signed = table.columns[index].style == .signedHours
                    try sheet.write(hours, row: row, column: column, format: signed ? style.signedHours : style.hours)
                    widths[column] = max(widths[column], Double(ReportValue.hours(hours).csvText.count) + 3)
                case let .percent(percent):
                    try sheet.write(percent / 100, row: row, column: column, format: style.percent)
                case let .dateTime(instant):
                    try sheet.write(excelSerial(instant), row: row, column: column, format: style.dateTime)
                    widths[column] = max(widths[column], 18)
                case .empty:
                    if style.isColoured { try sheet.write("", row: row, column: column, format: style.text) }
                }
            }
        }
        if written < table.rows.count {
            try sheet.write("… y \(table.rows.count - written) filas más, que no caben en una hoja de Excel: están en el CSV.",
                            row: headerRow + 1 + written, column: 0, format: formats.note)
        }
        if fitColumns {
            for (column, width) in widths.enumerated() { try sheet.setColumn(column, width: min(width, 50)) }
        }
        return headerRow + written
    }
}

/// The cell formats of the report workbooks.
struct ReportFormats {
    /// The formats of one kind of row: text, counts, hours, percentages, date-times.
    struct RowStyle {
        let text, count, hours, signedHours, percent, dateTime: XlsxFormat
        let isColoured: Bool

        init(_ workbook: XlsxWorkbook, background: UInt32?) {
            isColoured = background != nil
            // Text indented one step, so it never touches the right-aligned number before it.
            text = workbook.format(background: background, indent: true)
            count = workbook.format(numberFormat: "0", background: background)
            hours = workbook.format(numberFormat: "0.00", background: background)
            signedHours = workbook.format(numberFormat: "+0.00;-0.00;0.00", background: background)
            percent = workbook.format(numberFormat: "0.00%", background: background)
            dateTime = workbook.format(numberFormat: "yyyy-mm-dd hh:mm", background: background)
        }
    }

    let title, subtitle, note, header: XlsxFormat
    let plain, breached, atRisk: RowStyle

    init(_ workbook: XlsxWorkbook) {
        title = workbook.format(bold: true, fontSize: 16)
        subtitle = workbook.format(bold: true, fontSize: 12)
        note = workbook.format(italic: true)
        header = workbook.format(bold: true, background: 0xD9E1F2, wrap: true, indent: true)
        plain = RowStyle(workbook, background: nil)
        breached = RowStyle(workbook, background: 0xF8CBAD)
        atRisk = RowStyle(workbook, background: 0xFFE699)
    }

    func style(_ tone: ReportTable.Tone) -> RowStyle {
        switch tone {
        case .plain: plain
        case .breached: breached
        case .atRisk: atRisk
        }
    }
}
