import SLACore
import SLATestSupport
import Testing

/// One hand-computed example for each sentence of SPEC §6, on the built-in calendar (Monday 16
/// November 2026 and Tuesday 8 December 2026 are holidays).
@Suite struct AutomaticClosureTests {
    let closure = AutomaticClosure(calendar: TestCalendars.standard)

    func events(_ list: [(String, EventKind)]) -> [CaseEvent] {
        list.enumerated().map { CaseEvent(id: String($0.offset + 1), at: .bogota($0.element.0), kind: $0.element.1) }
    }

    @Test(arguments: [
        ("2026-11-20T15:00", "2026-11-27T18:00:00-05:00"),  // SPEC: Friday → Friday
        ("2026-11-13T10:00", "2026-11-23T18:00:00-05:00"),  // SPEC: Monday 16 is a holiday
        ("2026-11-21T11:00", "2026-11-27T18:00:00-05:00"),  // Saturday: Monday is the first day
        ("2026-11-22T23:59:59", "2026-11-27T18:00:00-05:00"),  // Sunday night
        ("2026-11-23T06:00", "2026-11-30T18:00:00-05:00"),  // before the window: the date counts, not the hour
        ("2026-11-23T19:00", "2026-11-30T18:00:00-05:00"),  // after the window: the same
        ("2026-12-03T09:00", "2026-12-11T18:00:00-05:00"),  // Tuesday 8 December is a holiday
        ("2026-12-24T09:00", "2027-01-04T18:00:00-05:00"),  // Christmas and New Year
        ("2026-03-27T09:00", "2026-04-07T18:00:00-05:00")  // Holy Thursday and Good Friday
    ])
    func closureDeadline(solved: String, deadline: String) throws {
        #expect(try closure.closureDeadline(solvedAt: .bogota(solved), days: 5).description == deadline)
    }

    @Test func aPeriodThatReachesItsDeadlineClosesTheCaseAtTheDeadline() throws {
        let history = events([("2026-11-13T10:00", .diagnosed), ("2026-11-13T10:00", .solved)])
        let justBefore = try closure.periods(events: history, asOf: .bogota("2026-11-23T17:59:59"), days: 5)
        #expect(justBefore.map(\.outcome) == [.awaitingClient])
        let due = try closure.closuresDue(events: history, asOf: .bogota("2026-11-23T18:00"), days: 5)
        #expect(due.count == 1)
        #expect(due[0].closureEvent == CaseEvent(id: "sla-auto-closed:2", at: .bogota("2026-11-23T18:00"), kind: .autoClosed))
    }

