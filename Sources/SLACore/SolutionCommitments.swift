/// The work plan's solution commitments of a case, as of an instant: each `committed` event's
/// promise to deliver the solution by its `due`, and what became of it.
///
/// The rules, in one place:
/// - a `committed` event makes a commitment from its instant on; a later one replaces it;
/// - a commitment is **kept** when a `solved` comes after it (in the events' order: time, then
///   event id) before anything replaced it, at or before its `due`;
/// - it is **missed** when its `due` passed (as-of strictly after it) without such a `solved`;
///   a `solved` that comes late does not undo it, nor does a later `committed`;
/// - a `committed` made at or before the `due` of the commitment it replaces takes its place with
///   no outcome for the one replaced; made after that `due`, the one replaced stays missed;
/// - a `committed` that replaces a commitment with no `solved` between them is a **re-plan**,
///   whenever it is made; after a `solved` (a kept commitment, or a late solution of a missed one)
///   the next `committed` is a new commitment. A `reopened` changes nothing.
///
/// Commitments are wall-clock instants: no pauses, no business hours.
package struct SolutionCommitments: Sendable, Equatable {
    /// What became of one commitment, as of the evaluation's instant.
    public enum Outcome: String, Sendable, Hashable, CaseIterable {
        /// Its due has not passed and nothing solved or replaced it yet.
        case pending
        case kept
        case missed
        /// A re-plan made at or before its due took its place: no outcome of its own.
        case replaced
    }

    /// One `committed` event and its fate.
    package struct Commitment: Sendable, Hashable {
        /// The `committed` event's id and instant.
        package var eventID: String
        package var committedAt: Instant
        /// The promised instant of the solution.
        package var due: Instant
        package var outcome: Outcome
        /// The first `solved` after it, before another `committed` — late ones included, so a
        /// missed commitment shows when the solution did come.
        package var solvedAt: Instant?
        /// Whether this commitment replaced an earlier one with no `solved` between them.
        package var isReplan: Bool
        /// How many re-plans led to this commitment: 0 for a first promise, 1 for its first
        /// re-plan, and so on — the count `compromisos.csv` shows beside each outcome.
        package var replansBefore: Int
        /// When a re-plan replaced it, that re-plan's instant.
        package var replacedAt: Instant?

        /// The instant its outcome happened: the solution for a kept one, the due for a missed
        /// one; nil while pending or when replaced. A month counts it when this instant is in it
        /// (see `countedIn`).
        package var outcomeAt: Instant? {
            switch outcome {
            case .kept: solvedAt
            case .missed: due
            case .pending, .replaced: nil
            }
        }
    }

    /// Every commitment of the case, in the order they were made.
    package var commitments: [Commitment]

    /// The case's latest commitment, the one in force (or the last one's outcome); nil without one.
    package var latest: Commitment? { commitments.last }

    /// How many `committed` events replaced an earlier commitment with no `solved` between them.
    package var replans: Int { commitments.reduce(0) { $0 + ($1.isReplan ? 1 : 0) } }

    /// The commitments of `events` as of `asOf`.
    ///
    /// - Parameter events: the case's events in time order (ties by event id); those after `asOf`
    ///   are ignored.
    /// - Complexity: one pass over the events; nothing allocated for a case without a `committed`.
    package init(_ events: [CaseEvent], asOf: Instant) {
        var commitments: [Commitment] = []
        // Whether a `solved` came after the latest commitment.
        var solvedSinceLatest = false
        for event in events where event.at <= asOf {
            switch event.kind {
            case .committed:
                guard let due = event.due else { continue }  // the store refuses such a row; never guessed
                var isReplan = false
                var replansBefore = 0
                if let last = commitments.indices.last, !solvedSinceLatest {
                    isReplan = true
                    replansBefore = commitments[last].replansBefore + 1
                    if event.at <= commitments[last].due {
                        commitments[last].outcome = .replaced
                    }
                    commitments[last].replacedAt = event.at
                }
                commitments.append(
                    Commitment(
                        eventID: event.id, committedAt: event.at, due: due, outcome: .pending,
                        solvedAt: nil, isReplan: isReplan, replansBefore: replansBefore,
                        replacedAt: nil))
                solvedSinceLatest = false
            case .solved:
                guard let last = commitments.indices.last, !solvedSinceLatest else { continue }
                solvedSinceLatest = true
                commitments[last].solvedAt = event.at
                if event.at <= commitments[last].due { commitments[last].outcome = .kept }
            default:
                continue
            }
        }
        // What is neither kept nor replaced is missed once its due passed.
        for index in commitments.indices where commitments[index].outcome == .pending && asOf > commitments[index].due {
            commitments[index].outcome = .missed
        }
        self.commitments = commitments
    }

    /// Whether the case's latest commitment was missed and no solution came since: a promise
    /// broken and still owed, what the supervisors' sheet lists first.
    package var isMissedAndUnsolved: Bool {
        guard let latest else { return false }
        return latest.outcome == .missed && latest.solvedAt == nil
    }

    /// The latest commitment when it is pending and falls due before `midnight` (the next
    /// midnight in Bogotá): the promise that falls due today.
    package func dueBefore(_ midnight: Instant) -> Commitment? {
        guard let latest, latest.outcome == .pending, latest.due < midnight else { return nil }
        return latest
    }

    /// The commitments a month counts, once each, in the month of their outcome: a kept one in
    /// the month of its `solved`, a missed one in the month its due passed — missed as of the
    /// month's end and not yet as of its start: a due at 23:59:59 of the month's last day counts
    /// in that month, one at 00:00 of the next month's first day in the next.
    ///
    /// - Parameters:
    ///   - start: the month's first instant.
    ///   - end: the next month's first instant; the commitments must be evaluated as of it.
    package func countedIn(from start: Instant, to end: Instant) -> [Commitment] {
        commitments.filter { commitment in
            switch commitment.outcome {
            case .kept: commitment.solvedAt.map { start <= $0 && $0 < end } ?? false
            case .missed: start <= commitment.due && commitment.due < end
            case .pending, .replaced: false
            }
        }
    }

    /// The re-plans made from `start` (inclusive) to `end` (exclusive).
    package func replans(from start: Instant, to end: Instant) -> Int {
        commitments.reduce(0) { $0 + ($1.isReplan && start <= $1.committedAt && $1.committedAt < end ? 1 : 0) }
    }
}
