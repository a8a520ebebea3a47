import Foundation
import SLABatch
import SLACore
import SLATestSupport
import Testing

/// The first night after a month ends writes its reports, also when nights were missed: a night
/// after weeks without one writes every month that ended since the last night that finished.
@Suite struct MissedNightsTests {
    func night(_ database: String, _ asOf: String, reports: String) throws -> NightlyJob.Outcome {
        try NightlyJob.run(
            .init(asOf: .bogota(asOf), reportsDirectory: reports, dryRun: false),
            runner: .test(database), calendar: TestCalendars.standard, policy: .standard)
    }

    func months(_ reports: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: reports + "/monthly").sorted()
    }

    @Test func aNightAfterAMissedMonthWritesItToo() throws {
        let folder = try TemporaryDirectory()
        let database = try TestImport.database(
            in: folder, clients: MonthFixture.clients, cases: MonthFixture.cases,
            events: MonthFixture.events)
        let reports = folder.path + "/reports"
        _ = try night(database, "2026-09-30T12:00", reports: reports)
        #expect(try months(reports) == ["2026-08"])
        // No night from 1 October to 4 November: September and October both ended meanwhile.
        let late = try night(database, "2026-11-05T12:00", reports: reports)
        #expect(try months(reports) == ["2026-08", "2026-09", "2026-10"])
        #expect(late.missedMonthlyReports.map(\.month) == [ReportMonth(year: 2026, month: 9)])
        #expect(late.monthlyReports?.month == ReportMonth(year: 2026, month: 10))
        #expect(late.summaryLine.contains("2026-09") && late.summaryLine.contains("2026-10"), "\(late.summaryLine)")
        // September's report is the same whichever run writes it.
        let again = folder.path + "/again"
        _ = try MonthlyReportJob.run(
            month: ReportMonth(year: 2026, month: 9)!, reportsDirectory: again,
            runner: .test(database), calendar: TestCalendars.standard, policy: .standard)
        #expect(
            try String(contentsOfFile: reports + "/monthly/2026-09/kam-ana/resumen.csv", encoding: .utf8)
                == String(contentsOfFile: again + "/monthly/2026-09/kam-ana/resumen.csv", encoding: .utf8))
        // A rerun of that night writes no month again.
        let rerun = try night(database, "2026-11-05T12:00", reports: reports)
        #expect(rerun.missedMonthlyReports.isEmpty && rerun.monthlyReports == nil)
    }

    @Test func aNewInstallationsFirstNightWritesOnlyThePreviousMonth() throws {
        let folder = try TemporaryDirectory()
        let database = try TestImport.database(
            in: folder, clients: MonthFixture.clients, cases: MonthFixture.cases,
            events: MonthFixture.events)
        let reports = folder.path + "/reports"
        let first = try night(database, "2026-11-05T12:00", reports: reports)
        #expect(try months(reports) == ["2026-10"])
        #expect(first.missedMonthlyReports.isEmpty)
    }
}
