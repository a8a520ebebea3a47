import Foundation
import SLABatch
import SLACore
import SLAStore
import SLATestSupport
import Testing

/// Rows the ticketing tool writes into the database directly, which no import checked (SPEC §13):
/// each bad case is a data problem — listed in the log, on the sheet Problemas de datos, in the
/// outcome's findings (exit 1) — and every other case is evaluated and every file written. One of
/// them used to make every night exit 2 and write nothing.
@Suite struct DataProblemTests {
    static let created = Instant.bogota("2026-11-23T08:00").secondsSince1970

    /// SmallFixture, then the bad rows: ids as bytes, so that a NUL or an invalid UTF-8 byte is
    /// stored as the tool stored it.
    func database(_ folder: TemporaryDirectory) throws -> String {
        let database = try TestImport.database(
            in: folder, clients: SmallFixture.clients, cases: SmallFixture.cases,
            events: SmallFixture.events)
        let columns = "id, client_id, product, type, priority, impact, urgency, created_at, summary"
        try DatabaseDump.execute(
            database,
            """
            INSERT INTO service_case (\(columns)) VALUES
                ('B1', 'K1', 'KACTUS', 'incidente', 'P1', NULL, NULL, 0, 'registered in 1970'),
                ('B2', 'K1', 'KACTUS', 'incidente', 'P1', NULL, NULL, '2026-11-20', 'a date as text'),
                ('B3', 'K1', 'KACTUS', 'queja', 'P2', 'alta', 'alta', \(Self.created), 'a type sla does not know'),
                ('B4', 'K1', 'KACTUS', 'incidente', 'P9', 'alta', 'alta', \(Self.created), 'a priority sla does not know'),
                (CAST(X'42350031' AS TEXT), 'K1', 'KACTUS', 'incidente', 'P1', NULL, NULL, \(Self.created), 'a NUL in the id'),
                (CAST(X'4236FF' AS TEXT), 'K1', 'KACTUS', 'incidente', 'P1', NULL, NULL, \(Self.created), 'invalid UTF-8'),
                ('B7', 'K404', 'KACTUS', 'incidente', 'P1', NULL, NULL, \(Self.created), 'a client nobody imported'),
                ('B8', 'K2', 'SEVEN', 'consulta', 'P3', 'critica', 'alta', \(Self.created), 'an impact sla does not know'),
                ('B9', 'K2', 'SEVEN', 'consulta', 'P1', NULL, NULL, \(Self.created), 'an event kind sla does not know'),
                ('B10', 'K2', 'SEVEN', 'consulta', 'P1', NULL, NULL, \(Self.created), 'an event at as text'),
                ('B11', 'K2', 'SEVEN', 'consulta', 'P1', NULL, NULL, \(Self.created), 'an event id not UTF-8');
            INSERT INTO case_event (id, case_id, at, kind) VALUES
                ('e9', 'B9', \(Self.created + 60), 'resuelto'),
                ('e10', 'B10', 'ayer', 'diagnosed'),
                (CAST(X'65FF' AS TEXT), 'B11', \(Self.created + 60), 'diagnosed');
            """)
        return database
    }

    static let problemCases = ["B1", "B10", "B11", "B2", "B3", "B4", "B5\\u{0}1", "B6\u{FFFD}", "B7", "B8", "B9"]

