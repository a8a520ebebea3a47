import GRDB
import GRDBSQLite

/// One value of a row as SQLite holds it, whatever the column was declared as: SQLite keeps text
/// in an INTEGER column, bytes that are not UTF-8, a NUL inside text. Text and blobs are the
/// stored bytes, valid until the row's statement steps again.
enum StoredValue {
    case null
    case integer(Int64)
    case real(Double)
    case text(UnsafeBufferPointer<UInt8>)
    case blob(UnsafeBufferPointer<UInt8>)

    var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// Where values of this type stand in SQLite's order of a column without collation (BINARY):
    /// NULL, then numbers, then text, then blobs; within text and blobs, by bytes (memcmp, then
    /// length). The night's pages and the export's merge walk ids in this order.
    var typeRank: Int {
        switch self {
        case .null: 0
        case .integer, .real: 1
        case .text: 2
        case .blob: 3
        }
    }

    /// The bytes of text or a blob; nil for a number or NULL.
    var bytes: UnsafeBufferPointer<UInt8>? {
        switch self {
        case .text(let bytes), .blob(let bytes): bytes
        case .null, .integer, .real: nil
        }
    }
}

/// The rows of a statement read column by column through SQLite's C API: every value as it is
/// stored (`StoredValue`), no Swift value made of a column unless asked. The export reads a
/// million cases and three million events this way; and an id with a NUL byte or an invalid
/// UTF-8 byte reaches the checks as the bytes it is, where a String would have cut or repaired it.
struct StoredRows {
    private let statement: Statement
    private let handle: OpaquePointer

    init(_ db: Database, sql: String, arguments: StatementArguments = []) throws {
        try self.init(db.makeStatement(sql: sql), arguments: arguments)
    }

    /// Runs a prepared `statement` (reset first) with `arguments`.
    init(_ statement: Statement, arguments: StatementArguments = []) throws {
        self.statement = statement
        handle = statement.sqliteStatement
        sqlite3_reset(handle)
        try statement.setArguments(arguments)
    }

    /// Runs a prepared `statement` (reset first, its parameters cleared) with the parameters
    /// `bind` sets through SQLite's C API.
    init(_ statement: Statement, binding bind: (OpaquePointer) -> Void) {
        self.statement = statement
        handle = statement.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        bind(handle)
    }

    /// Steps to the next row; false after the last (the statement is then reset).
    func next() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE:
            sqlite3_reset(handle)
            return false
        case let code:
            let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(handle)))
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
        }
    }

    /// The position of the result column named `name` (the column's name, or its alias in the
    /// SELECT): found once, before the rows are read, so that a loop over a million rows reads
    /// each value by name at no cost per row.
    func column(_ name: String) throws -> Int {
        guard let index = statement.columnNames.firstIndex(of: name) else {
            throw DatabaseError(message: "no column \(name) in \(statement.sql)")
        }
        return index
    }

    /// The value of column `index` of the current row.
    subscript(_ index: Int) -> StoredValue {
        let column = Int32(truncatingIfNeeded: index)
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, column))
        case SQLITE_TEXT:
            // The pointer first, then its length (SQLite's documented order).
            let start = sqlite3_column_text(handle, column)
            return .text(UnsafeBufferPointer(start: start, count: Int(sqlite3_column_bytes(handle, column))))
        case SQLITE_BLOB:
            let start = sqlite3_column_blob(handle, column)?.assumingMemoryBound(to: UInt8.self)
            return .blob(UnsafeBufferPointer(start: start, count: Int(sqlite3_column_bytes(handle, column))))
        default: return .null
        }
    }
}
