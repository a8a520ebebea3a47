import SLACore
import SLATestSupport
import Testing

/// The handling time by support level against a minute-by-minute walk of SPEC §16 written out
/// again, on seeded random cases and histories, on both clocks.
@Suite struct HandlingTimePropertyTests {
    struct Expected: Equatable, CustomStringConvertible {
        var levels: [Int64]
        var level: Int
        /// Per level, when its time went over its OLA (seconds since 1970), nil if it has not.
        var olaBreachedAt: [Int64?]
        var description: String { "levels \(levels) at \(level), OLA breached at \(olaBreachedAt)" }
    }

    /// A minute at a time: apply the events at or before the minute's start, then charge the
    /// minute to the level held when the case is worked and the clock counts it.
    static func walk(
        _ serviceCase: ServiceCase, _ events: [CaseEvent], asOf: Int64, roundTheClock: Bool, ola: [Int64?],
        reference: inout MinuteByMinuteClock
    ) -> Expected {
        let sorted = events.sorted(by: CaseEvent.inTimeOrder)
        var next = 0
        var worked = true
        var waiting = false
        var level = 1
        var levels: [Int64] = [0, 0, 0]
        var breached: [Int64?] = [nil, nil, nil]
        func apply(upTo instant: Int64) {
            while next < sorted.count, sorted[next].at.secondsSince1970 <= instant {
                let event = sorted[next]
                next += 1
                switch event.kind {
                case .escalated:
                    if let reached = event.level, (1...3).contains(reached) { level = reached }
                case .reopened:
                    level = 1
                    if !worked {
                        worked = true
                        waiting = false
                    }
                case .waitingClient:
                    if worked { waiting = true }
                case .clientResponded:
                    waiting = false
                case .committed:
                    break
                case .solved, .closed, .autoClosed:
                    worked = false
                    waiting = false
                case .diagnosed:
                    break
                }
            }
        }
        var minute = serviceCase.createdAt.secondsSince1970
        while minute < asOf {
            apply(upTo: minute)
            if worked, !waiting, roundTheClock || reference.isBusinessMinute(minute) {
                let index = level - 1
                // Whole minutes: the level goes over its OLA in the first second counted after it
                // reached it.
                if let target = ola[index], levels[index] == target, breached[index] == nil { breached[index] = minute + 1 }
                levels[index] += 60
            }
            minute += 60
        }
        apply(upTo: asOf)
        return Expected(levels: levels, level: level, olaBreachedAt: breached)
    }

    static let kinds: [EventKind] = [
        .waitingClient, .waitingClient, .clientResponded, .clientResponded, .escalated,
        .escalated, .escalated, .reopened, .reopened, .diagnosed, .solved, .solved, .closed,
        .autoClosed
    ]

    @Test(arguments: [301, 302, 303, 304] as [UInt64])
    func matchesTheMinuteByMinuteWalk(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        var reference = MinuteByMinuteClock(holidays: TestCalendars.standard.holidayCalendar, years: 2025...2028)
        let base = Instant.bogota("2026-03-20T00:00").secondsSince1970
        for round in 0..<6 {
            var terms = Terms.standard
            // Random OLAs in whole minutes, some levels without one; random clocks.
            terms.ola = (0..<3).map { _ in random.below(4) == 0 ? nil : Int64(1 + random.below(1_200)) * 60 }
            terms.p1 = [
                Terms.Target(clock: Bool.random(using: &random) ? .business : .twentyFourSeven, seconds: 4 * 3600),
                Terms.Target(clock: Bool.random(using: &random) ? .business : .twentyFourSeven, seconds: 4 * 3600)
            ]
            terms.matrixClock = Bool.random(using: &random) ? .business : .twentyFourSeven
            let attention = AttentionClock(policy: Policy(defaults: terms), businessClock: TestCalendars.businessClock)
            for sample in 0..<60 {
                let created = base + Int64.random(in: 0..<(300 * 1440), using: &random) * 60
                let serviceCase = ServiceCase(
                    id: "C\(sample)", clientID: "K", type: .incidente, priority: Priority.allCases[random.below(4)],
                    impact: Grade.allCases[random.below(3)], urgency: Grade.allCases[random.below(3)],
                    contract: Bool.random(using: &random) ? .saas : .onPremise, createdAt: Instant(secondsSince1970: created))
                let events = (0..<Int.random(in: 0...9, using: &random)).map { index in
                    let kind = Self.kinds[random.below(Self.kinds.count)]
                    // An escalation without a level now and then.
                    let level: Int? = kind == .escalated && random.below(6) != 0 ? 1 + random.below(3) : nil
                    return CaseEvent(
                        id: String(index),
                        at: Instant(secondsSince1970: created + Int64.random(in: 0..<(10 * 1440), using: &random) * 60),
                        kind: kind, level: level)
                }
                let asOf = created + Int64.random(in: 0..<(12 * 1440), using: &random) * 60
                let (clock, _) = terms.target(for: serviceCase)
                let expected = Self.walk(
                    serviceCase, events, asOf: asOf, roundTheClock: clock == .twentyFourSeven,
                    ola: terms.ola, reference: &reference)
                let result = try attention.evaluate(serviceCase, events: events, asOf: Instant(secondsSince1970: asOf))
                let handling = result.handling
                let actual = Expected(
                    levels: handling.levelSeconds, level: handling.level,
                    olaBreachedAt: handling.olaBreachedAt.map { $0?.secondsSince1970 })
                #expect(
                    actual == expected,
                    """
                    seed \(seed) round \(round) sample \(sample): \(serviceCase) \(events.sorted(by: CaseEvent.inTimeOrder)) \
                    as of \(Instant(secondsSince1970: asOf)), OLA \(terms.ola)
                    """)
                let history = events.filter { $0.at.secondsSince1970 <= asOf }
                #expect(handling.level == CaseHandling.supportLevel(history.sorted(by: CaseEvent.inTimeOrder)))

                // Every stop a solution, and solved now: the three levels are the resolution time.
                if !history.contains(where: { $0.kind == .closed || $0.kind == .autoClosed }),
                    let resolution = result.resolutionSeconds
                {
                    #expect(handling.totalSeconds == resolution, "seed \(seed) round \(round) sample \(sample)")
                }

                // Over as of a later instant and not yet as of an earlier one ⇔ the breach instant
                // falls between them: what lets a month count each breach once.
                let earlier = created + Int64.random(in: 0..<(12 * 1440), using: &random) * 60
                let then = try attention.evaluate(
                    serviceCase, events: events, asOf: Instant(secondsSince1970: min(earlier, asOf)))
                for level in 1...3 {
                    guard let target = terms.ola(level: level) else { continue }
                    let overNow = handling.seconds(atLevel: level) > target
                    let overThen = then.handling.seconds(atLevel: level) > target
                    let at = handling.olaBreachedAt(level: level)?.secondsSince1970
                    let between = at.map { min(earlier, asOf) < $0 && $0 <= asOf } ?? false
                    #expect((overNow && !overThen) == between, "seed \(seed) round \(round) sample \(sample) level \(level)")
                }
            }
        }
    }
}
