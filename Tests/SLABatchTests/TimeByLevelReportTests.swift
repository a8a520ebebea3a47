import Foundation
import SLABatch
import SLACore
import SLATestSupport
import Testing

/// *Tiempo por nivel* (`niveles.csv`) of October 2026, worked out by hand: where each resolved
/// case's time went by support level, and the OLA breaches that happened in October, under OLAs of
/// 2 h (level 1) and 4 h (level 2), and an agreement for K2 with 1 h at level 1 and 3 h at level 3.
/// Monday 12 October and Monday 2 November 2026 are holidays; every case runs on the business clock.
@Suite struct TimeByLevelReportTests {
    static let policy: Policy = {
        var top = TermsChanges()
        top.ola = [1: 2 * 3600, 2: 4 * 3600]
        let defaults = top.applied(to: .standard)
        var changes = TermsChanges()
        changes.ola = [1: 3600, 3: 3 * 3600]
        return Policy(
            defaults: defaults, agreements: [Agreement(name: "Alcaldía", clients: ["K2"], changes: changes, over: defaults)])
    }()

    static let clients = """
        client_id,client_name,contract,kam_id,kam_name,kam_email
        K1,Clínica del Norte,saas,kam-ana,Ana Ruiz,ana@example.co
        K2,Alcaldía de Chía,on_premise,kam-ana,Ana Ruiz,ana@example.co

        """

    static let cases = """
        case_id,client_id,product,type,priority,impact,urgency,created_at,summary
        N1,K1,KACTUS,incidente,P3,media,media,2026-10-06T08:00,level 1 2.5 h then level 2 4.5 h
        N2,K1,KACTUS,incidente,P3,media,media,2026-10-07T08:00,escalated during a pause; reopened back to level 1
        N3,K1,SEVEN,incidente,P3,media,media,2026-10-30T16:00,exactly on its OLA at the month's end
        N4,K2,BPM,incidente,P3,media,media,2026-10-13T08:00,level 3 over its 3 h
        N5,K2,BPM,incidente,P3,media,media,2026-09-29T08:00,over level 2's OLA in September

        """

    static let events = """
        event_id,case_id,at,kind,level,note
        1,N1,2026-10-06T10:30,escalated,2,
        2,N1,2026-10-06T15:00,solved,,
        3,N2,2026-10-07T09:00,escalated,3,
        4,N2,2026-10-07T10:00,waiting_client,,
        5,N2,2026-10-07T11:00,escalated,2,
        6,N2,2026-10-07T13:00,client_responded,,
        7,N2,2026-10-07T14:00,solved,,
        8,N2,2026-10-08T08:00,reopened,,
        9,N2,2026-10-08T09:30,solved,,
        10,N4,2026-10-13T08:30,escalated,3,
        11,N4,2026-10-13T12:00,solved,,
        12,N5,2026-09-29T09:00,escalated,2,

        """

    /// K1 — level 1: N1 2.5 h, N2 1 h + 1.5 h after its reopening (both over 2 h in October: 2
    /// breaches; N3 sits exactly on 2 h at the month's end, no breach); level 2: N1 4.5 h (over
    /// 4 h), N2 1 h (13:00–14:00: the escalation came during the pause); level 3: N2 1 h, no OLA.
    /// K2 — level 1: N4 0.5 h (N5's 1 h is exactly its OLA); level 2: no resolved case, N5's breach
    /// was September's; level 3: N4 3.5 h, over 3 h. Totals over all the times: level 1 (2.5, 2.5,
    /// 0.5) mean 1.83, median 2.5; the OLA only where both clients share it.
    static let octoberLevels = """
        client_id,level,cases,mean_hours,median_hours,ola_hours,ola_breaches
        K1,1,2,2.50,2.50,2.00,2
        K1,2,2,2.75,2.75,4.00,1
        K1,3,1,1.00,1.00,,0
        K2,1,1,0.50,0.50,1.00,0
        K2,2,0,,,4.00,0
        K2,3,1,3.50,3.50,3.00,1
        ,1,3,1.83,2.50,,2
        ,2,2,2.75,2.75,4.00,1
        ,3,2,2.25,2.25,,1

        """

