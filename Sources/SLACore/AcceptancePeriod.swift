/// The client's time to validate a delivered solution (SPEC §6): opened by a `solved` event, it
/// ends at its closure deadline unless the client or the desk acts first.
public struct AcceptancePeriod: Hashable, Sendable {
    /// The `solved` event that opened the period.
    public var solved: CaseEvent
    /// The end of the fifth business day after the solution's local date.
    public var closureDeadline: Instant
    public var outcome: Outcome

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
    public var closureEventID: String { AcceptancePeriod.closureEventID(solvedEventID: solved.id) }

    /// `sla-auto-closed:<solved event id>`: the colon keeps it apart from the ticketing tool's ids.
    public static func closureEventID(solvedEventID: String) -> String { "sla-auto-closed:\(solvedEventID)" }

    /// The `auto_closed` event that closes the period, at its deadline (not at the time of the run).
    public var closureEvent: CaseEvent { CaseEvent(id: closureEventID, at: closureDeadline, kind: .autoClosed) }
}

/// Automatic closure (SPEC §6): walks a case's acceptance periods in event order and names the
/// ones whose deadline passed without the client answering.
public struct AutomaticClosure: Sendable {
    /// The client's business days to validate a solution.
    public static let acceptanceBusinessDays = 5

    public let calendar: BusinessCalendar

    public init(calendar: BusinessCalendar) {
        self.calendar = calendar
    }

    /// The closing time of the fifth business day after the local date of `solvedAt` (18:00 with
    /// the standard service window), counted on the business calendar whatever the contract.
    public func closureDeadline(solvedAt: Instant) throws(ClockRangeError) -> Instant {
        var date = solvedAt.localDate
        var counted = 0
        while true {
            date = date.adding(days: 1)
            guard date.dayNumber < calendar.endInstant.localDate.dayNumber else {
                throw ClockRangeError(instant: solvedAt, years: calendar.years)
            }
            if let hours = calendar.serviceHours(on: date) {
                counted += 1
                if counted == AutomaticClosure.acceptanceBusinessDays { return Instant(date, secondOfDay: hours.closes) }
            }
        }
    }

    /// Every acceptance period opened by a `solved` event at or before `asOf`, oldest first.
    ///
    /// A period ends without closure at the first `reopened`, `client_responded`, `closed`,
    /// `solved` or `auto_closed` strictly before its deadline; otherwise it reaches the deadline
    /// and closes the case there — even when later events exist (a late run). A period is already
    /// closed when the history holds its `auto_closed` event (by id, or any `auto_closed` exactly
    /// at the deadline).
    ///
    /// - Parameter events: the case's events in any order; those after `asOf` are ignored.
    public func periods(events: [CaseEvent], asOf: Instant) throws(ClockRangeError) -> [AcceptancePeriod] {
        let history = events.filter { $0.at <= asOf }.sorted(by: CaseEvent.inTimeOrder)
        var periods: [AcceptancePeriod] = []
        for (index, event) in history.enumerated() where event.kind == .solved {
            let deadline = try closureDeadline(solvedAt: event.at)
            let later = history[(index + 1)...]
            let outcome: AcceptancePeriod.Outcome
            if let ending = later.first(where: { $0.at < deadline && AutomaticClosure.endsPeriod($0.kind) }) {
                outcome = .ended(by: ending)
            } else if let closure = later.first(where: {
                $0.kind == .autoClosed
                    && ($0.id == AcceptancePeriod.closureEventID(solvedEventID: event.id) || $0.at == deadline)
            }) {
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
    public func closuresDue(events: [CaseEvent], asOf: Instant) throws(ClockRangeError) -> [AcceptancePeriod] {
        try periods(events: events, asOf: asOf).filter { $0.outcome == .closureDue }
    }

    private static func endsPeriod(_ kind: EventKind) -> Bool {
        switch kind {
        case .reopened, .clientResponded, .closed, .solved, .autoClosed: true
        case .diagnosed, .waitingClient, .escalated: false
        }
    }
}

extension CaseSnapshot {
    /// The snapshot with the `auto_closed` events of its periods that reached their deadline by
    /// `asOf` added, written yet or not: what a dry run previews, and what the monthly report
    /// counts (SPEC §8).
    public func closingDuePeriods(with closure: AutomaticClosure, asOf: Instant) throws(ClockRangeError) -> CaseSnapshot {
        guard events.contains(where: { $0.kind == .solved }) else { return self }
        let due = try closure.closuresDue(events: events, asOf: asOf)
        guard !due.isEmpty else { return self }
        var closed = self
        closed.events = (events + due.map(\.closureEvent)).sorted(by: CaseEvent.inTimeOrder)
        return closed
    }
}

/// One automatic closure, as `closures.csv` lists it.
public struct CaseClosure: Sendable, Equatable {
    public var caseID: String
    public var clientID: String
    public var solvedAt: Instant
    public var deadline: Instant
    public var closedAt: Instant

    public init(caseID: String, clientID: String, solvedAt: Instant, deadline: Instant, closedAt: Instant) {
        self.caseID = caseID
        self.clientID = clientID
        self.solvedAt = solvedAt
        self.deadline = deadline
        self.closedAt = closedAt
    }
}
