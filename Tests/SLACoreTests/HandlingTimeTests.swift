import SLACore
import SLATestSupport
import Testing

/// The handling time by support level (SPEC §16), worked out by hand on the built-in calendar
/// (Monday 16 November 2026 and Monday 2 November 2026 are holidays).
@Suite struct HandlingTimeTests {
    let attention = AttentionClock(policy: .standard, businessClock: TestCalendars.businessClock)

    func serviceCase(_ priority: Priority = .p3, contract: Contract = .onPremise, created: String) -> ServiceCase {
        ServiceCase(
            id: "C1", clientID: "K1", type: .incidente, priority: priority, impact: .media, urgency: .media,
            contract: contract, createdAt: .bogota(created))
    }

    /// Events numbered in the order given; `level` for escalations.
    func events(_ list: [(String, EventKind, Int?)]) -> [CaseEvent] {
        list.enumerated().map {
            CaseEvent(id: String($0.offset + 1), at: .bogota($0.element.0), kind: $0.element.1, level: $0.element.2)
        }
    }

    func levels(_ handling: HandlingTime) -> [Int64] { handling.levelSeconds }

    @Test func anEscalationDuringAPauseChargesTheLevelFromTheClientsAnswerOn() throws {
        // Tuesday 17: level 1 works 08:00–10:00, the client owes an answer 10:00–14:00 (level 2
        // takes the case at 11:00 meanwhile), level 2 works 14:00–16:00 and solves it.
        let history = events([
            ("2026-11-17T10:00", .waitingClient, nil), ("2026-11-17T11:00", .escalated, 2),
            ("2026-11-17T14:00", .clientResponded, nil), ("2026-11-17T16:00", .solved, nil)
        ])
        let result = try attention.evaluate(
            serviceCase(created: "2026-11-17T08:00"), events: history,
            asOf: .bogota("2026-11-18T12:00"))
        #expect(levels(result.handling) == [7_200, 7_200, 0])
        #expect(result.handling.level == 2)
        #expect(result.resolutionSeconds == 14_400)
        #expect(result.handling.totalSeconds == result.resolutionSeconds)
    }

    @Test func aReopeningSendsTheCaseBackToLevelOne() throws {
        // Level 1 08:00–09:00, level 2 09:00–10:30, level 3 10:30–12:00 (solved); reopened on
        // Wednesday 18 at 09:00 at level 1, which solves it at 10:00.
        let history = events([
            ("2026-11-17T09:00", .escalated, 2), ("2026-11-17T10:30", .escalated, 3),
            ("2026-11-17T12:00", .solved, nil), ("2026-11-18T09:00", .reopened, nil),
            ("2026-11-18T10:00", .solved, nil)
        ])
        let result = try attention.evaluate(
            serviceCase(created: "2026-11-17T08:00"), events: history,
            asOf: .bogota("2026-11-18T17:00"))
        #expect(levels(result.handling) == [7_200, 5_400, 5_400])
        #expect(result.handling.level == 1)
        #expect(result.resolutionSeconds == 18_000)
        #expect(result.handling.totalSeconds == 18_000)
        // Between the solution and the reopening nothing counts, at any level.
        let solved = try attention.evaluate(
            serviceCase(created: "2026-11-17T08:00"), events: history,
            asOf: .bogota("2026-11-18T08:59"))
        #expect(levels(solved.handling) == [3_600, 5_400, 5_400])
        #expect(solved.handling.level == 3)
    }

    @Test func anEscalationWithoutALevelKeepsTheLevelHeld() throws {
        let history = events([("2026-11-17T09:00", .escalated, 2), ("2026-11-17T10:00", .escalated, nil)])
        let result = try attention.evaluate(
            serviceCase(created: "2026-11-17T08:00"), events: history,
            asOf: .bogota("2026-11-17T11:00"))
        #expect(levels(result.handling) == [3_600, 7_200, 0])
        #expect(result.handling.level == 2)
        #expect(CaseHandling.supportLevel(history) == 2)
        #expect(CaseHandling.levelChanges(history).map(\.level) == [2])
    }

    @Test func theBusinessClockSkipsTheWeekendAndTheHoliday() throws {
        // Friday 13 17:00–17:30 at level 1, 17:30–18:00 at level 2; Monday 16 is a holiday;
        // Tuesday 17 07:30–08:30 at level 2.
        let history = events([("2026-11-13T17:30", .escalated, 2), ("2026-11-17T08:30", .solved, nil)])
        let result = try attention.evaluate(
            serviceCase(created: "2026-11-13T17:00"), events: history,
            asOf: .bogota("2026-11-20T12:00"))
        #expect(result.clock == .business)
        #expect(levels(result.handling) == [1_800, 5_400, 0])
        #expect(result.handling.totalSeconds == result.resolutionSeconds)
    }

