/// The stretch of time the calendar covers (SPEC §2): 1984-01-01 00:00 to 2100-12-31 23:59:59
/// Bogotá time — from the first year of Ley 51 de 1983, far enough ahead for any contract.
///
/// An instant outside it has no business hours to count: `sla import` rejects its row, a case
/// that holds one anyway is a data problem, and an `--as-of` or `--month` outside it is refused.
/// Keeping every instant inside it also keeps every sum of seconds far from overflowing.
public enum CalendarCoverage {
    public static let years = 1984...2100
    /// 00:00 of 1 January 1984, Bogotá time.
    package static let start = Instant(LocalDate(firstOfMonth: 1, of: years.lowerBound))
    /// 00:00 of 1 January 2101, Bogotá time: the first instant after the calendar.
    package static let end = Instant(LocalDate(firstOfMonth: 1, of: years.upperBound + 1))

    /// Whether `instant` is inside the calendar.
    package static func contains(_ instant: Instant) -> Bool { start <= instant && instant < end }

    /// Whether `secondsSince1970`, as a database or a file holds it, is an instant inside the
    /// calendar: checked before an `Instant` is made of it.
    package static func contains(secondsSince1970 seconds: Int64) -> Bool {
        start.secondsSince1970 <= seconds && seconds < end.secondsSince1970
    }

    /// Why `asOf` cannot be the as-of of a night, an export or `sla explain`, nil when it can: the
    /// three refuse the same instants with the same words (the command line refuses them first,
    /// naming its option).
    package static func asOfProblem(_ asOf: Instant) -> String? {
        contains(asOf) ? nil : "the as-of \(outsideReason(asOf.description))"
    }

    /// Why `instant` cannot be used, for messages: `1970-01-01T00:00:00-05:00 is outside …`.
    package static func outsideReason(_ description: String) -> String {
        "\(description) is outside the calendar, which covers \(years.lowerBound)-01-01 to \(years.upperBound)-12-31 (Bogotá time)"
    }
}
