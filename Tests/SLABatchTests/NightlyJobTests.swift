import Foundation
import Logging
import SLABatch
import SLACore
import SLATestSupport
import Testing

@Suite struct NightlyJobTests {
    func loadedDatabase(_ folder: TemporaryDirectory) throws -> String {
        try TestImport.database(
            in: folder, clients: SmallFixture.clients, cases: SmallFixture.cases,
            events: SmallFixture.events)
    }

    func night(_ database: String, _ asOf: String, reports: String, dryRun: Bool = false) throws -> NightlyJob.Outcome {
        try NightlyJob.run(
            .init(asOf: .bogota(asOf), reportsDirectory: reports, dryRun: dryRun), runner: .test(database),
            calendar: TestCalendars.standard, policy: .standard)
    }

    @Test func writesTheStatusAndBreachFilesColumnForColumn() throws {
        let folder = try TemporaryDirectory()
        let database = try loadedDatabase(folder)
        let summary = try night(database, "2026-11-23T14:30", reports: folder.path + "/reports", dryRun: false)
        #expect(summary.evaluated == 5)
        #expect((summary.breached, summary.atRisk, summary.paused, summary.unclassified.count) == (2, 1, 1, 1))
        #expect(summary.findings.count == 1)  // the unclassified case is a data problem
        #expect(
            summary.summaryLine.hasPrefix(
                "nightly as of 2026-11-23T14:30:00-05:00: 0 closed automatically, 5 open cases evaluated, 2 breached (of them 0 attended late, 0 waiting on the client), 1 at risk, 1 due today, 0 solution commitments missed and unsolved, 0 commitments due today, 1 paused, 1 unclassified, "
            ))

        let daily = folder.path + "/reports/daily/2026-11-23/"
        #expect(try String(contentsOfFile: daily + "sla-status.csv", encoding: .utf8) == SmallFixture.statusAt20261123T1430)
        let breaches = try String(contentsOfFile: daily + "breaches.csv", encoding: .utf8).split(separator: "\n")
        #expect(breaches.map { $0.prefix(3) } == ["cas", "C1,", "C2,", "C3,"])  // most overdue first
        #expect(FileManager.default.fileExists(atPath: daily + "breaches.xlsx"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: daily).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func aDryRunWritesNothing() throws {
        let folder = try TemporaryDirectory()
        let database = try loadedDatabase(folder)
        let summary = try night(database, "2026-11-23T14:30", reports: folder.path + "/reports", dryRun: true)
        #expect(summary.evaluated == 5)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/reports"))
    }

    @Test func aPastNightIsReproducedAndLaterEventsIgnored() throws {
        let folder = try TemporaryDirectory()
        let database = try loadedDatabase(folder)
        let summary = try night(database, "2026-11-20T09:30", reports: folder.path + "/reports", dryRun: false)
        // As of Friday 20 09:30: C5 solved but not closed yet is open and met; C3, C4, C6 not registered.
        let status = try String(contentsOfFile: folder.path + "/reports/daily/2026-11-20/sla-status.csv", encoding: .utf8)
        #expect(status.split(separator: "\n").map { $0.prefix(3) } == ["cas", "C1,", "C2,", "C5,"])
        #expect(
            status.contains(
                "C5,K1,kam-ana,HOSVITAL,acceso,P4,baja,baja,business,345600,3600,0,met,,2026-11-20T09:00:00-05:00,3600,"))
        #expect(summary.evaluated == 3)
    }

    @Test func aMissingDatabaseIsAUsageError() throws {
        let folder = try TemporaryDirectory()
        #expect(throws: SLAError.self) {
            try night(folder.path + "/none.sqlite", "2026-11-23T14:30", reports: folder.path)
        }
    }
}
