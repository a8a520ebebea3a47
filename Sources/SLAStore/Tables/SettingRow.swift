import GRDB

/// A row of `setting` (Schema v5): something the database remembers about how it was last worked
/// on, by name.
struct SettingRow: Codable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "setting"

    var name: String
    var value: String

    enum CodingKeys: String, CodingKey {
        case name, value
    }

    enum Columns {
        static let name = Column(CodingKeys.name)
        static let value = Column(CodingKeys.value)
    }

    /// The `ClosureSettings` fingerprint the settled cases were settled under.
    static let closureSettings = "closure_settings"
    /// No settled case has a later `settled_from` (Unix seconds, as text): a night as of it or
    /// after reads no settled case.
    static let latestSettledFrom = "latest_settled_from"
    /// A random id of the installation (32 hex digits), made once, salted into the Message-IDs.
    static let installationID = "installation_id"

    /// The value stored under `name`; nil when there is none.
    static func value(of name: String, _ db: Database) throws -> String? {
        try filter(Columns.name == name).fetchOne(db)?.value
    }

    /// Stores `value` under `name`, replacing the value there was.
    static func store(_ value: String, as name: String, _ db: Database) throws {
        try SettingRow(name: name, value: value).insert(db, onConflict: .replace)
    }

    /// 128 random bits as hex.
    static func newInstallationID() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in
            let digits = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
    }
}
