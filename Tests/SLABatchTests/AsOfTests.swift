import Foundation
import SLABatch
import SLACore
import SLATestSupport
import Testing

/// An as-of after now is a preview (SPEC §5): a night that writes refuses it — it would date
/// closures in the future and report a month that has not ended — while a dry run, the export and
/// `sla explain` accept it. An as-of or a month outside the calendar is refused by every command.
@Suite struct AsOfTests {
    static let now = Instant.bogota("2026-11-25T02:00")
    static let typo = Instant.bogota("2027-11-25T02:00")

    func database(_ folder: TemporaryDirectory) throws -> String {
        try TestImport.database(
            in: folder, clients: NightlyClosureTests.clients, cases: NightlyClosureTests.cases,
            events: NightlyClosureTests.events)
    }

    @Test func aWritingNightRefusesAFutureAsOfAndWritesNothing() throws {
        let folder = try TemporaryDirectory()
        let database = try database(folder)
        let events = try DatabaseDump.events(database)
        let error = #expect(throws: SLAError.self) {
            try NightlyJob.run(
                .init(asOf: Self.typo, reportsDirectory: folder.path + "/reports", dryRun: false),
                runner: .test(database, now: Self.now), calendar: TestCalendars.standard, policy: .standard)
        }
        #expect(error?.code == .invalidOption)
        #expect(error?.message.contains("is after now (2026-11-25T02:00:00-05:00)") == true)
        #expect(error?.message.contains("add --dry-run") == true)
        #expect(try DatabaseDump.events(database) == events)
        #expect(try DatabaseDump.runs(database) == ["import succeeded"])
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/reports"))
    }

    @Test func aDryRunTheExportAndExplainPreviewIt() throws {
        let folder = try TemporaryDirectory()
        let database = try database(folder)
        let runner = JobRunner.test(database, now: Self.now)
        let preview = try NightlyJob.run(
            .init(asOf: Self.typo, reportsDirectory: folder.path, dryRun: true), runner: runner,
            calendar: TestCalendars.standard, policy: .standard)
        #expect(preview.closures.map(\.caseID) == ["A1", "A4", "A2", "A4"])
        let export = try ExportJob.run(
            .init(asOf: Self.typo, output: folder.path + "/export.csv"), runner: runner,
            calendar: TestCalendars.standard, policy: .standard)
        #expect(export.cases == 6)
        let explain = try ExplainJob.run(
            caseID: "A1", asOf: Self.typo, runner: runner, calendar: TestCalendars.standard,
            policy: .standard)
        #expect(explain.text.hasPrefix("Case A1"))
        #expect(try DatabaseDump.runs(database) == ["import succeeded"])
    }

    @Test(arguments: ["0001-01-15", "1983-12-31T23:59:59", "2101-01-01", "9999-12-31T23:59:59"])
    func anAsOfOutsideTheCalendarIsRefused(text: String) throws {
        let folder = try TemporaryDirectory()
        let database = try database(folder)
        let asOf = try Timestamp.parse(text)
        let runner = JobRunner.test(database, now: .bogota("9999-12-31T23:59:59"))
        for dryRun in [false, true] {
            let night = #expect(throws: SLAError.self) {
                try NightlyJob.run(
                    .init(asOf: asOf, reportsDirectory: folder.path, dryRun: dryRun), runner: runner,
                    calendar: TestCalendars.standard, policy: .standard)
            }
            #expect(night?.code == .invalidOption)
            #expect(night?.message.contains("is outside the calendar, which covers 1984-01-01 to 2100-12-31") == true)
        }
        #expect(throws: SLAError.self) {
            try ExportJob.run(.init(asOf: asOf, output: nil), runner: runner, calendar: TestCalendars.standard, policy: .standard)
        }
        #expect(throws: SLAError.self) {
            try ExplainJob.run(caseID: "A1", asOf: asOf, runner: runner, calendar: TestCalendars.standard, policy: .standard)
        }
    }

    @Test func theNightOfTheCalendarsFirstMonthWritesNoReportOfTheMonthBefore() throws {
        let folder = try TemporaryDirectory()
        let database = try TestImport.database(
            in: folder, clients: NightlyClosureTests.clients,
            cases: """
                case_id,client_id,product,type,priority,impact,urgency,created_at,summary
                F1,K1,KACTUS,incidente,P1,,,1984-01-02T08:00,the first week of the calendar

                """, events: "event_id,case_id,at,kind,level,note\n")
        let night = try NightlyJob.run(
            .init(asOf: .bogota("1984-01-03T07:00"), reportsDirectory: folder.path, dryRun: false),
            runner: .test(database), calendar: TestCalendars.standard, policy: .standard)
        #expect(night.evaluated == 1)
        #expect(night.monthlyReports == nil)  // December 1983 is outside the calendar
    }

    @Test(arguments: ["1983-12", "2101-01", "9999-12", "0000-01", "0001-01", "2026-13", "2026-1", "26-10", "2026-10-01"])
    func monthsOutsideTheCalendarAreNotMonths(text: String) {
        #expect(ReportMonth(text) == nil)
    }

    @Test func theCalendarsEdgeMonthsHaveNeighbours() throws {
        let first = try #require(ReportMonth("1984-01"))
        let last = try #require(ReportMonth("2100-12"))
        #expect(first.previous.description == "1983-12" && !first.previous.isInsideCalendar)
        #expect(last.next.description == "2101-01" && !last.next.isInsideCalendar)
        #expect(last.end == CalendarCoverage.end)
        #expect(first.start == CalendarCoverage.start)
        #expect(ReportMonth(containing: Instant(secondsSince1970: 0)).description == "1969-12")
    }
}
