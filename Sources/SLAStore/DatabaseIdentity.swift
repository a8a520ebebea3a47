import Foundation
import GRDB

/// What is at a database path, found by reading only: nothing is written to decide whether a
/// file may be written.
enum DatabaseIdentity: Equatable {
    /// No file.
    case missing
    /// A file without a byte, or an SQLite database without a table.
    case empty
    /// sla's database, with the migrations applied to it.
    case sla(migrations: Set<String>)
    /// An SQLite database of another program, with its tables.
    case foreign(tables: [String])

    /// The first migration sla ever shipped: a database that has it was made by sla.
    static let firstMigration = "v1: clients, cases, events, runs"

    static func of(_ path: String) throws(StoreError) -> DatabaseIdentity {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return .missing }
        if isFolder.boolValue {
            throw StoreError(.folderGiven, "\(path) is a folder: give --db the path of a database file")
        }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size == 0 {
            return .empty
        }
        let queue = try ReadOnlyDatabase.glance(path)
        defer { try? queue.close() }
        do {
            return try queue.read { db in
                let tables = try String.fetchAll(
                    db,
                    sql: """
                        SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name
                        """)
                if tables.isEmpty { return .empty }
                guard tables.contains("grdb_migrations") else { return .foreign(tables: tables) }
                let migrations = try Set(String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
                guard migrations.contains(firstMigration) else { return .foreign(tables: tables) }
                return .sla(migrations: migrations)
            }
        } catch {
            throw StoreError.database(error, path, doing: "read")
        }
    }
}
