import GRDB

/// A database's rows read back as text, to compare the end state of two runs.
public enum DatabaseDump {
    /// Every event, one line each, ordered by id: what a clean run and a healed run must agree on
    /// (the run that wrote an automatic closure is left out: run ids differ between the two).
    public static func events(_ path: String) throws -> [String] {
        try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, case_id, at, kind, level, note, origin, solved_event_id FROM case_event ORDER BY id
                    """
            ).map { row in
                row.databaseValues.map { String.fromDatabaseValue($0) ?? ($0.isNull ? "NULL" : $0.description) }.joined(
                    separator: "|")
            }
        }
    }

    /// The rows `sql` selects, one line each, values joined by `|`.
    public static func rows(_ path: String, _ sql: String) throws -> [String] {
        try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: sql).map { row in
                row.databaseValues.map { String.fromDatabaseValue($0) ?? ($0.isNull ? "NULL" : $0.description) }.joined(
                    separator: "|")
            }
        }
    }

    /// The run journal as `command outcome` lines, oldest first.
    public static func runs(_ path: String) throws -> [String] {
        try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: "SELECT command, outcome FROM run ORDER BY id").map { row in
                "\(row["command"] as String) \(row["outcome"] as String)"
            }
        }
    }

    /// The number of rows of `table`.
    public static func count(_ path: String, _ table: String) throws -> Int {
        try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 }
    }

    /// Copies a database, WAL included, as SQLite's online backup does.
    public static func copy(_ source: String, to destination: String) throws {
        try DatabaseQueue(path: source).backup(to: DatabaseQueue(path: destination))
    }

    /// Runs SQL, as the ticketing tool writing to the database would — by default, as most tools
    /// do, without SQLite's foreign key checks.
    public static func execute(_ path: String, _ sql: String, foreignKeys: Bool = false) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.foreignKeysEnabled = foreignKeys
        try DatabaseQueue(path: path, configuration: configuration).write { db in try db.execute(sql: sql) }
    }
}
