import GRDB

/// A row of `setting` (Schema v5): something the database remembers about how it was last worked
/// on, by name.
struct SettingRow: TableRecord {
    static let databaseTableName = "setting"

    enum Columns {
        static let name = Column("name")
        static let value = Column("value")
    }

    /// The `ClosureSettings` fingerprint the settled cases were settled under.
    static let closureSettings = "closure_settings"
}
