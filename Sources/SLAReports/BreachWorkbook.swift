package import SLACore

/// `breaches.xlsx`, the list a MET supervisor opens at 8 a.m. to decide whom to chase (SPEC §7):
/// *Vencen hoy* first — what breaches today unless someone acts —, then *Incumplimientos* — the
/// breached and at-risk cases still running, most overdue first, and apart at the end those
/// waiting on the client —, then *Compromisos* — the work plan's solution commitments missed and
/// still unsolved, then those due today —, then the cases the night could not evaluate. Each list sheet opens
/// with the cut-off and the night's counts, the same as the summary line, and prints on pages one
/// wide with the header repeated and `Página N de M`.
package enum BreachWorkbook {
    package static let sheetNames = ["Vencen hoy", "Incumplimientos", "Compromisos", "Problemas de datos"]

    /// Writes the workbook to `path` (atomically: a temporary file renamed into place).
    package static func write(lists: DailyLists, problems: ReportTable, asOf: Instant, to path: String)
        throws(ReportError)
    {
        try ReportFile.write(to: path) { temporary throws(ReportError) in
            let workbook = try XlsxWorkbook(path: temporary)
            try workbook.setProperties(
                title: "Casos que vencen hoy, incumplidos y en riesgo al \(asOf.localDate)", author: "sla",
                created: asOf)
            let formats = ReportFormats(workbook)
            let listFormats = BreachListFormats(workbook)
            let footer = "Corte: \(SpanishDates.dateTime(asOf))"

            let today = try workbook.addSheet(sheetNames[0])
            try today.preparePrint(footer: footer)
            try BreachListSheet.write(
                title: "Vencen hoy — corte: \(SpanishDates.cutOff(asOf))", subtitle: dueTodayNote,
                sections: [
                    .init(rows: lists.promisesDueToday.map { .init(row: $0.row, promise: $0.promise, asOf: asOf) }, title: nil)
                ],
                columns: BreachListSheet.dueTodayColumns, counts: lists.counts,
                empty: "Ningún caso con el reloj corriendo ni compromiso de solución vence antes de la medianoche.",
                on: today, formats: formats, listFormats: listFormats)

            let breaches = try workbook.addSheet(sheetNames[1])
            try breaches.preparePrint(footer: footer)
            let acting = Array(lists.breaches.dropLast(lists.waitingOnClient))
            let waiting = Array(lists.breaches.suffix(lists.waitingOnClient))
            try BreachListSheet.write(
                title: "Incumplidos y en riesgo — corte: \(SpanishDates.cutOff(asOf))", subtitle: breachesNote,
                sections: [
                    .init(rows: acting, title: nil, asOf: asOf),
                    .init(
                        rows: waiting,
                        title: """
                            Esperan al cliente (\(waiting.count)): incumplidos con el reloj en pausa desde la fecha de \
                            «Espera al cliente desde»; se escalan si el cliente no responde
                            """, asOf: asOf)
                ],
                columns: BreachListSheet.breachColumns, counts: lists.counts,
                empty: "Ningún caso incumplido ni en riesgo con el reloj corriendo.",
                on: breaches, formats: formats, listFormats: listFormats)

            let commitments = try workbook.addSheet(sheetNames[2])
            try commitments.preparePrint(footer: footer)
            let solution = { (rows: [StatusRow]) in rows.map { BreachListSheet.Entry(row: $0, promise: .solution, asOf: asOf) } }
            try BreachListSheet.write(
                title: "Compromisos de solución — corte: \(SpanishDates.cutOff(asOf))", subtitle: commitmentsNote,
                sections: [
                    .init(rows: solution(lists.commitmentsMissed), title: nil),
                    .init(
                        rows: solution(lists.commitmentsDueToday),
                        title: """
                            Vencen hoy (\(lists.commitmentsDueToday.count)): compromisos pendientes que vencen antes de la medianoche
                            """)
                ],
                columns: BreachListSheet.commitmentColumns, counts: lists.counts,
                empty: "Ningún compromiso de solución incumplido ni por vencer hoy.",
                on: commitments, formats: formats, listFormats: listFormats)

            let sheet = try workbook.addSheet(sheetNames[3])
            try sheet.preparePrint(footer: footer)
            let last = try ReportSheet.write(problems, at: 0, on: sheet, formats: formats)
            try sheet.makeTable(headerRow: 0, lastRow: last, columns: problems.columns.filter { $0.label != nil }.count)
            try workbook.close()
        }
    }

    static let dueTodayNote = """
        Casos con el reloj de atención corriendo que cruzan su objetivo antes de la medianoche si nadie actúa, \
        y compromisos de solución que vencen hoy, el más próximo primero. Tiempo restante en el reloj de cada \
        caso (hábil o 24×7); el de un compromiso, en horas de reloj.
        """
    static let commitmentsNote = """
        Compromisos del plan de trabajo: primero los incumplidos que siguen sin solución, el más antiguo primero \
        (retraso en horas de reloj); luego, aparte, los que vencen hoy. Un compromiso re-planificado muestra el último.
        """
    static let breachesNote = """
        Primero los incumplidos más antiguos (por la hora en que vencieron), luego los en riesgo por vencer; \
        al final, aparte, los que esperan al cliente. Exceso (+) o margen (−) en horas del reloj de cada caso.
        """
}

