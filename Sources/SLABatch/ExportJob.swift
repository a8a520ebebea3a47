import Foundation
import Logging
public import SLACore
import SLAReports
import SLAStore

/// `sla export`: every case registered by as-of, open or closed, with its clock (SPEC §7), for
/// audits and BI tools.
public enum ExportJob {
    public struct Request: Sendable {
        package var asOf: Instant
        /// The file to write (a temporary name renamed into place), or nil for standard output.
        package var output: String?
        /// How a message names where `output` was given (the command line says its option).
        package var outputOrigin: String

        package init(asOf: Instant, output: String?, outputOrigin: String = "the output file") {
            self.asOf = asOf
            self.output = output
            self.outputOrigin = outputOrigin
        }
    }

    public struct Outcome: JobOutcome {
        package var cases = 0
        /// Cases that could not be evaluated: left out of the export, listed.
        package var problems: [CaseProblem] = []
        public var files: [String] = []

        public var findings: [Finding] { problems.flatMap(\.findings) }
        public var summaryLine: String {
            "export: \(cases) cases" + (problems.isEmpty ? "" : ", \(problems.count) with data problems left out (see the log)")
        }
    }

    /// Streams the CSV one case at a time: memory stays that of one case whatever the history.
    /// The database is only read (a read-only file is enough); an as-of after now is a preview.
    public static func run(_ request: Request, runner: JobRunner, calendar: BusinessCalendar, policy: Policy)
        throws(SLAError) -> Outcome
    {
        if let problem = CalendarCoverage.asOfProblem(request.asOf) { throw SLAError(.invalidOption, problem) }
        if let output = request.output {
            try DatabaseFiles.refuseOutputFile(output, option: request.outputOrigin, database: runner.database)
        }
        return try runner.read { context throws(SLAError) in
            let store = context.store
            let asOf = request.asOf
            let evaluator = CaseEvaluator(calendar: calendar, policy: policy)
            var outcome = Outcome()
            let export = { (descriptor: Int32, path: String) throws(SLAError) in
                let bar = ProgressBar("exporting", unit: "cases")
                defer { bar.finish() }
                // Counted for the bar only: under cron it would be a scan of every case for nothing.
                let total = bar.enabled ? try storeCall { () throws(StoreError) in try store.caseCount(registeredBy: asOf) } : nil
                // This thread reads and decodes; another evaluates and writes, in the cases' order.
                let written = ExportWriter(
                    sink: CSVSink(descriptor: descriptor, path: path, header: StatusTable.header),
                    evaluator: evaluator, asOf: asOf)
                let handOff = HandOff<[CaseRead]> { batch in try written.write(batch) }
                var batch: [CaseRead] = []
                batch.reserveCapacity(Self.casesPerBatch)
                var read = 0
                do {
                    try store.forEachCase(registeredBy: asOf) { item in
                        batch.append(item)
                        read += 1
                        if batch.count == Self.casesPerBatch {
                            try handOff.send(batch)
                            batch.removeAll(keepingCapacity: true)
                        }
                        if read % 10_000 == 0 { bar.update(read, of: total) }
                    }
                    try handOff.send(batch)
                    try handOff.finish()
                    try written.flush()
                } catch {
                    // The first failure is the one reported; the writer's, if any, is the same or later.
                    try? handOff.finish()
                    throw SLAError.from(error)
                }
                outcome.cases = written.cases
                outcome.problems = written.problems
            }
            if let output = request.output {
                // The export's own failure passes through as it is; the file's is the output's fault,
                // not the report folder's.
                let blamed = "\(request.outputOrigin), the file and its folder"
                try ReportFile.writeOutput(to: output, failure: { SLAError($0.blaming(blamed)) }) {
                    descriptor, path throws(SLAError) in try export(descriptor, path)
                }
                outcome.files = [output]
            } else {
                try export(STDOUT_FILENO, "standard output")
            }
            for problem in outcome.problems {
                context.logger.error("data problem: case \(problem.caseID) is left out of the export: \(problem.reason)")
            }
            return outcome
        }
    }
}

extension ExportJob {
    /// How many cases the reading thread hands over at a time.
    static let casesPerBatch = 1_024
}

/// The export's second thread: each case evaluated and its row written, the problems kept, in
/// the order the cases were read. Touched by that thread only until the hand-off finished.
final class ExportWriter: @unchecked Sendable {
    private var sink: CSVSink
    private let evaluator: CaseEvaluator
    private let asOf: Instant
    private(set) var cases = 0
    private(set) var problems: [CaseProblem] = []

    init(sink: CSVSink, evaluator: CaseEvaluator, asOf: Instant) {
        self.sink = sink
        self.evaluator = evaluator
        self.asOf = asOf
    }

    func write(_ batch: [CaseRead]) throws(ReportError) {
        for read in batch {
            switch read {
            case .unreadable(let problem): problems.append(problem)
            case .readable(let snapshot):
                // The case as the database holds it: an automatic closure is in the export once a
                // night has written it (applying the due ones here doubled the export's time, and
                // changed only the waiting_since of a case that waited on the client after its
                // solution).
                switch evaluator.row(snapshot, asOf: asOf) {
                case .success(let row):
                    try sink.append(StatusTable.fields(row))
                    cases += 1
                case .failure(let problem): problems.append(problem.problem)
                }
            }
        }
    }

    func flush() throws(ReportError) { try sink.flush() }
}

/// CSV rows written to a file descriptor a megabyte at a time.
struct CSVSink {
    let descriptor: Int32
    let path: String
    private var buffer: [UInt8] = []

    init(descriptor: Int32, path: String, header: [String]) {
        self.descriptor = descriptor
        self.path = path
        buffer.reserveCapacity(1 << 20 + 4096)
        CSVWriter.appendRow(header, to: &buffer)
    }

    mutating func append(_ fields: [String]) throws(ReportError) {
        CSVWriter.appendRow(fields, to: &buffer)
        if buffer.count >= 1 << 20 { try flush() }
    }

    mutating func flush() throws(ReportError) {
        try buffer.withUnsafeBufferPointer { bytes throws(ReportError) in
            try ReportFile.writeAll(bytes, to: descriptor, path: path)
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
