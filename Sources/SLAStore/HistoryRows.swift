import Foundation
import SLACore

/// An events export read whole and walked in each case's order (instant, then the file's order):
/// what the rules need — the value a change leaves when the export has no column for it, a row's
/// position among its case's rows at one instant — depends on the case's other rows, wherever the
/// export put them.
final class HistoryRows {
    enum Outcome {
        /// No rule matches: not an event, counted.
        case skipped
        /// No case, or no instant sla can read: the row is rejected (the translation says why).
        case problem
        /// The row's event; its id, when derived, is `id`.
        case event(kind: String, level: String)
    }

    /// A row of the walk; its fields are `fields` until the next row.
    struct Row {
        var line: Int
        var csvProblem: String?
        var outcome: Outcome
        /// The instant of its `at` column, when sla reads it.
        var instant: Instant?
    }

    private struct Entry {
        var line: Int32
        var firstOffset: Int32
        var fieldCount: Int32
        var instant: Int64
    }

    private let layout: ExportLayout
    private let caseColumn: Int, atColumn: Int
    private let fieldColumn: Int?, previousColumn: Int?, valueColumn: Int?, kindColumn: Int?, eventIDColumn: Int?
    private let store = ByteArena(capacity: 1 << 20)
    /// Each row's fields: where each starts in the store, and where the last ends.
    @exclusivity(unchecked) private var offsets: [UInt32] = []
    @exclusivity(unchecked) private var entries: [Entry] = []
    @exclusivity(unchecked) private var problems: [Int: String] = [:]
    @exclusivity(unchecked) private var order: [Int32] = []
    @exclusivity(unchecked) private var cursor = 0
    // The walk's state within the current case.
    @exclusivity(unchecked) private var currentCase: [UInt8] = []
    @exclusivity(unchecked) private var currentInstant = Int64.min
    @exclusivity(unchecked) private var position = 0
    private var lastValues: [String: String] = [:]

    init(
        layout: ExportLayout, caseColumn: Int, atColumn: Int, fieldColumn: Int?, previousColumn: Int?, valueColumn: Int?,
        kindColumn: Int?, eventIDColumn: Int?
    ) {
        self.layout = layout
        self.caseColumn = caseColumn
        self.atColumn = atColumn
        self.fieldColumn = fieldColumn
        self.previousColumn = previousColumn
        self.valueColumn = valueColumn
        self.kindColumn = kindColumn
        self.eventIDColumn = eventIDColumn
    }

    var progress: Double { order.isEmpty ? 1 : Double(cursor) / Double(order.count) }

    /// Forgets the rows: the next case's group of a history read one case at a time.
    func reset() {
        store.reset()
        offsets.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
        problems.removeAll(keepingCapacity: true)
        order.removeAll(keepingCapacity: true)
        cursor = 0
    }

    func add(_ record: CSVReader.RawRecord, encoding: ExportLayout.Encoding) {
        let first = offsets.count
        for field in record.fields {
            offsets.append(UInt32(truncatingIfNeeded: store.count))
            ExportText.appendUTF8(field, encoding, to: store)
        }
        offsets.append(UInt32(truncatingIfNeeded: store.count))
        let index = entries.count
        // Offsets are 32 bits: a history of more than 4 GB is refused row by row, never misread.
        if store.count > Int(UInt32.max) || entries.count >= Int(Int32.max) {
            problems[index] = "the history is larger than 4 GB: split it into several files"
        }
        entries.append(
            Entry(
                line: Int32(truncatingIfNeeded: record.line), firstOffset: Int32(truncatingIfNeeded: first),
                fieldCount: Int32(truncatingIfNeeded: record.fields.count), instant: .min))
        if let problem = record.problem { problems[index] = problem }
        let at = field(index, atColumn)
        if !at.isEmpty, let instant = layout.instant(at) { entries[index].instant = instant.secondsSince1970 }
    }

    /// The field at `column` of row `index`, trimmed; empty when the row is short.
    private func field(_ index: Int, _ column: Int) -> UnsafeBufferPointer<UInt8> {
        let entry = entries[index]
        guard column < Int(entry.fieldCount) else { return UnsafeBufferPointer(start: nil, count: 0) }
        let at = Int(entry.firstOffset) + column
        return ExportRows.trimmed(store.bytes(Int(offsets[at])..<Int(offsets[at + 1])))
    }

