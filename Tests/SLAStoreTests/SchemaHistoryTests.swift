import Foundation
import GRDB
import Synchronization
import Testing

@testable import SLAStore

/// Shipped migrations are never edited: every database in the field ran them as they were, and a
/// new database must end up the same. The SQL each migration runs on a new database, and the
/// schema it leaves, are compared with the text committed in Tests/Snapshots/migrations.sql.
///
/// A new migration adds its own section to that file: run this test with
/// `SLA_UPDATE_SNAPSHOTS=1` to rewrite it, and check that the diff only adds.
@Suite struct SchemaHistoryTests {
    static let snapshot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Snapshots/migrations.sql")

    @Test func shippedMigrationsRunTheSQLTheyShippedWith() throws {
        let actual = try Self.migrationHistory()
        if ProcessInfo.processInfo.environment["SLA_UPDATE_SNAPSHOTS"] == "1" {
            try actual.write(to: Self.snapshot, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: Self.snapshot, encoding: .utf8)
        guard actual != expected else { return }
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let first =
            actualLines.indices.first { $0 >= expectedLines.count || actualLines[$0] != expectedLines[$0] }
            ?? actualLines.count
        Issue.record(
            """
            the migrations no longer run what they shipped with (a shipped migration was edited, or a new one \
            was not added to Tests/Snapshots/migrations.sql); first difference at line \(first + 1):
            expected: \(first < expectedLines.count ? String(expectedLines[first]) : "(end of file)")
            actual:   \(first < actualLines.count ? String(actualLines[first]) : "(end of file)")
            """)
    }

    /// Each migration's statements that change the database, as SQLite ran them (the arguments
    /// in place, the installation's random id masked), then the schema of the migrated database.
    static func migrationHistory() throws -> String {
        let queue = try DatabaseQueue()
        let statements = Mutex<[String]>([])
        queue.inDatabase { db in
            db.trace(options: .statement) { event in
                guard case .statement(let statement) = event else { return }
                let sql = statement.expandedSQL.trimmingCharacters(in: .whitespacesAndNewlines)
                let verb = sql.prefix { $0.isLetter }.uppercased()
                // GRDB's own bookkeeping (savepoints, its table of applied migrations, the
                // schema lookups it makes) is not the migration's.
                guard ["CREATE", "DROP", "ALTER", "INSERT", "UPDATE", "DELETE"].contains(verb),
                    !sql.contains("grdb_migrations")
                else { return }
                statements.withLock { $0.append(sql) }
            }
        }
        var text = ""
        let migrator = Schema.migrator
        for identifier in migrator.migrations {
            statements.withLock { $0.removeAll() }
            try migrator.migrate(queue, upTo: identifier)
            text += "-- migration \(identifier)\n"
            for sql in statements.withLock({ $0 }) {
                text += Self.maskingRandomID(sql) + ";\n"
            }
            text += "\n"
        }
        text += "-- the schema of a new database\n"
        let schema = try queue.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'grdb%' AND sql IS NOT NULL
                    ORDER BY type, name
                    """)
        }
        for row in schema {
            text += "-- \(row["type"] as String) \(row["name"] as String)\n\(row["sql"] as String);\n"
        }
        return text
    }

    /// The installation's id (v9) is 32 random hex digits.
    static func maskingRandomID(_ sql: String) -> String {
        sql.replacing(/'[0-9a-f]{32}'/, with: "'<32 random hex digits>'")
    }
}
