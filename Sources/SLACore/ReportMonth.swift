/// A calendar month of Bogotá time, the period of a KAM report (SPEC §8).
public struct ReportMonth: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init?(year: Int, month: Int) {
        guard (1...12).contains(month), (1...9999).contains(year) else { return nil }
        self.year = year
        self.month = month
    }

    /// `YYYY-MM`, as `--month` takes it.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), let month = Int(parts[1])
        else { return nil }
        self.init(year: year, month: month)
    }

    /// The month `instant` falls in, Bogotá time.
    public init(containing instant: Instant) {
        let date = instant.localDate
        year = date.year
        month = date.month
    }

    public var firstDay: LocalDate { LocalDate(year: year, month: month, day: 1)! }
    /// 00:00 of the first day, Bogotá time: the month is `[start, end)`.
    public var start: Instant { Instant(firstDay) }
    /// The first instant of the following month: the instant its report is evaluated as of.
    public var end: Instant { next.start }

    public var next: ReportMonth { month == 12 ? ReportMonth(year: year + 1, month: 1)! : ReportMonth(year: year, month: month + 1)! }
    public var previous: ReportMonth { month == 1 ? ReportMonth(year: year - 1, month: 12)! : ReportMonth(year: year, month: month - 1)! }

    public func contains(_ instant: Instant) -> Bool { start <= instant && instant < end }

    public var description: String { "\(zeroPadded(year, 4))-\(zeroPadded(month, 2))" }

    /// The month's name in Spanish, for titles: `octubre de 2026`.
    public var spanishName: String {
        let names = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
                     "noviembre", "diciembre"]
        return "\(names[month - 1]) de \(year)"
    }

    public static func < (lhs: ReportMonth, rhs: ReportMonth) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }
}
