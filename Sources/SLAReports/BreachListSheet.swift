import SLACore

/// One list sheet of `breaches.xlsx`: a header block (title, how to read it, the night's counts),
/// then the table — the columns a supervisor acts on, in Spanish, sized to their values, the
/// summary wrapped — in one or more sections.
///
/// The CSV files keep the SPEC's columns (`StatusTable`); this is the same rows for a person:
/// names beside ids, hours labelled with their clock, escalation levels with their role.
enum BreachListSheet {
    /// A run of rows, with a title row above it when it is set apart.
    struct Section {
        var rows: [Entry]
        var title: String?

        init(rows: [Entry], title: String?) {
            self.rows = rows
            self.title = title
        }

        /// Rows of the attention lists: no promise named.
        init(rows: [StatusRow], title: String?, asOf: Instant) {
            self.init(rows: rows.map { Entry(row: $0, promise: nil, asOf: asOf) }, title: title)
        }
    }

    /// One line of a list: a case's row and, on *Vencen hoy* and *Compromisos*, which promise it
    /// is listed for. Reads as the row it carries.
    @dynamicMemberLookup
    struct Entry: Sendable {
        let row: StatusRow
        let promise: DailyLists.Promise?
        let asOf: Instant

        subscript<Value>(dynamicMember path: KeyPath<StatusRow, Value>) -> Value { row[keyPath: path] }

        /// The due instant of the promise the line is for: the attention clock's, unless it is
        /// listed for its solution commitment.
        var due: Instant? { promise == .solution ? row.commitments.latest?.due : row.evaluation.dueAt }
    }

    /// What a cell shows. Numbers stay numbers: hours over and time left carry their clock in the
    /// number format, not in a text.
    enum Cell: Sendable {
        case text(String)
        case wrapped(String)
        case level(Int)
        case dateTime(Instant)
        /// Elapsed minus target, in hours: + over, − left.
        case hoursOver(seconds: Int64, clock: ClockKind)
        /// Target minus elapsed, shown as hours and minutes.
        case timeLeft(seconds: Int64, clock: ClockKind)
        case empty
    }

    struct Column: Sendable {
        let label: String
        /// The widest the column gets, in characters; its values decide below that.
        var maxWidth: Double = 30
        let cell: @Sendable (Entry) -> Cell
    }

    /// The summary is cut on the sheet — a list must print — and whole in the CSV.
    static let summaryLimit = 200

    static let leading: [Column] = [
        Column(label: "Caso", maxWidth: 16) { .text($0.snapshot.serviceCase.id) },
        Column(label: "Cliente") { row in
            .text(row.snapshot.clientName.isEmpty ? row.snapshot.serviceCase.clientID : row.snapshot.clientName)
        },
        Column(label: "Prioridad", maxWidth: 10) { .text($0.snapshot.serviceCase.priority.rawValue) },
        // A line for a solution commitment shows the commitment's state, not the attention clock's.
        Column(label: "Estado", maxWidth: 12) { row in
            if row.promise == .solution, let latest = row.commitments.latest {
                return .text(SpanishLabels.commitmentOutcome(latest.outcome))
            }
            return .text(SpanishLabels.state(row.evaluation.state))
        },
        Column(label: "Vence", maxWidth: 17) { row in row.due.map { .dateTime($0) } ?? .empty }
    ]

    static let handling: [Column] = [
        Column(label: "Nivel de soporte", maxWidth: 9) { .level($0.supportLevel) },
        // The level holding the case now, when it has spent more than its OLA (the agreement's
        // operational target per level): the coordinator supervises the escalation levels.
        Column(label: "OLA del nivel", maxWidth: 28) { row in
            row.currentLevelOverOLA.map { .text(SpanishLabels.olaExceeded(level: $0.level, seconds: $0.seconds)) } ?? .empty
        },
        Column(label: "Responsable", maxWidth: 24) { .text($0.snapshot.assignee ?? "") },
        Column(label: "Grupo", maxWidth: 22) { .text($0.snapshot.group ?? "") }
    ]

