import Foundation
import GRDB
public import SLACore

/// The cases a night evaluates: those under watch and, for a rerun of a past night, those settled
/// after it (see the v3 migration in Schema.swift).
extension CaseStore {
    /// A case a night must evaluate, with what it needs to decide whether the case is settled.
    public struct WatchedCase: Sendable {
        public var read: CaseRead
        /// The watch version read with the case; nil for a settled case read for a past night.
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
    /// - Parameter everySettled: also every settled case (a dry run under closure settings that
    ///   changed since the cases were settled).
    public func casesToEvaluate(asOf: Instant, everySettled: Bool = false) throws(StoreError) -> [WatchedCase] {
        let caseID = CaseRow.Columns.id.of("c")
        let watched = CaseWatchRow.Columns.self, settled = SettledCaseRow.Columns.self
        return try read("the cases to evaluate") { db in
            // The ids first (small rows), then each case by its rowid: the first night after
            // importing ten years sorts a million ids, not a million cases, and a case is found
            // whatever its id holds. The watch tables drive (CROSS JOIN fixes SQLite's join
            // order: left to itself it scanned every case), and the ids are sorted here, by their
            // bytes (SQLite's order of text): sorted by SQLite, the settled cases of ten years
            // were scanned every night to keep that order.
            var ids = try Row.fetchAll(db, sql: """
                SELECT CAST(\(watched.caseID.of("w")) AS BLOB), c.rowid, \(watched.version.of("w")) FROM \(CaseWatchRow.table) w
                CROSS JOIN \(CaseRow.table) c ON \(caseID) = \(watched.caseID.of("w"))
                WHERE \(CaseReading.registeredByAsOf)
                UNION ALL
                SELECT CAST(\(settled.caseID.of("s")) AS BLOB), c.rowid, NULL FROM \(SettledCaseRow.table) s
                CROSS JOIN \(CaseRow.table) c ON \(caseID) = \(settled.caseID.of("s"))
                WHERE (\(settled.settledFrom.of("s")) > :asOf OR :everySettled) AND \(CaseReading.registeredByAsOf)
                """, arguments: ["asOf": asOf.secondsSince1970, "everySettled": everySettled]).map { row in
                (id: Data.fromDatabaseValue(row[0]) ?? Data(), rowid: row[1] as DatabaseValue, version: Int64.fromDatabaseValue(row[2]))
            }
            ids.sort { $0.id.lexicographicallyPrecedes($1.id) }
            return try Self.watchedCases(ids.map { ($0.rowid, $0.version) }, asOf: asOf, db)
        }
    }

    /// `caseIDs` as they are now (after a night wrote their closures), with their watch versions;
    /// ids the database does not hold are left out.
    public func watchedCases(_ caseIDs: [String], asOf: Instant) throws(StoreError) -> [WatchedCase] {
        guard !caseIDs.isEmpty else { return [] }
        let watched = CaseWatchRow.Columns.self
        return try read("the cases to evaluate") { db in
            let lookup = try db.makeStatement(sql: """
                SELECT c.rowid, \(watched.version.of("w")) FROM \(CaseRow.table) c
                LEFT JOIN \(CaseWatchRow.table) w ON \(watched.caseID.of("w")) = \(CaseRow.Columns.id.of("c"))
                WHERE \(CaseRow.Columns.id.of("c")) = ?
                """)
            var keys: [(rowid: DatabaseValue, version: Int64?)] = []
            for id in caseIDs {
                guard let row = try Row.fetchOne(lookup, arguments: [id]) else { continue }
                keys.append((row[0] as DatabaseValue, row[1] as Int64?))
            }
            return try Self.watchedCases(keys, asOf: asOf, db)
        }
    }

