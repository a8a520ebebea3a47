import Foundation
import GRDB
import SLACore

/// The closure settings the settled history was last checked under: when they change, every
/// settled case goes back under watch (see the v3 migration in Schema.swift).
extension CaseStore {
    /// Whether the settled cases were settled under other closure settings than `fingerprint`
    /// (`ClosureSettings`), or under none recorded.
    package func settledUnderOtherClosureSettings(than fingerprint: String) throws(StoreError) -> Bool {
        try read("the closure settings") { db in
            try SettingRow.value(of: SettingRow.closureSettings, db) != fingerprint
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
        try write("the closure settings") { db in
            guard try SettingRow.value(of: SettingRow.closureSettings, db) != fingerprint else { return 0 }
            try db.execute(
                sql: CaseWatchRow.watchSQL(
                    """
                    SELECT \(SettledCaseRow.Columns.caseID.name) FROM \(SettledCaseRow.table) WHERE true
                    """))
            let count = db.changesCount
            try SettledCaseRow.deleteAll(db)
            try SettingRow.store(fingerprint, as: SettingRow.closureSettings, db)
            return count
        }
    }
}
