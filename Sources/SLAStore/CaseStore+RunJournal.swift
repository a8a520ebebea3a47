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
            try db.execute(sql: """
                UPDATE \(RunRow.table) SET \(run.outcome.name) = 'interrupted',
                    \(run.summary.name) = 'killed or crashed before finishing (found by the ' || ? || ' run started ' || ? || ')'
                WHERE \(run.outcome.name) = 'running'
                """, arguments: [command, startedAt.description])
            try db.execute(sql: """
                INSERT INTO \(RunRow.table) (\(run.command.name), \(run.startedAt.name), \(run.asOf.name), \(run.pid.name))
                VALUES (?, ?, ?, ?)
                """, arguments: [command, startedAt.secondsSince1970, asOf?.secondsSince1970,
                                 Int(ProcessInfo.processInfo.processIdentifier)])
            return db.lastInsertedRowID
        }
    }

    /// Records how a run ended.
    package func finishRun(_ id: Int64, at finishedAt: Instant, outcome: RunOutcome, summary: String) throws(StoreError) {
        let run = RunRow.Columns.self
        try write("the run journal") { db in
            try db.execute(sql: """
                UPDATE \(RunRow.table) SET \(run.finishedAt.name) = ?, \(run.outcome.name) = ?, \(run.summary.name) = ?
                WHERE \(run.id.name) = ?
                """, arguments: [finishedAt.secondsSince1970, outcome.rawValue, summary, id])
        }
    }

    /// The journal, oldest first.
    package func journal() throws(StoreError) -> [JournalEntry] {
        let run = RunRow.Columns.self
        let columns = [run.id, run.command, run.startedAt, run.asOf, run.finishedAt, run.outcome, run.summary]
        return try read("the run journal") { db in
            try Row.fetchAll(db, sql: """
                SELECT \(columns.map(\.name).joined(separator: ", ")) FROM \(RunRow.table) ORDER BY \(run.id.name)
                """).map { row in
                func instant(_ column: Column) -> Instant? {
                    Int64.fromDatabaseValue(row[column]).flatMap {
                        CalendarCoverage.contains(secondsSince1970: $0) ? Instant(secondsSince1970: $0) : nil
                    }
                }
                return JournalEntry(id: Int64.fromDatabaseValue(row[run.id]) ?? 0, command: CaseReading.text(row[run.command]),
                                    startedAt: instant(run.startedAt), asOf: instant(run.asOf), finishedAt: instant(run.finishedAt),
                                    outcome: CaseReading.text(row[run.outcome]), summary: CaseReading.text(row[run.summary]))
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
            try Int64.fetchOne(db, sql: """
                SELECT max(\(run.asOf.name)) FROM \(RunRow.table)
                WHERE \(run.command.name) = 'nightly' AND \(run.outcome.name) IN (?, ?) AND \(run.asOf.name) < ?
                """, arguments: [RunOutcome.succeeded.rawValue, RunOutcome.rejectedInput.rawValue, asOf.secondsSince1970])
                .flatMap { CalendarCoverage.contains(secondsSince1970: $0) ? Instant(secondsSince1970: $0) : nil }
        }
    }
}
