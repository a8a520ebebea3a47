/// The night's lists for the supervisors (SPEC §7): which open cases go on the breach list and in
/// what order, which breach today unless someone acts, and the counts both the sheets' header and
/// the night's summary line show — one definition, so the numbers a supervisor reads on the sheet
/// are the numbers in the log.
public struct DailyLists: Sendable {
    /// Breached or at risk with the clock still running: first those the desk can act on, most
    /// overdue first; then, set apart, those waiting on the client.
    public var breaches: [StatusRow]
    /// How many of `breaches` wait on the client (the last ones).
    public var waitingOnClient: Int
    /// Running or at risk, not waiting on the client, due after as-of and before the next
    /// midnight in Bogotá: soonest first.
    public var dueToday: [StatusRow]
    public var counts: Counts

    public struct Counts: Sendable, Equatable {
        /// Every open case whose clock is over its target, listed or not.
        public var breached = 0
        /// Breached, but the clock stopped (the case was attended late): nothing left to escalate,
        /// so not on the list; the monthly report counts the breach.
        public var breachedAndStopped = 0
        /// Breached with the clock still running, and waiting on the client now.
        public var breachedWaitingOnClient = 0
        public var atRisk = 0
        public var dueToday = 0

        public init() {}
    }

    /// - Parameters:
    ///   - rows: the open cases' rows of one night.
    ///   - asOf: the night's instant; "today" is its date in Bogotá.
    public init(_ rows: [StatusRow], asOf: Instant) {
        let midnight = Instant(asOf.localDate.adding(days: 1))
        var counts = Counts()
        var acting: [StatusRow] = [], waiting: [StatusRow] = [], today: [StatusRow] = []
        for row in rows {
            let evaluation = row.evaluation
            switch evaluation.state {
            case .breached:
                counts.breached += 1
                if evaluation.stoppedAt != nil { counts.breachedAndStopped += 1 }
            case .atRisk:
                counts.atRisk += 1
            default:
                break
            }
            if row.needsAction {
                // A running clock waits on the client exactly when it is paused now.
                if row.waitingSince != nil { waiting.append(row) } else { acting.append(row) }
            }
            if evaluation.state == .running || evaluation.state == .atRisk, let due = evaluation.dueAt,
               asOf < due, due < midnight
            {
                today.append(row)
            }
        }
        counts.breachedWaitingOnClient = waiting.count
        counts.dueToday = today.count
        breaches = Self.byDueInstant(acting) + Self.byDueInstant(waiting)
        waitingOnClient = waiting.count
        dueToday = Self.byDueInstant(today)
        self.counts = counts
    }

    /// Soonest (or longest past) due instant first — the wall-clock moment each crossed or will
    /// cross its target, comparable across the business and the 24×7 clock where hours over are
    /// not — then case id, so the order is the same on every run.
    static func byDueInstant(_ rows: [StatusRow]) -> [StatusRow] {
        rows.sorted { left, right in
            let l = left.evaluation.dueAt?.secondsSince1970 ?? .max, r = right.evaluation.dueAt?.secondsSince1970 ?? .max
            return l != r ? l < r : left.snapshot.serviceCase.id < right.snapshot.serviceCase.id
        }
    }
}