    private func precedes(_ left: Int, _ right: Int) -> Bool {
        let a = field(left, caseColumn)
        let b = field(right, caseColumn)
        let common = min(a.count, b.count)
        if common > 0, let pa = a.baseAddress, let pb = b.baseAddress {
            let compared = memcmp(pa, pb, common)
            if compared != 0 { return compared < 0 }
        }
        if a.count != b.count { return a.count < b.count }
        if entries[left].instant != entries[right].instant { return entries[left].instant < entries[right].instant }
        return left < right
    }

    /// Puts the rows in each case's order; an export already in it (one case after another, each
    /// in time order) is left as it is.
    func sort() {
        order = (0..<Int32(truncatingIfNeeded: entries.count)).map { $0 }
        var sorted = true
        var index = 1
        while index < entries.count {
            if !precedes(index - 1, index) {
                sorted = false
                break
            }
            index += 1
        }
        if !sorted { order.sort { precedes(Int($0), Int($1)) } }
    }

    /// The rules with their words as bytes.
    private lazy var rules = RuleWords(layout.rules)
    /// The id of the row `next` returned last, when derived.
    private let idBytes = ByteArena(capacity: 256)
    var id: UnsafeBufferPointer<UInt8> { idBytes.bytes(0..<idBytes.count) }
    @exclusivity(unchecked) private var fieldsBuffer: [UInt8] = []
    @exclusivity(unchecked) private var previousBuffer: [UInt8] = []
    @exclusivity(unchecked) private var lastValueBytes: [[UInt8]: [UInt8]] = [:]
    /// The fields of the row `next` returned last, as read (in UTF-8).
    @exclusivity(unchecked) private(set) var fields: [UnsafeBufferPointer<UInt8>] = []

    func next() -> Row? {
        guard cursor < order.count else { return nil }
        let index = Int(order[cursor])
        cursor += 1
        let entry = entries[index]
        fields.removeAll(keepingCapacity: true)
        for column in 0..<Int(entry.fieldCount) {
            let at = Int(entry.firstOffset) + column
            fields.append(store.bytes(Int(offsets[at])..<Int(offsets[at + 1])))
        }
        var row = Row(
            line: Int(entry.line), csvProblem: problems.isEmpty ? nil : problems[index], outcome: .problem,
            instant: entry.instant == .min ? nil : Instant(secondsSince1970: entry.instant))
        let caseID = field(index, caseColumn)
        guard !caseID.isEmpty, entry.instant != .min, row.csvProblem == nil else { return row }
        if !currentCase.elementsEqual(caseID) {
            currentCase.removeAll(keepingCapacity: true)
            currentCase.append(contentsOf: caseID)
            currentInstant = .min
            lastValueBytes.removeAll(keepingCapacity: true)
        }
        if currentInstant == entry.instant {
            position += 1
        } else {
            currentInstant = entry.instant
            position = 0
        }
        let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        let changed = fieldColumn.map { field(index, $0) } ?? empty
        let value = (valueColumn ?? kindColumn).map { field(index, $0) } ?? empty
        // The value the change leaves: its column, or the case's preceding row of the same field.
        previousBuffer.removeAll(keepingCapacity: true)
        if let previousColumn {
            previousBuffer.append(contentsOf: field(index, previousColumn))
        } else {
            let fieldKey = Self.lowered(changed)
            previousBuffer.append(contentsOf: lastValueBytes[fieldKey] ?? [])
            lastValueBytes[fieldKey] = Array(value)
        }
        if eventIDColumn == nil {
            // The digest leaves out a value before the change that was not in the row: an export
            // that starts later (the last seven days) does not know it, and must give the same id.
            var hash: UInt32 = 2_166_136_261
            func mix(_ bytes: some Sequence<UInt8>) {
                for byte in bytes {
                    hash ^= UInt32(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                    hash = hash &* 16_777_619
                }
            }
            mix(changed)
            mix(CollectionOfOne(0))
            if previousColumn != nil { mix(previousBuffer) }
            mix(CollectionOfOne(0))
            mix(value)
            DerivedEventID.historyEvent(
                case: caseID, at: Instant(secondsSince1970: entry.instant), position: position,
                digest: hash, into: idBytes)
        } else {
            idBytes.reset()
        }
        guard layout.isHistory else {
            row.outcome = .event(kind: "", level: "")
            return row
        }
        // The value before the change is trimmed already (its column's field, or the value a
        // preceding row left).
        let matched = previousBuffer.withUnsafeBufferPointer { previous in rules.match(changed, previous, value) }
        guard let matched else {
            row.outcome = .skipped
            return row
        }
        row.outcome = outcomes[matched]
        return row
    }

    /// Each rule's outcome, made once.
    private lazy var outcomes: [Outcome] = layout.rules.map { rule in
        .event(kind: rule.event.rawValue, level: rule.level.map(String.init) ?? "")
    }

    private static func lowered(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        if bytes.allSatisfy({ $0 < 0x80 }) { return bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 } }
        return Array(ExportLayout.key(String(decoding: bytes, as: UTF8.self)).utf8)
    }
}

