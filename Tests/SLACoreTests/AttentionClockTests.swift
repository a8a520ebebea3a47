import SLACore
import SLATestSupport
import Testing

/// One hand-computed example for each rule of SPEC §4, on the built-in calendar (Monday 16 November
/// 2026 is a holiday).
@Suite struct AttentionClockTests {
    let attention = AttentionClock(policy: .standard, businessClock: TestCalendars.businessClock)

    func serviceCase(
        _ priority: Priority, _ impact: Grade?, _ urgency: Grade?, contract: Contract = .onPremise,
        created: String
    ) -> ServiceCase {
        ServiceCase(
            id: "C1", clientID: "K1", type: .incidente, priority: priority, impact: impact, urgency: urgency,
            contract: contract, createdAt: .bogota(created))
    }

    func events(_ list: [(String, EventKind)]) -> [CaseEvent] {
        list.enumerated().map { CaseEvent(id: String($0.offset + 1), at: .bogota($0.element.0), kind: $0.element.1) }
    }

    @Test func aDueInstantOnTheWindowsEndIsThatEnd() throws {
        let c = serviceCase(.p2, .alta, .alta, created: "2026-11-17T10:00")  // 8 business hours
        let atEnd = try attention.evaluate(c, events: [], asOf: .bogota("2026-11-17T18:00"))
        #expect(atEnd.elapsedSeconds == 28_800)
        #expect(atEnd.state == .atRisk)  // equal to the target is not over it
        #expect(atEnd.dueAt?.description == "2026-11-17T18:00:00-05:00")
        #expect(atEnd.escalationLevel == 2)
        let nextMorning = try attention.evaluate(c, events: [], asOf: .bogota("2026-11-18T07:30:01"))
        #expect(nextMorning.elapsedSeconds == 28_801)
        #expect(nextMorning.state == .breached)
        #expect(nextMorning.dueAt?.description == "2026-11-17T18:00:00-05:00")
        #expect(nextMorning.escalationLevel == 3)
    }

    @Test func weekendsAndHolidaysDoNotCount() throws {
        let c = serviceCase(.p2, .alta, .alta, created: "2026-11-13T17:00")
        let result = try attention.evaluate(c, events: [], asOf: .bogota("2026-11-16T12:00"))
        #expect(result.elapsedSeconds == 3_600)
        #expect(result.state == .running)
        #expect(result.dueAt?.description == "2026-11-17T14:30:00-05:00")
        #expect(result.escalationLevel == nil)
        #expect(result.clock == .business)
        #expect(result.targetSeconds == 28_800)
    }

    @Test func aPauseAcrossNightsAndAHolidayIsNotCounted() throws {
        let c = serviceCase(.p3, .media, .media, created: "2026-11-13T09:00")  // 32 business hours
        let history = events([("2026-11-13T15:00", .waitingClient), ("2026-11-17T10:00", .clientResponded)])
        let result = try attention.evaluate(c, events: history, asOf: .bogota("2026-11-17T12:00"))
        #expect(result.elapsedSeconds == 28_800)  // 6 h on Friday, 2 h on Tuesday
        #expect(result.pausedSeconds == 19_800)  // Friday 15:00–18:00, Tuesday 07:30–10:00
        #expect(result.state == .running)
        // 26 h left from Tuesday 10:00: 8 h Tuesday, 10.5 h Wednesday, 7.5 h Thursday.
        #expect(result.dueAt?.description == "2026-11-19T15:00:00-05:00")
        #expect(result.segments.map(\.seconds) == [21_600, 7_200])
    }

