import Foundation
import GRDB
package import Logging
package import SLACore

extension CaseStore {
    /// One interchange file to import.
    package struct ImportFile: Sendable {
        package var kind: InterchangeFile
        package var path: String
        /// How the file is written when it is a tool's own export; nil for sla's own CSV.
        package var layout: ExportLayout?

        package init(_ kind: InterchangeFile, path: String, layout: ExportLayout? = nil) {
            self.kind = kind
            self.path = path
            self.layout = layout
        }
    }

    /// Imports interchange files, in order, in one transaction: valid rows are upserted by id (so
    /// re-importing a file changes nothing), each invalid row is listed with its line, column and
    /// reason, and a neighbour's fault never costs a valid row.
    ///
    /// - Parameters:
    ///   - progress: told now and then the file, the rows read so far and the share of it read.
    ///   - confirm: called with each file's report after its last row, inside the transaction —
    ///     where the rejects file is prepared: if it throws, nothing of any file is committed.
    package func importFiles(_ files: [ImportFile], logger: Logger,
                            progress: ((_ file: String, _ rows: Int, _ fraction: Double) -> Void)? = nil,
                            confirm: (ImportReport) throws -> Void = { _ in }) throws -> [ImportReport]
    {
        // Every file is opened and its header checked before anything is written.
        var opened: [(file: ImportFile, source: OpenedFile)] = []
        for file in files {
            if let layout = file.layout {
                opened.append((file, .export(try ExportRows(path: file.path, kind: file.kind, layout: layout))))
            } else {
                let (reader, header, size) = try Self.open(file, logger: logger)
                opened.append((file, .csv(reader, header: header, size: size)))
            }
        }
        var reports: [ImportReport] = []
        do {
            // The import checks every reference itself (a case's client, an event's case) and
            // says which row and column is wrong; SQLite checking them again, per row, doubled
            // the cost of a row. The pragma only takes effect outside a transaction.
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
                try db.inTransaction(.immediate) {
                    // The cases that were there before this import, by rowid: only their events
                    // can change what a night already read.
                    let casesBefore = try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM \(CaseRow.table)") ?? 0
                    let imported = ImportedCases()
                    for (file, source) in opened {
                        var report: ImportReport
                        switch source {
                        case .csv(var reader, let header, let size):
                            report = ImportReport(file: file.path, header: header, read: 0, accepted: 0, rejected: [])
                            let names = header.map { String($0.trimmingBlanksAndTabs()).lowercased() }
                            try Self.importRows(file.kind, from: &reader, names: names, shape: nil, path: file.path, into: db,
                                                casesBefore: casesBefore, imported: imported, report: &report) { rows, offset in
                                progress?(file.path, rows, Double(offset) / Double(size))
                            }
                        case let .export(rows):
                            report = try Self.importExport(rows, file: file, into: db, casesBefore: casesBefore,
                                                           imported: imported, progress: progress)
                        }
                        report.rejected.sort { $0.line < $1.line }
                        try confirm(report)
                        reports.append(report)
                    }
                    return .commit
                }
            }
        } catch let error as DatabaseError {
            throw StoreError.database(error, path, doing: "import into")
        }
        for report in reports {
            logger.info("""
                \(report.file): \(report.read) rows read = \(report.accepted) accepted + \(report.rejected.count) rejected\
                \(report.skipped > 0 ? " + \(report.skipped) skipped (no rule of the profile)" : "")
                """)
        }
        return reports
    }

    /// Opens an interchange file and reads its header; a file that cannot be read, or whose
    /// header lacks a required column, stops the import before anything is written.
    private static func open(_ file: ImportFile, logger: Logger) throws(StoreError)
        -> (reader: CSVReader, header: [String], size: Int)
    {
        let path = file.path, kind = file.kind
        let descriptor = Foundation.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StoreError.input(path, errno: errno) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) != S_IFDIR else {
            Foundation.close(descriptor)
            throw StoreError.input(path, errno: EISDIR)
        }
        var reader = CSVReader(file: FileHandle(fileDescriptor: descriptor, closeOnDealloc: true))
        guard let header = reader.next() else {
            throw StoreError(.malformedInput, "\(path): the file is empty; expected a header row: \(kind.columns.joined(separator: ","))")
        }
        let names = header.fields.map { String($0.trimmingBlanksAndTabs()).lowercased() }
        let missing = kind.requiredColumns.subtracting(names)
        if !missing.isEmpty, header.fields.contains(where: { $0.contains("\u{0}") || $0.contains("\u{FFFD}") }) {
            throw StoreError(.malformedInput, """
                \(path):1: the file is not UTF-8 (it looks like UTF-16 or another encoding): save it as UTF-8 \
                with the header \(kind.expectedHeader)
                """)
        }
        guard missing.isEmpty else {
            throw StoreError(.malformedInput, """
                \(path):1: the header lacks \(missing.sorted().joined(separator: ", ")); \
                expected \(kind.expectedHeader)
                """)
        }
        // A column given twice: which one holds the values is anybody's guess, so neither is read.
        for (position, name) in names.enumerated() where kind.columns.contains(name) {
            if let first = names.firstIndex(of: name), first < position {
                throw StoreError(.malformedInput, """
                    \(path):1: the header gives the column \(name) twice (columns \(first + 1) and \(position + 1)): \
                    keep one of them
                    """)
            }
        }
        let unknown = names.filter { !kind.columns.contains($0) }
        if !unknown.isEmpty { logger.warning("\(path): ignoring unknown columns \(unknown.joined(separator: ", "))") }
        return (reader, header.fields, max(1, Int(status.st_size)))
    }
}

