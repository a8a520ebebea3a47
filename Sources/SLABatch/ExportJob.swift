import Foundation
public import SLACore
import SLAReports
import SLAStore

/// `sla export`: every case registered by as-of, open or closed, with its clock (SPEC §7), for
/// audits and BI tools.
public enum ExportJob {
    /// Streams the CSV to `output` (written to a temporary name and renamed into place) or, when
    /// nil, to standard output, one case at a time: memory stays that of one case whatever the
    /// history. Returns the number of cases written.
    @discardableResult
    public static func run(database: String, asOf: Instant, output: String?, calendar: BusinessCalendar,
                           policy: SLAPolicy) throws(SLAError) -> Int
    {
        let store = try NightlyJob.open(database)
        let attention = AttentionClock(policy: policy, businessClock: BusinessClock(calendar: calendar))
        let total = try storeCall { () throws(StoreError) in try store.caseCount(registeredBy: asOf) }
        let export = { (descriptor: Int32) throws(SLAError) -> Int in
            var sink = CSVSink(descriptor: descriptor, header: StatusTable.header)
            let bar = ProgressBar("exporting", unit: "cases")
            defer { bar.finish() }
            var count = 0
            do {
                try store.forEachCase(registeredBy: asOf) { snapshot in
                    try sink.append(StatusTable.fields(StatusRows.row(snapshot, attention: attention, asOf: asOf)))
                    count += 1
                    if count % 10_000 == 0 { bar.update(count, of: total) }
                }
                try sink.flush()
            } catch let error as SLAError {
                throw error
            } catch let error as StoreError {
                throw SLAError(.usage, error.message, underlying: error)
            } catch {
                throw SLAError(.usage, "cannot write the export: \(error)", underlying: error)
            }
            return count
        }
        guard let output else { return try export(STDOUT_FILENO) }
        var count = 0
        do {
            try ReportFile.write(to: output) { temporary throws(ReportError) in
                let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
                guard descriptor >= 0 else {
                    throw ReportError("cannot create \(temporary): \(String(cString: strerror(errno)))")
                }
                defer { close(descriptor) }
                do throws(SLAError) {
                    count = try export(descriptor)
                } catch {
                    throw ReportError(error.message)
                }
            }
        } catch {
            throw SLAError(.usage, error.message, underlying: error)
        }
        return count
    }
}

/// CSV rows written to a file descriptor a megabyte at a time.
struct CSVSink {
    let descriptor: Int32
    private var writer: CSVWriter

    init(descriptor: Int32, header: [String]) {
        self.descriptor = descriptor
        writer = CSVWriter(header: header)
    }

    mutating func append(_ fields: [String]) throws(SLAError) {
        writer.appendRow(fields)
        if writer.text.utf8.count >= 1 << 20 { try flush() }
    }

    mutating func flush() throws(SLAError) {
        var text = writer.drain()
        let failure: String? = text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += written
            }
            return nil
        }
        if let failure { throw SLAError(.usage, "cannot write the export: \(failure)") }
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
            rows.append(try row(snapshot, attention: attention, asOf: asOf))
        }
        return rows
    }

    /// One case's status row; a case the calendar cannot place is the job's error, naming it.
    static func row(_ snapshot: CaseSnapshot, attention: AttentionClock, asOf: Instant) throws(SLAError) -> StatusRow {
        do {
            return StatusRow(snapshot: snapshot,
                             evaluation: try attention.evaluate(snapshot.serviceCase, events: snapshot.events, asOf: asOf))
        } catch {
            throw SLAError(.usage, "case \(snapshot.serviceCase.id): \(error)", underlying: error)
        }
    }
}
