import Foundation
import GRDB
public import Logging
import SLACore

extension CaseStore {
    /// Imports one interchange file: valid rows are upserted by id in one transaction (so
    /// re-importing a file changes nothing), each invalid row goes to `<file>.rejects.csv` with its
    /// line, column and reason, and a neighbour's fault never costs a valid row.
    ///
    /// - Parameter progress: told now and then the rows read so far and the share of the file read.
    public func importFile(_ kind: InterchangeFile, path: String, logger: Logger,
                           progress: ((_ rows: Int, _ fraction: Double) -> Void)? = nil) throws(StoreError) -> ImportReport
    {
        guard let file = FileHandle(forReadingAtPath: path) else {
            throw StoreError("\(path): cannot be read (does it exist?)")
        }
        defer { try? file.close() }
        let size = max(1, (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 1)
        var reader = CSVReader(file: file)
        guard let header = reader.next() else { throw StoreError("\(path): the file is empty; expected a header row") }
        let names = header.fields.map { String($0.trimmingBlanksAndTabs()).lowercased() }
        let missing = kind.requiredColumns.subtracting(names)
        guard missing.isEmpty else {
            throw StoreError("""
                \(path):1: the header lacks \(missing.sorted().joined(separator: ", ")); \
                expected \(kind.columns.joined(separator: ","))
                """)
        }
        let unknown = names.filter { !kind.columns.contains($0) }
        if !unknown.isEmpty { logger.warning("\(path): ignoring unknown columns \(unknown.joined(separator: ", "))") }

        var report = ImportReport(file: path, read: 0, accepted: 0, rejected: [], rejectsFile: nil)
        do {
            // The import checks every reference itself (a case's client, an event's case) and
            // says which row and column is wrong; SQLite checking them again, per row, doubled
            // the cost of a row. The pragma only takes effect outside a transaction.
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
                try db.inTransaction(.immediate) {
                    try Self.importRows(kind, from: &reader, header: names, into: db, report: &report) { rows, offset in
                        progress?(rows, Double(offset) / Double(size))
                    }
                    return .commit
                }
            }
        } catch {
            throw StoreError("\(path): the import failed and nothing of it was written: \(error)", underlying: error)
        }
        report.rejectsFile = try Rejects.write(report.rejected, header: header.fields, besides: path)
        logger.info("\(path): \(report.read) rows read = \(report.accepted) accepted + \(report.rejected.count) rejected")
        return report
    }
}

