import GRDB
public import SLACore

/// What the monthly KAM report reads (SPEC §8).
extension CaseStore {
    /// A KAM and their clients.
    public struct KAMClients: Sendable {
        public var kamID: String
        public var kamName: String
        public var clients: [(id: String, name: String)]
    }

    /// Every KAM, with or without clients, by id; their clients by id.
    public func kamsWithClients() throws(StoreError) -> [KAMClients] {
        let kam = KAMRow.Columns.self, client = ClientRow.Columns.self
        return try read("the KAMs and clients") { db in
            var kams = try Row.fetchAll(db, sql: "SELECT \(kam.id.name), \(kam.name.name) FROM \(KAMRow.table) ORDER BY 1").map {
                KAMClients(kamID: CaseReading.text($0[kam.id]), kamName: CaseReading.text($0[kam.name]), clients: [])
            }
            var index: [String: Int] = [:]
            for (position, entry) in kams.enumerated() where index[entry.kamID] == nil { index[entry.kamID] = position }
            for row in try Row.fetchAll(db, sql: """
                SELECT \(client.id.name), \(client.name.name), \(client.kamID.name) FROM \(ClientRow.table) ORDER BY 1
                """)
            {
                if let position = index[CaseReading.text(row[client.kamID])] {
                    kams[position].clients.append((CaseReading.text(row[client.id]), CaseReading.text(row[client.name])))
                }
            }
            return kams
        }
    }

    /// The cases that can count in the month `[start, end)`, with their events up to `end`: those
    /// registered in it, those with an event in it, and those registered before it and not closed
    /// when it began (still open, or reopened since) — a superset of every figure of SPEC §8.
    public func cases(activeFrom start: Instant, to end: Instant) throws(StoreError) -> [CaseRead] {
        let c = CaseRow.Columns.self, e = EventRow.Columns.self
        let closing = CaseLifecycle.closingKinds.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let reopening = "'\(CaseLifecycle.reopeningKind.rawValue)'"
        return try read("the month's cases") { db in
            let events = try db.makeStatement(sql: CaseReading.eventsOfCase)
            // Driven from the cases under watch and those settled since the month began: a case
            // settled before it was closed all month (Schema v3). A case is not closed at `start`
            // unless a closure before it has no reopening after it (CaseLifecycle).
            let rows = try StoredRows(db, sql: """
                SELECT \(CaseReading.caseColumns) FROM \(CaseReading.caseTables)
                JOIN (SELECT \(CaseWatchRow.Columns.caseID.name) AS id FROM \(CaseWatchRow.table)
                      UNION SELECT \(SettledCaseRow.Columns.caseID.name) FROM \(SettledCaseRow.table)
                      WHERE \(SettledCaseRow.Columns.settledFrom.name) >= :start) ids ON ids.id = \(c.id.of("c"))
                WHERE (\(c.createdAt.of("c")) < :end OR typeof(\(c.createdAt.of("c"))) NOT IN ('integer', 'real')) AND (
                    \(c.createdAt.of("c")) >= :start
                    OR EXISTS (SELECT 1 FROM \(EventRow.table) e WHERE \(e.caseID.of("e")) = \(c.id.of("c"))
                               AND \(e.at.of("e")) >= :start AND \(e.at.of("e")) <= :end)
                    OR NOT EXISTS (
                        SELECT 1 FROM \(EventRow.table) x WHERE \(e.caseID.of("x")) = \(c.id.of("c"))
                        AND \(e.kind.of("x")) IN (\(closing)) AND \(e.at.of("x")) < :start AND NOT EXISTS (
                            SELECT 1 FROM \(EventRow.table) r WHERE \(e.caseID.of("r")) = \(c.id.of("c"))
                            AND \(e.kind.of("r")) = \(reopening) AND \(e.at.of("r")) >= \(e.at.of("x"))
                            AND \(e.at.of("r")) <= :end)))
                ORDER BY \(c.id.of("c"))
                """, arguments: ["start": start.secondsSince1970, "end": end.secondsSince1970])
            var cases: [CaseRead] = []
            while try rows.next() {
                cases.append(try Self.withEvents(CaseReading.decodeCase(rows), asOf: end, events))
            }
            return cases
        }
    }
}
