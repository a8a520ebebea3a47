import Foundation
import SLATestSupport
import Testing

@Suite struct DemoCommandTests {
    @Test func theDemoIsDeterministicAndNeverReplacesARealDatabase() throws {
        let folder = try TemporaryDirectory()
        let first = try BuiltBinary.run(["demo", "--db", "demo.sqlite", "--cases", "120", "--reports", "out"], in: folder.path)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardOutput.contains("out/daily/2026-11-23/breaches.xlsx"))
        let status = try String(contentsOfFile: folder.path + "/out/daily/2026-11-23/sla-status.csv", encoding: .utf8)
        let cases = try String(contentsOfFile: folder.path + "/demo-data/cases.csv", encoding: .utf8)
        #expect(cases.split(separator: "\n").count == 121)

        let again = try BuiltBinary.run(["demo", "--db", "demo.sqlite", "--cases", "120", "--reports", "out"], in: folder.path)
        #expect(again.status == 0)
        #expect(try String(contentsOfFile: folder.path + "/out/daily/2026-11-23/sla-status.csv", encoding: .utf8) == status)

        _ = try BuiltBinary.run(
            ["import", "--db", "real.sqlite", "--clients", folder.write("c.csv", SmallFixture.clients)],
            in: folder.path)
        let refused = try BuiltBinary.run(["demo", "--db", "real.sqlite"], in: folder.path)
        #expect(refused.status == 2)
        #expect(refused.standardError.contains("was not made by sla demo"))
    }
}