    @Test(arguments: [EventKind.reopened, .clientResponded, .closed, .solved])
    func anAnswerBeforeTheDeadlineEndsThePeriod(kind: EventKind) throws {
        let history = events([("2026-11-20T15:00", .solved), ("2026-11-27T17:59:59", kind)])
        let periods = try closure.periods(events: history, asOf: .bogota("2026-12-31T00:00"), days: 5)
        #expect(periods[0].outcome == .ended(by: history[1]))
        #expect(
            try closure.closuresDue(events: history, asOf: .bogota("2026-12-31T00:00"), days: 5).filter {
                $0.solved.id == "1"
            }.isEmpty)
    }

    @Test(arguments: [EventKind.diagnosed, .waitingClient, .escalated])
    func otherEventsDoNotEndThePeriod(kind: EventKind) throws {
        let history = events([("2026-11-20T15:00", .solved), ("2026-11-24T09:00", kind)])
        let due = try closure.closuresDue(events: history, asOf: .bogota("2026-11-27T18:00"), days: 5)
        #expect(due.map(\.closureDeadline) == [.bogota("2026-11-27T18:00")])
    }

    @Test func aNewSolutionOpensANewPeriod() throws {
        let history = events([
            ("2026-11-10T09:00", .solved), ("2026-11-12T09:00", .reopened), ("2026-11-20T15:00", .solved)
        ])
        let periods = try closure.periods(events: history, asOf: .bogota("2026-11-30T00:00"), days: 5)
        #expect(periods.map(\.outcome) == [.ended(by: history[1]), .closureDue])
        #expect(periods[1].closureDeadline == .bogota("2026-11-27T18:00"))
    }

    @Test func aLateRunClosesWhatFellDueEvenWhenLaterEventsExist() throws {
        // Nobody ran on the 23rd; the client reopened on the 25th and the desk solved it again on the 26th.
        let history = events([
            ("2026-11-13T10:00", .solved), ("2026-11-25T08:00", .reopened), ("2026-11-26T08:00", .solved)
        ])
        let due = try closure.closuresDue(events: history, asOf: .bogota("2026-12-07T07:00"), days: 5)
        #expect(due.map(\.closureEvent.at) == [.bogota("2026-11-23T18:00"), .bogota("2026-12-03T18:00")])
        #expect(due.map(\.solved.id) == ["1", "3"])
    }

    @Test func anEventAtTheDeadlineComesTooLate() throws {
        let history = events([("2026-11-20T15:00", .solved), ("2026-11-27T18:00", .reopened)])
        let due = try closure.closuresDue(events: history, asOf: .bogota("2026-11-27T18:00"), days: 5)
        #expect(due.count == 1)
    }

    @Test func noPeriodIsClosedTwice() throws {
        var history = events([("2026-11-20T15:00", .solved)])
        let asOf = Instant.bogota("2026-11-30T07:00")
        let first = try closure.closuresDue(events: history, asOf: asOf, days: 5)
        #expect(first.count == 1)
        history.append(first[0].closureEvent)
        #expect(try closure.closuresDue(events: history, asOf: asOf, days: 5).isEmpty)
        #expect(try closure.periods(events: history, asOf: asOf, days: 5).map(\.outcome) == [.closed(by: first[0].closureEvent)])
        // An auto_closed at the deadline from elsewhere (an older tool) counts as the closure too.
        let imported = events([("2026-11-20T15:00", .solved), ("2026-11-27T18:00", .autoClosed)])
        #expect(try closure.closuresDue(events: imported, asOf: asOf, days: 5).isEmpty)
    }

    @Test func eventsAfterAsOfAreIgnored() throws {
        let history = events([("2026-11-20T15:00", .solved), ("2026-11-25T09:00", .reopened)])
        #expect(
            try closure.periods(events: history, asOf: .bogota("2026-11-24T00:00"), days: 5).map(\.outcome) == [.awaitingClient])
        #expect(try closure.periods(events: history, asOf: .bogota("2026-11-19T00:00"), days: 5).isEmpty)
    }

    @Test func aSolutionTheCalendarCannotPlaceIsAnError() {
        #expect(throws: ClockRangeError.self) { try closure.closureDeadline(solvedAt: .bogota("2100-12-28T09:00"), days: 5) }
    }

    /// The deadline against a day-by-day walk on many random solution instants and acceptance
    /// periods of every length a policy allows (1–30 business days, SPEC §10).
    @Test func deadlinesMatchADayByDayCount() throws {
        var random = SeededRandom(seed: 6)
        let calendar = TestCalendars.standard
        for _ in 0..<2_000 {
            let solved = Instant.bogota("2024-01-01T00:00").adding(seconds: Int64(random.below(4 * 365 * 86_400)))
            let days = 1 + Int(random.below(30))
            var date = solved.localDate
            var businessDays = 0
            while businessDays < days {
                date = date.adding(days: 1)
                let weekend = date.weekday == .saturday || date.weekday == .sunday
                if !weekend && calendar.holidays(on: date).isEmpty { businessDays += 1 }
            }
            #expect(try closure.closureDeadline(solvedAt: solved, days: days) == Instant(date, secondOfDay: 18 * 3600))
        }
    }
}
