import GRDB
public import SLACore

/// Automatic closures (SPEC §6) in the database: found and written in one transaction that holds
/// the write lock, so a `reopened` the ticketing tool commits meanwhile is either seen or comes
/// after, never lost between reading and writing.
extension CaseStore {
    /// Writes (or, with `runID` nil, only finds) the `auto_closed` event of every acceptance period
    /// that `due` says reached its deadline by `asOf`, all in one transaction: a run killed at any
    /// moment has written all of them or none.
    ///
    /// Only cases that may have a period still open are read: a `solved` at or before as-of without
    /// its closure, and without an answer within four days (no deadline comes sooner).
    ///
    /// - Parameter among: the cases to consider (a night's cases with a solution); nil for every case.
    /// - Parameter due: the periods to close, given a case's events up to `asOf`.
    /// - Returns: the closures written (or due, on a dry run), by deadline then case id.
    public func closeAcceptancePeriods(
        asOf: Instant, runID: Int64?, among caseIDs: [String]? = nil,
        due: @escaping ([CaseEvent]) throws -> [AcceptancePeriod]
    ) throws(StoreError) -> [CaseClosure] {
        let work = { (db: Database) throws -> [CaseClosure] in
            let client = try db.makeStatement(sql: "SELECT id AS case_id, client_id FROM service_case WHERE id = ?")
            let candidates = try caseIDs.map { ids in try ids.compactMap { try Row.fetchOne(client, arguments: [$0]) } } ?? Row.fetchAll(db, sql: """
                SELECT DISTINCT s.case_id, c.client_id FROM case_event s JOIN service_case c ON c.id = s.case_id
                WHERE s.kind = 'solved' AND s.at <= :asOf
                  AND NOT EXISTS (SELECT 1 FROM case_event a WHERE a.id = :prefix || s.id)
                  AND NOT EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = s.case_id
                                  AND e.kind IN ('reopened', 'client_responded', 'closed', 'solved', 'auto_closed')
                                  AND e.at > s.at AND e.at < s.at + :fourDays)
                ORDER BY s.case_id
                """, arguments: ["asOf": asOf.secondsSince1970, "prefix": AcceptancePeriod.closureEventID(solvedEventID: ""),
                                 "fourDays": 4 * 86_400])
            let events = try db.makeStatement(sql: """
                SELECT id, at, kind, level FROM case_event WHERE case_id = ? AND at <= ?
                """)
            let insert = try db.makeStatement(sql: """
                INSERT INTO case_event (id, case_id, at, kind, note, origin, run_id, solved_event_id)
                VALUES (?, ?, ?, 'auto_closed', ?, 'sla', ?, ?) ON CONFLICT(id) DO NOTHING
                """)
            var closures: [CaseClosure] = []
            for candidate in candidates {
                let caseID: String = candidate["case_id"]
                let history = try Row.fetchAll(events, arguments: [caseID, asOf.secondsSince1970]).compactMap(Self.event)
                for period in try due(history) {
                    if let runID {
                        try insert.execute(arguments: [
                            period.closureEventID, caseID, period.closureDeadline.secondsSince1970,
                            "cierre automático: venció el periodo de aceptación de la solución \(period.solved.id)",
                            runID, period.solved.id,
                        ])
                    }
                    closures.append(CaseClosure(caseID: caseID, clientID: candidate["client_id"], solvedAt: period.solved.at,
                                            deadline: period.closureDeadline, closedAt: period.closureDeadline))
                }
            }
            return closures.sorted { ($0.deadline, $0.caseID) < ($1.deadline, $1.caseID) }
        }
        do {
            if runID == nil { return try writer.read(work) }
            return try writer.writeWithoutTransaction { db in
                var closures: [CaseClosure] = []
                try db.inTransaction(.immediate) {
                    closures = try work(db)
                    return .commit
                }
                return closures
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