/// The Spanish way of writing the cut-off on the sheets and their footers.
package enum SpanishDates {
    static let weekdays = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]

    /// `lunes 23 de noviembre de 2026`.
    static func longDate(_ date: LocalDate) -> String {
        "\(weekdays[date.weekday.rawValue - 1]) \(date.day) de \(ReportMonth.spanishMonthNames[(date.month - 1) % 12]) de \(date.year)"
    }

    /// `lunes 23 de noviembre de 2026, 07:00 (hora de Bogotá)`: the instant the lists hold for.
    package static func cutOff(_ instant: Instant) -> String {
        "\(longDate(instant.localDate)), \(dateTime(instant).suffix(5)) (hora de Bogotá)"
    }

    /// `2026-11-23 07:00`.
    package static func dateTime(_ instant: Instant) -> String {
        let second = instant.localSecondOfDay
        return
            "\(instant.localDate) \(second / 3600 < 10 ? "0" : "")\(second / 3600):\(second / 60 % 60 < 10 ? "0" : "")\(second / 60 % 60)"
    }
}

/// The sheet *Problemas de datos* (SPEC §13): every case the night listed as a data problem — a
/// case without impact or urgency (it has no target, but its clock was evaluated) and a case that
/// could not be evaluated at all — with what is wrong, in Spanish for the supervisor and as the
/// log says it for whoever corrects the data.
package enum DataProblemTable {
    static let columns: [ReportTable.Column] = [
        .init("case_id", "Caso"), .init("problem", "Problema"), .init("detail", "Detalle (como en el registro)"),
        .init("client_id", "Cliente"), .init("client_name", "Nombre del cliente"), .init("kam", "KAM"),
        .init("product", "Producto"), .init("priority", "Prioridad"), .init("created_at", "Registrado"),
        .init("elapsed_hours", "Transcurrido, h"), .init("summary", "Resumen")
    ]

    package static func table(unclassified: [StatusRow], unreadable: [CaseProblem]) -> ReportTable {
        var rows: [[ReportValue]] = []
        for row in unclassified {
            let s = row.snapshot
            let c = s.serviceCase
            let missing = [c.impact == nil ? "impacto" : nil, c.urgency == nil ? "urgencia" : nil].compactMap { $0 }
            rows.append([
                .text(c.id), .text("Sin \(missing.joined(separator: " ni ")): no tiene objetivo de atención"),
                .text(
                    "\(c.priority.rawValue) without \(missing.count == 2 ? "impact or urgency" : missing == ["impacto"] ? "impact" : "urgency"): it has no attention target"
                ),
                .text(c.clientID), .text(s.clientName), .text(s.kamName), .text(s.product), .text(c.priority.rawValue),
                .dateTime(c.createdAt), .hours(seconds: row.evaluation.elapsedSeconds), .text(s.summary)
            ])
        }
        for problem in unreadable {
            let columns = problem.findings.compactMap(\.field)
            rows.append([
                .text(problem.caseID), .text(SpanishLabels.problem(columns: columns)), .text(problem.reason),
                .text(problem.clientID), .text(problem.clientName), .text(problem.kamName), .empty, .empty, .empty,
                .empty, .empty
            ])
        }
        return ReportTable(columns, rows: rows)
    }
}
