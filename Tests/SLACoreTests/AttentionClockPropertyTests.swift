import SLACore
import SLATestSupport
import Testing

/// The attention clock against a minute-by-minute walk of SPEC §4 written out again, on seeded
/// random cases and histories.
@Suite struct AttentionClockPropertyTests {
    struct Expected: Equatable, CustomStringConvertible {
        var elapsed: Int64
        var paused: Int64
        var state: AttentionState
        var due: Int64?
        var description: String { "elapsed \(elapsed) paused \(paused) \(state) due \(due.map { Instant(secondsSince1970: $0).description } ?? "-")" }
    }

    /// A minute at a time: apply the events of that minute, then count it as elapsed or paused.
    static func walk(_ serviceCase: ServiceCase, _ events: [CaseEvent], asOf: Int64, target: Int64?, roundTheClock: Bool,
                     reference: inout MinuteByMinuteClock) -> Expected
    {
        let sorted = events.sorted(by: CaseEvent.inTimeOrder)
        var next = 0
        var waiting = false, stopped = false
        var elapsed: Int64 = 0, paused: Int64 = 0
        var due: Int64?
        var minute = serviceCase.createdAt.secondsSince1970
        func apply(upTo instant: Int64) {
            while next < sorted.count, sorted[next].at.secondsSince1970 <= instant {
                if !stopped {
                    switch sorted[next].kind {
                    case .waitingClient: waiting = true
                    case .clientResponded: waiting = false
                    case .diagnosed, .solved, .closed, .autoClosed: stopped = true
                    default: break
                    }
                }
                next += 1
            }
        }
        func counts(_ minute: Int64) -> Bool { roundTheClock || reference.isBusinessMinute(minute) }
        while minute < asOf {
            apply(upTo: minute)
            if stopped { break }
            if counts(minute) {
                if waiting { paused += 60 } else {
                    elapsed += 60
                    if let target, due == nil, elapsed >= target { due = minute + 60 }
                }
            }
            minute += 60
        }
        apply(upTo: asOf)
        let state: AttentionState
        if let target {
            state = elapsed > target ? .breached : stopped ? .met : waiting ? .paused
                : elapsed * 100 >= target * 75 ? .atRisk : .running
        } else {
            state = .unclassified
        }
        if state == .met || state == .paused || state == .unclassified { due = nil }
        if due == nil, let target, state == .running || state == .atRisk {
            var projected = elapsed
            var t = max(minute, asOf)
            while projected < target {
                if counts(t) { projected += 60 }
                t += 60
            }
            due = t
        }
        return Expected(elapsed: elapsed, paused: paused, state: state, due: due)
    }

    @Test(arguments: [101, 102, 103] as [UInt64])
    func matchesTheMinuteByMinuteWalk(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        var reference = MinuteByMinuteClock(holidays: TestCalendars.standard.holidayCalendar, years: 2025...2028)
        let attention = AttentionClock(policy: .standard, businessClock: TestCalendars.businessClock)
        let kinds: [EventKind] = [.waitingClient, .waitingClient, .clientResponded, .clientResponded, .escalated,
                                  .reopened, .diagnosed, .solved]
        let base = Instant.bogota("2026-03-20T00:00").secondsSince1970
        for sample in 0..<250 {
            let created = base + Int64.random(in: 0..<(300 * 1440), using: &random) * 60
            let priority = Priority.allCases.randomElement(using: &random)!
            let serviceCase = ServiceCase(
                id: "C\(sample)", clientID: "K", type: .incidente, priority: priority,
                impact: Bool.random(using: &random) || sample % 7 != 0 ? Grade.allCases.randomElement(using: &random) : nil,
                urgency: Grade.allCases.randomElement(using: &random),
                contract: Bool.random(using: &random) ? .saas : .onPremise, createdAt: Instant(secondsSince1970: created))
            let events = (0..<Int.random(in: 0...6, using: &random)).map { index in
                CaseEvent(id: String(index), at: Instant(secondsSince1970: created + Int64.random(in: 0..<(12 * 1440), using: &random) * 60),
                          kind: kinds.randomElement(using: &random)!)
            }
            let asOf = created + Int64.random(in: 0..<(15 * 1440), using: &random) * 60
            let (clock, target) = SLAPolicy.standard.target(for: serviceCase)
            let expected = Self.walk(serviceCase, events, asOf: asOf, target: target, roundTheClock: clock == .twentyFourSeven,
                                     reference: &reference)
            let result = try attention.evaluate(serviceCase, events: events, asOf: Instant(secondsSince1970: asOf))
            let actual = Expected(elapsed: result.elapsedSeconds, paused: result.pausedSeconds, state: result.state,
                                  due: result.dueAt?.secondsSince1970)
            #expect(actual == expected, "seed \(seed) sample \(sample): \(serviceCase) \(events) as of \(Instant(secondsSince1970: asOf))")
        }
    }
}
