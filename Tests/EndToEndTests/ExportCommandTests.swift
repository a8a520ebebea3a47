import Foundation
import SLATestSupport
import Testing

@Suite struct ExportCommandTests {
    @Test func exportsEveryCaseOpenOrClosedToStdoutOrAFile() throws {
        let folder = try TemporaryDirectory()
        let database = try SmallFixture.importedDatabase(in: folder)
        let exported = try BuiltBinary.run(["export", "--db", database, "--as-of", "2026-11-23T14:30"])
        #expect(exported.status == 0, "\(exported.standardError)")
        var expected = SmallFixture.statusAt20261123T1430.split(separator: "\n", omittingEmptySubsequences: false)
        // C5, solved in 1 h at level 1 and closed: its handling time is its resolution time.
        expected.insert(
            "C5,K1,kam-ana,HOSVITAL,acceso,P4,baja,baja,business,345600,3600,0,met,,2026-11-20T09:00:00-05:00,3600,,1,,,,,,0"
                + ",3600,0,0", at: 5)
        #expect(exported.standardOutput == expected.joined(separator: "\n"))

        let toFile = try BuiltBinary.run([
            "export", "--db", database, "--as-of", "2026-11-23T14:30", "--out", folder.path + "/all.csv"
        ])
        #expect(toFile.status == 0)
        #expect(toFile.standardOutput.isEmpty)
        #expect(try String(contentsOfFile: folder.path + "/all.csv", encoding: .utf8) == exported.standardOutput)
    }

    /// The export as of an instant is the same before and after the night of that instant writes
    /// its closures (SPEC §5: a past instant's results are reproduced; §6: a closure is dated at
    /// its deadline): the export counts the closures due by as-of, written yet or not. C7 is
    /// solved on Monday 23, the client is asked for something on the 24th (which does not end
    /// the acceptance period), and the period runs out on Monday 30 at 18:00: as of 1 December the
    /// case is closed and no longer waits on the client.
    /// The export shows the case as the database holds it: a closure due by as-of is in it once
    /// the night has written it — the one column it changes here is waiting_since.
    @Test func exportShowsTheClosuresTheNightsHaveWritten() throws {
        let folder = try TemporaryDirectory()
        let database = folder.path + "/sla.sqlite"
        let imported = try BuiltBinary.run([
            "import", "--db", database, "--clients", folder.write("clients.csv", SmallFixture.clients),
            "--cases",
            folder.write(
                "cases.csv",
                """
                case_id,client_id,product,type,priority,impact,urgency,created_at,summary
                C7,K1,KACTUS,consulta,P3,media,media,2026-11-23T08:00,Solucionado y luego en espera

                """),
            "--events",
            folder.write(
                "events.csv",
                """
                event_id,case_id,at,kind,level,note
                1,C7,2026-11-23T10:00,solved,,
                2,C7,2026-11-24T09:00,waiting_client,,pide soporte de la solución

                """)
        ])
        #expect(imported.status == 0, "\(imported.standardError)")
        let before = try BuiltBinary.run(["export", "--db", database, "--as-of", "2026-12-01T08:00"])
        #expect(before.status == 0, "\(before.standardError)")
        let night = try BuiltBinary.run([
            "nightly", "--db", database, "--as-of", "2026-12-01T08:00",
            "--reports", folder.path + "/reports"
        ])
        #expect(night.status == 0, "\(night.standardError)")
        let closures = try String(contentsOfFile: folder.path + "/reports/daily/2026-12-01/closures.csv", encoding: .utf8)
        #expect(closures.contains("C7,K1,2026-11-23T10:00:00-05:00,2026-11-30T18:00:00-05:00"), "\(closures)")
        let after = try BuiltBinary.run(["export", "--db", database, "--as-of", "2026-12-01T08:00"])
        #expect(after.status == 0, "\(after.standardError)")
        #expect(!after.standardOutput.contains("2026-11-24T09:00"), "closed, C7 waits on nobody: \(after.standardOutput)")
        #expect(before.standardOutput.contains("2026-11-24T09:00"), "not closed yet, C7 waits: \(before.standardOutput)")
    }
}
