import GRDB
public import SLACore

/// Automatic closures (SPEC §6) in the database: found and written in one transaction that holds
/// the write lock, so a `reopened` the ticketing tool commits meanwhile is either seen or comes
/// after, never lost between reading and writing.
extension CaseStore {
    /// What a run changed (or, on a dry run, would change) in the closures.
    public struct ClosureChanges: Sendable {
        /// The closures written, by deadline then case id.
        public var written: [CaseClosure] = []
        /// This program's earlier closures deleted because no period stands behind them any more.
        public var withdrawn: [(caseID: String, event: CaseEvent)] = []
    }

    /// Writes (or, with `runID` nil, only finds) the `auto_closed` event of every acceptance period
    /// that reached its deadline by `asOf`, and deletes this program's closures that no period
    /// stands behind any more, all in one transaction: a run killed at any moment has made all of
    /// these changes or none.
    ///
    /// - Parameter caseIDs: the cases to consider (a night's cases with a solution or a closure).
    /// - Parameter reconcile: the changes to make, given a case's events (those after `asOf` are ignored).
    public func closeAcceptancePeriods(
        asOf: Instant, runID: Int64?, among caseIDs: [String],
        reconcile: @escaping ([CaseEvent]) throws -> AutomaticClosure.Reconciliation
    ) throws(StoreError) -> ClosureChanges {
        let work = { (db: Database) throws -> ClosureChanges in
            let client = try db.makeStatement(sql: "SELECT client_id FROM service_case WHERE id = ?")
            let events = try db.makeStatement(sql: """
                SELECT id, at, kind, level FROM case_event WHERE case_id = ? AND at <= ?
                """)
            let insert = try db.makeStatement(sql: """
                INSERT INTO case_event (id, case_id, at, kind, note, origin, run_id, solved_event_id)
                VALUES (?, ?, ?, 'auto_closed', ?, 'sla', ?, ?) ON CONFLICT(id) DO NOTHING
                """)
            let delete = try db.makeStatement(sql: "DELETE FROM case_event WHERE id = ? AND origin = 'sla'")
            var changes = ClosureChanges()
            for caseID in caseIDs {
                guard let clientID = try String.fetchOne(client, arguments: [caseID]) else { continue }
                let history = try Row.fetchAll(events, arguments: [caseID, asOf.secondsSince1970]).compactMap(Self.event)
                let change = try reconcile(history)
                for event in change.withdrawn {
                    if runID != nil { try delete.execute(arguments: [event.id]) }
                    changes.withdrawn.append((caseID, event))
                }
                for period in change.due {
                    if let runID {
                        try insert.execute(arguments: [
                            period.closureEventID, caseID, period.closureDeadline.secondsSince1970,
                            "cierre automático: venció el periodo de aceptación de la solución \(period.solved.id)",
                            runID, period.solved.id,
                        ])
                    }
                    changes.written.append(CaseClosure(caseID: caseID, clientID: clientID, solvedAt: period.solved.at,
                                                       deadline: period.closureDeadline, closedAt: period.closureDeadline))
                }
            }
            changes.written.sort { ($0.deadline, $0.caseID) < ($1.deadline, $1.caseID) }
            return changes
        }
        do {
            if runID == nil { return try writer.read(work) }
            return try writer.writeWithoutTransaction { db in
                var changes = ClosureChanges()
                try db.inTransaction(.immediate) {
                    changes = try work(db)
                    return .commit
                }
                return changes
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("cannot close acceptance periods: \(error)", underlying: error)
        }
    }

    /// The automatic closures written by the runs evaluated as of `date` (any hour of it): what
    /// that night closed, the same list however often the night is rerun.
    public func closures(writtenByRunsOn date: LocalDate) throws(StoreError) -> [CaseClosure] {
        do {
            return try writer.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT e.case_id, c.client_id, s.at AS solved_at, e.at AS deadline
                    FROM case_event e JOIN run r ON r.id = e.run_id JOIN service_case c ON c.id = e.case_id
                    JOIN case_event s ON s.id = e.solved_event_id
                    WHERE e.origin = 'sla' AND r.as_of >= ? AND r.as_of < ?
                    ORDER BY e.at, e.case_id
                    """, arguments: [Instant(date).secondsSince1970, Instant(date.adding(days: 1)).secondsSince1970]
                ).map { row in
                    CaseClosure(caseID: row["case_id"], clientID: row["client_id"],
                            solvedAt: Instant(secondsSince1970: row["solved_at"]),
                            deadline: Instant(secondsSince1970: row["deadline"]),
                            closedAt: Instant(secondsSince1970: row["deadline"]))
                }
            }
        } catch {
            throw StoreError("cannot read the automatic closures: \(error)", underlying: error)
        }
    }
}
