/// Whether a case is open (SPEC §7): open unless its latest `closed`, `auto_closed` or `reopened`
/// event is a closure. The one statement of the rule: `CaseSnapshot.isOpen`, the monthly figures
/// and the store's SQL (which builds its conditions from `closingKinds` and `reopeningKind`) all
/// follow it.
public enum CaseLifecycle {
    /// The events that close a case.
    public static let closingKinds: [EventKind] = [.closed, .autoClosed]
    /// The event that opens a closed case again.
    public static let reopeningKind = EventKind.reopened

    /// The closure the case is closed by after `events` (in time order), or nil when it is open:
    /// the latest closing or reopening event, when it is a closure.
    public static func closure(in events: [CaseEvent]) -> CaseEvent? {
        guard let last = events.last(where: { closingKinds.contains($0.kind) || $0.kind == reopeningKind }),
              last.kind != reopeningKind
        else { return nil }
        return last
    }

    /// Open after `events` (in time order).
    public static func isOpen(after events: [CaseEvent]) -> Bool { closure(in: events) == nil }
}
