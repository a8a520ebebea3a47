import GRDB

/// A row of `case_event`: one lifecycle event of a case, from the ticketing tool (`origin`
/// `import`) or an automatic closure written by this program (`origin` `sla`).
struct EventRow: TableRecord {
    static let databaseTableName = "case_event"

    enum Columns {
        static let id = Column("id")
        static let caseID = Column("case_id")
        static let at = Column("at")
        static let kind = Column("kind")
        static let level = Column("level")
        /// The promised instant of a `committed` event's solution (v9).
        static let due = Column("due")
        static let note = Column("note")
        static let origin = Column("origin")
        /// The run that wrote an automatic closure.
        static let runID = Column("run_id")
        /// The `solved` event whose acceptance period an automatic closure closes.
        static let solvedEventID = Column("solved_event_id")
    }

    /// `origin` of the events this program writes.
    static let writtenBySLA = "sla"
}
