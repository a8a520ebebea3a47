import Foundation
import SLATestSupport
import Testing

@Suite struct ExplainCommandTests {
    @Test func explainsDayByDayWithHolidaysAndPausesNamed() throws {
        let folder = try TemporaryDirectory()
        let database = try SmallFixture.importedDatabase(in: folder)
        let c2 = try BuiltBinary.run(["explain", "C2", "--db", database, "--as-of", "2026-11-23T14:30"])
        #expect(c2.status == 0, "\(c2.standardError)")
        for line in [
            "    2026-11-14 Sat  weekend, not counted",
            "    2026-11-16 Mon  holiday, not counted: Independencia de Cartagena",
            "    2026-11-17 Tue  07:30–18:00  37800 s",
            "    2026-11-23 Mon  07:30–14:30  25200 s",
            "Elapsed  176400 s (49:00:00) of 14400 s (4:00:00)",
            "Due      2026-11-17T11:30:00-05:00",
            "State    breached; suggested escalation 3 (director of customer experience)",
            "  assignee -, group -",
            "  support level 1 (never escalated)"
        ] {
            #expect(c2.standardOutput.contains(line + "\n"), "\(line)\n\(c2.standardOutput)")
        }
        #expect(
            c2.standardOutput.contains(
                """
                  terms: default terms (for client K2, registered 2026-11-14)
                    P1: saas 4 h 24x7, on_premise 4 h business
                    P2–P4 on the business clock: urgency alta 8/16/32 h, urgency media 16/32/64 h, urgency baja 32/64/96 h \
                (impact alta/media/baja)
                    at risk from 75 % of the target; 5 business days to accept a solution; compliance target none

                """), "\(c2.standardOutput)")
        let c6 = try BuiltBinary.run(["explain", "C6", "--db", database, "--as-of", "2026-11-23T14:30"])
        #expect(
            c6.standardOutput.contains(
                "  2026-11-23T09:00:00-05:00 → 2026-11-23T14:30:00-05:00  19800 s (5:30:00) of clock time, still waiting at as-of\n"
            ))
        #expect(c6.standardOutput.contains("State    paused\n"))

        let c5 = try BuiltBinary.run(["explain", "C5", "--db", database, "--as-of", "2026-11-23T14:30"])
        #expect(
            c5.standardOutput.contains(
                """
                Acceptance periods (5 business days to validate a solution, until the close of business day 5 after it):
                  solved 2026-11-20T09:00:00-05:00 (#1), closure deadline 2026-11-27T18:00:00-05:00: ended by closed at \
                2026-11-20T10:00:00-05:00 (#2), no automatic closure

                """), "\(c5.standardOutput)")

        let unknown = try BuiltBinary.run(["explain", "C99", "--db", database])
        #expect(unknown.status == 2)
        #expect(unknown.standardError.contains("no case C99"))
    }
}