    @Test func theNightListsEachBadCaseAndEvaluatesEveryOther() throws {
        let folder = try TemporaryDirectory()
        let database = try database(folder)
        let log = LogRecorder()
        let night = try NightlyJob.run(
            .init(
                asOf: .bogota("2026-11-23T14:30"), reportsDirectory: folder.path + "/reports",
                dryRun: false),
            runner: .test(database, logger: log.logger), calendar: TestCalendars.standard,
            policy: .standard)
        #expect(night.problems.map(\.caseID).sorted() == Self.problemCases)
        #expect(night.evaluated == 5)  // SmallFixture's open cases, as without the bad ones
        #expect(!night.findings.isEmpty)  // exit 1
        #expect(night.summaryLine.contains(", 11 with data problems, "))
        let reasons = Dictionary(uniqueKeysWithValues: night.problems.map { ($0.caseID, $0.reason) })
        #expect(reasons["B1"]?.contains("created_at 1969-12-31T19:00:00-05:00 is outside the calendar") == true)
        #expect(reasons["B2"]?.contains("created_at '2026-11-20' is not an instant") == true)
        #expect(reasons["B3"]?.contains("type 'queja' is not one of incidente") == true)
        #expect(reasons["B7"]?.contains("client 'K404' is not in the database") == true)
        #expect(reasons["B9"]?.contains("kind 'resuelto' is not one of diagnosed") == true)
        #expect(reasons["B5\\u{0}1"]?.contains("case_id: the id is not text sla can use") == true)

        // The files are written, the same status file as without the bad rows.
        let daily = folder.path + "/reports/daily/2026-11-23/"
        #expect(try String(contentsOfFile: daily + "sla-status.csv", encoding: .utf8) == SmallFixture.statusAt20261123T1430)
        let sheet = try WorkbookCells(sheet: 4, of: daily + "breaches.xlsx")
        let listed = (1...12).compactMap { sheet[$0, 0]?.description }
        #expect(Set(listed) == Set(Self.problemCases + ["C4"]))  // and the unclassified case
        #expect(listed.count == 12)
        #expect(try WorkbookReader.malformedParts(of: daily + "breaches.xlsx").isEmpty)
        #expect(log.lines.filter { $0.hasPrefix("error: data problem: case ") && $0.contains("cannot be evaluated") }.count == 11)
        #expect(log.lines.contains { $0.contains("case B5\\u{0}1 cannot be evaluated") })
    }

    @Test func theExportAndTheMonthLeaveThemOutAndListThem() throws {
        let folder = try TemporaryDirectory()
        let database = try database(folder)
        let output = folder.path + "/export.csv"
        let export = try ExportJob.run(
            .init(asOf: .bogota("2026-11-23T14:30"), output: output), runner: .test(database),
            calendar: TestCalendars.standard, policy: .standard)
        #expect(export.cases == 6)
        #expect(export.problems.map(\.caseID).sorted() == Self.problemCases)
        #expect(try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n").count == 7)

        let month = try MonthlyReportJob.run(
            month: try #require(ReportMonth("2026-11")), reportsDirectory: folder.path,
            runner: .test(database, now: .bogota("2026-12-01T02:00")),
            calendar: TestCalendars.standard, policy: .standard)
        #expect(month.kams == 2)
        // B1 and B2 count in every month: registered before it (B2 cannot be read, so it is not
        // known not to be) and never closed.
        #expect(month.problems.map(\.caseID).sorted() == Self.problemCases)
        #expect(!month.findings.isEmpty)
    }

    @Test func explainSaysWhatIsWrongWithACase() throws {
        let folder = try TemporaryDirectory()
        let database = try database(folder)
        let outcome = try ExplainJob.run(
            caseID: "B3", asOf: .bogota("2026-11-23T14:30"), runner: .test(database),
            calendar: TestCalendars.standard, policy: .standard)
        #expect(outcome.text.hasPrefix("Case B3 cannot be evaluated (a data problem):\n  type: type 'queja' is not one of"))
        #expect(outcome.findings.count == 1)
    }

    /// A case registered on the calendar's last afternoon whose 96 business hours would end after
    /// it: its clock cannot be computed, which is its own problem, not the night's.
    @Test func aDueInstantPastTheCalendarIsACaseProblem() throws {
        let folder = try TemporaryDirectory()
        let database = try TestImport.database(
            in: folder, clients: SmallFixture.clients,
            cases: """
                case_id,client_id,product,type,priority,impact,urgency,created_at,summary
                Z1,K2,BPM,solicitud,P4,baja,baja,2100-12-31T17:00,the calendar's last hour
                Z2,K1,BPM,solicitud,P1,,,2100-12-31T17:00,a SaaS P1: four hours on the 24x7 clock

                """, events: "event_id,case_id,at,kind,level,note\n")
        let night = try NightlyJob.run(
            .init(asOf: .bogota("2100-12-31T17:30"), reportsDirectory: folder.path, dryRun: false),
            runner: .test(database, now: .bogota("2100-12-31T18:00")),
            calendar: TestCalendars.standard, policy: .standard)
        #expect(night.problems.map(\.caseID) == ["Z1"])
        #expect(night.problems.first?.reason.contains("its attention clock cannot be computed") == true)
        #expect(night.evaluated == 1)
    }

