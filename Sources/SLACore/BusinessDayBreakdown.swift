/// One date of a stretch of time as the business clock sees it, for explanations a person can
/// check by hand.
package struct BusinessDay: Hashable, Sendable {
    package enum Kind: Hashable, Sendable {
        /// Counted: these seconds, between these seconds of the day.
        case counted(seconds: Int64, from: Int, to: Int)
        /// A service day, but the stretch does not reach its window.
        case outsideWindow
        /// No service hours on this weekday.
        case closedWeekday
        /// Closed for these holidays.
        case holiday([Holiday])
    }

    package var date: LocalDate
    package var kind: Kind
    /// The part of the stretch on this date: from its start (or midnight) to its end (or the next midnight).
    package var start: Instant
    package var end: Instant
}

extension BusinessCalendar {
    /// The dates from `start` to `end` and what the business clock counts on each.
    ///
    /// - Complexity: O(d) in the dates spanned; for explanations, not for the nightly run.
    package func breakdown(from start: Instant, to end: Instant) -> [BusinessDay] {
        guard start < end else { return [] }
        var days: [BusinessDay] = []
        var date = start.localDate
        let last = end.adding(seconds: -1).localDate
        while date <= last {
            let dayStart = Instant(date)
            let from = max(start, dayStart).secondsSince1970 - dayStart.secondsSince1970
            let to = min(end, Instant(date.adding(days: 1))).secondsSince1970 - dayStart.secondsSince1970
            let holidays = holidays(on: date)
            let kind: BusinessDay.Kind
            if !holidays.isEmpty {
                kind = .holiday(holidays)
            } else if let hours = window.hours(on: date.weekday) {
                let opens = max(Int64(hours.opens), from)
                let closes = min(Int64(hours.closes), to)
                kind = closes > opens ? .counted(seconds: closes - opens, from: Int(opens), to: Int(closes)) : .outsideWindow
            } else {
                kind = .closedWeekday
            }
            days.append(
                BusinessDay(
                    date: date, kind: kind, start: dayStart.adding(seconds: from),
                    end: dayStart.adding(seconds: to)))
            date = date.adding(days: 1)
        }
        return days
    }
}
