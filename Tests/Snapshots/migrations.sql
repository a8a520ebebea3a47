-- migration v1: clients, cases, events, runs
CREATE TABLE "kam" ("id" TEXT PRIMARY KEY NOT NULL, "name" TEXT NOT NULL, "email" TEXT NOT NULL DEFAULT '');
CREATE TABLE "client" ("id" TEXT PRIMARY KEY NOT NULL, "name" TEXT NOT NULL, "contract" TEXT NOT NULL CHECK ("contract" IN ('saas', 'on_premise')), "kam_id" TEXT NOT NULL REFERENCES "kam"("id") ON DELETE RESTRICT);
CREATE TABLE "service_case" ("id" TEXT PRIMARY KEY NOT NULL, "client_id" TEXT NOT NULL REFERENCES "client"("id") ON DELETE RESTRICT, "product" TEXT NOT NULL DEFAULT '', "type" TEXT NOT NULL, "priority" TEXT NOT NULL, "impact" TEXT, "urgency" TEXT, "created_at" INTEGER NOT NULL, "summary" TEXT NOT NULL DEFAULT '');
CREATE INDEX "service_case_on_created_at" ON "service_case"("created_at");
CREATE TABLE "case_event" ("id" TEXT PRIMARY KEY NOT NULL, "case_id" TEXT NOT NULL REFERENCES "service_case"("id") ON DELETE CASCADE, "at" INTEGER NOT NULL, "kind" TEXT NOT NULL, "level" INTEGER, "note" TEXT NOT NULL DEFAULT '', "origin" TEXT NOT NULL DEFAULT 'import');
CREATE INDEX "case_event_on_case_at" ON "case_event"("case_id", "at");
CREATE TABLE "run" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "command" TEXT NOT NULL, "started_at" INTEGER NOT NULL, "as_of" INTEGER, "finished_at" INTEGER, "outcome" TEXT NOT NULL DEFAULT 'running', "summary" TEXT NOT NULL DEFAULT '', "pid" INTEGER);

-- migration v2: automatic closures know their run and their solution
ALTER TABLE "case_event" ADD COLUMN "run_id" INTEGER REFERENCES "run"("id") ON DELETE SET NULL;
ALTER TABLE "case_event" ADD COLUMN "solved_event_id" TEXT;
CREATE INDEX "case_event_on_kind_at" ON "case_event"("kind", "at");
CREATE INDEX "case_event_on_run" ON "case_event"("run_id");

