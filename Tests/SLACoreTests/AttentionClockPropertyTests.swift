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
        var description: String {
            "elapsed \(elapsed) paused \(paused) \(state) due \(due.map { Instant(secondsSince1970: $0).description } ?? "-")"
        }
    }

    /// A minute at a time: apply the events of that minute, then count it as elapsed or paused.
    static func walk(
        _ serviceCase: ServiceCase, _ events: [CaseEvent], asOf: Int64, target: Int64?, roundTheClock: Bool,
        atRiskPercent: Int64 = 75, reference: inout MinuteByMinuteClock
    ) -> Expected {
        let sorted = events.sorted(by: CaseEvent.inTimeOrder)
        var next = 0
        var waiting = false
        var stopped = false
        var elapsed: Int64 = 0
        var paused: Int64 = 0
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
                if waiting {
                    paused += 60
                } else {
                    elapsed += 60
                    if let target, due == nil, elapsed >= target { due = minute + 60 }
                }
            }
            minute += 60
        }
        apply(upTo: asOf)
        let state: AttentionState
        if let target {
            state =
                elapsed > target
                ? .breached
                : stopped
                    ? .met
                    : waiting
                        ? .paused
                        : elapsed * 100 >= target * atRiskPercent ? .atRisk : .running
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

    static let kinds: [EventKind] = [
        .waitingClient, .waitingClient, .clientResponded, .clientResponded, .escalated,
        .reopened, .diagnosed, .solved
    ]

    /// A random case of one of `clients`, registered within 300 days of `base`, with up to six
    /// random events in its first 12 days.
    static func randomCase(_ sample: Int, clients: [String], base: Int64, _ random: inout SeededRandom)
        -> (ServiceCase, [CaseEvent])
    {
        let created = base + Int64.random(in: 0..<(300 * 1440), using: &random) * 60
        let serviceCase = ServiceCase(
            id: "C\(sample)", clientID: clients[random.below(clients.count)], type: .incidente,
            priority: Priority.allCases[random.below(Priority.allCases.count)],
            impact: Bool.random(using: &random) || sample % 7 != 0 ? Grade.allCases[random.below(3)] : nil,
            urgency: Grade.allCases[random.below(3)],
            contract: Bool.random(using: &random) ? .saas : .onPremise, createdAt: Instant(secondsSince1970: created))
        let events = (0..<Int.random(in: 0...6, using: &random)).map { index in
            CaseEvent(
                id: String(index),
                at: Instant(secondsSince1970: created + Int64.random(in: 0..<(12 * 1440), using: &random) * 60),
                kind: kinds[random.below(kinds.count)])
        }
        return (serviceCase, events)
    }

    @Test(arguments: [101, 102, 103] as [UInt64])
    func matchesTheMinuteByMinuteWalk(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        var reference = MinuteByMinuteClock(holidays: TestCalendars.standard.holidayCalendar, years: 2025...2028)
        let attention = AttentionClock(policy: .standard, businessClock: TestCalendars.businessClock)
        let base = Instant.bogota("2026-03-20T00:00").secondsSince1970
        for sample in 0..<250 {
            let (serviceCase, events) = Self.randomCase(sample, clients: ["K"], base: base, &random)
            let asOf = serviceCase.createdAt.secondsSince1970 + Int64.random(in: 0..<(15 * 1440), using: &random) * 60
            let (clock, target) = Terms.standard.target(for: serviceCase)
            let expected = Self.walk(
                serviceCase, events, asOf: asOf, target: target, roundTheClock: clock == .twentyFourSeven,
                reference: &reference)
            let result = try attention.evaluate(serviceCase, events: events, asOf: Instant(secondsSince1970: asOf))
            let actual = Expected(
                elapsed: result.elapsedSeconds, paused: result.pausedSeconds, state: result.state,
                due: result.dueAt?.secondsSince1970)
            #expect(
                actual == expected,
                "seed \(seed) sample \(sample): \(serviceCase) \(events) as of \(Instant(secondsSince1970: asOf))")
        }
    }

    /// Random terms: every target a random number of minutes from 1 to 100 hours (so fractional
    /// hours such as 0.25 or 2.35), random clocks, a random at-risk threshold and acceptance period.
    static func randomTerms(_ random: inout SeededRandom) -> Terms {
        func minutes() -> Int64 { Int64(1 + random.below(6_000)) * 60 }
        func clock() -> ClockKind { Bool.random(using: &random) ? .business : .twentyFourSeven }
        var terms = Terms.standard
        terms.atRiskPercent = Int64(1 + random.below(100))
        terms.acceptanceBusinessDays = 1 + random.below(30)
        terms.p1 = [Terms.Target(clock: clock(), seconds: minutes()), Terms.Target(clock: clock(), seconds: minutes())]
        terms.matrix = (0..<3).map { _ in (0..<3).map { _ in minutes() } }
        terms.matrixClock = clock()
        return terms
    }

    /// The clock under random policies — random top-level terms and random agreements by client
    /// and date, each changing a random few keys — against the walk with the terms a plain search
    /// of the agreements (SPEC §10, written out again) gives each case.
    @Test(arguments: [201, 202, 203, 204] as [UInt64])
    func matchesTheMinuteByMinuteWalkUnderRandomPolicies(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        var reference = MinuteByMinuteClock(holidays: TestCalendars.standard.holidayCalendar, years: 2025...2028)
        let clients = ["K1", "K2", "K3", "K4"]
        let base = Instant.bogota("2026-03-20T00:00").secondsSince1970
        for round in 0..<8 {
            let defaults = Self.randomTerms(&random)
            var agreements: [Agreement] = []
            for index in 0..<random.below(6) {
                var changes = TermsChanges()
                let other = Self.randomTerms(&random)
                if Bool.random(using: &random) { changes.atRiskPercent = other.atRiskPercent }
                if Bool.random(using: &random) { changes.acceptanceBusinessDays = other.acceptanceBusinessDays }
                if Bool.random(using: &random) { changes.matrixClock = other.matrixClock }
                for (position, contract) in [Contract.saas, .onPremise].enumerated() where Bool.random(using: &random) {
                    changes.p1[contract] = (
                        Bool.random(using: &random) ? other.p1[position].seconds : nil,
                        Bool.random(using: &random) ? other.p1[position].clock : nil
                    )
                }
                for _ in 0..<random.below(4) {
                    let urgency = random.below(3)
                    let impact = random.below(3)
                    changes.matrix[Grade.allCases[urgency], default: [:]][Grade.allCases[impact]] = other.matrix[urgency][impact]
                }
                let from =
                    Bool.random(using: &random) ? nil : Instant(secondsSince1970: base).localDate.adding(days: random.below(300))
                let until =
                    Bool.random(using: &random)
                    ? nil : (from ?? Instant(secondsSince1970: base).localDate).adding(days: random.below(300))
                let listed = clients.filter { _ in random.below(3) == 0 }
                agreements.append(
                    Agreement(
                        name: "A\(index)", clients: listed.isEmpty ? ["K1"] : listed, from: from, until: until,
                        changes: changes, over: defaults))
            }
            let policy = Policy(defaults: defaults, agreements: agreements)
            let attention = AttentionClock(policy: policy, businessClock: TestCalendars.businessClock)
            for sample in 0..<60 {
                let (serviceCase, events) = Self.randomCase(sample, clients: clients, base: base, &random)
                let asOf = serviceCase.createdAt.secondsSince1970 + Int64.random(in: 0..<(15 * 1440), using: &random) * 60
                let terms = Self.termsBySearch(serviceCase, defaults: defaults, agreements: agreements)
                #expect(policy.terms(for: serviceCase) == terms)
                let (clock, target) = terms.target(for: serviceCase)
                let expected = Self.walk(
                    serviceCase, events, asOf: asOf, target: target, roundTheClock: clock == .twentyFourSeven,
                    atRiskPercent: terms.atRiskPercent, reference: &reference)
                let result = try attention.evaluate(serviceCase, events: events, asOf: Instant(secondsSince1970: asOf))
                let actual = Expected(
                    elapsed: result.elapsedSeconds, paused: result.pausedSeconds, state: result.state,
                    due: result.dueAt?.secondsSince1970)
                #expect(
                    actual == expected,
                    """
                    seed \(seed) round \(round) sample \(sample): \(serviceCase) \(events) as of \(Instant(secondsSince1970: asOf)) \
                    with \(terms)
                    """)
            }
        }
    }

    /// SPEC §10's choice, spelled out: the first agreement listing the client whose dates contain
    /// the Bogotá date of registration; each of its keys over the defaults; else the defaults.
    static func termsBySearch(_ serviceCase: ServiceCase, defaults: Terms, agreements: [Agreement]) -> Terms {
        let date = serviceCase.createdAt.localDate
        for agreement in agreements where agreement.clients.contains(serviceCase.clientID) {
            if let from = agreement.from, date < from { continue }
            if let until = agreement.until, date > until { continue }
            var terms = defaults
            let changes = agreement.changes
            if let value = changes.atRiskPercent { terms.atRiskPercent = value }
            if let value = changes.acceptanceBusinessDays { terms.acceptanceBusinessDays = value }
            if let value = changes.complianceTargetPercent { terms.complianceTargetPercent = value }
            if let value = changes.matrixClock { terms.matrixClock = value }
            for (position, contract) in [Contract.saas, .onPremise].enumerated() {
                if let value = changes.p1[contract]?.seconds { terms.p1[position].seconds = value }
                if let value = changes.p1[contract]?.clock { terms.p1[position].clock = value }
            }
            for (urgency, row) in changes.matrix {
                for (impact, seconds) in row {
                    terms.matrix[Grade.allCases.firstIndex(of: urgency) ?? 0][Grade.allCases.firstIndex(of: impact) ?? 0] =
                        seconds
                }
            }
            terms.agreement = agreement.name
            return terms
        }
        return defaults
    }
}
