import SLACore

/// The three interchange files of SPEC §7 and their columns.
package enum InterchangeFile: String, Sendable, CaseIterable {
    case clients, cases, events

    /// Every column sla reads, in the order SPEC §7 lists them; cases.csv's last two, `assignee`
    /// and `group`, are written only by a file that has them (a file without one leaves the stored
    /// value as it was); events.csv's last, `due`, is the promised instant of a `committed` event.
    package var columns: [String] {
        switch self {
        case .clients: ["client_id", "client_name", "contract", "kam_id", "kam_name", "kam_email"]
        case .cases:
            [
                "case_id", "client_id", "product", "type", "priority", "impact", "urgency", "created_at", "summary",
                "assignee", "group"
            ]
        case .events: ["event_id", "case_id", "at", "kind", "level", "note", "due"]
        }
    }

    /// Columns the header must have; the others may be left out.
    /// The header as a message shows it: the optional trailing columns said to be optional.
    var expectedHeader: String {
        switch self {
        case .cases: columns.dropLast(2).joined(separator: ",") + " (optionally followed by assignee,group)"
        case .events: columns.dropLast().joined(separator: ",") + " (optionally followed by due)"
        default: columns.joined(separator: ",")
        }
    }

    var requiredColumns: Set<String> {
        switch self {
        case .clients: ["client_id", "client_name", "contract", "kam_id"]
        case .cases: ["case_id", "client_id", "type", "priority", "created_at"]
        case .events: ["event_id", "case_id", "at", "kind"]
        }
    }
}
