import Foundation
import SLABatch
import SLACore
import SLATestSupport
import Testing

/// A breach counted by the reports in the month the clock went over its target: a P3 case due at
/// 18:00 on Monday 31 August 2026, August's last business instant, still running.
@Suite struct BreachMonthReportTests {
    static let clients = """
        client_id,client_name,contract,kam_id,kam_name,kam_email
        K1,Clínica del Norte,on_premise,ana,Ana Ruiz,ana@example.co

        """
    static let cases = """
        case_id,client_id,product,type,priority,impact,urgency,created_at,summary
        B1,K1,KACTUS,incidente,P3,alta,alta,2026-08-31T10:00,due 18:00 on August's last business day
        B2,K1,KACTUS,incidente,P3,alta,alta,2026-08-31T10:00,diagnosed at the next opening: met
        B3,K1,KACTUS,incidente,P3,alta,alta,2026-08-31T10:00,diagnosed a second later: September's breach
        B4,K1,KACTUS,incidente,P3,alta,alta,2026-08-03T08:00,met in August

        """
    static let events = """
        event_id,case_id,at,kind,level,note
        1,B2,2026-09-01T07:30:00,diagnosed,,
        2,B3,2026-09-01T07:30:01,diagnosed,,
        3,B4,2026-08-03T09:00,diagnosed,,

        """

    func report(_ database: String, _ month: String, into reports: String) throws -> (summary: String, breaches: [String]) {
        _ = try MonthlyReportJob.run(
            month: try #require(ReportMonth(month)), reportsDirectory: reports,
            runner: .test(database, now: .bogota("2026-12-02T03:00")),
            calendar: TestCalendars.standard, policy: .standard)
        let folder = reports + "/monthly/\(month)/ana/"
        let summary = try String(contentsOfFile: folder + "resumen.csv", encoding: .utf8)
        let breaches = try String(contentsOfFile: folder + "incumplimientos.csv", encoding: .utf8)
            .split(separator: "\n").dropFirst().map { String($0.prefix(2)) }
        return (summary, breaches)
    }

    @Test func onTargetAtAugustsEndIsSeptembersBreach() throws {
        let folder = try TemporaryDirectory()
        let database = try TestImport.database(in: folder, clients: Self.clients, cases: Self.cases, events: Self.events)
        let august = try report(database, "2026-08", into: folder.path + "/reports")
        // August: B4 met; B1 exactly on its target (not breached); B2 and B3 still running, on target.
        #expect(august.breaches == [])
        #expect(august.summary.contains("\nK1,Clínica del Norte,4,0,0,4,1,0,100.00,"), "\(august.summary)")
        let september = try report(database, "2026-09", into: folder.path + "/reports")
        // September: B2 met at 07:30:00; B1 (still running) and B3 (one second over) breached.
        #expect(september.breaches == ["B1", "B3"])
        #expect(september.summary.contains("\nK1,Clínica del Norte,0,0,0,4,1,2,33.33,"), "\(september.summary)")
        let trend = try String(contentsOfFile: folder.path + "/reports/monthly/2026-09/ana/tendencia.csv", encoding: .utf8)
        #expect(trend.contains("K1,2026-08,4,0,1,0,100.00,"), "\(trend)")
        #expect(trend.contains("K1,2026-09,0,0,1,2,33.33,"), "\(trend)")
    }
}
