/// Who is holding a case, read from its events: the support level it is at (SPEC §3) and since
/// when it waits on the client (SPEC §7 `waiting_since`). Both are facts of the history as of an
/// instant, recomputed each time like the clocks, so a late event gives the same answer as if it
/// had been recorded on time.
package enum CaseHandling {
    /// One change of support level: the event that made it and the level after it.
    package struct LevelChange: Hashable, Sendable {
        package var at: Instant
        package var level: Int
        /// `escalated` or `reopened`.
        package var kind: EventKind
    }

    /// The agency procedure's level (1–3): the latest `escalated` event's, 1 when there is none,
    /// and back to 1 after a `reopened` (a case not definitively closed goes back to level 1).
    ///
    /// - Parameter events: the case's events up to the instant, in time order.
    package static func supportLevel(_ events: [CaseEvent]) -> Int {
        levelChanges(events).last?.level ?? 1
    }

    /// Every change of level, in time order — for `sla explain`.
    package static func levelChanges(_ events: [CaseEvent]) -> [LevelChange] {
        var changes: [LevelChange] = []
        var level = 1
        for event in events {
            let next = HandlingTime.level(after: event, from: level)
            // An escalated without a level changes nothing (HandlingTime says why); a reopened is
            // listed even when the case was at 1 already: explain shows the reopening reset it.
            guard event.kind == .reopened || (event.kind == .escalated && event.level == next) else { continue }
            level = next
            changes.append(LevelChange(at: event.at, level: level, kind: event.kind))
        }
        return changes
    }

    /// When the wait the case is in now began: the `waiting_client` that started it, if nothing
    /// has ended it since — a `client_responded`, `solved`, `closed` or `auto_closed`, the events
    /// that end a pause of the attention clock (SPEC §4). A second `waiting_client` inside the
    /// same wait does not restart it: the client has been owing an answer since the first.
    /// A wait after the attention clock stopped (a diagnosis, then information asked for the
    /// solution) counts too: the supervisor still needs to know the ball is in the client's court.
    ///
    /// - Parameter events: the case's events up to the instant, in time order.
    package static func waitingSince(_ events: [CaseEvent]) -> Instant? {
        var since: Instant?
        for event in events {
            switch event.kind {
            case .waitingClient: if since == nil { since = event.at }
            case .clientResponded, .solved, .closed, .autoClosed: since = nil
            case .diagnosed, .escalated, .reopened, .committed: break
            }
        }
        return since
    }
}
