import GRDB

/// A row of `kam`: an account manager, by the id the ticketing tool gives them.
struct KAMRow: TableRecord {
    static let databaseTableName = "kam"

    /// The table's column names for the SQL built from them (the case read, the month's KAMs, the
    /// import); the KAM address queries of `CaseStore+Outbox` still write `name` and `email` out,
    /// as the migrations do (which never change).
    enum Columns {
        static let id = Column("id")
        static let name = Column("name")
        static let email = Column("email")
    }
}
