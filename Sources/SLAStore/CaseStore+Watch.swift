import GRDB
public import SLACore

/// The cases a night evaluates: those under watch and, for a rerun of a past night, those settled
/// after it (see the v3 migration in Schema.swift).
extension CaseStore {
    /// A case a night must evaluate, with what it needs to decide whether the case is settled.
    public struct WatchedCase: Sendable {
        public var snapshot: CaseSnapshot
        /// The watch version read with the snapshot; nil for a settled case read for a past night.
        public var version: Int64?
        /// The case's latest event, after as-of included: a case is settled only when nothing
        /// follows the night's as-of.
        public var latestEventAt: Instant?
    }

    /// The cases registered by `asOf` that may be open then, or have an acceptance period to
    /// close, with their events up to `asOf`, all from one consistent snapshot.
    ///
    /// - Complexity: proportional to the cases under watch (plus, for a past night, those settled
    ///   since), not to the history.
    public func casesToEvaluate(asOf: Instant) throws(StoreError) -> [WatchedCase] {
        do {
            return try writer.read { db in
                let ids = try Row.fetchAll(db, sql: """
                    SELECT w.case_id, w.version FROM case_watch w JOIN service_case c ON c.id = w.case_id
                    WHERE c.created_at <= :asOf
                    UNION ALL
                    SELECT s.case_id, NULL FROM settled_case s JOIN service_case c ON c.id = s.case_id
                    WHERE s.settled_from > :asOf AND c.created_at <= :asOf
                    ORDER BY 1
                    """, arguments: ["asOf": asOf.secondsSince1970])
                let caseRow = try db.makeStatement(sql: "\(Self.caseSelect) WHERE c.id = ?")
                let events = try db.makeStatement(sql: "SELECT id, at, kind, level FROM case_event WHERE case_id = ?")
                var cases: [WatchedCase] = []
                cases.reserveCapacity(ids.count)
                for id in ids {
                    let caseID: String = id[0]
                    guard let row = try Row.fetchOne(caseRow, arguments: [caseID]) else { continue }
                    var snapshot = try Self.snapshot(row)
                    let all = try Row.fetchAll(events, arguments: [caseID]).compactMap(Self.event)
                    snapshot.events = all.filter { $0.at <= asOf }.sorted(by: CaseEvent.inTimeOrder)
                    cases.append(WatchedCase(snapshot: snapshot, version: id[1], latestEventAt: all.map(\.at).max()))
                }
                return cases
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("cannot read the cases to evaluate: \(error)", underlying: error)
        }
    }

    /// Takes closed cases off the watch, settled from their latest event, unless a writer changed
    /// them since they were read (their version moved): those stay under watch for the next night.
    ///
    /// - Returns: how many were settled.
    @discardableResult
    public func settle(_ cases: [(id: String, version: Int64, from: Instant)]) throws(StoreError) -> Int {
        guard !cases.isEmpty else { return 0 }
        do {
            return try writer.write { db in
                let unwatch = try db.makeStatement(sql: "DELETE FROM case_watch WHERE case_id = ? AND version = ?")
                let settle = try db.makeStatement(sql: "INSERT OR REPLACE INTO settled_case (case_id, settled_from) VALUES (?, ?)")
                var settled = 0
                for item in cases {
                    try unwatch.execute(arguments: [item.id, item.version])
                    guard db.changesCount > 0 else { continue }
                    try settle.execute(arguments: [item.id, item.from.secondsSince1970])
                    settled += 1
                }
                return settled
            }
        } catch {
            throw StoreError("cannot record the settled cases: \(error)", underlying: error)
        }
    }
}
