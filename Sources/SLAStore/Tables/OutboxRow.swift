import GRDB

/// A row of `outbox` (Schema v7, v9): a message a run prepared, and its deliveries.
struct OutboxRow: Codable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "outbox"

    /// The message's key: `daily 2026-11-24`, `monthly 2026-10 kam-ana`.
    var message: String
    var kind: String
    var period: String
    var kamID: String?
    var subject: String
    var body: String
    /// The attached files' paths, one a line.
    var attachments: String
    /// Instants are Unix seconds; nil when the stored value is not an integer.
    var preparedAt: Int64?
    var preparedByRun: Int64?
    var deliveredAt: Int64?
    var deliveredByRun: Int64?
    /// The recipients of the last delivery, comma-separated.
    var deliveredTo: String?
    var deliveries: Int64
    var lastFailure: String?
    /// The figures the message is rebuilt from (JSON); nil for a message prepared before v9.
    var figures: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case message, kind, period
        case kamID = "kam_id"
        case subject, body, attachments
        case preparedAt = "prepared_at"
        case preparedByRun = "prepared_by_run"
        case deliveredAt = "delivered_at"
        case deliveredByRun = "delivered_by_run"
        case deliveredTo = "delivered_to"
        case deliveries
        case lastFailure = "last_failure"
        case figures
    }

    enum Columns {
        static let message = Column(CodingKeys.message)
        static let kind = Column(CodingKeys.kind)
        static let period = Column(CodingKeys.period)
        static let kamID = Column(CodingKeys.kamID)
        static let subject = Column(CodingKeys.subject)
        static let body = Column(CodingKeys.body)
        static let attachments = Column(CodingKeys.attachments)
        static let preparedAt = Column(CodingKeys.preparedAt)
        static let preparedByRun = Column(CodingKeys.preparedByRun)
        static let deliveredAt = Column(CodingKeys.deliveredAt)
        static let deliveredByRun = Column(CodingKeys.deliveredByRun)
        static let deliveredTo = Column(CodingKeys.deliveredTo)
        static let deliveries = Column(CodingKeys.deliveries)
        static let lastFailure = Column(CodingKeys.lastFailure)
        static let figures = Column(CodingKeys.figures)
    }

    /// Read leniently: another program can write into the outbox, and a value of another type is
    /// read as its text rather than failing every message's delivery.
    init(row: Row) {
        func text(_ column: Column) -> String { CaseReading.text(row[column]) }
        func optionalText(_ column: Column) -> String? {
            (row[column] as DatabaseValue).isNull ? nil : CaseReading.text(row[column])
        }
        message = text(Columns.message)
        kind = text(Columns.kind)
        period = text(Columns.period)
        kamID = optionalText(Columns.kamID)
        subject = text(Columns.subject)
        body = text(Columns.body)
        attachments = text(Columns.attachments)
        preparedAt = Int64.fromDatabaseValue(row[Columns.preparedAt])
        preparedByRun = Int64.fromDatabaseValue(row[Columns.preparedByRun])
        deliveredAt = row[Columns.deliveredAt]
        deliveredByRun = Int64.fromDatabaseValue(row[Columns.deliveredByRun])
        deliveredTo = optionalText(Columns.deliveredTo)
        deliveries = row[Columns.deliveries] ?? 0
        lastFailure = optionalText(Columns.lastFailure)
        figures = optionalText(Columns.figures)
    }

    /// A message prepared now, not delivered.
    init(
        message: String, kind: String, period: String, kamID: String?, subject: String, body: String,
        attachments: String, preparedAt: Int64, preparedByRun: Int64?, figures: String?
    ) {
        self.message = message
        self.kind = kind
        self.period = period
        self.kamID = kamID
        self.subject = subject
        self.body = body
        self.attachments = attachments
        self.preparedAt = preparedAt
        self.preparedByRun = preparedByRun
        deliveries = 0
        self.figures = figures
    }

    /// Inserts a prepared message (named arguments: the record's `databaseDictionary`); a message
    /// prepared again takes the new subject, body, files and figures and keeps its deliveries.
    /// Hand-written: the outbox has no rowid, which GRDB's upsert returns.
    static let prepareSQL: String = {
        let columns = CodingKeys.allCases.map(\.rawValue)
        let updated = [
            Columns.subject, Columns.body, Columns.attachments, Columns.preparedAt, Columns.preparedByRun,
            Columns.figures
        ].map(\.name)
        return """
            INSERT INTO \(table) (\(columns.joined(separator: ", ")))
            VALUES (\(columns.map { ":" + $0 }.joined(separator: ", ")))
            ON CONFLICT(\(Columns.message.name)) DO UPDATE SET \(updated.map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
            """
    }()
}
