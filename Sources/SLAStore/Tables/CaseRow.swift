import GRDB

/// A row of `service_case`: a case as the ticketing tool registered it.
struct CaseRow: TableRecord {
    static let databaseTableName = "service_case"

    enum Columns {
        static let id = Column("id")
        static let clientID = Column("client_id")
        static let product = Column("product")
        static let type = Column("type")
        static let priority = Column("priority")
        static let impact = Column("impact")
        static let urgency = Column("urgency")
        static let createdAt = Column("created_at")
        static let summary = Column("summary")
        /// Schema v6; NULL when not given. The file's `group` column (`group` is an SQL keyword).
        static let assignee = Column("assignee")
        static let supportGroup = Column("support_group")
    }
}
