/// A case with everything an evaluation and its reports need: the case, its client and KAM, and
/// its events up to the instant of the evaluation.
package struct CaseSnapshot: Sendable, Equatable {
    package var serviceCase: ServiceCase
    package var product: String
    package var summary: String
    package var clientName: String
    package var kamID: String
    package var kamName: String
    /// The case's events at or before as-of, in time order (ties by event id).
    package var events: [CaseEvent]
    /// The person and the team (queue) working the case, when the desk's system says (SPEC §3).
    package var assignee: String?
    package var group: String?

    package init(
        serviceCase: ServiceCase, product: String, summary: String, clientName: String, kamID: String,
        kamName: String, events: [CaseEvent], assignee: String? = nil, group: String? = nil
    ) {
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
    package var isOpen: Bool { CaseLifecycle.isOpen(after: events) }
}
