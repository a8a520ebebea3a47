import GRDB

/// The database schema, as migrations that are never edited once shipped (see docs/schema.md).
///
/// Instants are INTEGER seconds since 1970-01-01T00:00:00Z: exact, compact, and ordered the same
/// way whatever offset the ticketing tool wrote them with.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: clients, cases, events, runs") { db in
            try db.create(table: "kam") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("email", .text).notNull().defaults(to: "")
            }
            try db.create(table: "client") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("contract", .text).notNull().check { ["saas", "on_premise"].contains($0) }
                t.column("kam_id", .text).notNull().references("kam", onDelete: .restrict)
            }
            try db.create(table: "service_case") { t in
                t.primaryKey("id", .text)
                t.column("client_id", .text).notNull().references("client", onDelete: .restrict)
                t.column("product", .text).notNull().defaults(to: "")
                t.column("type", .text).notNull()
                t.column("priority", .text).notNull()
                t.column("impact", .text)
                t.column("urgency", .text)
                t.column("created_at", .integer).notNull()
                t.column("summary", .text).notNull().defaults(to: "")
            }
            try db.create(index: "service_case_on_created_at", on: "service_case", columns: ["created_at"])
            try db.create(table: "case_event") { t in
                t.primaryKey("id", .text)
                t.column("case_id", .text).notNull().references("service_case", onDelete: .cascade)
                t.column("at", .integer).notNull()
                t.column("kind", .text).notNull()
                t.column("level", .integer)
                t.column("note", .text).notNull().defaults(to: "")
                // 'import' for rows from the ticketing tool, 'sla' for the auto_closed events this program writes.
                t.column("origin", .text).notNull().defaults(to: "import")
            }
            try db.create(index: "case_event_on_case_at", on: "case_event", columns: ["case_id", "at"])
            try db.create(table: "run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("command", .text).notNull()
                t.column("started_at", .integer).notNull()
                t.column("as_of", .integer)
                t.column("finished_at", .integer)
                // 'running' until it ends: a run killed mid-way stays 'running' with no finished_at.
                t.column("outcome", .text).notNull().defaults(to: "running")
                t.column("summary", .text).notNull().defaults(to: "")
                t.column("pid", .integer)
            }
        }
        migrator.registerMigration("v2: automatic closures know their run and their solution") { db in
            // For the auto_closed events this program writes: the run that wrote it (closures.csv of a
            // night lists what that night's runs closed, so a rerun lists the same) and the solved
            // event whose acceptance period it closes.
            try db.alter(table: "case_event") { t in
                t.add(column: "run_id", .integer).references("run", onDelete: .setNull)
                t.add(column: "solved_event_id", .text)
            }
            try db.create(index: "case_event_on_kind_at", on: "case_event", columns: ["kind", "at"])
            try db.create(index: "case_event_on_run", on: "case_event", columns: ["run_id"])
        }
        return migrator
    }
}
