package import SLACore

/// `<kam>.xlsx` and each client's `<kam>/clientes/<client>.xlsx`: the month a KAM forwards
/// without editing it — a summary page with the figures per client (and the KAM's total), counts,
/// compliance by priority, each client's terms and native charts placed to print on one landscape
/// page; twelve months of trend against the agreed target; and the cases, breaches, open cases
/// and automatic closures behind them, one sheet each.
package enum KAMWorkbook {
    package static let sheetNames = [
        "Resumen", "Tendencia", "Casos", "Incumplimientos", "Abiertos al cierre del mes",
        "Cierres automáticos", "Compromisos de solución", "Tiempo por nivel"
    ]

    /// Who reads the workbook: the KAM (every client, a total row), or one client (its workbook
    /// names no other client anywhere, document properties included).
    package enum Audience: Sendable {
        case kam
        case client(id: String, name: String)
    }

    /// The sheet of a client's workbook with the intervals of its breached clocks.
    package static let breachDetailSheetName = "Detalle de incumplimientos"
    /// The sheet of a KAM's workbook that says what the figures were computed with.
    package static let controlSheetName = "Control"

    /// Writes the workbook to `path` (the caller renames it into place).
    ///
    /// - Parameters:
    ///   - breachDetail: the ledger of the breached clocks, for a client's workbook.
    ///   - control: what the figures were computed with, for a KAM's workbook.
    package static func write(
        _ month: KAMMonth, tables: MonthlyTables, producedAt: Instant, for audience: Audience = .kam,
        breachDetail: ReportTable? = nil, control: ControlFacts? = nil, to path: String
    ) throws(ReportError) {
        let workbook = try XlsxWorkbook(path: path)
        let reader =
            switch audience {
            case .kam: month.kamName
            case .client(_, let name): name
            }
        try workbook.setProperties(
            title: "Niveles de servicio (ANS) de \(month.month.spanishName) — \(reader)", author: month.kamName,
            created: producedAt)
        let formats = ReportFormats(workbook)

        // Short: a footer's third of the page holds a line; the title says when it was generated.
        let footer = "\(month.month.spanishName.prefix(1).uppercased())\(month.month.spanishName.dropFirst()), al cierre del mes"
        let summary = try workbook.addSheet(sheetNames[0])
        try summary.preparePrint(footer: footer)
        var lastRow = try writeSummary(
            month, table: tables.summary, audience: audience, producedAt: producedAt,
            sheet: summary, workbook: workbook, formats: formats)
        lastRow = try writeSection(
            "Cumplimiento ANS por prioridad",
            note: """
                Cumplidos e incumplidos del mes por prioridad, sobre todos los relojes de \(audienceWords(audience)).
                """, table: tables.byPriority, at: lastRow + 2, on: summary, formats: formats)
        try writeSection(
            "Condiciones de servicio del mes",
            note: """
                Las de un caso registrado el último día del mes. Horas objetivo de P2–P4 por urgencia; en cada celda, \
                impacto alta / media / baja. En riesgo: parte del objetivo consumida desde la que un caso abierto se señala.
                """, table: tables.terms, at: lastRow + 2, on: summary, formats: formats)

        let trend = try workbook.addSheet(sheetNames[1])
        try trend.preparePrint(footer: footer)
        try writeTrend(month, table: tables.trend, on: trend, workbook: workbook, formats: formats)

        let sheets = [
            (tables.cases, "Sin casos en el mes."), (tables.breaches, "Sin incumplimientos en el mes."),
            (tables.open, "Ningún caso abierto al cierre del mes."),
            (tables.closures, "Sin cierres automáticos en el mes."),
            (tables.commitments, "Ningún compromiso de solución cumplido ni incumplido en el mes.")
        ]
        for (name, (table, empty)) in zip(sheetNames.dropFirst(2), sheets) {
            let sheet = try workbook.addSheet(name)
            try sheet.preparePrint(footer: footer)
            let last = try ReportSheet.write(table, at: 0, on: sheet, formats: formats)
            if table.rows.isEmpty { try sheet.write(empty, row: 2, column: 0, format: formats.note) }
            try sheet.makeTable(headerRow: 0, lastRow: last, columns: table.columns.filter { $0.label != nil }.count)
        }

        let levels = try workbook.addSheet(sheetNames[7])
        try levels.preparePrint(footer: footer)
        try writeLevels(month, tables: tables, on: levels, workbook: workbook, formats: formats)
        if let breachDetail {
            let sheet = try workbook.addSheet(breachDetailSheetName)
            try sheet.preparePrint(footer: footer)
            try sheet.write(
                "Cada incumplimiento del mes, intervalo por intervalo: lo que el reloj contó y por qué.",
                row: 0, column: 0, format: formats.note)
            let last = try ReportSheet.write(breachDetail, at: 1, on: sheet, formats: formats)
            if breachDetail.rows.isEmpty {
                try sheet.write("Sin incumplimientos en el mes.", row: 3, column: 0, format: formats.note)
            }
            try sheet.makeTable(headerRow: 1, lastRow: last, columns: breachDetail.columns.filter { $0.label != nil }.count)
        }
        if let control {
            let sheet = try workbook.addSheet(controlSheetName)
            try sheet.preparePrint(footer: footer)
            try writeControl(control, month: month, on: sheet, formats: formats)
        }
        try workbook.close()
    }

    /// The control page: the version, the instant of the figures, the digest of each input file
    /// and the KAM's control totals — what `manifest.json` records, in words.
    private static func writeControl(
        _ control: ControlFacts, month: KAMMonth, on sheet: XlsxSheet,
        formats: ReportFormats
    ) throws(ReportError) {
        try sheet.write("Control de las cifras — \(month.month.spanishName)", row: 0, column: 0, format: formats.title)
        try sheet.write(
            """
            Con qué se calcularon las cifras de este informe; para recalcularlas y compararlas: sla verify --month \
            \(month.month). Las huellas SHA-256 de cada caso y de cada archivo están en manifest.json.
            """, row: 1, column: 0, format: formats.note)
        var row = 3
        func line(_ label: String, _ value: String) throws(ReportError) {
            try sheet.write(label, row: row, column: 0, format: formats.plain.text)
            try sheet.write(value, row: row, column: 1, format: formats.plain.text)
            row += 1
        }
        func number(_ label: String, _ value: Int) throws(ReportError) {
            try sheet.write(label, row: row, column: 0, format: formats.plain.text)
            try sheet.write(Double(value), row: row, column: 1, format: formats.plain.count)
            row += 1
        }
        try sheet.write("Concepto", row: row, column: 0, format: formats.header)
        try sheet.write("Valor", row: row, column: 1, format: formats.header)
        row += 1
        try line("Versión de sla", control.inputs.version)
        try line("Cifras al", "\(control.asOf): \(SpanishDates.cutOff(control.asOf))")
        let policy = control.inputs.policy
        try line("Política de acuerdos", "\(policy.name) (\(policy.origin == "built-in" ? "la incluida en sla" : policy.origin))")
        try line("    SHA-256", policy.sha256)
        for calendar in control.inputs.calendars {
            try line("Calendario", "\(calendar.name) (\(calendar.origin == "built-in" ? "el incluido en sla" : calendar.origin))")
            try line("    SHA-256", calendar.sha256)
        }
        try line("Casos con huella en manifest.json", String(control.cases))
        row += 1
        try sheet.write("Totales de control", row: row, column: 0, format: formats.subtitle)
        row += 1
        let total = month.total
        try number("Registrados", total.registered)
        try number("Solucionados", total.solved)
        try number("Cierres automáticos", total.autoClosed)
        try number("Abiertos al cierre del mes", total.openAtMonthEnd)
        try number("Cumplidos", total.met)
        try number("Incumplidos", total.breached)
        try sheet.setColumn(0, width: 34)
        try sheet.setColumn(1, width: 72)
    }

    // MARK: Time by support level

    /// Each client's levels 1–3 (and the KAM's total per level), each client's hours per level
    /// under them, and a stacked bar chart of those hours under that: where each client's time went.
    private static func writeLevels(
        _ month: KAMMonth, tables: MonthlyTables, on sheet: XlsxSheet, workbook: XlsxWorkbook,
        formats: ReportFormats
    ) throws(ReportError) {
        let table = tables.levels
        let shown = table.columns.filter { $0.label != nil }.count
        let last = try ReportSheet.write(table, at: 0, on: sheet, formats: formats)
        // Filters over the clients' rows, not the total under them.
        try sheet.makeTable(headerRow: 0, lastRow: max(min(last, month.levels.count), 1), columns: shown)
        try sheet.write(
            """
            Tiempo de gestión de los casos resueltos en el mes según el nivel de soporte que tenía el caso en cada momento, \
            sin las esperas al cliente, en el reloj de cada caso (hábil o 24x7).
            """, row: last + 2, column: 0, format: formats.note)
        try sheet.write(
            """
            OLA: objetivo operativo del nivel. OLA excedida: casos cuyo tiempo en el nivel pasó su OLA en el mes, resueltos o no.
            """, row: last + 3, column: 0, format: formats.note)

        let hoursRow = last + 5
        try sheet.write("Horas por nivel de los casos resueltos en el mes", row: hoursRow, column: 0, format: formats.subtitle)
        let hoursLast = try ReportSheet.write(
            tables.levelHours, at: hoursRow + 1, on: sheet, formats: formats,
            fitColumns: false)
        guard !month.clients.isEmpty else { return }
        let chart = try workbook.addChart(.stackedBar)
        chart.setTitle("Horas por nivel de soporte")
        for level in Terms.supportLevels {
            chart.addSeries(
                sheet: sheetNames[7], categoryColumn: 1, valueColumn: 1 + level, firstRow: hoursRow + 2,
                lastRow: hoursLast, name: "Nivel \(level)", labels: false)
        }
        chart.setValueAxis(horizontal: true, min: 0, numberFormat: "0")
        chart.legendAtBottom()
        chart.reverseCategories()
        // Under the hours it draws, as wide as the table: a KAM with many clients gets a long list.
        try sheet.insert(chart, row: hoursLast + 2, column: 0, xScale: 1.5, yScale: 1.2)
    }

    private static func audienceWords(_ audience: Audience) -> String {
        switch audience {
        case .kam: "los clientes del KAM"
        case .client: "sus casos"
        }
    }

    // MARK: The trend

    /// The twelve months, client by client, and a line chart of each client's compliance with its
    /// agreed target, dashed, when it has one.
    private static func writeTrend(
        _ month: KAMMonth, table: ReportTable, on sheet: XlsxSheet, workbook: XlsxWorkbook,
        formats: ReportFormats
    ) throws(ReportError) {
        let last = try ReportSheet.write(table, at: 0, on: sheet, formats: formats)
        try sheet.makeTable(headerRow: 0, lastRow: last, columns: table.columns.filter { $0.label != nil }.count)
        let clients = month.clients
        guard !clients.isEmpty, table.rows.count == clients.count * 12 else { return }
        let chart = try workbook.addChart(.line)
        chart.setTitle("Cumplimiento ANS de los últimos 12 meses")
        for (index, client) in clients.enumerated() {
            let first = 1 + index * 12
            chart.addLine(
                sheet: sheetNames[1], categoryColumn: 2, valueColumn: 7, firstRow: first, lastRow: first + 11,
                name: client.clientName.isEmpty ? client.clientID : client.clientName)
            if month.trend[(index * 12)..<(index * 12 + 12)].contains(where: { $0.complianceTargetPercent != nil }) {
                chart.addLine(
                    sheet: sheetNames[1], categoryColumn: 2, valueColumn: 8, firstRow: first, lastRow: first + 11,
                    name: "Meta — \(client.clientName.isEmpty ? client.clientID : client.clientName)", dashed: true)
            }
        }
        chart.setValueAxis(min: 0, max: 1, majorUnit: 0.25, numberFormat: "0%")
        chart.legendAtBottom()
        // Beside the table, so the chart is on the first printed page, whole.
        let besideTable = table.columns.filter { $0.label != nil }.count + 1
        try sheet.insert(chart, row: 1, column: besideTable, xScale: 1.6, yScale: 1.5)

        // The second promise: a line per client of the share of solution commitments kept.
        let commitments = try workbook.addChart(.line)
        commitments.setTitle("Compromisos de solución cumplidos, últimos 12 meses")
        let percentColumn = table.columns.filter { $0.label != nil }.firstIndex { $0.name == "commitment_pct" } ?? 11
        for (index, client) in clients.enumerated() {
            let first = 1 + index * 12
            commitments.addLine(
                sheet: sheetNames[1], categoryColumn: 2, valueColumn: percentColumn, firstRow: first,
                lastRow: first + 11, name: client.clientName.isEmpty ? client.clientID : client.clientName)
        }
        commitments.setValueAxis(min: 0, max: 1, majorUnit: 0.25, numberFormat: "0%")
        commitments.legendAtBottom()
        try sheet.insert(commitments, row: 24, column: besideTable, xScale: 1.6, yScale: 1.5)
    }

    // MARK: The summary page

    /// Writes the figures, the counts and the charts; returns the last row they take.
    private static func writeSummary(
        _ month: KAMMonth, table: ReportTable, audience: Audience, producedAt: Instant,
        sheet: XlsxSheet, workbook: XlsxWorkbook, formats: ReportFormats
    ) throws(ReportError) -> Int {
        try sheet.write("Niveles de servicio (ANS) — \(month.month.spanishName)", row: 0, column: 0, format: formats.title)
        let who =
            switch audience {
            case .kam: "KAM: \(month.kamName) (\(month.kamID))"
            case .client(let id, let name): "Cliente: \(name.isEmpty ? id : name) — su gerente de cuenta: \(month.kamName)"
            }
        try sheet.write(who, row: 1, column: 0, format: formats.subtitle)
        try sheet.write(
            "Cifras al cierre del mes (\(SpanishDates.dateTime(month.month.end)), hora de Bogotá), generado el \(SpanishDates.dateTime(producedAt))",
            row: 2, column: 0, format: formats.note)
        let note =
            month.clients.isEmpty
            ? "Sin clientes asignados a este KAM."
            : month.hasNoActivity
                ? "Sin actividad en el mes: ningún caso registrado, solucionado, cerrado, incumplido ni abierto al cierre del mes."
                : "Cumplimiento ANS = cumplidos ÷ (cumplidos + incumplidos); cada incumplimiento cuenta una vez, en el mes en que ocurrió. "
                    + "Horas en el reloj de cada caso (hábil o 24x7). Compromisos de solución: cada uno cuenta una vez, en el mes "
                    + "de su resultado (la solución, o el vencimiento incumplido)."
        try sheet.write(note, row: 3, column: 0, format: formats.note)

        let headerRow = 5
        let lastClientRow = try ReportSheet.write(table, at: headerRow, on: sheet, formats: formats)
        // Filters over the clients, not the total row under them.
        try sheet.makeTable(
            headerRow: headerRow, lastRow: min(lastClientRow, headerRow + month.clients.count),
            columns: table.columns.count)

        // Counts side by side under the client table, each two columns wide.
        let countsRow = lastClientRow + 2
        let counts: [(String, [(String, Int)])] = [
            ("Tipo", month.registeredByType.map { (SpanishLabels.type($0.0), $0.1) }),
            ("Prioridad", month.registeredByPriority.map { (SpanishLabels.priority($0.0), $0.1) }),
            ("Producto", month.registeredByProduct.isEmpty ? [("—", 0)] : month.registeredByProduct),
            ("Semana", month.registeredByWeek.map { ("\(dayMonth($0.first))–\(dayMonth($0.last))", $0.count) })
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
        compliance.setTitle("Cumplimiento ANS por cliente")
        // The clients' rows, not the total under them; labels with the table's two decimals.
        compliance.addSeries(
            sheet: sheetNames[0], categoryColumn: 1, valueColumn: 8, firstRow: headerRow + 1,
            lastRow: headerRow + max(month.clients.count, 1), name: "Cumplimiento ANS", numberFormat: "0.00%")
        compliance.setValueAxis(horizontal: true, min: 0, max: 1, majorUnit: 0.25, numberFormat: "0%")
        compliance.hideLegend()
        compliance.reverseCategories()
        try sheet.insert(compliance, row: chartsRow, column: 0, xOffset: 0)

        let byType = try workbook.addChart(.column)
        byType.setTitle("Casos registrados por tipo")
        byType.addSeries(
            sheet: sheetNames[0], categoryColumn: 0, valueColumn: 1, firstRow: countsRow + 2,
            lastRow: countsRow + 1 + counts[0].1.count, name: "Casos")
        byType.hideLegend()
        byType.setValueAxis(min: 0, majorUnit: countStep(counts[0].1.map(\.1)), numberFormat: "0")
        try sheet.insert(byType, row: chartsRow, column: 0, xOffset: 500)

        let byWeek = try workbook.addChart(.column)
        byWeek.setTitle("Casos registrados por semana")
        byWeek.addSeries(
            sheet: sheetNames[0], categoryColumn: 9, valueColumn: 10, firstRow: countsRow + 2,
            lastRow: countsRow + 1 + counts[3].1.count, name: "Casos")
        byWeek.hideLegend()
        byWeek.setValueAxis(min: 0, majorUnit: countStep(counts[3].1.map(\.1)), numberFormat: "0")
        try sheet.insert(byWeek, row: chartsRow, column: 0, xOffset: 1000)
        return chartsRow + chartRows
    }

    /// The rows a chart takes: 288 pixels at 20 a row.
    private static let chartRows = 15

    /// A titled table under the figures (compliance by priority, each client's terms); returns its last row.
    @discardableResult
    private static func writeSection(
        _ title: String, note: String, table: ReportTable, at row: Int, on sheet: XlsxSheet,
        formats: ReportFormats
    ) throws(ReportError) -> Int {
        try sheet.write(title, row: row, column: 0, format: formats.subtitle)
        try sheet.write(note, row: row + 1, column: 0, format: formats.note)
        return try ReportSheet.write(table, at: row + 2, on: sheet, formats: formats, fitColumns: false)
    }

    // MARK: Helpers

    /// A whole step for an axis of counts, about five gridlines high.
    private static func countStep(_ counts: [Int]) -> Double {
        Double(max(1, ((counts.max() ?? 0) + 4) / 5))
    }

    private static func dayMonth(_ date: LocalDate) -> String {
        "\(date.day < 10 ? "0" : "")\(date.day)/\(date.month < 10 ? "0" : "")\(date.month)"
    }
}
