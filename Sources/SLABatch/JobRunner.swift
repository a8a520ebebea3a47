import Foundation
public import Logging
public import SLACore
package import SLAStore

/// The frame every job runs in: the run lock, the store, the run journal, "now" and the logger.
///
/// A job is a function from its request to an outcome; it never takes the lock, opens the
/// database or writes the journal itself. A job that writes runs under `write`: one run at a time
/// per database, the database opened for writing (only sla's own, or a new one for a job that may
/// create it), the run journalled from start to end — `succeeded`, `rejected_input` when it has
/// findings, `failed` with the error's message. A job that reads runs under `read`: no lock, no
/// journal, the database opened read-only, so a read-only file is enough.
public struct JobRunner: Sendable {
    /// The database every job of this runner works on.
    package var database: String
    package var logger: Logger
    /// The current instant, to the second: the only clock the jobs read.
    public var now: @Sendable () -> Instant
    /// Where a test has the run kill itself; none in production.
    package var crashPoints: CrashPoints

    public init(
        database: String, logger: Logger, now: @escaping @Sendable () -> Instant = JobRunner.systemNow,
        crashPoint: CrashPoint? = nil
    ) {
        self.database = database
        self.logger = logger
        self.now = now
        self.crashPoints = CrashPoints(crashPoint)
    }

    /// The system's clock, to the second.
    @Sendable public static func systemNow() -> Instant {
        Instant(secondsSince1970: Int64(Date().timeIntervalSince1970))
    }

    /// What a job gets from the runner.
    package struct Context {
        package var store: CaseStore
        /// The journal's id of this run; nil for a job that only reads.
        package var runID: Int64?
        package var startedAt: Instant
        package var logger: Logger
        package var now: @Sendable () -> Instant
        package var crashPoints: CrashPoints
    }

    /// Runs `job` holding the lock, with the store open for writing and the run journalled.
    ///
    /// - Parameters:
    ///   - command: the command's name, for the lock file and the journal.
    ///   - asOf: the instant the run evaluates as of, for the journal.
    ///   - creating: whether the job may create the database (import, demo).
    package func write<Outcome: JobOutcome>(
        _ command: String, asOf: Instant?, creating: Bool = false,
        _ job: (Context) throws(SLAError) -> Outcome
    ) throws(SLAError) -> Outcome {
        let startedAt = now()
        // Checked before the lock, so no lock file is made beside a missing or foreign database.
        do throws(SLAError) {
            try storeCall { () throws(StoreError) in try CaseStore.check(database, for: creating ? .create : .write) }
        } catch
            where error.code == .databaseMissing
            && FileManager.default.fileExists(atPath: CaseStore.buildingPath(for: database))
        {
            // An import building the database holds its lock: "locked" (exit 3) is what a wrapper
            // retries on. Without a holder, the building file is a killed import's, as the error says.
            try locked(command, startedAt: startedAt) { () throws(SLAError) in throw error }
        }
        return try locked(command, startedAt: startedAt) { () throws(SLAError) in
            // Opened under the lock: opening migrates the schema, which is a write.
            let store = try storeCall { () throws(StoreError) in
                creating ? try CaseStore.openToCreate(database) : try CaseStore.open(database, for: .write)
            }
            defer { store.close() }
            let runID = try storeCall { () throws(StoreError) in
                try store.beginRun(command: command, startedAt: startedAt, asOf: asOf)
            }
            let context = Context(
                store: store, runID: runID, startedAt: startedAt, logger: logger, now: now,
                crashPoints: crashPoints)
            let outcome: Outcome
            let lostBefore = StandardError.linesLost
            // The log may be gone (a full disk, a closed descriptor): the journal says what it lost.
            func unlogged(_ summary: String) -> String {
                let lost = StandardError.linesLost - lostBefore
                guard lost > 0 else { return summary }
                return summary + " (\(lost) log line\(lost == 1 ? "" : "s") could not be written to standard error)"
            }
            do throws(SLAError) {
                outcome = try job(context)
                crashPoints.reach(.beforeJournal)
                try storeCall { () throws(StoreError) in
                    try store.finishRun(
                        runID, at: now(), outcome: outcome.findings.isEmpty ? .succeeded : .rejectedInput,
                        summary: unlogged(outcome.summaryLine))
                }
            } catch {
                // The journal says how it failed, if the database can still be written (a database
                // the run was building is removed instead, when the store closes).
                _ = try? store.finishRun(runID, at: now(), outcome: .failed, summary: unlogged(error.message))
                throw error
            }
            // A database the run built appears at its path now, or the run fails saying where it is.
            try storeCall { () throws(StoreError) in try store.closeAndPublish() }
            return outcome
        }
    }

    /// Runs `job` with the store open read-only: no lock, no journal.
    package func read<T>(_ job: (Context) throws(SLAError) -> T) throws(SLAError) -> T {
        let store = try storeCall { () throws(StoreError) in try CaseStore.open(database, for: .read) }
        defer { store.close() }
        return try job(
            Context(
                store: store, runID: nil, startedAt: now(), logger: logger, now: now,
                crashPoints: crashPoints))
    }

    /// Runs `body` holding the run lock of the database (re-entrant: a job may run others).
    package func locked<T>(_ command: String, startedAt: Instant, _ body: () throws(SLAError) -> T) throws(SLAError) -> T {
        try RunLock.withLock(database: database, command: command, startedAt: startedAt, body)
    }
}

/// What a job hands back to the runner and the command line.
public protocol JobOutcome: Sendable {
    /// What the job could not use — rejected rows, cases it could not evaluate, reports it could
    /// not write — each said where it is; the job went on without it. Any finding makes the run
    /// end with exit status 1.
    var findings: [Finding] { get }
    /// The files the job wrote.
    var files: [String] { get }
    /// The one line the job ends with, in the journal and on standard output.
    var summaryLine: String { get }
}
