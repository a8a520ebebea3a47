import SLACore
import SLATestSupport
import Testing

/// Every breach counted exactly once across the months, in the month a minute-by-minute walk says
/// the clock went over its target — on random cases, many of them placed so that their target
/// falls exactly on a month's end (at the close of its last business day, at midnight on the
/// 24×7 clock, or paused there).
@Suite struct BreachMonthPropertyTests {
    static let months = MonthlyTrend.months(endingWith: ReportMonth(year: 2026, month: 12)!)

    /// The month in which the clock's first second over its target falls, walking a minute at a
    /// time (every instant here is a whole minute); nil when it never goes over by `end`.
    static func breachMonth(
        _ serviceCase: ServiceCase, _ events: [CaseEvent], target: Int64, roundTheClock: Bool,
        end: Int64, reference: inout MinuteByMinuteClock
    ) -> ReportMonth? {
        let sorted = events.sorted(by: CaseEvent.inTimeOrder)
        var next = 0
        var waiting = false
        var elapsed: Int64 = 0
        var minute = serviceCase.createdAt.secondsSince1970
        while minute < end {
            while next < sorted.count, sorted[next].at.secondsSince1970 <= minute {
                switch sorted[next].kind {
                case .waitingClient: waiting = true
                case .clientResponded: waiting = false
                case .diagnosed, .solved, .closed, .autoClosed: return nil
                default: break
                }
                next += 1
            }
            if waiting, next == sorted.count { return nil }
            if !waiting, roundTheClock || reference.isBusinessMinute(minute) {
                // This minute's first second is the one over the target.
                if elapsed == target { return ReportMonth(containing: Instant(secondsSince1970: minute)) }
                elapsed += 60
            }
            minute += 60
        }
        return nil
    }

    /// The close (18:00) of the month's last business day.
    static func lastBusinessClose(of month: ReportMonth, _ reference: inout MinuteByMinuteClock) -> Int64 {
        var day = month.lastDay
        while !reference.isBusinessMinute(Instant(day, secondOfDay: 17 * 3600 + 59 * 60).secondsSince1970) {
            day = day.adding(days: -1)
        }
        return Instant(day, secondOfDay: 18 * 3600).secondsSince1970
    }

    @Test(arguments: [301, 302, 303] as [UInt64])
    func everyBreachIsCountedOnceInTheMonthItHappened(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        var reference = MinuteByMinuteClock(holidays: TestCalendars.standard.holidayCalendar, years: 2025...2027)
        guard let first = Self.months.first, let last = Self.months.last else { return }
        for round in 0..<3 {
            let terms = round == 0 ? Terms.standard : AttentionClockPropertyTests.randomTerms(&random)
            let policy = Policy(defaults: terms)
            let attention = AttentionClock(policy: policy, businessClock: TestCalendars.businessClock)
            var cases: [(ServiceCase, [CaseEvent])] = []
            for sample in 0..<120 {
                var (serviceCase, events) = AttentionClockPropertyTests.randomCase(
                    sample, clients: ["K1", "K2"], base: first.start.secondsSince1970, &random)
                let (clock, target) = terms.target(for: serviceCase)
                // Two cases in three are placed on a month's end.
                if let target, random.below(3) != 0 {
                    let month = Self.months[1 + random.below(Self.months.count - 3)]
                    let boundary =
                        clock == .twentyFourSeven
                        ? month.end.secondsSince1970
                        : Self.lastBusinessClose(of: month, &reference)
                    let created =
                        clock == .twentyFourSeven
                        ? boundary - target + Int64(random.below(3) - 1) * 60
                        : target <= 10 * 3600 ? boundary - target : serviceCase.createdAt.secondsSince1970
                    serviceCase.createdAt = Instant(secondsSince1970: created)
                    let kinds: [EventKind] = [.waitingClient, .clientResponded, .diagnosed, .solved, .escalated]
                    events = (0..<random.below(4)).map { index in
                        let offset = Int64(random.below(3) == 0 ? 0 : random.below(60 * 24 * 40)) * 60
                        return CaseEvent(
                            id: String(index), at: Instant(secondsSince1970: max(created, boundary - 60 + offset)),
                            kind: kinds[random.below(kinds.count)])
                    }
                    if random.below(3) == 0 {
                        // Paused exactly on its target.
                        events.append(CaseEvent(id: "9", at: Instant(secondsSince1970: boundary), kind: .waitingClient))
                    }
                }
                cases.append((serviceCase, events))
            }

            var countedIn: [String: [ReportMonth]] = [:]
            var monthFigures: [ReportMonth: KAMMonth] = [:]
            for month in Self.months {
                let rows = try cases.filter { $0.0.createdAt < month.end }.map { serviceCase, events in
                    let history = events.filter { $0.at <= month.end }.sorted(by: CaseEvent.inTimeOrder)
                    return StatusRow(
                        snapshot: CaseSnapshot(
                            serviceCase: serviceCase, product: "P", summary: "", clientName: serviceCase.clientID,
                            kamID: "kam", kamName: "Ana", events: history),
                        evaluation: try attention.evaluate(serviceCase, events: history, asOf: month.end), asOf: month.end)
                }
                let figures = try KAMMonth(
                    kamID: "kam", kamName: "Ana", month: month,
                    clients: [("K1", "K1", .saas), ("K2", "K2", .onPremise)], rows: rows,
                    closure: AutomaticClosure(calendar: TestCalendars.standard), policy: policy)
                #expect(figures.total.breached == figures.breaches.count)
                #expect(figures.byPriority.reduce(0) { $0 + $1.breached } == figures.breaches.count)
                for breach in figures.breaches { countedIn[breach.row.snapshot.serviceCase.id, default: []].append(month) }
                monthFigures[month] = figures
            }

            for (serviceCase, events) in cases {
                let (clock, target) = terms.target(for: serviceCase)
                let expected = target.flatMap {
                    Self.breachMonth(
                        serviceCase, events, target: $0, roundTheClock: clock == .twentyFourSeven,
                        end: last.end.secondsSince1970, reference: &reference)
                }
                // A breach before the first month is no month's of these; every other once, in its month.
                let inWindow = expected.flatMap { Self.months.contains($0) ? $0 : nil }
                #expect(
                    countedIn[serviceCase.id] ?? [] == (inWindow.map { [$0] } ?? []),
                    """
                    seed \(seed) round \(round): \(serviceCase) \(events) under \(terms)
                    """)
            }

            // The trend, from one evaluation as of the last month's end, agrees with every month's own report.
            let attentionAtEnd = try cases.map { serviceCase, events in
                StatusRow(
                    snapshot: CaseSnapshot(
                        serviceCase: serviceCase, product: "P", summary: "", clientName: serviceCase.clientID,
                        kamID: "kam", kamName: "Ana", events: events.filter { $0.at <= last.end }),
                    evaluation: try attention.evaluate(serviceCase, events: events, asOf: last.end), asOf: last.end)
            }
            let trend = MonthlyTrend.rows(endingWith: last, clientIDs: ["K1", "K2"], rows: attentionAtEnd, policy: policy)
            for row in trend {
                let own = monthFigures[row.month]?.clients.first { $0.clientID == row.clientID }
                #expect(row.breached == own?.breached, "seed \(seed) round \(round) \(row.clientID) \(row.month)")
                #expect(row.met == own?.met, "seed \(seed) round \(round) \(row.clientID) \(row.month)")
                #expect(row.registered == own?.registered, "seed \(seed) round \(round) \(row.clientID) \(row.month)")
            }
        }
    }
}
