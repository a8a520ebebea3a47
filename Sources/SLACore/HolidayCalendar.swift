/// Every non-working date by name: the public holidays the rules give for a year, and the
/// organisation's own days off.
public struct HolidayCalendar: Hashable, Sendable {
    package var rules: [HolidayRule]
    package var organisationDays: [Holiday]

    public init(rules: [HolidayRule], organisationDays: [Holiday] = []) {
        self.rules = rules
        self.organisationDays = organisationDays
    }

    /// The holidays of `year` by date; on a date with two holidays, both, in the order of the rules
    /// file, and the organisation's days after the law's.
    public func holidays(in year: Int) -> [Holiday] {
        var result = rules.compactMap { rule in
            rule.date(in: year).map { Holiday(date: $0, name: rule.name, origin: .law) }
        }
        result += organisationDays.filter { $0.date.year == year }
        // Stable by construction: sort by date only, keeping file order within a date.
        return result.enumerated()
            .sorted { $0.element.date != $1.element.date ? $0.element.date < $1.element.date : $0.offset < $1.offset }
            .map(\.element)
    }
}
