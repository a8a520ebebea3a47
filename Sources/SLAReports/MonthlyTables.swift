public import SLACore

/// The four tables of a KAM's month (SPEC §8): `resumen`, `casos`, `incumplimientos` and
/// `cierres-automaticos`, each one CSV file and one workbook sheet.
public struct MonthlyTables: Sendable {
    public var summary: ReportTable
    public var cases: ReportTable
    public var breaches: ReportTable
    public var closures: ReportTable
    /// Each client's terms for the month (SPEC §8, §10), on the Resumen sheet only: they are the
    /// agreement, not figures, and `resumen.csv`'s columns are the SPEC's.
    public var terms: ReportTable

    public init(_ month: KAMMonth) {
        summary = ReportTable(Self.summaryColumns, rows: month.clients.map { c in
            [.text(c.clientID), .text(c.clientName), .count(c.registered), .count(c.solved), .count(c.autoClosed),
             .count(c.openAtMonthEnd), .count(c.met), .count(c.breached), .percent(c.compliancePercent),
             .hours(c.meanAttentionHours), .hours(c.medianAttentionHours), .hours(c.meanResolutionHours),
             .hours(c.medianResolutionHours)]
        })
        cases = ReportTable(Self.caseColumns, rows: month.cases.map(Self.caseRow))
        breaches = ReportTable(Self.breachColumns, rows: month.breaches.map { monthCase in
            let e = monthCase.row.evaluation
            return Self.caseRow(monthCase) + [.hours(seconds: e.targetSeconds.map { e.elapsedSeconds - $0 })]
        })
        closures = ReportTable(Self.closureColumns, rows: month.closures.map { c in
            [.text(c.caseID), .text(c.clientID), .text(c.clientName), .text(c.product), .dateTime(c.solvedAt),
             .dateTime(c.closedAt)]
        })
        terms = ReportTable(Self.termsColumns, rows: month.clients.map(Self.termsRow))
    }

    /// The table files, in the KAM's folder.
    public var files: [(name: String, table: ReportTable)] {
        [("resumen.csv", summary), ("casos.csv", cases), ("incumplimientos.csv", breaches),
         ("cierres-automaticos.csv", closures)]
    }

    static let summaryColumns = [
        ("client_id", "Cliente"), ("client_name", "Nombre del cliente"), ("registered", "Registrados"),
        ("solved", "Solucionados"), ("auto_closed", "Cierres automáticos"), ("open_at_month_end", "Abiertos al cierre"),
        ("met", "Cumplidos"), ("breached", "Incumplidos"), ("compliance_pct", "Cumplimiento"),
        ("mean_attention_hours", "Atención media, h"), ("median_attention_hours", "Atención mediana, h"),
        ("mean_resolution_hours", "Resolución media, h"), ("median_resolution_hours", "Resolución mediana, h"),
    ]

    static let termsColumns = [
        ("client_id", "Cliente"), ("client_name", "Nombre del cliente"), ("p1", "P1, h"),
        ("urgency_alta", "Urgencia alta, h"), ("urgency_media", "Urgencia media, h"), ("urgency_baja", "Urgencia baja, h"),
        ("matrix_clock", "Reloj P2–P4"), ("at_risk", "En riesgo desde"), ("acceptance_days", "Días hábiles de aceptación"),
        ("compliance_target", "Meta de cumplimiento"), ("agreement", "Acuerdo"),
    ]

    /// A client's terms in the words of the sheet: P1 as hours and clock of the client's
    /// contract; each urgency's hours by impact alta / media / baja.
    static func termsRow(_ client: ClientFigures) -> [ReportValue] {
        let terms = client.terms
        let p1: String = if let contract = client.contract {
            "\(SpanishLabels.hours(terms.p1(contract).seconds)) (\(SpanishLabels.clock(terms.p1(contract).clock)))"
        } else {
            "contrato desconocido"
        }
        let matrix = Grade.allCases.map { urgency in
            ReportValue.text(Grade.allCases.map { SpanishLabels.hours(terms.matrixSeconds(urgency: urgency, impact: $0)) }
                .joined(separator: " / "))
        }
        return [.text(client.clientID), .text(client.clientName), .text(p1)] + matrix + [
            .text(SpanishLabels.clock(terms.matrixClock)), .text("\(terms.atRiskPercent) %"), .count(terms.acceptanceBusinessDays),
            terms.complianceTargetPercent.map { .percent($0) } ?? .text("Sin meta"),
            .text(terms.agreement ?? "Condiciones por defecto"),
        ]
    }

    static let caseColumns = [
        ("case_id", "Caso"), ("client_id", "Cliente"), ("client_name", "Nombre del cliente"), ("product", "Producto"),
        ("type", "Tipo"), ("priority", "Prioridad"), ("impact", "Impacto"), ("urgency", "Urgencia"),
        ("created_at", "Registrado"), ("clock", "Reloj"), ("target_hours", "Objetivo, h"),
        ("elapsed_hours", "Atención, h"), ("paused_hours", "En pausa, h"), ("state", "Estado"), ("due_at", "Vence"),
        ("stopped_at", "Atendido"), ("solved_at", "Solucionado"), ("closed_at", "Cerrado"),
        ("resolution_hours", "Resolución, h"), ("summary", "Resumen"),
    ]
    static let breachColumns = caseColumns + [("excess_hours", "Exceso, h")]
    static let closureColumns = [
        ("case_id", "Caso"), ("client_id", "Cliente"), ("client_name", "Nombre del cliente"), ("product", "Producto"),
        ("solved_at", "Solucionado"), ("closed_at", "Cerrado automáticamente"),
    ]

    static func caseRow(_ monthCase: MonthCase) -> [ReportValue] {
        let s = monthCase.row.snapshot, c = s.serviceCase, e = monthCase.row.evaluation
        return [
            .text(c.id), .text(c.clientID), .text(s.clientName), .text(s.product),
            .code(c.type.rawValue, label: SpanishLabels.type(c.type)), .text(c.priority.rawValue),
            c.impact.map { .text($0.rawValue) } ?? .empty, c.urgency.map { .text($0.rawValue) } ?? .empty,
            .dateTime(c.createdAt), .code(e.clock.rawValue, label: SpanishLabels.clock(e.clock)),
            .hours(seconds: e.targetSeconds), .hours(seconds: e.elapsedSeconds), .hours(seconds: e.pausedSeconds),
            .code(e.state.rawValue, label: SpanishLabels.state(e.state)), .dateTime(e.dueAt), .dateTime(e.stoppedAt),
            .dateTime(monthCase.solvedAt), .dateTime(monthCase.closedAt), .hours(seconds: e.resolutionSeconds),
            .text(s.summary),
        ]
    }
}
