import GRDB
public import SLACore

/// Every case registered by an instant, for the export and for `sla explain`.
extension CaseStore {
    /// Every case registered by `asOf`, with its events up to `asOf`, from one consistent snapshot
    /// of the database (a writer committing meanwhile is seen entirely or not at all), each read
    /// with the one query of a case's events.
    ///
    /// - Complexity: one scan of the cases, one index lookup of each case's events.
    public func cases(registeredBy asOf: Instant) throws(StoreError) -> [CaseRead] {
        try read("the cases") { db in
            let events = try db.makeStatement(sql: CaseReading.eventsOfCase)
            let rows = try Row.fetchCursor(db, sql: """
                SELECT \(CaseReading.caseColumns) FROM \(CaseReading.caseTables)
                WHERE \(CaseReading.registeredByAsOf) ORDER BY \(CaseRow.Columns.id.of("c"))
                """, arguments: ["asOf": asOf.secondsSince1970])
            var cases: [CaseRead] = []
            while let row = try rows.next() {
                cases.append(try Self.withEvents(CaseReading.decodeCase(row), asOf: asOf, events))
            }
            return cases
        }
    }

    /// The case `id` registered by `asOf` with its events up to `asOf`, or nil.
    public func serviceCase(_ id: String, registeredBy asOf: Instant) throws(StoreError) -> CaseRead? {
        try read("case \(id)") { db in
            let events = try db.makeStatement(sql: CaseReading.eventsOfCase)
            guard let row = try Row.fetchOne(db, sql: """
                SELECT \(CaseReading.caseColumns) FROM \(CaseReading.caseTables)
                WHERE \(CaseRow.Columns.id.of("c")) = :id AND \(CaseReading.registeredByAsOf)
                """, arguments: ["id": id, "asOf": asOf.secondsSince1970])
            else { return nil }
            return try Self.withEvents(CaseReading.decodeCase(row), asOf: asOf, events)
        }
    }

    /// `read` with its events up to `asOf`, read with `statement` (`CaseReading.eventsOfCase`).
    static func withEvents(_ read: CaseRead, asOf: Instant, _ statement: Statement) throws -> CaseRead {
        guard case let .readable(snapshot) = read else { return read }
        return CaseReading.attach(try CaseReading.events(of: snapshot.serviceCase.id, asOf: asOf, statement), to: read)
    }

    /// Calls `body` with every case registered by `asOf`, in case id order, with its events up to
    /// `asOf`, from one consistent snapshot, holding one case at a time: the export of ten years
    /// of history streams instead of loading it.
    ///
    /// - Returns: how many cases there were.
    /// - Complexity: two scans in case id order, merged; memory for one case.
    @discardableResult
    public func forEachCase(registeredBy asOf: Instant, _ body: (CaseRead) throws -> Void) throws(StoreError) -> Int {
        try read("the cases") { db in
            let caseRows = try Row.fetchCursor(db, sql: """
                SELECT \(CaseReading.caseColumns) FROM \(CaseReading.caseTables)
                WHERE \(CaseReading.registeredByAsOf) ORDER BY \(CaseRow.Columns.id.of("c"))
                """, arguments: ["asOf": asOf.secondsSince1970])
            let at = EventRow.Columns.at.name
            let eventRows = try Row.fetchCursor(db, sql: """
                SELECT \(CaseReading.eventColumns) FROM \(EventRow.table)
                WHERE \(at) <= :asOf OR typeof(\(at)) NOT IN ('integer', 'real')
                ORDER BY \(EventRow.Columns.caseID.name), \(at)
                """, arguments: ["asOf": asOf.secondsSince1970])
            // Both cursors are in SQLite's order of the ids' bytes: merged on the bytes, so an id
            // no String can hold still keeps its events apart from its neighbours'.
            func caseBytes(_ row: Row, _ index: Int) -> [UInt8] {
                switch (row[index] as DatabaseValue).storage {
                case let .blob(data): Array(data)
                case let .string(text): Array(text.utf8)
                case let .int64(number): Array(String(number).utf8)
                default: []
                }
            }
            // An event is decoded as soon as it is read (the cursor reuses its row); its findings
            // are given their case when it is matched.
            func nextEvent() throws -> (caseID: [UInt8], event: CaseEvent?, findings: [Finding])? {
                guard let row = try eventRows.next() else { return nil }
                var findings: [Finding] = []
                let event = CaseReading.decodeEvent(row, of: "", findings: &findings)
                return (caseBytes(row, CaseReading.EventField.caseID.rawValue), event, findings)
            }
            var pending = try nextEvent()
            var count = 0
            while let row = try caseRows.next() {
                let id = caseBytes(row, CaseReading.CaseField.id.rawValue)
                var read = CaseReading.decodeCase(row)
                var findings: [Finding] = []
                var events: [CaseEvent] = []
                while let (eventCase, event, eventFindings) = pending, !id.lexicographicallyPrecedes(eventCase) {
                    if eventCase == id {
                        if let event, event.at <= asOf { events.append(event) }
                        findings += eventFindings.map { Finding(.serviceCase(id: read.caseID), column: $0.column, $0.reason) }
                    }
                    pending = try nextEvent()
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
    public func caseCount(registeredBy asOf: Instant) throws(StoreError) -> Int {
        try read("the number of cases") { db in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM \(CaseReading.caseTables) WHERE \(CaseReading.registeredByAsOf)
                """, arguments: ["asOf": asOf.secondsSince1970]) ?? 0
        }
    }
}
