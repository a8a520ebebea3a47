/// Reads the organisation's own non-working days (`calendars/organisation-days.txt`): a decreed civic
/// day, a company day off. One date a line, `YYYY-MM-DD name`.
public enum OrganisationDaysFile {
    public static func parse(_ text: String, file: String) throws(Finding) -> [Holiday] {
        var days: [Holiday] = []
        for line in CalendarFileLine.lines(of: text) {
            let dateField = line.fields[0]
            guard let date = LocalDate(iso8601: dateField.text) else {
                throw Finding(
                    file: file, line: line.number, column: dateField.column,
                    reason: "'\(dateField.text)' is not a date as YYYY-MM-DD (e.g. 2026-12-24)")
            }
            guard line.fields.count >= 2 else {
                throw Finding(
                    file: file, line: line.number, column: dateField.column + dateField.text.count,
                    reason: "expected a name after the date (e.g. '2026-12-24 Nochebuena')")
            }
            days.append(Holiday(date: date, name: String(line.rest(1)), origin: .organisation))
        }
        return days
    }
}

extension LocalDate {
    /// A date written `YYYY-MM-DD`, or `nil`.
    public init?(iso8601 text: Substring) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }
}
