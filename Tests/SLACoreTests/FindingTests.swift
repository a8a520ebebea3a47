import SLACore
import Testing

/// One located finding for every kind of problem: how each place is said.
@Suite struct FindingTests {
    @Test func eachPlaceIsSaidAsBefore() {
        let file = Finding(file: "policy.yaml", line: 3, column: 5, reason: "unknown key 'p5'")
        #expect(file.description == "policy.yaml:3:5: unknown key 'p5'")
        #expect((file.file, file.line, file.column) == ("policy.yaml", 3, 5))
        #expect(file.severity == .error)

        let row = Finding(.file(path: "cases.csv", line: 12), field: "created_at", "created_at is required")
        #expect(row.description == "cases.csv:12: created_at: created_at is required")
        #expect(row.column == 0 && row.field == "created_at")

        let serviceCase = Finding(.serviceCase(id: "C7\n"), field: "impact", "impact is missing")
        #expect(serviceCase.description == "case C7\\u{A}: impact: impact is missing")
        #expect(serviceCase.file.isEmpty && serviceCase.line == 0)

        #expect(Finding(.kam(id: "ana"), "no report").description == "KAM ana: no report")
        #expect(Finding(.client(id: "C1"), "no name").description == "client C1: no name")
        #expect(Finding(.message(key: "daily 2026-11-24"), "not sent").description == "message daily 2026-11-24: not sent")
    }

    @Test func aRowsFindingIsPlacedByTheImport() {
        let unplaced = Finding(field: "at", reason: "at is required")
        #expect(unplaced.source == .unplaced)
        #expect(unplaced.description == "at: at is required")
        let placed = unplaced.placed(at: .file(path: "events.csv", line: 4))
        #expect(placed.description == "events.csv:4: at: at is required")
        #expect(placed.line == 4)
    }

    @Test func aWarningAndARemedy() {
        let warning = Finding(
            file: "policy.yaml", line: 9, column: 5, reason: "the agreement 'X' can never apply",
            remedy: "move it before the agreements that cover its dates", severity: .warning)
        #expect(warning.severity == .warning)
        #expect(warning.explanation == "the agreement 'X' can never apply: move it before the agreements that cover its dates")
        #expect(warning.description == "policy.yaml:9:5: " + warning.explanation)
        #expect(warning != Finding(file: "policy.yaml", line: 9, column: 5, reason: warning.reason, remedy: warning.remedy))
    }
}
