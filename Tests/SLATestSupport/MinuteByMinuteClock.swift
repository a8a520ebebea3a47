import Foundation
public import SLACore

/// The slow, obviously-correct business clock the fast one is checked against: it walks time one
/// minute at a time and asks, for each minute, whether the desk is open.
///
/// It shares nothing with the fast clock but the list of holiday dates: the weekday comes from
/// Foundation's Gregorian calendar, the window is the SPEC's 07:30–18:00 written out again, and
/// there is no table, no prefix sum, no search.
public struct MinuteByMinuteClock {
    private let holidayDates: Set<String>
    private var gregorian = Calendar(identifier: .gregorian)
    private var businessDayCache: [Int64: Bool] = [:]

    public init(holidays: HolidayCalendar, years: ClosedRange<Int>) {
        var dates = Set<String>()
        for year in years {
            for holiday in holidays.holidays(in: year) { dates.insert(holiday.date.description) }
        }
        holidayDates = dates
        gregorian.timeZone = TimeZone(secondsFromGMT: -5 * 3600)!
    }

    /// Whether the minute that starts at `secondsSince1970` (a whole minute) is service time.
    public mutating func isBusinessMinute(_ secondsSince1970: Int64) -> Bool {
        let local = secondsSince1970 - 5 * 3600
        let localMidnight = local - ((local % 86_400) + 86_400) % 86_400
        let minuteOfDay = (local - localMidnight) / 60
        guard minuteOfDay >= 7 * 60 + 30, minuteOfDay < 18 * 60 else { return false }
        if let known = businessDayCache[localMidnight] { return known }
        let date = Date(timeIntervalSince1970: TimeInterval(localMidnight + 5 * 3600))
        let parts = gregorian.dateComponents([.year, .month, .day, .weekday], from: date)
        let text = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
        // Foundation numbers weekdays from Sunday = 1: Monday to Friday are 2...6.
        let open = (2...6).contains(parts.weekday!) && !holidayDates.contains(text)
        businessDayCache[localMidnight] = open
        return open
    }

    /// Business seconds between two whole-minute instants, counted a minute at a time.
    public mutating func elapsedSeconds(from start: Int64, to end: Int64) -> Int64 {
        var counted: Int64 = 0
        var minute = start
        while minute < end {
            if isBusinessMinute(minute) { counted += 60 }
            minute += 60
        }
        return counted
    }

    /// The end of the `minutes`-th business minute at or after `start` (a whole-minute instant).
    public mutating func dueInstant(from start: Int64, afterMinutes minutes: Int64) -> Int64 {
        guard minutes > 0 else { return start }
        var counted: Int64 = 0
        var minute = start
        while true {
            if isBusinessMinute(minute) {
                counted += 1
                if counted == minutes { return minute + 60 }
            }
            minute += 60
        }
    }
}
