import GRDB

extension ColumnExpression where Self == Column {
    /// The column of the table known by `alias` in a query: `c.created_at`.
    func of(_ alias: String) -> String { "\(alias).\(name)" }
}

extension TableRecord {
    /// The table's name, for SQL written by hand.
    static var table: String { databaseTableName }
}

extension TableRecord {
    /// The table's largest rowid, 0 when it is empty: the rows inserted after this is read are
    /// those with a larger one.
    static func largestRowID(_ db: Database) throws -> Int64 {
        try select(max(Column.rowID), as: Int64.self).fetchOne(db) ?? 0
    }
}