    static let trailing: [Column] = [
        Column(label: "KAM", maxWidth: 24) { .text($0.snapshot.kamName) },
        Column(label: "Resumen", maxWidth: 50) { row in
            let summary = row.snapshot.summary
            return .wrapped(summary.count > summaryLimit ? String(summary.prefix(summaryLimit - 1)) + "…" : summary)
        }
    ]

    static let breachColumns: [Column] =
        leading + [
            Column(label: "Exceso (+) / margen (−)", maxWidth: 20) { row in
                row.evaluation.targetSeconds.map {
                    .hoursOver(seconds: row.evaluation.elapsedSeconds - $0, clock: row.evaluation.clock)
                }
                    ?? .empty
            }
        ] + handling + [
            Column(label: "Espera al cliente desde", maxWidth: 17) { row in row.waitingSince.map { .dateTime($0) } ?? .empty },
            Column(label: "Escalamiento sugerido", maxWidth: 40) { row in
                row.evaluation.escalationLevel.map { .text(SpanishLabels.escalation($0)) } ?? .empty
            }
        ] + trailing

    static let dueTodayColumns: [Column] =
        leading + [
            Column(label: "Promesa que vence", maxWidth: 22) { row in
                .text(row.promise == .solution ? "Solución (plan de trabajo)" : "Atención")
            },
            Column(label: "Tiempo restante", maxWidth: 22) { row in
                // A commitment is a wall-clock instant: its time left is on the 24×7 clock.
                if row.promise == .solution, let due = row.due {
                    return .timeLeft(seconds: row.asOf.seconds(to: due), clock: .twentyFourSeven)
                }
                return row.evaluation.targetSeconds.map {
                    .timeLeft(seconds: $0 - row.evaluation.elapsedSeconds, clock: row.evaluation.clock)
                }
                    ?? .empty
            }
        ] + handling + [
            // Nobody acts, the clock crosses its target still running: the director's level (SPEC §4).
            // A work plan's promise is the MET's: its coordinator keeps it or agrees a new one.
            Column(label: "Escalamiento al vencer", maxWidth: 40) { row in
                .text(
                    SpanishLabels.escalation(
                        (row.promise == .solution ? EscalationRole.metCoordinator : .customerExperienceDirector).level))
            }
        ] + trailing

    /// *Compromisos*: the work plan's promises broken and still owed, then those due today.
    static let commitmentColumns: [Column] =
        [
            leading[0], leading[1], leading[2],
            Column(label: "Compromiso", maxWidth: 14) { row in
                .text(row.commitments.latest?.outcome == .missed ? "Incumplido" : "Vence hoy")
            },
            Column(label: "Comprometido el", maxWidth: 17) { row in
                row.commitments.latest.map { .dateTime($0.committedAt) } ?? .empty
            },
            Column(label: "Fecha comprometida", maxWidth: 17) { row in row.commitments.latest.map { .dateTime($0.due) } ?? .empty
            },
            Column(label: "Retraso (+) / margen (−)", maxWidth: 20) { row in
                row.commitments.latest.map { .hoursOver(seconds: $0.due.seconds(to: row.asOf), clock: .twentyFourSeven) }
                    ?? .empty
            },
            Column(label: "Re-planificaciones", maxWidth: 10) { .level($0.commitments.replans) }
        ] + handling + trailing

    /// The rows of the header block above the table.
    static let headerRow = 10

