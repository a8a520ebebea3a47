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
    /// A random id of the installation (32 hex digits), made once, salted into the Message-IDs.
    static let installationID = "installation_id"

    /// 128 random bits as hex.
    static func newInstallationID() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in
            let digits = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
    }
}
