import SLATestSupport
import Testing

/// The built `sla` binary, run as an operator would: output, messages and exit statuses (SPEC §9).
@Suite struct CalendarCommandTests {
    @Test func printsTheHolidaysOfAYearAsCSV() throws {
        let result = try BuiltBinary.run(["calendar", "holidays", "--year", "2025"])
        #expect(result.status == 0)
        let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "date,name")
        #expect(lines.count == 1 + 18 + 1)  // header, 18 rows, the final newline
        #expect(lines.contains("2025-06-30,Sagrado Corazón de Jesús"))
        #expect(lines.contains("2025-06-30,San Pedro y San Pablo"))
        #expect(result.standardError.isEmpty)
    }

    @Test func printsARangeOfYears() throws {
        let result = try BuiltBinary.run(["calendar", "holidays", "--year", "1984", "--to", "2100"])
        #expect(result.status == 0)
        // 18 holidays a year 1984–2025, 19 from 2026 (Ley 2578 de 2026).
        #expect(result.standardOutput.split(separator: "\n").count == 1 + 42 * 18 + 75 * 19)
    }

    @Test(arguments: [
        (["calendar", "due", "--from", "2026-11-13T17:00", "--hours", "2"], "2026-11-17T08:30:00-05:00\n"),
        (["calendar", "due", "--from", "2026-11-13T17:00:00-05:00", "--hours", "1"], "2026-11-13T18:00:00-05:00\n"),
        (
            ["calendar", "due", "--from", "2026-11-14T03:00:00Z", "--hours", "4", "--clock", "24x7"],
            "2026-11-14T02:00:00-05:00\n"
        ),
        (["calendar", "elapsed", "--from", "2026-11-13T17:00", "--to", "2026-11-17T08:30"], "7200\n"),
        (["calendar", "elapsed", "--from", "2026-11-13", "--to", "2026-11-14", "--clock", "24x7"], "86400\n")
    ])
    func answersClockQueries(arguments: [String], output: String) throws {
        let result = try BuiltBinary.run(arguments)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == output)
    }

    @Test(arguments: [
        (["calendar", "due", "--from", "13/11/2026 17:00", "--hours", "2"], "accepted forms: 2026-11-13T17:00:00-05:00"),
        (["calendar", "due", "--from", "2026-11-13T17:00", "--hours", "two"], "--hours 'two'"),
        (["calendar", "due", "--from", "2026-11-13T17:00", "--hours", "2", "--clock", "weekly"], "weekly"),
        (["calendar", "elapsed", "--from", "2026-11-13T17:00", "--to", "2026-11-12T17:00"], "is before --from"),
        (["calendar", "holidays", "--year", "1983"], "outside the calendar"),
        (["calendar", "holidays", "--year", "2026", "--to", "2025"], "is before --year"),
        (["calendar", "holidays"], "--year"),
        (["calendar", "holidays", "--year", "2026", "--calendars", "/nonexistent"], "no such folder"),
        (["nightly-typo"], "nightly-typo")
    ])
    func usageErrorsExitTwoWithAMessage(arguments: [String], message: String) throws {
        let result = try BuiltBinary.run(arguments)
        #expect(result.status == 2)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains(message), "\(result.standardError)")
    }

    @Test func aMalformedCalendarFileExitsTwoNamingFileAndLine() throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write("colombia-holidays.txt", "fixed 01-01 1984+ Año Nuevo\nmovable 03-19 1984+ San José\n")
        let result = try BuiltBinary.run(["calendar", "holidays", "--year", "2026", "--calendars", folder.path])
        #expect(result.status == 2)
        #expect(result.standardError.contains("\(path):2:1: unknown rule 'movable'"), "\(result.standardError)")
    }

    @Test func helpAndVersionExitZero() throws {
        let version = try BuiltBinary.run(["--version"])
        #expect(version.status == 0)
        #expect(version.standardOutput.hasPrefix("sla "))
        for command in [
            ["--help"], ["calendar", "--help"], ["calendar", "holidays", "--help"],
            ["calendar", "due", "--help"], ["calendar", "elapsed", "--help"]
        ] {
            let help = try BuiltBinary.run(command)
            #expect(help.status == 0, "\(command)")
            #expect(help.standardOutput.contains("USAGE"), "\(command)")
        }
    }
}
