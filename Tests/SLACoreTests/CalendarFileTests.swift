import SLACore
import SLATestSupport
import Testing

@Suite struct CalendarFileTests {
    @Test func readsEveryRuleKindWithYearsAndNames() throws {
        let rules = try HolidayRulesFile.parse(
            """
            \u{FEFF}# comment
            fixed 07-20 1984+ Día de la Independencia   # trailing comment
              next-monday   11-11   1984-2030   Independencia de Cartagena\r
            easter -2 2026 Viernes Santo
            easter-next-monday +39 1984+ Ascensión del Señor
            """, file: "h.txt")
        #expect(
            rules == [
                HolidayRule(dateRule: .fixed(month: 7, day: 20), years: 1984...9999, name: "Día de la Independencia"),
                HolidayRule(dateRule: .nextMonday(month: 11, day: 11), years: 1984...2030, name: "Independencia de Cartagena"),
                HolidayRule(dateRule: .easter(offset: -2), years: 2026...2026, name: "Viernes Santo"),
                HolidayRule(dateRule: .easterNextMonday(offset: 39), years: 1984...9999, name: "Ascensión del Señor")
            ])
        #expect(rules[1].date(in: 2031) == nil)
        #expect(rules[1].date(in: 2026) == .ymd("2026-11-16"))
    }

    @Test(arguments: [
        ("fixd 01-01 1984+ Año Nuevo", 2, 1, "unknown rule 'fixd'"),
        ("fixed 1-1 1984+ Año Nuevo", 2, 7, "'1-1' is not a month and day"),
        ("fixed 02-30 1984+ Nada", 2, 7, "'02-30' is not a month and day"),
        ("easter x 1984+ Jueves", 2, 8, "not a number of days"),
        ("easter +300 1984+ Jueves", 2, 8, "not a number of days"),
        ("fixed 01-01 1984 - Año Nuevo", 2, 1, ""),
        ("fixed 01-01 84+ Año Nuevo", 2, 13, "'84+' is not a year range"),
        ("fixed 01-01 2030-2020 Año Nuevo", 2, 13, "is not a year range"),
        ("fixed 01-01 1984+", 2, 18, "expected four fields")
    ])
    func rejectsMalformedRulesWithThePlace(line: String, lineNumber: Int, column: Int, reason: String) {
        do {
            let rules = try HolidayRulesFile.parse("# rules\n\(line)\n", file: "h.txt")
            // "1984 - Año Nuevo" reads as the name "- Año Nuevo" of a 1984-only rule: allowed.
            #expect(reason.isEmpty, "accepted \(rules)")
        } catch {
            #expect(!reason.isEmpty, "\(error)")
            #expect(error.file == "h.txt")
            #expect(error.line == lineNumber)
            #expect(error.column == column)
            #expect(error.reason.contains(reason), "\(error)")
        }
    }

    @Test func anEmptyRulesFileIsAnError() {
        #expect(throws: Finding.self) { try HolidayRulesFile.parse("# nothing\n", file: "h.txt") }
    }

    @Test func readsOrganisationDays() throws {
        let days = try OrganisationDaysFile.parse("2026-12-24   Nochebuena (día libre)\n# x\n", file: "o.txt")
        #expect(days == [Holiday(date: .ymd("2026-12-24"), name: "Nochebuena (día libre)", origin: .organisation)])
        #expect(
            throws: Finding(
                file: "o.txt", line: 1, column: 1,
                reason: "'2026-12-32' is not a date as YYYY-MM-DD (e.g. 2026-12-24)")
        ) {
            try OrganisationDaysFile.parse("2026-12-32 Nada\n", file: "o.txt")
        }
        #expect(throws: Finding.self) { try OrganisationDaysFile.parse("2026-12-24\n", file: "o.txt") }
    }

    @Test func readsTheServiceWindow() throws {
        let window = try ServiceWindowFile.parse(
            "monday 07:30 18:00\nSaturday 08:00 12:00:30\nsunday 00:00 24:00\n", file: "w.txt")
        #expect(window.hours(on: .monday) == .init(opens: 27_000, closes: 64_800))
        #expect(window.hours(on: .saturday) == .init(opens: 28_800, closes: 43_230))
        #expect(window.hours(on: .sunday) == .init(opens: 0, closes: 86_400))
        #expect(window.hours(on: .tuesday) == nil)
    }

    @Test(arguments: [
        ("mon 07:30 18:00", 1, "'mon' is not a weekday"),
        ("monday 7:30 18:00", 8, "'7:30' is not a time"),
        ("monday 18:00 07:30", 14, "closes (07:30) before it opens (18:00)"),
        ("monday 07:30 24:01", 14, "'24:01' is not a time"),
        ("monday 07:30", 1, "expected a weekday, an opening and a closing time"),
        ("monday 07:30 18:00\nmonday 08:00 17:00", 1, "monday is listed twice"),
        ("# closed all week", 1, "no weekday has service hours")
    ])
    func rejectsMalformedWindows(text: String, column: Int, reason: String) {
        do {
            _ = try ServiceWindowFile.parse(text, file: "w.txt")
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.column == column, "\(error)")
            #expect(error.reason.contains(reason), "\(error)")
        }
    }

    @Test func theBuiltInWindowIsTheSPECs() {
        #expect(TestCalendars.standard.window == .standard)
    }
}
