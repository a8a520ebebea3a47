import GRDB

/// A row of `run`, the journal: one command's run and how it ended.
struct RunRow: Codable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "run"

    /// nil until the row is inserted.
    var id: Int64?
    var command: String
    /// Instants are Unix seconds; nil when the stored value is not an integer.
    var startedAt: Int64?
    var asOf: Int64?
    var finishedAt: Int64?
    /// `running` until the run ends, then its `CaseStore.RunOutcome`, or `interrupted`.
    var outcome: String
    var summary: String
    var pid: Int64?

    enum CodingKeys: String, CodingKey {
        case id, command
        case startedAt = "started_at"
        case asOf = "as_of"
        case finishedAt = "finished_at"
        case outcome, summary, pid
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let command = Column(CodingKeys.command)
        static let startedAt = Column(CodingKeys.startedAt)
        static let asOf = Column(CodingKeys.asOf)
        static let finishedAt = Column(CodingKeys.finishedAt)
        static let outcome = Column(CodingKeys.outcome)
        static let summary = Column(CodingKeys.summary)
        static let pid = Column(CodingKeys.pid)
    }

    /// `outcome` of a run that has not ended.
    static let running = "running"
    /// `outcome` of a run a later run found still `running`: killed or crashed.
    static let interrupted = "interrupted"

    /// Read as leniently as the journal has always been read: a value of another type is nil (a
    /// number) or its text (text), never a failed read of the whole journal.
    init(row: Row) {
        id = Int64.fromDatabaseValue(row[Columns.id])
        command = CaseReading.text(row[Columns.command])
        startedAt = Int64.fromDatabaseValue(row[Columns.startedAt])
        asOf = Int64.fromDatabaseValue(row[Columns.asOf])
        finishedAt = Int64.fromDatabaseValue(row[Columns.finishedAt])
        outcome = CaseReading.text(row[Columns.outcome])
        summary = CaseReading.text(row[Columns.summary])
        pid = Int64.fromDatabaseValue(row[Columns.pid])
    }

    /// A run starting now, not inserted yet.
    init(command: String, startedAt: Int64, asOf: Int64?, pid: Int64) {
        self.command = command
        self.startedAt = startedAt
        self.asOf = asOf
        outcome = Self.running
        summary = ""
        self.pid = pid
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