-- migration v3: the cases a night must look at
CREATE TABLE case_watch (case_id TEXT PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1) WITHOUT ROWID;
CREATE TABLE settled_case (case_id TEXT PRIMARY KEY, settled_from INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX settled_case_on_settled_from ON settled_case(settled_from);
INSERT INTO case_watch (case_id) SELECT id FROM service_case;
CREATE TRIGGER case_inserted AFTER INSERT ON service_case BEGIN INSERT INTO case_watch (case_id) VALUES (NEW.id) ON CONFLICT(case_id) DO UPDATE SET version = version + 1;
DELETE FROM settled_case WHERE case_id = NEW.id; END;
CREATE TRIGGER case_updated AFTER UPDATE ON service_case BEGIN INSERT INTO case_watch (case_id) VALUES (NEW.id) ON CONFLICT(case_id) DO UPDATE SET version = version + 1;
DELETE FROM settled_case WHERE case_id = NEW.id; INSERT INTO case_watch (case_id) VALUES (OLD.id) ON CONFLICT(case_id) DO UPDATE SET version = version + 1;
DELETE FROM settled_case WHERE case_id = OLD.id; END;
CREATE TRIGGER case_deleted AFTER DELETE ON service_case BEGIN
    DELETE FROM case_watch WHERE case_id = OLD.id;
    DELETE FROM settled_case WHERE case_id = OLD.id;
END;
CREATE TRIGGER event_inserted AFTER INSERT ON case_event BEGIN INSERT INTO case_watch (case_id) VALUES (NEW.case_id) ON CONFLICT(case_id) DO UPDATE SET version = version + 1;
DELETE FROM settled_case WHERE case_id = NEW.case_id; END;
CREATE TRIGGER event_updated AFTER UPDATE ON case_event BEGIN
    INSERT INTO case_watch (case_id) VALUES (NEW.case_id) ON CONFLICT(case_id) DO UPDATE SET version = version + 1;
DELETE FROM settled_case WHERE case_id = NEW.case_id; INSERT INTO case_watch (case_id) VALUES (OLD.case_id) ON CONFLICT(case_id) DO UPDATE SET version = version + 1;
DELETE FROM settled_case WHERE case_id = OLD.case_id;
END;
CREATE TRIGGER event_deleted AFTER DELETE ON case_event BEGIN INSERT INTO case_watch (case_id) VALUES (OLD.case_id) ON CONFLICT(case_id) DO UPDATE SET version = version + 1;
DELETE FROM settled_case WHERE case_id = OLD.case_id; END;
CREATE TRIGGER client_contract_changed AFTER UPDATE OF contract ON client BEGIN
    INSERT INTO case_watch (case_id) SELECT id FROM service_case WHERE client_id = NEW.id
        ON CONFLICT(case_id) DO UPDATE SET version = version + 1;
    DELETE FROM settled_case WHERE case_id IN (SELECT id FROM service_case WHERE client_id = NEW.id);
END;

-- migration v4: indexes the queries use, and no other
DROP INDEX case_event_on_kind_at;
DROP INDEX case_event_on_run;
CREATE INDEX case_event_written_by_run ON case_event(run_id) WHERE origin = 'sla';

-- migration v5: the settings the settled cases were settled under
CREATE TABLE setting (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

-- migration v6: who works a case: assignee and support group
ALTER TABLE "service_case" ADD COLUMN "assignee" TEXT;
ALTER TABLE "service_case" ADD COLUMN "support_group" TEXT;

-- migration v7: the outbox of e-mail deliveries, and each client's KAM e-mail
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
) WITHOUT ROWID;
ALTER TABLE "client" ADD COLUMN "kam_name" TEXT;
ALTER TABLE "client" ADD COLUMN "kam_email" TEXT;
UPDATE client SET kam_name = (SELECT name FROM kam WHERE kam.id = client.kam_id),
    kam_email = (SELECT email FROM kam WHERE kam.id = client.kam_id);

-- migration v8: the settled cases without an index on settled_from
DROP INDEX settled_case_on_settled_from;
INSERT OR REPLACE INTO setting (name, value)
    SELECT 'latest_settled_from', CAST(latest AS TEXT)
    FROM (SELECT max(settled_from) AS latest FROM settled_case) WHERE latest IS NOT NULL;

-- migration v9: the figures an outbox message is rebuilt from, and the installation's id
ALTER TABLE "outbox" ADD COLUMN "figures" TEXT;
INSERT OR IGNORE INTO setting (name, value) VALUES ('installation_id', '<32 random hex digits>');

-- migration v10: the due instant of a solution commitment
ALTER TABLE "case_event" ADD COLUMN "due" INTEGER;

-- the schema of a new database
-- index case_event_on_case_at
CREATE INDEX "case_event_on_case_at" ON "case_event"("case_id", "at");
-- index case_event_written_by_run
CREATE INDEX case_event_written_by_run ON case_event(run_id) WHERE origin = 'sla';
-- index service_case_on_created_at
CREATE INDEX "service_case_on_created_at" ON "service_case"("created_at");
-- table case_event
CREATE TABLE "case_event" ("id" TEXT PRIMARY KEY NOT NULL, "case_id" TEXT NOT NULL REFERENCES "service_case"("id") ON DELETE CASCADE, "at" INTEGER NOT NULL, "kind" TEXT NOT NULL, "level" INTEGER, "note" TEXT NOT NULL DEFAULT '', "origin" TEXT NOT NULL DEFAULT 'import', "run_id" INTEGER REFERENCES "run"("id") ON DELETE SET NULL, "solved_event_id" TEXT, "due" INTEGER);
-- table case_watch
CREATE TABLE case_watch (case_id TEXT PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1) WITHOUT ROWID;
-- table client
CREATE TABLE "client" ("id" TEXT PRIMARY KEY NOT NULL, "name" TEXT NOT NULL, "contract" TEXT NOT NULL CHECK ("contract" IN ('saas', 'on_premise')), "kam_id" TEXT NOT NULL REFERENCES "kam"("id") ON DELETE RESTRICT, "kam_name" TEXT, "kam_email" TEXT);
-- table kam
CREATE TABLE "kam" ("id" TEXT PRIMARY KEY NOT NULL, "name" TEXT NOT NULL, "email" TEXT NOT NULL DEFAULT '');
-- table outbox
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
, "figures" TEXT) WITHOUT ROWID;
-- table run
CREATE TABLE "run" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "command" TEXT NOT NULL, "started_at" INTEGER NOT NULL, "as_of" INTEGER, "finished_at" INTEGER, "outcome" TEXT NOT NULL DEFAULT 'running', "summary" TEXT NOT NULL DEFAULT '', "pid" INTEGER);
-- table service_case
CREATE TABLE "service_case" ("id" TEXT PRIMARY KEY NOT NULL, "client_id" TEXT NOT NULL REFERENCES "client"("id") ON DELETE RESTRICT, "product" TEXT NOT NULL DEFAULT '', "type" TEXT NOT NULL, "priority" TEXT NOT NULL, "impact" TEXT, "urgency" TEXT, "created_at" INTEGER NOT NULL, "summary" TEXT NOT NULL DEFAULT '', "assignee" TEXT, "support_group" TEXT);
-- table setting
CREATE TABLE setting (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
-- table settled_case
CREATE TABLE settled_case (case_id TEXT PRIMARY KEY, settled_from INTEGER NOT NULL) WITHOUT ROWID;
-- table sqlite_sequence
CREATE TABLE sqlite_sequence(name,seq);
-- trigger case_deleted
CREATE TRIGGER case_deleted AFTER DELETE ON service_case BEGIN
    DELETE FROM case_watch WHERE case_id = OLD.id;
    DELETE FROM settled_case WHERE case_id = OLD.id;
END;
-- trigger case_inserted
CREATE TRIGGER case_inserted AFTER INSERT ON service_case BEGIN INSERT INTO case_watch (case_id) VALUES (NEW.id) ON CONFLICT(case_id) DO UPDATE SET version = version + 1;
DELETE FROM settled_case WHERE case_id = NEW.id; END;
-- trigger case_updated
CREATE TRIGGER case_updated AFTER UPDATE ON service_case BEGIN INSERT INTO case_watch (case_id) VALUES (NEW.id) ON CONFLICT(case_id) DO UPDATE SET version = version + 1;
DELETE FROM settled_case WHERE case_id = NEW.id; INSERT INTO case_watch (case_id) VALUES (OLD.id) ON CONFLICT(case_id) DO UPDATE SET version = version + 1;
DELETE FROM settled_case WHERE case_id = OLD.id; END;
-- trigger client_contract_changed
CREATE TRIGGER client_contract_changed AFTER UPDATE OF contract ON client BEGIN
    INSERT INTO case_watch (case_id) SELECT id FROM service_case WHERE client_id = NEW.id
        ON CONFLICT(case_id) DO UPDATE SET version = version + 1;
    DELETE FROM settled_case WHERE case_id IN (SELECT id FROM service_case WHERE client_id = NEW.id);
END;
-- trigger event_deleted
CREATE TRIGGER event_deleted AFTER DELETE ON case_event BEGIN INSERT INTO case_watch (case_id) VALUES (OLD.case_id) ON CONFLICT(case_id) DO UPDATE SET version = version + 1;
DELETE FROM settled_case WHERE case_id = OLD.case_id; END;
-- trigger event_inserted
CREATE TRIGGER event_inserted AFTER INSERT ON case_event BEGIN INSERT INTO case_watch (case_id) VALUES (NEW.case_id) ON CONFLICT(case_id) DO UPDATE SET version = version + 1;
DELETE FROM settled_case WHERE case_id = NEW.case_id; END;
-- trigger event_updated
CREATE TRIGGER event_updated AFTER UPDATE ON case_event BEGIN
    INSERT INTO case_watch (case_id) VALUES (NEW.case_id) ON CONFLICT(case_id) DO UPDATE SET version = version + 1;
DELETE FROM settled_case WHERE case_id = NEW.case_id; INSERT INTO case_watch (case_id) VALUES (OLD.case_id) ON CONFLICT(case_id) DO UPDATE SET version = version + 1;
DELETE FROM settled_case WHERE case_id = OLD.case_id;
END;
