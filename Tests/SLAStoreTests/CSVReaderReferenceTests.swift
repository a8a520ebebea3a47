import Foundation
import SLACore
import SLATestSupport
import Testing

@testable import SLAStore

/// The CSV reader against the first, byte-at-a-time reader it replaced (kept here as the slow,
/// obviously-correct reference) on random texts made of the characters CSV cares about, read whole
/// and in windows of every small size.
@Suite struct CSVReaderReferenceTests {
    @Test func randomTextsReadAsTheReferenceReadsThem() throws {
        var random = SeededRandom(seed: 4180)
        let alphabet: [String] = [",", "\"", "\n", "\r", "\r\n", "a", "b", " ", "é", "\"\"", "x,y"]
        let folder = try TemporaryDirectory()
        for round in 0..<600 {
            let text = (0..<random.below(30)).map { _ in alphabet[random.below(alphabet.count)] }.joined()
            let bytes = Array(text.utf8)
            var reference = ReferenceCSV(bytes: bytes)
            var expected: [CSVReader.Record] = []
            while let record = reference.next() { expected.append(record) }
            #expect(Array(CSVReader(bytes: bytes)) == expected, "\(text.debugDescription)")
            let path = try folder.write("r\(round).csv", bytes: bytes)
            let handle = try #require(FileHandle(forReadingAtPath: path))
            defer { try? handle.close() }
            #expect(Array(CSVReader(file: handle, chunk: 1 + random.below(7))) == expected, "\(text.debugDescription)")
        }
    }
}

/// The reader as first written: one byte at a time from an array.
private struct ReferenceCSV {
    var bytes: [UInt8]
    var index = 0
    var line = 1

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    func has(_ ahead: Int = 0) -> Bool { index + ahead < bytes.count }

    mutating func next() -> CSVReader.Record? {
        // Skip blank lines between records: LF, CR LF and a lone CR each end one.
        while has(), bytes[index] == UInt8(ascii: "\n") || bytes[index] == UInt8(ascii: "\r") {
            if bytes[index] == UInt8(ascii: "\r"), has(1), bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
            line += 1
            index += 1
        }
        guard has() else { return nil }
        let startLine = line
        var fields: [String] = []
        var field: [UInt8] = []
        var problem: String?
        var quoted = false
        var openedOn = line
        var openedField = 0
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
                    let crLF = byte == UInt8(ascii: "\r") && has() && bytes[index] == UInt8(ascii: "\n")
                    if byte == UInt8(ascii: "\n") || (byte == UInt8(ascii: "\r") && !crLF) { line += 1 }
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
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                if byte == UInt8(ascii: "\r"), has(), bytes[index] == UInt8(ascii: "\n") { index += 1 }
                line += 1
                fields.append(String(decoding: field, as: UTF8.self))
                return CSVReader.Record(line: startLine, fields: fields, problem: problem)
            case UInt8(ascii: "\"") where fieldStart:
                quoted = true
                (openedOn, openedField) = (line, fields.count + 1)
            default:
                if afterClosingQuote, problem == nil {
                    problem = "text after the closing quote of field \(fields.count + 1)"
                }
                field.append(byte)
            }
            fieldStart = false
        }
        if quoted {
            problem =
                problem ?? "the quote that opens field \(openedField) on line \(openedOn) is not closed before the end "
                + "of the file: every line after it was read as part of that field"
            if field.last == UInt8(ascii: "\r") { field.removeLast() }
        }
        fields.append(String(decoding: field, as: UTF8.self))
        return CSVReader.Record(line: startLine, fields: fields, problem: problem)
    }
}