    @Test func aSaaSP1CountsEverySecond() throws {
        // Saturday 14 22:00 to Sunday 02:00 at level 1, then level 3 until the solution at 03:30.
        let history = events([("2026-11-15T02:00", .escalated, 3), ("2026-11-15T03:30", .solved, nil)])
        let saas = try attention.evaluate(
            serviceCase(.p1, contract: .saas, created: "2026-11-14T22:00"), events: history,
            asOf: .bogota("2026-11-15T05:00"))
        #expect(saas.clock == .twentyFourSeven)
        #expect(levels(saas.handling) == [14_400, 0, 5_400])
        // The same history on premise runs on the business clock: a weekend night counts nothing.
        let onPremise = try attention.evaluate(
            serviceCase(.p1, contract: .onPremise, created: "2026-11-14T22:00"),
            events: history, asOf: .bogota("2026-11-15T05:00"))
        #expect(levels(onPremise.handling) == [0, 0, 0])
    }

    @Test func aWaitWhileSolvedIsIgnoredAndAReopeningDoesNotEndAWait() throws {
        // 08:00–09:00 level 1, solved; a waiting_client at 09:30 while solved is ignored; reopened
        // 10:00, level 1 until the wait at 11:00; a reopening at 11:30 does not end the wait; level 2
        // takes the case at 12:00 meanwhile and works it from the answer at 13:00 to the closure at 14:00.
        let history = events([
            ("2026-11-17T09:00", .solved, nil), ("2026-11-17T09:30", .waitingClient, nil),
            ("2026-11-17T10:00", .reopened, nil), ("2026-11-17T11:00", .waitingClient, nil),
            ("2026-11-17T11:30", .reopened, nil), ("2026-11-17T12:00", .escalated, 2),
            ("2026-11-17T13:00", .clientResponded, nil), ("2026-11-17T14:00", .closed, nil)
        ])
        let result = try attention.evaluate(
            serviceCase(created: "2026-11-17T08:00"), events: history,
            asOf: .bogota("2026-11-20T12:00"))
        #expect(levels(result.handling) == [7_200, 3_600, 0])
        #expect(result.resolutionSeconds == nil)  // closed after a reopening: not solved
    }

    @Test func aDiagnosisStopsTheAttentionClockButNotTheHandlingTime() throws {
        let history = events([("2026-11-17T09:00", .diagnosed, nil)])
        let result = try attention.evaluate(
            serviceCase(created: "2026-11-17T08:00"), events: history,
            asOf: .bogota("2026-11-17T12:00"))
        #expect(result.elapsedSeconds == 3_600)
        #expect(levels(result.handling) == [14_400, 0, 0])
    }

    @Test func theOLABreachIsTheFirstInstantOverIt() throws {
        var terms = Terms.standard
        terms.ola = [3_600, 7_200, nil]
        let attention = AttentionClock(policy: Policy(defaults: terms), businessClock: TestCalendars.businessClock)
        // Level 1 from Tuesday 17:30: 30 min that evening, the rest from Wednesday 07:30; its hour is
        // exceeded at 08:00:01. Level 3 has no OLA.
        let history = events([("2026-11-18T09:00", .escalated, 3)])
        let result = try attention.evaluate(
            serviceCase(created: "2026-11-17T17:30"), events: history,
            asOf: .bogota("2026-11-18T12:00"))
        #expect(levels(result.handling) == [7_200, 0, 10_800])
        #expect(result.handling.olaBreachedAt(level: 1)?.description == "2026-11-18T08:00:01-05:00")
        #expect(result.handling.olaBreachedAt(level: 2) == nil)
        #expect(result.handling.olaBreachedAt(level: 3) == nil)
        // Exactly on the OLA is not over it.
        let onIt = try attention.evaluate(serviceCase(created: "2026-11-17T17:30"), events: [], asOf: .bogota("2026-11-18T08:00"))
        #expect(onIt.handling.level1Seconds == 3_600)
        #expect(onIt.handling.olaBreachedAt(level: 1) == nil)
        #expect(onIt.ola(level: 1) == 3_600)
    }

