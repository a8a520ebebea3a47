import SLACore
import SLATestSupport
import Testing

/// The supervisors' lists (SPEC §3 support level, §7 waiting_since, the breach order and
/// due-today): hand-computed examples at the edges, and the rules written out again on random
/// cases.
@Suite struct DailyListsTests {
    static func event(_ id: Int, _ at: String, _ kind: EventKind, level: Int? = nil) -> CaseEvent {
        CaseEvent(id: String(id), at: .bogota(at), kind: kind, level: level)
    }

    @Test(
        arguments: [
            ([], 1),
            ([event(1, "2026-11-02T09:00", .escalated, level: 2)], 2),
            ([event(1, "2026-11-02T09:00", .escalated, level: 3), event(2, "2026-11-03T09:00", .escalated, level: 2)], 2),
            (
                [
                    event(1, "2026-11-02T09:00", .escalated, level: 3), event(2, "2026-11-04T09:00", .solved),
                    event(3, "2026-11-05T09:00", .reopened)
                ], 1
            ),
            ([event(1, "2026-11-02T09:00", .reopened), event(2, "2026-11-03T09:00", .escalated, level: 3)], 3),
            (
                [
                    event(1, "2026-11-02T09:00", .escalated, level: 2), event(2, "2026-11-02T10:00", .waitingClient),
                    event(3, "2026-11-02T11:00", .diagnosed)
                ], 2
            )
        ] as [([CaseEvent], Int)])
    func theSupportLevelIsTheLatestEscalationUntilAReopening(events: [CaseEvent], level: Int) {
        #expect(CaseHandling.supportLevel(events) == level)
    }

    @Test(
        arguments: [
            ([], nil),
            ([event(1, "2026-11-02T09:00", .waitingClient)], "2026-11-02T09:00"),
            // A second request inside the same wait: the client has owed an answer since the first.
            ([event(1, "2026-11-02T09:00", .waitingClient), event(2, "2026-11-03T09:00", .waitingClient)], "2026-11-02T09:00"),
            ([event(1, "2026-11-02T09:00", .waitingClient), event(2, "2026-11-03T09:00", .clientResponded)], nil),
            (
                [
                    event(1, "2026-11-02T09:00", .waitingClient), event(2, "2026-11-03T09:00", .clientResponded),
                    event(3, "2026-11-04T09:00", .waitingClient)
                ], "2026-11-04T09:00"
            ),
            ([event(1, "2026-11-02T09:00", .waitingClient), event(2, "2026-11-03T09:00", .solved)], nil),
            // After the diagnosis the attention clock has stopped, but the ball is still in the client's court.
            (
                [
                    event(1, "2026-11-02T09:00", .diagnosed), event(2, "2026-11-03T09:00", .waitingClient),
                    event(3, "2026-11-03T10:00", .escalated, level: 2)
                ], "2026-11-03T09:00"
            ),
            ([event(1, "2026-11-02T09:00", .waitingClient), event(2, "2026-11-03T09:00", .autoClosed)], nil)
        ] as [([CaseEvent], String?)])
    func waitingSinceIsTheStartOfTheWaitNow(events: [CaseEvent], since: String?) {
        #expect(CaseHandling.waitingSince(events) == since.map { Instant.bogota($0) })
    }

    /// A P1 SaaS case on a 10-hour 24×7 target, registered at `created`: due 10 hours later.
    static func row(_ id: String, created: String, events: [CaseEvent] = [], asOf: Instant) throws -> StatusRow {
        var terms = Terms.standard
        terms.p1[0] = Terms.Target(clock: .twentyFourSeven, seconds: 10 * 3600)  // saas
        let clock = AttentionClock(policy: Policy(defaults: terms), businessClock: TestCalendars.businessClock)
        let serviceCase = ServiceCase(
            id: id, clientID: "K1", type: .incidente, priority: .p1, impact: nil, urgency: nil,
            contract: .saas, createdAt: .bogota(created))
        let snapshot = CaseSnapshot(
            serviceCase: serviceCase, product: "KACTUS", summary: "", clientName: "", kamID: "k",
            kamName: "K", events: events)
        return StatusRow(snapshot: snapshot, evaluation: try clock.evaluate(serviceCase, events: events, asOf: asOf), asOf: asOf)
    }

