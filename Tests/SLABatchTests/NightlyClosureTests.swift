import Foundation
import Logging
import SLABatch
import SLACore
import SLATestSupport
import Testing

/// The nightly run's automatic closures (SPEC §6) on a real database: written at the deadline,
/// listed in closures.csv, never twice, late runs included.
@Suite struct NightlyClosureTests {
    static let clients = """
        client_id,client_name,contract,kam_id,kam_name,kam_email
        K1,Clínica del Norte,saas,kam-ana,Ana Ruiz,ana@example.co

        """
    static let cases = """
        case_id,client_id,product,type,priority,impact,urgency,created_at,summary
        A1,K1,KACTUS,incidente,P3,media,media,2026-11-10T08:00,solved before the holiday
        A2,K1,KACTUS,incidente,P3,media,media,2026-11-10T08:00,solved on a Friday
        A3,K1,KACTUS,incidente,P3,media,media,2026-11-10T08:00,reopened inside the period
        A4,K1,KACTUS,incidente,P3,media,media,2026-11-10T08:00,reopened after the deadline
        A5,K1,KACTUS,incidente,P3,media,media,2026-11-10T08:00,closed by the client
        A6,K1,KACTUS,incidente,P3,media,media,2026-11-10T08:00,the client answered

        """
    static let events = """
        event_id,case_id,at,kind,level,note
        1,A1,2026-11-13T10:00,solved,,
        2,A2,2026-11-20T15:00,solved,,
        3,A3,2026-11-13T10:00,solved,,
        4,A3,2026-11-18T09:00,reopened,,
        5,A4,2026-11-13T10:00,solved,,
        6,A4,2026-11-25T08:00,reopened,,
        7,A4,2026-11-26T08:00,solved,,
        8,A5,2026-11-13T10:00,solved,,
        9,A5,2026-11-17T10:00,closed,,
        10,A6,2026-11-13T10:00,solved,,
        11,A6,2026-11-23T17:59:59,client_responded,,

        """

    /// A database imported from the clients above and `cases`/`events` (this suite's by default).
    func database(
        _ folder: TemporaryDirectory, named name: String = "sla", cases: String = Self.cases,
        events: String = Self.events
    ) throws -> String {
        try TestImport.database(in: folder, named: name, clients: Self.clients, cases: cases, events: events)
    }

    func night(_ database: String, _ asOf: String, reports: String, dryRun: Bool = false) throws -> NightlyJob.Outcome {
        try NightlyJob.run(
            .init(asOf: .bogota(asOf), reportsDirectory: reports, dryRun: dryRun), runner: .test(database),
            calendar: TestCalendars.standard, policy: .standard)
    }

    @Test func closesAtTheDeadlineListsTheClosuresAndARerunChangesNothing() throws {
        let folder = try TemporaryDirectory()
        let database = try database(folder)
        let reports = folder.path + "/reports"

        let before = try night(database, "2026-11-23T17:59:59", reports: reports)
        #expect(before.closures.isEmpty)

        let monday = try night(database, "2026-11-24T07:00", reports: reports)
        #expect(monday.closures.map(\.caseID) == ["A1", "A4"])
        let closures = """
            case_id,client_id,solved_at,deadline,closed_at
            A1,K1,2026-11-13T10:00:00-05:00,2026-11-23T18:00:00-05:00,2026-11-23T18:00:00-05:00
            A4,K1,2026-11-13T10:00:00-05:00,2026-11-23T18:00:00-05:00,2026-11-23T18:00:00-05:00

            """
        let daily = reports + "/daily/2026-11-24/"
        #expect(try String(contentsOfFile: daily + "closures.csv", encoding: .utf8) == closures)
        let status = try String(contentsOfFile: daily + "sla-status.csv", encoding: .utf8)
        #expect(status.split(separator: "\n").map { $0.prefix(3) } == ["cas", "A2,", "A3,", "A6,"])
        #expect(monday.evaluated == 3)
        let events = try DatabaseDump.events(database)
        #expect(
            events.contains(
                "sla-auto-closed:1|A1|1795474800|auto_closed|NULL|"
                    + "cierre automático: venció el periodo de aceptación de la solución 1|sla|1"))

