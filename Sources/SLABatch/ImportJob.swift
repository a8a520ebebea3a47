import Foundation
public import Logging
public import SLACore
public import SLAStore

/// `sla import`: the interchange files into the database, clients first, then cases, then events,
/// so a file may refer to what the one before it brought.
public enum ImportJob {
    public struct Request: Sendable {
        public var database: String
        public var clients: String?
        public var cases: String?
        public var events: String?

        public init(database: String, clients: String? = nil, cases: String? = nil, events: String? = nil) {
            self.database = database
            self.clients = clients
            self.cases = cases
            self.events = events
        }
    }

    /// What the import did; `exitStatus` is 1 when any row was rejected (SPEC §7).
    public struct Outcome: Sendable {
        public var reports: [ImportReport]
        public var exitStatus: Int32 { reports.contains { !$0.rejected.isEmpty } ? SLAError.Code.rejectedInput.exitStatus : 0 }
    }

    public static func run(_ request: Request, now: Instant, logger: Logger) throws(SLAError) -> Outcome {
        let files: [(InterchangeFile, String)] = [
            request.clients.map { (.clients, $0) }, request.cases.map { (.cases, $0) }, request.events.map { (.events, $0) },
        ].compactMap { $0 }
        guard !files.isEmpty else {
            throw SLAError(.usage, "nothing to import: give --clients, --cases and/or --events")
        }
        return try RunLock.withLock(database: request.database, command: "import", startedAt: now) { () throws(SLAError) in
            try load(files, into: request.database, now: now, logger: logger)
        }
    }

    private static func load(_ files: [(InterchangeFile, String)], into database: String, now: Instant, logger: Logger)
        throws(SLAError) -> Outcome
    {
        let store: CaseStore
        do {
            store = try CaseStore(path: database)
        } catch {
            throw SLAError(.usage, error.message, underlying: error)
        }
        let runID = try storeCall { () throws(StoreError) in try store.beginRun(command: "import", startedAt: now, asOf: nil) }
        var reports: [ImportReport] = []
        for (kind, path) in files {
            do {
                let bar = ProgressBar("importing \(URL(fileURLWithPath: path).lastPathComponent)", unit: "rows")
                defer { bar.finish() }
                let report = try store.importFile(kind, path: path, logger: logger) { rows, fraction in
                    bar.update(rows, of: nil, fraction: fraction)
                }
                if let rejects = report.rejectsFile {
                    logger.warning("\(path): \(report.rejected.count) rows rejected, listed in \(rejects)")
                }
                reports.append(report)
            } catch {
                _ = try? store.finishRun(runID, at: Instant.now, outcome: .failed, summary: error.message)
                throw SLAError(.usage, error.message, underlying: error)
            }
        }
        let outcome = Outcome(reports: reports)
        let summary = reports.map { "\($0.file): \($0.read) read, \($0.accepted) accepted, \($0.rejected.count) rejected" }
            .joined(separator: "; ")
        try storeCall { () throws(StoreError) in
            try store.finishRun(runID, at: Instant.now, outcome: outcome.exitStatus == 0 ? .succeeded : .rejectedInput,
                                summary: summary)
        }
        return outcome
    }
}