    /// Each case by its rowid, with its events up to `asOf`.
    private static func watchedCases(_ keys: [(rowid: DatabaseValue, version: Int64?)], asOf: Instant, _ db: Database)
        throws -> [WatchedCase]
    {
        let caseRow = try db.makeStatement(sql: """
            SELECT \(CaseReading.caseColumns) FROM \(CaseReading.caseTables) WHERE c.rowid = ?
            """)
        let events = try db.makeStatement(sql: CaseReading.eventsOfCase)
        var cases: [WatchedCase] = []
        cases.reserveCapacity(keys.count)
        for key in keys {
            let version = key.version
            let row = try StoredRows(caseRow, arguments: [key.rowid])
            guard try row.next() else { continue }
            let read = CaseReading.decodeCase(row)
            while try row.next() {}
            guard case let .readable(snapshot) = read else {
                cases.append(WatchedCase(read: read, version: version, latestEventAt: nil))
                continue
            }
            let history = try CaseReading.events(of: snapshot.serviceCase.id, asOf: asOf, events)
            cases.append(WatchedCase(read: CaseReading.attach(history, to: read), version: version,
                                     latestEventAt: history.latest))
        }
        return cases
    }

    /// Takes closed cases off the watch, settled from their latest event, unless a writer changed
    /// them since they were read (their version moved): those stay under watch for the next night.
    ///
    /// - Returns: how many were settled.
    @discardableResult
    public func settle(_ cases: [(id: String, version: Int64, from: Instant)]) throws(StoreError) -> Int {
        guard !cases.isEmpty else { return 0 }
        let watched = CaseWatchRow.Columns.self, settled = SettledCaseRow.Columns.self
        return try write("the settled cases") { db in
            let unwatch = try db.makeStatement(sql: """
                DELETE FROM \(CaseWatchRow.table) WHERE \(watched.caseID.name) = ? AND \(watched.version.name) = ?
                """)
            let settle = try db.makeStatement(sql: """
                INSERT OR REPLACE INTO \(SettledCaseRow.table) (\(settled.caseID.name), \(settled.settledFrom.name)) VALUES (?, ?)
                """)
            var count = 0
            for item in cases {
                try unwatch.execute(arguments: [item.id, item.version])
                guard db.changesCount > 0 else { continue }
                try settle.execute(arguments: [item.id, item.from.secondsSince1970])
                count += 1
            }
            return count
        }
    }

    /// Whether the settled cases were settled under other closure settings than `fingerprint`
    /// (`ClosureSettings`), or under none recorded.
    public func settledUnderOtherClosureSettings(than fingerprint: String) throws(StoreError) -> Bool {
        let setting = SettingRow.Columns.self
        return try read("the closure settings") { db in
            let stored = try String.fetchOne(db, sql: """
                SELECT \(setting.value.name) FROM \(SettingRow.table) WHERE \(setting.name.name) = ?
                """, arguments: [SettingRow.closureSettings])
            return stored != fingerprint
        }
    }

    /// Puts every settled case back under watch when they were settled under other closure
    /// settings than `fingerprint`, and records it: after a calendar or policy edit that can move
    /// closure deadlines, the next night reads the whole history once (SPEC §10: as if the edit
    /// had always been so).
    ///
    /// - Returns: how many cases were put back under watch.
    @discardableResult
    public func rewatchSettledCases(unlessSettledUnder fingerprint: String) throws(StoreError) -> Int {
        let setting = SettingRow.Columns.self, watched = CaseWatchRow.Columns.self, settled = SettledCaseRow.Columns.self
        return try write("the closure settings") { db in
            let stored = try String.fetchOne(db, sql: """
                SELECT \(setting.value.name) FROM \(SettingRow.table) WHERE \(setting.name.name) = ?
                """, arguments: [SettingRow.closureSettings])
            guard stored != fingerprint else { return 0 }
            try db.execute(sql: """
                INSERT INTO \(CaseWatchRow.table) (\(watched.caseID.name)) SELECT \(settled.caseID.name) FROM \(SettledCaseRow.table)
                    WHERE true ON CONFLICT(\(watched.caseID.name)) DO UPDATE SET \(watched.version.name) = \(watched.version.name) + 1
                """)
            let count = db.changesCount
            try db.execute(sql: "DELETE FROM \(SettledCaseRow.table)")
            try db.execute(sql: """
                INSERT OR REPLACE INTO \(SettingRow.table) (\(setting.name.name), \(setting.value.name)) VALUES (?, ?)
                """, arguments: [SettingRow.closureSettings, fingerprint])
            return count
        }
    }
}
