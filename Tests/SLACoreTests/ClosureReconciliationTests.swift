import SLACore
import SLATestSupport
import Testing

/// A run every night and a single late run must leave the same closures, whatever order the
/// ticketing tool's events reach us in (review findings after issue 4).
@Suite struct ClosureReconciliationTests {
    let closure = AutomaticClosure(calendar: TestCalendars.standard)

    /// Applies one run's reconciliation to a history, as the nightly does in its transaction.
    func apply(_ history: [CaseEvent], asOf: Instant) throws -> [CaseEvent] {
        let change = try closure.reconcile(events: history, asOf: asOf, days: 5)
        let withdrawn = Set(change.withdrawn.map(\.id))
        return history.filter { !withdrawn.contains($0.id) } + change.due.map(\.closureEvent)
    }

    func ownClosures(_ history: [CaseEvent]) -> [String] {
        history.filter(AutomaticClosure.isWrittenByThisProgram).map { "\($0.id)@\($0.at)" }.sorted()
    }

    @Test func aSolutionAtTheSameSecondAsAnEarlierClosureIsNotEndedByIt() throws {
        // Solved 13 Nov → deadline Monday 23 Nov 18:00; a second solution exactly then.
        let history = [
            CaseEvent(id: "1", at: .bogota("2026-11-13T10:00"), kind: .solved),
            CaseEvent(id: "2", at: .bogota("2026-11-23T18:00"), kind: .solved)
        ]
        let late = try closure.closuresDue(events: history, asOf: .bogota("2026-12-07T07:00"), days: 5)
        #expect(late.map(\.solved.id) == ["1", "2"])
        let nightly = try apply(try apply(history, asOf: .bogota("2026-11-24T02:00")), asOf: .bogota("2026-12-07T07:00"))
        #expect(ownClosures(nightly) == late.map { "\($0.closureEventID)@\($0.closureDeadline)" }.sorted())
    }

    @Test func anImportedClosureAfterTheDeadlineIsThePeriodsClosure() throws {
        let history = [
            CaseEvent(id: "1", at: .bogota("2026-11-20T15:00"), kind: .solved),
            CaseEvent(id: "2", at: .bogota("2026-11-28T09:00"), kind: .autoClosed)  // the old tool, the next morning
        ]
        let periods = try closure.periods(events: history, asOf: .bogota("2026-12-01T07:00"), days: 5)
        #expect(periods.map(\.outcome) == [.closed(by: history[1])])
        #expect(try closure.closuresDue(events: history, asOf: .bogota("2026-12-01T07:00"), days: 5).isEmpty)
        // ... and when ours was written first, ours is withdrawn: the case is closed once.
        let ours = try apply(Array(history.prefix(1)), asOf: .bogota("2026-11-28T02:00"))
        let change = try closure.reconcile(events: ours + [history[1]], asOf: .bogota("2026-12-01T07:00"), days: 5)
        #expect(change.due.isEmpty)
        #expect(change.withdrawn.map(\.id) == ["sla-auto-closed:1"])
    }

    @Test func anImportedClosureAfterTheNextSolutionBelongsToTheNextPeriod() throws {
        let history = [
            CaseEvent(id: "1", at: .bogota("2026-11-20T15:00"), kind: .solved),
            CaseEvent(id: "2", at: .bogota("2026-11-30T09:00"), kind: .solved),
            CaseEvent(id: "3", at: .bogota("2026-12-10T09:00"), kind: .autoClosed)
        ]
        let periods = try closure.periods(events: history, asOf: .bogota("2026-12-11T07:00"), days: 5)
        #expect(periods.map(\.outcome) == [.closureDue, .closed(by: history[2])])
    }

