public import SLACore

/// `breaches.xlsx`, the list a MET supervisor opens at 8 a.m.: breached and at-risk cases still
/// running, most overdue first, red and amber — the same table as `breaches.csv` — and, on a
/// second sheet, the cases the night could not give a target or could not evaluate at all.
public enum BreachWorkbook {
    public static let sheetNames = ["Incumplimientos", "Problemas de datos"]

    /// Writes the workbook to `path` (atomically: a temporary file renamed into place).
    public static func write(breaches: [StatusRow], problems: ReportTable, asOf: Instant, to path: String)
        throws(ReportError)
    {
        try ReportFile.write(to: path) { temporary throws(ReportError) in
            let workbook = try XlsxWorkbook(path: temporary)
            try workbook.setProperties(title: "Casos incumplidos y en riesgo al \(asOf.localDate)", author: "sla")
            let formats = ReportFormats(workbook)
            for (name, table) in zip(sheetNames, [StatusTable.table(breaches), problems]) {
                let sheet = try workbook.addSheet(name)
                let last = try ReportSheet.write(table, at: 0, on: sheet, formats: formats)
                try sheet.makeTable(headerRow: 0, lastRow: last, columns: table.columns.filter { $0.label != nil }.count)
            }
            try workbook.close()
        }
    }
}

/// The sheet *Problemas de datos* (SPEC §13): every case the night listed as a data problem — a
/// case without impact or urgency (it has no target, but its clock was evaluated) and a case that
/// could not be evaluated at all — with what is wrong, in Spanish for the supervisor and as the
/// log says it for whoever corrects the data.
public enum DataProblemTable {
    static let columns: [ReportTable.Column] = [
        .init("case_id", "Caso"), .init("problem", "Problema"), .init("detail", "Detalle (como en el registro)"),
        .init("client_id", "Cliente"), .init("client_name", "Nombre del cliente"), .init("kam", "KAM"),
        .init("product", "Producto"), .init("priority", "Prioridad"), .init("created_at", "Registrado"),
        .init("elapsed_hours", "Transcurrido, h"), .init("summary", "Resumen"),
    ]

    public static func table(unclassified: [StatusRow], unreadable: [CaseProblem]) -> ReportTable {
        var rows: [[ReportValue]] = []
        for row in unclassified {
            let s = row.snapshot, c = s.serviceCase
            let missing = [c.impact == nil ? "impacto" : nil, c.urgency == nil ? "urgencia" : nil].compactMap { $0 }
            rows.append([
                .text(c.id), .text("Sin \(missing.joined(separator: " ni ")): no tiene objetivo de atención"),
                .text("\(c.priority.rawValue) without \(missing.count == 2 ? "impact or urgency" : missing == ["impacto"] ? "impact" : "urgency"): it has no attention target"),
                .text(c.clientID), .text(s.clientName), .text(s.kamName), .text(s.product), .text(c.priority.rawValue),
                .dateTime(c.createdAt), .hours(seconds: row.evaluation.elapsedSeconds), .text(s.summary),
            ])
        }
        for problem in unreadable {
            let columns = problem.findings.compactMap(\.column)
            rows.append([
                .text(problem.caseID), .text(SpanishLabels.problem(columns: columns)), .text(problem.reason),
                .text(problem.clientID), .text(problem.clientName), .text(problem.kamName), .empty, .empty, .empty,
                .empty, .empty,
            ])
        }
        return ReportTable(columns, rows: rows)
    }
}