    @Test func p1RunsAroundTheClockForSaaSAndOnBusinessHoursOnPremise() throws {
        let asOf = Instant.bogota("2026-11-15T03:00")
        let saas = try attention.evaluate(
            serviceCase(.p1, nil, nil, contract: .saas, created: "2026-11-14T22:00"),
            events: [], asOf: asOf)
        #expect(saas.clock == .twentyFourSeven)
        #expect(saas.elapsedSeconds == 18_000)
        #expect(saas.state == .breached)
        #expect(saas.dueAt?.description == "2026-11-15T02:00:00-05:00")
        #expect(saas.escalationLevel == 3)
        let onPremise = try attention.evaluate(
            serviceCase(.p1, nil, nil, created: "2026-11-14T22:00"), events: [],
            asOf: asOf)
        #expect(onPremise.clock == .business)
        #expect(onPremise.elapsedSeconds == 0)
        #expect(onPremise.state == .running)
        #expect(onPremise.dueAt?.description == "2026-11-17T11:30:00-05:00")
    }

    @Test func unclassifiedCasesStillRunTheirClock() throws {
        let c = serviceCase(.p3, nil, .alta, created: "2026-11-23T08:00")
        let history = events([("2026-11-23T09:00", .waitingClient), ("2026-11-23T09:30", .clientResponded)])
        let result = try attention.evaluate(c, events: history, asOf: .bogota("2026-11-23T10:30"))
        #expect(result.state == .unclassified)
        #expect(result.clock == .business)
        #expect(result.elapsedSeconds == 7_200)
        #expect(result.pausedSeconds == 1_800)
        #expect(result.targetSeconds == nil)
        #expect(result.dueAt == nil)
        #expect(result.escalationLevel == nil)
    }

    @Test func atRiskFromSeventyFivePercent() throws {
        let c = serviceCase(.p2, .alta, .alta, created: "2026-11-23T08:00")  // 75 % of 8 h = 6 h
        #expect(try attention.evaluate(c, events: [], asOf: .bogota("2026-11-23T13:59:59")).state == .running)
        let atRisk = try attention.evaluate(c, events: [], asOf: .bogota("2026-11-23T14:00"))
        #expect(atRisk.state == .atRisk)
        #expect(atRisk.escalationLevel == 2)
        #expect(atRisk.dueAt?.description == "2026-11-23T16:00:00-05:00")
    }

    @Test func breachedWhilePaused() throws {
        let c = serviceCase(.p2, .alta, .alta, created: "2026-11-23T08:00")
        let history = events([("2026-11-24T08:00", .waitingClient)])  // 10 h Monday + 0.5 h Tuesday
        let result = try attention.evaluate(c, events: history, asOf: .bogota("2026-11-24T12:00"))
        #expect(result.elapsedSeconds == 37_800)
        #expect(result.pausedSeconds == 14_400)
        #expect(result.state == .breached)
        #expect(result.dueAt?.description == "2026-11-23T16:00:00-05:00")
        #expect(result.escalationLevel == 3)
        let notYet = try attention.evaluate(
            c, events: events([("2026-11-23T12:00", .waitingClient)]),
            asOf: .bogota("2026-11-24T12:00"))
        #expect(notYet.state == .paused)
        #expect(notYet.dueAt == nil)
        #expect(notYet.escalationLevel == nil)
    }

    @Test func aStoppedClockIsMetOrBreached() throws {
        let c = serviceCase(.p2, .alta, .alta, created: "2026-11-23T08:00")
        let met = try attention.evaluate(
            c, events: events([("2026-11-23T10:00", .diagnosed)]),
            asOf: .bogota("2026-11-30T10:00"))
        #expect(met.state == .met)
        #expect(met.elapsedSeconds == 7_200)
        #expect(met.stoppedAt?.description == "2026-11-23T10:00:00-05:00")
        #expect(met.dueAt == nil)
        #expect(met.escalationLevel == nil)
        let late = try attention.evaluate(
            c, events: events([("2026-11-24T12:00", .solved)]),
            asOf: .bogota("2026-11-30T10:00"))
        #expect(late.state == .breached)
        #expect(late.elapsedSeconds == 52_200)  // 10 h + 4.5 h
        #expect(late.dueAt?.description == "2026-11-23T16:00:00-05:00")
        #expect(late.escalationLevel == nil)  // the clock stopped: nothing left to escalate
    }