    @Test func aReopeningRecordedLateWithdrawsTheClosure() throws {
        let solved = CaseEvent(id: "1", at: .bogota("2026-11-20T15:00"), kind: .solved)
        let closed = try apply([solved], asOf: .bogota("2026-11-28T02:00"))
        #expect(ownClosures(closed) == ["sla-auto-closed:1@2026-11-27T18:00:00-05:00"])
        // The client's answer of Thursday reaches us on Monday.
        let answered = closed + [CaseEvent(id: "2", at: .bogota("2026-11-26T10:00"), kind: .clientResponded)]
        let change = try closure.reconcile(events: answered, asOf: .bogota("2026-11-30T02:00"), days: 5)
        #expect(change.withdrawn.map(\.id) == ["sla-auto-closed:1"])
        #expect(change.due.isEmpty)
        let serviceCase = ServiceCase(
            id: "C1", clientID: "K1", type: .incidente, priority: .p3, impact: nil, urgency: nil,
            contract: .saas, createdAt: .bogota("2026-11-20T08:00"))
        let snapshot = CaseSnapshot(
            serviceCase: serviceCase, product: "", summary: "", clientName: "", kamID: "",
            kamName: "", events: answered.sorted(by: CaseEvent.inTimeOrder))
        #expect(!snapshot.isOpen)
        #expect(try snapshot.closingDuePeriods(with: closure, asOf: .bogota("2026-11-30T02:00"), days: 5).isOpen)
    }

    @Test func aSolutionThatMovedGetsItsClosureAtTheNewDeadline() throws {
        let closed = try apply(
            [CaseEvent(id: "1", at: .bogota("2026-11-20T15:00"), kind: .solved)],
            asOf: .bogota("2026-11-28T02:00"))
        // Re-imported with a corrected time: the solution was on Monday.
        let moved = closed.map { $0.id == "1" ? CaseEvent(id: "1", at: .bogota("2026-11-23T09:00"), kind: .solved) : $0 }
        // Before the new deadline (Monday 30 18:00) the old closure is withdrawn and the case awaits the client;
        let before = try apply(moved, asOf: .bogota("2026-11-30T02:00"))
        #expect(ownClosures(before).isEmpty)
        // from it on, the same closure id is written again at the new deadline (delete, then insert).
        let after = try apply(moved, asOf: .bogota("2026-12-01T02:00"))
        #expect(ownClosures(after) == ["sla-auto-closed:1@2026-11-30T18:00:00-05:00"])
    }

    /// Random histories whose events reach us at random later nights: nightly runs, each seeing
    /// only what was recorded by then, end with exactly the closures of one late run on everything.
    @Test func nightByNightEqualsOneLateRun() throws {
        var random = SeededRandom(seed: 46)
        let kinds: [EventKind] = [
            .solved, .solved, .solved, .reopened, .clientResponded, .closed, .diagnosed,
            .waitingClient, .autoClosed
        ]
        let start = Instant.bogota("2026-11-02T00:00")
        for _ in 0..<400 {
            var recorded: [(event: CaseEvent, recordedAt: Instant)] = []
            for index in 0..<(1 + random.below(7)) {
                // Times on whole hours, so that events often meet deadlines and each other exactly.
                let at = start.adding(seconds: Int64(random.below(40 * 24)) * 3600)
                let kind = kinds[random.below(kinds.count)]
                let delay = random.below(3) == 0 ? Int64(random.below(10 * 24)) * 3600 : 0
                recorded.append((CaseEvent(id: String(index + 1), at: at, kind: kind), at.adding(seconds: delay)))
            }
            var history: [CaseEvent] = []
            var night = Instant.bogota("2026-11-03T02:00")
            let last = Instant.bogota("2027-01-20T02:00")
            while night <= last {
                let seen = Set(history.map(\.id))
                history += recorded.filter { $0.recordedAt <= night && !seen.contains($0.event.id) }.map(\.event)
                history = try apply(history, asOf: night)
                night = night.adding(seconds: 86_400)
            }
            let all = recorded.map(\.event)
            let late = try apply(all, asOf: last)
            #expect(
                ownClosures(history) == ownClosures(late),
                "\(recorded.map { ($0.event.id, $0.event.at, $0.event.kind, $0.recordedAt) })")
            #expect(
                try closure.reconcile(events: history, asOf: last, days: 5).isEmpty,
                "\(history.sorted(by: CaseEvent.inTimeOrder).map { ($0.id, $0.at, $0.kind) })")
        }
    }
}
