import CXlsxWriter
public import SLACore

/// `<kam>.xlsx`: the month a KAM forwards to a client without editing it — a summary page with the
/// figures per client, counts and three native charts placed to print on one landscape page, and
/// the cases, breaches and automatic closures behind it, one sheet each.
public enum KAMWorkbook {
    public static let sheetNames = ["Resumen", "Casos", "Incumplimientos", "Cierres automáticos"]

    /// Writes the workbook to `path` (the caller renames it into place).
    public static func write(_ month: KAMMonth, tables: MonthlyTables, producedAt: Instant, to path: String)
        throws(ReportError)
    {
        let workbook = try XlsxWorkbook(path: path)
        try workbook.setProperties(
            title: "Niveles de servicio de \(month.month.spanishName) — \(month.kamName)", author: month.kamName)
        let formats = Formats(workbook)

        let summary = try workbook.addSheet(sheetNames[0])
        try writeSummary(month, table: tables.summary, producedAt: producedAt, sheet: summary, workbook: workbook,
                         formats: formats)
        for (name, table) in zip(sheetNames.dropFirst(), [tables.cases, tables.breaches, tables.closures]) {
            let sheet = try workbook.addSheet(name)
            let last = try write(table, at: 0, on: sheet, formats: formats)
            if table.rows.isEmpty {
                try sheet.write(name == "Cierres automáticos" ? "Sin cierres automáticos en el mes."
                    : name == "Incumplimientos" ? "Sin incumplimientos en el mes." : "Sin casos en el mes.",
                    row: 2, column: 0, format: formats.note)
            }
            try sheet.makeTable(headerRow: 0, lastRow: last, columns: table.columns.count)
        }
        try workbook.close()
    }

    // MARK: The summary page

    private static func writeSummary(_ month: KAMMonth, table: ReportTable, producedAt: Instant, sheet: XlsxSheet,
                                     workbook: XlsxWorkbook, formats: Formats) throws(ReportError)
    {
        try sheet.write("Niveles de servicio — \(month.month.spanishName)", row: 0, column: 0, format: formats.title)
        try sheet.write("KAM: \(month.kamName) (\(month.kamID))", row: 1, column: 0, format: formats.subtitle)
        try sheet.write("Cifras al \(dateText(month.month.end)) (hora de Bogotá), producido el \(dateText(producedAt))",
                        row: 2, column: 0, format: formats.note)
        let note = month.clients.isEmpty ? "Sin clientes asignados a este KAM."
            : month.hasNoActivity
            ? "Sin actividad en el mes: ningún caso registrado, solucionado, cerrado, incumplido ni abierto al cierre."
            : "Cumplimiento = cumplidos ÷ (cumplidos + incumplidos); cada incumplimiento cuenta una vez, en el mes en que ocurrió. "
            + "Horas en el reloj de cada caso (hábil o 24x7)."
        try sheet.write(note, row: 3, column: 0, format: formats.note)

        let headerRow = 5
        let lastClientRow = try write(table, at: headerRow, on: sheet, formats: formats)
        try sheet.makeTable(headerRow: headerRow, lastRow: lastClientRow, columns: table.columns.count)

        // Counts side by side under the client table, each two columns wide.
        let countsRow = lastClientRow + 2
        let counts: [(String, [(String, Int)])] = [
            ("Tipo", month.registeredByType.map { (SpanishLabels.type($0.0), $0.1) }),
            ("Prioridad", month.registeredByPriority.map { (SpanishLabels.priority($0.0), $0.1) }),
            ("Producto", month.registeredByProduct.isEmpty ? [("—", 0)] : month.registeredByProduct),
            ("Semana", month.registeredByWeek.map { ("\(dayMonth($0.first))–\(dayMonth($0.last))", $0.count) }),
        ]
        try sheet.write("Casos registrados en el mes", row: countsRow, column: 0, format: formats.subtitle)
        var longest = 0
        for (index, (title, rows)) in counts.enumerated() {
            let column = index * 3
            try sheet.write(title, row: countsRow + 1, column: column, format: formats.header)
            try sheet.write("Casos", row: countsRow + 1, column: column + 1, format: formats.header)
            for (offset, (label, count)) in rows.enumerated() {
                try sheet.write(label, row: countsRow + 2 + offset, column: column, format: formats.text)
                try sheet.write(Double(count), row: countsRow + 2 + offset, column: column + 1, format: formats.count)
            }
            longest = max(longest, rows.count)
        }

        guard !month.hasNoActivity else { return }
        let chartsRow = countsRow + 2 + longest + 1
        let compliance = try workbook.addChart(LXW_CHART_BAR)
        compliance.setTitle("Cumplimiento de atención por cliente")
        compliance.addSeries(sheet: sheetNames[0], categoryColumn: 1, valueColumn: 8, firstRow: headerRow + 1,
                             lastRow: lastClientRow, name: "Cumplimiento", numberFormat: "0.0%")
        compliance.setValueAxis(horizontal: true, min: 0, max: 1, majorUnit: 0.25, numberFormat: "0%")
        compliance.hideLegend()
        compliance.reverseCategories()
        try sheet.insert(compliance, row: chartsRow, column: 0, xOffset: 0)

        let byType = try workbook.addChart(LXW_CHART_COLUMN)
        byType.setTitle("Casos registrados por tipo")
        byType.addSeries(sheet: sheetNames[0], categoryColumn: 0, valueColumn: 1, firstRow: countsRow + 2,
                         lastRow: countsRow + 1 + counts[0].1.count, name: "Casos")
        byType.hideLegend()
        byType.setValueAxis(min: 0, majorUnit: countStep(counts[0].1.map(\.1)), numberFormat: "0")
        try sheet.insert(byType, row: chartsRow, column: 0, xOffset: 500)

        let byWeek = try workbook.addChart(LXW_CHART_COLUMN)
        byWeek.setTitle("Casos registrados por semana")
        byWeek.addSeries(sheet: sheetNames[0], categoryColumn: 9, valueColumn: 10, firstRow: countsRow + 2,
                         lastRow: countsRow + 1 + counts[3].1.count, name: "Casos")
        byWeek.hideLegend()
        byWeek.setValueAxis(min: 0, majorUnit: countStep(counts[3].1.map(\.1)), numberFormat: "0")
        try sheet.insert(byWeek, row: chartsRow, column: 0, xOffset: 1000)
    }

