/// How sla trims the text it reads, in one place: the files' own fields by spaces and tabs only
/// (a no-break space or a line break inside a field is data, which the checks then see), the
/// words it compares — vocabularies, profile keys — by any whitespace, as a person typing them
/// would expect.
extension StringProtocol {
    /// Without leading and trailing whitespace (Unicode's, line breaks included): a vocabulary
    /// word or a profile's key, compared as a person means it.
    package func trimmingBlanks() -> SubSequence { trimming(leading: true, where: \.isWhitespace) }

    /// Without leading and trailing spaces and tabs: an interchange file's column name.
    package func trimmingBlanksAndTabs() -> SubSequence { trimming(leading: true, where: Self.isSpaceOrTab) }

    /// Without trailing spaces and tabs: a calendar file's field, which starts where its text does.
    package func trimmingTrailingBlanks() -> SubSequence { trimming(leading: false, where: Self.isSpaceOrTab) }

    private static func isSpaceOrTab(_ character: Character) -> Bool { character == " " || character == "\t" }

    private func trimming(leading: Bool, where isBlank: (Character) -> Bool) -> SubSequence {
        var start = startIndex
        var end = endIndex
        while leading, start < end, isBlank(self[start]) { start = index(after: start) }
        while end > start, isBlank(self[index(before: end)]) { end = index(before: end) }
        return self[start..<end]
    }
}