    /// As of Monday 14:30: due at as-of is not "after as-of", due at midnight is not "before 00:00".
    @Test func dueTodayIsAfterAsOfAndBeforeMidnight() throws {
        let asOf = Instant.bogota("2026-11-23T14:30")
        let rows = [
            try Self.row("due-at-as-of", created: "2026-11-23T04:30", asOf: asOf),
            try Self.row("one-second-later", created: "2026-11-23T04:30:01", asOf: asOf),
            try Self.row("last-second", created: "2026-11-23T13:59:59", asOf: asOf),
            try Self.row("at-midnight", created: "2026-11-23T14:00", asOf: asOf),
            try Self.row(
                "paused", created: "2026-11-23T08:00", events: [Self.event(1, "2026-11-23T09:00", .waitingClient)], asOf: asOf),
            try Self.row(
                "diagnosed", created: "2026-11-23T08:00", events: [Self.event(2, "2026-11-23T09:00", .diagnosed)], asOf: asOf),
            try Self.row("soonest", created: "2026-11-23T05:00", asOf: asOf)
        ]
        let lists = DailyLists(rows, asOf: asOf)
        #expect(lists.dueToday.map(\.snapshot.serviceCase.id) == ["one-second-later", "soonest", "last-second"])
        #expect(lists.counts.dueToday == 3)
        #expect(rows[0].evaluation.state == .atRisk, "elapsed equal to the target is not a breach")
    }

    static func promise(_ id: Int, _ at: String, due: String) -> CaseEvent {
        CaseEvent(id: String(id), at: .bogota(at), kind: .committed, due: .bogota(due))
    }

