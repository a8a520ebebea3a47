import GRDB

/// A row of `case_watch`: a case a night must evaluate, and the version its triggers bump on
/// every change (Schema v3).
struct CaseWatchRow: Codable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "case_watch"

    var caseID: String
    var version: Int64

    enum CodingKeys: String, CodingKey {
        case caseID = "case_id"
        case version
    }

    enum Columns {
        static let caseID = Column(CodingKeys.caseID)
        static let version = Column(CodingKeys.version)
    }

    /// Puts the cases `source` gives (`VALUES (?)`, or a `SELECT` of case ids that ends with a
    /// `WHERE`, which SQLite needs before `ON CONFLICT`) under watch, bumping the version of those
    /// already there: what the schema's triggers do on every change of a case, for the writes that
    /// do it themselves.
    static func watchSQL(_ source: String) -> String {
        """
        INSERT INTO \(table) (\(Columns.caseID.name)) \(source)
        ON CONFLICT(\(Columns.caseID.name)) DO UPDATE SET \(Columns.version.name) = \(Columns.version.name) + 1
        """
    }
}
