public import Foundation
import GRDB
import SLACore

/// The case database: one SQLite file in WAL mode with foreign keys, migrated when opened.
public final class CaseStore: Sendable {
    let writer: DatabasePool
    public let path: String

    /// Opens (creating it if needed) and migrates the database at `path`.
    ///
    /// A busy database (the ticketing tool writing) is waited on for up to `busyTimeout` rather than
    /// failing at once.
    public init(path: String, busyTimeout: TimeInterval = 30) throws(StoreError) {
        self.path = path
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busyTimeout)
        configuration.prepareDatabase { db in
            // Statement journals (one per row the import writes, since foreign keys are checked)
            // stay in memory instead of going through a temporary file: the import wrote twice
            // per row to disk without it.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        do {
            writer = try DatabasePool(path: path, configuration: configuration)
            try Schema.migrator.migrate(writer)
        } catch {
            throw StoreError("cannot open the database \(path): \(error)", underlying: error)
        }
    }
}

/// A database that cannot be opened, read or written.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var underlying: (any Error)?

    public init(_ message: String, underlying: (any Error)? = nil) {
        self.message = message
        self.underlying = underlying
    }

    public var description: String { message }
}