extension CaseStore {
    /// Checks and writes every row after the header, inside the import's transaction.
    private static func importRows<Source: ImportRecordSource>(
        _ kind: InterchangeFile, from reader: inout Source, names: [String], shape: RowShape?, path: String,
        into db: Database, casesBefore: Int64, imported: ImportedCases, report: inout ImportReport,
        progress: (_ rows: Int, _ offset: Int) -> Void) throws
    {
        let upsert = try RowUpserter(kind, header: names, casesBefore: casesBefore, imported: imported, db: db)
        var record = CSVReader.RawRecord()
        func reject(_ line: Int, _ problem: RowProblem, _ fields: [String]) {
            let column = shape?.column(problem.column) ?? problem.column
            var reason = problem.reason
            if shape != nil, reason.contains(" is not one of "), !problem.column.hasPrefix("\u{0}") {
                reason += " (map the export's word to one of them under values.\(problem.column) in the profile)"
            }
            report.rejected.append(.init(finding: Finding(.file(path: path, line: line), column: column, reason),
                                         fields: shape?.asRead(fields) ?? fields))
        }
        while reader.next(into: &record) {
            report.read += 1
            if report.read % 10_000 == 0 { progress(report.read, reader.offset) }
            do {
                if let problem = record.problem {
                    if let column = record.problemColumn { throw RowProblem(column: column, reason: problem) }
                    throw RowProblem(column: names.first ?? "", reason: "malformed CSV: \(problem)")
                }
                if record.fields.count != names.count {
                    let column = record.fields.count < names.count ? names[record.fields.count] : names.last ?? ""
                    throw RowProblem(column: column, reason: "the row has \(record.fields.count) fields, the header \(names.count)")
                }
                // Text that is not UTF-8 (a file saved as Latin-1) would reach the reports garbled.
                if let bad = record.fields.firstIndex(where: { !ImportRow.isUTF8($0) }) {
                    throw RowProblem(column: names[bad], reason: """
                        '\(Finding.printable(String(decoding: record.fields[bad], as: UTF8.self), limit: 60))' is not \
                        valid UTF-8: save the file as UTF-8 (it may have been saved as Latin-1 or Windows-1252)
                        """)
                }
                try upsert(ImportRow(record: record))
                reader.accepted()
                report.accepted += 1
            } catch let problem as RowProblem {
                reject(record.line, problem, record.strings)
            }
            // Earlier rows rejected only when their batch was written had been counted as accepted.
            let late = upsert.takeLateRejections()
            report.accepted -= late.count
            for rejection in late { reject(rejection.line, rejection.problem, rejection.fields) }
        }
        try upsert.finish()
        let late = upsert.takeLateRejections()
        report.accepted -= late.count
        for rejection in late { reject(rejection.line, rejection.problem, rejection.fields) }
    }
}

/// An interchange file opened: sla's own CSV, or a tool's export read through a profile.
enum OpenedFile {
    case csv(CSVReader, header: [String], size: Int)
    case export(ExportRows)
}

