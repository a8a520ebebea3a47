/// A file a month's figures were computed with — the policy or a calendar file — by name and digest.
public struct InputDigest: Sendable, Equatable {
    /// The file's name (without its folder): `acuerdos.yaml`, `colombia-holidays.txt`.
    package var name: String
    /// Where it came from: the path read, or `built-in`.
    package var origin: String
    package var sha256: String

    package init(name: String, origin: String, sha256: String) {
        self.name = name
        self.origin = origin
        self.sha256 = sha256
    }
}

/// What a month's evidence says it was computed with: the program's version, the policy and the
/// calendar files.
public struct EvidenceInputs: Sendable, Equatable {
    package var version: String
    package var policy: InputDigest
    package var calendars: [InputDigest]

    public init(version: String, policy: InputDigest, calendars: [InputDigest]) {
        self.version = version
        self.policy = policy
        self.calendars = calendars
    }
}

/// Which clocks and cases of a month its evidence covers, and the digest of each case.
package enum MonthEvidence {
    /// The attention clocks the month counts — met in it (stopped in the month, within target) or
    /// breached in it (as the month's breach list counts them) — by case id.
    package static func countedClocks(_ month: KAMMonth, rows: [StatusRow]) -> [StatusRow] {
        var byID: [String: StatusRow] = [:]
        for row in rows where row.evaluation.state == .met {
            if let stopped = row.evaluation.stoppedAt, month.month.contains(stopped) { byID[row.snapshot.serviceCase.id] = row }
        }
        for breach in month.breaches { byID[breach.row.snapshot.serviceCase.id] = breach.row }
        return byID.values.sorted { $0.snapshot.serviceCase.id < $1.snapshot.serviceCase.id }
    }

    /// The cases behind any figure of the month's own row: registered, solved or closed in it,
    /// open at its end, or whose clock stopped or was counted breached in it; by case id.
    package static func countedCases(_ month: KAMMonth, rows: [StatusRow]) -> [StatusRow] {
        var byID: [String: StatusRow] = [:]
        for monthCase in month.cases + month.breaches + month.open { byID[monthCase.row.snapshot.serviceCase.id] = monthCase.row }
        for row in rows where row.snapshot.serviceCase.createdAt < month.month.end {
            if let stopped = row.evaluation.stoppedAt, month.month.contains(stopped) { byID[row.snapshot.serviceCase.id] = row }
        }
        return byID.values.sorted { $0.snapshot.serviceCase.id < $1.snapshot.serviceCase.id }
    }
}

/// A case's data in one fixed text — what the month's figures were computed from — so its
/// SHA-256 says whether the data changed since. Documented in `docs/evidence.md`:
///
///     case,<case_id>,<client_id>,<client_name>,<contract>,<kam_id>,<kam_name>,<product>,<type>,<priority>,<impact>,<urgency>,<created_at>,<assignee>,<group>,<summary>
///     event,<event_id>,<at>,<kind>,<level>
///
/// one `event` line per event at or before `through`, in time order (ties by event id); every
/// line ends with a line feed; a field with a comma, a quote, a carriage return or a line feed is
/// quoted, its quotes doubled; an absent value is empty; instants as `2026-10-05T08:00:00-05:00`.
package enum CaseDigest {
    package static func canonicalText(_ snapshot: CaseSnapshot, through: Instant) -> String {
        String(decoding: canonicalBytes(snapshot, through: through), as: UTF8.self)
    }

    /// The canonical text's UTF-8 bytes: RFC 4180 CSV lines, as `CSVWriter` writes them.
    package static func canonicalBytes(_ snapshot: CaseSnapshot, through: Instant) -> [UInt8] {
        let c = snapshot.serviceCase
        var bytes: [UInt8] = []
        CSVWriter.appendRow(
            [
                "case", c.id, c.clientID, snapshot.clientName, c.contract.rawValue, snapshot.kamID,
                snapshot.kamName, snapshot.product, c.type.rawValue, c.priority.rawValue, c.impact?.rawValue ?? "",
                c.urgency?.rawValue ?? "", c.createdAt.description, snapshot.assignee ?? "", snapshot.group ?? "",
                snapshot.summary
            ], to: &bytes)
        for event in snapshot.events.sorted(by: CaseEvent.inTimeOrder) where event.at <= through {
            CSVWriter.appendRow(
                [
                    "event", event.id, event.at.description, event.kind.rawValue,
                    event.level.map { String($0) } ?? ""
                ], to: &bytes)
        }
        return bytes
    }

    package static func sha256(_ snapshot: CaseSnapshot, through: Instant) -> String {
        SHA256.hex(of: canonicalBytes(snapshot, through: through))
    }
}
