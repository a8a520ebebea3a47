import Foundation
import Logging
public import SLACore
import SLAReports
import SLAStore

/// `sla demo`: writes the demo data set as interchange files, imports them into a fresh demo
/// database through the ordinary import, and runs the nightly job on it.
public enum DemoJob {
    public struct Outcome: JobOutcome {
        package var inputFiles: [String]
        package var nightly: NightlyJob.Outcome

        public var findings: [Finding] { nightly.findings }
        public var files: [String] { inputFiles + nightly.files }
        public var summaryLine: String { nightly.summaryLine }
    }

    /// Refuses to replace a database that was not made by `sla demo`, so a mistyped `--db` can
    /// never wipe real data.
    public static func run(
        cases: Int, reportsDirectory: String, runner: JobRunner, calendar: BusinessCalendar,
        policy: Policy, inputs evidence: EvidenceInputs = .builtIn
    ) throws(SLAError) -> Outcome {
        try DatabaseFiles.refuseReportsFolder(reportsDirectory, database: runner.database)
        return try runner.locked("demo", startedAt: runner.now()) { () throws(SLAError) in
            try removePreviousDemo(runner.database)
            let folder = URL(fileURLWithPath: runner.database).deletingLastPathComponent()
                .appendingPathComponent("demo-data").path
            let data = DemoData(cases: cases)
            var inputs: [String] = []
            try reportCall { () throws(ReportError) in
                for (name, text) in [("clients.csv", data.clients), ("cases.csv", data.cases), ("events.csv", data.events)] {
                    let path = folder + "/" + name
                    try ReportFile.write(text, to: path)
                    inputs.append(path)
                }
            }
            // The first run in the journal says the database is the demo's (see removePreviousDemo).
            _ = try runner.write("demo", asOf: DemoData.asOf, creating: true) { _ throws(SLAError) in
                DemoMark(cases: cases)
            }
            let imported = try ImportJob.run(.init(clients: inputs[0], cases: inputs[1], events: inputs[2]), runner: runner)
            if !imported.findings.isEmpty {
                throw SLAError(.systemFailure, "the demo data set did not import cleanly: \(imported.summaryLine)")
            }
            var night = NightlyJob.Request(asOf: DemoData.asOf, reportsDirectory: reportsDirectory, dryRun: false)
            night.allowFutureAsOf = true
            night.evidence = evidence
            let nightly = try NightlyJob.run(night, runner: runner, calendar: calendar, policy: policy)
            return Outcome(inputFiles: inputs, nightly: nightly)
        }
    }

    /// The journal's first line of a demo database.
    private struct DemoMark: JobOutcome {
        var cases: Int
        var findings: [Finding] { [] }
        var files: [String] { [] }
        var summaryLine: String { "demo data set, \(cases) cases" }
    }

    private static func removePreviousDemo(_ database: String) throws(SLAError) {
        guard FileManager.default.fileExists(atPath: database) else { return }
        // Opened to write (the caller holds the lock), so that a demo made by an older sla is read too.
        let journal = try storeCall { () throws(StoreError) in
            let store = try CaseStore.open(database, for: .write)
            defer { store.close() }
            return try store.journal()
        }
        guard journal.first?.command == "demo" else {
            throw SLAError(.notADemoDatabase, "\(database) exists and was not made by sla demo: choose another --db")
        }
        // A file that cannot be removed makes the new demo's database fail to open, with its reason.
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
    }
}