    @Test func anOLABreachCountsInTheMonthItHappened() throws {
        var terms = Terms.standard
        terms.ola = [3_600, nil, nil]
        let attention = AttentionClock(policy: Policy(defaults: terms), businessClock: TestCalendars.businessClock)
        // Friday 30 October 17:00–18:00 is exactly the OLA at October's end; Monday 2 November is a
        // holiday, so the level goes over it on Tuesday 3 November at 07:30:01: November's breach.
        let c = serviceCase(created: "2026-10-30T17:00")
        let october = try #require(ReportMonth("2026-10"))
        let november = try #require(ReportMonth("2026-11"))
        let atOctober = try attention.evaluate(c, events: [], asOf: october.end)
        #expect(atOctober.handling.level1Seconds == 3_600)
        #expect(!TimeByLevel.olaBreached(atOctober, level: 1, in: october))
        let atNovember = try attention.evaluate(c, events: [], asOf: november.end)
        #expect(atNovember.handling.olaBreachedAt(level: 1)?.description == "2026-11-03T07:30:01-05:00")
        #expect(!TimeByLevel.olaBreached(atNovember, level: 1, in: october))
        #expect(TimeByLevel.olaBreached(atNovember, level: 1, in: november))
    }

    @Test func theBreachListMarksTheCurrentLevelOverItsOLA() throws {
        var terms = Terms.standard
        terms.ola = [3_600, 9_000, nil]
        let attention = AttentionClock(policy: Policy(defaults: terms), businessClock: TestCalendars.businessClock)
        let c = serviceCase(created: "2026-11-17T08:00")
        // Level 1 used 3 h (over its 1 h, but it no longer holds the case); level 2 3.5 h over 2.5 h.
        let history = events([("2026-11-17T11:00", .escalated, 2)])
        let asOf = Instant.bogota("2026-11-17T14:30")
        let snapshot = CaseSnapshot(
            serviceCase: c, product: "P", summary: "", clientName: "", kamID: "", kamName: "",
            events: history)
        let row = StatusRow(snapshot: snapshot, evaluation: try attention.evaluate(c, events: history, asOf: asOf), asOf: asOf)
        let over = try #require(row.currentLevelOverOLA)
        #expect(over.level == 2 && over.seconds == 3_600)
        let withinRow = StatusRow(
            snapshot: snapshot,
            evaluation: try attention.evaluate(
                c, events: history,
                asOf: .bogota("2026-11-17T13:30")),
            asOf: .bogota("2026-11-17T13:30"))
        #expect(withinRow.currentLevelOverOLA == nil)  // exactly on level 2's OLA
    }

    /// The month's rows: the cases of the resolution figures with time at each level, their mean
    /// and median, and every OLA breach of the month, resolved or not.
    @Test func theMonthsTimeByLevel() throws {
        var terms = Terms.standard
        terms.ola = [3_600, nil, 1_800]
        let policy = Policy(defaults: terms)
        let attention = AttentionClock(policy: policy, businessClock: TestCalendars.businessClock)
        let month = try #require(ReportMonth("2026-11"))
        func row(_ id: String, created: String, _ list: [(String, EventKind, Int?)]) throws -> StatusRow {
            var c = serviceCase(created: created)
            c.id = id
            let history = events(list)
            let snapshot = CaseSnapshot(
                serviceCase: c, product: "P", summary: "", clientName: "Uno", kamID: "kam",
                kamName: "KAM", events: history)
            return StatusRow(
                snapshot: snapshot, evaluation: try attention.evaluate(c, events: history, asOf: month.end),
                asOf: month.end)
        }
        let rows = [
            // Solved in November: 2 h at level 1 (over its OLA), 1 h at level 3 (over its OLA).
            try row("A", created: "2026-11-17T08:00", [("2026-11-17T10:00", .escalated, 3), ("2026-11-17T11:00", .solved, nil)]),
            // Solved in November: 1 h at level 1 (on the OLA, not over), none at 2 or 3.
            try row("B", created: "2026-11-18T08:00", [("2026-11-18T09:00", .solved, nil)]),
            // Open at the month's end: its level 1 breach counts, its time does not.
            try row("C", created: "2026-11-30T08:00", []),
            // Solved in October: neither its time nor its October breach counts in November.
            try row("D", created: "2026-10-27T08:00", [("2026-10-27T12:00", .solved, nil)])
        ]
        var client = ClientFigures(clientID: "K1", clientName: "Uno")
        client.terms = terms
        let levels = TimeByLevel.rows(month: month, clients: [client], rows: rows)
        #expect(levels.map(\.level) == [1, 2, 3])
        #expect(levels.map(\.cases) == [2, 0, 1])
        #expect(levels[0].meanHours == 1.5 && levels[0].medianHours == 1.5)
        #expect(levels[1].meanHours == nil)
        #expect(levels[2].meanHours == 1)
        #expect(levels.map(\.olaSeconds) == [3_600, nil, 1_800])
        #expect(levels.map(\.olaBreaches) == [2, 0, 1])
        let total = TimeByLevel.total(levels + levels)
        #expect(total.map(\.cases) == [4, 0, 2])
        #expect(total.map(\.olaBreaches) == [4, 0, 2])
        #expect(total.map(\.olaSeconds) == [3_600, nil, 1_800])
    }
}
