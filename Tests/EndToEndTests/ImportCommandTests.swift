import Foundation
import SLATestSupport
import Testing

/// `sla import` on real files and a real database: exit 1 with a rejects file when a row is bad,
/// 0 when all are good, and nothing new on a second import.
@Suite struct ImportCommandTests {
    @Test func importsRejectsAndReimports() throws {
        let folder = try TemporaryDirectory()
        let clients = try folder.write(
            "clients.csv",
            """
            client_id,client_name,contract,kam_id,kam_name,kam_email
            K1,Clínica,saas,kam-ana,Ana,ana@example.co
            K2,Alcaldía,mixto,kam-ana,Ana,ana@example.co

            """)
        let cases = try folder.write(
            "cases.csv",
            """
            case_id,client_id,product,type,priority,impact,urgency,created_at,summary
            C1,K1,KACTUS,incidente,P1,,,2026-11-13T22:00:00-05:00,Caída

            """)
        let database = folder.path + "/sla.sqlite"
        let first = try BuiltBinary.run(["import", "--db", database, "--clients", clients, "--cases", cases])
        #expect(first.status == 1, "\(first.standardError)")
        #expect(first.standardError.contains("2 rows read = 1 accepted + 1 rejected"))
        #expect(first.standardError.contains("clients.csv.rejects.csv"))
        let rejects = try String(contentsOfFile: clients + ".rejects.csv", encoding: .utf8)
        #expect(rejects.contains("3,contract,\"contract 'mixto' is not one of saas, on_premise\",K2,Alcaldía,mixto"))

        let again = try BuiltBinary.run(["import", "--db", database, "--cases", cases])
        #expect(again.status == 0, "\(again.standardError)")
        #expect(again.standardError.contains("1 rows read = 1 accepted + 0 rejected"))
    }

    @Test func usageErrorsExitTwo() throws {
        let folder = try TemporaryDirectory()
        #expect(try BuiltBinary.run(["import", "--db", folder.path + "/x.sqlite"]).status == 2)
        let missing = try BuiltBinary.run(["import", "--db", folder.path + "/x.sqlite", "--events", folder.path + "/none.csv"])
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("none.csv: no such file"))
    }
}
