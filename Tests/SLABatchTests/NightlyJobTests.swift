import Foundation
import Logging
import SLABatch
import SLACore
import SLATestSupport
import Testing

@Suite struct NightlyJobTests {
    let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    func loadedDatabase(_ folder: TemporaryDirectory) throws -> String {
        let database = folder.path + "/sla.sqlite"
        let outcome = try ImportJob.run(
            .init(database: database, clients: try folder.write("clients.csv", SmallFixture.clients),
                  cases: try folder.write("cases.csv", SmallFixture.cases),
                  events: try folder.write("events.csv", SmallFixture.events)),
            now: .bogota("2026-11-23T14:00"), logger: logger)
        #expect(outcome.exitStatus == 0)
        return database
    }

    @Test func writesTheStatusAndBreachFilesColumnForColumn() throws {
        let folder = try TemporaryDirectory()
        let database = try loadedDatabase(folder)
        let summary = try NightlyJob.run(
            .init(database: database, asOf: .bogota("2026-11-23T14:30"), reportsDirectory: folder.path + "/reports",
                  dryRun: false),
            calendar: TestCalendars.standard, policy: .standard, startedAt: .bogota("2026-11-24T02:00"), logger: logger)
        #expect(summary.evaluated == 5)
        #expect((summary.breached, summary.atRisk, summary.paused, summary.unclassified) == (2, 1, 1, 1))
        #expect(summary.exitStatus == 1)  // the unclassified case is a data problem
        #expect(summary.line.hasPrefix("nightly as of 2026-11-23T14:30:00-05:00: 0 closed automatically, 5 open cases evaluated, 2 breached, 1 at risk, 1 paused, 1 unclassified, "))

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
        let summary = try NightlyJob.run(
            .init(database: database, asOf: .bogota("2026-11-23T14:30"), reportsDirectory: folder.path + "/reports",
                  dryRun: true),
            calendar: TestCalendars.standard, policy: .standard, startedAt: .bogota("2026-11-24T02:00"), logger: logger)
        #expect(summary.evaluated == 5)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/reports"))
    }

    @Test func aPastNightIsReproducedAndLaterEventsIgnored() throws {
        let folder = try TemporaryDirectory()
        let database = try loadedDatabase(folder)
        let summary = try NightlyJob.run(
            .init(database: database, asOf: .bogota("2026-11-20T09:30"), reportsDirectory: folder.path + "/reports",
                  dryRun: false),
            calendar: TestCalendars.standard, policy: .standard, startedAt: .bogota("2026-11-24T02:00"), logger: logger)
        // As of Friday 20 09:30: C5 solved but not closed yet is open and met; C3, C4, C6 not registered.
        let status = try String(contentsOfFile: folder.path + "/reports/daily/2026-11-20/sla-status.csv", encoding: .utf8)
        #expect(status.split(separator: "\n").map { $0.prefix(3) } == ["cas", "C1,", "C2,", "C5,"])
        #expect(status.contains("C5,K1,kam-ana,HOSVITAL,acceso,P4,baja,baja,business,345600,3600,0,met,,2026-11-20T09:00:00-05:00,3600,"))
        #expect(summary.evaluated == 3)
    }

    @Test func aMissingDatabaseIsAUsageError() throws {
        let folder = try TemporaryDirectory()
        #expect(throws: SLAError.self) {
            try NightlyJob.run(.init(database: folder.path + "/none.sqlite", asOf: .bogota("2026-11-23T14:30"),
                                     reportsDirectory: folder.path, dryRun: false),
                               calendar: TestCalendars.standard, policy: .standard, startedAt: .bogota("2026-11-24T02:00"),
                               logger: logger)
        }
    }
}
