/// The client's time to validate a delivered solution (SPEC §6): opened by a `solved` event, it
/// ends at its closure deadline unless the client or the desk acts first.
package struct AcceptancePeriod: Hashable, Sendable {
    /// The `solved` event that opened the period.
    package var solved: CaseEvent
    /// The close of the case's last acceptance day (the fifth business day by default) after the solution's local date.
    package var closureDeadline: Instant
    package var outcome: Outcome

    public enum Outcome: Hashable, Sendable {
        /// Ended before its deadline by this event (reopened, client_responded, closed, solved or an
        /// earlier auto_closed): no automatic closure.
        case ended(by: CaseEvent)
        /// Reached its deadline, and the `auto_closed` event for it is in the history.
        case closed(by: CaseEvent)
        /// Reached its deadline by as-of, and its `auto_closed` event is still to be written.
        case closureDue
        /// Its deadline is after as-of.
        case awaitingClient
    }

    /// The id of the `auto_closed` event this program writes for the period: derived from the
    /// `solved` event's id, so that writing it twice is the same row and a period is never closed twice.
    package var closureEventID: String { AcceptancePeriod.closureEventID(solvedEventID: solved.id) }

    /// `sla-auto-closed:<solved event id>`: the colon keeps it apart from the ticketing tool's ids.
    package static func closureEventID(solvedEventID: String) -> String { "sla-auto-closed:\(solvedEventID)" }

    /// The `auto_closed` event that closes the period, at its deadline (not at the time of the run).
    package var closureEvent: CaseEvent { CaseEvent(id: closureEventID, at: closureDeadline, kind: .autoClosed) }
}

