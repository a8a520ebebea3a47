import GRDB

/// A row of `client`: a customer of the desk, its contract and its KAM.
struct ClientRow: TableRecord {
    static let databaseTableName = "client"

    enum Columns {
        static let id = Column("id")
        static let name = Column("name")
        static let contract = Column("contract")
        static let kamID = Column("kam_id")
        /// The KAM's name and e-mail as this client's row of clients.csv gave them.
        static let kamName = Column("kam_name")
        static let kamEmail = Column("kam_email")
    }
}
