import GRDB
import SLACore

/// Checks one row of a file and writes it, knowing what the database already holds.
///
/// The inserted rows' cases are put under watch by one statement at the end of the file, instead
/// of by the schema's insert trigger, row by row: the trigger is dropped for the import's
/// transaction and put back, verbatim, before it commits. No other writer can write in between
/// (the transaction holds SQLite's write lock), and a killed import rolls both back. Updated rows
/// keep their update triggers.
final class RowUpserter {
    private var check: (ImportRow) throws -> Void = { _ in }
    /// Writes the rows still batched; returns the rows rejected then.
    private var flush: () throws -> [LateRejection] = { [] }
    /// The rows of batches written that the database refused (an event moving to another case):
    /// rejected after the rows that followed them were read, until the caller takes them.
    private var lateRejections: [LateRejection] = []
    /// Their lines: a later row of the same id is then not a second row of it.
    private var lateRejectedLines = Set<Int>()
    /// Whether a line is in the batch not written yet.
    private var isPending: (Int) -> Bool = { _ in false }
    /// The trigger dropped for the transaction, and what does its work for the rows inserted.
    private var suspendedTrigger: (sql: String, watchInserted: () throws -> Void)?
    private let db: Database
    /// The column holding the rows' id, and the line each id was accepted on.
    private let key: ImportColumn
    @exclusivity(unchecked) private var firstLines = FirstLines()
    /// Told the ids accepted when the file ends.
    private var endFile: (FirstLines) -> Void = { _ in }
    /// The source's ids cannot repeat (ids sla derives): none is remembered.
    private let idsUnique: Bool

