public import SLACore

/// What one interchange file's import did: rows read = accepted + rejected + skipped (SPEC §7).
public struct ImportReport: Sendable, Equatable {
    public var file: String
    /// The file's header, as read: the rejects file repeats it after its own columns.
    public var header: [String]
    public var read: Int
    public var accepted: Int
    /// The rows not imported, in line order.
    public var rejected: [Rejection]
    /// Rows of a tool's history export that no rule of its profile makes an event of.
    public var skipped = 0

    /// A row that was not imported, and why.
    public struct Rejection: Sendable, Equatable {
        /// The file, line, column (by its header name) and reason.
        public var finding: Finding
        /// The row as it was read.
        public var fields: [String]

        public var line: Int { finding.line }
        public var column: String { finding.field ?? "" }
        public var reason: String { finding.explanation }
    }
}
