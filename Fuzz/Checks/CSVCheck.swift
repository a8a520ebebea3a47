// The checks of the `csv` fuzz target (Fuzz/csv.swift), compiled into the fuzzer with the
// sources it checks, and into the FuzzChecks module that `make test` runs on every seed and every
// input a fuzzer ever crashed on (Fuzz/corpus/csv/, Fuzz/regressions/csv/).
//
// A broken invariant is reported through `fuzzCheck`: the fuzzer aborts, the tests record it.

public import Foundation

#if canImport(SLAStore)
    import SLAStore
#endif

public enum CSVFuzzCheck {
    /// One record as both readers must give it.
    struct Row: Equatable, CustomStringConvertible {
        var line: Int
        var fields: [String]
        var problem: String?

        var description: String { "line \(line) \(fields)\(problem.map { " (\($0))" } ?? "")" }
    }

    static let newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r"), quote = UInt8(ascii: "\"")

    /// Reads `input` with the byte-array reader and with the file reader (from `scratch`, which is
    /// overwritten) in windows of `chunk` bytes.
    public static func run(_ input: [UInt8], chunk: Int, scratch: FileHandle) {
        let fromBytes = readBytes(input)

        do {
            try scratch.truncate(atOffset: 0)
            try scratch.write(contentsOf: input)
            try scratch.seek(toOffset: 0)
        } catch {
            fuzzCheck(false, "cannot write the scratch file: \(error)")
            return
        }
        var reader = CSVReader(file: scratch, chunk: chunk)
        var fromFile: [Row] = []
        var lastOffset = 0
        while let record = reader.next() {
            fromFile.append(Row(line: record.line, fields: record.fields, problem: record.problem))
            fuzzCheck(
                reader.offset >= lastOffset && reader.offset <= input.count,
                "file reader (chunk \(chunk)) at offset \(reader.offset) after \(lastOffset), input \(input.count) bytes")
            lastOffset = reader.offset
        }
        fuzzCheck(reader.offset == input.count, "file reader (chunk \(chunk)) ended at offset \(reader.offset) of \(input.count)")
        fuzzCheck(
            fromFile == fromBytes,
            """
            the file reader (chunk \(chunk)) and the byte reader disagree:
              file:  \(fromFile)
              bytes: \(fromBytes)
            """)
    }

    /// The byte-array reader's records, checking what must hold whatever the line-end rules.
    static func readBytes(_ input: [UInt8]) -> [Row] {
        var reader = CSVReader(bytes: input)
        var raw = CSVReader.RawRecord()
        var rows: [Row] = []
        var rawRows: [[[UInt8]]] = []
        var lastOffset = reader.offset
        var fieldBytes = 0
        fuzzCheck(lastOffset <= input.count, "offset \(lastOffset) before the first record, input \(input.count) bytes")
        while reader.next(into: &raw) {
            let row = Row(line: raw.line, fields: raw.strings, problem: raw.problem)
            fuzzCheck(row.line > (rows.last?.line ?? 0), "\(row) after \(rows.last.map(String.init(describing:)) ?? "nothing")")
            fuzzCheck(!raw.fields.isEmpty, "a record without fields")
            fuzzCheck(
                reader.offset > lastOffset && reader.offset <= input.count,
                "offset \(reader.offset) after \(lastOffset), input \(input.count) bytes")
            lastOffset = reader.offset
            // Every byte of the input is in one field at most (doubled quotes are undone).
            fieldBytes += raw.fields.reduce(0) { $0 + $1.count }
            fuzzCheck(fieldBytes <= input.count, "\(fieldBytes) bytes of fields from \(input.count) bytes")
            rows.append(row)
            rawRows.append(raw.fields.map(Array.init))
        }
        fuzzCheck(reader.offset == input.count, "the byte reader ended at offset \(reader.offset) of \(input.count)")
        fuzzCheck(!reader.next(into: &raw), "a record after the end")

        // A record starts on a line of the input: LF, CR LF and (depending on the reader's rules)
        // a lone CR end lines.
        let lineEnds = input.count { $0 == newline || $0 == carriageReturn }
        if let last = rows.last { fuzzCheck(last.line <= 1 + lineEnds, "\(last) in an input of \(lineEnds) line ends") }

        if !input.contains(quote) {
            fuzzCheck(rows.allSatisfy { $0.problem == nil }, "a problem without quotes: \(rows)")
            // Without quotes and CRs the format is simple enough to state in full: a byte-order
            // mark skipped, lines split at LF, blank lines skipped, fields split at commas.
            if !input.contains(carriageReturn) {
                let text = input.starts(with: [0xEF, 0xBB, 0xBF]) ? input.dropFirst(3) : input[...]
                var expected: [(line: Int, fields: [[UInt8]])] = []
                for (index, line) in text.split(separator: newline, omittingEmptySubsequences: false).enumerated()
                where !line.isEmpty {
                    expected.append(
                        (index + 1, line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map(Array.init)))
                }
                fuzzCheck(
                    expected.map(\.line) == rows.map(\.line) && expected.map(\.fields) == rawRows,
                    "read \(rows), expected \(expected.map { ($0.line, $0.fields.map { String(decoding: $0, as: UTF8.self) }) })")
            }
        }
        return rows
    }
}
