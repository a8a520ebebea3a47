public import SLACore

/// `sla calendar …`: the calendar and the clocks, so an operator can check a due date by hand.
public enum CalendarQueries {
    /// CSV `date,name`, one row per holiday of each year (two holidays on one date are two rows).
    public static func holidaysCSV(calendar: BusinessCalendar, years: ClosedRange<Int>) throws(SLAError) -> String {
        try checkSupported(years, calendar: calendar)
        var csv = CSVWriter(header: ["date", "name"])
        for year in years {
            for holiday in calendar.holidayCalendar.holidays(in: year) {
                csv.appendRow([holiday.date.description, holiday.name])
            }
        }
        return csv.text
    }

    /// The due instant of `hours` on `clock` from `from`, as an ISO 8601 Bogotá timestamp.
    public static func due(calendar: BusinessCalendar, from: String, hours: String, clock: ClockKind) throws(SLAError)
        -> String
    {
        try due(
            calendar: calendar, from: try parseTimestamp(from, what: "the start"), seconds: try parseHours(hours),
            clock: clock)
    }

    /// The due instant of `seconds` on `clock` from `start`, as an ISO 8601 Bogotá timestamp.
    public static func due(calendar: BusinessCalendar, from start: Instant, seconds: Int64, clock: ClockKind)
        throws(SLAError) -> String
    {
        do {
            return try slaClock(clock, calendar).dueInstant(from: start, after: seconds).description
        } catch {
            throw SLAError(.invalidOption, error.description, underlying: error)
        }
    }

    /// The seconds counted on `clock` between two instants.
    public static func elapsed(calendar: BusinessCalendar, from: String, to: String, clock: ClockKind) throws(SLAError)
        -> String
    {
        let start = try parseTimestamp(from, what: "the start")
        let end = try parseTimestamp(to, what: "the end")
        guard start <= end else { throw SLAError(.invalidOption, "the end \(to) is before the start \(from)") }
        return try elapsed(calendar: calendar, from: start, to: end, clock: clock)
    }

    /// The seconds counted on `clock` from `start` to `end` (not before it).
    public static func elapsed(calendar: BusinessCalendar, from start: Instant, to end: Instant, clock: ClockKind)
        throws(SLAError) -> String
    {
        do {
            return String(try slaClock(clock, calendar).elapsedSeconds(from: start, to: end))
        } catch {
            throw SLAError(.invalidOption, error.description, underlying: error)
        }
    }

    static func slaClock(_ kind: ClockKind, _ calendar: BusinessCalendar) -> SLAClock {
        switch kind {
        case .business: .business(BusinessClock(calendar: calendar))
        case .twentyFourSeven: .twentyFourSeven
        }
    }

    static func checkSupported(_ years: ClosedRange<Int>, calendar: BusinessCalendar) throws(SLAError) {
        guard calendar.years.contains(years.lowerBound), calendar.years.contains(years.upperBound) else {
            throw SLAError(
                .invalidOption,
                """
                years \(years.lowerBound)–\(years.upperBound) are outside the calendar, which covers \
                \(calendar.years.lowerBound)–\(calendar.years.upperBound) (Ley 51 de 1983 applies from 1984)
                """)
        }
    }

    /// A timestamp, or an error that says `what` it is and shows the accepted forms.
    static func parseTimestamp(_ text: String, what: String) throws(SLAError) -> Instant {
        do {
            return try Timestamp.parse(text)
        } catch {
            throw SLAError(.invalidOption, "\(what) '\(text)': \(error)", underlying: error)
        }
    }

    /// A number of hours (`4`, `0.5`, `96`) as whole seconds; hours that are not a whole number of
    /// seconds are refused rather than rounded.
    package static func parseHours(_ text: String) throws(SLAError) -> Int64 {
        guard let seconds = DecimalText.seconds(ofHours: text) else {
            throw SLAError(.invalidOption, "hours '\(text)': expected a number of hours such as 4, 0.5 or 96")
        }
        guard seconds.whole else { throw SLAError(.invalidOption, "hours '\(text)' is not a whole number of seconds") }
        return seconds.value
    }
}
