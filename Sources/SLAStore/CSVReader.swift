public import Foundation

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

    /// The bytes read and not yet consumed: the whole input, or a window of a file.
    private var bytes: [UInt8]
    private var index = 0
    private var line = 1
    /// The file still being read, a chunk at a time, so a large file never sits in memory whole.
    private let file: FileHandle?
    private let chunk: Int
    /// Bytes dropped from the front of the window so far.
    private var discarded = 0

    /// How far into the input the reader is, in bytes.
    public var offset: Int { discarded + index }

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        file = nil
        chunk = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    /// Reads `file` a chunk (a megabyte by default) at a time.
    public init(file: FileHandle, chunk: Int = 1 << 20) {
        bytes = []
        self.file = file
        self.chunk = chunk
        while bytes.count < 3, has(bytes.count) {}
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    /// Makes sure the byte at `index + ahead` is in the window, if the input has it.
    @inline(__always)
    private mutating func has(_ ahead: Int = 0) -> Bool {
        if index + ahead < bytes.count { return true }
        guard file != nil else { return false }
        refill()
        return index + ahead < bytes.count
    }

    private mutating func refill() {
        guard let file else { return }
        bytes.removeSubrange(0..<index)
        discarded += index
        index = 0
        let more = (try? file.read(upToCount: chunk)) ?? nil
        if let more, !more.isEmpty { bytes.append(contentsOf: more) }
    }

    public mutating func next() -> Record? {
        // Skip blank lines between records.
        while has(), bytes[index] == UInt8(ascii: "\n") || bytes[index] == UInt8(ascii: "\r") {
            if bytes[index] == UInt8(ascii: "\n") { line += 1 }
            index += 1
        }
        guard has() else { return nil }
        let startLine = line
        var fields: [String] = []
        var field: [UInt8] = []
        var problem: String?
        var quoted = false
        var afterClosingQuote = false
        var fieldStart = true
        while has() {
            let byte = bytes[index]
            index += 1
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if has(), bytes[index] == UInt8(ascii: "\"") {
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
