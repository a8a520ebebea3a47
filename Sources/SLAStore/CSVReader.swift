/// Reads RFC 4180 CSV from UTF-8 bytes: quoted fields with commas, quotes and line breaks inside,
/// `\n` or `\r\n` line ends, a UTF-8 byte-order mark at the start tolerated, blank lines skipped.
///
/// Each record remembers the line it starts on, so a rejected row can be found in the file.
public struct CSVReader: Sequence, IteratorProtocol {
    /// One row of the file.
    public struct Record: Sendable, Equatable {
        /// The line the record starts on, counting from 1 (the header is line 1).
        public var line: Int
        public var fields: [String]
        /// Why the record is malformed (an unclosed quote, text after a closing quote), or nil.
        public var problem: String?
    }

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    public mutating func next() -> Record? {
        // Skip blank lines between records.
        while index < bytes.count, bytes[index] == UInt8(ascii: "\n") || bytes[index] == UInt8(ascii: "\r") {
            if bytes[index] == UInt8(ascii: "\n") { line += 1 }
            index += 1
        }
        guard index < bytes.count else { return nil }
        let startLine = line
        var fields: [String] = []
        var field: [UInt8] = []
        var problem: String?
        var quoted = false
        var afterClosingQuote = false
        var fieldStart = true
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        quoted = false
                        afterClosingQuote = true
                    }
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: ","):
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                afterClosingQuote = false
                fieldStart = true
                continue
            case UInt8(ascii: "\n"):
                line += 1
                if field.last == UInt8(ascii: "\r"), !afterClosingQuote { field.removeLast() }
                fields.append(String(decoding: field, as: UTF8.self))
                return Record(line: startLine, fields: fields, problem: problem)
            case UInt8(ascii: "\r") where afterClosingQuote:
                continue
            case UInt8(ascii: "\"") where fieldStart:
                quoted = true
            default:
                if afterClosingQuote, problem == nil {
                    problem = "text after the closing quote of field \(fields.count + 1)"
                }
                field.append(byte)
            }
            fieldStart = false
        }
        if quoted { problem = problem ?? "a quoted field is not closed before the end of the file" }
        if field.last == UInt8(ascii: "\r"), !afterClosingQuote { field.removeLast() }
        fields.append(String(decoding: field, as: UTF8.self))
        return Record(line: startLine, fields: fields, problem: problem)
    }
}