/// A history's rules with their words as bytes, flat: matching a row reference-counts nothing.
/// Words are compared as `ExportWords` compares them (ASCII letters without regard to case; a
/// value with other letters, such as PETICIÓN, as text when its bytes match no word).
final class RuleWords {
    /// Every word, lowered, one after another.
    private let bytes: [UInt8]
    /// Each word's bytes in `bytes`.
    private let words: [Range<Int>]
    /// Each rule's lists (field, from, to) as ranges of `words`; nil: any value.
    private let lists: [(fields: Range<Int>?, from: Range<Int>?, to: Range<Int>?)]
    /// The same lists as `ExportWords`, for a value that is not ASCII and matched no word by its bytes.
    private let slow: [(fields: ExportWords<Void>?, from: ExportWords<Void>?, to: ExportWords<Void>?)]

    init(_ rules: [HistoryRule]) {
        var bytes: [UInt8] = []
        var words: [Range<Int>] = []
        func add(_ list: [String]?) -> Range<Int>? {
            guard let list else { return nil }
            let first = words.count
            for word in list {
                let key = Array(ExportLayout.key(word).utf8)
                words.append(bytes.count..<(bytes.count + key.count))
                bytes += key
            }
            return first..<words.count
        }
        lists = rules.map { (add($0.fields), add($0.from), add($0.to)) }
        self.bytes = bytes
        self.words = words
        slow = rules.map { rule in
            (
                rule.fields.map { ExportWords($0.map { ($0, ()) }) }, rule.from.map { ExportWords($0.map { ($0, ()) }) },
                rule.to.map { ExportWords($0.map { ($0, ()) }) }
            )
        }
    }

    /// The first rule a change matches, by its index.
    func match(
        _ field: UnsafeBufferPointer<UInt8>, _ previous: UnsafeBufferPointer<UInt8>,
        _ value: UnsafeBufferPointer<UInt8>
    ) -> Int? {
        bytes.withUnsafeBufferPointer { stored in
            words.withUnsafeBufferPointer { words in
                for rule in lists.indices {
                    let list = lists[rule]
                    if let fields = list.fields, !contains(fields, field, stored, words, slow: { slow[rule].fields }) { continue }
                    if let from = list.from, !contains(from, previous, stored, words, slow: { slow[rule].from }) { continue }
                    if let to = list.to, !contains(to, value, stored, words, slow: { slow[rule].to }) { continue }
                    return rule
                }
                return nil
            }
        }
    }

    private func contains(
        _ list: Range<Int>, _ value: UnsafeBufferPointer<UInt8>, _ stored: UnsafeBufferPointer<UInt8>,
        _ words: UnsafeBufferPointer<Range<Int>>, slow: () -> ExportWords<Void>?
    ) -> Bool {
        var ascii = true
        for word in list {
            let range = words[word]
            guard range.count == value.count else { continue }
            var equal = true
            for offset in 0..<value.count {
                let byte = value[offset]
                if byte >= 0x80 { ascii = false }
                let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                if lower != stored[range.lowerBound + offset] {
                    equal = false
                    break
                }
            }
            if equal { return true }
        }
        if ascii, value.allSatisfy({ $0 < 0x80 }) { return false }
        return slow()?.contains(value) ?? false
    }
}