    // MARK: Tables

    /// Writes `table` with its header at `headerRow`, sizes the columns to fit, and returns the
    /// last row written.
    @discardableResult
    static func write(_ table: ReportTable, at headerRow: Int, on sheet: XlsxSheet, formats: Formats)
        throws(ReportError) -> Int
    {
        var widths = table.columns.map { Double($0.label.count) + 3 }
        for (column, header) in table.columns.enumerated() {
            try sheet.write(header.label, row: headerRow, column: column, format: formats.header)
        }
        for (index, values) in table.rows.enumerated() {
            let row = headerRow + 1 + index
            for (column, value) in values.enumerated() {
                switch value {
                case let .text(text):
                    try sheet.write(text, row: row, column: column, format: formats.text)
                    widths[column] = max(widths[column], Double(text.count) + 2)
                case let .code(_, label):
                    try sheet.write(label, row: row, column: column, format: formats.text)
                    widths[column] = max(widths[column], Double(label.count) + 2)
                case let .count(count):
                    try sheet.write(Double(count), row: row, column: column, format: formats.count)
                case let .hours(hours):
                    try sheet.write(hours, row: row, column: column, format: formats.hours)
                    widths[column] = max(widths[column], Double(ReportValue.hours(hours).csvText.count) + 3)
                case let .percent(percent):
                    try sheet.write(percent / 100, row: row, column: column, format: formats.percent)
                case let .dateTime(instant):
                    try sheet.write(excelSerial(instant), row: row, column: column, format: formats.dateTime)
                    widths[column] = max(widths[column], 18)
                case .empty:
                    break
                }
            }
        }
        for (column, width) in widths.enumerated() { try sheet.setColumn(column, width: min(width, 50)) }
        return headerRow + table.rows.count
    }

    struct Formats {
        let title, subtitle, note, header, text, count, hours, percent, dateTime: OpaquePointer?

        init(_ workbook: XlsxWorkbook) {
            title = workbook.format(bold: true, fontSize: 16)
            subtitle = workbook.format(bold: true, fontSize: 12)
            note = workbook.format(italic: true)
            // Text indented one step, so it never touches the right-aligned number before it.
            header = workbook.format(bold: true, background: 0xD9E1F2, wrap: true, indent: true)
            text = workbook.format(indent: true)
            count = workbook.format(numberFormat: "0")
            hours = workbook.format(numberFormat: "0.00")
            percent = workbook.format(numberFormat: "0.00%")
            dateTime = workbook.format(numberFormat: "yyyy-mm-dd hh:mm")
        }
    }

    /// A whole step for an axis of counts, about five gridlines high.
    private static func countStep(_ counts: [Int]) -> Double {
        Double(max(1, ((counts.max() ?? 0) + 4) / 5))
    }

    private static func dateText(_ instant: Instant) -> String {
        let date = instant.localDate, second = instant.localSecondOfDay
        return "\(date) \(second / 3600 < 10 ? "0" : "")\(second / 3600):\(second / 60 % 60 < 10 ? "0" : "")\(second / 60 % 60)"
    }

    private static func dayMonth(_ date: LocalDate) -> String {
        "\(date.day < 10 ? "0" : "")\(date.day)/\(date.month < 10 ? "0" : "")\(date.month)"
    }
}