        // The same night again: nothing new in the database, the same files.
        let files = try daily.filesText()
        let again = try night(database, "2026-11-24T07:00", reports: reports)
        #expect(again.closures.isEmpty)
        #expect(try DatabaseDump.events(database) == events)
        #expect(try daily.filesText() == files)
        #expect(
            try DatabaseDump.runs(database) == [
                "import succeeded", "nightly succeeded", "nightly succeeded",
                "nightly succeeded"
            ])
    }

    @Test func aLateRunClosesEveryPeriodThatFellDue() throws {
        let folder = try TemporaryDirectory()
        let database = try database(folder)
        let summary = try night(database, "2026-12-07T07:00", reports: folder.path + "/reports")
        // A4 twice: its first period ran out on the 23rd although it was reopened on the 25th.
        #expect(
            summary.closures.map { "\($0.caseID) \($0.deadline)" } == [
                "A1 2026-11-23T18:00:00-05:00", "A4 2026-11-23T18:00:00-05:00", "A2 2026-11-27T18:00:00-05:00",
                "A4 2026-12-03T18:00:00-05:00"
            ])
        let status = try String(contentsOfFile: folder.path + "/reports/daily/2026-12-07/sla-status.csv", encoding: .utf8)
        #expect(status.split(separator: "\n").map { $0.prefix(3) } == ["cas", "A3,", "A6,"])
        // And the earlier night, rerun afterwards, finds nothing left to close.
        #expect(try night(database, "2026-11-24T07:00", reports: folder.path + "/reports").closures.isEmpty)
    }

    @Test func settledCasesAreSkippedUntilAWriterTouchesThemAndPastNightsStayExact() throws {
        let folder = try TemporaryDirectory()
        let database = try database(folder)
        _ = try night(database, "2026-11-24T07:00", reports: folder.path + "/first")
        let late = try night(database, "2026-12-07T07:00", reports: folder.path + "/first")
        #expect(late.evaluated == 2)
        #expect(try DatabaseDump.count(database, "settled_case") == 4)  // A1, A2, A4, A5: closed, nothing after

        // A past night rerun after its cases were settled reads them again: the same files.
        _ = try night(database, "2026-11-24T07:00", reports: folder.path + "/again")
        for file in ["sla-status.csv", "breaches.csv", "closures.csv"] {
            #expect(
                try String(contentsOfFile: folder.path + "/first/daily/2026-11-24/" + file, encoding: .utf8)
                    == String(contentsOfFile: folder.path + "/again/daily/2026-11-24/" + file, encoding: .utf8), "\(file)")
        }

        // The ticketing tool reopens a settled case, writing to the database directly: the next night sees it.
        try DatabaseDump.execute(
            database,
            """
            INSERT INTO case_event (id, case_id, at, kind) VALUES ('tool-1', 'A1', \(Instant.bogota("2026-12-07T09:00").secondsSince1970), 'reopened')
            """)
        #expect(try DatabaseDump.count(database, "settled_case") == 3)
        let next = try night(database, "2026-12-08T07:00", reports: folder.path + "/first")
        #expect(next.evaluated == 3)
        let status = try String(contentsOfFile: folder.path + "/first/daily/2026-12-08/sla-status.csv", encoding: .utf8)
        #expect(status.split(separator: "\n").map { $0.prefix(3) } == ["cas", "A1,", "A3,", "A6,"])
    }

    @Test func aDryRunListsWhatItWouldCloseAndWritesNothing() throws {
        let folder = try TemporaryDirectory()
        let database = try database(folder)
        let events = try DatabaseDump.events(database)
        let summary = try night(database, "2026-11-24T07:00", reports: folder.path + "/reports", dryRun: true)
        #expect(summary.closures.map(\.caseID) == ["A1", "A4"])
        #expect(summary.evaluated == 3)  // as if closed
        #expect(summary.summaryLine.contains("2 would be closed automatically"))
        #expect(try DatabaseDump.events(database) == events)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/reports"))
    }
}

extension String {
    /// Every file of this folder with its contents (the workbook by size: its zip holds a timestamp).
    func filesText() throws -> [String: String] {
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: self) {
            files[name] =
                name.hasSuffix(".xlsx")
                ? "\(try FileManager.default.attributesOfItem(atPath: self + name)[.size] ?? 0)"
                : try String(contentsOfFile: self + name, encoding: .utf8)
        }
        return files
    }
}
