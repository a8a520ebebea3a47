import Foundation
import SLABatch
import SLACore
import SLATestSupport
import Testing

/// The work plan's solution commitments through the import, the night's files and the monthly
/// report, on a November worked by hand. Every case's attention clock stops at once (diagnosed
/// half an hour after registration), so what falls due is the commitments alone. Monday 16
/// November 2026 is a holiday.
///
/// - C1 (K1): promised Tuesday 3 for Thursday 5 15:00, solved exactly then: kept in November.
/// - C2 (K1): promised for Wednesday 4 12:00, re-planned exactly then (in time) for Friday 6
///   12:00, solved Monday 9: the re-plan is missed in November, solved late.
/// - C3 (K1): promised for Thursday 12 10:00, re-planned after the miss, Friday 13, for
///   1 December 00:00: the first missed in November; the second, due exactly at the month's end,
///   missed in December.
/// - C4 (K2): promised for Wednesday 25 10:00, never solved: missed, and on the night's list.
/// - C5 (K2): promised Wednesday 25 for Thursday 26 16:00: due the night of the 26th; missed in
///   November.
@Suite struct CommitmentReportTests {
    static let cases = """
        case_id,client_id,product,type,priority,impact,urgency,created_at,summary,assignee,group
        C1,K1,KACTUS,incidente,P2,alta,alta,2026-11-03T08:00,kept,Ana,N1
        C2,K1,SEVEN,incidente,P2,alta,alta,2026-11-03T08:00,re-planned in time then missed,Beto,N2
        C3,K1,BPM,incidente,P2,alta,alta,2026-11-10T08:00,missed then re-planned,Carla,N2
        C4,K2,HOSVITAL,incidente,P2,alta,alta,2026-11-20T08:00,missed and unsolved,Dora,N1
        C5,K2,BPM,consulta,P3,alta,alta,2026-11-25T08:00,due today,Eva,N1

        """

    static let events = """
        event_id,case_id,at,kind,level,note,due
        1,C1,2026-11-03T08:30,diagnosed,,,
        2,C1,2026-11-03T09:00,committed,,,2026-11-05T15:00
        3,C1,2026-11-05T15:00,solved,,,
        4,C2,2026-11-03T08:30,diagnosed,,,
        5,C2,2026-11-03T09:00,committed,,,2026-11-04T12:00
        6,C2,2026-11-04T12:00,committed,,,2026-11-06T12:00
        7,C2,2026-11-09T10:00,solved,,,
        8,C3,2026-11-10T08:30,diagnosed,,,
        9,C3,2026-11-10T09:00,committed,,,2026-11-12T10:00
        10,C3,2026-11-13T08:00,committed,,,2026-12-01T00:00
        11,C4,2026-11-20T08:30,diagnosed,,,
        12,C4,2026-11-20T09:00,committed,,,2026-11-25T10:00
        13,C5,2026-11-25T08:30,diagnosed,,,
        14,C5,2026-11-25T09:00,committed,,,2026-11-26T16:00

        """

    func database(_ folder: TemporaryDirectory) throws -> String {
        try TestImport.database(in: folder, clients: MonthFixture.clients, cases: Self.cases, events: Self.events)
    }

    func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func theNightListsTheMissedAndTheDueToday() throws {
        let folder = try TemporaryDirectory()
        let database = try database(folder)
        let night = try NightlyJob.run(
            .init(asOf: .bogota("2026-11-26T07:00"), reportsDirectory: folder.path + "/reports", dryRun: false),
            runner: .test(database, now: .bogota("2026-11-26T07:05")), calendar: TestCalendars.standard, policy: .standard)
        #expect(night.lists.commitmentsMissed == 1 && night.lists.commitmentsDueToday == 1)
        #expect(night.summaryLine.contains(", 1 solution commitments missed and unsolved, 1 commitments due today, "))
        let daily = folder.path + "/reports/daily/2026-11-26/"

        // C1 and C2 were closed automatically; C3, C4, C5 are open.
        let status = try text(daily + "sla-status.csv").split(separator: "\n")
        #expect(
            status[0].hasSuffix(
                ",waiting_since,commitment_due,commitment_state,replans,level1_seconds,level2_seconds,"
                    + "level3_seconds"))
        #expect(status.map { $0.prefix(3) } == ["cas", "C3,", "C4,", "C5,"])
        #expect(status[1].hasSuffix(",,2026-12-01T00:00:00-05:00,pending,1,414000,0,0"))
        #expect(status[2].hasSuffix(",,2026-11-25T10:00:00-05:00,missed,0,149400,0,0"))
        #expect(status[3].hasSuffix(",,2026-11-26T16:00:00-05:00,pending,0,36000,0,0"))

