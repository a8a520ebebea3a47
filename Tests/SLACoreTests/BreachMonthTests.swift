import SLACore
import SLATestSupport
import Testing

/// The month a breach is counted in: breached as of the month's end and not yet as of its start —
/// once, in the month the clock went over its target. Monday 31 August 2026 is August's last
/// business day; Tuesday 1 September opens at 07:30.
@Suite struct BreachMonthTests {
    static let august = ReportMonth(containing: .bogota("2026-08-15T12:00"))
    static let september = ReportMonth(containing: .bogota("2026-09-15T12:00"))
    static let october = ReportMonth(containing: .bogota("2026-10-15T12:00"))

    /// A P3 case with impact and urgency `alta`: 8 business hours on the business clock.
    static func p3(_ id: String, at created: String) -> ServiceCase {
        ServiceCase(
            id: id, clientID: "K1", type: .incidente, priority: .p3, impact: .alta, urgency: .alta,
            contract: .onPremise, createdAt: .bogota(created))
    }

    /// A P1 case of a SaaS client: 4 hours on the 24×7 clock.
    static func p1SaaS(_ id: String, at created: String) -> ServiceCase {
        ServiceCase(
            id: id, clientID: "K1", type: .incidente, priority: .p1, impact: nil, urgency: nil,
            contract: .saas, createdAt: .bogota(created))
    }

    static func event(_ id: String, _ at: String, _ kind: EventKind) -> CaseEvent {
        CaseEvent(id: id, at: .bogota(at), kind: kind)
    }

    /// The KAM month of one client's cases, each evaluated as that month's report evaluates it:
    /// as of the first instant of the next month, with its events up to then.
    static func month(_ month: ReportMonth, _ cases: [(ServiceCase, [CaseEvent])], policy: Policy = .standard)
        throws -> KAMMonth
    {
        let attention = AttentionClock(policy: policy, businessClock: TestCalendars.businessClock)
        let rows = try cases.map { serviceCase, events in
            let history = events.filter { $0.at <= month.end }.sorted(by: CaseEvent.inTimeOrder)
            let snapshot = CaseSnapshot(
                serviceCase: serviceCase, product: "KACTUS", summary: "", clientName: "Clínica",
                kamID: "kam", kamName: "Ana", events: history)
            return StatusRow(
                snapshot: snapshot,
                evaluation: try attention.evaluate(serviceCase, events: history, asOf: month.end), asOf: month.end)
        }
        return try KAMMonth(
            kamID: "kam", kamName: "Ana", month: month, clients: [("K1", "Clínica", .onPremise)], rows: rows,
            closure: AutomaticClosure(calendar: TestCalendars.standard), policy: policy)
    }

    static func counts(_ kamMonth: KAMMonth) -> (met: Int, breached: Int, listed: [String]) {
        (kamMonth.total.met, kamMonth.total.breached, kamMonth.breaches.map(\.row.snapshot.serviceCase.id))
    }

    @Test func dueAtTheLastBusinessCloseAndStillRunningIsSeptembersBreach() throws {
        let running = (Self.p3("C1", at: "2026-08-31T10:00"), [CaseEvent]())
        let august = try Self.month(Self.august, [running])
        // On its target at August's end: at risk, not breached, not on August's list.
        #expect(august.cases.first?.row.evaluation.state == .atRisk)
        #expect(august.cases.first?.row.evaluation.dueAt == .bogota("2026-08-31T18:00"))
        #expect(Self.counts(august).breached == 0)
        #expect(Self.counts(august).listed.isEmpty)
        #expect(august.clients.first?.compliancePercent == nil)

        let september = try Self.month(Self.september, [running])
        #expect(september.breaches.first?.row.evaluation.breachedAt == .bogota("2026-09-01T07:30"))
        #expect(Self.counts(september).breached == 1)
        #expect(Self.counts(september).listed == ["C1"])
        #expect(try Self.counts(Self.month(Self.october, [running])).breached == 0)
    }

    @Test func diagnosedAtTheNextOpeningIsMetAndNeverBreached() throws {
        let onTime = (Self.p3("C2", at: "2026-08-31T10:00"), [Self.event("1", "2026-09-01T07:30:00", .diagnosed)])
        for month in [Self.august, Self.september, Self.october] {
            #expect(try Self.counts(Self.month(month, [onTime])).breached == 0, "\(month)")
        }
        let september = try Self.month(Self.september, [onTime])
        #expect(september.total.met == 1)
        #expect(september.clients.first?.compliancePercent == 100)
    }