    init(
        _ kind: InterchangeFile, header: [String], casesBefore: Int64, imported: ImportedCases, db: Database,
        idsUnique: Bool = false
    ) throws {
        self.db = db
        self.idsUnique = idsUnique
        let column = { (name: String) in ImportColumn(name, in: header) }
        key = column(kind.columns[0])
        switch kind {
        case .clients:
            let k = KAMRow.Columns.self
            let c = ClientRow.Columns.self
            let kam = try RawStatement(
                db,
                sql: """
                    INSERT INTO \(KAMRow.table) (\(k.id.name), \(k.name.name), \(k.email.name)) VALUES (?, ?, ?)
                    ON CONFLICT(\(k.id.name)) DO UPDATE SET \(k.name.name) = excluded.\(k.name.name), \(k.email.name) = excluded.\(k.email.name)
                    WHERE \(k.name.name) IS NOT excluded.\(k.name.name) OR \(k.email.name) IS NOT excluded.\(k.email.name)
                    """)
            let client = try RawStatement(
                db,
                sql: BatchedUpsert.upsertSQL(
                    ClientRow.table, [c.id, c.name, c.contract, c.kamID, c.kamName, c.kamEmail].map(\.name)))
            let (clientID, clientName, contractColumn) = (column("client_id"), column("client_name"), column("contract"))
            let (kamIDColumn, kamNameColumn, kamEmail) = (column("kam_id"), column("kam_name"), column("kam_email"))
            check = { row in
                let id = try row.identifier(clientID)
                let name = try row.required(clientName)
                let contract = try row.enumeration(contractColumn, Contract.self)
                let kamID = try row.identifier(kamIDColumn)
                let email = row.string(kamEmail)
                if !email.isEmpty, !email.contains("@") {
                    throw Finding(field: "kam_email", reason: "kam_email '\(email)' is not an e-mail address")
                }
                let kamName = row.bytes(kamNameColumn).isEmpty ? kamID : row.bytes(kamNameColumn)
                try kam.bind(1, kamID)
                try kam.bind(2, kamName)
                kam.bind(3, email)
                try kam.execute()
                try client.bind(1, id)
                try client.bind(2, name)
                client.bind(3, contract.rawValue)
                try client.bind(4, kamID)
                try client.bind(5, kamName)
                client.bind(6, email)
                try client.execute()
            }
        case .cases:
            let c = CaseRow.Columns.self
            suspendedTrigger = try Self.suspendTrigger("case_inserted", table: CaseRow.self, caseColumn: c.id.name, db)
            // Clients are few and the cases file does not change them: checked in memory.
            let clients = try Set(ClientRow.select(ClientRow.Columns.id, as: String.self).fetchAll(db))
            let (caseID, clientID, product, typeColumn) = (
                column("case_id"), column("client_id"), column("product"), column("type")
            )
            let (priorityColumn, impactColumn, urgencyColumn) = (column("priority"), column("impact"), column("urgency"))
            let (createdAt, summary) = (column("created_at"), column("summary"))
            // The optional columns (SPEC §7) are written only by a file that has them: the upsert
            // of a file without one leaves the stored value of the cases it updates as it was.
            let (assignee, group) = (column("assignee"), column("group"))
            let (hasAssignee, hasGroup) = (assignee.position != nil, group.position != nil)
            let upsert = try BatchedUpsert(
                db, table: CaseRow.table,
                columns: ([
                    c.id, c.clientID, c.product, c.type, c.priority, c.impact, c.urgency, c.createdAt, c.summary
                ] + (hasAssignee ? [c.assignee] : []) + (hasGroup ? [c.supportGroup] : [])).map(\.name),
                someRowNotNew: imported.sawRowNotNew)
            imported.beginFile()
            endFile = imported.endFile
            flush = upsert.flush
            isPending = upsert.holds(line:)
            check = { [unowned self] row in
                let id = try row.identifier(caseID)
                let client = try row.identifier(clientID)
                let type = try row.enumeration(typeColumn, CaseType.self)
                let priority = try row.enumeration(priorityColumn, Priority.self)
                let impact = try row.optionalEnumeration(impactColumn, Grade.self)
                let urgency = try row.optionalEnumeration(urgencyColumn, Grade.self)
                let created = try row.instant(createdAt)
                let assigned = hasAssignee ? try row.optionalName(assignee) : nil
                let team = hasGroup ? try row.optionalName(group) : nil
                guard clients.contains(String(decoding: client, as: UTF8.self)) else {
                    throw Finding(
                        field: "client_id",
                        reason: """
                            unknown client '\(String(decoding: client, as: UTF8.self))': import it in clients.csv first
                            """)
                }
                imported.accept(line: row.record.line, registeredAt: created.secondsSince1970)
                upsert.text(id)
                upsert.text(client)
                upsert.text(row.bytes(product))
                upsert.text(type.rawValue)
                upsert.text(priority.rawValue)
                if let impact { upsert.text(impact.rawValue) } else { upsert.integer(nil) }
                if let urgency { upsert.text(urgency.rawValue) } else { upsert.integer(nil) }
                upsert.integer(created.secondsSince1970)
                upsert.text(row.bytes(summary))
                // Empty: NULL, no value (an empty string would be a name nobody has).
                if hasAssignee { if let assigned { upsert.text(assigned) } else { upsert.integer(nil) } }
                if hasGroup { if let team { upsert.text(team) } else { upsert.integer(nil) } }
                record(try upsert.endRow(row.record))
            }
        case .events:
            let e = EventRow.Columns.self
            // The insert trigger watches an event's case. A case this import inserted is under
            // watch already (the cases file watched it) and no night has read it: only the cases
            // from before the import that gained an event are watched again, each once, when the
            // file ends (the first import of ten years has none).
            var casesFromBefore = Set<[UInt8]>()
            let eventsBefore = try EventRow.largestRowID(db)
            suspendedTrigger = try Self.suspendTrigger("event_inserted", db) {
                // Of the cases from before with a row in the file, those that gained an event.
                let gained = try RawStatement(
                    db,
                    sql: """
                        SELECT EXISTS (SELECT 1 FROM \(EventRow.table) WHERE \(e.caseID.name) = ? AND rowid > ?)
                        """)
                let watch = try RawStatement(db, sql: CaseWatchRow.watchSQL("VALUES (?)"))
                let unsettle = try RawStatement(
                    db,
                    sql: """
                        DELETE FROM \(SettledCaseRow.table) WHERE \(SettledCaseRow.Columns.caseID.name) = ?
                        """)
                for caseID in casesFromBefore.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                    try caseID.withUnsafeBufferPointer { bytes in
                        try gained.bind(1, bytes)
                        gained.bind(2, eventsBefore)
                        guard try gained.fetchInt64() == 1 else { return }
                        try watch.bind(1, bytes)
                        try watch.execute()
                        try unsettle.bind(1, bytes)
                        try unsettle.execute()
                    }
                }
            }
            let caseCreated = try RawStatement(
                db,
                sql: """
                    SELECT \(CaseRow.Columns.createdAt.name), rowid FROM \(CaseRow.table) WHERE \(CaseRow.Columns.id.name) = ?
                    """)
            // An event never changes case (SPEC §3): a row that would move one is refused.
            let eventCase = try RawStatement(
                db,
                sql: """
                    SELECT \(e.caseID.name) FROM \(EventRow.table) WHERE \(e.id.name) = ?
                    """)
            let upsert = try BatchedUpsert(
                db, table: EventRow.table,
                columns: [e.id, e.caseID, e.at, e.kind, e.level, e.note, e.due].map(\.name),
                refuses: { values in
                    // values: id, case_id, ... of a row that is not new.
                    try eventCase.bind(1, values[0])
                    guard let stored = try eventCase.fetchText(), !stored.elementsEqual(values[1]) else { return nil }
                    return Finding(
                        field: "case_id",
                        reason: """
                            event '\(String(decoding: values[0], as: UTF8.self))' belongs to case \
                            '\(String(decoding: stored, as: UTF8.self))': an event never moves to another case; \
                            give this one its own event_id
                            """)
                })
            flush = upsert.flush
            isPending = upsert.holds(line:)
            let (eventID, caseID, atColumn) = (column("event_id"), column("case_id"), column("at"))
            let (kindColumn, levelColumn, note) = (column("kind"), column("level"), column("note"))
            let dueColumn = column("due")
            // A file lists a case's events together: its registration is looked up once for them.
            var lastCase: [UInt8] = []
            var lastCreated: Int64?
            check = { [unowned self] row in
                let id = try row.identifier(eventID)
                if id.starts(with: Self.reservedPrefix) {
                    throw Finding(
                        field: "event_id",
                        reason: """
                            event_id '\(String(decoding: id, as: UTF8.self))' starts with 'sla-', which sla keeps for the \
                            events it writes (its automatic closures): give the event another id
                            """)
                }
                let caseBytes = try row.identifier(caseID)
                let at = try row.instant(atColumn)
                let kind = try row.enumeration(kindColumn, EventKind.self)
                let level = try Self.level(row.bytes(levelColumn))
                if kind == .escalated, level == nil {
                    throw Finding(field: "level", reason: "an escalated event needs the level reached (1, 2 or 3)")
                }
                // The work plan's commitment (its `due`) belongs to `committed` alone, and is never
                // before the commitment was made.
                let due = row.bytes(dueColumn).isEmpty ? nil : try row.instant(dueColumn)
                if kind == .committed, due == nil {
                    throw Finding(field: "due", reason: "a committed event needs due: the instant the solution is promised for")
                }
                if kind != .committed, due != nil {
                    throw Finding(
                        field: "due", reason: "due is only for committed events (this one is \(kind.rawValue)): leave it empty")
                }
                if let due, due < at {
                    throw Finding(field: "due", reason: "due \(due) is before the event's own instant (\(at))")
                }
                if !lastCase.elementsEqual(caseBytes) {  // a case id is never empty
                    lastCase.removeAll(keepingCapacity: true)
                    lastCase.append(contentsOf: caseBytes)
                    if let registered = imported.registration(of: caseBytes) {
                        lastCreated = registered  // inserted by this import: not a case from before
                    } else {
                        try caseCreated.bind(1, caseBytes)
                        let found = try caseCreated.fetchTwoInt64()
                        lastCreated = found?.0
                        if let rowid = found?.1, rowid <= casesBefore { casesFromBefore.insert(lastCase) }
                    }
                }
                guard let created = lastCreated else {
                    throw Finding(
                        field: "case_id",
                        reason: """
                            unknown case '\(String(decoding: caseBytes, as: UTF8.self))': import it in cases.csv first
                            """)
                }
                guard at.secondsSince1970 >= created else {
                    throw Finding(
                        field: "at",
                        reason: """
                            at \(at) is before the case's registration (\(Instant(secondsSince1970: created)))
                            """)
                }
                upsert.text(id)
                upsert.text(caseBytes)
                upsert.integer(at.secondsSince1970)
                upsert.text(kind.rawValue)
                upsert.integer(level)
                upsert.text(row.bytes(note))
                upsert.integer(due?.secondsSince1970)
                record(try upsert.endRow(row.record))
            }
        }
    }

    /// Checks and writes `row` (into the batch); returns earlier rows that writing a full batch
    /// rejected.
    /// The event ids sla writes itself start with this (`sla-auto-closed:…`).
    static let reservedPrefix = Array("sla-".utf8)

    /// Checks and writes `row` (into the batch); the rows a batch written meanwhile refused are
    /// kept for `takeLateRejections`.
    func callAsFunction(_ row: ImportRow) throws {
        if idsUnique { return try check(row) }
        let id = row.bytes(key)
        let probe = firstLines.lookup(id)
        if !id.isEmpty, let first = probe.line {
            // The first row of the id may be in the batch not written yet, which the database could
            // still refuse: written now, so that a refused first row does not cost this one.
            if isPending(first) { record(try flush()) }
            guard lateRejectedLines.contains(first) else {
                throw Finding(
                    field: key.name,
                    reason: """
                        \(key.name) '\(String(decoding: id, as: UTF8.self))' is already on line \(first) of this file: \
                        each id once per file (this row was not imported)
                        """)
            }
        }
        try check(row)
        // Nothing but this call changes the table: the probe still says where the id goes.
        firstLines.remember(id, line: row.record.line, at: probe)
    }

    /// The rows refused since the last call.
    func takeLateRejections() -> [LateRejection] {
        guard !lateRejections.isEmpty else { return [] }
        defer { lateRejections.removeAll() }
        return lateRejections
    }

    private func record(_ refused: [LateRejection]) {
        guard !refused.isEmpty else { return }  // nearly every row
        lateRejections += refused
        lateRejectedLines.formUnion(refused.map(\.line))
    }

    /// Writes the rows still batched, watches the inserted rows' cases and puts the suspended
    /// insert trigger back, before the transaction commits.
    func finish() throws {
        record(try flush())
        endFile(firstLines)
        if let suspendedTrigger {
            try suspendedTrigger.watchInserted()
            try db.execute(sql: suspendedTrigger.sql)
        }
        suspendedTrigger = nil
    }

    /// Drops the insert trigger `name` for the transaction: its SQL, to put it back, and what
    /// does its work for the rows inserted meanwhile (`watchInserted`).
    private static func suspendTrigger(_ name: String, _ db: Database, watchInserted: @escaping () throws -> Void) throws
        -> (sql: String, watchInserted: () throws -> Void)?
    {
        guard
            let sql = try String.fetchOne(
                db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                arguments: [name])
        else { return nil }
        try db.execute(sql: "DROP TRIGGER \(name)")
        return (sql, watchInserted)
    }

    /// `suspendTrigger` for a trigger that watches the inserted rows' cases: the rows with a rowid
    /// above the table's largest before the import are watched by two statements, as it would have.
    private static func suspendTrigger<Table: TableRecord>(
        _ name: String, table: Table.Type, caseColumn: String,
        _ db: Database
    ) throws
        -> (sql: String, watchInserted: () throws -> Void)?
    {
        let largest = try Table.largestRowID(db)
        let inserted = "SELECT \(caseColumn) FROM \(Table.table) WHERE rowid > :largest"
        let settled = SettledCaseRow.Columns.self
        return try suspendTrigger(name, db) {
            try db.execute(
                sql: CaseWatchRow.watchSQL("SELECT DISTINCT \(caseColumn) FROM \(Table.table) WHERE rowid > :largest"),
                arguments: ["largest": largest])
            // Nothing settled yet (the first import): no list of every inserted id to build.
            guard try !SettledCaseRow.all().isEmpty(db) else { return }
            try db.execute(
                sql: "DELETE FROM \(SettledCaseRow.table) WHERE \(settled.caseID.name) IN (\(inserted))",
                arguments: ["largest": largest])
        }
    }

    private static func level(_ bytes: UnsafeBufferPointer<UInt8>) throws(Finding) -> Int64? {
        if bytes.isEmpty { return nil }
        if bytes.count == 1, (UInt8(ascii: "1")...UInt8(ascii: "3")).contains(bytes[0]) {
            return Int64(bytes[0] - UInt8(ascii: "0"))
        }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let value = Int(text), (1...3).contains(value) else {
            throw Finding(
                field: "level", reason: "level '\(Finding.printable(text, limit: 40))' is not an escalation level 1, 2 or 3")
        }
        return Int64(value)
    }
}
