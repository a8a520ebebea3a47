import GRDB
public import SLACore

/// The automatic closures (SPEC §6) a night wrote, for its `closures.csv`; `NightPage` writes them.
extension CaseStore {
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
