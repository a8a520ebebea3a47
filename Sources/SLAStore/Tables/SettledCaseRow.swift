import GRDB

/// A row of `settled_case`: a case found closed with nothing after its closure, from
/// `settled_from` (its latest event) on.
struct SettledCaseRow: TableRecord {
    static let databaseTableName = "settled_case"

    enum Columns {
        static let caseID = Column("case_id")
        static let settledFrom = Column("settled_from")
    }
}