extension CaseStore {
    /// Checks and writes every row after the header, inside the import's transaction.
    private static func importRows(_ kind: InterchangeFile, from reader: inout CSVReader, header names: [String],
                                   into db: Database, report: inout ImportReport, progress: (_ rows: Int, _ offset: Int) -> Void) throws
    {
        let upsert = try RowUpserter(kind, header: names, db: db)
        var record = CSVReader.RawRecord()
        while reader.next(into: &record) {
            report.read += 1
            if report.read % 10_000 == 0 { progress(report.read, reader.offset) }
            do {
                if let problem = record.problem {
                    throw RowProblem(column: names.first ?? "", reason: "malformed CSV: \(problem)")
                }
                if record.fields.count != names.count {
                    let column = record.fields.count < names.count ? names[record.fields.count] : names.last ?? ""
                    throw RowProblem(column: column, reason: "the row has \(record.fields.count) fields, the header \(names.count)")
                }
                try upsert(ImportRow(record: record))
                report.accepted += 1
            } catch let problem as RowProblem {
                report.rejected.append(.init(line: record.line, column: problem.column, reason: problem.reason,
                                             fields: record.strings))
            }
        }
        try upsert.finish()
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
    /// Writes the rows still batched.
    private var flush: () throws -> Void = {}
    /// The trigger dropped for the transaction, and the statements that do its work for the
    /// rows inserted (those with a rowid above the table's largest before the import).
    private var suspendedTrigger: (sql: String, watchInserted: [String], arguments: StatementArguments)?
    private let db: Database

    init(_ kind: InterchangeFile, header: [String], db: Database) throws {
        self.db = db
        let column = { (name: String) in ImportColumn(name, in: header) }
        switch kind {
        case .clients:
            let kam = try RawStatement(db, sql: """
                INSERT INTO kam (id, name, email) VALUES (?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET name = excluded.name, email = excluded.email
                WHERE name IS NOT excluded.name OR email IS NOT excluded.email
                """)
            let client = try RawStatement(db, sql: """
                INSERT INTO client (id, name, contract, kam_id) VALUES (?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET name = excluded.name, contract = excluded.contract, kam_id = excluded.kam_id
                WHERE name IS NOT excluded.name OR contract IS NOT excluded.contract OR kam_id IS NOT excluded.kam_id
                """)
            let (clientID, clientName, contractColumn) = (column("client_id"), column("client_name"), column("contract"))
            let (kamIDColumn, kamNameColumn, kamEmail) = (column("kam_id"), column("kam_name"), column("kam_email"))
            let contracts = Vocabulary<Contract>()
            check = { row in
                let id = try row.required(clientID)
                let name = try row.required(clientName)
                let contract = try row.enumeration(contractColumn, contracts)!
                let kamID = try row.required(kamIDColumn)
                let email = row.string(kamEmail)
                if !email.isEmpty, !email.contains("@") {
                    throw RowProblem(column: "kam_email", reason: "kam_email '\(email)' is not an e-mail address")
                }
                let kamName = row.bytes(kamNameColumn).isEmpty ? kamID : row.bytes(kamNameColumn)
                kam.bind(1, kamID)
                kam.bind(2, kamName)
                kam.bind(3, email)
                try kam.execute()
                client.bind(1, id)
                client.bind(2, name)
                client.bind(3, contract.rawValue)
                client.bind(4, kamID)
                try client.execute()
            }
        case .cases:
            suspendedTrigger = try Self.suspendTrigger("case_inserted", table: "service_case", caseColumn: "id", db)
            // Clients are few and the cases file does not change them: checked in memory.
            let clients = try Set(String.fetchAll(db, sql: "SELECT id FROM client"))
            let upsert = try BatchedUpsert(db, table: "service_case", columns: [
                "id", "client_id", "product", "type", "priority", "impact", "urgency", "created_at", "summary",
            ])
            flush = upsert.flush
            let (caseID, clientID, product, typeColumn) = (column("case_id"), column("client_id"), column("product"), column("type"))
            let (priorityColumn, impactColumn, urgencyColumn) = (column("priority"), column("impact"), column("urgency"))
            let (createdAt, summary) = (column("created_at"), column("summary"))
            let types = Vocabulary<CaseType>()
            let priorities = Vocabulary<Priority>()
            let grades = Vocabulary<Grade>()
            check = { row in
                let id = try row.required(caseID)
                let client = try row.required(clientID)
                let type = try row.enumeration(typeColumn, types)!
                let priority = try row.enumeration(priorityColumn, priorities)!
                let impact = try row.enumeration(impactColumn, grades, optional: true)
                let urgency = try row.enumeration(urgencyColumn, grades, optional: true)
                let created = try row.instant(createdAt)
                guard clients.contains(String(decoding: client, as: UTF8.self)) else {
                    throw RowProblem(column: "client_id", reason: """
                        unknown client '\(String(decoding: client, as: UTF8.self))': import it in clients.csv first
                        """)
                }
                upsert.text(id)
                upsert.text(client)
                upsert.text(row.bytes(product))
                upsert.text(type.rawValue)
                upsert.text(priority.rawValue)
                if let impact { upsert.text(impact.rawValue) } else { upsert.integer(nil) }
                if let urgency { upsert.text(urgency.rawValue) } else { upsert.integer(nil) }
                upsert.integer(created.secondsSince1970)
                upsert.text(row.bytes(summary))
                try upsert.endRow()
            }
        case .events:
            suspendedTrigger = try Self.suspendTrigger("event_inserted", table: "case_event", caseColumn: "case_id", db)
            let caseCreated = try RawStatement(db, sql: "SELECT created_at FROM service_case WHERE id = ?")
            let upsert = try BatchedUpsert(db, table: "case_event", columns: ["id", "case_id", "at", "kind", "level", "note"])
            flush = upsert.flush
            let (eventID, caseID, atColumn) = (column("event_id"), column("case_id"), column("at"))
            let (kindColumn, levelColumn, note) = (column("kind"), column("level"), column("note"))
            let kinds = Vocabulary<EventKind>()
            // A file lists a case's events together: its registration is looked up once for them.
            var lastCase: [UInt8] = []
            var lastCreated: Int64?
            check = { row in
                let id = try row.required(eventID)
                let caseBytes = try row.required(caseID)
                let at = try row.instant(atColumn)
                let kind = try row.enumeration(kindColumn, kinds)!
                let level = try Self.level(row.bytes(levelColumn))
                if kind == .escalated, level == nil {
                    throw RowProblem(column: "level", reason: "an escalated event needs the level reached (1, 2 or 3)")
                }
                if !lastCase.elementsEqual(caseBytes) {  // a case id is never empty
                    caseCreated.bind(1, caseBytes)
                    lastCreated = try caseCreated.fetchInt64()
                    lastCase.removeAll(keepingCapacity: true)
                    lastCase.append(contentsOf: caseBytes)
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
                try upsert.endRow()
            }
        }
    }

    func callAsFunction(_ row: ImportRow) throws { try check(row) }

    /// Watches the inserted rows' cases and puts the suspended insert trigger back, before the
    /// transaction commits.
    func finish() throws {
        try flush()
        if let suspendedTrigger {
            for sql in suspendedTrigger.watchInserted { try db.execute(sql: sql, arguments: suspendedTrigger.arguments) }
            try db.execute(sql: suspendedTrigger.sql)
        }
        suspendedTrigger = nil
    }

    /// Drops the insert trigger `name` of `table` for the transaction: its SQL, to put it back, and
    /// the statements that watch the cases of the rows inserted meanwhile, as it would have.
    private static func suspendTrigger(_ name: String, table: String, caseColumn: String, _ db: Database) throws
        -> (sql: String, watchInserted: [String], arguments: StatementArguments)?
    {
        guard let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                                            arguments: [name])
        else { return nil }
        try db.execute(sql: "DROP TRIGGER \(name)")
        let largest = try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM \(table)") ?? 0
        let inserted = "SELECT \(caseColumn) FROM \(table) WHERE rowid > :largest"
        return (sql, [
            """
            INSERT INTO case_watch (case_id) SELECT DISTINCT \(caseColumn) FROM \(table) WHERE rowid > :largest
            ON CONFLICT(case_id) DO UPDATE SET version = version + 1
            """,
            "DELETE FROM settled_case WHERE case_id IN (\(inserted))",
        ], ["largest": largest])
    }

    private static func level(_ bytes: UnsafeBufferPointer<UInt8>) throws(RowProblem) -> Int64? {
        if bytes.isEmpty { return nil }
        if bytes.count == 1, (UInt8(ascii: "1")...UInt8(ascii: "3")).contains(bytes[0]) { return Int64(bytes[0] - UInt8(ascii: "0")) }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let value = Int(text), (1...3).contains(value) else {
            throw RowProblem(column: "level", reason: "level '\(text)' is not an escalation level 1, 2 or 3")
        }
        return Int64(value)
    }
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
    /// The batch's text values, copied: the CSV reader's window moves on while a batch fills.
    private var arena: [UInt8] = []
    private var values: [Value] = []

    /// - Parameter columns: the table's columns to write, its key (`id`) first.
    init(_ db: Database, table: String, columns: [String]) throws {
        self.db = db
        self.table = table
        self.columns = columns.joined(separator: ", ")
        width = columns.count
        batchInsert = try RawStatement(db, sql: Self.insert(table, self.columns, width: width, rows: Self.batchSize))
        let row = "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
        // Rewritten only when a value differs: re-importing a file changes nothing, fires no trigger.
        let updated = columns.dropFirst()
        upsert = try RawStatement(db, sql: """
            INSERT INTO \(table) (\(self.columns)) VALUES \(row)
            ON CONFLICT(\(columns[0])) DO UPDATE SET \(updated.map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
            WHERE \(updated.map { "\($0) IS NOT excluded.\($0)" }.joined(separator: " OR "))
            """)
        arena.reserveCapacity(1 << 16)
        values.reserveCapacity(Self.batchSize * width)
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

    /// Ends the row whose values were just given; writes the batch when it is full.
    func endRow() throws {
        precondition(values.count % width == 0, "a row of \(table) has \(width) values")
        if values.count == Self.batchSize * width { try flush() }
    }

    /// Writes the rows given so far.
    func flush() throws {
        let rows = values.count / width
        guard rows > 0 else { return }
        try arena.withUnsafeBufferPointer { arena in
            let insert = rows == Self.batchSize
                ? batchInsert : try RawStatement(db, sql: Self.insert(table, columns, width: width, rows: rows))
            for (index, value) in values.enumerated() { bind(insert, Int32(index + 1), value, arena) }
            let inserted = try insert.execute()
            if inserted < rows {
                for row in 0..<rows {
                    for column in 0..<width {
                        bind(upsert, Int32(column + 1), values[row * width + column], arena)
                    }
                    try upsert.execute()
                }
            }
        }
        arena.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }

    private func bind(_ statement: RawStatement, _ index: Int32, _ value: Value, _ arena: UnsafeBufferPointer<UInt8>) {
        switch value {
        case .text(let start, let count):
            statement.bind(index, UnsafeBufferPointer(rebasing: arena[start..<(start + count)]))
        case .integer(let number): statement.bind(index, number)
        case .null: statement.bind(index, nil as Int64?)
        }
    }
}
