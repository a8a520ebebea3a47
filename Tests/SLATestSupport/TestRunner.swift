public import Logging
public import SLABatch
public import SLACore
import Synchronization

/// The one logger tests run jobs with: nothing printed.
public let testLogger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

extension JobRunner {
    /// A runner for tests: the test logger, and a fixed "now" after every as-of the tests use
    /// (so a night of 2026 is never a night in the future, whatever the machine's clock says).
    public static func test(_ database: String, now: Instant = .bogota("2027-01-01T00:00"), logger: Logger = testLogger)
        -> JobRunner
    {
        JobRunner(database: database, logger: logger, now: { now })
    }
}

/// The one way tests import interchange files in-process.
public enum TestImport {
    /// Writes `clients`, `cases` and `events` into `folder` and imports them with the import job
    /// into `folder/<name>.sqlite`, whose path it returns; rows must all be accepted.
    public static func database(
        in folder: TemporaryDirectory, named name: String = "sla", clients: String,
        cases: String, events: String, now: Instant = .bogota("2027-01-01T00:00")
    ) throws -> String {
        let database = folder.path + "/\(name).sqlite"
        let outcome = try ImportJob.run(
            .init(
                clients: try folder.write("\(name)-clients.csv", clients), cases: try folder.write("\(name)-cases.csv", cases),
                events: try folder.write("\(name)-events.csv", events)),
            runner: .test(database, now: now))
        guard outcome.findings.isEmpty else { throw FixtureImportError(findings: outcome.findings) }
        return database
    }

    /// Imports one more file into an existing database; returns the outcome.
    @discardableResult
    public static func more(
        _ database: String, clients: String? = nil, cases: String? = nil, events: String? = nil,
        now: Instant = .bogota("2027-01-01T00:00")
    ) throws -> ImportJob.Outcome {
        try ImportJob.run(.init(clients: clients, cases: cases, events: events), runner: .test(database, now: now))
    }

    public struct FixtureImportError: Error, CustomStringConvertible {
        public var findings: [Finding]
        public var description: String { findings.map(\.description).joined(separator: "\n") }
    }
}

/// A logger whose lines a test can read.
public final class LogRecorder: Sendable {
    private let storage = Mutex<[String]>([])

    public init() {}

    public var logger: Logger {
        Logger(label: "test") { _ in Handler(recorder: self) }
    }

    /// Every line logged, as `level: message`.
    public var lines: [String] { storage.withLock { $0 } }

    struct Handler: LogHandler {
        let recorder: LogRecorder
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            recorder.storage.withLock { $0.append("\(event.level): \(event.message)") }
        }
    }
}
