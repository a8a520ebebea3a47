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

        public init(database: String, asOf: Instant, reportsDirectory: String, dryRun: Bool) {
            self.database = database
            self.asOf = asOf
            self.reportsDirectory = reportsDirectory
            self.dryRun = dryRun
        }
    }

    /// What the night found.
    public struct Summary: Sendable {
        public var asOf: Instant
        public var evaluated = 0
        public var breached = 0
        public var atRisk = 0
        public var paused = 0
        public var unclassified = 0
        public var seconds = 0.0
        public var files: [String] = []

        /// 1 when there were data problems (unclassified cases), listed in the breach workbook.
        public var exitStatus: Int32 { unclassified > 0 ? SLAError.Code.rejectedInput.exitStatus : 0 }

        /// The line the night ends with.
        public var line: String {
            "nightly as of \(asOf): \(evaluated) cases evaluated, \(breached) breached, \(atRisk) at risk, "
                + "\(paused) paused, \(unclassified) unclassified, \(String(format: "%.2f", seconds)) s"
        }
    }

    public static func run(_ request: Request, calendar: BusinessCalendar, policy: SLAPolicy, startedAt: Instant,
                           logger: Logger) throws(SLAError) -> Summary
    {
        let started = ContinuousClock.now
        let store = try open(request.database)
        let runID = request.dryRun ? nil : try storeCall { () throws(StoreError) in
            try store.beginRun(command: "nightly", startedAt: startedAt, asOf: request.asOf)
        }
        do {
            var summary = try evaluate(request, store: store, calendar: calendar, policy: policy, logger: logger)
            let took = ContinuousClock.now - started
            summary.seconds = Double(took.components.seconds) + Double(took.components.attoseconds) / 1e18
            if let runID {
                try storeCall { () throws(StoreError) in
                    try store.finishRun(runID, at: startedAt, outcome: summary.exitStatus == 0 ? .succeeded : .rejectedInput,
                                        summary: summary.line)
                }
            }
            return summary
        } catch {
            if let runID { _ = try? store.finishRun(runID, at: startedAt, outcome: .failed, summary: error.message) }
            throw error
        }
    }

    private static func evaluate(_ request: Request, store: CaseStore, calendar: BusinessCalendar, policy: SLAPolicy,
                                 logger: Logger) throws(SLAError) -> Summary
    {
        let snapshots = try storeCall { () throws(StoreError) in try store.cases(registeredBy: request.asOf) }
        let rows = try StatusRows.evaluate(snapshots.filter(\.isOpen), asOf: request.asOf, calendar: calendar, policy: policy)
        var summary = Summary(asOf: request.asOf)
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
        guard !request.dryRun else { return summary }

        let folder = URL(fileURLWithPath: request.reportsDirectory)
            .appendingPathComponent("daily").appendingPathComponent(request.asOf.localDate.description).path
        let breaches = StatusTable.breaches(rows)
        let problems = rows.filter { $0.evaluation.state == .unclassified }
        do {
            try ReportFile.write(StatusTable.csv(rows), to: folder + "/sla-status.csv")
            try ReportFile.write(StatusTable.csv(breaches), to: folder + "/breaches.csv")
            try BreachWorkbook.write(breaches: breaches, problems: problems, asOf: request.asOf,
                                     to: folder + "/breaches.xlsx")
        } catch {
            throw SLAError(.usage, error.message, underlying: error)
        }
        summary.files = ["sla-status.csv", "breaches.csv", "breaches.xlsx"].map { folder + "/" + $0 }
        return summary
    }

    static func open(_ database: String) throws(SLAError) -> CaseStore {
        guard FileManager.default.fileExists(atPath: database) else {
            throw SLAError(.usage, "no database at \(database): create it with sla import (or sla demo)")
        }
        return try storeCall { () throws(StoreError) in try CaseStore(path: database) }
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
