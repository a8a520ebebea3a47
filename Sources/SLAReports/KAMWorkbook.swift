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
        let formats = ReportFormats(workbook)

        // Short: a footer's third of the page holds a line; the title says when it was produced.
        let footer = "\(month.month.spanishName.prefix(1).uppercased())\(month.month.spanishName.dropFirst()), al cierre del mes"
        let summary = try workbook.addSheet(sheetNames[0])
        try summary.preparePrint(footer: footer)
        let lastRow = try writeSummary(month, table: tables.summary, producedAt: producedAt, sheet: summary,
                                       workbook: workbook, formats: formats)
        try writeTerms(tables.terms, at: lastRow + 2, on: summary, formats: formats)
        for (name, table) in zip(sheetNames.dropFirst(), [tables.cases, tables.breaches, tables.closures]) {
            let sheet = try workbook.addSheet(name)
            try sheet.preparePrint(footer: footer)
            let last = try ReportSheet.write(table, at: 0, on: sheet, formats: formats)
            if table.rows.isEmpty {
                try sheet.write(name == "Cierres automáticos" ? "Sin cierres automáticos en el mes."
                    : name == "Incumplimientos" ? "Sin incumplimientos en el mes." : "Sin casos en el mes.",
                    row: 2, column: 0, format: formats.note)
            }
            try sheet.makeTable(headerRow: 0, lastRow: last, columns: table.columns.filter { $0.label != nil }.count)
        }
        try workbook.close()
    }

    // MARK: The summary page

    /// Writes the figures, the counts and the charts; returns the last row they take.
    private static func writeSummary(_ month: KAMMonth, table: ReportTable, producedAt: Instant, sheet: XlsxSheet,
                                     workbook: XlsxWorkbook, formats: ReportFormats) throws(ReportError) -> Int
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
        let lastClientRow = try ReportSheet.write(table, at: headerRow, on: sheet, formats: formats)
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
                try sheet.write(label, row: countsRow + 2 + offset, column: column, format: formats.plain.text)
                try sheet.write(Double(count), row: countsRow + 2 + offset, column: column + 1, format: formats.plain.count)
            }
            longest = max(longest, rows.count)
        }

        let chartsRow = countsRow + 2 + longest + 1
        guard !month.hasNoActivity else { return chartsRow - 2 }
        let compliance = try workbook.addChart(.bar)
        compliance.setTitle("Cumplimiento de atención por cliente")
        compliance.addSeries(sheet: sheetNames[0], categoryColumn: 1, valueColumn: 8, firstRow: headerRow + 1,
                             lastRow: lastClientRow, name: "Cumplimiento", numberFormat: "0.0%")
        compliance.setValueAxis(horizontal: true, min: 0, max: 1, majorUnit: 0.25, numberFormat: "0%")
        compliance.hideLegend()
        compliance.reverseCategories()
        try sheet.insert(compliance, row: chartsRow, column: 0, xOffset: 0)

        let byType = try workbook.addChart(.column)
        byType.setTitle("Casos registrados por tipo")
        byType.addSeries(sheet: sheetNames[0], categoryColumn: 0, valueColumn: 1, firstRow: countsRow + 2,
                         lastRow: countsRow + 1 + counts[0].1.count, name: "Casos")
        byType.hideLegend()
        byType.setValueAxis(min: 0, majorUnit: countStep(counts[0].1.map(\.1)), numberFormat: "0")
        try sheet.insert(byType, row: chartsRow, column: 0, xOffset: 500)

        let byWeek = try workbook.addChart(.column)
        byWeek.setTitle("Casos registrados por semana")
        byWeek.addSeries(sheet: sheetNames[0], categoryColumn: 9, valueColumn: 10, firstRow: countsRow + 2,
                         lastRow: countsRow + 1 + counts[3].1.count, name: "Casos")
        byWeek.hideLegend()
        byWeek.setValueAxis(min: 0, majorUnit: countStep(counts[3].1.map(\.1)), numberFormat: "0")
        try sheet.insert(byWeek, row: chartsRow, column: 0, xOffset: 1000)
        return chartsRow + chartRows
    }

    /// The rows a chart takes: 288 pixels at 20 a row.
    private static let chartRows = 15

    /// Each client's terms for the month (SPEC §8): what the figures above were measured against.
    private static func writeTerms(_ table: ReportTable, at row: Int, on sheet: XlsxSheet, formats: ReportFormats)
        throws(ReportError)
    {
        try sheet.write("Condiciones de servicio del mes", row: row, column: 0, format: formats.subtitle)
        try sheet.write("""
            Las de un caso registrado el último día del mes. Horas objetivo de P2–P4 por urgencia; en cada celda, \
            impacto alta / media / baja. En riesgo: parte del objetivo consumida desde la que un caso abierto se señala.
            """, row: row + 1, column: 0, format: formats.note)
        try sheet.setRowHeight(row + 2, lines: 2)
        try ReportSheet.write(table, at: row + 2, on: sheet, formats: formats, fitColumns: false)
    }

    // MARK: Helpers

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