    /// The month's reports, and the folder that holds them (kept while the caller reads).
    func report(_ month: String) throws -> (folder: TemporaryDirectory, path: String) {
        let folder = try TemporaryDirectory()
        let database = try TestImport.database(in: folder, clients: Self.clients, cases: Self.cases, events: Self.events)
        let outcome = try MonthlyReportJob.run(
            month: try #require(ReportMonth(month)), reportsDirectory: folder.path + "/reports",
            runner: .test(database, now: .bogota("2026-12-02T03:00")), calendar: TestCalendars.standard, policy: Self.policy)
        #expect(outcome.findings.isEmpty)
        return (folder, folder.path + "/reports/monthly/\(month)")
    }

    @Test func octoberByHand() throws {
        let (folder, month) = try report("2026-10")
        defer { withExtendedLifetime(folder) {} }
        #expect(try String(contentsOfFile: month + "/kam-ana/niveles.csv", encoding: .utf8) == Self.octoberLevels)

        // The client's workbook: its own three rows, no total; the sheet shows the same numbers.
        let k2 = month + "/kam-ana/clientes/k2.xlsx"
        let book = try WorkbookReader.part("xl/workbook.xml", of: k2)
        let names = WorkbookCells.matches(#"<sheet name="([^"]+)""#, in: book).compactMap { $0[1] }
        #expect(names.count > 7 && names[7] == "Tiempo por nivel", "\(names)")
        let cells = try WorkbookCells(sheet: 8, of: k2)
        #expect(cells[0, 0] == .text("Cliente") && cells[0, 2] == .text("Nivel de soporte"))
        #expect(
            cells[1, 0] == .text("K2") && cells[1, 2] == .number(1) && cells[1, 4] == .number(0.5) && cells[1, 6] == .number(1))
        #expect(cells[3, 4] == .number(3.5) && cells[3, 7] == .number(1))
        #expect(cells[4, 1] == nil, "no total row in a client's workbook")

        // The KAM's sheet: each client's hours per level under the table, drawn as stacked bars.
        let kam = month + "/kam-ana.xlsx"
        let sheet = try WorkbookCells(sheet: 8, of: kam)
        let hoursHeader = try #require(sheet.rows.first { $0.value[0] == .text("Cliente") && $0.key > 0 }?.key)
        #expect(sheet[hoursHeader + 1, 1] == .text("Clínica del Norte"))
        #expect(
            sheet[hoursHeader + 1, 2] == .number(5) && sheet[hoursHeader + 1, 3] == .number(5.5)
                && sheet[hoursHeader + 1, 4] == .number(1))
        #expect(sheet[hoursHeader + 2, 1] == .text("Alcaldía de Chía") && sheet[hoursHeader + 2, 4] == .number(3.5))
        let charts = try WorkbookReader.partNames(of: kam).filter { $0.hasPrefix("xl/charts/chart") }
        let stacked = try charts.map { try WorkbookReader.part($0, of: kam) }.filter {
            $0.contains("<c:grouping val=\"stacked\"/>")
        }
        #expect(stacked.count == 1)
        let chart = try #require(stacked.first)
        #expect(chart.contains("'Tiempo por nivel'!$B$\(hoursHeader + 2):$B$\(hoursHeader + 3)"), "the clients' names")
        #expect(chart.contains("'Tiempo por nivel'!$E$\(hoursHeader + 2):$E$\(hoursHeader + 3)"), "level 3's hours")
        #expect(chart.contains("<c:barDir val=\"bar\"/>"))
    }

    /// N3 sits exactly on its 2 h at October's end; with 2 November a holiday it goes over on
    /// Tuesday 3 November at 07:30:01: November's breach, not October's.
    @Test func aBreachOnTheOLAAtTheMonthsEndCountsInTheNextMonth() throws {
        let (folder, month) = try report("2026-11")
        defer { withExtendedLifetime(folder) {} }
        let rows = try String(contentsOfFile: month + "/kam-ana/niveles.csv", encoding: .utf8).split(separator: "\n")
        #expect(rows[1] == "K1,1,0,,,2.00,1")
        #expect(rows[4] == "K2,1,0,,,1.00,0")
    }
}
