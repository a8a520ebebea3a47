/// What the attention clock needs to know of a case: its classification, its client's contract,
/// and when it was registered.
package struct ServiceCase: Hashable, Sendable {
    package var id: String
    package var clientID: String
    package var type: CaseType
    package var priority: Priority
    package var impact: Grade?
    package var urgency: Grade?
    package var contract: Contract
    package var createdAt: Instant

    package init(
        id: String, clientID: String, type: CaseType, priority: Priority, impact: Grade?, urgency: Grade?,
        contract: Contract, createdAt: Instant
    ) {
        self.id = id
        self.clientID = clientID
        self.type = type
        self.priority = priority
        self.impact = impact
        self.urgency = urgency
        self.contract = contract
        self.createdAt = createdAt
    }
}

/// One lifecycle event of a case.
package struct CaseEvent: Hashable, Sendable {
    package var id: String
    package var at: Instant
    package var kind: EventKind
    /// The escalation level reached (1–3) for `escalated`.
    package var level: Int?
    /// The promised instant of the solution, for `committed` (the work plan's commitment).
    package var due: Instant?

    package init(id: String, at: Instant, kind: EventKind, level: Int? = nil, due: Instant? = nil) {
        self.id = id
        self.at = at
        self.kind = kind
        self.level = level
        self.due = due
    }

    /// Time order, ties broken by event id (SPEC §3): numerically when both ids are numbers, so
    /// event 9 comes before event 10.
    package static func inTimeOrder(_ lhs: CaseEvent, _ rhs: CaseEvent) -> Bool {
        if lhs.at != rhs.at { return lhs.at < rhs.at }
        return EventID.precedes(lhs.id, rhs.id)
    }
}

/// The order of event ids: numbers by value, before any id that is not a number; other ids by
/// their UTF-8 bytes.
package enum EventID {
    package static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        switch (UInt64(lhs), UInt64(rhs)) {
        case (let left?, let right?): left != right ? left < right : lhs < rhs
        case (.some, nil): true
        case (nil, .some): false
        case (nil, nil): Array(lhs.utf8).lexicographicallyPrecedes(Array(rhs.utf8))
        }
    }
}
