import GRDB
package import SLACore

/// Every case registered by an instant, for the export and for `sla explain`.
extension CaseStore {
    /// Every case registered by `asOf`, with its events up to `asOf`, from one consistent snapshot
    /// of the database (a writer committing meanwhile is seen entirely or not at all), each read
    /// with the one query of a case's events.
    ///
    /// - Complexity: one scan of the cases, one index lookup of each case's events.
    package func cases(registeredBy asOf: Instant) throws(StoreError) -> [CaseRead] {
        try read("the cases") { db in
            let events = try db.makeStatement(sql: CaseReading.eventsOfCase)
            let rows = try Self.casesRegistered(by: asOf, db)
            var cases: [CaseRead] = []
            while try rows.next() {
                cases.append(try Self.withEvents(CaseReading.decodeCase(rows), asOf: asOf, events))
            }
            return cases
        }
    }

    /// The case `id` registered by `asOf` with its events up to `asOf`, or nil.
    package func serviceCase(_ id: String, registeredBy asOf: Instant) throws(StoreError) -> CaseRead? {
        try read("case \(id)") { db in
            let events = try db.makeStatement(sql: CaseReading.eventsOfCase)
            let row = try StoredRows(
                db,
                sql: """
                    SELECT \(CaseReading.caseColumns) FROM \(CaseReading.caseTables)
                    WHERE \(CaseRow.Columns.id.of("c")) = :id AND \(CaseReading.registeredByAsOf)
                    """, arguments: ["id": id, "asOf": asOf.secondsSince1970])
            guard try row.next() else { return nil }
            let read = CaseReading.decodeCase(row)
            while try row.next() {}
            return try Self.withEvents(read, asOf: asOf, events)
        }
    }

    /// Every case registered by `asOf`, in case id order (`CaseReading.decodeCase` reads each).
    private static func casesRegistered(by asOf: Instant, _ db: Database) throws -> StoredRows {
        try StoredRows(
            db,
            sql: """
                SELECT \(CaseReading.caseColumns) FROM \(CaseReading.caseTables)
                WHERE \(CaseReading.registeredByAsOf) ORDER BY \(CaseRow.Columns.id.of("c"))
                """, arguments: ["asOf": asOf.secondsSince1970])
    }

    /// `read` with its events up to `asOf`, read with `statement` (`CaseReading.eventsOfCase`).
    static func withEvents(_ read: CaseRead, asOf: Instant, _ statement: Statement) throws -> CaseRead {
        guard case .readable(let snapshot) = read else { return read }
        return CaseReading.attach(try CaseReading.events(of: snapshot.serviceCase.id, asOf: asOf, statement), to: read)
    }

    /// Calls `body` with every case registered by `asOf`, in case id order, with its events up to
    /// `asOf`, from one consistent snapshot, holding one case at a time: the export of ten years
    /// of history streams instead of loading it.
    ///
    /// - Returns: how many cases there were.
    /// - Complexity: two scans in case id order, merged; memory for one case.
    @discardableResult
    package func forEachCase(registeredBy asOf: Instant, _ body: (CaseRead) throws -> Void) throws(StoreError) -> Int {
        try read("the cases") { db in
            let caseRows = try Self.casesRegistered(by: asOf, db)
            let at = EventRow.Columns.at.name
            let eventRows = try StoredRows(
                db,
                sql: """
                    SELECT \(CaseReading.eventColumns) FROM \(EventRow.table)
                    WHERE \(CaseReading.notAfter(at, ":asOf"))
                    ORDER BY \(EventRow.Columns.caseID.name), \(at)
                    """, arguments: ["asOf": asOf.secondsSince1970])
            // Both statements are in SQLite's order of the ids — by type (text before blobs),
            // then by bytes — and are merged in that order, so an id no String can hold still
            // keeps its events apart from its neighbours', and a blob never joins to text.
            func key(_ value: StoredValue, into key: inout (rank: Int, bytes: [UInt8])) {
                key.bytes.removeAll(keepingCapacity: true)
                key.rank = value.typeRank
                switch value {
                case .null: break
                case .integer(let number): key.bytes.append(contentsOf: String(number).utf8)
                case .real(let number): key.bytes.append(contentsOf: String(number).utf8)
                case .text(let bytes), .blob(let bytes): key.bytes.append(contentsOf: bytes)
                }
            }
            func precedes(_ left: (rank: Int, bytes: [UInt8]), _ right: (rank: Int, bytes: [UInt8])) -> Bool {
                left.rank != right.rank ? left.rank < right.rank : left.bytes.lexicographicallyPrecedes(right.bytes)
            }
            // The pending event, decoded as soon as it is read (its row is gone at the next
            // step); its findings are given their case when it is matched.
            var pendingCase: (rank: Int, bytes: [UInt8]) = (0, [])
            var pending: (event: CaseEvent?, findings: [Finding])?
            func nextEvent() throws {
                guard try eventRows.next() else {
                    pending = nil
                    return
                }
                var findings: [Finding] = []
                let event = CaseReading.decodeEvent(eventRows, of: "", findings: &findings)
                key(eventRows[CaseReading.EventField.caseID.rawValue], into: &pendingCase)
                pending = (event, findings)
            }
            try nextEvent()
            var id: (rank: Int, bytes: [UInt8]) = (0, [])
            var count = 0
            while try caseRows.next() {
                key(caseRows[CaseReading.CaseField.id.rawValue], into: &id)
                var read = CaseReading.decodeCase(caseRows)
                var findings: [Finding] = []
                var events: [CaseEvent] = []
                while let (event, eventFindings) = pending, !precedes(id, pendingCase) {
                    if pendingCase == id {
                        if let event, event.at <= asOf { events.append(event) }
                        findings += eventFindings.map { Finding(.serviceCase(id: read.caseID), field: $0.field, $0.reason) }
                    }
                    try nextEvent()
                }
                events.sort(by: CaseEvent.inTimeOrder)
                read = CaseReading.attach((events, nil, findings), to: read)
                try body(read)
                count += 1
            }
            return count
        }
    }

    /// How many cases were registered by `asOf`.
    package func caseCount(registeredBy asOf: Instant) throws(StoreError) -> Int {
        try read("the number of cases") { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM \(CaseReading.caseTables) WHERE \(CaseReading.registeredByAsOf)
                    """, arguments: ["asOf": asOf.secondsSince1970]) ?? 0
        }
    }
}
