import GRDB
package import SLACore

/// What the monthly KAM report reads (SPEC §8).
extension CaseStore {
    /// A KAM and their clients.
    package struct KAMClients: Sendable {
        package var kamID: String
        package var kamName: String
        package var clients: [(id: String, name: String, contract: Contract?)]

        package init(kamID: String, kamName: String, clients: [(id: String, name: String, contract: Contract?)]) {
            self.kamID = kamID
            self.kamName = kamName
            self.clients = clients
        }
    }

    /// Every KAM, with or without clients, by id, their clients by id; and the KAMs and clients
    /// whose ids cannot be used (written directly: empty, not text, a control character), which
    /// get no report and are findings.
    package func kamsWithClients() throws(StoreError) -> (kams: [KAMClients], problems: [Finding]) {
        let kam = KAMRow.Columns.self
        let client = ClientRow.Columns.self
        return try read("the KAMs and clients") { db in
            var kams: [KAMClients] = []
            var problems: [Finding] = []
            var index: [String: Int] = [:]
            let kamRows = try StoredRows(db, sql: "SELECT \(kam.id.name), \(kam.name.name) FROM \(KAMRow.table) ORDER BY 1")
            let (kamIDColumn, kamNameColumn) = try (kamRows.column(kam.id.name), kamRows.column(kam.name.name))
            while try kamRows.next() {
                guard let id = CaseReading.identifier(kamRows[kamIDColumn]) else {
                    problems.append(
                        Finding(
                            .kam(id: CaseReading.printableID(kamRows[kamIDColumn])), field: "kam_id",
                            """
                            the KAM's id is not text sla can use (empty, stored as a BLOB, not valid UTF-8, or with a \
                            control character): no report until it is corrected
                            """))
                    continue
                }
                index[id] = kams.count
                kams.append(KAMClients(kamID: id, kamName: CaseReading.text(kamRows[kamNameColumn]), clients: []))
            }
            let clientRows = try Self.clientRows(db)
            let (clientID, clientName) = try (clientRows.column(client.id.name), clientRows.column(client.name.name))
            let (clientKAM, contract) = try (clientRows.column(client.kamID.name), clientRows.column(client.contract.name))
            while try clientRows.next() {
                guard let id = CaseReading.identifier(clientRows[clientID]) else {
                    problems.append(
                        Finding(
                            .client(id: CaseReading.printableID(clientRows[clientID])), field: "client_id",
                            """
                            the client's id is not text sla can use (empty, stored as a BLOB, not valid UTF-8, or with a \
                            control character): it is left out of its KAM's report until it is corrected
                            """))
                    continue
                }
                if let kamID = CaseReading.identifier(clientRows[clientKAM]), let position = index[kamID] {
                    kams[position].clients.append(
                        (
                            id, CaseReading.text(clientRows[clientName]),
                            Contract(reading: CaseReading.text(clientRows[contract]))
                        ))
                }
            }
            return (kams, problems)
        }
    }

    /// Every client, by id, with the columns sla reads of it, as stored (`StoredValue`): an id
    /// that cannot be used is found, not repaired.
    static func clientRows(_ db: Database) throws -> StoredRows {
        let client = ClientRow.Columns.self
        return try StoredRows(
            db,
            sql: """
                SELECT \(client.id.name), \(client.name.name), \(client.contract.name), \(client.kamID.name)
                FROM \(ClientRow.table) ORDER BY \(client.id.name)
                """)
    }

    /// Calls `body` with each case that can count in the month `[start, end)`, with its events up
    /// to `end`: those registered in it, those with an event in it, and those registered before
    /// it and not closed when it began (still open, or reopened since) — a superset of every
    /// figure of SPEC §8. In case id order, from one snapshot, holding one at a time: the month's
    /// report evaluates them a few thousand at a time instead of holding thirteen months of cases
    /// beside their rows.
    package func forEachCase(activeFrom start: Instant, to end: Instant, _ body: (CaseRead) throws -> Void) throws(StoreError) {
        let c = CaseRow.Columns.self
        let e = EventRow.Columns.self
        let closing = CaseLifecycle.closingKinds.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let reopening = "'\(CaseLifecycle.reopeningKind.rawValue)'"
        try read("the month's cases") { db in
            let events = try db.makeStatement(sql: CaseReading.eventsOfCase)
            // Driven from the cases under watch and those settled since the month began: a case
            // settled before it was closed all month (Schema v3). A case is not closed at `start`
            // unless a closure before it has no reopening after it (CaseLifecycle).
            let rows = try StoredRows(
                db,
                sql: """
                    SELECT \(CaseReading.caseColumns) FROM \(CaseReading.caseTables)
                    JOIN (SELECT \(CaseWatchRow.Columns.caseID.name) AS id FROM \(CaseWatchRow.table)
                          UNION SELECT \(SettledCaseRow.Columns.caseID.name) FROM \(SettledCaseRow.table)
                          WHERE \(SettledCaseRow.Columns.settledFrom.name) >= :start) ids ON ids.id = \(c.id.of("c"))
                    WHERE \(CaseReading.notAfter(c.createdAt.of("c"), ":end - 1")) AND (
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
            while try rows.next() {
                try body(try Self.withEvents(CaseReading.decodeCase(rows), asOf: end, events))
            }
        }
    }
}

/// The clients, for `sla policy check`.
extension CaseStore {
    /// A client as the database holds it.
    package struct ClientEntry: Sendable {
        package var id: String
        package var name: String
        package var contract: Contract?
        package var kamID: String
    }

    /// Every client whose id is usable, by id.
    package func clients() throws(StoreError) -> [ClientEntry] {
        let client = ClientRow.Columns.self
        return try read("the clients") { db in
            var clients: [ClientEntry] = []
            let rows = try Self.clientRows(db)
            let (id, name) = try (rows.column(client.id.name), rows.column(client.name.name))
            let (contract, kamID) = try (rows.column(client.contract.name), rows.column(client.kamID.name))
            while try rows.next() {
                guard let clientID = CaseReading.identifier(rows[id]) else { continue }
                clients.append(
                    ClientEntry(
                        id: clientID, name: CaseReading.text(rows[name]),
                        contract: Contract(reading: CaseReading.text(rows[contract])),
                        kamID: CaseReading.text(rows[kamID])))
            }
            return clients
        }
    }
}
