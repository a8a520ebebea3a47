/// One line of the holiday rules file: which date a holiday falls on, in which years, and its name.
public struct HolidayRule: Hashable, Sendable {
    /// How the date of the holiday is found in a given year.
    public enum DateRule: Hashable, Sendable {
        /// Always on this month and day (1 January, 20 July).
        case fixed(month: Int, day: Int)
        /// This month and day, moved to the following Monday when it is not a Monday (Ley 51 de 1983).
        case nextMonday(month: Int, day: Int)
        /// Easter Sunday plus this many days (Jueves Santo is −3).
        case easter(offset: Int)
        /// Easter Sunday plus this many days, moved to the following Monday when it is not a Monday
        /// (Ascensión, Corpus Christi, Sagrado Corazón under Ley 51 de 1983).
        case easterNextMonday(offset: Int)
    }

    public var dateRule: DateRule
    /// The years in which the rule is in force (the law's first year, and its last if it was repealed).
    public var years: ClosedRange<Int>
    /// The holiday's official Spanish name, as the CSV and the reports print it.
    public var name: String

    package init(dateRule: DateRule, years: ClosedRange<Int>, name: String) {
        self.dateRule = dateRule
        self.years = years
        self.name = name
    }

    /// The date of the holiday in `year`, or `nil` when the rule is not in force that year
    /// (or names 29 February in a common year).
    public func date(in year: Int) -> LocalDate? {
        guard years.contains(year) else { return nil }
        switch dateRule {
        case .fixed(let month, let day):
            return LocalDate(year: year, month: month, day: day)
        case .nextMonday(let month, let day):
            return LocalDate(year: year, month: month, day: day).map(Self.onOrAfterMonday)
        case .easter(let offset):
            return Easter.sunday(of: year).adding(days: offset)
        case .easterNextMonday(let offset):
            return Self.onOrAfterMonday(Easter.sunday(of: year).adding(days: offset))
        }
    }

    /// The date itself when it is a Monday, else the next Monday.
    static func onOrAfterMonday(_ date: LocalDate) -> LocalDate {
        let weekday = date.weekday.rawValue
        return weekday == 1 ? date : date.adding(days: 8 - weekday)
    }
}

/// A non-working date with the name of why it is one.
public struct Holiday: Hashable, Sendable, CustomStringConvertible {
    /// A public holiday by law, or a day off the organisation added.
    public enum Origin: String, Hashable, Sendable {
        case law
        case organisation
    }

    public var date: LocalDate
    public var name: String
    public var origin: Origin

    package init(date: LocalDate, name: String, origin: Origin) {
        self.date = date
        self.name = name
        self.origin = origin
    }

    public var description: String { "\(date) \(name)" }
}
