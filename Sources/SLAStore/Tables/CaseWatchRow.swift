import GRDB

/// A row of `case_watch`: a case a night must evaluate, and the version its triggers bump on
/// every change (Schema v3).
struct CaseWatchRow: TableRecord {
    static let databaseTableName = "case_watch"

    enum Columns {
        static let caseID = Column("case_id")
        static let version = Column("version")
    }
}