    /// Both promises of the day, one line each, by due instant: a case with both is there twice;
    /// a commitment due exactly at as-of is still pending, one due at midnight is tomorrow's.
    @Test func bothPromisesFallDueToday() throws {
        let asOf = Instant.bogota("2026-11-23T14:30")
        let rows = [
            // Attention due 16:00, its work plan due 15:00.
            try Self.row(
                "both", created: "2026-11-23T06:00", events: [Self.promise(1, "2026-11-23T07:00", due: "2026-11-23T15:00")],
                asOf: asOf),
            try Self.row(
                "missed", created: "2026-11-23T08:00",
                events: [
                    Self.event(2, "2026-11-23T08:30", .diagnosed), Self.promise(3, "2026-11-23T09:00", due: "2026-11-23T12:00")
                ], asOf: asOf),
            try Self.row(
                "missed-solved-late", created: "2026-11-23T08:00",
                events: [
                    Self.event(4, "2026-11-23T08:30", .diagnosed), Self.promise(5, "2026-11-23T09:00", due: "2026-11-23T12:00"),
                    Self.event(6, "2026-11-23T13:00", .solved)
                ], asOf: asOf),
            try Self.row(
                "at-as-of", created: "2026-11-23T08:00",
                events: [
                    Self.event(7, "2026-11-23T08:30", .diagnosed), Self.promise(8, "2026-11-23T09:00", due: "2026-11-23T14:30")
                ], asOf: asOf),
            try Self.row(
                "at-midnight", created: "2026-11-23T08:00",
                events: [
                    Self.event(9, "2026-11-23T08:30", .diagnosed), Self.promise(10, "2026-11-23T09:00", due: "2026-11-24T00:00")
                ], asOf: asOf)
        ]
        let lists = DailyLists(rows, asOf: asOf)
        #expect(
            lists.promisesDueToday.map { "\($0.row.snapshot.serviceCase.id) \($0.promise.rawValue)" }
                == ["at-as-of solution", "both solution", "both attention"])
        #expect(lists.commitmentsDueToday.map(\.snapshot.serviceCase.id) == ["at-as-of", "both"])
        #expect(lists.commitmentsMissed.map(\.snapshot.serviceCase.id) == ["missed"])
        #expect(lists.counts.commitmentsMissed == 1 && lists.counts.commitmentsDueToday == 2 && lists.counts.dueToday == 1)
    }

    /// Running clocks first, longest overdue first (by due instant, across clocks), at risk after;
    /// then, apart, the breaches waiting on the client; clocks already stopped are counted, not listed.
    @Test func theBreachListPutsWhatTheDeskCanActOnFirst() throws {
        let asOf = Instant.bogota("2026-11-23T07:00")
        let rows = [
            try Self.row(
                "waiting-since-april", created: "2026-04-16T08:00",
                events: [Self.event(1, "2026-04-17T01:31", .waitingClient)], asOf: asOf),
            try Self.row("p1-162h-over", created: "2026-11-16T02:30", asOf: asOf),
            try Self.row(
                "attended-late", created: "2026-11-10T08:00", events: [Self.event(2, "2026-11-12T08:00", .diagnosed)], asOf: asOf),
            try Self.row("at-risk", created: "2026-11-22T23:00", asOf: asOf),
            try Self.row("b-same-due", created: "2026-11-20T08:00", asOf: asOf),
            try Self.row("a-same-due", created: "2026-11-20T08:00", asOf: asOf),
            try Self.row("running", created: "2026-11-23T06:00", asOf: asOf)
        ]
        let lists = DailyLists(rows, asOf: asOf)
        #expect(
            lists.breaches.map(\.snapshot.serviceCase.id)
                == ["p1-162h-over", "a-same-due", "b-same-due", "at-risk", "waiting-since-april"])
        #expect(lists.waitingOnClient == 1)
        #expect(
            lists.counts
                == {
                    var counts = DailyLists.Counts()
                    (counts.breached, counts.breachedAndStopped, counts.breachedWaitingOnClient, counts.atRisk, counts.dueToday) =
                        (5, 1, 1, 1, 2)
                    return counts
                }())
    }

    /// On random histories: waiting_since agrees with the attention clock's open pause while the
    /// clock runs; the support level and both lists agree with SPEC §3 and §7 written out again.
    @Test(arguments: [301, 302, 303] as [UInt64])
    func theListsFollowTheRulesOnRandomCases(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let attention = AttentionClock(policy: .standard, businessClock: TestCalendars.businessClock)
        let base = Instant.bogota("2026-03-20T00:00").secondsSince1970
        for round in 0..<20 {
            let asOf = Instant(secondsSince1970: base + Int64(200 + random.below(100)) * 86_400 + Int64(random.below(86_400)))
            var rows: [StatusRow] = []
            for sample in 0..<60 {
                var (serviceCase, events) = AttentionClockPropertyTests.randomCase(sample, clients: ["K"], base: base, &random)
                serviceCase.createdAt = Instant(
                    secondsSince1970: min(serviceCase.createdAt.secondsSince1970, asOf.secondsSince1970))
                events = events.filter { $0.at <= asOf && $0.at >= serviceCase.createdAt }
                    .map {
                        var event = $0
                        if event.kind == .escalated { event.level = 1 + random.below(3) }
                        return event
                    }
                    .sorted(by: CaseEvent.inTimeOrder)
                let snapshot = CaseSnapshot(
                    serviceCase: serviceCase, product: "P", summary: "", clientName: "", kamID: "k",
                    kamName: "K", events: events)
                let row = StatusRow(
                    snapshot: snapshot, evaluation: try attention.evaluate(serviceCase, events: events, asOf: asOf), asOf: asOf)
                rows.append(row)
                let context = "seed \(seed) round \(round) sample \(sample): \(events)"

                // SPEC §3 as written: the latest escalated's level, unless a reopened comes after it.
                let lastEscalation = events.lastIndex { $0.kind == .escalated }
                let lastReopening = events.lastIndex { $0.kind == .reopened }
                let level = lastEscalation.map { index in (lastReopening ?? -1) > index ? 1 : events[index].level ?? 1 } ?? 1
                #expect(row.supportLevel == level, "\(context)")
                if row.evaluation.stoppedAt == nil {
                    let openPause = row.evaluation.pauses.last.flatMap { $0.endedBy == nil ? $0.start : nil }
                    #expect(row.waitingSince == openPause, "\(context)")
                }
            }
            let lists = DailyLists(rows, asOf: asOf)
            let midnight = Instant(asOf.localDate.adding(days: 1))
            let due = { (row: StatusRow) in row.evaluation.dueAt?.secondsSince1970 ?? .max }
            let order = { (a: StatusRow, b: StatusRow) in
                (due(a), a.snapshot.serviceCase.id) < (due(b), b.snapshot.serviceCase.id)
            }
            let listed = rows.filter { [.breached, .atRisk].contains($0.evaluation.state) && $0.evaluation.stoppedAt == nil }
            let expectedBreaches =
                listed.filter {
                    $0.evaluation.state != .breached || $0.evaluation.pauses.last?.endedBy != nil || $0.evaluation.pauses.isEmpty
                }
                .sorted(by: order)
                + listed.filter {
                    $0.evaluation.state == .breached && !$0.evaluation.pauses.isEmpty && $0.evaluation.pauses.last?.endedBy == nil
                }
                .sorted(by: order)
            #expect(
                lists.breaches.map(\.snapshot.serviceCase.id) == expectedBreaches.map(\.snapshot.serviceCase.id),
                "seed \(seed) round \(round)")
            let expectedToday = rows.filter { row in
                guard [.running, .atRisk].contains(row.evaluation.state), let at = row.evaluation.dueAt else { return false }
                return asOf < at && at < midnight
            }.sorted(by: order)
            #expect(lists.dueToday.map(\.snapshot.serviceCase.id) == expectedToday.map(\.snapshot.serviceCase.id))
            #expect(lists.counts.breached == rows.filter { $0.evaluation.state == .breached }.count)
            #expect(
                lists.counts.breachedAndStopped
                    == rows.filter { $0.evaluation.state == .breached && $0.evaluation.stoppedAt != nil }.count)
        }
    }
}
