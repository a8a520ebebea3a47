import GRDB
import GRDBSQLite

/// A prepared statement driven through SQLite's C API: bytes bound where they lie, no argument
/// values boxed per row. For the import's inner loop only; everything else goes through GRDB.
struct RawStatement {
    /// Keeps GRDB's statement (and so the sqlite3_stmt) alive.
    private let statement: Statement
    private let handle: OpaquePointer
    private let connection: OpaquePointer

    init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        handle = statement.sqliteStatement
        guard let connection = db.sqliteConnection else {
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "closed database")
        }
        self.connection = connection
    }

    func bind(_ index: Int32, _ bytes: UnsafeBufferPointer<UInt8>) throws {
        // SQLite binds NULL for a nil pointer: an empty field is the empty string. The bytes are
        // not copied (SQLITE_STATIC): they stay where they are until the statement has run, and
        // every run binds all its parameters again.
        guard let count = Int32(exactly: bytes.count) else {
            throw DatabaseError(resultCode: .SQLITE_TOOBIG, message: "a value of \(bytes.count) bytes is too long for SQLite")
        }
        bytes.withMemoryRebound(to: CChar.self) { text in
            if let base = text.baseAddress, count > 0 {
                _ = sqlite3_bind_text(handle, index, base, count, nil)
            } else {
                _ = sqlite3_bind_text(handle, index, "", 0, RawStatement.transient)
            }
        }
    }

    func bind(_ index: Int32, _ text: String) {
        _ = sqlite3_bind_text(handle, index, text, -1, RawStatement.transient)
    }

    func bind(_ index: Int32, _ value: Int64?) {
        if let value { _ = sqlite3_bind_int64(handle, index, value) } else { _ = sqlite3_bind_null(handle, index) }
    }

    /// Runs a statement that returns no rows; the number of rows it changed.
    @discardableResult
    func execute() throws -> Int {
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else { throw error(code) }
        return Int(sqlite3_changes(connection))
    }

    /// The first column of the first row as an integer, or nil when there is no row.
    func fetchInt64() throws -> Int64? {
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        if code == SQLITE_DONE { return nil }
        guard code == SQLITE_ROW else { throw error(code) }
        return sqlite3_column_int64(handle, 0)
    }

    /// The first two columns of the first row as integers, or nil when there is no row.
    func fetchTwoInt64() throws -> (Int64, Int64)? {
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        if code == SQLITE_DONE { return nil }
        guard code == SQLITE_ROW else { throw error(code) }
        return (sqlite3_column_int64(handle, 0), sqlite3_column_int64(handle, 1))
    }

    /// The first column of the first row as bytes, or nil when there is no row or it is NULL.
    func fetchText() throws -> [UInt8]? {
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        if code == SQLITE_DONE { return nil }
        guard code == SQLITE_ROW else { throw error(code) }
        guard let text = sqlite3_column_text(handle, 0) else { return nil }
        return Array(UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, 0))))
    }

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)),
            sql: String(cString: sqlite3_sql(handle)))
    }

    /// SQLITE_TRANSIENT: SQLite copies the bytes before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
