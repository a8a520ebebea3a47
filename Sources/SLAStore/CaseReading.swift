import GRDB
package import SLACore

/// A case as read from the database: ready to evaluate, or a data problem (SPEC §13).
///
/// The ticketing tool may write the database directly, and SQLite keeps whatever it is given
/// (text in an INTEGER column, an id with a NUL byte, a type sla does not know): every value is
/// read as a `DatabaseValue` and checked, so a bad row becomes one case's finding — never a crash,
/// never a case silently missing from the night's files.
package enum CaseRead: Sendable {
    case readable(CaseSnapshot)
    case unreadable(CaseProblem)

    /// The snapshot of a readable case.
    package var snapshot: CaseSnapshot? {
        if case .readable(let snapshot) = self { return snapshot }
        return nil
    }

    /// The case's id as read (printable for an unreadable one).
    package var caseID: String {
        switch self {
        case .readable(let snapshot): snapshot.serviceCase.id
        case .unreadable(let problem): problem.caseID
        }
    }
}

/// The one query of a case with its client and KAM, and the one query of a case's events, and
/// how their rows become a `CaseSnapshot`.
enum CaseReading {
    /// The columns of a case row, in the order they are selected: positions come from this
    /// enum, names from the tables' `Columns`.
    enum CaseField: Int, CaseIterable {
        case id, clientID, product, type, priority, impact, urgency, createdAt, summary
        case clientFound, clientName, contract, kamID, kamName
        case assignee, group

        var sql: String {
            switch self {
            case .id: CaseRow.Columns.id.of("c")
            case .clientID: CaseRow.Columns.clientID.of("c")
            case .product: CaseRow.Columns.product.of("c")
            case .type: CaseRow.Columns.type.of("c")
            case .priority: CaseRow.Columns.priority.of("c")
            case .impact: CaseRow.Columns.impact.of("c")
            case .urgency: CaseRow.Columns.urgency.of("c")
            case .createdAt: CaseRow.Columns.createdAt.of("c")
            case .summary: CaseRow.Columns.summary.of("c")
            case .clientFound: ClientRow.Columns.id.of("cl")
            case .clientName: ClientRow.Columns.name.of("cl")
            case .contract: ClientRow.Columns.contract.of("cl")
            case .kamID: KAMRow.Columns.id.of("k")
            case .kamName: KAMRow.Columns.name.of("k")
            case .assignee: CaseRow.Columns.assignee.of("c")
            case .group: CaseRow.Columns.supportGroup.of("c")
            }
        }
    }

    /// `SELECT`'s column list for a case row; further columns may follow it.
    static let caseColumns = CaseField.allCases.map(\.sql).joined(separator: ", ")

    /// The case's client (`cl`) and KAM (`k`), joined to a case `c`: left joins, so a case whose
    /// client is missing (written directly, without foreign keys) is read, and reported, not dropped.
    static let clientAndKAM = """
        LEFT JOIN \(ClientRow.table) cl ON \(ClientRow.Columns.id.of("cl")) = \(CaseRow.Columns.clientID.of("c"))
        LEFT JOIN \(KAMRow.table) k ON \(KAMRow.Columns.id.of("k")) = \(ClientRow.Columns.kamID.of("cl"))
        """

    /// The case (`c`) with its client (`cl`) and KAM (`k`).
    static let caseTables = "\(CaseRow.table) c \(clientAndKAM)"

    /// The cases registered by `:asOf`, and those whose registration can never be valid — not a
    /// number, or after the calendar's end — so that they are read and reported rather than
    /// compared away.
    static let registeredByAsOf = notAfter(CaseRow.Columns.createdAt.of("c"), ":asOf")

    /// `column <= limit`, or `column` holding what can never be an instant of the calendar.
    static func notAfter(_ column: String, _ limit: String) -> String {
        """
        (\(column) <= \(limit) OR typeof(\(column)) NOT IN ('integer', 'real') \
        OR \(column) >= \(CalendarCoverage.end.secondsSince1970))
        """
    }

    /// The columns of an event row, in the order they are selected.
    enum EventField: Int, CaseIterable {
        case id, at, kind, level, caseID, due

