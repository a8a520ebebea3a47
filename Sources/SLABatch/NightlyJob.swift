import Foundation
public import Logging
public import SLACore
import SLAReports
import SLAStore

/// `sla nightly`: every open case's attention clock as of an instant, the status and breach files
/// for the supervisors, and a run record (SPEC §1, §4, §7).
public enum NightlyJob {
    public struct Request: Sendable {
        public var database: String
        public var asOf: Instant
        public var reportsDirectory: String
        public var dryRun: Bool
        /// Rewrite the previous month's KAM reports even when they exist.
        public var forceMonthlyReports: Bool

        public init(database: String, asOf: Instant, reportsDirectory: String, dryRun: Bool,
                    forceMonthlyReports: Bool = false)
        {
            self.database = database
            self.asOf = asOf
            self.reportsDirectory = reportsDirectory
            self.dryRun = dryRun
            self.forceMonthlyReports = forceMonthlyReports
        }
    }

    /// What the night found.
    public struct Summary: Sendable {
        public var asOf: Instant
        public var dryRun = false
        public var evaluated = 0
        public var breached = 0
        public var atRisk = 0
        public var paused = 0
        public var unclassified = 0
        /// The acceptance periods this run closed (or, on a dry run, would close).
        public var closures: [CaseClosure] = []
        public var seconds = 0.0
        public var files: [String] = []
        /// The previous month's KAM reports, when this run wrote them.
        public var monthlyReports: MonthlyReportJob.Outcome?

        /// 1 when there were data problems (unclassified cases, listed in the breach workbook; KAM
        /// ids whose report names clash).
        public var exitStatus: Int32 {
            unclassified > 0 || (monthlyReports?.exitStatus ?? 0) != 0 ? SLAError.Code.rejectedInput.exitStatus : 0
        }

        /// The line the night ends with.
        public var line: String {
            "nightly as of \(asOf): \(closures.count) \(dryRun ? "would be closed" : "closed") automatically, "
                + "\(evaluated) open cases evaluated, \(breached) breached, \(atRisk) at risk, "
                + "\(paused) paused, \(unclassified) unclassified, \(String(format: "%.2f", seconds)) s"
                + (monthlyReports.map { "; \($0.line)" } ?? "")
        }
    }

    /// The night: close the acceptance periods that ran out (one transaction), then evaluate the
    /// open cases from one consistent snapshot and write the daily files. A dry run takes no lock
    /// and writes nothing: it reports what the night would close and find.
    public static func run(_ request: Request, calendar: BusinessCalendar, policy: SLAPolicy, startedAt: Instant,
                           logger: Logger) throws(SLAError) -> Summary
    {
        if request.dryRun {
            let store = try open(request.database)
            return try night(request, store: store, runID: nil, calendar: calendar, policy: policy, logger: logger)
        }
        try requireDatabase(request.database)
        return try RunLock.withLock(database: request.database, command: "nightly", startedAt: startedAt) {
            () throws(SLAError) in
            // Opened under the lock: opening migrates the schema, which is a write.
            let store = try open(request.database)
            let runID = try storeCall { () throws(StoreError) in
                try store.beginRun(command: "nightly", startedAt: startedAt, asOf: request.asOf)
            }
            do throws(SLAError) {
                let summary = try night(request, store: store, runID: runID, calendar: calendar, policy: policy,
                                        logger: logger)
                try storeCall { () throws(StoreError) in
                    try store.finishRun(runID, at: Instant.now, outcome: summary.exitStatus == 0 ? .succeeded : .rejectedInput,
                                        summary: summary.line)
                }
                return summary
            } catch {
                _ = try? store.finishRun(runID, at: Instant.now, outcome: .failed, summary: error.message)
                throw error
            }
        }
    }

