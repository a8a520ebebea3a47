import Foundation
public import Logging
public import SLACore
import SLAReports
import SLAStore

/// `sla report --month M`: one workbook and one folder of CSV files per KAM in
/// `reports/monthly/M/` (SPEC §8), evaluated as of the first instant of the next month with the
/// automatic closures due by then counted, written or not — the same whenever it is produced.
public enum MonthlyReportJob {
    public struct Outcome: Sendable {
        public var month: ReportMonth
        public var folder: String
        public var kams = 0
        public var cases = 0
        /// KAM ids left out because another id gives the same file name.
        public var clashingKAMs: [String] = []
        public var seconds = 0.0

        public var exitStatus: Int32 { clashingKAMs.isEmpty ? 0 : SLAError.Code.rejectedInput.exitStatus }

        public var line: String {
            "monthly reports \(month) in \(folder): \(kams) KAMs, \(cases) cases of the month"
                + (clashingKAMs.isEmpty ? "" : ", \(clashingKAMs.count) KAMs left out (file names clash)")
                + ", \(String(format: "%.2f", seconds)) s"
        }
    }

    /// The command: refuses a month that has not ended, holds the run lock, writes (or rewrites)
    /// the month's reports, and journals the run.
    public static func run(database: String, month: ReportMonth, reportsDirectory: String, calendar: BusinessCalendar,
                           policy: SLAPolicy, now: Instant, logger: Logger) throws(SLAError) -> Outcome
    {
        guard month.end <= now else {
            throw SLAError(.usage, """
                \(month) has not ended: its report is evaluated as of \(month.end), after now (\(now)); \
                run it from that instant on
                """)
        }
        try NightlyJob.requireDatabase(database)
        return try RunLock.withLock(database: database, command: "report", startedAt: now) { () throws(SLAError) in
            // Opened under the lock: opening migrates the schema, which is a write.
            let store = try NightlyJob.open(database)
            let runID = try storeCall { () throws(StoreError) in
                try store.beginRun(command: "report", startedAt: now, asOf: month.end)
            }
            do throws(SLAError) {
                let outcome = try write(month, store: store, reportsDirectory: reportsDirectory, calendar: calendar,
                                        policy: policy, producedAt: now, logger: logger)
                try storeCall { () throws(StoreError) in
                    try store.finishRun(runID, at: Instant.now, outcome: outcome.exitStatus == 0 ? .succeeded : .rejectedInput,
                                        summary: outcome.line)
                }
                return outcome
            } catch {
                _ = try? store.finishRun(runID, at: Instant.now, outcome: .failed, summary: error.message)
                throw error
            }
        }
    }

    /// The folder of a month's reports.
    public static func folder(of month: ReportMonth, in reportsDirectory: String) -> String {
        URL(fileURLWithPath: reportsDirectory).appendingPathComponent("monthly").appendingPathComponent(month.description).path
    }

    /// Writes the month's reports into a temporary folder, then renames it into place (replacing a
    /// previous one), so the month's folder is always whole. The caller holds the run lock.
    static func write(_ month: ReportMonth, store: CaseStore, reportsDirectory: String, calendar: BusinessCalendar,
                      policy: SLAPolicy, producedAt: Instant, logger: Logger) throws(SLAError) -> Outcome
    {
        let started = ContinuousClock.now
        let target = folder(of: month, in: reportsDirectory)
        var outcome = Outcome(month: month, folder: target)
        let closure = AutomaticClosure(calendar: calendar)
        let snapshots = try storeCall { () throws(StoreError) in try store.cases(activeFrom: month.start, to: month.end) }
        var closed: [CaseSnapshot] = []
        closed.reserveCapacity(snapshots.count)
        for snapshot in snapshots {
            closed.append(try clockCall(snapshot) { () throws(ClockRangeError) in
                try snapshot.closingDuePeriods(with: closure, asOf: month.end)
            })
        }
        let rows = try StatusRows.evaluate(closed, asOf: month.end, calendar: calendar, policy: policy)
        let rowsByKAM = Dictionary(grouping: rows, by: \.snapshot.kamID)
        let kams = try storeCall { () throws(StoreError) in try store.kamsWithClients() }

        let byFileName = Dictionary(grouping: kams, by: { KAMFileName.name(for: $0.kamID) })
        for (name, clash) in byFileName where clash.count > 1 {
            let ids = clash.map(\.kamID).sorted()
            outcome.clashingKAMs += ids
            logger.error("""
                data problem: the KAM ids \(ids.joined(separator: ", ")) all give the report name \(name).xlsx: \
                none of them gets a report until the ids are told apart
                """)
        }

        let parent = URL(fileURLWithPath: target).deletingLastPathComponent().path
        let pid = ProcessInfo.processInfo.processIdentifier
        let temporary = parent + "/.\(month).\(pid).tmp"
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            ReportFile.removeTemporaries(in: parent)
            try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        } catch {
            throw SLAError(.usage, "cannot create the report folder \(parent): \(error)", underlying: error)
        }
        do throws(ReportError) {
            for kam in kams where !outcome.clashingKAMs.contains(kam.kamID) {
                let name = KAMFileName.name(for: kam.kamID)
                let kamMonth: KAMMonth
                do {
                    kamMonth = try KAMMonth(kamID: kam.kamID, kamName: kam.kamName, month: month, clients: kam.clients,
                                            rows: rowsByKAM[kam.kamID] ?? [], closure: closure)
                } catch {
                    throw ReportError("KAM \(kam.kamID): \(error)")
                }
                let tables = MonthlyTables(kamMonth)
                try KAMWorkbook.write(kamMonth, tables: tables, producedAt: producedAt, to: temporary + "/\(name).xlsx")
                for (file, table) in tables.files {
                    try ReportFile.write(table.csv, to: temporary + "/\(name)/\(file)")
                }
                outcome.kams += 1
                outcome.cases += kamMonth.cases.count
                if kamMonth.hasNoActivity { logger.info("KAM \(kam.kamID): no activity in \(month); the report says so") }
            }
            try replace(target, with: temporary)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw SLAError(.usage, error.message, underlying: error)
        }
        outcome.seconds = seconds(since: started)
        return outcome
    }

    /// Puts the folder `temporary` at `target`: a rename, after moving an earlier `target` aside.
    private static func replace(_ target: String, with temporary: String) throws(ReportError) {
        let aside = URL(fileURLWithPath: target).deletingLastPathComponent().path
            + "/.\(URL(fileURLWithPath: target).lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).old.tmp"
        let exists = FileManager.default.fileExists(atPath: target)
        if exists, rename(target, aside) != 0 {
            throw ReportError("cannot move the earlier \(target) aside: \(String(cString: strerror(errno)))")
        }
        guard rename(temporary, target) == 0 else {
            let reason = String(cString: strerror(errno))
            if exists { _ = rename(aside, target) }
            throw ReportError("cannot move the reports into \(target): \(reason)")
        }
        if exists { try? FileManager.default.removeItem(atPath: aside) }
    }
}
