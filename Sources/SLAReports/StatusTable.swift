public import SLACore

/// The columns of SPEC §7's status files, in order, with empty cells where a value does not apply.
public enum StatusTable {
    public static let header = [
        "case_id", "client_id", "kam_id", "product", "type", "priority", "impact", "urgency", "clock",
        "target_seconds", "elapsed_seconds", "paused_seconds", "state", "due_at", "stopped_at",
        "resolution_seconds", "escalation_level",
    ]

    public static func fields(_ row: StatusRow) -> [String] {
        let c = row.snapshot.serviceCase
        let e = row.evaluation
        return [
            c.id, c.clientID, row.snapshot.kamID, row.snapshot.product, c.type.rawValue, c.priority.rawValue,
            c.impact?.rawValue ?? "", c.urgency?.rawValue ?? "", e.clock.rawValue, e.targetSeconds.map(String.init) ?? "",
            String(e.elapsedSeconds), String(e.pausedSeconds), e.state.rawValue, e.dueAt?.description ?? "",
            e.stoppedAt?.description ?? "", e.resolutionSeconds.map(String.init) ?? "",
            e.escalationLevel.map(String.init) ?? "",
        ]
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