        // due-today.csv: the status columns and which promise falls due.
        let dueToday = try text(daily + "due-today.csv").split(separator: "\n")
        #expect(dueToday.count == 2)
        #expect(dueToday[0] == status[0] + ",promise")
        #expect(dueToday[1] == status[3] + ",solution")

        let workbook = daily + "breaches.xlsx"
        let today = try WorkbookCells(sheet: 1, of: workbook)
        #expect(today[11, 0] == .text("C5") && today[11, 5] == .text("Solución (plan de trabajo)") && today[12, 0] == nil)
        // Due at 16:00, nine hours after the night's cut-off, on the wall clock.
        #expect(today[11, 6] == .number(9.0 / 24))
        let commitments = try WorkbookCells(sheet: 3, of: workbook)
        #expect(commitments[0, 0]?.description.hasPrefix("Compromisos de solución — corte:") == true)
        #expect((8...9).map { commitments[$0, 0] } == [.number(1), .number(1)], "missed and unsolved, due today")
        #expect(commitments[10, 0] == .text("Caso") && commitments[10, 3] == .text("Compromiso"))
        #expect(commitments[11, 0] == .text("C4") && commitments[11, 3] == .text("Incumplido"))
        // 21 hours late on the wall clock.
        #expect(commitments[11, 6] == .number(21))
        #expect(commitments[13, 0]?.description.hasPrefix("Vencen hoy (1)") == true)
        #expect(commitments[14, 0] == .text("C5") && commitments[14, 3] == .text("Vence hoy"))
        #expect(try WorkbookReader.malformedParts(of: workbook).isEmpty)
    }

    @Test func theMonthCountsEachOutcomeOnceInItsMonth() throws {
        let folder = try TemporaryDirectory()
        let database = try database(folder)
        let reports = folder.path + "/reports"
        for month in ["2026-11", "2026-12"] {
            _ = try MonthlyReportJob.run(
                month: try #require(ReportMonth(month)), reportsDirectory: reports,
                runner: .test(database, now: .bogota("2027-01-02T03:00")),
                calendar: TestCalendars.standard, policy: .standard)
        }
        let november = reports + "/monthly/2026-11/kam-ana/"
        let summary = try text(november + "resumen.csv").split(separator: "\n")
        #expect(summary[0].hasSuffix(",median_resolution_hours,commitments_kept,commitments_missed,commitment_pct,replans"))
        #expect(summary[1].hasPrefix("K1,") && summary[1].hasSuffix(",1,2,33.33,2"))
        #expect(summary[2].hasPrefix("K2,") && summary[2].hasSuffix(",0,2,0.00,0"))
        #expect(summary[3].hasPrefix(",Total,") && summary[3].hasSuffix(",1,4,20.00,2"))

        #expect(
            try text(november + "compromisos.csv") == """
                case_id,client_id,committed_at,due,solved_at,outcome,replans
                C1,K1,2026-11-03T09:00:00-05:00,2026-11-05T15:00:00-05:00,2026-11-05T15:00:00-05:00,kept,0
                C2,K1,2026-11-04T12:00:00-05:00,2026-11-06T12:00:00-05:00,2026-11-09T10:00:00-05:00,missed,1
                C3,K1,2026-11-10T09:00:00-05:00,2026-11-12T10:00:00-05:00,,missed,0
                C4,K2,2026-11-20T09:00:00-05:00,2026-11-25T10:00:00-05:00,,missed,0
                C5,K2,2026-11-25T09:00:00-05:00,2026-11-26T16:00:00-05:00,,missed,0

                """)

        // December: C3's re-plan, due exactly at November's end, is December's miss; the trend
        // counts each month as its own report does.
        let december = reports + "/monthly/2026-12/kam-ana/"
        #expect(
            try text(december + "compromisos.csv").split(separator: "\n").dropFirst()
                == ["C3,K1,2026-11-13T08:00:00-05:00,2026-12-01T00:00:00-05:00,,missed,1"])
        let trend = try text(december + "tendencia.csv").split(separator: "\n")
        #expect(
            trend[0]
                == "client_id,month,registered,solved,met,breached,compliance_pct,commitments_kept,commitments_missed,commitment_pct"
        )
        #expect(trend.contains { $0.hasPrefix("K1,2026-11,") && $0.hasSuffix(",1,2,33.33") })
        #expect(trend.contains { $0.hasPrefix("K1,2026-12,") && $0.hasSuffix(",0,1,0.00") })
        #expect(trend.contains { $0.hasPrefix("K2,2026-11,") && $0.hasSuffix(",0,2,0.00") })

        // The workbooks: the sheet, with the outcome in Spanish, and the client's own workbook.
        let workbook = reports + "/monthly/2026-11/kam-ana.xlsx"
        let sheet = try WorkbookCells(sheet: 7, of: workbook)
        #expect(sheet[0, 0] == .text("Caso") && sheet[1, 0] == .text("C1") && sheet[1, 5] == .text("Cumplido"))
        #expect(sheet[2, 5] == .text("Incumplido") && sheet[2, 6] == .number(1))
        let client = try WorkbookCells(sheet: 7, of: reports + "/monthly/2026-11/kam-ana/clientes/k2.xlsx")
        #expect(client[1, 0] == .text("C4") && client[2, 0] == .text("C5") && client[3, 0] == nil)
        #expect(try WorkbookReader.malformedParts(of: workbook).isEmpty)
    }

    @Test func explainShowsEachCommitmentItsReplansAndItsOutcome() throws {
        let folder = try TemporaryDirectory()
        let database = try database(folder)
        let c2 = try ExplainJob.run(
            caseID: "C2", asOf: .bogota("2026-11-10T07:00"), runner: .test(database),
            calendar: TestCalendars.standard, policy: .standard
        ).text
        #expect(c2.contains("  2026-11-04T12:00:00-05:00  #6 committed due 2026-11-06T12:00:00-05:00\n"), "\(c2)")
        #expect(
            c2.contains(
                """
                Solution commitments (the work plan's promise; wall-clock instants, no pauses):
                  2026-11-03T09:00:00-05:00  #5 commitment, solution due 2026-11-04T12:00:00-05:00: replaced in time by a \
                re-plan at 2026-11-04T12:00:00-05:00, no outcome of its own
                  2026-11-04T12:00:00-05:00  #6 re-plan 1, solution due 2026-11-06T12:00:00-05:00: missed: its due passed \
                without a solution (solved late, 2026-11-09T10:00:00-05:00)
                Commitment latest missed, due 2026-11-06T12:00:00-05:00; 1 re-plan

                """), "\(c2)")
        let c3 = try ExplainJob.run(
            caseID: "C3", asOf: .bogota("2026-11-20T07:00"), runner: .test(database),
            calendar: TestCalendars.standard, policy: .standard
        ).text
        #expect(
            c3.contains(
                """
                #9 commitment, solution due 2026-11-12T10:00:00-05:00: missed: its due passed without a solution; \
                re-planned after the miss, 2026-11-13T08:00:00-05:00
                """), "\(c3)")
    }

    @Test func theImportRefusesADueThatBreaksTheRules() throws {
        let folder = try TemporaryDirectory()
        let database = try database(folder)
        let outcome = try TestImport.more(
            database,
            events: try folder.write(
                "more-events.csv",
                """
                event_id,case_id,at,kind,level,note,due
                20,C4,2026-11-26T09:00,committed,,,
                21,C4,2026-11-26T09:00,solved,,,2026-11-27T09:00
                22,C4,2026-11-26T09:00,committed,,,2026-11-26T08:59:59
                23,C4,2026-11-26T09:00,committed,,,mañana
                24,C4,2026-11-26T09:00,committed,,,2026-11-26T09:00

                """))
        let reasons = outcome.findings.map(\.description)
        #expect(reasons.count == 4, "\(reasons)")
        #expect(reasons.contains { $0.contains(":2: due: a committed event needs due") })
        #expect(reasons.contains { $0.contains(":3: due: due is only for committed events (this one is solved)") })
        #expect(reasons.contains { $0.contains(":4: due: due 2026-11-26T08:59:59-05:00 is before the event's own instant") })
        #expect(reasons.contains { $0.contains(":5: due: due 'mañana'") })
    }
}
