package import SLACore

/// The tables of a KAM's month (SPEC §8): `resumen`, `tendencia`, `casos`, `incumplimientos`,
/// `abiertos`, `cierres-automaticos` and `compromisos`, each one CSV file and one workbook sheet; and, on the
/// Resumen sheet only, compliance by priority and each client's terms.
package struct MonthlyTables: Sendable {
    package var summary: ReportTable
    package var trend: ReportTable
    package var cases: ReportTable
    package var breaches: ReportTable
    package var open: ReportTable
    package var closures: ReportTable
    /// The work plan's solution commitments counted in the month (`compromisos.csv`).
    package var commitments: ReportTable
    /// Met, breached and compliance per priority, over all the month's clocks of the workbook.
    package var byPriority: ReportTable
    /// Each client's terms for the month (SPEC §8, §10), on the Resumen sheet only: they are the
    /// agreement, not figures, and `resumen.csv`'s columns are the SPEC's.
    package var terms: ReportTable
    /// Time by support level (SPEC §16, `niveles.csv`): each client's levels 1–3, then the KAM's total per level.
    package var levels: ReportTable
    /// Each client's hours at each level, one row per client, for the stacked bar chart of where
    /// the time went: on the sheet only (`niveles.csv` has the means and medians).
    package var levelHours: ReportTable

    /// - Parameter withTotal: the KAM's total row under the clients (SPEC §8); a client's own
    ///   workbook has one client, whose row is its total.
    package init(_ month: KAMMonth, withTotal: Bool = true) {
        summary = ReportTable(
            Self.summaryColumns.map { ReportTable.Column($0.0, $0.1) },
            rows: month.clients.map { Self.summaryRow($0, month.commitments.figures(of: $0.clientID)) }
                + (withTotal ? [Self.summaryRow(month.total, month.commitments.total(of: month.clients.map(\.clientID)))] : []),
            tones: month.clients.map { _ in .plain } + (withTotal ? [.total] : []))
        let names = Dictionary(month.clients.map { ($0.clientID, $0.clientName) }, uniquingKeysWith: { first, _ in first })
        let commitmentTrend =
            month.commitmentTrend.count == month.trend.count
            ? month.commitmentTrend
            : month.trend.map { _ in CommitmentFigures() }
        trend = ReportTable(
            Self.trendColumns,
            rows: zip(month.trend, commitmentTrend).map { row, commitments in
                [
                    .text(row.clientID), .text(names[row.clientID] ?? row.clientID), .text(row.month.description),
                    .count(row.registered), .count(row.solved), .count(row.met), .count(row.breached),
                    .percent(row.compliancePercent), .percent(row.complianceTargetPercent)
                ]
                    + Array(Self.commitmentCounts(commitments).prefix(3))
            })
        cases = ReportTable(Self.caseColumns, rows: month.cases.map(Self.caseRow))
        breaches = ReportTable(
            Self.breachColumns,
            rows: month.breaches.map { monthCase in
                let e = monthCase.row.evaluation
                return Self.caseRow(monthCase) + [.hours(seconds: e.targetSeconds.map { e.elapsedSeconds - $0 })]
            })
        open = ReportTable(
            Self.openColumns,
            rows: month.open.map { monthCase in
                Self.openRow(monthCase, monthEnd: month.month.end)
            })
        closures = ReportTable(
            Self.closureColumns,
            rows: month.closures.map { c in
                [
                    .text(c.caseID), .text(c.clientID), .text(c.clientName), .text(c.product), .dateTime(c.solvedAt),
                    .dateTime(c.closedAt)
                ]
            })
        commitments = ReportTable(Self.commitmentColumns, rows: month.commitments.counted.map(Self.commitmentRow))
        byPriority = ReportTable(
            Self.priorityColumns,
            rows: month.byPriority.map { p in
                [.text(SpanishLabels.priority(p.priority)), .count(p.met), .count(p.breached), .percent(p.compliancePercent)]
            })
        terms = ReportTable(Self.termsColumns, rows: month.clients.map(Self.termsRow))
        let levelTotal = withTotal ? TimeByLevel.total(month.levels) : []
        levels = ReportTable(
            Self.levelColumns, rows: (month.levels + levelTotal).map(Self.levelRow),
            tones: month.levels.map { _ in .plain } + levelTotal.map { _ in .total })
        let byClient = Dictionary(grouping: month.levels, by: \.clientID)
        levelHours = ReportTable(
            Self.levelHoursColumns,
            rows: month.clients.map { client in
                [.text(client.clientID), .text(client.clientName.isEmpty ? client.clientID : client.clientName)]
                    + Terms.supportLevels.map { level in
                        .hours(byClient[client.clientID]?.first { $0.level == level }?.totalHours ?? 0)
                    }
            })
    }

    /// The table files, in the KAM's folder.
    package var files: [(name: String, table: ReportTable)] {
        [
            ("resumen.csv", summary), ("tendencia.csv", trend), ("casos.csv", cases), ("incumplimientos.csv", breaches),
            ("abiertos.csv", open), ("cierres-automaticos.csv", closures), ("compromisos.csv", commitments),
            ("niveles.csv", levels)
        ]
    }

    static let levelColumns: [ReportTable.Column] = [
        .init("client_id", "Cliente"), .init(nil, "Nombre del cliente"), .init("level", "Nivel de soporte"),
        .init("cases", "Casos resueltos con tiempo en el nivel"), .init("mean_hours", "Media, h"),
        .init("median_hours", "Mediana, h"), .init("ola_hours", "OLA, h"), .init("ola_breaches", "OLA excedida (casos)")
    ]

    /// A level of a client, or of the KAM's total (client id empty, named Total).
    static func levelRow(_ figures: LevelFigures) -> [ReportValue] {
        [
            .text(figures.clientID), .text(figures.clientName), .count(figures.level), .count(figures.cases),
            .hours(figures.meanHours), .hours(figures.medianHours), .hours(seconds: figures.olaSeconds),
            .count(figures.olaBreaches)
        ]
    }

    static let levelHoursColumns: [ReportTable.Column] = [
        .init(nil, "Cliente"), .init(nil, "Nombre del cliente"), .init(nil, "Nivel 1, h"), .init(nil, "Nivel 2, h"),
        .init(nil, "Nivel 3, h")
    ]

    static let summaryColumns = [
        ("client_id", "Cliente"), ("client_name", "Nombre del cliente"), ("registered", "Registrados"),
        ("solved", "Solucionados"), ("auto_closed", "Cierres automáticos"),
        ("open_at_month_end", "Abiertos al cierre del mes"), ("met", "Cumplidos"), ("breached", "Incumplidos"),
        ("compliance_pct", "Cumplimiento ANS"), ("mean_attention_hours", "Atención media, h"),
        ("median_attention_hours", "Atención mediana, h"), ("mean_resolution_hours", "Resolución media, h"),
        ("median_resolution_hours", "Resolución mediana, h"),
        ("commitments_kept", "Compromisos cumplidos"), ("commitments_missed", "Compromisos incumplidos"),
        ("commitment_pct", "Cumplimiento de compromisos"), ("replans", "Re-planificaciones")
    ]

    static func summaryRow(_ c: ClientFigures, _ commitments: CommitmentFigures) -> [ReportValue] {
        [
            .text(c.clientID), .text(c.clientName), .count(c.registered), .count(c.solved), .count(c.autoClosed),
            .count(c.openAtMonthEnd), .count(c.met), .count(c.breached), .percent(c.compliancePercent),
            .hours(c.meanAttentionHours), .hours(c.medianAttentionHours), .hours(c.meanResolutionHours),
            .hours(c.medianResolutionHours)
        ] + commitmentCounts(commitments)
    }

    /// Kept, missed, the percentage kept and the re-plans, as `resumen.csv` appends them.
    static func commitmentCounts(_ c: CommitmentFigures) -> [ReportValue] {
        [.count(c.kept), .count(c.missed), .percent(c.percent), .count(c.replans)]
    }

    /// `compromisos.csv`: each commitment counted in the month. `replans` is how many re-plans led
    /// to that commitment (0 for a first promise).
    static let commitmentColumns: [ReportTable.Column] = [
        .init("case_id", "Caso"), .init("client_id", nil), .init(nil, "Cliente"), .init("committed_at", "Comprometido el"),
        .init("due", "Fecha comprometida"), .init("solved_at", "Solucionado"), .init("outcome", "Resultado"),
        .init("replans", "Re-planificaciones previas")
    ]

    static func commitmentRow(_ counted: MonthCommitment) -> [ReportValue] {
        let s = counted.row.snapshot
        let c = counted.commitment
        return [
            .text(s.serviceCase.id), .text(s.serviceCase.clientID),
            .text(s.clientName.isEmpty ? s.serviceCase.clientID : s.clientName),
            .dateTime(c.committedAt), .dateTime(c.due), .dateTime(c.solvedAt),
            .code(c.outcome.rawValue, label: SpanishLabels.commitmentOutcome(c.outcome)), .count(c.replansBefore)
        ]
    }

    static let trendColumns: [ReportTable.Column] = [
        .init("client_id", "Cliente"), .init(nil, "Nombre del cliente"), .init("month", "Mes"),
        .init("registered", "Registrados"), .init("solved", "Solucionados"), .init("met", "Cumplidos"),
        .init("breached", "Incumplidos"), .init("compliance_pct", "Cumplimiento ANS"), .init(nil, "Meta acordada"),
        .init("commitments_kept", "Compromisos cumplidos"), .init("commitments_missed", "Compromisos incumplidos"),
        .init("commitment_pct", "Cumplimiento de compromisos")
    ]

    static let priorityColumns = [
        ("priority", "Prioridad"), ("met", "Cumplidos"), ("breached", "Incumplidos"), ("compliance_pct", "Cumplimiento ANS")
    ]

    static let termsColumns = [
        ("client_id", "Cliente"), ("client_name", "Nombre del cliente"), ("p1", "P1, h"),
        ("urgency_alta", "Urgencia alta, h"), ("urgency_media", "Urgencia media, h"), ("urgency_baja", "Urgencia baja, h"),
        ("matrix_clock", "Reloj P2–P4"), ("at_risk", "En riesgo desde"), ("acceptance_days", "Días hábiles de aceptación"),
        ("compliance_target", "Meta de cumplimiento"), ("agreement", "Acuerdo")
    ]

    /// A client's terms in the words of the sheet: P1 as hours and clock of the client's
    /// contract; each urgency's hours by impact alta / media / baja.
    static func termsRow(_ client: ClientFigures) -> [ReportValue] {
        let terms = client.terms
        let p1: String =
            if let contract = client.contract {
                "\(SpanishLabels.hours(terms.p1(contract).seconds)) (\(SpanishLabels.clock(terms.p1(contract).clock)))"
            } else {
                "contrato desconocido"
            }
        let matrix = Grade.allCases.map { urgency in
            ReportValue.text(
                Grade.allCases.map { SpanishLabels.hours(terms.matrixSeconds(urgency: urgency, impact: $0)) }
                    .joined(separator: " / "))
        }
        return [.text(client.clientID), .text(client.clientName), .text(p1)] + matrix + [
            .text(SpanishLabels.clock(terms.matrixClock)), .text("\(terms.atRiskPercent) %"),
            .count(terms.acceptanceBusinessDays),
            terms.complianceTargetPercent.map { .percent($0) } ?? .text("Sin meta"),
            .text(terms.agreement ?? "Condiciones por defecto")
        ]
    }

    /// The case sheets show a person's columns; the CSV keeps every column (ids, impact, urgency,
    /// pauses) for programs — printed, twenty columns on one page wide would not be readable.
    static let caseColumns: [ReportTable.Column] = [
        .init("case_id", "Caso"), .init("client_id", nil), .init("client_name", "Cliente"), .init("product", "Producto"),
        .init("type", "Tipo"), .init("priority", "Prioridad"), .init("impact", nil), .init("urgency", nil),
        .init("created_at", "Registrado"), .init("clock", "Reloj"), .init("target_hours", "Objetivo, h"),
        .init("elapsed_hours", "Atención, h"), .init("paused_hours", nil), .init("state", "Estado ANS"),
        .init("due_at", "Vence"), .init("stopped_at", "Atendido"), .init("solved_at", "Solucionado"),
        .init("closed_at", "Cerrado"), .init("resolution_hours", "Resolución, h"), .init("summary", "Resumen")
    ]
    static let breachColumns = caseColumns + [.init("excess_hours", "Exceso, h")]
    static let closureColumns = [
        ("case_id", "Caso"), ("client_id", "Cliente"), ("client_name", "Nombre del cliente"), ("product", "Producto"),
        ("solved_at", "Solucionado"), ("closed_at", "Cerrado automáticamente")
    ]
    static let openColumns: [ReportTable.Column] = [
        .init("case_id", "Caso"), .init("client_id", nil), .init("client_name", "Cliente"), .init("product", "Producto"),
        .init("type", "Tipo"), .init("priority", "Prioridad"), .init("created_at", "Registrado"),
        .init("days_open", "Días abierto"), .init("clock", "Reloj"), .init("target_hours", "Objetivo, h"),
        .init("elapsed_hours", "Atención, h"), .init("state", "Estado ANS"), .init("due_at", "Vence"),
        .init("stopped_at", "Atendido"), .init("solved_at", "Solucionado"), .init("support_level", "Nivel de soporte"),
        .init("assignee", "Responsable"), .init("group", "Grupo"), .init("summary", "Resumen")
    ]

    static func caseRow(_ monthCase: MonthCase) -> [ReportValue] {
        let s = monthCase.row.snapshot
        let c = s.serviceCase
        let e = monthCase.row.evaluation
        return [
            .text(c.id), .text(c.clientID), .text(s.clientName), .text(s.product),
            .code(c.type.rawValue, label: SpanishLabels.type(c.type)), .text(c.priority.rawValue),
            c.impact.map { .text($0.rawValue) } ?? .empty, c.urgency.map { .text($0.rawValue) } ?? .empty,
            .dateTime(c.createdAt), .code(e.clock.rawValue, label: SpanishLabels.clock(e.clock)),
            .hours(seconds: e.targetSeconds), .hours(seconds: e.elapsedSeconds), .hours(seconds: e.pausedSeconds),
            .code(e.state.rawValue, label: SpanishLabels.state(e.state)), .dateTime(e.dueAt), .dateTime(e.stoppedAt),
            .dateTime(monthCase.solvedAt), .dateTime(monthCase.closedAt), .hours(seconds: e.resolutionSeconds),
            .text(s.summary)
        ]
    }

    /// An open case: days open at the month's end as calendar days, two decimals.
    static func openRow(_ monthCase: MonthCase, monthEnd: Instant) -> [ReportValue] {
        let s = monthCase.row.snapshot
        let c = s.serviceCase
        let e = monthCase.row.evaluation
        return [
            .text(c.id), .text(c.clientID), .text(s.clientName), .text(s.product),
            .code(c.type.rawValue, label: SpanishLabels.type(c.type)), .text(c.priority.rawValue), .dateTime(c.createdAt),
            .days(seconds: c.createdAt.seconds(to: monthEnd)),
            .code(e.clock.rawValue, label: SpanishLabels.clock(e.clock)), .hours(seconds: e.targetSeconds),
            .hours(seconds: e.elapsedSeconds), .code(e.state.rawValue, label: SpanishLabels.state(e.state)),
            .dateTime(e.dueAt), .dateTime(e.stoppedAt), .dateTime(monthCase.solvedAt), .count(monthCase.row.supportLevel),
            .text(s.assignee), .text(s.group), .text(s.summary)
        ]
    }
}