    /// More rows only a direct write can make (a review of issue 12 found them): ids stored as
    /// BLOBs, a client id twice (as text and as a BLOB), a registration after the calendar, an
    /// event before its case's registration, an empty KAM id, and an event holding the id of the
    /// automatic closure sla would write. Each is listed; none stops the night or the month.
    @Test func idsAsBlobsDuplicatedClientsAndTakenClosureIdsAreListed() throws {
        let folder = try TemporaryDirectory()
        let database = try TestImport.database(
            in: folder, clients: SmallFixture.clients, cases: SmallFixture.cases,
            events: SmallFixture.events)
        let columns = "id, client_id, product, type, priority, impact, urgency, created_at, summary"
        let solved = Instant.bogota("2026-11-13T10:00").secondsSince1970
        try DatabaseDump.execute(
            database,
            """
            INSERT INTO kam (id, name, email) VALUES ('', 'Sin id', '');
            INSERT INTO client (id, name, contract, kam_id) VALUES (CAST('K1' AS BLOB), 'K1 again', 'saas', 'kam-ana'),
                ('K9', 'Cliente del KAM sin id', 'saas', '');
            INSERT INTO service_case (\(columns)) VALUES
                (CAST('X1' AS BLOB), 'K1', 'KACTUS', 'incidente', 'P1', NULL, NULL, \(Self.created), 'a BLOB id'),
                ('X2', 'K1', 'KACTUS', 'incidente', 'P1', NULL, NULL, 99999999999, 'registered in the year 5138'),
                ('X3', 'K1', 'KACTUS', 'incidente', 'P1', NULL, NULL, \(Self.created), 'an event before it'),
                ('X4', 'K2', 'SEVEN', 'consulta', 'P3', 'media', 'media', \(solved - 3600), 'its closure id is taken');
            INSERT INTO case_event (id, case_id, at, kind) VALUES
                ('x1', CAST('C1' AS BLOB), \(Self.created), 'closed'),
                ('x3', 'X3', \(Self.created - 86400), 'diagnosed'),
                ('s4', 'X4', \(solved), 'solved'),
                ('sla-auto-closed:s4', 'C2', \(Self.created + 120), 'escalated');
            """)
        let night = try NightlyJob.run(
            .init(asOf: .bogota("2026-11-24T07:00"), reportsDirectory: folder.path, dryRun: false),
            runner: .test(database), calendar: TestCalendars.standard, policy: .standard)
        #expect(night.problems.map(\.caseID).sorted() == ["X1", "X2", "X3", "X4"])
        let reasons = Dictionary(uniqueKeysWithValues: night.problems.map { ($0.caseID, $0.reason) })
        #expect(reasons["X1"]?.contains("stored as a BLOB") == true)
        #expect(reasons["X2"]?.contains("5138") == true)
        #expect(reasons["X3"]?.contains("is before the case's registration") == true)
        #expect(reasons["X4"]?.contains("the id sla-auto-closed:s4 of its automatic closure is taken by another event") == true)
        #expect(night.closures.isEmpty)  // X4's closure is not reported as written
        #expect(
            !(try DatabaseDump.events(database).contains { $0.hasPrefix("sla-auto-closed:s4|C2|") && $0.contains("auto_closed") })
        )
        // The BLOB case_id names no case: C1 is not closed by it, and stays on the list.
        let status = try String(contentsOfFile: folder.path + "/daily/2026-11-24/sla-status.csv", encoding: .utf8)
        #expect(status.contains("\nC1,"))

        let month = try #require(night.monthlyReports)
        #expect(month.kams == 2)  // kam-ana and kam-luis; the KAM without an id gets none
        #expect(month.kamFindings.map(\.description).contains { $0.hasPrefix("KAM (empty id): kam_id:") })
        #expect(month.kamFindings.map(\.description).contains { $0.hasPrefix("client K1: client_id:") })
        #expect(!FileManager.default.fileExists(atPath: month.folder + "/.xlsx"))
    }
}
