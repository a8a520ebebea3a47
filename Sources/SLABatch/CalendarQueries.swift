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
        let start = try parseTimestamp(from, option: "--from")
        let seconds = try parseHours(hours)
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
        let start = try parseTimestamp(from, option: "--from")
        let end = try parseTimestamp(to, option: "--to")
        guard start <= end else { throw SLAError(.invalidOption, "--to \(to) is before --from \(from)") }
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
            throw SLAError(.invalidOption, """
                years \(years.lowerBound)–\(years.upperBound) are outside the calendar, which covers \
                \(calendar.years.lowerBound)–\(calendar.years.upperBound) (Ley 51 de 1983 applies from 1984)
                """)
        }
    }

    /// An option's timestamp, or a usage error that shows the accepted forms.
    public static func parseTimestamp(_ text: String, option: String) throws(SLAError) -> Instant {
        do {
            return try Timestamp.parse(text)
        } catch {
            throw SLAError(.invalidOption, "\(option) '\(text)': \(error)", underlying: error)
        }
    }

    /// A number of hours (`4`, `0.5`, `96`) as whole seconds; hours that are not a whole number of
    /// seconds are refused rather than rounded.
    package static func parseHours(_ text: String) throws(SLAError) -> Int64 {
        guard let seconds = DecimalText.seconds(ofHours: text) else {
            throw SLAError(.invalidOption, "--hours '\(text)': expected a number of hours such as 4, 0.5 or 96")
        }
        guard seconds.whole else { throw SLAError(.invalidOption, "--hours '\(text)' is not a whole number of seconds") }
        return seconds.value
    }
}
