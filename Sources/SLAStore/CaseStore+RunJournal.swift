import Foundation
import GRDB
package import SLACore

/// The journal of runs: what each command did and how it ended. A run is written as `running`
/// when it starts, so one that was killed is told apart by never having finished.
extension CaseStore {
    /// How a run ended.
    package enum RunOutcome: String, Sendable {
        case succeeded
        /// Finished, with findings: rejected rows, data problems, reports that could not be written.
        case rejectedInput = "rejected_input"
        case failed
    }

    /// One line of the journal.
    package struct JournalEntry: Sendable, Equatable {
        package var id: Int64
        package var command: String
        package var startedAt: Instant?
        package var asOf: Instant?
        package var finishedAt: Instant?
        /// `running` while it runs; `interrupted` once a later run found it never finished.
        package var outcome: String
        package var summary: String
    }

    /// Records the start of a run and returns its id.
    ///
    /// The caller holds the run lock, so a run still marked `running` is one that was killed or
    /// crashed: it is marked `interrupted`, naming this run, in the same transaction.
    package func beginRun(command: String, startedAt: Instant, asOf: Instant?) throws(StoreError) -> Int64 {
        let run = RunRow.Columns.self
        return try write("the run journal") { db in
            try RunRow.filter(run.outcome == RunRow.running).updateAll(
                db,
                [
                    run.outcome.set(to: RunRow.interrupted),
                    run.summary.set(
                        to: "killed or crashed before finishing (found by the \(command) run started \(startedAt.description))")
                ])
            var row = RunRow(
                command: command, startedAt: startedAt.secondsSince1970, asOf: asOf?.secondsSince1970,
                pid: Int64(ProcessInfo.processInfo.processIdentifier))
            try row.insert(db)
            return row.id ?? db.lastInsertedRowID
        }
    }

    /// Records how a run ended.
    package func finishRun(_ id: Int64, at finishedAt: Instant, outcome: RunOutcome, summary: String) throws(StoreError) {
        let run = RunRow.Columns.self
        try write("the run journal") { db in
            try RunRow.filter(run.id == id).updateAll(
                db,
                [
                    run.finishedAt.set(to: finishedAt.secondsSince1970), run.outcome.set(to: outcome.rawValue),
                    run.summary.set(to: summary)
                ])
        }
    }

    /// The journal, oldest first.
    package func journal() throws(StoreError) -> [JournalEntry] {
        try read("the run journal") { db in
            try RunRow.order(RunRow.Columns.id).fetchAll(db).map { row in
                func instant(_ seconds: Int64?) -> Instant? {
                    seconds.flatMap { CalendarCoverage.contains(secondsSince1970: $0) ? Instant(secondsSince1970: $0) : nil }
                }
                return JournalEntry(
                    id: row.id ?? 0, command: row.command, startedAt: instant(row.startedAt),
                    asOf: instant(row.asOf), finishedAt: instant(row.finishedAt), outcome: row.outcome,
                    summary: row.summary)
            }
        }
    }
}

extension CaseStore {
    /// The as-of of the latest night before `asOf` that finished, with or without findings: the
    /// months that ended after it are those no finished night has been the first after.
    package func latestFinishedNight(before asOf: Instant) throws(StoreError) -> Instant? {
        let run = RunRow.Columns.self
        return try read("the run journal") { db in
            try RunRow.filter(
                run.command == "nightly"
                    && [RunOutcome.succeeded.rawValue, RunOutcome.rejectedInput.rawValue].contains(run.outcome)
                    && run.asOf < asOf.secondsSince1970
            )
            .select(max(run.asOf), as: Int64.self).fetchOne(db)
            .flatMap { CalendarCoverage.contains(secondsSince1970: $0) ? Instant(secondsSince1970: $0) : nil }
        }
    }
}
