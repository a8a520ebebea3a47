import Foundation
import SLABatch
import SLACore
import SLATestSupport
import Testing

/// The monthly figures follow each case's terms (SPEC §8, §10): October of MonthFixture under an
/// agreement for K1 that gives its P3 media/media cases 300 business hours and its clients ten
/// business days to accept a solution.
@Suite struct MonthlyReportPolicyTests {
    static let policy: Policy = {
        var changes = TermsChanges()
        changes.matrix[.media] = [.media: 300 * 3600]
        changes.acceptanceBusinessDays = 10
        changes.complianceTargetPercent = 97.5
        let agreement = Agreement(
            name: "Clínica del Norte, contrato 2026", clients: ["K1"],
            from: LocalDate(year: 2026, month: 9, day: 1), changes: changes, over: .standard)
        return Policy(defaults: .standard, agreements: [agreement])
    }()

    /// K1 against the standard October: M2 (registered 28 September, 300 h) is met on 3 November,
    /// so no breach in October; M3, solved 21 October, has until 5 November (2 November is a
    /// holiday), so it is neither closed automatically nor closed at month end. K2 is unchanged.
    @Test func octoberUnderAnAgreement() throws {
        let folder = try TemporaryDirectory()
        let database = try TestImport.database(
            in: folder, clients: MonthFixture.clients, cases: MonthFixture.cases,
            events: MonthFixture.events)
        let night = try NightlyJob.run(
            .init(asOf: .bogota("2026-10-08T07:00"), reportsDirectory: folder.path + "/nights", dryRun: false),
            runner: .test(database), calendar: TestCalendars.standard, policy: Self.policy)
        #expect(night.closures.map(\.caseID) == ["M6"], "K2 keeps the default five days")
        let outcome = try MonthlyReportJob.run(
            month: try #require(ReportMonth("2026-10")), reportsDirectory: folder.path + "/reports",
            runner: .test(database, now: .bogota("2026-12-02T03:00")), calendar: TestCalendars.standard, policy: Self.policy)
        #expect(outcome.findings.isEmpty)
        let month = folder.path + "/reports/monthly/2026-10/"
        let summary = try String(contentsOfFile: month + "kam-ana/resumen.csv", encoding: .utf8)
        #expect(
            summary == """
                client_id,client_name,registered,solved,auto_closed,open_at_month_end,met,breached,compliance_pct,mean_attention_hours,median_attention_hours,mean_resolution_hours,median_resolution_hours,commitments_kept,commitments_missed,commitment_pct,replans
                K1,Clínica del Norte,3,2,0,3,2,0,100.00,4.83,2.00,11.50,11.50,0,0,,0
                K2,Alcaldía de Chía,2,1,1,2,1,0,100.00,2.00,2.00,150.00,150.00,0,0,,0
                ,Total,5,3,1,5,3,0,100.00,4.13,2.00,57.67,11.50,0,0,,0

                """, "\(summary)")
        #expect(
            try String(contentsOfFile: month + "kam-ana/cierres-automaticos.csv", encoding: .utf8).split(separator: "\n").count
                == 2)
        #expect(
            try String(contentsOfFile: month + "kam-ana/incumplimientos.csv", encoding: .utf8).split(separator: "\n").count == 1,
            "M2's breach is gone, and with it M2 from the month's cases")

        // The Resumen sheet shows each client's terms for the month, and where they come from.
        let strings = try WorkbookReader.part("xl/sharedStrings.xml", of: month + "kam-ana.xlsx")
        for text in [
            "Condiciones de servicio del mes", "Clínica del Norte, contrato 2026", "Condiciones por defecto",
            "16 / 300 / 64", "4 (24x7)", "4 (hábil)", "Sin meta", "75 %"
        ] {
            #expect(strings.contains("<t>\(text)</t>"), "\(text)")
        }
        let sheet = try WorkbookReader.part("xl/worksheets/sheet1.xml", of: month + "kam-ana.xlsx")
        #expect(sheet.contains("<v>0.975</v>"), "the compliance target, as a percentage cell")
        #expect(sheet.contains("<v>10</v>"), "the acceptance days")
    }
}