    static func write(
        title: String, subtitle: String, sections: [Section], columns: [Column],
        counts: DailyLists.Counts, empty: String, on sheet: XlsxSheet,
        formats: ReportFormats, listFormats: BreachListFormats
    ) throws(ReportError) {
        try sheet.write(title, row: 0, column: 0, format: formats.title)
        try sheet.write(subtitle, row: 1, column: 0, format: formats.note)
        let running = counts.breached - counts.breachedAndStopped - counts.breachedWaitingOnClient
        let lines: [(Int, String)] = [
            (counts.breached, "incumplidos: todos los casos abiertos que pasaron su objetivo, atendidos o no"),
            (running, "de ellos con el reloj corriendo: al principio de Incumplimientos, el más antiguo primero"),
            (counts.breachedWaitingOnClient, "de ellos esperan al cliente (reloj en pausa): al final de Incumplimientos, aparte"),
            (
                counts.breachedAndStopped,
                """
                de ellos ya atendidos fuera de plazo (su reloj se detuvo): no se listan, no queda nada que escalar; \
                el informe mensual cuenta el incumplimiento
                """
            ),
            (
                counts.atRisk,
                "en riesgo: el reloj corre y pasó el umbral de alerta de su objetivo (en Incumplimientos, tras los incumplidos)"
            ),
            (
                counts.dueToday,
                "vencen hoy si nadie actúa, antes de la medianoche (hoja Vencen hoy; incluye los en riesgo que vencen hoy)"
            ),
            (
                counts.commitmentsMissed,
                "compromisos de solución incumplidos y aún sin solución (hoja Compromisos, el más antiguo primero)"
            ),
            (
                counts.commitmentsDueToday,
                "compromisos de solución que vencen hoy, antes de la medianoche (hojas Vencen hoy y Compromisos)"
            )
        ]
        for (offset, line) in lines.enumerated() {
            try sheet.write(Double(line.0), row: 2 + offset, column: 0, format: listFormats.count)
            try sheet.write(line.1, row: 2 + offset, column: 1)
        }

        var widths = columns.map { column in
            // A header wraps: its longest word must fit.
            Double(column.label.split(separator: " ").map(\.count).max() ?? 4) + 3
        }
        for (index, column) in columns.enumerated() {
            try sheet.write(column.label, row: headerRow, column: index, format: formats.header)
        }
        try sheet.setRowHeight(headerRow, lines: 2)

        var row = headerRow
        var left = 0
        // Filters and sorting over the first section only: a titled section below must not be
        // sorted into it.
        var filtered: Int?
        for section in sections {
            if let title = section.title {
                guard !section.rows.isEmpty else { continue }
                guard row + 3 < XlsxSheet.lastRow else {
                    left += section.rows.count
                    continue
                }
                filtered = filtered ?? row
                row += 2
                try sheet.write(title, row: row, column: 0, format: formats.subtitle)
            }
            for (index, statusRow) in section.rows.enumerated() {
                // Past Excel's last row (a million breaches): a note says so, the CSV has them all.
                guard row + 2 < XlsxSheet.lastRow else {
                    left += section.rows.count - index
                    break
                }
                row += 1
                let tone: ReportTable.Tone =
                    switch statusRow.promise {
                    // A promise of the work plan: broken, or falling due today.
                    case .solution: statusRow.commitments.latest?.outcome == .missed ? .breached : .atRisk
                    case .attention, nil:
                        statusRow.evaluation.state == .breached
                            ? .breached : statusRow.evaluation.state == .atRisk ? .atRisk : .plain
                    }
                let style = listFormats.style(tone)
                for (index, column) in columns.enumerated() {
                    let width = try write(column.cell(statusRow), row: row, column: index, on: sheet, style: style)
                    widths[index] = max(widths[index], min(width, column.maxWidth))
                }
            }
        }
        if row == headerRow {
            row += 1
            try sheet.write(empty, row: row, column: 0, format: formats.note)
        }
        if left > 0 {
            try sheet.write(
                "… y \(left) casos más, que no caben en una hoja de Excel: están en el CSV.",
                row: row + 1, column: 0, format: formats.note)
        }
        for (index, width) in widths.enumerated() {
            if columns[index].label == "Resumen" {
                try sheet.setColumn(index, width: columns[index].maxWidth, format: listFormats.plain.wrapped)
            } else {
                try sheet.setColumn(index, width: width)
            }
        }
        try sheet.makeTable(headerRow: headerRow, lastRow: filtered ?? row, columns: columns.count)
    }

