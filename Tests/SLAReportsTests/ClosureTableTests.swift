import Foundation
import SLACore
import SLAReports
import SLATestSupport
import Testing

/// `closures.csv` written a closure at a time is the text `ClosureTable.csv` makes of the same
/// closures, byte for byte — across the megabytes it writes at a time, with fields to quote.
@Suite struct ClosureTableTests {
    static func closures(_ count: Int) -> [CaseClosure] {
        let base = Instant.bogota("2026-01-05T18:00").secondsSince1970
        return (0..<count).map { index in
            let caseID = index % 97 == 0 ? "C\(index), \"urgente\"" : index % 89 == 0 ? "Ñandú-\(index)\nbis" : "C\(index)"
            return CaseClosure(
                caseID: caseID, clientID: index % 5 == 0 ? "K,\(index % 7)" : "K\(index % 7)",
                solvedAt: Instant(secondsSince1970: base + Int64(index) * 60),
                deadline: Instant(secondsSince1970: base + Int64(index) * 60 + 5 * 86_400),
                closedAt: Instant(secondsSince1970: base + Int64(index) * 60 + 5 * 86_400))
        }
    }

    @Test(arguments: [0, 1, 40_000])
    func writtenAClosureAtATimeIsTheTable(count: Int) throws {
        let folder = try TemporaryDirectory()
        let closures = Self.closures(count)
        let path = folder.path + "/closures.csv"
        var handed = 0
        try ClosureTable.write(to: path) { row in
            for closure in closures {
                guard row(closure) else { return }
                handed += 1
            }
        }
        #expect(handed == count)
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(written == Data(ClosureTable.csv(closures).utf8))
        if count == 40_000 { #expect(written.count > 2 << 20) }  // more than one megabyte at a time
    }
}