        var sql: String {
            switch self {
            case .due: EventRow.Columns.due.name
            case .id: EventRow.Columns.id.name
            case .at: EventRow.Columns.at.name
            case .kind: EventRow.Columns.kind.name
            case .level: EventRow.Columns.level.name
            case .caseID: EventRow.Columns.caseID.name
            }
        }
    }

    static let eventColumns = EventField.allCases.map(\.sql).joined(separator: ", ")

    /// The one query of a case's events: all of them, as-of applied by the reader (a night also
    /// needs the latest event after it).
    static let eventsOfCase = "SELECT \(eventColumns) FROM \(EventRow.table) WHERE \(EventRow.Columns.caseID.name) = ?"

    /// A case row (`caseColumns` first), checked field by field; its events are added by the caller.
    static func decodeCase(_ row: StoredRows) -> CaseRead {
        func value(_ field: CaseField) -> StoredValue { row[field.rawValue] }
        var findings: [Finding] = []
        let id = identifier(value(.id))
        let shownID = id ?? printableID(value(.id))
        let source = Finding.Source.serviceCase(id: shownID)
        if id == nil {
            findings.append(
                Finding(
                    source, field: "case_id",
                    """
                    the id is not text sla can use (empty, stored as a BLOB, not valid UTF-8, or with a control \
                    character such as a NUL); correct it in the ticketing tool
                    """))
        }
        let clientID = text(value(.clientID))
        let clientName = text(value(.clientName))
        let kamID = text(value(.kamID))
        let kamName = text(value(.kamName))
        if value(.clientFound).isNull {
            findings.append(
                Finding(
                    source, field: "client_id",
                    """
                    client '\(Finding.printable(clientID))' is not in the database: import it in clients.csv
                    """))
        } else if value(.kamID).isNull {
            findings.append(Finding(source, field: "kam_id", "the client's KAM is not in the database: import the client again"))
        }
        let type: CaseType? = vocabulary(value(.type), "type", source, &findings)
        let priority: Priority? = vocabulary(value(.priority), "priority", source, &findings)
        let impact: Grade? = vocabulary(value(.impact), "impact", source, &findings, optional: true)
        let urgency: Grade? = vocabulary(value(.urgency), "urgency", source, &findings, optional: true)
        let contract: Contract? = value(.clientFound).isNull ? nil : vocabulary(value(.contract), "contract", source, &findings)
        let createdAt = instant(value(.createdAt), "created_at", source, &findings)

        guard findings.isEmpty, let id, let type, let priority, let contract, let createdAt else {
            return .unreadable(
                CaseProblem(
                    caseID: shownID, clientID: clientID, clientName: clientName, kamID: kamID,
                    kamName: kamName, findings: findings))
        }
        return .readable(
            CaseSnapshot(
                serviceCase: ServiceCase(
                    id: id, clientID: clientID, type: type, priority: priority, impact: impact,
                    urgency: urgency, contract: contract, createdAt: createdAt),
                product: text(value(.product)), summary: text(value(.summary)), clientName: clientName, kamID: kamID,
                kamName: kamName, events: [], assignee: optionalText(value(.assignee)), group: optionalText(value(.group))))
    }

