import Foundation
import GRDB
public import SLACore

/// The journal of runs: what each command did and how it ended. A run is written as `running`
/// when it starts, so one that was killed is told apart by never having finished.
extension CaseStore {
    /// How a run ended.
    public enum RunOutcome: String, Sendable {
        case succeeded, rejectedInput = "rejected_input", failed
    }

    /// One line of the journal.
    public struct RunRecord: Sendable, Equatable {
        public var id: Int64
        public var command: String
        public var startedAt: Instant
        public var asOf: Instant?
        public var finishedAt: Instant?
        /// `running` while it runs; `interrupted` once a later run found it never finished.
        public var outcome: String
        public var summary: String
    }

    /// Records the start of a run and returns its id.
    ///
    /// The caller holds the run lock, so a run still marked `running` is one that was killed or
    /// crashed: it is marked `interrupted`, naming this run, in the same transaction.
    public func beginRun(command: String, startedAt: Instant, asOf: Instant?) throws(StoreError) -> Int64 {
        do {
            return try writer.write { db in
                try db.execute(sql: """
                    UPDATE run SET outcome = 'interrupted',
                        summary = 'killed or crashed before finishing (found by the ' || ? || ' run started ' || ? || ')'
                    WHERE outcome = 'running'
                    """, arguments: [command, startedAt.description])
                try db.execute(sql: "INSERT INTO run (command, started_at, as_of, pid) VALUES (?, ?, ?, ?)",
                               arguments: [command, startedAt.secondsSince1970, asOf?.secondsSince1970,
                                           Int(ProcessInfo.processInfo.processIdentifier)])
                return db.lastInsertedRowID
            }
        } catch {
            throw StoreError("cannot write the run journal: \(error)", underlying: error)
        }
    }

    /// Records how a run ended.
    public func finishRun(_ id: Int64, at finishedAt: Instant, outcome: RunOutcome, summary: String) throws(StoreError) {
        do {
            try writer.write { db in
                try db.execute(sql: "UPDATE run SET finished_at = ?, outcome = ?, summary = ? WHERE id = ?",
                               arguments: [finishedAt.secondsSince1970, outcome.rawValue, summary, id])
            }
        } catch {
            throw StoreError("cannot write the run journal: \(error)", underlying: error)
        }
    }

    /// The journal, oldest first.
    public func runs() throws(StoreError) -> [RunRecord] {
        do {
            return try writer.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM run ORDER BY id").map { row in
                    RunRecord(id: row["id"], command: row["command"],
                              startedAt: Instant(secondsSince1970: row["started_at"]),
                              asOf: (row["as_of"] as Int64?).map(Instant.init(secondsSince1970:)),
                              finishedAt: (row["finished_at"] as Int64?).map(Instant.init(secondsSince1970:)),
                              outcome: row["outcome"], summary: row["summary"])
                }
            }
        } catch {
            throw StoreError("cannot read the run journal: \(error)", underlying: error)
        }
    }
}