    /// Writes one cell; returns the width its value needs.
    private static func write(_ cell: Cell, row: Int, column: Int, on sheet: XlsxSheet, style: BreachListFormats.Style)
        throws(ReportError) -> Double
    {
        switch cell {
        case .text(let text):
            // Wrapped: a name longer than its column's cap shows whole, on two lines.
            try sheet.write(text, row: row, column: column, format: style.wrapped)
            return Double(text.count) + 3
        case .wrapped(let text):
            try sheet.write(text, row: row, column: column, format: style.wrapped)
            return Double(text.count) + 3
        case .level(let level):
            try sheet.write(Double(level), row: row, column: column, format: style.level)
            return 4
        case .dateTime(let instant):
            try sheet.write(excelSerial(instant), row: row, column: column, format: style.dateTime)
            return 17
        case .hoursOver(let seconds, let clock):
            let hours = ReportValue.rounded(Double(seconds) / 3600)
            try sheet.write(hours, row: row, column: column, format: style.hoursOver(clock))
            return Double(ReportValue.hours(hours).csvText.count) + (clock == .business ? 13 : 10)
        case .timeLeft(let seconds, let clock):
            try sheet.write(Double(seconds) / 86_400, row: row, column: column, format: style.timeLeft(clock))
            return clock == .business ? 22 : 19
        case .empty:
            if style.isColoured { try sheet.write("", row: row, column: column, format: style.text) }
            return 0
        }
    }
}

/// The cell formats of the list sheets, one set per row tone.
struct BreachListFormats {
    struct Style {
        let text, wrapped, level, dateTime: XlsxFormat
        let overBusiness, overTwentyFourSeven, leftBusiness, leftTwentyFourSeven: XlsxFormat
        let isColoured: Bool

        init(_ workbook: XlsxWorkbook, background: UInt32?) {
            isColoured = background != nil
            text = workbook.format(background: background, indent: true)
            wrapped = workbook.format(background: background, wrap: true, indent: true)
            level = workbook.format(numberFormat: "0", background: background)
            dateTime = workbook.format(numberFormat: "yyyy-mm-dd hh:mm", background: background)
            overBusiness = workbook.format(numberFormat: Self.signed(" h hábiles"), background: background)
            overTwentyFourSeven = workbook.format(numberFormat: Self.signed(" h 24×7"), background: background)
            leftBusiness = workbook.format(numberFormat: "[h]\" h \"mm\" min hábiles\"", background: background)
            leftTwentyFourSeven = workbook.format(numberFormat: "[h]\" h \"mm\" min 24×7\"", background: background)
        }

        /// `+1.50 h hábiles`, `-0.25 h hábiles`, `0.00 h hábiles`.
        private static func signed(_ unit: String) -> String {
            "+0.00\"\(unit)\";-0.00\"\(unit)\";0.00\"\(unit)\""
        }

        func hoursOver(_ clock: ClockKind) -> XlsxFormat { clock == .business ? overBusiness : overTwentyFourSeven }
        func timeLeft(_ clock: ClockKind) -> XlsxFormat { clock == .business ? leftBusiness : leftTwentyFourSeven }
    }

    let plain, breached, atRisk: Style
    let count: XlsxFormat

    init(_ workbook: XlsxWorkbook) {
        plain = Style(workbook, background: nil)
        breached = Style(workbook, background: 0xF8CBAD)
        atRisk = Style(workbook, background: 0xFFE699)
        count = workbook.format(bold: true, numberFormat: "0")
    }

    func style(_ tone: ReportTable.Tone) -> Style {
        switch tone {
        case .plain, .total: plain
        case .breached: breached
        case .atRisk: atRisk
        }
    }
}
