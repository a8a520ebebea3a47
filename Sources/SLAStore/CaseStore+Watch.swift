import Foundation
import GRDB
import SLACore

/// The closure settings the settled history was last checked under: when they change, every
/// settled case goes back under watch (see the v3 migration in Schema.swift).
extension CaseStore {
    /// Whether the settled cases were settled under other closure settings than `fingerprint`
    /// (`ClosureSettings`), or under none recorded.
    package func settledUnderOtherClosureSettings(than fingerprint: String) throws(StoreError) -> Bool {
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
    package func rewatchSettledCases(unlessSettledUnder fingerprint: String) throws(StoreError) -> Int {
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