    /// An event row (`eventColumns`) of `caseID`, checked; nil (and a finding) when it cannot be used.
    static func decodeEvent(_ row: StoredRows, of caseID: String, findings: inout [Finding]) -> CaseEvent? {
        func value(_ field: EventField) -> StoredValue { row[field.rawValue] }
        let source = Finding.Source.serviceCase(id: caseID)
        let before = findings.count
        let id = identifier(value(.id))
        let shownID = id ?? printableID(value(.id))
        if id == nil {
            findings.append(
                Finding(
                    source, field: "event_id",
                    """
                    event '\(shownID)': the id is not text sla can use (empty, stored as a BLOB, not valid UTF-8, \
                    or with a control character); correct it in the ticketing tool
                    """))
        }
        let at = instant(value(.at), "at", source, &findings, event: shownID)
        let kind: EventKind? = vocabulary(value(.kind), "kind", source, &findings, event: shownID)
        var level: Int?
        switch value(.level) {
        case .null: level = nil
        case .integer(let number) where (1...3).contains(number): level = Int(number)
        case let other:
            findings.append(
                Finding(
                    source, field: "level",
                    """
                    event '\(shownID)': level '\(printable(other))' is not an escalation level 1, 2 or 3
                    """))
        }
        var due: Instant?
        if !value(.due).isNull { due = instant(value(.due), "due", source, &findings, event: shownID) }
        if let kind, findings.count == before {
            if kind == .committed, due == nil {
                findings.append(
                    Finding(
                        source, field: "due",
                        "event '\(shownID)': a committed event needs the due instant of the solution it promises"))
            } else if kind != .committed, due != nil {
                findings.append(
                    Finding(
                        source, field: "due",
                        "event '\(shownID)': only a committed event has a due instant (this one is \(kind.rawValue))"))
            } else if let due, let at, due < at {
                findings.append(
                    Finding(source, field: "due", "event '\(shownID)': due \(due) is before the commitment was made (\(at))"))
            }
        }
        guard findings.count == before, let id, let at, let kind else { return nil }
        return CaseEvent(id: id, at: at, kind: kind, level: level, due: due)
    }

    /// Reads the events of `caseID` with `statement` (`eventsOfCase`).
    ///
    /// - Returns: the events up to `asOf` in time order, the instant of the latest one (after
    ///   `asOf` too), and the findings of the rows that cannot be used.
    static func events(of caseID: String, asOf: Instant, _ statement: Statement) throws
        -> (events: [CaseEvent], latest: Instant?, findings: [Finding])
    {
        var findings: [Finding] = []
        var events: [CaseEvent] = []
        var latest: Instant?
        let rows = try StoredRows(statement, arguments: [caseID])
        while try rows.next() {
            guard let event = decodeEvent(rows, of: caseID, findings: &findings) else { continue }
            latest = max(latest ?? event.at, event.at)
            if event.at <= asOf { events.append(event) }
        }
        events.sort(by: CaseEvent.inTimeOrder)
        return (events, latest, findings)
    }

    /// `read` with `events`, or the problem the events' findings make of it.
    static func attach(_ events: (events: [CaseEvent], latest: Instant?, findings: [Finding]), to read: CaseRead) -> CaseRead {
        switch read {
        case .readable(var snapshot):
            // The import refuses an event before its case's registration; one written directly,
            // or left behind when a case's registration was corrected later, would let a closure
            // be dated before the case existed.
            let created = snapshot.serviceCase.createdAt
            let early = events.events.filter { $0.at < created }.map { event in
                Finding(
                    .serviceCase(id: snapshot.serviceCase.id), field: "at",
                    """
                    event '\(Finding.printable(event.id))' at \(event.at) is before the case's registration \
                    (\(created)): correct one or the other in the ticketing tool
                    """)
            }
            guard events.findings.isEmpty, early.isEmpty else {
                return .unreadable(
                    CaseProblem(
                        caseID: snapshot.serviceCase.id, clientID: snapshot.serviceCase.clientID,
                        clientName: snapshot.clientName, kamID: snapshot.kamID, kamName: snapshot.kamName,
                        findings: events.findings + early))
            }
            snapshot.events = events.events
            return .readable(snapshot)
        case .unreadable(var problem):
            problem.findings += events.findings
            return .unreadable(problem)
        }
    }

    // MARK: Values

    /// Text usable as an id: stored as text (a BLOB is never equal to the text its bytes spell,
    /// so nothing would join to it), valid UTF-8, not empty, without control characters.
    ///
    /// - Complexity: one pass over the bytes; printable ASCII, nearly every id, needs nothing more.
    static func identifier(_ value: StoredValue) -> String? {
        switch value {
        case .integer(let number): return String(number)
        case .null, .real, .blob: return nil
        case .text(let bytes):
            guard !bytes.isEmpty else { return nil }
            if bytes.allSatisfy({ (0x20...0x7E).contains($0) }) { return String(decoding: bytes, as: UTF8.self) }
            guard let text = String(validating: bytes, as: UTF8.self),
                !text.unicodeScalars.contains(where: { $0.isControlCharacter })
            else { return nil }
            return text
        }
    }

