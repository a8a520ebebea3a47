import GRDB

/// The database schema, as migrations that are never edited once shipped (see docs/schema.md), and
/// that never refer to the app's names or constants: a migration says the same forever, whatever
/// the app around it becomes (`SchemaHistoryTests` holds the SQL each one runs).
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
        migrator.registerMigration("v3: the cases a night must look at") { db in
            // Every case is in exactly one of two tables. `case_watch`: cases a night must evaluate
            // (new, changed, open, or awaiting an automatic closure), with a version the triggers
            // below bump on every change. `settled_case`: cases found closed with nothing after the
            // closure, from `settled_from` (their latest event) on; a night as of an instant at or
            // after it never needs them. So a night reads the open cases and the day's changes, not
            // ten years of closed history — and a rerun of a past night also reads the cases
            // settled after it.
            try db.execute(
                sql: """
                    CREATE TABLE case_watch (case_id TEXT PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1) WITHOUT ROWID;
                    CREATE TABLE settled_case (case_id TEXT PRIMARY KEY, settled_from INTEGER NOT NULL) WITHOUT ROWID;
                    CREATE INDEX settled_case_on_settled_from ON settled_case(settled_from);
                    INSERT INTO case_watch (case_id) SELECT id FROM service_case;
                    """)
            // Whoever writes — sla import, the ticketing tool directly — a change to a case or its
            // events puts the case back under watch.
            func watch(_ id: String) -> String {
                """
                INSERT INTO case_watch (case_id) VALUES (\(id)) ON CONFLICT(case_id) DO UPDATE SET version = version + 1;
                DELETE FROM settled_case WHERE case_id = \(id);
                """
            }
            try db.execute(
                sql: """
                    CREATE TRIGGER case_inserted AFTER INSERT ON service_case BEGIN \(watch("NEW.id")) END;
                    CREATE TRIGGER case_updated AFTER UPDATE ON service_case BEGIN \(watch("NEW.id")) \(watch("OLD.id")) END;
                    CREATE TRIGGER case_deleted AFTER DELETE ON service_case BEGIN
                        DELETE FROM case_watch WHERE case_id = OLD.id;
                        DELETE FROM settled_case WHERE case_id = OLD.id;
                    END;
                    CREATE TRIGGER event_inserted AFTER INSERT ON case_event BEGIN \(watch("NEW.case_id")) END;
                    CREATE TRIGGER event_updated AFTER UPDATE ON case_event BEGIN
                        \(watch("NEW.case_id")) \(watch("OLD.case_id"))
                    END;
                    CREATE TRIGGER event_deleted AFTER DELETE ON case_event BEGIN \(watch("OLD.case_id")) END;
                    CREATE TRIGGER client_contract_changed AFTER UPDATE OF contract ON client BEGIN
                        INSERT INTO case_watch (case_id) SELECT id FROM service_case WHERE client_id = NEW.id
                            ON CONFLICT(case_id) DO UPDATE SET version = version + 1;
                        DELETE FROM settled_case WHERE case_id IN (SELECT id FROM service_case WHERE client_id = NEW.id);
                    END;
                    """)
        }
        migrator.registerMigration("v4: indexes the queries use, and no other") { db in
            // Nothing looks events up by kind across cases since the night reads watched cases, and
            // only this program's closures have a run: each index costs every imported row.
            try db.execute(
                sql: """
                    DROP INDEX case_event_on_kind_at;
                    DROP INDEX case_event_on_run;
                    CREATE INDEX case_event_written_by_run ON case_event(run_id) WHERE origin = 'sla';
                    """)
        }
        migrator.registerMigration("v5: the settings the settled cases were settled under") { db in
            // A calendar or policy edit can move closure deadlines of the settled history: the
            // fingerprint of what closures depend on (SLACore's ClosureSettings) is kept here, and a
            // night under another one reads the settled cases again, once.
            try db.execute(sql: "CREATE TABLE setting (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID")
        }
        migrator.registerMigration("v6: who works a case: assignee and support group") { db in
            // Free text, NULL when not given: the person and the team (queue) working the case, as
            // cases.csv's optional `assignee` and `group` (SPEC §3). The team's column is not named
            // `group`, an SQL keyword every statement written by hand would have to quote.
            try db.alter(table: "service_case") { t in
                t.add(column: "assignee", .text)
                t.add(column: "support_group", .text)
            }
        }
        migrator.registerMigration("v7: the outbox of e-mail deliveries, and each client's KAM e-mail") { db in
            // SPEC §12: one row per message a run prepared (`daily 2026-11-24`, `monthly 2026-10
            // kam-ana`), delivered_at set when the sendmail program accepted it — a rerun sends only
            // the rows without one. The subject, body and attachments are the run's; the recipients
            // are read when it is sent, so a corrected address is used by the next attempt.
            try db.execute(
                sql: """
                    CREATE TABLE outbox (
                        message TEXT PRIMARY KEY,
                        kind TEXT NOT NULL CHECK (kind IN ('daily', 'monthly')),
                        period TEXT NOT NULL,
                        kam_id TEXT,
                        subject TEXT NOT NULL,
                        body TEXT NOT NULL,
                        attachments TEXT NOT NULL,
                        prepared_at INTEGER NOT NULL,
                        prepared_by_run INTEGER,
                        delivered_at INTEGER,
                        delivered_by_run INTEGER,
                        delivered_to TEXT,
                        deliveries INTEGER NOT NULL DEFAULT 0,
                        last_failure TEXT
                    ) WITHOUT ROWID
                    """)
            // The name and e-mail each client's row gave its KAM: the kam table keeps the last ones
            // read, and a bad name or two different e-mails on any row are a data problem the
            // delivery must see whatever the rows' order (SPEC §12).
            try db.alter(table: "client") { t in
                t.add(column: "kam_name", .text)
                t.add(column: "kam_email", .text)
            }
            try db.execute(
                sql: """
                    UPDATE client SET kam_name = (SELECT name FROM kam WHERE kam.id = client.kam_id),
                        kam_email = (SELECT email FROM kam WHERE kam.id = client.kam_id)
                    """)
        }
        migrator.registerMigration("v8: the settled cases without an index on settled_from") { db in
            // The first night after an import settles a million cases whose latest events are
            // spread over ten years: every one landed on a random page of this index, and every
            // transaction wrote most of the index again. What the index answered — whether any
            // case was settled after a night being rerun — the setting `latest_settled_from`
            // answers without it: no settled case has a later `settled_from` (cases leave the table,
            // none enters it later). The month's query reads the settled cases' table whole: a
            // million small rows, once a month.
            try db.execute(
                sql: """
                    DROP INDEX settled_case_on_settled_from;
                    INSERT OR REPLACE INTO setting (name, value)
                        SELECT 'latest_settled_from', CAST(latest AS TEXT)
                        FROM (SELECT max(settled_from) AS latest FROM settled_case) WHERE latest IS NOT NULL;
                    """)
        }
        migrator.registerMigration("v9: the figures an outbox message is rebuilt from, and the installation's id") { db in
            // A message is rebuilt when it is sent — subject, body, recipients, attachments — from
            // these figures (JSON of numbers and client ids), never from text another program may
            // have written into the outbox (SPEC §12). Messages prepared before have none: they are
            // prepared again by rerunning the command that wrote their files.
            try db.alter(table: "outbox") { t in t.add(column: "figures", .text) }
            // A random id of this installation, salted into every Message-ID: two installations
            // sending from one domain (staging and production) never share one.
            // 128 random bits as 32 hex digits, written out here as when it shipped.
            var generator = SystemRandomNumberGenerator()
            let installationID = (0..<2).map { _ in
                let digits = String(generator.next() as UInt64, radix: 16)
                return String(repeating: "0", count: 16 - digits.count) + digits
            }.joined()
            try db.execute(
                sql: "INSERT OR IGNORE INTO setting (name, value) VALUES (?, ?)",
                arguments: ["installation_id", installationID])
        }
        migrator.registerMigration("v10: the due instant of a solution commitment") { db in
            // A `committed` event is the work plan's promise to deliver the solution by `due`
            // (Unix seconds, like every instant); NULL for every other kind of event. The import
            // refuses a `committed` without one, a `due` on another kind and a `due` before the
            // event's own instant; a row written directly that breaks these rules is a data
            // problem of its case.
            try db.alter(table: "case_event") { t in
                t.add(column: "due", .integer)
            }
        }
        return migrator
    }
}
