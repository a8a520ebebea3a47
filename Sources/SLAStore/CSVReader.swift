public import Foundation

/// Reads RFC 4180 CSV from UTF-8 bytes: quoted fields with commas, quotes and line breaks inside,
/// `\n`, `\r\n` or a lone `\r` (old Mac and some Windows exports) as line ends, a UTF-8 byte-order
/// mark at the start tolerated, blank lines skipped.
///
/// Each record remembers the line it starts on, so a rejected row can be found in the file. A file
/// is read a window (a megabyte by default) at a time, and a field's bytes are handed out where they
/// lie in the window: the import reads millions of rows without making a string of each field.
public struct CSVReader: Sequence, IteratorProtocol {
    /// One row of the file.
    public struct Record: Sendable, Equatable {
        /// The line the record starts on, counting from 1 (the header is line 1).
        public var line: Int
        public var fields: [String]
        /// Why the record is malformed (an unclosed quote, text after a closing quote), or nil.
        public var problem: String?
    }

    /// One row's fields as bytes (quotes removed, doubled quotes undone), valid until the reader
    /// reads the next record.
    public struct RawRecord {
        public internal(set) var line = 0
        public internal(set) var problem: String?
        /// The column a profile's reading found the problem in; nil for a problem of the CSV itself.
        var problemColumn: String?
        public internal(set) var fields: [UnsafeBufferPointer<UInt8>] = []

        public init() {}

        public var strings: [String] { fields.map { String(decoding: $0, as: UTF8.self) } }
    }

    /// The window over the input and the room where quoted fields are unescaped.
    private final class Storage {
        var window: UnsafeMutablePointer<UInt8>
        var capacity: Int
        var scratch: UnsafeMutablePointer<UInt8>
        var scratchCapacity: Int
        /// The unread bytes are `window[start..<end]`.
        var start = 0
        var end = 0

        init(capacity: Int) {
            self.capacity = Swift.max(capacity, 1)
            window = .allocate(capacity: self.capacity)
            scratchCapacity = self.capacity
            scratch = .allocate(capacity: scratchCapacity)
        }

        deinit {
            window.deallocate()
            scratch.deallocate()
        }
    }

    private let storage: Storage
    private let file: FileHandle?
    private let chunk: Int
    private var atEndOfInput: Bool
    private var line = 1
    /// Bytes dropped from the front of the window so far.
    private var discarded = 0
    private var current = RawRecord()
    /// The field separator: a comma for sla's own files, what a profile says for a tool's export.
    private let delimiter: UInt8

    /// How far into the input the reader is, in bytes.
    public var offset: Int { discarded + storage.start }

