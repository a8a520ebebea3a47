import GRDB
public import SLACore

extension CaseStore {
    /// Every case registered by `asOf`, with its events up to `asOf`, read from one consistent
    /// snapshot of the database (a writer committing meanwhile is seen entirely or not at all).
    ///
    /// - Complexity: two ordered scans, merged; O(c + e).
    public func cases(registeredBy asOf: Instant, only ids: Set<String>? = nil) throws(StoreError) -> [CaseSnapshot] {
        do {
            return try writer.read { db in
                var snapshots: [CaseSnapshot] = []
                let caseRows = try Row.fetchCursor(db, sql: "\(Self.caseSelect) WHERE c.created_at <= ? ORDER BY c.id",
                                                   arguments: [asOf.secondsSince1970])
                var index: [String: Int] = [:]
                while let row = try caseRows.next() {
                    let id: String = row["id"]
                    if let ids, !ids.contains(id) { continue }
                    index[id] = snapshots.count
                    snapshots.append(try Self.snapshot(row))
                }
                let eventRows = try Row.fetchCursor(db, sql: """
                    SELECT id, at, kind, level, case_id FROM case_event WHERE at <= ? ORDER BY case_id, at
                    """, arguments: [asOf.secondsSince1970])
                while let row = try eventRows.next() {
                    guard let position = index[row[4] as String], let event = Self.event(row) else { continue }
                    snapshots[position].events.append(event)
                }
                for position in snapshots.indices { snapshots[position].events.sort(by: CaseEvent.inTimeOrder) }
                return snapshots
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("cannot read the cases: \(error)", underlying: error)
        }
    }

    /// Calls `body` with every case registered by `asOf`, in case id order, with its events up to
    /// `asOf`, from one consistent snapshot, holding one case at a time: the export of ten years
    /// of history streams instead of loading it.
    ///
    /// - Returns: how many cases there were.
    /// - Complexity: two scans in case id order, merged; memory for one case.
    @discardableResult
    public func forEachCase(registeredBy asOf: Instant, _ body: (CaseSnapshot) throws -> Void) throws(StoreError) -> Int {
        do {
            return try writer.read { db in
                let caseRows = try Row.fetchCursor(db, sql: "\(Self.caseSelect) WHERE c.created_at <= ? ORDER BY c.id",
                                                   arguments: [asOf.secondsSince1970])
                let eventRows = try Row.fetchCursor(db, sql: """
                    SELECT id, at, kind, level, case_id FROM case_event WHERE at <= ? ORDER BY case_id, at
                    """, arguments: [asOf.secondsSince1970])
                // Both in SQLite's order of text (bytes): compared as bytes here too.
                var pending: (caseID: String, event: CaseEvent?)? = try eventRows.next().map { (String($0[4] as String), Self.event($0)) }
                var count = 0
                while let row = try caseRows.next() {
                    var snapshot = try Self.snapshot(row)
                    let id = snapshot.serviceCase.id
                    while let (caseID, event) = pending, !id.utf8.lexicographicallyPrecedes(caseID.utf8) {
                        if caseID.utf8.elementsEqual(id.utf8), let event { snapshot.events.append(event) }
                        pending = try eventRows.next().map { (String($0[4] as String), Self.event($0)) }
                    }
                    snapshot.events.sort(by: CaseEvent.inTimeOrder)
                    try body(snapshot)
                    count += 1
                }
                return count
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("cannot read the cases: \(error)", underlying: error)
        }
    }

    /// How many cases were registered by `asOf`.
    public func caseCount(registeredBy asOf: Instant) throws(StoreError) -> Int {
        do {
            return try writer.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM service_case WHERE created_at <= ?",
                                 arguments: [asOf.secondsSince1970]) ?? 0
            }
        } catch {
            throw StoreError("cannot count the cases: \(error)", underlying: error)
        }
    }

    static let caseSelect = """
        SELECT c.id, c.client_id, c.product, c.type, c.priority, c.impact, c.urgency, c.created_at,
               c.summary, cl.name AS client_name, cl.contract, k.id AS kam_id, k.name AS kam_name
        FROM service_case c JOIN client cl ON cl.id = c.client_id JOIN kam k ON k.id = cl.kam_id
        """

    /// A case row of `caseSelect`, without its events. Columns by position: the export reads a
    /// million rows.
    static func snapshot(_ row: Row) throws -> CaseSnapshot {
        let id: String = row[0]
        guard let type = CaseType(reading: row[3]), let priority = Priority(reading: row[4]),
              let contract = Contract(reading: row[10])
        else { throw StoreError("case \(id): the database holds a type, priority or contract sla does not know") }
        return CaseSnapshot(
            serviceCase: ServiceCase(
                id: id, clientID: row[1], type: type, priority: priority,
                impact: (row[5] as String?).flatMap { Grade(reading: $0) },
                urgency: (row[6] as String?).flatMap { Grade(reading: $0) },
                contract: contract, createdAt: Instant(secondsSince1970: row[7])),
            product: row[2], summary: row[8], clientName: row[9],
            kamID: row[11], kamName: row[12], events: [])
    }

    /// An event row (id, at, kind, level, ...); nil for a kind sla does not know.
    static func event(_ row: Row) -> CaseEvent? {
        EventKind(reading: row[2]).map {
            CaseEvent(id: row[0], at: Instant(secondsSince1970: row[1]), kind: $0, level: row[3])
        }
    }

}
