import SLATestSupport
import Testing

/// Months, dates, instants and hours are read with the options, and refused — alone or in a
/// combination the command cannot do — before anything is read: exit 2, the message alone on one
/// log line (no usage text after it), the same message as when `run()` made the check.
@Suite struct OptionValueTests {
    @Test(arguments: [
        (
            ["report", "--month", "2026-13"],
            "--month 2026-13 is not a month of the calendar: write it YYYY-MM, from 1984-01 to 2100-12, e.g. 2026-10"
        ),
        (
            ["verify", "--month", "1983-01"],
            "--month 1983-01 is not a month of the calendar: write it YYYY-MM, from 1984-01 to 2100-12, e.g. 2026-10"
        ),
        (["deliver", "--month", "x"], "--month 'x' is not a month YYYY-MM of the calendar, e.g. 2026-10"),
        (["deliver", "--date", "2026-02-30"], "--date '2026-02-30' is not a date YYYY-MM-DD of the calendar"),
        (
            ["deliver", "--date", "2026-01-01", "--month", "2026-01"],
            "--date and --month choose different messages: give one of them"
        ),
        (["deliver", "--resend"], "--resend sends delivered messages again: say which with --date D or --month M"),
        (["policy", "check", "--on", "2026/01/01"], "--on '2026/01/01' is not a date YYYY-MM-DD"),
        (["policy", "check", "--on", "1983-01-01"], "--on '1983-01-01' is outside the calendar, which covers 1984 to 2100"),
        (
            ["export", "--as-of", "1983-01-01", "--db", "/nonexistent/sla.sqlite"],
            "--as-of 1983-01-01T00:00:00-05:00 is outside the calendar, which covers 1984-01-01 to 2100-12-31 (Bogotá time)"
        ),
        (
            ["calendar", "elapsed", "--from", "2026-11-13T17:00", "--to", "2026-11-12T17:00"],
            "--to 2026-11-12T17:00 is before --from 2026-11-13T17:00"
        ),
        (
            ["calendar", "due", "--from", "2026-11-13T17:00", "--hours", "0.0001"],
            "--hours '0.0001' is not a whole number of seconds"
        )
    ])
    func aValueOrCombinationThatCannotBeUsedIsExitTwoWithItsMessageAlone(arguments: [String], message: String) throws {
        let result = try BuiltBinary.run(arguments)
        #expect(result.status == 2)
        #expect(result.standardOutput.isEmpty)
        let lines = result.standardError.split(separator: "\n")
        #expect(lines.count == 1, "\(result.standardError)")
        #expect(lines.first?.hasSuffix(" error sla: " + message) == true, "\(result.standardError)")
    }

    @Test func aValueThatReadsIsUsed() throws {
        let result = try BuiltBinary.run(["calendar", "due", "--from", "2026-11-13T17:00", "--hours", "0.5"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "2026-11-13T17:30:00-05:00\n")
    }
}
