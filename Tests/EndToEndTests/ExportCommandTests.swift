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
        expected.insert("C5,K1,kam-ana,HOSVITAL,acceso,P4,baja,baja,business,345600,3600,0,met,,2026-11-20T09:00:00-05:00,3600,,1,,,,,,0"
                        + ",3600,0,0", at: 5)
        #expect(exported.standardOutput == expected.joined(separator: "\n"))

        let toFile = try BuiltBinary.run(["export", "--db", database, "--as-of", "2026-11-23T14:30", "--out", folder.path + "/all.csv"])
        #expect(toFile.status == 0)
        #expect(toFile.standardOutput.isEmpty)
        #expect(try String(contentsOfFile: folder.path + "/all.csv", encoding: .utf8) == exported.standardOutput)
    }
}
