import GRDB

/// A row of `run`, the journal: one command's run and how it ended.
struct RunRow: TableRecord {
    static let databaseTableName = "run"

    enum Columns {
        static let id = Column("id")
        static let command = Column("command")
        static let startedAt = Column("started_at")
        static let asOf = Column("as_of")
        static let finishedAt = Column("finished_at")
        static let outcome = Column("outcome")
        static let summary = Column("summary")
        static let pid = Column("pid")
    }
}