    private static func night(_ request: Request, store: CaseStore, runID: Int64?, calendar: BusinessCalendar,
                              policy: SLAPolicy, logger: Logger) throws(SLAError) -> Summary
    {
        let started = ContinuousClock.now
        let closure = AutomaticClosure(calendar: calendar)
        var summary = Summary(asOf: request.asOf, dryRun: request.dryRun)
        // The open cases and the day's changes, not the settled history (Schema v3).
        var watched = try storeCall { () throws(StoreError) in try store.casesToEvaluate(asOf: request.asOf) }
        let withSolutions = watched.filter { AutomaticClosure.concerns($0.snapshot.events) }.map(\.snapshot.serviceCase.id)
        let changes = try storeCall { () throws(StoreError) in
            try store.closeAcceptancePeriods(asOf: request.asOf, runID: runID, among: withSolutions) { events in
                try closure.reconcile(events: events, asOf: request.asOf)
            }
        }
        summary.closures = changes.written
        for withdrawn in changes.withdrawn {
            logger.warning("""
                \(request.dryRun ? "would withdraw" : "withdrew") the automatic closure of case \(withdrawn.caseID) \
                at \(withdrawn.event.at): events recorded since show its acceptance period did not run out
                """)
        }
        for closed in summary.closures {
            logger.info("""
                \(request.dryRun ? "would close" : "closed") case \(closed.caseID) at \(closed.deadline): \
                solved \(closed.solvedAt), no answer within 5 business days
                """)
        }
        if runID != nil, !changes.written.isEmpty || !changes.withdrawn.isEmpty {
            // Read again, closures included, as one consistent snapshot.
            watched = try storeCall { () throws(StoreError) in try store.casesToEvaluate(asOf: request.asOf) }
        }

        var open: [CaseSnapshot] = []
        var settled: [(id: String, version: Int64, from: Instant)] = []
        for item in watched {
            let snapshot = item.snapshot
            // Written already unless this is a dry run, where they are applied in memory only.
            let closed = try clockCall(snapshot) { () throws(ClockRangeError) in
                try snapshot.closingDuePeriods(with: closure, asOf: request.asOf)
            }
            if closed.isOpen {
                open.append(closed)
            } else if let version = item.version, let latest = item.latestEventAt, latest <= request.asOf,
                      !snapshot.isOpen,
                      !(try clockCall(snapshot) { () throws(ClockRangeError) in
                          try closure.hasPeriodAwaitingClient(events: snapshot.events, asOf: request.asOf)
                      })
            {
                // Closed, nothing recorded after the night, and no solution still awaiting the client.
                settled.append((snapshot.serviceCase.id, version, latest))
            }
        }
        let rows = try StatusRows.evaluate(open, asOf: request.asOf, calendar: calendar, policy: policy)
        for row in rows {
            summary.evaluated += 1
            switch row.evaluation.state {
            case .breached: summary.breached += 1
            case .atRisk: summary.atRisk += 1
            case .paused: summary.paused += 1
            case .unclassified:
                summary.unclassified += 1
                let snapshot = row.snapshot
                logger.warning("""
                    data problem: case \(snapshot.serviceCase.id) (\(snapshot.clientName)) is \
                    \(snapshot.serviceCase.priority.rawValue) without impact or urgency: it has no attention target
                    """)
            case .met, .running: break
            }
        }
        guard !request.dryRun else {
            summary.seconds = seconds(since: started)
            return summary
        }

        let settledCount = try storeCall { () throws(StoreError) in try store.settle(settled) }
        if settledCount > 0 { logger.info("\(settledCount) closed cases settled: later nights will not read them") }

        let date = request.asOf.localDate
        let folder = URL(fileURLWithPath: request.reportsDirectory)
            .appendingPathComponent("daily").appendingPathComponent(date.description).path
        let breaches = StatusTable.breaches(rows)
        let problems = rows.filter { $0.evaluation.state == .unclassified }
        let nightsClosures = try storeCall { () throws(StoreError) in try store.closures(writtenByRunsOn: date) }
        do {
            // Under the lock, a temporary file in the folder is what a killed run left behind.
            ReportFile.removeTemporaries(in: folder)
            try ReportFile.write(StatusTable.csv(rows), to: folder + "/sla-status.csv")
            try ReportFile.write(StatusTable.csv(breaches), to: folder + "/breaches.csv")
            try BreachWorkbook.write(breaches: breaches, problems: problems, asOf: request.asOf,
                                     to: folder + "/breaches.xlsx")
            try ReportFile.write(ClosureTable.csv(nightsClosures), to: folder + "/closures.csv")
        } catch {
            throw SLAError(.usage, error.message, underlying: error)
        }
        summary.files = ["sla-status.csv", "breaches.csv", "breaches.xlsx", "closures.csv"].map { folder + "/" + $0 }
        summary.seconds = seconds(since: started)

        // The first night after a month ends writes that month's KAM reports, once (SPEC §1).
        let previous = ReportMonth(containing: request.asOf).previous
        let monthly = MonthlyReportJob.folder(of: previous, in: request.reportsDirectory)
        if request.forceMonthlyReports || !FileManager.default.fileExists(atPath: monthly) {
            summary.monthlyReports = try MonthlyReportJob.write(
                previous, store: store, reportsDirectory: request.reportsDirectory, calendar: calendar, policy: policy,
                producedAt: Instant.now, logger: logger)
        }
        return summary
    }

    /// Refuses a database that does not exist (before a lock file is made beside it).
    static func requireDatabase(_ database: String) throws(SLAError) {
        guard FileManager.default.fileExists(atPath: database) else {
            throw SLAError(.usage, "no database at \(database): create it with sla import (or sla demo)")
        }
    }

    static func open(_ database: String) throws(SLAError) -> CaseStore {
        try requireDatabase(database)
        return try storeCall { () throws(StoreError) in try CaseStore(path: database) }
    }
}

/// Seconds of wall time since `start`, for summary lines.
func seconds(since start: ContinuousClock.Instant) -> Double {
    let took = ContinuousClock.now - start
    return Double(took.components.seconds) + Double(took.components.attoseconds) / 1e18
}

extension Instant {
    /// The current instant, to the second: when a run started or finished (the jobs' only clock reads).
    static var now: Instant { Instant(secondsSince1970: Int64(Date().timeIntervalSince1970)) }
}

/// Runs a clock computation for a case, turning an instant outside the calendar into the job's error.
func clockCall<T>(_ snapshot: CaseSnapshot, _ body: () throws(ClockRangeError) -> T) throws(SLAError) -> T {
    do {
        return try body()
    } catch {
        throw SLAError(.usage, "case \(snapshot.serviceCase.id): \(error)", underlying: error)
    }
}

/// Runs a store call, turning its error into the job's.
func storeCall<T>(_ body: () throws(StoreError) -> T) throws(SLAError) -> T {
    do {
        return try body()
    } catch {
        throw SLAError(.usage, error.message, underlying: error)
    }
}
