/// The one statement of what sla calls a control character (SPEC §13): C0 (below U+0020), DEL
/// and C1 (U+007F–U+009F). A value holding one — a line break, a tab, a NUL, an escape — would
/// forge a log line, break a message header or move a terminal's cursor, so the import rejects
/// it, the policy refuses it, the store reads it as a data problem and every message shows it
/// escaped; all of them ask this.
extension Unicode.Scalar {
    /// Whether this is a control character: C0, DEL or C1.
    ///
    /// - Complexity: O(1); inlined, because the import asks it of every character of every text.
    @inlinable
    package var isControlCharacter: Bool { value < 0x20 || (0x7F...0x9F).contains(value) }

    /// Whether this breaks a line where one line is expected (a mail header, a table cell): a
    /// control character, or Unicode's line and paragraph separators (U+2028, U+2029).
    @inlinable
    package var isLineBreaking: Bool { isControlCharacter || self == "\u{2028}" || self == "\u{2029}" }
}
