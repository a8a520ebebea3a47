import Foundation
public import SLACore
import SLAReports
import SLAStore

/// `sla export`: every case registered by as-of, open or closed, with its clock (SPEC §7), for
/// audits and BI tools.
public enum ExportJob {
    /// The CSV text; written to `output` atomically when given, else returned for standard output.
    public static func run(database: String, asOf: Instant, output: String?, calendar: BusinessCalendar,
                           policy: SLAPolicy) throws(SLAError) -> String?
    {
        let store = try NightlyJob.open(database)
        let snapshots = try storeCall { () throws(StoreError) in try store.cases(registeredBy: asOf) }
        let rows = try StatusRows.evaluate(snapshots, asOf: asOf, calendar: calendar, policy: policy)
        let csv = StatusTable.csv(rows)
        guard let output else { return csv }
        do {
            try ReportFile.write(csv, to: output)
        } catch {
            throw SLAError(.usage, error.message, underlying: error)
        }
        return nil
    }
}

/// Evaluates cases into status rows, for the nightly run and the export alike.
enum StatusRows {
    static func evaluate(_ snapshots: [CaseSnapshot], asOf: Instant, calendar: BusinessCalendar, policy: SLAPolicy)
        throws(SLAError) -> [StatusRow]
    {
        let attention = AttentionClock(policy: policy, businessClock: BusinessClock(calendar: calendar))
        var rows: [StatusRow] = []
        rows.reserveCapacity(snapshots.count)
        let bar = ProgressBar("evaluating", unit: "cases")
        defer { bar.finish() }
        for snapshot in snapshots {
            if rows.count % 1_000 == 0 { bar.update(rows.count, of: snapshots.count) }
            do {
                rows.append(StatusRow(snapshot: snapshot,
                                      evaluation: try attention.evaluate(snapshot.serviceCase, events: snapshot.events, asOf: asOf)))
            } catch {
                throw SLAError(.usage, "case \(snapshot.serviceCase.id): \(error)", underlying: error)
            }
        }
        return rows
    }
}
