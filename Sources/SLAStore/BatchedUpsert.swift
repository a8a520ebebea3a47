import GRDB
import SLACore

/// Rows written a batch at a time: one multi-row `INSERT OR IGNORE` for the batch, then, only if
/// some row was not new (or failed for another reason, which the upsert then raises), the upsert of
/// each row of the batch in order — the same end state as upserting row by row.
///
/// A plain insert of new rows needs no statement journal, while an upsert (it may update, and
/// updates have triggers) copies each page it touches into one; and SQLite's work per statement
/// (cursors opened and closed on the table and each index) is shared by the batch. Importing new
/// rows runs about twice as fast as row-by-row upserts.
final class BatchedUpsert {
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
    private let refuses: (([UnsafeBufferPointer<UInt8>]) throws -> Finding?)?
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
    init(
        _ db: Database, table: String, columns: [String], someRowNotNew: @escaping () -> Void = {},
        refuses: (([UnsafeBufferPointer<UInt8>]) throws -> Finding?)? = nil
    ) throws {
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
            let insert =
                count == Self.batchSize
                ? batchInsert : try RawStatement(db, sql: Self.insert(table, columns, width: width, rows: count))
            for (index, value) in values.enumerated() { try bind(insert, Int32(index + 1), value, arena) }
            let inserted = try insert.execute()
            if inserted < count {
                someRowNotNew()
                for row in 0..<count {
                    let rowValues = values[(row * width)..<((row + 1) * width)]
                    if let refuses, let problem = try refuses(rowValues.map { bytes($0, arena) }) {
                        refused.append(
                            LateRejection(
                                line: rows[row].line, problem: problem,
                                fields: fieldRanges[rows[row].fields].map {
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
        guard case .text(let start, let count) = value else { return UnsafeBufferPointer(start: nil, count: 0) }
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
