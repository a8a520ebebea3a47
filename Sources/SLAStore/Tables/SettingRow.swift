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
    /// No settled case has a later `settled_from` (Unix seconds, as text): a night as of it or
    /// after reads no settled case.
    static let latestSettledFrom = "latest_settled_from"
}
