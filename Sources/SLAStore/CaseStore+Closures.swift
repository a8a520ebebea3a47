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
        /// The cases whose periods could not be worked out (a deadline past the calendar's end),
        /// with why: the night's findings, the other cases' closures written all the same.
        public var unreconciled: [(caseID: String, reason: String)] = []
        /// The watch version of each case written to, read in the same transaction after the
        /// writes: with the events the night read, what settles it without reading it again.
        public var versions: [String: Int64] = [:]
    }

    /// Writes (or, with `runID` nil, only finds) the `auto_closed` event of every acceptance period
    /// that reached its deadline by `asOf`, and deletes this program's closures that no period
    /// stands behind any more, all in one transaction: a run killed at any moment has made all of
    /// these changes or none.
    ///
    /// - Parameter caseIDs: the cases to consider (a night's cases with a solution or a closure).
    /// - Parameter reconcile: the changes to make, given a case's id and events (those after
    ///   `asOf` are ignored).
    public func closeAcceptancePeriods(
        asOf: Instant, runID: Int64?, among caseIDs: [String],
        reconcile: @escaping (_ caseID: String, _ events: [CaseEvent]) throws -> AutomaticClosure.Reconciliation
    ) throws(StoreError) -> ClosureChanges {
        let e = EventRow.Columns.self
        let work = { (db: Database) throws -> ClosureChanges in
            let client = try db.makeStatement(sql: """
                SELECT \(CaseRow.Columns.clientID.name) FROM \(CaseRow.table) WHERE \(CaseRow.Columns.id.name) = ?
                """)
            let events = try db.makeStatement(sql: CaseReading.eventsOfCase)
            let insert = try db.makeStatement(sql: """
                INSERT INTO \(EventRow.table) (\(e.id.name), \(e.caseID.name), \(e.at.name), \(e.kind.name), \(e.note.name),
                    \(e.origin.name), \(e.runID.name), \(e.solvedEventID.name))
                VALUES (?, ?, ?, '\(EventKind.autoClosed.rawValue)', ?, '\(EventRow.writtenBySLA)', ?, ?)
                ON CONFLICT(\(e.id.name)) DO NOTHING
                """)
            let taken = try db.makeStatement(sql: "SELECT 1 FROM \(EventRow.table) WHERE \(e.id.name) = ?")
            let delete = try db.makeStatement(sql: """
                DELETE FROM \(EventRow.table) WHERE \(e.id.name) = ? AND \(e.origin.name) = '\(EventRow.writtenBySLA)'
                """)
            let watchVersion = try db.makeStatement(sql: """
                SELECT \(CaseWatchRow.Columns.version.name) FROM \(CaseWatchRow.table) WHERE \(CaseWatchRow.Columns.caseID.name) = ?
                """)
            var changes = ClosureChanges()
            for caseID in caseIDs {
                guard let clientID = try String.fetchOne(client, arguments: [caseID]) else { continue }
                let history = try CaseReading.events(of: caseID, asOf: asOf, events)
                // A case whose events became unusable since the night read them is the night's
                // finding, not a closure.
                guard history.findings.isEmpty else { continue }
                let change: AutomaticClosure.Reconciliation
                do {
                    change = try reconcile(caseID, history.events)
                } catch {
                    changes.unreconciled.append((caseID, "\(error)"))
                    continue
                }
                for event in change.withdrawn {
                    if runID != nil { try delete.execute(arguments: [event.id]) }
                    changes.withdrawn.append((caseID, event))
                }
                for period in change.due {
                    // The id taken by another event (written directly: the import refuses ids
                    // starting 'sla-'): no closure can be written, and none is reported.
                    if !change.withdrawn.contains(where: { $0.id == period.closureEventID }),
                       try Bool.fetchOne(taken, arguments: [period.closureEventID]) == true
                    {
                        changes.unreconciled.append((caseID, """
                            the id \(period.closureEventID) of its automatic closure is taken by another event: \
                            remove or rename that event in the ticketing tool
                            """))
                        continue
                    }
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
                if runID != nil, !change.due.isEmpty || !change.withdrawn.isEmpty,
                   let version = try Int64.fetchOne(watchVersion, arguments: [caseID])
                {
                    changes.versions[caseID] = version
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
        } catch {
            throw StoreError.database(error, path, doing: "write the automatic closures to")
        }
    }

    /// The automatic closures written by the runs evaluated as of `date` (any hour of it): what
    /// that night closed, the same list however often the night is rerun.
    public func closures(writtenByRunsOn date: LocalDate) throws(StoreError) -> [CaseClosure] {
        let e = EventRow.Columns.self, run = RunRow.Columns.self
        return try read("the automatic closures") { db in
            try Row.fetchAll(db, sql: """
                SELECT \(e.caseID.of("e")) AS case_id, \(CaseRow.Columns.clientID.of("c")) AS client_id,
                       \(e.at.of("s")) AS solved_at, \(e.at.of("e")) AS deadline
                FROM \(EventRow.table) e JOIN \(RunRow.table) r ON \(run.id.of("r")) = \(e.runID.of("e"))
                JOIN \(CaseRow.table) c ON \(CaseRow.Columns.id.of("c")) = \(e.caseID.of("e"))
                JOIN \(EventRow.table) s ON \(e.id.of("s")) = \(e.solvedEventID.of("e"))
                WHERE \(e.origin.of("e")) = '\(EventRow.writtenBySLA)' AND \(run.asOf.of("r")) >= ? AND \(run.asOf.of("r")) < ?
                ORDER BY \(e.at.of("e")), \(e.caseID.of("e"))
                """, arguments: [Instant(date).secondsSince1970, Instant(date.adding(days: 1)).secondsSince1970]
            ).compactMap { row in
                // Written by this program from instants it checked: unusable values are skipped, not trusted.
                guard let solved = Int64.fromDatabaseValue(row["solved_at"]), let deadline = Int64.fromDatabaseValue(row["deadline"]),
                      CalendarCoverage.contains(secondsSince1970: solved), CalendarCoverage.contains(secondsSince1970: deadline)
                else { return nil }
                return CaseClosure(caseID: CaseReading.text(row["case_id"]), clientID: CaseReading.text(row["client_id"]),
                                   solvedAt: Instant(secondsSince1970: solved), deadline: Instant(secondsSince1970: deadline),
                                   closedAt: Instant(secondsSince1970: deadline))
            }
        }
    }
}
