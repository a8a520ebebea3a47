/// Whether a case is open (SPEC §7): open unless its latest `closed`, `auto_closed` or `reopened`
/// event is a closure. The one statement of the rule: `CaseSnapshot.isOpen`, the monthly figures
/// and the store's SQL (which builds its conditions from `closingKinds` and `reopeningKind`) all
/// follow it.
package enum CaseLifecycle {
    /// The events that close a case.
    package static let closingKinds: [EventKind] = [.closed, .autoClosed]
    /// The event that opens a closed case again.
    package static let reopeningKind = EventKind.reopened

    /// The closure the case is closed by after `events` (in time order), or nil when it is open:
    /// the latest closing or reopening event, when it is a closure.
    package static func closure(in events: [CaseEvent]) -> CaseEvent? {
        guard let last = events.last(where: { closingKinds.contains($0.kind) || $0.kind == reopeningKind }),
            last.kind != reopeningKind
        else { return nil }
        return last
    }

    /// Open after `events` (in time order).
    package static func isOpen(after events: [CaseEvent]) -> Bool { closure(in: events) == nil }

    /// The solution the case still stands on after `events` (in time order), up to `end` when
    /// given: its latest `solved`, unless a reopening came after it — nil when there is none. A
    /// case's resolution time (SPEC §4) and the month's resolution figures (SPEC §8, §16) count
    /// only a case still solved, so they all ask this.
    package static func standingSolution(in events: [CaseEvent], through end: Instant? = nil) -> CaseEvent? {
        guard
            let last = events.last(where: { event in
                (end.map { event.at <= $0 } ?? true) && (event.kind == .solved || event.kind == reopeningKind)
            }),
            last.kind == .solved
        else { return nil }
        return last
    }
}
