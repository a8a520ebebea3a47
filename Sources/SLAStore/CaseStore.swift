package import Foundation
package import GRDB
import SLACore
import Synchronization

/// The case database: one SQLite file in WAL mode with foreign keys, migrated when opened for
/// writing, and never written when opened for reading.
package final class CaseStore: Sendable {
    let writer: any DatabaseWriter
    /// Where the database is, for messages.
    package let path: String
    /// Opened for reading only.
    let isReadOnly: Bool
    /// Where a new database is being built, to be moved to `path` when it closes (`openToCreate`).
    let building: String?
    /// Set by the first `close`: closing twice must not touch a closed connection or move a file twice.
    let isClosed = Mutex(false)

    /// A store over `writer`, migrated: tests hand it an in-memory `DatabaseQueue`.
    package convenience init(writer: any DatabaseWriter, path: String = ":memory:") throws(StoreError) {
        try self.init(migrating: writer, path: path, building: nil)
    }

    init(migrating writer: any DatabaseWriter, path: String, building: String?) throws(StoreError) {
        self.writer = writer
        self.path = path
        self.building = building
        isReadOnly = false
        do {
            try Schema.migrator.migrate(writer)
        } catch {
            throw StoreError.database(error, path, doing: "migrate")
        }
    }

    private init(readOnly reader: any DatabaseWriter, path: String) {
        writer = reader
        self.path = path
        isReadOnly = true
        building = nil
    }

    /// How a command uses the database.
    package enum Access: Sendable {
        /// Read only (export, explain, a dry run): the file is opened read-only, never migrated,
        /// never written, so a read-only file or folder is enough.
        case read
        /// Read and write an existing sla database (nightly, report).
        case write
        /// Read and write, creating the database when no file (or an empty one) is there
        /// (import, demo).
        case create
    }

    /// Opens the database at `path` for `access`.
    ///
    /// Only sla's own database — or, for `.create`, a missing or empty file — is ever opened for
    /// writing: another program's SQLite file is refused before anything touches it (opening a
    /// file in WAL mode is itself a write).
    ///
    /// A busy database (the ticketing tool writing) is waited on for up to `busyTimeout` rather
    /// than failing at once.
    package static func open(_ path: String, for access: Access, busyTimeout: TimeInterval = 30) throws(StoreError)
        -> CaseStore
    {
        try check(path, for: access)
        if access == .read {
            return CaseStore(readOnly: try ReadOnlyDatabase.open(path, busyTimeout: busyTimeout), path: path)
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: writing(busyTimeout: busyTimeout))
        } catch {
            throw StoreError.database(error, path, doing: "open")
        }
        return try CaseStore(writer: pool, path: path)
    }

    /// How a connection that writes is set up.
    static func writing(busyTimeout: TimeInterval) -> Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            // Statement journals (one per row the import writes, since foreign keys are checked)
            // stay in memory instead of going through a temporary file: the import wrote twice
            // per row to disk without it. Only the writer's: a reader's temporary data is the
            // sorts and unions of whole histories (the month's report orders its thirteen months
            // of cases by id: 590 MB in memory at 5,000,000 cases), which SQLite keeps within its
            // page cache and spills to a temporary file.
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA temp_store = MEMORY") }
        }
        return configuration
    }

    /// Whether the file at `path` may be opened for `access`, found by reading only: a command
    /// checks it before it takes the run lock, so no lock file is ever made beside another
    /// program's database.
    package static func check(_ path: String, for access: Access) throws(StoreError) {
        switch (try DatabaseIdentity.of(path), access) {
        case (.missing, .create), (.empty, .create):
            return
        case (.missing, _):
            let building = buildingPath(for: path)
            if FileManager.default.fileExists(atPath: building) {
                throw StoreError(
                    .databaseMissing,
                    """
                    no database at \(path) yet: sla import is building it as \(building), or was killed while it did; \
                    wait for the import to end, or run it again
                    """)
            }
            throw StoreError(.databaseMissing, "no database at \(path): create it with sla import (or sla demo), or check --db")
        case (.empty, _):
            throw StoreError(.databaseMissing, "\(path) is empty: it holds no sla database yet; create it with sla import")
        case (.foreign(let tables), _):
            throw StoreError(
                .foreignDatabase,
                """
                \(path) is an SQLite database of another program (tables \(tables.prefix(5).joined(separator: ", "))\
                \(tables.count > 5 ? ", …" : "")): sla leaves it untouched. Give --db the path of sla's database, \
                or a new path for sla import to create one
                """)
        case (.sla(let applied), _):
            let known = Set(Schema.migrator.migrations)
            guard applied.isSubset(of: known) else {
                throw StoreError(
                    .newerDatabase,
                    """
                    \(path) was migrated by a newer version of sla (it has \
                    \(applied.subtracting(known).sorted().joined(separator: ", "))): use that version
                    """)
            }
            if access == .read, applied != known {
                throw StoreError(
                    .outdatedDatabase,
                    """
                    \(path) was made by an older version of sla and must be upgraded, which only a command that \
                    writes does: run sla nightly (or sla import) once with write access, then this command again
                    """)
            }
        }
    }

    /// Closes the database, first folding the write-ahead log into it (and emptying the log), so
    /// that the file alone is the whole database again: a copy of it is complete, and it can be
    /// read from a read-only folder. A checkpoint a busy reader prevents is left for the next run.
    /// A database `openToCreate` built and `closeAndPublish` did not publish is removed.
    package func close() {
        guard markClosed() else { return }
        if let building {
            discard(building)
        } else {
            closeConnections()
        }
    }

    /// Whether this is the first close.
    func markClosed() -> Bool {
        isClosed.withLock { closed in
            defer { closed = true }
            return !closed
        }
    }

    func closeConnections() {
        if !isReadOnly { try? writer.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) } }
        try? writer.close()
    }

    /// Runs a read, turning any failure into a `StoreError` that says what was being read.
    func read<T>(_ what: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.read(body)
        } catch {
            throw StoreError.database(error, path, doing: "read \(what) from")
        }
    }

    /// Runs a write transaction, turning any failure into a `StoreError`.
    func write<T>(_ what: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.write(body)
        } catch {
            throw StoreError.database(error, path, doing: "write \(what) to")
        }
    }
}
