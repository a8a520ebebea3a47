/// Where a case's time went (SPEC §16): its **handling time** split by the support level (SPEC §3)
/// it held at each moment, so a month's figures blame the level that consumed the time, not the
/// one holding the case at the end.
///
/// The handling time runs on the clock of the case's attention target (business or 24×7, as its
/// terms give for its priority and contract): from registration until the first `solved`,
/// `closed` or `auto_closed`, again from each `reopened` until the next of those, never while the
/// case waits on the client (from a `waiting_client` until the next `client_responded`, `solved`,
/// `closed` or `auto_closed`), up to as-of. A `waiting_client` while the case is solved or closed
/// is ignored — nobody is working it — and so is a `client_responded` without a wait. A `reopened`
/// ends neither a wait (the client still owes the answer) nor a count already running; it only
/// sends the case back to level 1. A `diagnosed` changes nothing: the work goes on until the solution.
///
/// An `escalated` without a level (the importer refuses one, but a database written by another
/// tool may hold it) leaves the case at the level it held, as its `support_level` does: a level
/// nobody recorded cannot be charged with time.
///
/// For a case whose every stop is a `solved`, the handling time is its resolution time (SPEC §4).
package struct HandlingTime: Hashable, Sendable {
    /// Seconds at levels 1, 2 and 3.
    package var level1Seconds: Int64 = 0
    package var level2Seconds: Int64 = 0
    package var level3Seconds: Int64 = 0
    /// The support level held at as-of.
    package var level = 1
    /// Per level (index 0 for level 1), the instant its time went over its OLA — the first instant
    /// at which it counts one second more than the OLA — when it has by as-of; nil otherwise, and
    /// for a level without an OLA. Time only adds up as as-of moves on, so the level is over its
    /// OLA as of any instant at or after this one and not before it: a month counts the breach
    /// when the instant is after its start and at or before its end.
    package var olaBreachedAt: [Instant?] { [level1OLABreachedAt, level2OLABreachedAt, level3OLABreachedAt] }
    // Three values rather than an array: a million evaluations a night, no allocation each.
    private var level1OLABreachedAt: Instant?
    private var level2OLABreachedAt: Instant?
    private var level3OLABreachedAt: Instant?

    package init() {}

    /// The seconds at a level (1–3); 0 for any other.
    package func seconds(atLevel level: Int) -> Int64 {
        switch level {
        case 1: level1Seconds
        case 2: level2Seconds
        case 3: level3Seconds
        default: 0
        }
    }

    /// The three levels' seconds, level 1 first.
    package var levelSeconds: [Int64] { [level1Seconds, level2Seconds, level3Seconds] }

    /// The whole handling time: the three levels together.
    package var totalSeconds: Int64 { level1Seconds + level2Seconds + level3Seconds }

    /// When the level's time went over its OLA, if it has.
    package func olaBreachedAt(level: Int) -> Instant? {
        switch level {
        case 1: level1OLABreachedAt
        case 2: level2OLABreachedAt
        case 3: level3OLABreachedAt
        default: nil
        }
    }

    /// The level a case is at after `event`, from `level` before it (SPEC §3): an `escalated`
    /// with a level 1–3 sets it, a `reopened` sends the case back to 1, anything else keeps it.
    package static func level(after event: CaseEvent, from level: Int) -> Int {
        switch event.kind {
        case .escalated:
            guard let reached = event.level, Terms.supportLevels.contains(reached) else { return level }
            return reached
        case .reopened:
            return 1
        default:
            return level
        }
    }

    /// The handling time of a case registered at `start` as of `asOf`.
    ///
    /// - Parameters:
    ///   - history: the case's events at or before `asOf`, in time order (SPEC §3).
    ///   - clock: the clock of the case's attention target.
    ///   - ola: the OLA seconds of levels 1–3 (index 0 for level 1), nil where there is none.
    /// - Complexity: O(e) for e events, one clock query per counted stretch and one per OLA crossed.
    package static func measure(
        start: Instant, history: [CaseEvent], asOf: Instant, clock: SLAClock,
        ola: [Int64?] = []
    ) throws(ClockRangeError) -> HandlingTime {
        enum Phase { case working, waiting, stopped }
        var result = HandlingTime()
        var phase = Phase.working
        var since = start
        var level = 1

        /// Charges the stretch `[since, end)` to the current level, and notes the instant it went
        /// over its OLA when this stretch takes it there.
        func charge(until end: Instant) throws(ClockRangeError) {
            let seconds = try clock.elapsedSeconds(from: since, to: end)
            guard seconds > 0 else { return }
            let before = result.seconds(atLevel: level)
            switch level {
            case 2: result.level2Seconds += seconds
            case 3: result.level3Seconds += seconds
            default: result.level1Seconds += seconds
            }
            let index = level - 1
            if index < ola.count, let target = ola[index], result.olaBreachedAt(level: level) == nil, before + seconds > target {
                // `before ≤ target` here: the breach would have been noted by an earlier stretch.
                let at = try clock.dueInstant(from: since, after: target - before + 1)
                switch level {
                case 2: result.level2OLABreachedAt = at
                case 3: result.level3OLABreachedAt = at
                default: result.level1OLABreachedAt = at
                }
            }
        }

        for event in history where event.at <= asOf {
            let at = max(event.at, start)
            let next = Self.level(after: event, from: level)
            switch (event.kind, phase) {
            case (.waitingClient, .working):
                try charge(until: at)
                phase = .waiting
            case (.clientResponded, .waiting):
                phase = .working
                since = at
            case (.solved, .working), (.closed, .working), (.autoClosed, .working):
                try charge(until: at)
                phase = .stopped
            case (.solved, .waiting), (.closed, .waiting), (.autoClosed, .waiting):
                phase = .stopped
            case (.reopened, .stopped):
                phase = .working
                since = at
            case (_, .working) where next != level:
                // A change of level while the case is worked: the stretch so far is the old level's.
                try charge(until: at)
                since = at
            default:
                break
            }
            level = next
        }
        if phase == .working { try charge(until: max(asOf, since)) }
        result.level = level
        return result
    }
}
