package import SLACore

/// What one interchange file's import did: rows read = accepted + rejected + skipped (SPEC §7).
package struct ImportReport: Sendable, Equatable {
    package var file: String
    /// The file's header, as read: the rejects file repeats it after its own columns.
    package var header: [String]
    package var read: Int
    package var accepted: Int
    /// The rows not imported, in line order.
    package var rejected: [Rejection]
    /// Rows of a tool's history export that no rule of its profile makes an event of.
    package var skipped = 0

    /// A row that was not imported, and why.
    package struct Rejection: Sendable, Equatable {
        /// The file, line, column (by its header name) and reason.
        package var finding: Finding
        /// The row as it was read.
        package var fields: [String]

        package var line: Int { finding.line }
        package var column: String { finding.field ?? "" }
        package var reason: String { finding.explanation }
    }
}
