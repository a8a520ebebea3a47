public import SLACore

/// The status rows of SPEC §7 — `sla-status.csv`, `breaches.csv`, `sla export` — and the breach
/// sheet a supervisor reads, from one list of columns: the CSV has the SPEC's columns in the
/// SPEC's order, codes in English and durations in seconds; the sheet has Spanish labels, hours,
/// and the names a person needs beside the ids.
public enum StatusTable {
    /// One column: its CSV name (nil on the sheet only), its Spanish label (nil in the CSV only),
    /// and its value for a row.
    struct Column: Sendable {
        let name: String?
        let label: String?
        var style: ReportTable.Style = .plain
        let value: @Sendable (StatusRow) -> ReportValue
    }

    static let columns: [Column] = [
        Column(name: "case_id", label: "Caso") { .text($0.snapshot.serviceCase.id) },
        Column(name: "client_id", label: "Cliente") { .text($0.snapshot.serviceCase.clientID) },
        Column(name: nil, label: "Nombre del cliente") { .text($0.snapshot.clientName) },
        Column(name: "kam_id", label: nil) { .text($0.snapshot.kamID) },
        Column(name: nil, label: "KAM") { .text($0.snapshot.kamName) },
        Column(name: "product", label: "Producto") { .text($0.snapshot.product) },
        Column(name: "type", label: "Tipo") { .code($0.snapshot.serviceCase.type.rawValue, label: SpanishLabels.type($0.snapshot.serviceCase.type)) },
        Column(name: "priority", label: "Prioridad") { .text($0.snapshot.serviceCase.priority.rawValue) },
        Column(name: "impact", label: "Impacto") { .text($0.snapshot.serviceCase.impact?.rawValue) },
        Column(name: "urgency", label: "Urgencia") { .text($0.snapshot.serviceCase.urgency?.rawValue) },
        Column(name: "clock", label: "Reloj") { .code($0.evaluation.clock.rawValue, label: SpanishLabels.clock($0.evaluation.clock)) },
        Column(name: "target_seconds", label: "Objetivo, h") { .seconds($0.evaluation.targetSeconds) },
        Column(name: "elapsed_seconds", label: "Transcurrido, h") { .seconds($0.evaluation.elapsedSeconds) },
        Column(name: nil, label: "Exceso (+) / margen (−), h", style: .signedHours) { row in
            .seconds(row.evaluation.targetSeconds.map { row.evaluation.elapsedSeconds - $0 })
        },
        Column(name: "paused_seconds", label: "En pausa, h") { .seconds($0.evaluation.pausedSeconds) },
        Column(name: "state", label: "Estado") { .code($0.evaluation.state.rawValue, label: SpanishLabels.state($0.evaluation.state)) },
        Column(name: "due_at", label: "Vence") { .dateTime($0.evaluation.dueAt) },
        Column(name: "stopped_at", label: "Atendido") { .dateTime($0.evaluation.stoppedAt) },
        Column(name: "resolution_seconds", label: "Resolución, h") { .seconds($0.evaluation.resolutionSeconds) },
        Column(name: "escalation_level", label: "Escalamiento sugerido") { row in
            row.evaluation.escalationLevel.map { .code(String($0), label: SpanishLabels.escalation($0)) } ?? .empty
        },
        Column(name: nil, label: "Registrado") { .dateTime($0.snapshot.serviceCase.createdAt) },
        Column(name: nil, label: "Resumen") { .text($0.snapshot.summary) },
    ]

    /// The CSV columns.
    static let csvColumns = columns.filter { $0.name != nil }

    /// The CSV header.
    public static let header = csvColumns.compactMap(\.name)

    /// One row's CSV fields, for the export that streams a million of them.
    public static func fields(_ row: StatusRow) -> [String] { csvColumns.map { $0.value(row).csvText } }

    /// The rows as a table, each coloured by its state (breached red, at risk amber).
    public static func table(_ rows: some Sequence<StatusRow>) -> ReportTable {
        var values: [[ReportValue]] = []
        var tones: [ReportTable.Tone] = []
        for row in rows {
            values.append(columns.map { $0.value(row) })
            tones.append(row.evaluation.state == .breached ? .breached : row.evaluation.state == .atRisk ? .atRisk : .plain)
        }
        return ReportTable(columns.map { ReportTable.Column($0.name, $0.label, style: $0.style) }, rows: values, tones: tones)
    }

    /// The CSV text of `rows`.
    public static func csv(_ rows: some Sequence<StatusRow>) -> String {
        var writer = CSVWriter(header: header)
        for row in rows { writer.appendRow(fields(row)) }
        return writer.text
    }

    /// Breached and at-risk rows still running, most overdue first: by due instant, then case id.
    public static func breaches(_ rows: [StatusRow]) -> [StatusRow] {
        rows.filter(\.needsAction).sorted { left, right in
            let l = left.evaluation.dueAt?.secondsSince1970 ?? .max, r = right.evaluation.dueAt?.secondsSince1970 ?? .max
            return l != r ? l < r : left.snapshot.serviceCase.id < right.snapshot.serviceCase.id
        }
    }
}
