import SLACore
import SLATestSupport
import Testing

/// The ledger of an attention clock: worked examples by hand, and on random histories the
/// intervals cover the clock's life without gap or overlap, the counted seconds add up to its
/// elapsed time, and each interval's reason is what a minute-by-minute walk of the calendar says.
@Suite struct ClockLedgerTests {
    static let withNochebuena = BusinessCalendar(
        holidays: HolidayCalendar(
            rules: TestCalendars.standard.holidayCalendar.rules,
            organisationDays: [Holiday(date: .ymd("2026-12-24"), name: "Nochebuena", origin: .organisation)]),
        window: TestCalendars.standard.window)

    func rows(
        _ serviceCase: ServiceCase, _ events: [CaseEvent], asOf: String,
        calendar: BusinessCalendar = TestCalendars.standard
    ) throws -> [String] {
        let attention = AttentionClock(policy: .standard, businessClock: BusinessClock(calendar: calendar))
        let evaluation = try attention.evaluate(serviceCase, events: events, asOf: .bogota(asOf))
        let intervals = ClockLedger.intervals(of: evaluation, calendar: calendar)
        #expect(intervals.reduce(0) { $0 + $1.countedSeconds } == evaluation.elapsedSeconds)
        return intervals.map { "\($0.from) \($0.to) \($0.countedSeconds) \($0.reason.text)" }
    }

    func business(_ created: String, priority: Priority = .p3) -> ServiceCase {
        ServiceCase(
            id: "C", clientID: "K", type: .incidente, priority: priority, impact: .media, urgency: .media,
            contract: .onPremise, createdAt: .bogota(created))
    }