/// How a rejected row of an export is listed: the export's column names and its row as read.
struct RowShape {
    var column: (String) -> String
    var asRead: ([String]) -> [String]
}

extension CaseStore {
    /// Imports a tool's export through its profile's layout; a cases export's instant columns that
    /// are events are imported after its rows, as the events of the rows accepted. Rows read =
    /// accepted + rejected + skipped, each row of the export counted once.
    fileprivate static func importExport(_ rows: ExportRows, file: ImportFile, into db: Database, casesBefore: Int64,
                                         imported: ImportedCases,
                                         progress: ((_ file: String, _ rows: Int, _ fraction: Double) -> Void)?) throws
        -> ImportReport
    {
        var report = ImportReport(file: file.path, header: rows.header, read: 0, accepted: 0, rejected: [])
        var source = rows
        let shape = RowShape(column: { rows.shownName($0) }, asRead: { rows.asRead($0) })
        let size = Double(max(1, (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 1))
        try importRows(file.kind, from: &source, names: rows.names, shape: shape, path: file.path, into: db,
                       casesBefore: casesBefore, imported: imported, report: &report) { count, offset in
            progress?(file.path, count, Double(offset) / size)
        }
        report.read += rows.skipped
        report.skipped = rows.skipped
        guard !rows.rowEvents.isEmpty else { return report }
        // The case rows' events: rejected only if the database refuses one, which then rejects its row.
        var columns: [EventKind: String] = [:]
        for event in rows.layout.rowEvents { columns[event.kind] = event.column }
        var events = RowEventRows(rows.rowEvents, columns: columns)
        var eventReport = ImportReport(file: file.path, header: [], read: 0, accepted: 0, rejected: [])
        try importRows(.events, from: &events, names: RowEventRows.names, shape: nil, path: file.path, into: db,
                       casesBefore: casesBefore, imported: imported, report: &eventReport) { _, _ in }
        let rejectedLines = Set(report.rejected.map(\.line))
        var seen = Set<Int>()
        for rejection in eventReport.rejected where !rejectedLines.contains(rejection.line) && seen.insert(rejection.line).inserted {
            var finding = rejection.finding
            let column = rejection.fields.last ?? ""
            finding.column = ["at", "kind", "event_id"].contains(rejection.column) && !column.isEmpty ? column
                : rows.shownName(rejection.column)
            report.rejected.append(.init(finding: finding, fields: []))
            report.accepted -= 1
        }
        return report
    }
}

/// Checks one row of a file and writes it, knowing what the database already holds.
///
/// The inserted rows' cases are put under watch by one statement at the end of the file, instead
/// of by the schema's insert trigger, row by row: the trigger is dropped for the import's
/// transaction and put back, verbatim, before it commits. No other writer can write in between
/// (the transaction holds SQLite's write lock), and a killed import rolls both back. Updated rows
/// keep their update triggers.
private final class RowUpserter {
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

