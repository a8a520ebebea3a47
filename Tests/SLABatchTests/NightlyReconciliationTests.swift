import Foundation
import Logging
import SLABatch
import SLACore
import SLATestSupport
import Testing

/// Nights run one by one leave the database a single late night would (review findings after
/// issue 4): a solution on a closed case, and an answer that reaches us after the closure.
@Suite struct NightlyReconciliationTests {
    let fixture = NightlyClosureTests()

    static let cases = """
        case_id,client_id,product,type,priority,impact,urgency,created_at,summary
        B1,K1,KACTUS,incidente,P3,media,media,2026-11-10T08:00,solved again after the client closed it
        B2,K1,KACTUS,incidente,P3,media,media,2026-11-10T08:00,"solved, closed, nothing more"

        """
    static let events = """
        event_id,case_id,at,kind,level,note
        1,B1,2026-11-13T10:00,solved,,
        2,B1,2026-11-17T10:00,closed,,
        3,B1,2026-11-18T09:00,solved,,
        4,B2,2026-11-13T10:00,solved,,
        5,B2,2026-11-17T10:00,closed,,

        """

    func database(_ folder: TemporaryDirectory, _ name: String) throws -> String {
        try fixture.database(folder, named: name, cases: Self.cases, events: Self.events)
    }

    /// The closures in a database, without the run that wrote them.
    func closures(_ database: String) throws -> [String] {
        try DatabaseDump.events(database).filter { $0.contains("|auto_closed|") }
    }

    @Test func aSolutionOnAClosedCaseIsClosedByTheNightsAsByALateRun() throws {
        let folder = try TemporaryDirectory()
        let nightly = try database(folder, "nightly")
        var night = Instant.bogota("2026-11-19T02:00")
        while night <= .bogota("2026-12-01T02:00") {
            _ = try fixture.night(nightly, night.description, reports: folder.path + "/nightly")
            night = night.adding(seconds: 86_400)
        }
        let late = try database(folder, "late")
        _ = try fixture.night(late, "2026-12-01T02:00", reports: folder.path + "/late")
        // B1's second solution (18 Nov) runs out on Wednesday 25 Nov at 18:00: closed, although the case
        // was closed by the client on the 17th; B2 is settled and never closed automatically.
        #expect(
            try closures(late) == [
                "sla-auto-closed:3|B1|\(Instant.bogota("2026-11-25T18:00").secondsSince1970)|auto_closed|NULL|"
                    + "cierre automático: venció el periodo de aceptación de la solución 3|sla|3"
            ])
        #expect(try closures(nightly) == closures(late))
    }

    @Test func anAnswerRecordedAfterTheClosureWithdrawsIt() throws {
        let folder = try TemporaryDirectory()
        let database = try fixture.database(folder)
        let reports = folder.path + "/reports"
        let friday = try fixture.night(database, "2026-11-28T02:00", reports: reports)
        #expect(friday.closures.map(\.caseID) == ["A1", "A4", "A2"])
        // A2's client answered on Thursday; the ticketing tool sends it on Monday.
        let answer = try folder.write(
            "late.csv",
            """
            event_id,case_id,at,kind,level,note
            12,A2,2026-11-26T10:00,client_responded,,

            """)
        try TestImport.more(database, events: answer)
        let monday = try fixture.night(database, "2026-11-30T02:00", reports: reports)
        #expect(monday.closures.isEmpty)
        #expect(try !DatabaseDump.events(database).contains { $0.hasPrefix("sla-auto-closed:2|") })
        let status = try String(contentsOfFile: reports + "/daily/2026-11-30/sla-status.csv", encoding: .utf8)
        #expect(status.split(separator: "\n").map { $0.prefix(3) }.contains("A2,"))
        // A rerun changes nothing more.
        let events = try DatabaseDump.events(database)
        _ = try fixture.night(database, "2026-11-30T02:00", reports: reports)
        #expect(try DatabaseDump.events(database) == events)
    }
}
