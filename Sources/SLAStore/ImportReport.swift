/// What one interchange file's import did: rows read = accepted + rejected (SPEC §7).
public struct ImportReport: Sendable, Equatable {
    public var file: String
    public var read: Int
    public var accepted: Int
    public var rejected: [Rejection]
    /// Where the rejected rows were written, when there were any.
    public var rejectsFile: String?

    /// A row that was not imported, and why.
    public struct Rejection: Sendable, Equatable {
        public var line: Int
        /// The column at fault, by its header name.
        public var column: String
        public var reason: String
        /// The row as it was read.
        public var fields: [String]
    }
}