    public init(bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ",")) {
        self.delimiter = delimiter
        let storage = Storage(capacity: bytes.count)
        bytes.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { storage.window.update(from: base, count: source.count) }
        }
        storage.end = bytes.count
        self.storage = storage
        file = nil
        chunk = 0
        atEndOfInput = true
        skipByteOrderMark()
    }

    /// Reads `file` a chunk (a megabyte by default) at a time.
    public init(file: FileHandle, chunk: Int = 1 << 20, delimiter: UInt8 = UInt8(ascii: ",")) {
        self.delimiter = delimiter
        storage = Storage(capacity: chunk)
        self.file = file
        self.chunk = Swift.max(chunk, 1)
        atEndOfInput = false
        while storage.end < 3, fill() {}
        skipByteOrderMark()
    }

    private mutating func skipByteOrderMark() {
        let w = storage.window
        if storage.end >= 3, w[0] == 0xEF, w[1] == 0xBB, w[2] == 0xBF { storage.start = 3 }
    }

    /// Moves the unread bytes to the front of the window and reads more after them, growing the
    /// window when one record fills it. Returns false at the end of the input.
    private mutating func fill() -> Bool {
        guard !atEndOfInput, let file else { return false }
        let s = storage
        if s.start > 0 {
            let unread = s.end - s.start
            if unread > 0 { (s.window).update(from: s.window + s.start, count: unread) }
            discarded += s.start
            s.start = 0
            s.end = unread
        }
        if s.end == s.capacity {
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: s.capacity * 2)
            grown.update(from: s.window, count: s.end)
            s.window.deallocate()
            s.window = grown
            s.capacity *= 2
        }
        let count = read(file.fileDescriptor, s.window + s.end, Swift.min(chunk, s.capacity - s.end))
        guard count > 0 else {
            atEndOfInput = true
            return false
        }
        s.end += count
        return true
    }

    public mutating func next() -> Record? {
        var raw = current
        defer { current = raw }
        guard next(into: &raw) else { return nil }
        return Record(line: raw.line, fields: raw.strings, problem: raw.problem)
    }

    /// Reads the next record into `record` (reusing its storage); false at the end of the input.
    public mutating func next(into record: inout RawRecord) -> Bool {
        while true {
            // Skip blank lines between records.
            while true {
                if storage.start == storage.end, !fill() { return false }
                let byte = storage.window[storage.start]
                if byte == .newline {
                    line += 1
                } else if byte == .carriageReturn {
                    // CR LF is one line end (counted at its LF); a lone CR is one by itself. The
                    // byte after a CR at the window's end is read before deciding.
                    if storage.start + 1 == storage.end, !atEndOfInput {
                        if !fill() { atEndOfInput = true }
                        continue
                    }
                    if storage.start + 1 == storage.end || storage.window[storage.start + 1] != .newline { line += 1 }
                } else {
                    break
                }
                storage.start += 1
            }
            if parse(into: &record) { return true }
            // The record runs past the window: read more, and parse it again from its start.
            if !fill() { atEndOfInput = true }
        }
    }

    /// Parses the record at the start of the window; false when the window ends before it does
    /// and more input may follow.
    private mutating func parse(into record: inout RawRecord) -> Bool {
        let s = storage
        if s.scratchCapacity < s.end - s.start {
            s.scratch.deallocate()
            s.scratchCapacity = s.capacity
            s.scratch = .allocate(capacity: s.scratchCapacity)
        }
        let p = s.window
        let scratch = s.scratch
        let n = s.end
        let complete = atEndOfInput
        let comma = delimiter
        var i = s.start
        var used = 0
        var lines = line
        var problem: String?
        record.fields.removeAll(keepingCapacity: true)
        while true {
            if i < n, p[i] == .quote {
                // A quoted field, unescaped into the scratch room.
                i += 1
                let fieldStart = used
                let openedOn = lines
                var closed = false
                while true {
                    if i == n {
                        guard complete else { return false }
                        break
                    }
                    let byte = p[i]
                    if byte == .quote {
                        if i + 1 == n, !complete { return false }
                        if i + 1 < n, p[i + 1] == .quote {
                            scratch[used] = .quote
                            used += 1
                            i += 2
                            continue
                        }
                        i += 1
                        closed = true
                        break
                    }
                    if byte == .newline {
                        lines += 1
                    } else if byte == .carriageReturn {
                        if i + 1 == n, !complete { return false }
                        if i + 1 == n || p[i + 1] != .newline { lines += 1 }
                    }
                    scratch[used] = byte
                    used += 1
                    i += 1
                }
                if !closed {
                    problem =
                        problem ?? """
                            the quote that opens field \(record.fields.count + 1) on line \(openedOn) is not closed before the \
                            end of the file: every line after it was read as part of that field
                            """
                    if used > fieldStart, scratch[used - 1] == .carriageReturn { used -= 1 }
                    record.fields.append(UnsafeBufferPointer(start: scratch + fieldStart, count: used - fieldStart))
                    break
                }
                var endsRecord = false
                while true {
                    if i == n {
                        guard complete else { return false }
                        endsRecord = true
                        break
                    }
                    let byte = p[i]
                    i += 1
                    if byte == comma { break }
                    if byte == .newline {
                        lines += 1
                        endsRecord = true
                        break
                    }
                    if byte == .carriageReturn {
                        if i == n, !complete { return false }
                        if i < n, p[i] == .newline { i += 1 }
                        lines += 1
                        endsRecord = true
                        break
                    }
                    if problem == nil { problem = "text after the closing quote of field \(record.fields.count + 1)" }
                    scratch[used] = byte
                    used += 1
                }
                record.fields.append(UnsafeBufferPointer(start: scratch + fieldStart, count: used - fieldStart))
                if endsRecord { break }
            } else {
                // A plain field: its bytes where they lie.
                let fieldStart = i
                while i < n, p[i] != comma, p[i] != .newline, p[i] != .carriageReturn { i += 1 }
                if i == n, !complete { return false }
                if i < n, p[i] == comma {
                    record.fields.append(UnsafeBufferPointer(start: p + fieldStart, count: i - fieldStart))
                    i += 1
                    continue
                }
                if i < n, p[i] == .carriageReturn, i + 1 == n, !complete { return false }
                record.fields.append(UnsafeBufferPointer(start: p + fieldStart, count: i - fieldStart))
                if i < n {
                    // LF, CR LF or a lone CR.
                    i += p[i] == .carriageReturn && i + 1 < n && p[i + 1] == .newline ? 2 : 1
                    lines += 1
                }
                break
            }
        }
        record.line = line
        record.problem = problem
        record.problemColumn = nil
        line = lines
        s.start = i
        return true
    }
}

extension UInt8 {
    fileprivate static let quote = UInt8(ascii: "\"")
    fileprivate static let newline = UInt8(ascii: "\n")
    fileprivate static let carriageReturn = UInt8(ascii: "\r")
}
