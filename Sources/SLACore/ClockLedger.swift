/// One stretch of an attention clock's life, as the month's ledger lists it: what the clock
/// counted between two instants, and why it counted that much (or nothing).
package struct LedgerInterval: Hashable, Sendable {
    package enum Reason: Hashable, Sendable {
        /// Service time: every second counts.
        case service
        /// A service day, before its window opens or after it closes.
        case outsideHours
        /// A weekday without service hours.
        case weekend
        /// Public holidays by law, by name.
        case holiday([String])
        /// The organisation's own days off, by name.
        case organisationDay([String])
        /// Paused: the case waited on the client from this `waiting_client` event.
        case waitingOnClient(eventID: String)

        /// The reason in the ledger's words (Spanish, as the client reads it).
        package var text: String {
            switch self {
            case .service: "servicio"
            case .outsideHours: "fuera de horario"
            case .weekend: "fin de semana"
            case .holiday(let names): "festivo: " + names.joined(separator: "; ")
            case .organisationDay(let names): "día no laborable: " + names.joined(separator: "; ")
            case .waitingOnClient(let eventID): "en espera del cliente (\(eventID))"
            }
        }
    }

    package var from: Instant
    package var to: Instant
    package var countedSeconds: Int64
    package var reason: Reason

    package init(from: Instant, to: Instant, countedSeconds: Int64, reason: Reason) {
        self.from = from
        self.to = to
        self.countedSeconds = countedSeconds
        self.reason = reason
    }
}

/// An attention clock broken into the intervals a person can check by hand: every second from the
/// case's registration to the clock's stop (or the evaluation's as-of) is in exactly one interval,
/// and the counted seconds add up to the clock's elapsed time. `sla explain` and the monthly
/// ledger both tell a clock this way.
package enum ClockLedger {
    /// The intervals of `evaluation`, in time order, adjacent ones of the same reason merged.
    ///
    /// - Parameter calendar: the calendar the clock was evaluated on (only a business clock asks it).
    /// - Complexity: O(d) in the calendar days the clock spans: for reports and explanations.
    package static func intervals(of evaluation: AttentionEvaluation, calendar: BusinessCalendar) -> [LedgerInterval] {
        var stretches: [(segment: AttentionSegment, counting: Bool)] =
            evaluation.segments.map { ($0, true) } + evaluation.pauses.map { ($0, false) }
        stretches.sort { $0.segment.start < $1.segment.start || ($0.segment.start == $1.segment.start && $0.counting) }
        var intervals: [LedgerInterval] = []
        func add(_ from: Instant, _ to: Instant, _ seconds: Int64, _ reason: LedgerInterval.Reason) {
            guard from < to else { return }
            if let last = intervals.last, last.reason == reason, last.to == from {
                intervals[intervals.count - 1].to = to
                intervals[intervals.count - 1].countedSeconds += seconds
            } else {
                intervals.append(LedgerInterval(from: from, to: to, countedSeconds: seconds, reason: reason))
            }
        }
        for (segment, counting) in stretches where segment.start < segment.end {
            guard counting else {
                add(segment.start, segment.end, 0, .waitingOnClient(eventID: segment.startedBy ?? ""))
                continue
            }
            guard evaluation.clock == .business else {
                add(segment.start, segment.end, segment.seconds, .service)
                continue
            }
            for day in calendar.breakdown(from: segment.start, to: segment.end) {
                switch day.kind {
                case .counted(let seconds, let from, let to):
                    let midnight = Instant(day.date)
                    let opens = midnight.adding(seconds: Int64(from))
                    let closes = midnight.adding(seconds: Int64(to))
                    add(day.start, opens, 0, .outsideHours)
                    add(opens, closes, seconds, .service)
                    add(closes, day.end, 0, .outsideHours)
                case .outsideWindow:
                    add(day.start, day.end, 0, .outsideHours)
                case .closedWeekday:
                    add(day.start, day.end, 0, .weekend)
                case .holiday(let holidays):
                    let byLaw = holidays.filter { $0.origin == .law }.map(\.name)
                    add(day.start, day.end, 0, byLaw.isEmpty ? .organisationDay(holidays.map(\.name)) : .holiday(byLaw))
                }
            }
        }
        return intervals
    }
}
