/// A case with everything an evaluation and its reports need: the case, its client and KAM, and
/// its events up to the instant of the evaluation.
public struct CaseSnapshot: Sendable, Equatable {
    public var serviceCase: ServiceCase
    public var product: String
    public var summary: String
    public var clientName: String
    public var kamID: String
    public var kamName: String
    /// The case's events at or before as-of, in time order (ties by event id).
    public var events: [CaseEvent]
    /// The person and the team (queue) working the case, when the desk's system says (SPEC §3).
    public var assignee: String?
    public var group: String?

    public init(serviceCase: ServiceCase, product: String, summary: String, clientName: String, kamID: String,
                kamName: String, events: [CaseEvent], assignee: String? = nil, group: String? = nil)
    {
        self.assignee = assignee
        self.group = group
        self.serviceCase = serviceCase
        self.product = product
        self.summary = summary
        self.clientName = clientName
        self.kamID = kamID
        self.kamName = kamName
        self.events = events
    }

    /// Open unless its latest `closed`, `auto_closed` or `reopened` event is a closure (SPEC §7).
    public var isOpen: Bool { CaseLifecycle.isOpen(after: events) }
}
