import GRDB

extension ColumnExpression where Self == Column {
    /// The column of the table known by `alias` in a query: `c.created_at`.
    func of(_ alias: String) -> String { "\(alias).\(name)" }
}

extension TableRecord {
    /// The table's name, for SQL written by hand.
    static var table: String { databaseTableName }
}
