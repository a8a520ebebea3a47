import SLACore
import SLATestSupport
import Testing

/// The fast business clock against the minute-by-minute reference, and against its own laws, on
/// seeded random instants biased towards the places clocks get wrong: window edges, weekends,
/// holidays, Holy Week and year ends.
@Suite struct ClockPropertyTests {
    static let calendar = TestCalendars.standard
    static let clock = TestCalendars.businessClock
    static let holidayDays: [Int] = (1985...2099).flatMap { year in
        calendar.holidayCalendar.holidays(in: year).map(\.date.dayNumber)
    }

    /// A random Bogotá instant in 1985–2099, whole minutes when `minutes` is set.
    static func randomInstant(_ random: inout SeededRandom, wholeMinutes: Bool) -> Instant {
        let first = LocalDate(year: 1985, month: 1, day: 1)!.dayNumber
        let last = LocalDate(year: 2099, month: 12, day: 31)!.dayNumber
        let day: Int
        switch Int.random(in: 0..<10, using: &random) {
        case 0..<3: day = holidayDays.randomElement(using: &random)! + Int.random(in: -3...3, using: &random)
        case 3:
            day =
                LocalDate(year: Int.random(in: 1985...2099, using: &random), month: 12, day: 31)!.dayNumber
                + Int.random(in: -2...2, using: &random)
        default: day = Int.random(in: first...last, using: &random)
        }
        var second: Int
        switch Int.random(in: 0..<10, using: &random) {
        case 0..<2: second = 27_000 + Int.random(in: -120...120, using: &random)
        case 2..<4: second = 64_800 + Int.random(in: -120...120, using: &random)
        case 4: second = [0, 27_000, 64_800, 86_399].randomElement(using: &random)!
        default: second = Int.random(in: 0..<86_400, using: &random)
        }
        if wholeMinutes { second -= second % 60 }
        return Instant(LocalDate(dayNumber: day), secondOfDay: second)
    }

    /// Durations from nothing to the 96-hour target, more often short.
    static func randomSeconds(_ random: inout SeededRandom, wholeMinutes: Bool) -> Int64 {
        let limit: Int64 = [60, 3600, 37_800, 96 * 3600].randomElement(using: &random)!
        let seconds = Int64.random(in: 0...limit, using: &random)
        return wholeMinutes ? seconds - seconds % 60 : seconds
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func dueMatchesTheMinuteByMinuteReference(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        var reference = MinuteByMinuteClock(holidays: Self.calendar.holidayCalendar, years: 1984...2100)
        for sample in 0..<600 {
            let start = Self.randomInstant(&random, wholeMinutes: true)
            let seconds = Self.randomSeconds(&random, wholeMinutes: true)
            let expected = reference.dueInstant(from: start.secondsSince1970, afterMinutes: seconds / 60)
            let due = try Self.clock.dueInstant(from: start, after: seconds)
            #expect(
                due.secondsSince1970 == expected,
                "seed \(seed) sample \(sample): due from \(start) after \(seconds) s")
        }
    }

    @Test(arguments: [11, 12, 13, 14] as [UInt64])
    func elapsedMatchesTheMinuteByMinuteReference(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        var reference = MinuteByMinuteClock(holidays: Self.calendar.holidayCalendar, years: 1984...2100)
        for sample in 0..<600 {
            let start = Self.randomInstant(&random, wholeMinutes: true)
            let span = Int64.random(in: 0...(Bool.random(using: &random) ? 86_400 : 21 * 86_400), using: &random)
            let end = start.adding(seconds: span - span % 60)
            let expected = reference.elapsedSeconds(from: start.secondsSince1970, to: end.secondsSince1970)
            #expect(
                try Self.clock.elapsedSeconds(from: start, to: end) == expected,
                "seed \(seed) sample \(sample): elapsed from \(start) to \(end)")
        }
    }

    /// At second precision: the due instant is the first at which the duration has elapsed, and
    /// elapsed time adds up over any split.
    @Test(arguments: [21, 22] as [UInt64])
    func dueIsTheFirstInstantReachingTheDuration(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        for sample in 0..<50_000 {
            let start = Self.randomInstant(&random, wholeMinutes: false)
            let seconds = Self.randomSeconds(&random, wholeMinutes: false)
            let due = try Self.clock.dueInstant(from: start, after: seconds)
            let context = "seed \(seed) sample \(sample): from \(start) after \(seconds) s, due \(due)"
            #expect(try Self.clock.elapsedSeconds(from: start, to: due) == seconds, "\(context)")
            if seconds > 0 {
                #expect(try Self.clock.elapsedSeconds(from: start, to: due.adding(seconds: -1)) == seconds - 1, "\(context)")
                // A due instant is inside a window or on its end, never on a closed opening.
                let hours = Self.calendar.serviceHours(on: due.localDate)
                #expect(
                    hours.map { $0.opens < due.localSecondOfDay && due.localSecondOfDay <= $0.closes } == true,
                    "\(context)")
            }
            let middle = start.adding(seconds: Int64.random(in: 0...(30 * 86_400), using: &random))
            let end = middle.adding(seconds: Int64.random(in: 0...(30 * 86_400), using: &random))
            #expect(
                try Self.clock.elapsedSeconds(from: start, to: middle) + Self.clock.elapsedSeconds(from: middle, to: end)
                    == Self.clock.elapsedSeconds(from: start, to: end), "\(context), split at \(middle), end \(end)")
        }
    }
}
