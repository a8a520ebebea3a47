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
        do {
            return try writer.read { db in
                var kams = try Row.fetchAll(db, sql: "SELECT id, name FROM kam ORDER BY id").map {
                    KAMClients(kamID: $0["id"], kamName: $0["name"], clients: [])
                }
                let index = Dictionary(uniqueKeysWithValues: kams.enumerated().map { ($0.element.kamID, $0.offset) })
                for row in try Row.fetchAll(db, sql: "SELECT id, name, kam_id FROM client ORDER BY id") {
                    if let position = index[row["kam_id"] as String] {
                        kams[position].clients.append((row["id"], row["name"]))
                    }
                }
                return kams
            }
        } catch {
            throw StoreError("cannot read the KAMs and clients: \(error)", underlying: error)
        }
    }

    /// The cases that can count in the month `[start, end)`, with their events up to `end`: those
    /// registered in it, those with an event in it, and those registered before it and not closed
    /// when it began (still open, or reopened since) — a superset of every figure of SPEC §8.
    public func cases(activeFrom start: Instant, to end: Instant) throws(StoreError) -> [CaseSnapshot] {
        do {
            return try writer.read { db in
                let events = try db.makeStatement(sql: "SELECT id, at, kind, level FROM case_event WHERE case_id = ? AND at <= ?")
                // Driven from the cases under watch and those settled since the month began: a case
                // settled before it was closed all month (Schema v3).
                let cursor = try Row.fetchCursor(db, sql: """
                    \(Self.caseSelect)
                    JOIN (SELECT case_id FROM case_watch
                          UNION SELECT case_id FROM settled_case WHERE settled_from >= :start) ids ON ids.case_id = c.id
                    WHERE c.created_at < :end AND (
                        c.created_at >= :start
                        OR EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = c.id AND e.at >= :start AND e.at <= :end)
                        OR NOT EXISTS (
                            SELECT 1 FROM case_event x WHERE x.case_id = c.id AND x.kind IN ('closed', 'auto_closed')
                            AND x.at < :start AND NOT EXISTS (
                                SELECT 1 FROM case_event r WHERE r.case_id = c.id AND r.kind = 'reopened'
                                AND r.at >= x.at AND r.at <= :end)))
                    ORDER BY c.id
                    """, arguments: ["start": start.secondsSince1970, "end": end.secondsSince1970])
                var snapshots: [CaseSnapshot] = []
                while let row = try cursor.next() {
                    var snapshot = try Self.snapshot(row)
                    snapshot.events = try Row.fetchAll(events, arguments: [snapshot.serviceCase.id, end.secondsSince1970])
                        .compactMap(Self.event).sorted(by: CaseEvent.inTimeOrder)
                    snapshots.append(snapshot)
                }
                return snapshots
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("cannot read the month's cases: \(error)", underlying: error)
        }
    }
}
