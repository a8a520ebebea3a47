package import SLACore

/// The status rows of SPEC §7 — `sla-status.csv`, `breaches.csv`, `due-today.csv`, `sla export` —
/// in the SPEC's columns and order, codes in English, durations in seconds. New columns are only
/// ever appended, so a reader by position keeps working. The supervisors' sheets show the same
/// rows for a person (`BreachListSheet`).
package enum StatusTable {
    /// One CSV column: its name and its text for a row.
    struct Column: Sendable {
        let name: String
        let value: @Sendable (StatusRow) -> ReportValue
    }

    static let columns: [Column] = [
        Column(name: "case_id") { .text($0.snapshot.serviceCase.id) },
        Column(name: "client_id") { .text($0.snapshot.serviceCase.clientID) },
        Column(name: "kam_id") { .text($0.snapshot.kamID) },
        Column(name: "product") { .text($0.snapshot.product) },
        Column(name: "type") { .text($0.snapshot.serviceCase.type.rawValue) },
        Column(name: "priority") { .text($0.snapshot.serviceCase.priority.rawValue) },
        Column(name: "impact") { .text($0.snapshot.serviceCase.impact?.rawValue) },
        Column(name: "urgency") { .text($0.snapshot.serviceCase.urgency?.rawValue) },
        Column(name: "clock") { .text($0.evaluation.clock.rawValue) },
        Column(name: "target_seconds") { .seconds($0.evaluation.targetSeconds) },
        Column(name: "elapsed_seconds") { .seconds($0.evaluation.elapsedSeconds) },
        Column(name: "paused_seconds") { .seconds($0.evaluation.pausedSeconds) },
        Column(name: "state") { .text($0.evaluation.state.rawValue) },
        Column(name: "due_at") { .dateTime($0.evaluation.dueAt) },
        Column(name: "stopped_at") { .dateTime($0.evaluation.stoppedAt) },
        Column(name: "resolution_seconds") { .seconds($0.evaluation.resolutionSeconds) },
        Column(name: "escalation_level") { row in row.evaluation.escalationLevel.map { .count($0) } ?? .empty },
        Column(name: "support_level") { .count($0.supportLevel) },
        Column(name: "assignee") { .text($0.snapshot.assignee) },
        Column(name: "group") { .text($0.snapshot.group) },
        Column(name: "waiting_since") { .dateTime($0.waitingSince) },
        // The work plan's latest solution commitment: its due, its state, and how many times the
        // promise was moved with no solution in between.
        Column(name: "commitment_due") { .dateTime($0.commitments.latest?.due) },
        Column(name: "commitment_state") { .text($0.commitments.latest?.outcome.rawValue) },
        Column(name: "replans") { .count($0.commitments.replans) },
        // Where the handling time went, by support level: the three add up to it.
        Column(name: "level1_seconds") { .seconds($0.evaluation.handling.level1Seconds) },
        Column(name: "level2_seconds") { .seconds($0.evaluation.handling.level2Seconds) },
        Column(name: "level3_seconds") { .seconds($0.evaluation.handling.level3Seconds) }
    ]

    /// The CSV header.
    package static let header = columns.map(\.name)

    /// One row's CSV fields, for the export that streams a million of them.
    package static func fields(_ row: StatusRow) -> [String] { columns.map { $0.value(row).csvText } }

    /// `due-today.csv`: the status columns, then `promise` — which promise to the client falls due
    /// before midnight, `attention` (the attention clock's target) or `solution` (the work plan's
    /// commitment). A case with both is listed twice, once per promise, each at its due instant.
    package static let dueTodayHeader = header + ["promise"]

    /// The CSV text of the promises due today.
    package static func dueTodayCSV(_ promises: some Sequence<DailyLists.PromiseDue>) -> String {
        var writer = CSVWriter(header: dueTodayHeader)
        for promise in promises { writer.appendRow(fields(promise.row) + [promise.promise.rawValue]) }
        return writer.text
    }

    /// The CSV text of `rows`.
    package static func csv(_ rows: some Sequence<StatusRow>) -> String {
        var writer = CSVWriter(header: header)
        for row in rows { writer.appendRow(fields(row)) }
        return writer.text
    }
}