    /// Friday afternoon, over the weekend and the Monday holiday of 12 October 2026, a pause on
    /// Tuesday, diagnosed Wednesday.
    @Test func aBusinessClockOverAWeekendAHolidayAndAPause() throws {
        let events = [
            CaseEvent(id: "w1", at: .bogota("2026-10-13T10:00"), kind: .waitingClient),
            CaseEvent(id: "r1", at: .bogota("2026-10-13T15:00"), kind: .clientResponded),
            CaseEvent(id: "d1", at: .bogota("2026-10-14T08:00"), kind: .diagnosed)
        ]
        #expect(
            try rows(business("2026-10-09T16:00"), events, asOf: "2026-11-01T00:00") == [
                "2026-10-09T16:00:00-05:00 2026-10-09T18:00:00-05:00 7200 servicio",
                "2026-10-09T18:00:00-05:00 2026-10-10T00:00:00-05:00 0 fuera de horario",
                "2026-10-10T00:00:00-05:00 2026-10-12T00:00:00-05:00 0 fin de semana",
                "2026-10-12T00:00:00-05:00 2026-10-13T00:00:00-05:00 0 festivo: Día de la Diversidad Étnica y Cultural de la Nación Colombiana",
                "2026-10-13T00:00:00-05:00 2026-10-13T07:30:00-05:00 0 fuera de horario",
                "2026-10-13T07:30:00-05:00 2026-10-13T10:00:00-05:00 9000 servicio",
                "2026-10-13T10:00:00-05:00 2026-10-13T15:00:00-05:00 0 en espera del cliente (w1)",
                "2026-10-13T15:00:00-05:00 2026-10-13T18:00:00-05:00 10800 servicio",
                "2026-10-13T18:00:00-05:00 2026-10-14T07:30:00-05:00 0 fuera de horario",
                "2026-10-14T07:30:00-05:00 2026-10-14T08:00:00-05:00 1800 servicio"
            ])
    }

    @Test func anOrganisationDayIsADayOffByItsName() throws {
        #expect(
            try rows(business("2026-12-23T17:00"), [], asOf: "2026-12-28T08:30", calendar: Self.withNochebuena) == [
                "2026-12-23T17:00:00-05:00 2026-12-23T18:00:00-05:00 3600 servicio",
                "2026-12-23T18:00:00-05:00 2026-12-24T00:00:00-05:00 0 fuera de horario",
                "2026-12-24T00:00:00-05:00 2026-12-25T00:00:00-05:00 0 día no laborable: Nochebuena",
                "2026-12-25T00:00:00-05:00 2026-12-26T00:00:00-05:00 0 festivo: Día de Navidad",
                "2026-12-26T00:00:00-05:00 2026-12-28T00:00:00-05:00 0 fin de semana",
                "2026-12-28T00:00:00-05:00 2026-12-28T07:30:00-05:00 0 fuera de horario",
                "2026-12-28T07:30:00-05:00 2026-12-28T08:30:00-05:00 3600 servicio"
            ])
    }

    /// A 24x7 clock counts every second: one interval per stretch, the pause between them.
    @Test func aRoundTheClockClockIsServiceExceptWhilePaused() throws {
        let p1 = ServiceCase(
            id: "P", clientID: "K", type: .incidente, priority: .p1, impact: nil, urgency: nil,
            contract: .saas, createdAt: .bogota("2026-10-10T22:00"))
        let events = [
            CaseEvent(id: "7", at: .bogota("2026-10-11T01:00"), kind: .waitingClient),
            CaseEvent(id: "8", at: .bogota("2026-10-11T02:00"), kind: .clientResponded)
        ]
        #expect(
            try rows(p1, events, asOf: "2026-10-11T05:00") == [
                "2026-10-10T22:00:00-05:00 2026-10-11T01:00:00-05:00 10800 servicio",
                "2026-10-11T01:00:00-05:00 2026-10-11T02:00:00-05:00 0 en espera del cliente (7)",
                "2026-10-11T02:00:00-05:00 2026-10-11T05:00:00-05:00 10800 servicio"
            ])
    }

    @Test func aClockStoppedAtItsRegistrationHasNoInterval() throws {
        #expect(
            try rows(
                business("2026-10-09T16:00"), [CaseEvent(id: "1", at: .bogota("2026-10-09T16:00"), kind: .diagnosed)],
                asOf: "2026-11-01T00:00"
            ).isEmpty)
    }

    /// Random cases and histories on both clocks (the matrix's business clock, the SaaS P1's 24x7).
    @Test(arguments: [311, 312, 313, 314] as [UInt64])
    func theIntervalsCoverTheClockAndAddUpToItsElapsedTime(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        var reference = MinuteByMinuteClock(holidays: TestCalendars.standard.holidayCalendar, years: 2025...2028)
        let attention = AttentionClock(policy: .standard, businessClock: TestCalendars.businessClock)
        let base = Instant.bogota("2026-03-20T00:00").secondsSince1970
        var clocks: Set<ClockKind> = []
        for sample in 0..<250 {
            let (serviceCase, events) = AttentionClockPropertyTests.randomCase(sample, clients: ["K"], base: base, &random)
            let asOf = Instant(
                secondsSince1970: serviceCase.createdAt.secondsSince1970
                    + Int64.random(in: 0..<(15 * 1440), using: &random) * 60)
            let evaluation = try attention.evaluate(serviceCase, events: events, asOf: asOf)
            clocks.insert(evaluation.clock)
            let intervals = ClockLedger.intervals(of: evaluation, calendar: TestCalendars.standard)
            let context = "seed \(seed) sample \(sample): \(serviceCase) \(events) as of \(asOf)"
            #expect(intervals.reduce(0) { $0 + $1.countedSeconds } == evaluation.elapsedSeconds, "\(context)")
            let end = evaluation.stoppedAt ?? asOf
            guard serviceCase.createdAt < end else {
                #expect(intervals.isEmpty, "\(context)")
                continue
            }
            #expect(intervals.first?.from == serviceCase.createdAt, "\(context)")
            #expect(intervals.last?.to == end, "\(context)")
            for (previous, next) in zip(intervals, intervals.dropFirst()) {
                #expect(previous.to == next.from, "\(context)")
                #expect(previous.reason != next.reason, "\(context): two intervals of one reason side by side")
            }
            let waits = Set(events.filter { $0.kind == .waitingClient }.map(\.id))
            for interval in intervals {
                #expect(interval.from < interval.to, "\(context)")
                let from = interval.from.secondsSince1970
                let to = interval.to.secondsSince1970
                let open = evaluation.clock == .twentyFourSeven ? to - from : reference.elapsedSeconds(from: from, to: to)
                switch interval.reason {
                case .service:
                    #expect(interval.countedSeconds == open && open > 0, "\(context): \(interval)")
                case .waitingOnClient(let eventID):
                    #expect(interval.countedSeconds == 0 && waits.contains(eventID), "\(context): \(interval)")
                default:
                    #expect(interval.countedSeconds == 0 && open == 0, "\(context): \(interval)")
                }
            }
        }
        #expect(clocks == [.business, .twentyFourSeven])
    }
}