/// Automatic closure (SPEC §6): walks a case's acceptance periods in event order and names the
/// ones whose deadline passed without the client answering. The client's days to answer are the
/// case's terms' (`acceptance_business_days`, five by default): every call is given them.
package struct AutomaticClosure: Sendable {
    public let calendar: BusinessCalendar

    package init(calendar: BusinessCalendar) {
        self.calendar = calendar
    }

    /// The closing time of the `days`-th business day after the local date of `solvedAt` (18:00
    /// with the standard service window), counted on the business calendar whatever the contract.
    package func closureDeadline(solvedAt: Instant, days: Int) throws(ClockRangeError) -> Instant {
        guard let day = calendar.businessDay(max(days, 1), after: solvedAt.localDate) else {
            throw ClockRangeError(instant: nil, years: calendar.years)
        }
        return Instant(day.date, secondOfDay: day.hours.closes)
    }

    /// Every acceptance period opened by a `solved` event at or before `asOf`, oldest first.
    ///
    /// A period ends without closure at the first `reopened`, `client_responded`, `closed` or
    /// `solved` strictly before its deadline, or at an `auto_closed` the ticketing tool recorded
    /// then; otherwise it reaches the deadline and closes the case there — even when later events
    /// exist (a late run). It is closed already when, before the next `solved`, the history holds
    /// an `auto_closed` from the ticketing tool at or after the deadline, or this program's own
    /// closure of it at the deadline.
    ///
    /// This program's closures never end or close another period: what they decide depends only
    /// on the ticketing tool's events, so a run every night and a single late run agree.
    ///
    /// - Parameter events: the case's events in any order; those after `asOf` are ignored.
    package func periods(events: [CaseEvent], asOf: Instant, days: Int) throws(ClockRangeError) -> [AcceptancePeriod] {
        let history = events.filter { $0.at <= asOf }.sorted(by: CaseEvent.inTimeOrder)
        var periods: [AcceptancePeriod] = []
        for (index, event) in history.enumerated() where event.kind == .solved {
            let deadline = try closureDeadline(solvedAt: event.at, days: days)
            let later = history[(index + 1)...]
            let untilNextSolution = later.prefix { $0.kind != .solved }
            let ownClosureID = AcceptancePeriod.closureEventID(solvedEventID: event.id)
            let outcome: AcceptancePeriod.Outcome
            if let ending = later.first(where: { $0.at < deadline && AutomaticClosure.endsPeriod($0) }) {
                outcome = .ended(by: ending)
            } else if let closure = untilNextSolution.first(where: {
                $0.kind == .autoClosed && !AutomaticClosure.isWrittenByThisProgram($0) && $0.at >= deadline
            })
                ?? later.first(where: {
                    $0.id == ownClosureID && AutomaticClosure.isWrittenByThisProgram($0) && $0.at == deadline
                })
            {
                outcome = .closed(by: closure)
            } else if deadline <= asOf {
                outcome = .closureDue
            } else {
                outcome = .awaitingClient
            }
            periods.append(AcceptancePeriod(solved: event, closureDeadline: deadline, outcome: outcome))
        }
        return periods
    }

    /// The `auto_closed` events to write for the periods of `events` that reached their deadline
    /// by `asOf` and are not closed yet, in time order.
    package func closuresDue(events: [CaseEvent], asOf: Instant, days: Int) throws(ClockRangeError) -> [AcceptancePeriod] {
        try reconcile(events: events, asOf: asOf, days: days).due
    }

    /// What a run must change in a case's history for its closures to match its periods.
    package struct Reconciliation: Sendable, Equatable {
        /// The periods that reached their deadline by as-of with no closure yet: write their `auto_closed`.
        package var due: [AcceptancePeriod] = []
        /// This program's earlier closures that no period stands behind any more — an event the
        /// ticketing tool recorded late shows the client answered in time, or the `solved` event
        /// moved — to delete, so that the history reads as if they had never been written.
        package var withdrawn: [CaseEvent] = []
        /// Whether a period is still waiting for the client at as-of (`hasPeriodAwaitingClient`):
        /// writing the due closures and withdrawing the others does not change it.
        package var awaitingClient = false

        package var isEmpty: Bool { due.isEmpty && withdrawn.isEmpty }
    }

    /// The closures to write and to withdraw for `events` as of `asOf`.
    package func reconcile(events: [CaseEvent], asOf: Instant, days: Int) throws(ClockRangeError) -> Reconciliation {
        let periods = try periods(events: events, asOf: asOf, days: days)
        var standing = Set<String>()
        var result = Reconciliation()
        for period in periods {
            switch period.outcome {
            case .closed(let closure): standing.insert(closure.id)
            case .closureDue: result.due.append(period)
            case .awaitingClient: result.awaitingClient = true
            case .ended: break
            }
        }
        result.withdrawn = events.filter {
            $0.at <= asOf && AutomaticClosure.isWrittenByThisProgram($0) && !standing.contains($0.id)
        }.sorted(by: CaseEvent.inTimeOrder)
        return result
    }

    /// Whether a period of `events` is still waiting for the client at `asOf`: such a case must
    /// stay under watch, closed or not, until its deadline passes.
    package func hasPeriodAwaitingClient(events: [CaseEvent], asOf: Instant, days: Int) throws(ClockRangeError) -> Bool {
        guard events.contains(where: { $0.kind == .solved }) else { return false }
        return try periods(events: events, asOf: asOf, days: days).contains { $0.outcome == .awaitingClient }
    }

    /// Whether `events` can hold an acceptance period or a closure of one: the cases a night
    /// reconciles, and the snapshots worth reconciling.
    package static func concerns(_ events: [CaseEvent]) -> Bool {
        events.contains { $0.kind == .solved || $0.kind == .autoClosed }
    }

    /// `auto_closed` events written by this program carry the id prefix `sla-auto-closed:`.
    package static func isWrittenByThisProgram(_ event: CaseEvent) -> Bool {
        event.kind == .autoClosed && event.id.hasPrefix(AcceptancePeriod.closureEventID(solvedEventID: ""))
    }

    private static func endsPeriod(_ event: CaseEvent) -> Bool {
        switch event.kind {
        case .reopened, .clientResponded, .closed, .solved: true
        case .autoClosed: !isWrittenByThisProgram(event)
        case .diagnosed, .waitingClient, .escalated, .committed: false
        }
    }
}

extension CaseSnapshot {
    /// The snapshot with its closures reconciled as of `asOf` — the `auto_closed` events of the
    /// periods that reached their deadline added, written yet or not, and the withdrawn ones
    /// removed: what a dry run previews, and what the monthly report and the export count.
    package func closingDuePeriods(with closure: AutomaticClosure, asOf: Instant, days: Int) throws(ClockRangeError)
        -> CaseSnapshot
    {
        guard AutomaticClosure.concerns(events) else { return self }
        return applying(try closure.reconcile(events: events, asOf: asOf, days: days))
    }

    /// The snapshot with `change` made: its due closures added, its withdrawn ones removed.
    package func applying(_ change: AutomaticClosure.Reconciliation) -> CaseSnapshot {
        guard !change.isEmpty else { return self }
        var closed = self
        let withdrawn = Set(change.withdrawn.map(\.id))
        closed.events = (events.filter { !withdrawn.contains($0.id) } + change.due.map(\.closureEvent))
            .sorted(by: CaseEvent.inTimeOrder)
        return closed
    }
}

/// One automatic closure, as `closures.csv` lists it.
public struct CaseClosure: Sendable, Equatable {
    public var caseID: String
    public var clientID: String
    public var solvedAt: Instant
    public var deadline: Instant
    package var closedAt: Instant

    package init(caseID: String, clientID: String, solvedAt: Instant, deadline: Instant, closedAt: Instant) {
        self.caseID = caseID
        self.clientID = clientID
        self.solvedAt = solvedAt
        self.deadline = deadline
        self.closedAt = closedAt
    }
}
