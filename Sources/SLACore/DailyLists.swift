/// The night's lists for the supervisors (SPEC §7): which open cases go on the breach list and in
/// what order, which breach today unless someone acts, which solution commitments were missed or
/// fall due today, and the counts both the sheets' header and
/// the night's summary line show — one definition, so the numbers a supervisor reads on the sheet
/// are the numbers in the log.
package struct DailyLists: Sendable {
    /// Breached or at risk with the clock still running: first those the desk can act on, most
    /// overdue first; then, set apart, those waiting on the client.
    package var breaches: [StatusRow]
    /// How many of `breaches` wait on the client (the last ones).
    package var waitingOnClient: Int
    /// Running or at risk, not waiting on the client, due after as-of and before the next
    /// midnight in Bogotá: soonest first.
    package var dueToday: [StatusRow]
    /// The solution commitments missed and still unsolved (the case's latest commitment), oldest
    /// due first.
    package var commitmentsMissed: [StatusRow]
    /// The latest commitments still pending that fall due before the next midnight, soonest first.
    package var commitmentsDueToday: [StatusRow]
    /// Both promises that fall due today — the attention clock's (`dueToday`) and the work plan's
    /// (`commitmentsDueToday`) — one entry per promise, soonest first: a case with both is there
    /// twice. `due-today.csv` and the sheet *Vencen hoy*.
    package var promisesDueToday: [PromiseDue]
    package var counts: Counts

    /// Which promise to the client falls due.
    package enum Promise: String, Sendable, Hashable {
        /// The attention clock's target (the first answer).
        case attention
        /// The work plan's solution commitment.
        case solution
    }

    /// One promise falling due today: the case's row, which promise, and its due instant.
    package struct PromiseDue: Sendable {
        package var row: StatusRow
        package var promise: Promise
        package var due: Instant
    }

    package struct Counts: Sendable, Equatable {
        /// Every open case whose clock is over its target, listed or not.
        package var breached = 0
        /// Breached, but the clock stopped (the case was attended late): nothing left to escalate,
        /// so not on the list; the monthly report counts the breach.
        package var breachedAndStopped = 0
        /// Breached with the clock still running, and waiting on the client now.
        package var breachedWaitingOnClient = 0
        package var atRisk = 0
        package var dueToday = 0
        /// Open cases whose latest solution commitment was missed and that have no solution since.
        package var commitmentsMissed = 0
        /// Open cases whose latest solution commitment is pending and falls due before midnight.
        package var commitmentsDueToday = 0

        package init() {}
    }

    /// - Parameters:
    ///   - rows: the open cases' rows of one night.
    ///   - asOf: the night's instant; "today" is its date in Bogotá.
    package init(_ rows: [StatusRow], asOf: Instant) {
        let midnight = Instant(asOf.localDate.adding(days: 1))
        var counts = Counts()
        var acting: [StatusRow] = []
        var waiting: [StatusRow] = []
        var today: [StatusRow] = []
        var missed: [StatusRow] = []
        var committedToday: [StatusRow] = []
        for row in rows {
            if row.commitments.isMissedAndUnsolved { missed.append(row) }
            if row.commitments.dueBefore(midnight) != nil { committedToday.append(row) }
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
        counts.commitmentsMissed = missed.count
        counts.commitmentsDueToday = committedToday.count
        commitmentsMissed = Self.byCommitmentDue(missed)
        commitmentsDueToday = Self.byCommitmentDue(committedToday)
        promisesDueToday =
            (dueToday.compactMap { row in row.evaluation.dueAt.map { PromiseDue(row: row, promise: .attention, due: $0) } }
            + commitmentsDueToday.compactMap { row in
                row.commitments.latest.map { PromiseDue(row: row, promise: .solution, due: $0.due) }
            })
            .sorted { left, right in
                if left.due != right.due { return left.due < right.due }
                let (l, r) = (left.row.snapshot.serviceCase.id, right.row.snapshot.serviceCase.id)
                return l != r ? l < r : left.promise == .attention && right.promise == .solution
            }
        self.counts = counts
    }

    /// The latest commitment's due first (oldest or soonest), then case id.
    static func byCommitmentDue(_ rows: [StatusRow]) -> [StatusRow] {
        rows.sorted { left, right in
            let l = left.commitments.latest?.due.secondsSince1970 ?? .max
            let r = right.commitments.latest?.due.secondsSince1970 ?? .max
            return l != r ? l < r : left.snapshot.serviceCase.id < right.snapshot.serviceCase.id
        }
    }

    /// Soonest (or longest past) due instant first — the wall-clock moment each crossed or will
    /// cross its target, comparable across the business and the 24×7 clock where hours over are
    /// not — then case id, so the order is the same on every run.
    static func byDueInstant(_ rows: [StatusRow]) -> [StatusRow] {
        rows.sorted { left, right in
            let l = left.evaluation.dueAt?.secondsSince1970 ?? .max
            let r = right.evaluation.dueAt?.secondsSince1970 ?? .max
            return l != r ? l < r : left.snapshot.serviceCase.id < right.snapshot.serviceCase.id
        }
    }
}
