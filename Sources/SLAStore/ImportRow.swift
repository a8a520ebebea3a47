import SLACore

/// A column of an interchange file, found in the header (or absent: it reads as empty).
struct ImportColumn {
    let name: String
    let position: Int?

    init(_ name: String, in header: [String]) {
        self.name = name
        position = header.firstIndex(of: name)
    }
}

/// One row being checked, its fields read as bytes where the CSV reader left them: the import
/// checks millions of rows, and a string per field would cost more than SQLite itself.
struct ImportRow {
    let record: CSVReader.RawRecord

    /// The value of `column` with blanks and tabs around it removed; empty when the column is absent.
    func bytes(_ column: ImportColumn) -> UnsafeBufferPointer<UInt8> {
        guard let position = column.position, position < record.fields.count else {
            return UnsafeBufferPointer(start: nil, count: 0)
        }
        let field = record.fields[position]
        guard var start = field.baseAddress else { return field }
        var end = start + field.count
        while start < end, start.pointee == UInt8(ascii: " ") || start.pointee == UInt8(ascii: "\t") { start += 1 }
        while end > start, (end - 1).pointee == UInt8(ascii: " ") || (end - 1).pointee == UInt8(ascii: "\t") { end -= 1 }
        return UnsafeBufferPointer(start: start, count: end - start)
    }

    func string(_ column: ImportColumn) -> String { String(decoding: bytes(column), as: UTF8.self) }

    /// Whether `bytes` are UTF-8 (ASCII, nearly every field, by one scan).
    static func isUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // By hand, as the Unicode standard's table of well-formed sequences says: an export's
        // accented words would otherwise cost a String each.
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF  // the second byte's range
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                high = 0x9F
            case 0xF0:
                length = 4
                low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                high = 0x8F
            default: return false
            }
            guard count - index >= length, (low...high).contains(bytes[index + 1]) else { return false }
            for next in (index + 2)..<(index + length) where bytes[next] & 0xC0 != 0x80 { return false }
            index += length
        }
        return true
    }

    func required(_ column: ImportColumn) throws(Finding) -> UnsafeBufferPointer<UInt8> {
        let value = bytes(column)
        guard !value.isEmpty else { throw Finding(field: column.name, reason: "\(column.name) is required") }
        return value
    }

    /// An id: not empty, valid UTF-8, no control character (a NUL, a line break) — anything else
    /// would not survive the way through the database to the night's files.
    func identifier(_ column: ImportColumn) throws(Finding) -> UnsafeBufferPointer<UInt8> {
        try oneLine(try required(column), column, what: "an id must be printable text")
    }

    /// A name (cases.csv's `assignee` and `group`): nil when empty; valid UTF-8 without control
    /// characters — a person's or a team's name is one line, unlike a summary, which may hold line breaks.
    func optionalName(_ column: ImportColumn) throws(Finding) -> UnsafeBufferPointer<UInt8>? {
        let value = bytes(column)
        return value.isEmpty ? nil : try oneLine(value, column, what: "a name must be one line of printable text")
    }

    /// `value` when it is valid UTF-8 without a control character; else the row's problem.
    private func oneLine(_ value: UnsafeBufferPointer<UInt8>, _ column: ImportColumn, what rule: String)
        throws(Finding) -> UnsafeBufferPointer<UInt8>
    {
        // Printable ASCII, nearly every value, needs no more checking.
        if value.allSatisfy({ (0x20...0x7E).contains($0) }) { return value }
        guard let text = String(validating: value, as: UTF8.self) else {
            throw Finding(
                field: column.name,
                reason: """
                    \(column.name) '\(Finding.printable(String(decoding: value, as: UTF8.self), limit: 60))' is not valid \
                    UTF-8: save the file as UTF-8
                    """)
        }
        if text.unicodeScalars.contains(where: { $0.isControlCharacter }) {
            throw Finding(
                field: column.name,
                reason: """
                    \(column.name) '\(Finding.printable(text, limit: 60))' holds a control character (such as a NUL, a tab \
                    or a line break): \(rule)
                    """)
        }
        return value
    }

    /// An instant inside the calendar (SPEC §2).
    func instant(_ column: ImportColumn) throws(Finding) -> Instant {
        let value = try required(column)
        let instant: Instant
        do {
            instant = try Timestamp.parse(bytes: value)
        } catch {
            throw Finding(
                field: column.name,
                reason: """
                    \(column.name) '\(Finding.printable(String(decoding: value, as: UTF8.self), limit: 60))': \(error.reason); \
                    expected ISO 8601 such as 2026-11-13T17:00:00-05:00
                    """)
        }
        guard CalendarCoverage.contains(instant) else {
            throw Finding(field: column.name, reason: "\(column.name) \(CalendarCoverage.outsideReason(instant.description))")
        }
        return instant
    }

    /// A required value of one of the domain's vocabularies.
    func enumeration<T: CaseVocabulary>(_ column: ImportColumn, _ vocabulary: T.Type) throws(Finding) -> T {
        guard let value = try optionalEnumeration(column, vocabulary) else {
            throw Finding(field: column.name, reason: "\(column.name) is required (one of \(T.acceptedSpellings))")
        }
        return value
    }

    /// A value of one of the domain's vocabularies, or nil when empty: its canonical spelling
    /// matched as bytes, any other spelling the vocabulary accepts.
    func optionalEnumeration<T: CaseVocabulary>(_ column: ImportColumn, _: T.Type) throws(Finding) -> T? {
        let value = bytes(column)
        if value.isEmpty { return nil }
        if let known = T.canonical(value) { return known }
        let text = String(decoding: value, as: UTF8.self)
        guard let parsed = T(accepting: text) else {
            throw Finding(
                field: column.name,
                reason: """
                    \(column.name) '\(Finding.printable(text, limit: 60))' is not one of \(T.acceptedSpellings)
                    """)
        }
        return parsed
    }
}
