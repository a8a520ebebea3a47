import GRDB

/// A row of `settled_case`: a case found closed with nothing after its closure, from
/// `settled_from` (its latest event) on.
struct SettledCaseRow: Codable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "settled_case"

    var caseID: String
    var settledFrom: Int64

    enum CodingKeys: String, CodingKey {
        case caseID = "case_id"
        case settledFrom = "settled_from"
    }

    enum Columns {
        static let caseID = Column(CodingKeys.caseID)
        static let settledFrom = Column(CodingKeys.settledFrom)
    }
}
