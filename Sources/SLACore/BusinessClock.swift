/// The business clock of SPEC §2: only seconds inside the service window of a business day count.
public struct BusinessClock: Sendable {
    public let calendar: BusinessCalendar

    public init(calendar: BusinessCalendar) {
        self.calendar = calendar
    }

    /// Business seconds between `start` and `end`; zero when `end` is not after `start`.
    ///
    /// - Complexity: O(1).
    @inlinable
    public func elapsedSeconds(from start: Instant, to end: Instant) throws(ClockRangeError) -> Int64 {
        guard start < end else { return 0 }
        return try secondsBefore(end) - secondsBefore(start)
    }

    /// The earliest instant at which `seconds` business seconds have elapsed since `start`.
    ///
    /// A start outside the window counts from the next opening; a due instant that falls exactly on
    /// a window's end is that end (Friday 18:00), never the next opening.
    ///
    /// - Complexity: O(log k), k the calendar days between `start` and the due instant: an
    ///   exponential search from the start's day, a handful of steps for any SLA target.
    @inlinable
    public func dueInstant(from start: Instant, after seconds: Int64) throws(ClockRangeError) -> Instant {
        guard seconds > 0 else { return start }
        let (startSeconds, startDay) = try calendar.businessSecondsAndDay(of: start)
        return try calendar.instant(reaching: startSeconds + seconds, searchingFrom: startDay)
    }

    /// Business seconds from the start of the calendar to `instant`.
    @usableFromInline
    func secondsBefore(_ instant: Instant) throws(ClockRangeError) -> Int64 {
        try calendar.businessSecondsBefore(instant)
    }
}

extension BusinessCalendar {
    /// Business seconds from the start of the calendar to `instant`.
    @usableFromInline
    func businessSecondsBefore(_ instant: Instant) throws(ClockRangeError) -> Int64 {
        try businessSecondsAndDay(of: instant).seconds
    }

    /// Business seconds from the start of the calendar to `instant`, and the index of its day.
    @usableFromInline
    func businessSecondsAndDay(of instant: Instant) throws(ClockRangeError) -> (seconds: Int64, day: Int) {
        let local = instant.secondsSince1970 + Bogota.utcOffsetSeconds
        let dayNumber = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let index = Int(dayNumber) - firstDayNumber
        let second = local - dayNumber * 86_400
        // The sentinel day after the range only holds its own midnight: the end of the range.
        guard index >= 0, index < days.count - 1 || (index == days.count - 1 && second == 0) else {
            throw ClockRangeError(instant: instant, years: years)
        }
        return days.withUnsafeBufferPointer { table in
            let day = table[index]
            let inside = min(max(second, Int64(day.opens)), Int64(day.closes)) - Int64(day.opens)
            return (day.secondsBefore + max(inside, 0), index)
        }
    }

    /// The earliest instant by which `target` business seconds have elapsed since the start of the
    /// calendar, knowing that it is on day `startDay` or later.
    @usableFromInline
    func instant(reaching target: Int64, searchingFrom startDay: Int) throws(ClockRangeError) -> Instant {
        let found: Int? = days.withUnsafeBufferPointer { table in
            // The answer is the day before the first midnight with at least `target` seconds before
            // it. Gallop forward from the start's day to bracket that midnight, then bisect.
            var low = startDay + 1
            var step = 1
            var high = low
            while high < table.count, table[high].secondsBefore < target {
                low = high + 1
                high += step
                step *= 2
            }
            high = min(high, table.count)
            while low < high {
                let middle = (low + high) / 2
                if table[middle].secondsBefore >= target { high = middle } else { low = middle + 1 }
            }
            return low < table.count ? low - 1 : nil
        }
        guard let index = found else { throw ClockRangeError(instant: nil, years: years) }
        let day = days[index]
        let local = Int64(firstDayNumber + index) * 86_400 + Int64(day.opens) + (target - day.secondsBefore)
        return Instant(secondsSince1970: local - Bogota.utcOffsetSeconds)
    }
}
