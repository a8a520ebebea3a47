import GRDB
package import SLACore

/// One page of a night's cases, and what the night writes about them while the page's transaction
/// holds (`CaseStore.forEachPageOfCasesToEvaluate`): the automatic closures (SPEC §6) and the
/// cases it settles. Valid only inside the call it is given to.
///
/// Without a run (a dry run) nothing is written: the closures are found and reported as if.
package final class NightPage {
    package let cases: [CaseStore.WatchedCase]
    private let runID: Int64?
    private let db: Database
    private var statements: Statements?
    /// The latest `settled_from` this page wrote.
    private var latestSettled: Int64?

    init(cases: [CaseStore.WatchedCase], runID: Int64?, db: Database) {
        self.cases = cases
        self.runID = runID
        self.db = db
    }

    /// What applying a case's reconciliation changed.
    package struct ClosureChanges: Sendable {
        /// The closures written (or, on a dry run, that would be).
        package var written: [CaseClosure] = []
        /// This program's earlier closures deleted because no period stands behind them any more.
        package var withdrawn: [CaseEvent] = []
        /// Why a closure could not be written: its id is taken by another event.
        package var refusals: [String] = []
    }

    /// Writes the `auto_closed` events of `change.due` and deletes those of `change.withdrawn`
    /// for `serviceCase`, whose events this page read.
    package func apply(_ change: AutomaticClosure.Reconciliation, to serviceCase: ServiceCase) throws -> ClosureChanges {
        let statements = try prepared()
        var changes = ClosureChanges()
        for event in change.withdrawn {
            if runID != nil {
                statements.delete.bind(1, event.id)
                // Not deleted: an event with a closure's id that sla did not write (written
                // directly). The case is then the night's finding, not evaluated without it.
                guard try statements.delete.execute() > 0 else {
                    changes.refusals.append(
                        """
                        the event \(event.id) has the id of an automatic closure but was not written by sla: \
                        remove or rename it in the ticketing tool
                        """)
                    continue
                }
            }
            changes.withdrawn.append(event)
        }
        for period in change.due {
            let id = period.closureEventID
            let written: Bool
            if let runID {
                statements.insert.bind(1, id)
                statements.insert.bind(2, serviceCase.id)
                statements.insert.bind(3, period.closureDeadline.secondsSince1970)
                statements.insert.bind(4, "cierre automático: venció el periodo de aceptación de la solución \(period.solved.id)")
                statements.insert.bind(5, runID)
                statements.insert.bind(6, period.solved.id)
                // Nothing inserted: the id is taken by another event.
                written = try statements.insert.execute() > 0
            } else if change.withdrawn.contains(where: { $0.id == id }) {
                written = true
            } else {
                statements.taken.bind(1, id)
                written = try statements.taken.fetchInt64() == nil
            }
            // The id taken by another event (written directly: the import refuses ids starting
            // 'sla-'): no closure can be written, and none is reported.
            guard written else {
                changes.refusals.append(
                    """
                    the id \(id) of its automatic closure is taken by another event: \
                    remove or rename that event in the ticketing tool
                    """)
                continue
            }
            changes.written.append(
                CaseClosure(
                    caseID: serviceCase.id, clientID: serviceCase.clientID,
                    solvedAt: period.solved.at, deadline: period.closureDeadline,
                    closedAt: period.closureDeadline))
        }
        return changes
    }

    /// Takes a closed case off the watch, settled from its latest event; later nights do not read
    /// it. A case of the page read from the settled cases (a past night) is not settled again.
    ///
    /// - Returns: whether the case was under watch and is now settled.
    @discardableResult
    package func settle(_ caseID: String, from latest: Instant) throws -> Bool {
        guard runID != nil else { return false }
        let statements = try prepared()
        statements.unwatch.bind(1, caseID)
        guard try statements.unwatch.execute() > 0 else { return false }
        statements.settle.bind(1, caseID)
        statements.settle.bind(2, latest.secondsSince1970)
        try statements.settle.execute()
        latestSettled = max(latestSettled ?? latest.secondsSince1970, latest.secondsSince1970)
        return true
    }

    /// Keeps `latest_settled_from` the latest of every settled case's `settled_from`.
    func finish() throws {
        guard let latestSettled else { return }
        let setting = SettingRow.Columns.self
        try db.execute(
            sql: """
                INSERT INTO \(SettingRow.table) (\(setting.name.name), \(setting.value.name)) VALUES (?, ?)
                ON CONFLICT(\(setting.name.name)) DO UPDATE SET \(setting.value.name) = excluded.\(setting.value.name)
                    WHERE CAST(\(setting.value.name) AS INTEGER) < CAST(excluded.\(setting.value.name) AS INTEGER)
                """, arguments: [SettingRow.latestSettledFrom, String(latestSettled)])
    }

    private struct Statements {
        var insert, taken, delete, unwatch, settle: RawStatement
    }

    private func prepared() throws -> Statements {
        if let statements { return statements }
        let e = EventRow.Columns.self
        let watched = CaseWatchRow.Columns.self
        let settled = SettledCaseRow.Columns.self
        let made = Statements(
            insert: try RawStatement(
                db,
                sql: """
                    INSERT INTO \(EventRow.table) (\(e.id.name), \(e.caseID.name), \(e.at.name), \(e.kind.name), \(e.note.name),
                        \(e.origin.name), \(e.runID.name), \(e.solvedEventID.name))
                    VALUES (?, ?, ?, '\(EventKind.autoClosed.rawValue)', ?, '\(EventRow.writtenBySLA)', ?, ?)
                    ON CONFLICT(\(e.id.name)) DO NOTHING
                    """),
            taken: try RawStatement(db, sql: "SELECT 1 FROM \(EventRow.table) WHERE \(e.id.name) = ?"),
            delete: try RawStatement(
                db,
                sql: """
                    DELETE FROM \(EventRow.table) WHERE \(e.id.name) = ? AND \(e.origin.name) = '\(EventRow.writtenBySLA)'
                    """),
            unwatch: try RawStatement(db, sql: "DELETE FROM \(CaseWatchRow.table) WHERE \(watched.caseID.name) = ?"),
            settle: try RawStatement(
                db,
                sql: """
                    INSERT OR REPLACE INTO \(SettledCaseRow.table) (\(settled.caseID.name), \(settled.settledFrom.name)) VALUES (?, ?)
                    """))
        statements = made
        return made
    }
}
