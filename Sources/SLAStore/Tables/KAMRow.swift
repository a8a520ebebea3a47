import GRDB

/// A row of `kam`: an account manager, by the id the ticketing tool gives them.
struct KAMRow: TableRecord {
    static let databaseTableName = "kam"

    /// The only place the table's column names are written (the migrations aside, which never change).
    enum Columns {
        static let id = Column("id")
        static let name = Column("name")
        static let email = Column("email")
    }
}
