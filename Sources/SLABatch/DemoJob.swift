import Foundation
public import Logging
public import SLACore
import SLAStore

/// `sla demo`: writes the demo data set as interchange files, imports them into a fresh demo
/// database through the ordinary import, and runs the nightly job on it.
public enum DemoJob {
    public struct Outcome: Sendable {
        public var inputFiles: [String]
        public var nightly: NightlyJob.Summary
    }

    /// Refuses to replace a database that was not made by `sla demo`, so a mistyped `--db` can
    /// never wipe real data.
    public static func run(database: String, cases: Int, reportsDirectory: String, calendar: BusinessCalendar,
                           policy: SLAPolicy, now: Instant, logger: Logger) throws(SLAError) -> Outcome
    {
        try RunLock.withLock(database: database, command: "demo", startedAt: now) { () throws(SLAError) in
            try build(database: database, cases: cases, reportsDirectory: reportsDirectory, calendar: calendar,
                      policy: policy, now: now, logger: logger)
        }
    }

    private static func build(database: String, cases: Int, reportsDirectory: String, calendar: BusinessCalendar,
                              policy: SLAPolicy, now: Instant, logger: Logger) throws(SLAError) -> Outcome
    {
        try removePreviousDemo(database)
        let folder = URL(fileURLWithPath: database).deletingLastPathComponent()
            .appendingPathComponent("demo-data").path
        let data = DemoData(cases: cases)
        var inputs: [String] = []
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for (name, text) in [("clients.csv", data.clients), ("cases.csv", data.cases), ("events.csv", data.events)] {
                let path = folder + "/" + name
                try Data(text.utf8).write(to: URL(fileURLWithPath: path))
                inputs.append(path)
            }
        } catch {
            throw SLAError(.usage, "cannot write the demo files in \(folder): \(error)", underlying: error)
        }
        let store = try storeCall { () throws(StoreError) in try CaseStore(path: database) }
        try storeCall { () throws(StoreError) in
            let id = try store.beginRun(command: "demo", startedAt: now, asOf: DemoData.asOf)
            try store.finishRun(id, at: now, outcome: .succeeded, summary: "demo data set, \(cases) cases")
        }
        let imported = try ImportJob.run(.init(database: database, clients: inputs[0], cases: inputs[1], events: inputs[2]),
                                         now: now, logger: logger)
        if imported.exitStatus != 0 { throw SLAError(.usage, "the demo data set did not import cleanly") }
        let nightly = try NightlyJob.run(
            .init(database: database, asOf: DemoData.asOf, reportsDirectory: reportsDirectory, dryRun: false),
            calendar: calendar, policy: policy, startedAt: now, logger: logger)
        return Outcome(inputFiles: inputs, nightly: nightly)
    }

    private static func removePreviousDemo(_ database: String) throws(SLAError) {
        guard FileManager.default.fileExists(atPath: database) else { return }
        let store = try storeCall { () throws(StoreError) in try CaseStore(path: database) }
        let runs = try storeCall { () throws(StoreError) in try store.runs() }
        guard runs.first?.command == "demo" else {
            throw SLAError(.usage, "\(database) exists and was not made by sla demo: choose another --db")
        }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
    }
}
