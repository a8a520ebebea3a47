/// The hours of each weekday in which the desk works, in Bogotá time; the business clock only
/// counts seconds inside them, and never on a holiday.
public struct ServiceWindow: Hashable, Sendable {
    /// Opening and closing second of the day, `opens` included and `closes` excluded.
    public struct Hours: Hashable, Sendable {
        public var opens: Int
        public var closes: Int

        package init(opens: Int, closes: Int) {
            self.opens = opens
            self.closes = closes
        }

        package var seconds: Int { closes - opens }
    }

    /// The hours of each weekday, indexed by `Weekday.rawValue - 1`; `nil` for a closed day.
    package private(set) var hoursByWeekday: [Hours?]

    package init(_ hours: [Weekday: Hours]) {
        hoursByWeekday = Weekday.allCases.map { hours[$0] }
    }

    public func hours(on weekday: Weekday) -> Hours? { hoursByWeekday[weekday.rawValue - 1] }

    /// Monday to Friday, 07:30 to 18:00, continuous (SPEC §2): 37,800 seconds a day.
    package static let standard = ServiceWindow(
        Dictionary(
            uniqueKeysWithValues: [Weekday.monday, .tuesday, .wednesday, .thursday, .friday].map {
                ($0, Hours(opens: 27_000, closes: 64_800))
            }))
}

/// Reads `calendars/service-window.txt`: one weekday a line, `monday 07:30 18:00`; a weekday not
/// listed is closed.
public enum ServiceWindowFile {
    public static func parse(_ text: String, file: String) throws(Finding) -> ServiceWindow {
        var hours: [Weekday: ServiceWindow.Hours] = [:]
        for line in CalendarFileLine.lines(of: text) {
            func fail(_ column: Int, _ reason: String) -> Finding {
                Finding(file: file, line: line.number, column: column, reason: reason)
            }
            let dayField = line.fields[0]
            guard let weekday = Weekday.allCases.first(where: { $0.name == dayField.text.lowercased() }) else {
                throw fail(dayField.column, "'\(dayField.text)' is not a weekday: expected monday … sunday")
            }
            guard hours[weekday] == nil else { throw fail(dayField.column, "\(weekday.name) is listed twice") }
            guard line.fields.count == 3 else {
                throw fail(dayField.column, "expected a weekday, an opening and a closing time (e.g. 'monday 07:30 18:00')")
            }
            let opensField = line.fields[1]
            let closesField = line.fields[2]
            guard let opens = parseClockTime(opensField.text), opens < 86_400 else {
                throw fail(opensField.column, "'\(opensField.text)' is not a time as HH:MM (00:00–23:59)")
            }
            guard let closes = parseClockTime(closesField.text) else {
                throw fail(closesField.column, "'\(closesField.text)' is not a time as HH:MM (00:00–24:00)")
            }
            guard opens < closes else {
                throw fail(closesField.column, "the window closes (\(closesField.text)) before it opens (\(opensField.text))")
            }
            hours[weekday] = ServiceWindow.Hours(opens: opens, closes: closes)
        }
        guard !hours.isEmpty else {
            throw Finding(
                file: file, line: 1, column: 1,
                reason: "no weekday has service hours: the business clock could never run")
        }
        return ServiceWindow(hours)
    }

    /// `HH:MM` or `HH:MM:SS` as seconds of the day; `24:00` is the end of the day.
    static func parseClockTime(_ text: Substring) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCIIDigit) }) else {
            return nil
        }
        let values = parts.compactMap { Int($0) }
        let hour = values[0]
        let minute = values[1]
        let second = values.count == 3 ? values[2] : 0
        guard minute < 60, second < 60, hour < 24 || (hour == 24 && minute == 0 && second == 0) else { return nil }
        return hour * 3600 + minute * 60 + second
    }
}
