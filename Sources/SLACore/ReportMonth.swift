/// A calendar month of Bogotá time, the period of a KAM report (SPEC §8).
public struct ReportMonth: Hashable, Sendable, Comparable, CustomStringConvertible {
    package let year: Int
    package let month: Int

    /// A month of the calendar (SPEC §2, 1984-01 to 2100-12), or nil: a report of any other month
    /// has no business hours to count.
    package init?(year: Int, month: Int) {
        guard (1...12).contains(month), CalendarCoverage.years.contains(year) else { return nil }
        self.year = year
        self.month = month
    }

    /// `YYYY-MM`, as `--month` takes it.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1])
        else { return nil }
        self.init(year: year, month: month)
    }

    /// The month `instant` falls in, Bogotá time (any instant: the month after the calendar's
    /// last is a month too, the end of the last report).
    package init(containing instant: Instant) {
        let date = instant.localDate
        self.init(unchecked: date.year, date.month)
    }

    private init(unchecked year: Int, _ month: Int) {
        self.year = year
        self.month = month
    }

    package var firstDay: LocalDate { LocalDate(firstOfMonth: month, of: year) }
    /// The month's last day.
    package var lastDay: LocalDate { next.firstDay.adding(days: -1) }
    /// 00:00 of the first day, Bogotá time: the month is `[start, end)`.
    package var start: Instant { Instant(firstDay) }
    /// The first instant of the following month: the instant its report is evaluated as of.
    package var end: Instant { next.start }

    package var next: ReportMonth { month == 12 ? ReportMonth(unchecked: year + 1, 1) : ReportMonth(unchecked: year, month + 1) }
    package var previous: ReportMonth {
        month == 1 ? ReportMonth(unchecked: year - 1, 12) : ReportMonth(unchecked: year, month - 1)
    }

    /// Whether the month is one of the calendar's, so that its report can be computed.
    package var isInsideCalendar: Bool { CalendarCoverage.years.contains(year) }

    package func contains(_ instant: Instant) -> Bool { start <= instant && instant < end }

    public var description: String { "\(zeroPadded(year, 4))-\(zeroPadded(month, 2))" }

    /// The months' names in Spanish, January first.
    package static let spanishMonthNames = [
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
        "septiembre", "octubre", "noviembre", "diciembre"
    ]

    /// The month's name in Spanish, for titles: `octubre de 2026`.
    package var spanishName: String {
        "\(Self.spanishMonthNames[(month - 1) % 12]) de \(year)"
    }

    public static func < (lhs: ReportMonth, rhs: ReportMonth) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }
}