    @Test func diagnosedOneSecondAfterTheOpeningIsBreachedInSeptember() throws {
        let late = (Self.p3("C3", at: "2026-08-31T10:00"), [Self.event("1", "2026-09-01T07:30:01", .diagnosed)])
        #expect(try Self.counts(Self.month(Self.august, [late])).breached == 0)
        let september = try Self.month(Self.september, [late])
        #expect(Self.counts(september).breached == 1)
        #expect(Self.counts(september).met == 0)
        let oneSecondOver: Int64 = 8 * 3600 + 1
        #expect(september.breaches.first?.row.evaluation.elapsedSeconds == oneSecondOver)
        #expect(try Self.counts(Self.month(Self.october, [late])).breached == 0)
    }

    @Test func pausedExactlyOnTargetOverTheBoundary() throws {
        // 8 business hours by 16:00 on 31 August, then waiting on the client into September.
        let created = "2026-08-31T08:00"
        let answered = (
            Self.p3("C4", at: created),
            [
                Self.event("1", "2026-08-31T16:00", .waitingClient),
                Self.event("2", "2026-09-02T09:00", .clientResponded)
            ]
        )
        let august = try Self.month(Self.august, [answered])
        #expect(august.cases.first?.row.evaluation.state == .paused)
        #expect(Self.counts(august).breached == 0)
        let september = try Self.month(Self.september, [answered])
        #expect(Self.counts(september).breached == 1)
        #expect(september.breaches.first?.row.evaluation.breachedAt == .bogota("2026-09-02T09:00"))

        // The same pause ended by the solution: it stopped exactly on its target, met, never breached.
        let solved = (
            Self.p3("C5", at: created),
            [
                Self.event("1", "2026-08-31T16:00", .waitingClient),
                Self.event("2", "2026-09-02T09:00", .solved)
            ]
        )
        for month in [Self.august, Self.september, Self.october] {
            #expect(try Self.counts(Self.month(month, [solved])).breached == 0, "\(month)")
        }
        #expect(try Self.month(Self.september, [solved]).total.met == 1)
    }

    @Test func aRoundTheClockTargetDueAtTheLastSecondIsAugustsBreach() throws {
        // 4 hours from 19:59:59 is 23:59:59: as of 00:00 on 1 September, 4 h 1 s have elapsed.
        let lastSecond = (Self.p1SaaS("C6", at: "2026-08-31T19:59:59"), [CaseEvent]())
        let august = try Self.month(Self.august, [lastSecond])
        #expect(august.breaches.first?.row.evaluation.breachedAt == .bogota("2026-08-31T23:59:59"))
        #expect(Self.counts(august).breached == 1)
        #expect(try Self.counts(Self.month(Self.september, [lastSecond])).breached == 0)

        // One second later it is due at midnight: exactly on its target at August's end.
        let midnight = (Self.p1SaaS("C7", at: "2026-08-31T20:00:00"), [CaseEvent]())
        #expect(try Self.counts(Self.month(Self.august, [midnight])).breached == 0)
        #expect(try Self.counts(Self.month(Self.september, [midnight])).breached == 1)
    }

    @Test func theTrendCountsEachBoundaryCaseInTheMonthItsOwnReportDoes() throws {
        let cases = [
            (Self.p3("C1", at: "2026-08-31T10:00"), [CaseEvent]()),
            (Self.p3("C2", at: "2026-08-31T10:00"), [Self.event("1", "2026-09-01T07:30:00", .diagnosed)]),
            (Self.p3("C3", at: "2026-08-31T10:00"), [Self.event("1", "2026-09-01T07:30:01", .diagnosed)]),
            (Self.p1SaaS("C6", at: "2026-08-31T19:59:59"), [CaseEvent]()),
            (Self.p1SaaS("C7", at: "2026-08-31T20:00:00"), [CaseEvent]())
        ]
        let attention = AttentionClock(policy: .standard, businessClock: TestCalendars.businessClock)
        let everyRow = try cases.map { serviceCase, events in
            StatusRow(
                snapshot: CaseSnapshot(
                    serviceCase: serviceCase, product: "KACTUS", summary: "", clientName: "Clínica",
                    kamID: "kam", kamName: "Ana", events: events),
                evaluation: try attention.evaluate(serviceCase, events: events, asOf: Self.october.end), asOf: Self.october.end)
        }
        let fullTrend = MonthlyTrend.rows(endingWith: Self.october, clientIDs: ["K1"], rows: everyRow, policy: .standard)
        for month in [Self.august, Self.september, Self.october] {
            let own = try Self.month(month, cases)
            let row = fullTrend.first { $0.month == month }
            #expect(row?.breached == own.total.breached, "\(month)")
            #expect(row?.met == own.total.met, "\(month)")
        }
        #expect(fullTrend.first { $0.month == Self.august }?.breached == 1)  // C6
        #expect(fullTrend.first { $0.month == Self.september }?.breached == 3)  // C1, C3, C7
        #expect(fullTrend.count == 12)
    }
}