    /// Text of a free-text column, whatever was stored: invalid bytes replaced, never a failure.
    static func text(_ value: StoredValue) -> String {
        switch value {
        case .null: ""
        case .text(let bytes), .blob(let bytes): String(decoding: bytes, as: UTF8.self)
        case .integer(let number): String(number)
        case .real(let number): String(number)
        }
    }

    /// Text of an optional free-text column (`assignee`, `support_group`), as `text(_:)`; nil for
    /// NULL or the empty string.
    static func optionalText(_ value: StoredValue) -> String? {
        let text = text(value)
        return text.isEmpty ? nil : text
    }

    /// A text column read through GRDB (the month's KAMs and clients, the journal), as `text(_:)`.
    static func text(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: ""
        case .string(let string): string
        case .blob(let data): String(decoding: data, as: UTF8.self)
        case .int64(let number): String(number)
        case .double(let number): String(number)
        }
    }

    /// A stored value for a message: printable, cut when long.
    static func printable(_ value: StoredValue) -> String { Finding.printable(text(value), limit: 60) }

    /// An unusable id for a message: its bytes as text with invalid ones replaced and control
    /// characters escaped, so a supervisor can still find the case.
    static func printableID(_ value: StoredValue) -> String {
        let shown = printable(value)
        return shown.isEmpty ? "(empty id)" : shown
    }

    /// An instant stored as Unix seconds, inside the calendar.
    static func instant(
        _ value: StoredValue, _ column: String, _ source: Finding.Source, _ findings: inout [Finding],
        event: String? = nil
    ) -> Instant? {
        // Words for a message only: not made for the millions of values that are fine.
        var prefix: String { event.map { "event '\($0)': " } ?? "" }
        let seconds: Int64?
        switch value {
        case .integer(let number): seconds = number
        case .real(let number): seconds = number.isFinite ? Int64(exactly: number.rounded(.towardZero)) : nil
        case .null, .text, .blob: seconds = nil
        }
        guard let seconds else {
            findings.append(
                Finding(
                    source, field: column,
                    """
                    \(prefix)\(column) '\(printable(value))' is not an instant: sla stores instants as whole seconds \
                    since 1970-01-01T00:00:00Z (docs/schema.md); write it again through sla import
                    """))
            return nil
        }
        guard CalendarCoverage.contains(secondsSince1970: seconds) else {
            let shown =
                (-8_000_000_000_000...8_000_000_000_000).contains(seconds)
                ? Instant(secondsSince1970: seconds).description : "\(seconds) seconds since 1970"
            findings.append(
                Finding(
                    source, field: column,
                    "\(prefix)\(column) \(CalendarCoverage.outsideReason(shown)); correct it in the ticketing tool"))
            return nil
        }
        return Instant(secondsSince1970: seconds)
    }

    /// A value of one of the vocabularies (SPEC §3): the canonical spelling the import stores,
    /// matched as bytes (nearly every row), or any spelling the import accepts; nil and a finding
    /// for anything else.
    static func vocabulary<T: CaseVocabulary>(
        _ value: StoredValue, _ column: String, _ source: Finding.Source,
        _ findings: inout [Finding], optional: Bool = false,
        event: String? = nil
    ) -> T? {
        if let bytes = value.bytes, let known = T.canonical(bytes) { return known }
        let stored = text(value)
        if value.isNull || stored.isEmpty {
            if !optional {
                findings.append(
                    Finding(
                        source, field: column,
                        "\(event.map { "event '\($0)': " } ?? "")\(column) is empty: it must be one of \(T.acceptedSpellings)"))
            }
            return nil
        }
        guard let known = T(accepting: stored) else {
            findings.append(
                Finding(
                    source, field: column,
                    """
                    \(event.map { "event '\($0)': " } ?? "")\(column) '\(printable(value))' is not one of \(T.acceptedSpellings); \
                    correct it in the ticketing tool
                    """))
            return nil
        }
        return known
    }
}
