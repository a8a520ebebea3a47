import SLACore
import SLATestSupport
import Testing

/// Hand-computed due instants and elapsed times on the built-in calendar.
@Suite struct BusinessClockTests {
    let clock = TestCalendars.businessClock

    static let dueExamples: [(String, Double, String)] = [
        // Window edges: a due instant on the window's end is that end, not the next opening.
        ("2026-11-13T17:00", 1.0, "2026-11-13T18:00:00-05:00"),
        ("2026-11-23T07:30", 10.5, "2026-11-23T18:00:00-05:00"),
        ("2026-11-17T10:00", 8.0, "2026-11-17T18:00:00-05:00"),
        ("2026-11-23T17:59:59", 0.0, "2026-11-23T17:59:59-05:00"),
        // Friday evening, a weekend and Monday 16 November (Independencia de Cartagena).
        ("2026-11-13T17:00", 2.0, "2026-11-17T08:30:00-05:00"),
        ("2026-11-13T18:00", 0.5, "2026-11-17T08:00:00-05:00"),
        ("2026-11-14T10:00", 1.0, "2026-11-17T08:30:00-05:00"),
        ("2026-11-15T23:00", 10.5, "2026-11-17T18:00:00-05:00"),
        // Before the opening counts from the opening.
        ("2026-11-23T07:29:59", 1.0, "2026-11-23T08:30:00-05:00"),
        ("2026-11-23T00:00", 0.25, "2026-11-23T07:45:00-05:00"),
        // Holy Week 2026: Thursday 2 and Friday 3 April.
        ("2026-04-01T17:00", 8.0, "2026-04-06T14:30:00-05:00"),
        // Year end: 1 January 2027 is a Friday holiday.
        ("2026-12-31T17:00", 2.0, "2027-01-04T08:30:00-05:00"),
        // 8 December 2026 is a Tuesday holiday.
        ("2026-12-07T17:00", 10.5, "2026-12-09T17:00:00-05:00"),
        // 96 hours, the longest matrix target: nine full days and 1.5 hours, over two weekends and
        // Monday 16 November (counting from Tuesday 10 November 07:30).
        ("2026-11-10T07:30", 96.0, "2026-11-24T09:00:00-05:00"),
        // Ley 2578 de 2026: Monday 13 July 2026 is closed; Monday 14 July 2025 was not.
        ("2026-07-10T17:00", 2.0, "2026-07-14T08:30:00-05:00"),
        ("2025-07-11T17:00", 2.0, "2025-07-14T08:30:00-05:00"),
        // 29 June 2025: two holidays on one Monday close it once.
        ("2025-06-27T17:00", 2.0, "2025-07-01T08:30:00-05:00")
    ]

    static let elapsedExamples: [(String, String, Int64)] = [
        ("2026-11-13T17:00", "2026-11-17T08:30", 7_200),
        ("2026-11-23T00:00", "2026-11-30T00:00", 189_000),  // 5 × 37,800
        ("2026-11-09T00:00", "2026-11-23T00:00", 340_200),  // 9 × 37,800
        ("2026-11-14T00:00", "2026-11-17T00:00", 0),
        ("2026-11-23T18:00", "2026-11-24T07:30", 0),
        ("2026-11-23T12:00", "2026-11-23T12:00", 0),
        ("2026-11-23T12:00", "2026-11-23T11:00", 0),
        ("2026-11-23T07:30", "2026-11-23T07:30:01", 1),
        ("2026-11-23T17:59:59", "2026-11-23T18:00:01", 1),
        ("2026-01-01T00:00", "2027-01-01T00:00", 9_147_600)  // 261 weekdays − 19 holidays = 242 × 37,800
    ]

    @Test(arguments: dueExamples)
    func dueInstant(from: String, hours: Double, expected: String) throws {
        let due = try clock.dueInstant(from: .bogota(from), after: Int64(hours * 3600))
        #expect(due.description == expected)
        if hours > 0 {
            #expect(try clock.elapsedSeconds(from: .bogota(from), to: due) == Int64(hours * 3600))
        }
    }

    @Test(arguments: elapsedExamples)
    func elapsed(from: String, to: String, expected: Int64) throws {
        #expect(try clock.elapsedSeconds(from: .bogota(from), to: .bogota(to)) == expected)
    }

    @Test func theRangeIsEnforced() throws {
        // 31 December 2100 is a Friday: its afternoon counts, up to the very end of the range.
        #expect(try clock.elapsedSeconds(from: .bogota("2100-12-31T12:00"), to: .bogota("2101-01-01T00:00")) == 21_600)
        #expect(throws: ClockRangeError.self) {
            try clock.elapsedSeconds(from: .bogota("2026-01-01T00:00"), to: .bogota("2101-01-01T00:00:01"))
        }
        #expect(throws: ClockRangeError.self) {
            try clock.elapsedSeconds(from: .bogota("1983-12-31T23:59:59"), to: .bogota("1984-01-02T00:00"))
        }
        #expect(throws: ClockRangeError.self) { try clock.dueInstant(from: .bogota("2100-12-29T08:00"), after: 400_000) }
        #expect(try clock.dueInstant(from: .bogota("1984-01-02T07:30"), after: 60).description == "1984-01-02T07:31:00-05:00")
    }

    @Test func theTwentyFourSevenClockCountsEverySecond() throws {
        let clock = SLAClock.twentyFourSeven
        #expect(
            try clock.dueInstant(from: .bogota("2026-11-13T22:00"), after: 4 * 3600).description
                == "2026-11-14T02:00:00-05:00")
        #expect(try clock.elapsedSeconds(from: .bogota("2026-11-14T22:00"), to: .bogota("2026-11-16T22:00")) == 172_800)
        #expect(try clock.elapsedSeconds(from: .bogota("2026-11-16T22:00"), to: .bogota("2026-11-14T22:00")) == 0)
    }

    @Test func organisationDaysCloseTheDesk() throws {
        let standard = TestCalendars.standard
        let calendar = BusinessCalendar(
            holidays: HolidayCalendar(
                rules: standard.holidayCalendar.rules,
                organisationDays: [Holiday(date: .ymd("2026-12-24"), name: "Nochebuena", origin: .organisation)]),
            window: standard.window)
        let due = try BusinessClock(calendar: calendar).dueInstant(from: .bogota("2026-12-23T17:00"), after: 7200)
        #expect(due.description == "2026-12-28T08:30:00-05:00")
        #expect(calendar.holidays(on: .ymd("2026-12-24")).map(\.name) == ["Nochebuena"])
        #expect(!calendar.isBusinessDay(.ymd("2026-12-24")))
        #expect(calendar.isBusinessDay(.ymd("2026-12-23")))
    }
}
