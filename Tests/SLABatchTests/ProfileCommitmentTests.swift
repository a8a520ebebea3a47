import Foundation
import GRDB
import SLABatch
import SLAConfig
import SLACore
import SLATestSupport
import Testing

/// A column of the cases export holding the work plan's promised instant: a solution commitment
/// made when the case was diagnosed (the row's diagnosis), or at its registration without one.
@Suite struct ProfileCommitmentTests {
    @Test func aPromisedInstantColumnIsACommitmentMadeAtTheDiagnosis() throws {
        let folder = try TemporaryDirectory()
        let profile = try ProfileFile.parse(
            """
            cases:
              columns: { case_id: Caso, client_id: { value: K1 }, type: { value: incidente }, priority: { value: P3 },
                         impact: { value: alta }, urgency: { value: alta }, created_at: Abierto }
              events: { diagnosed: Diagnosticado, committed: "Solución comprometida", solved: Resuelto }
            """, file: "p.yaml")
        let database = try TestImport.database(
            in: folder, clients: "client_id,client_name,contract,kam_id\nK1,Uno,saas,kam\n",
            cases: "case_id,client_id,type,priority,created_at\n", events: "event_id,case_id,at,kind\n")
        let cases = """
            Caso,Abierto,Diagnosticado,Solución comprometida,Resuelto
            A,2026-11-13T07:30,2026-11-13T09:00,2026-11-18T15:00,2026-11-18T14:00
            B,2026-11-13T07:30,,2026-11-16T12:00,
            C,2026-11-13T07:30,2026-11-13T09:00,,

            """
        let outcome = try ImportJob.run(
            .init(cases: try folder.write("casos.csv", cases), profile: profile),
            runner: .test(database))
        #expect(outcome.findings.isEmpty, "\(outcome.findings)")
        let commitments = try DatabaseQueue(path: database).read { db in
            try Row.fetchAll(db, sql: "SELECT case_id, at, due FROM case_event WHERE kind = 'committed' ORDER BY case_id").map {
                row in
                "\(row["case_id"] as String) \(Instant(secondsSince1970: row["at"])) \(Instant(secondsSince1970: row["due"]))"
            }
        }
        #expect(
            commitments == [
                "A 2026-11-13T09:00:00-05:00 2026-11-18T15:00:00-05:00",  // made at the diagnosis
                "B 2026-11-13T07:30:00-05:00 2026-11-16T12:00:00-05:00"  // no diagnosis: at registration
            ])
        // A's promise was kept (solved an hour before it); B's is pending.
        let out = folder.path + "/export.csv"
        _ = try ExportJob.run(
            .init(asOf: .bogota("2026-11-19T10:00"), output: out), runner: .test(database),
            calendar: TestCalendars.standard, policy: .standard)
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        let header = try #require(lines.first)
        let state = try #require(header.firstIndex(of: "commitment_state"))
        #expect(lines.dropFirst().map { "\($0[0]) \($0[state])" } == ["A kept", "B missed", "C "])
    }
}