    @Test func resolutionTimeAcrossAReopening() throws {
        let c = serviceCase(.p3, .media, .media, created: "2026-11-23T08:00")
        let history = events([
            ("2026-11-23T10:00", .solved), ("2026-11-25T09:00", .reopened), ("2026-11-25T10:00", .waitingClient),
            ("2026-11-25T11:00", .clientResponded), ("2026-11-25T12:00", .solved)
        ])
        let solvedAgain = try attention.evaluate(c, events: history, asOf: .bogota("2026-11-25T13:00"))
        #expect(solvedAgain.resolutionSeconds == 14_400)  // 2 h, then 1 h + 1 h around the pause
        #expect(solvedAgain.state == .met)
        #expect(solvedAgain.elapsedSeconds == 7_200)
        let reopened = try attention.evaluate(c, events: history, asOf: .bogota("2026-11-25T09:30"))
        #expect(reopened.resolutionSeconds == nil)
        let firstSolution = try attention.evaluate(c, events: history, asOf: .bogota("2026-11-24T09:30"))
        #expect(firstSolution.resolutionSeconds == 7_200)
    }

    @Test func eventsAfterAsOfAreIgnoredAndTiesGoByEventID() throws {
        let c = serviceCase(.p2, .alta, .alta, created: "2026-11-23T08:00")
        let later = try attention.evaluate(
            c, events: events([("2026-11-23T10:00:01", .diagnosed)]),
            asOf: .bogota("2026-11-23T10:00"))
        #expect(later.state == .running)
        #expect(later.stoppedAt == nil)
        // Same instant: event 9 (client_responded) comes before event 10 (waiting_client), so the
        // case is waiting at as-of.
        let tie = [
            CaseEvent(id: "10", at: .bogota("2026-11-23T09:00"), kind: .waitingClient),
            CaseEvent(id: "9", at: .bogota("2026-11-23T09:00"), kind: .clientResponded)
        ]
        #expect(try attention.evaluate(c, events: tie, asOf: .bogota("2026-11-23T10:00")).state == .paused)
    }

    @Test(
        arguments: [
            (Grade.alta, Grade.alta, 8), (.media, .alta, 16), (.baja, .alta, 32), (.alta, .media, 16), (.media, .media, 32),
            (.baja, .media, 64), (.alta, .baja, 32), (.media, .baja, 64), (.baja, .baja, 96)
        ] as [(Grade, Grade, Int64)])
    func theMatrixByImpactAndUrgency(impact: Grade, urgency: Grade, hours: Int64) {
        let c = serviceCase(.p4, impact, urgency, created: "2026-11-23T08:00")
        #expect(Terms.standard.target(for: c).target == hours * 3600)
        #expect(Terms.standard.target(for: c).clock == .business)
    }

    @Test(arguments: [
        ("Requerimiento", CaseType.solicitud), ("INCIDENTE", .incidente), ("access", .acceso), (" consulta ", .consulta)
    ])
    func caseTypesAcceptTheirAliases(text: String, type: CaseType) {
        #expect(CaseType(accepting: text) == type)
    }

    @Test func gradesContractsAndKindsAcceptTheirSpellings() {
        #expect(Grade(accepting: "High") == .alta)
        #expect(Grade(accepting: "medium") == .media)
        #expect(Grade(accepting: "low") == .baja)
        #expect(Grade(accepting: "urgente") == nil)
        #expect(Contract(accepting: "On-Premise") == .onPremise)
        #expect(Contract(accepting: "SaaS") == .saas)
        #expect(EventKind(accepting: "waiting client") == .waitingClient)
        #expect(EventKind(accepting: "auto_closed") == .autoClosed)
        #expect(Priority(accepting: "p2") == .p2)
        #expect(Priority(accepting: "P5") == nil)
        #expect(EventID.precedes("9", "10"))
        #expect(EventID.precedes("10", "E1"))
        #expect(!EventID.precedes("b", "a"))
    }
}
