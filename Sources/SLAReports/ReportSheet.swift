/// Writes a `ReportTable` on a sheet — the sheet side of "built once, written twice" — for the
/// breach workbook and the KAM workbooks alike.
enum ReportSheet {
    /// Writes `table` with its header at `headerRow`: the columns that have a Spanish label, in
    /// order; rows coloured by their tone; columns sized to fit. Returns the last row written.
    ///
    /// Rows past Excel's last row are left out with a note saying so (the CSV has them all). A
    /// second table under another keeps the first's widths (`fitColumns: false`).
    /// The widest a text column gets, in characters; longer text wraps.
    static let textWidth = 32

    @discardableResult
    static func write(
        _ table: ReportTable, at headerRow: Int, on sheet: XlsxSheet, formats: ReportFormats,
        fitColumns: Bool = true
    ) throws(ReportError) -> Int {
        let shown = table.columns.indices.filter { table.columns[$0].label != nil }
        // Headers wrap (two lines): a column is as wide as its values and its longest header word.
        var widths = shown.map { Double(table.columns[$0].label?.split(separator: " ").map(\.count).max() ?? 4) + 3 }
        for (column, index) in shown.enumerated() {
            try sheet.write(table.columns[index].label ?? "", row: headerRow, column: column, format: formats.header)
        }
        let room = XlsxSheet.lastRow - headerRow - 1
        let written = min(table.rows.count, room)
        for rowIndex in 0..<written {
            let values = table.rows[rowIndex]
            let row = headerRow + 1 + rowIndex
            let style = formats.style(rowIndex < table.tones.count ? table.tones[rowIndex] : .plain)
            // Lines the row's wrapped text needs: set, since not every spreadsheet grows a row itself.
            // Only the row's height: a row libxlsxwriter refuses keeps the default one.
            var lines = 1
            defer { if lines > 1 { try? sheet.setRowHeight(row, lines: min(lines, 4)) } }
            for (column, index) in shown.enumerated() {
                switch values[index] {
                case .text(let text):
                    // Long text wraps inside its column rather than widening the printed page.
                    try sheet.write(
                        text, row: row, column: column, format: text.count > Self.textWidth ? style.wrapped : style.text)
                    lines = max(lines, (text.count + Self.textWidth - 1) / Self.textWidth)
                    widths[column] = max(widths[column], Double(min(text.count, Self.textWidth)) + 2)
                case .code(_, let label):
                    try sheet.write(label, row: row, column: column, format: style.text)
                    widths[column] = max(widths[column], Double(label.count) + 2)
                case .count(let count):
                    try sheet.write(Double(count), row: row, column: column, format: style.count)
                case .hours(let hours):
                    let signed = table.columns[index].style == .signedHours
                    try sheet.write(hours, row: row, column: column, format: signed ? style.signedHours : style.hours)
                    widths[column] = max(widths[column], Double(ReportValue.hours(hours).csvText.count) + 3)
                case .seconds(let seconds):
                    let hours = ReportValue.rounded(Double(seconds) / 3600)
                    let signed = table.columns[index].style == .signedHours
                    try sheet.write(hours, row: row, column: column, format: signed ? style.signedHours : style.hours)
                    widths[column] = max(widths[column], Double(ReportValue.hours(hours).csvText.count) + 3)
                case .percent(let percent):
                    try sheet.write(percent / 100, row: row, column: column, format: style.percent)
                case .dateTime(let instant):
                    try sheet.write(excelSerial(instant), row: row, column: column, format: style.dateTime)
                    widths[column] = max(widths[column], 15)
                case .empty:
                    if style.isColoured { try sheet.write("", row: row, column: column, format: style.text) }
                }
            }
        }
        if written < table.rows.count {
            try sheet.write(
                "… y \(table.rows.count - written) filas más, que no caben en una hoja de Excel: están en el CSV.",
                row: headerRow + 1 + written, column: 0, format: formats.note)
        }
        if fitColumns {
            for (column, width) in widths.enumerated() {
                try sheet.setColumn(column, width: min(width, Double(Self.textWidth) + 2))
            }
        }
        // The header row as tall as its most wrapped label (under another table's widths, a guess
        // on the safe side).
        let lines =
            zip(shown, widths).map { index, width in
                let label = Double(table.columns[index].label?.count ?? 0)
                return Int((label / max(min(width, Double(Self.textWidth)) - 2, 4)).rounded(.up)) + (fitColumns ? 0 : 1)
            }.max() ?? 1
        try sheet.setRowHeight(headerRow, lines: min(max(lines, 1), 4))
        return headerRow + written
    }
}

/// The cell formats of the report workbooks.
struct ReportFormats {
    /// The formats of one kind of row: text, counts, hours, percentages, date-times.
    struct RowStyle {
        let text, wrapped, count, hours, signedHours, percent, dateTime: XlsxFormat
        let isColoured: Bool

        init(_ workbook: XlsxWorkbook, background: UInt32?, bold: Bool = false) {
            isColoured = background != nil
            // Text indented one step, so it never touches the right-aligned number before it.
            text = workbook.format(bold: bold, background: background, indent: true)
            wrapped = workbook.format(bold: bold, background: background, wrap: true, indent: true)
            count = workbook.format(bold: bold, numberFormat: "0", background: background)
            hours = workbook.format(bold: bold, numberFormat: "0.00", background: background)
            signedHours = workbook.format(bold: bold, numberFormat: "+0.00;-0.00;0.00", background: background)
            percent = workbook.format(bold: bold, numberFormat: "0.00%", background: background)
            // Day first, as Colombia writes dates; two-digit year, so five date columns fit a page.
            dateTime = workbook.format(bold: bold, numberFormat: "dd/mm/yy hh:mm", background: background)
        }
    }

    let title, subtitle, note, header: XlsxFormat
    let plain, breached, atRisk, total: RowStyle

    init(_ workbook: XlsxWorkbook) {
        title = workbook.format(bold: true, fontSize: 16)
        subtitle = workbook.format(bold: true, fontSize: 12)
        note = workbook.format(italic: true)
        header = workbook.format(bold: true, background: 0xD9E1F2, wrap: true, indent: true)
        plain = RowStyle(workbook, background: nil)
        breached = RowStyle(workbook, background: 0xF8CBAD)
        atRisk = RowStyle(workbook, background: 0xFFE699)
        total = RowStyle(workbook, background: 0xF2F2F2, bold: true)
    }

    func style(_ tone: ReportTable.Tone) -> RowStyle {
        switch tone {
        case .plain: plain
        case .breached: breached
        case .atRisk: atRisk
        case .total: total
        }
    }
}
