import GRDB
package import SLACore

/// The automatic closures (SPEC §6) a night wrote, for its `closures.csv`; `NightPage` writes them.
extension CaseStore {
    /// Calls `body` with each automatic closure written by the runs evaluated as of `date` (any
    /// hour of it), by deadline then case: what that night closed, the same list however often the
    /// night is rerun — one at a time, so that the first night after an import lists its million
    /// closures without holding them. The reading stops when `body`
    /// returns false (it could not write the closure: it keeps its own error).
    package func forEachClosure(writtenByRunsOn date: LocalDate, _ body: (CaseClosure) -> Bool) throws(StoreError) {
        let e = EventRow.Columns.self
        let run = RunRow.Columns.self
        try read("the automatic closures") { db in
            // Read column by column: the first night after an import lists a million closures.
            let rows = try StoredRows(
                db,
                sql: """
                    SELECT \(e.caseID.of("e")) AS case_id, \(CaseRow.Columns.clientID.of("c")) AS client_id,
                        \(e.at.of("s")) AS solved_at, \(e.at.of("e")) AS deadline
                    FROM \(EventRow.table) e JOIN \(RunRow.table) r ON \(run.id.of("r")) = \(e.runID.of("e"))
                    JOIN \(CaseRow.table) c ON \(CaseRow.Columns.id.of("c")) = \(e.caseID.of("e"))
                    JOIN \(EventRow.table) s ON \(e.id.of("s")) = \(e.solvedEventID.of("e"))
                    WHERE \(e.origin.of("e")) = '\(EventRow.writtenBySLA)' AND \(run.asOf.of("r")) >= ? AND \(run.asOf.of("r")) < ?
                    ORDER BY \(e.at.of("e")), \(e.caseID.of("e"))
                    """, arguments: [Instant(date).secondsSince1970, Instant(date.adding(days: 1)).secondsSince1970])
            let (caseID, clientID) = try (rows.column("case_id"), rows.column("client_id"))
            let (solvedAt, deadlineAt) = try (rows.column("solved_at"), rows.column("deadline"))
            while try rows.next() {
                // Written by this program from instants it checked: unusable values are skipped, not trusted.
                guard let solved = Self.wholeSeconds(rows[solvedAt]), let deadline = Self.wholeSeconds(rows[deadlineAt]),
                    CalendarCoverage.contains(secondsSince1970: solved), CalendarCoverage.contains(secondsSince1970: deadline)
                else { continue }
                guard
                    body(
                        CaseClosure(
                            caseID: CaseReading.text(rows[caseID]), clientID: CaseReading.text(rows[clientID]),
                            solvedAt: Instant(secondsSince1970: solved),
                            deadline: Instant(secondsSince1970: deadline),
                            closedAt: Instant(secondsSince1970: deadline)))
                else { return }
            }
        }
    }

    /// Whole seconds stored as an integer, or as a real without a fraction.
    private static func wholeSeconds(_ value: StoredValue) -> Int64? {
        switch value {
        case .integer(let seconds): seconds
        case .real(let seconds): Int64(exactly: seconds)
        case .null, .text, .blob: nil
        }
    }
}