    init(_ kind: InterchangeFile, header: [String], casesBefore: Int64, imported: ImportedCases, db: Database) throws {
        self.db = db
        let column = { (name: String) in ImportColumn(name, in: header) }
        key = column(kind.columns[0])
        switch kind {
        case .clients:
            let k = KAMRow.Columns.self, c = ClientRow.Columns.self
            let kam = try RawStatement(db, sql: """
                INSERT INTO \(KAMRow.table) (\(k.id.name), \(k.name.name), \(k.email.name)) VALUES (?, ?, ?)
                ON CONFLICT(\(k.id.name)) DO UPDATE SET \(k.name.name) = excluded.\(k.name.name), \(k.email.name) = excluded.\(k.email.name)
                WHERE \(k.name.name) IS NOT excluded.\(k.name.name) OR \(k.email.name) IS NOT excluded.\(k.email.name)
                """)
            let client = try RawStatement(db, sql: BatchedUpsert.upsertSQL(
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
                    throw RowProblem(column: "kam_email", reason: "kam_email '\(email)' is not an e-mail address")
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
            suspendedTrigger = try Self.suspendTrigger("case_inserted", table: CaseRow.table, caseColumn: c.id.name, db)
            // Clients are few and the cases file does not change them: checked in memory.
            let clients = try Set(String.fetchAll(db, sql: "SELECT \(ClientRow.Columns.id.name) FROM \(ClientRow.table)"))
            let (caseID, clientID, product, typeColumn) = (column("case_id"), column("client_id"), column("product"), column("type"))
            let (priorityColumn, impactColumn, urgencyColumn) = (column("priority"), column("impact"), column("urgency"))
            let (createdAt, summary) = (column("created_at"), column("summary"))
            // The optional columns (SPEC §7) are written only by a file that has them: the upsert
            // of a file without one leaves the stored value of the cases it updates as it was.
            let (assignee, group) = (column("assignee"), column("group"))
            let (hasAssignee, hasGroup) = (assignee.position != nil, group.position != nil)
            let upsert = try BatchedUpsert(db, table: CaseRow.table, columns: ([
                c.id, c.clientID, c.product, c.type, c.priority, c.impact, c.urgency, c.createdAt, c.summary,
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
                    throw RowProblem(column: "client_id", reason: """
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
            let eventsBefore = try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM \(EventRow.table)") ?? 0
            suspendedTrigger = try Self.suspendTrigger("event_inserted", db) {
                // Of the cases from before with a row in the file, those that gained an event.
                let gained = try RawStatement(db, sql: """
                    SELECT EXISTS (SELECT 1 FROM \(EventRow.table) WHERE \(e.caseID.name) = ? AND rowid > ?)
                    """)
                let watch = try RawStatement(db, sql: """
                    INSERT INTO \(CaseWatchRow.table) (\(CaseWatchRow.Columns.caseID.name)) VALUES (?)
                    ON CONFLICT(\(CaseWatchRow.Columns.caseID.name)) DO UPDATE SET \(CaseWatchRow.Columns.version.name) = \(CaseWatchRow.Columns.version.name) + 1
                    """)
                let unsettle = try RawStatement(db, sql: """
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
            let caseCreated = try RawStatement(db, sql: """
                SELECT \(CaseRow.Columns.createdAt.name), rowid FROM \(CaseRow.table) WHERE \(CaseRow.Columns.id.name) = ?
                """)
            // An event never changes case (SPEC §3): a row that would move one is refused.
            let eventCase = try RawStatement(db, sql: """
                SELECT \(e.caseID.name) FROM \(EventRow.table) WHERE \(e.id.name) = ?
                """)
            let upsert = try BatchedUpsert(db, table: EventRow.table,
                                           columns: [e.id, e.caseID, e.at, e.kind, e.level, e.note, e.due].map(\.name),
                                           refuses: { values in
                // values: id, case_id, ... of a row that is not new.
                try eventCase.bind(1, values[0])
                guard let stored = try eventCase.fetchText(), !stored.elementsEqual(values[1]) else { return nil }
                return RowProblem(column: "case_id", reason: """
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
                    throw RowProblem(column: "event_id", reason: """
                        event_id '\(String(decoding: id, as: UTF8.self))' starts with 'sla-', which sla keeps for the \
                        events it writes (its automatic closures): give the event another id
                        """)
                }
                let caseBytes = try row.identifier(caseID)
                let at = try row.instant(atColumn)
                let kind = try row.enumeration(kindColumn, EventKind.self)
                let level = try Self.level(row.bytes(levelColumn))
                if kind == .escalated, level == nil {
                    throw RowProblem(column: "level", reason: "an escalated event needs the level reached (1, 2 or 3)")
                }
                // The work plan's commitment (its `due`) belongs to `committed` alone, and is never
                // before the commitment was made.
                let due = row.bytes(dueColumn).isEmpty ? nil : try row.instant(dueColumn)
                if kind == .committed, due == nil {
                    throw RowProblem(column: "due", reason: "a committed event needs due: the instant the solution is promised for")
                }
                if kind != .committed, due != nil {
                    throw RowProblem(column: "due", reason: "due is only for committed events (this one is \(kind.rawValue)): leave it empty")
                }
                if let due, due < at {
                    throw RowProblem(column: "due", reason: "due \(due) is before the event's own instant (\(at))")
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
                    throw RowProblem(column: "case_id", reason: """
                        unknown case '\(String(decoding: caseBytes, as: UTF8.self))': import it in cases.csv first
                        """)
                }
                guard at.secondsSince1970 >= created else {
                    throw RowProblem(column: "at", reason: """
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
        let id = row.bytes(key)
        let probe = firstLines.lookup(id)
        if !id.isEmpty, let first = probe.line {
            // The first row of the id may be in the batch not written yet, which the database could
            // still refuse: written now, so that a refused first row does not cost this one.
            if isPending(first) { record(try flush()) }
            guard lateRejectedLines.contains(first) else {
                throw RowProblem(column: key.name, reason: """
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
        guard let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                                            arguments: [name])
        else { return nil }
        try db.execute(sql: "DROP TRIGGER \(name)")
        return (sql, watchInserted)
    }

    /// `suspendTrigger` for a trigger that watches the inserted rows' cases: the rows with a rowid
    /// above the table's largest before the import are watched by two statements, as it would have.
    private static func suspendTrigger(_ name: String, table: String, caseColumn: String, _ db: Database) throws
        -> (sql: String, watchInserted: () throws -> Void)?
    {
        let largest = try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM \(table)") ?? 0
        let inserted = "SELECT \(caseColumn) FROM \(table) WHERE rowid > :largest"
        let watch = CaseWatchRow.Columns.self, settled = SettledCaseRow.Columns.self
        return try suspendTrigger(name, db) {
            try db.execute(sql: """
                INSERT INTO \(CaseWatchRow.table) (\(watch.caseID.name)) SELECT DISTINCT \(caseColumn) FROM \(table) WHERE rowid > :largest
                ON CONFLICT(\(watch.caseID.name)) DO UPDATE SET \(watch.version.name) = \(watch.version.name) + 1
                """, arguments: ["largest": largest])
            // Nothing settled yet (the first import): no list of every inserted id to build.
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(SettledCaseRow.table))") == true else { return }
            try db.execute(sql: "DELETE FROM \(SettledCaseRow.table) WHERE \(settled.caseID.name) IN (\(inserted))",
                           arguments: ["largest": largest])
        }
    }

    private static func level(_ bytes: UnsafeBufferPointer<UInt8>) throws(RowProblem) -> Int64? {
        if bytes.isEmpty { return nil }
        if bytes.count == 1, (UInt8(ascii: "1")...UInt8(ascii: "3")).contains(bytes[0]) { return Int64(bytes[0] - UInt8(ascii: "0")) }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let value = Int(text), (1...3).contains(value) else {
            throw RowProblem(column: "level", reason: "level '\(Finding.printable(text, limit: 40))' is not an escalation level 1, 2 or 3")
        }
        return Int64(value)
    }
}

/// A row rejected when its batch was written, after later rows were read.
struct LateRejection {
    var line: Int
    var problem: RowProblem
    var fields: [String]
}

/// Rows written a batch at a time: one multi-row `INSERT OR IGNORE` for the batch, then, only if
/// some row was not new (or failed for another reason, which the upsert then raises), the upsert of
/// each row of the batch in order — the same end state as upserting row by row.
///
/// A plain insert of new rows needs no statement journal, while an upsert (it may update, and
/// updates have triggers) copies each page it touches into one; and SQLite's work per statement
/// (cursors opened and closed on the table and each index) is shared by the batch. Importing new
/// rows runs about twice as fast as row-by-row upserts.
private final class BatchedUpsert {
    private enum Value {
        case text(start: Int, count: Int)
        case integer(Int64)
        case null
    }

    private static let batchSize = 64
    private let db: Database
    private let table: String
    private let columns: String
    private let width: Int
    private let batchInsert: RawStatement
    private let upsert: RawStatement
    /// Asked, before the upsert of a row that is not new, whether the database refuses it; given
    /// the row's values as bytes (empty for a number).
    private let refuses: (([UnsafeBufferPointer<UInt8>]) throws -> RowProblem?)?
    /// Told when a batch holds a row that was not inserted as new.
    private let someRowNotNew: () -> Void
    /// The batch's text values, copied: the CSV reader's window moves on while a batch fills.
    @exclusivity(unchecked) private var arena: [UInt8] = []
    @exclusivity(unchecked) private var values: [Value] = []
    /// The batch's rows as read (line, fields), for a row the database refuses.
    @exclusivity(unchecked) private var rowArena: [UInt8] = []
    /// Each row's line and its fields in `fieldRanges` (where the row arena holds them): flat, so
    /// a row costs no array of its own.
    @exclusivity(unchecked) private var rows: [(line: Int, fields: Range<Int>)] = []
    @exclusivity(unchecked) private var fieldRanges: [Range<Int>] = []

    /// - Parameter columns: the table's columns to write, its key (`id`) first.
    init(_ db: Database, table: String, columns: [String], someRowNotNew: @escaping () -> Void = {},
         refuses: (([UnsafeBufferPointer<UInt8>]) throws -> RowProblem?)? = nil) throws
    {
        self.db = db
        self.someRowNotNew = someRowNotNew
        self.table = table
        self.columns = columns.joined(separator: ", ")
        self.refuses = refuses
        width = columns.count
        batchInsert = try RawStatement(db, sql: Self.insert(table, self.columns, width: width, rows: Self.batchSize))
        upsert = try RawStatement(db, sql: Self.upsertSQL(table, columns))
        arena.reserveCapacity(1 << 16)
        values.reserveCapacity(Self.batchSize * width)
    }

    /// An upsert of one row that rewrites the row only when a value differs: re-importing a
    /// file changes nothing and fires no trigger.
    static func upsertSQL(_ table: String, _ columns: [String]) -> String {
        let updated = columns.dropFirst()
        return """
            INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))
            ON CONFLICT(\(columns[0])) DO UPDATE SET \(updated.map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
            WHERE \(updated.map { "\($0) IS NOT excluded.\($0)" }.joined(separator: " OR "))
            """
    }

    private static func insert(_ table: String, _ columns: String, width: Int, rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
        return "INSERT OR IGNORE INTO \(table) (\(columns)) VALUES " + Array(repeating: row, count: rows).joined(separator: ", ")
    }

    func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        values.append(.text(start: arena.count, count: bytes.count))
        arena.append(contentsOf: bytes)
    }

    func text(_ string: String) {
        var string = string
        string.withUTF8 { text($0) }
    }

    func integer(_ value: Int64?) {
        values.append(value.map(Value.integer) ?? .null)
    }

    /// Ends the row whose values were just given (`record` as read); writes the batch when it is
    /// full, and returns the rows of the batch the database refused.
    func endRow(_ record: CSVReader.RawRecord) throws -> [LateRejection] {
        // The row as read is kept only where the database may refuse it (events).
        let first = fieldRanges.count
        if refuses != nil {
            for field in record.fields {
                fieldRanges.append(rowArena.count..<(rowArena.count + field.count))
                rowArena.append(contentsOf: field)
            }
        }
        rows.append((record.line, first..<fieldRanges.count))
        guard values.count == Self.batchSize * width else { return [] }
        return try flush()
    }

    /// Whether the row of `line` is in the batch not written yet.
    func holds(line: Int) -> Bool { rows.contains { $0.line == line } }

    /// Writes the rows given so far; returns those the database refused.
    func flush() throws -> [LateRejection] {
        let count = values.count / width
        guard count > 0 else { return [] }
        var refused: [LateRejection] = []
        try arena.withUnsafeBufferPointer { arena in
            let insert = count == Self.batchSize
                ? batchInsert : try RawStatement(db, sql: Self.insert(table, columns, width: width, rows: count))
            for (index, value) in values.enumerated() { try bind(insert, Int32(index + 1), value, arena) }
            let inserted = try insert.execute()
            if inserted < count {
                someRowNotNew()
                for row in 0..<count {
                    let rowValues = values[(row * width)..<((row + 1) * width)]
                    if let refuses, let problem = try refuses(rowValues.map { bytes($0, arena) }) {
                        refused.append(LateRejection(line: rows[row].line, problem: problem, fields: fieldRanges[rows[row].fields].map {
                            String(decoding: rowArena[$0], as: UTF8.self)
                        }))
                        continue
                    }
                    for (column, value) in rowValues.enumerated() { try bind(upsert, Int32(column + 1), value, arena) }
                    try upsert.execute()
                }
            }
        }
        arena.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        rowArena.removeAll(keepingCapacity: true)
        rows.removeAll(keepingCapacity: true)
        fieldRanges.removeAll(keepingCapacity: true)
        return refused
    }

    private func bytes(_ value: Value, _ arena: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard case let .text(start, count) = value else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(rebasing: arena[start..<(start + count)])
    }

    private func bind(_ statement: RawStatement, _ index: Int32, _ value: Value, _ arena: UnsafeBufferPointer<UInt8>) throws {
        switch value {
        case .text: try statement.bind(index, bytes(value, arena))
        case .integer(let number): statement.bind(index, number)
        case .null: statement.bind(index, nil as Int64?)
        }
    }
}
