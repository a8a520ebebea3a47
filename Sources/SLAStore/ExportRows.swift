import Foundation
import SLACore

/// Where the import's rows come from: sla's own CSV, or a tool's export read through a profile.
protocol ImportRecordSource {
    /// The next row in the interchange file's form; false at the end.
    mutating func next(into record: inout CSVReader.RawRecord) -> Bool
    /// How far into the input, in bytes, for the progress bar.
    var offset: Int { get }
    /// The row just read was accepted.
    mutating func accepted()
    /// Whether no two rows can have the same id (ids sla derives, one per row): the import then
    /// keeps no table of the ids it has seen.
    var idsUnique: Bool { get }
    /// Whether every field is valid UTF-8 already (decoded by sla from a single-byte encoding or
    /// UTF-16): the import then does not check each again.
    var fieldsUTF8: Bool { get }
}

extension ImportRecordSource {
    var idsUnique: Bool { false }
    var fieldsUTF8: Bool { false }
}

extension CSVReader: ImportRecordSource {
    mutating func accepted() {}
}

/// A tool's export read through a profile's layout, row by row, as the interchange file's rows:
/// sla's columns first (`width` of them), then the export's own fields as read, so a rejected row
/// is listed as the desk knows it. Rows keep the export's line numbers (title and header rows
/// counted).
///
/// A cases export's instant columns that are events (`cases.events`) are kept for the rows the
/// import accepts, and imported after the cases (`rowEvents`). An events export is read whole and
/// put in each case's order (instant, then file order): the value a change leaves, the event ids
/// and the order of a case's events at one instant depend on the case's other rows.
final class ExportRows: ImportRecordSource {
    let kind: InterchangeFile
    let layout: ExportLayout
    let path: String
    /// The export's column names as read.
    let header: [String]
    /// sla's columns, then the export's (prefixed with a NUL so that no name of the export can
    /// stand for one of sla's).
    let names: [String]
    let width: Int
    /// History rows no rule makes an event of.
    @exclusivity(unchecked) private(set) var skipped = 0
    /// The events in the case rows' instant columns, of the rows accepted.
    let rowEvents = RowEventBuffer()
    private let size: Int

    /// How each of sla's columns is filled.
    private enum Plan {
        case empty
        case constant([UInt8])
        /// The export's field at this position.
        case column(Int)
        /// Derived: a history's event id, kind or level.
        case derived
    }

    private let plans: [Plan]
    /// The plans as plain values, the translation's loop over every row: no String compared and
    /// nothing reference-counted per field.
    private struct Step {
        enum Source { case empty, constant, derivedID, derivedKind, derivedLevel, instant, value }
        var source: Source
        /// The export's column (`instant`, `value`).
        var position = 0
        var isCreated = false
        var isVocabulary = false
        var hasTable = false
    }

    private let steps: [Step]
    private let specs: [ExportField]
    private let tables: [ExportWords<[UInt8]>?]
    @exclusivity(unchecked) private var canonical: [Range<Int>] = []
    /// Per vocabulary field, the export's words already read and their canonical spelling: an
    /// export repeats a handful of words millions of times, each understood once.
    @exclusivity(unchecked) private var learned: [[(raw: [UInt8], canonical: [UInt8]?)]] = []
    /// The name each of sla's columns has for a message: the export's column, or the constant.
    private let shownNames: [String]
    private let rowEventColumns: [(kind: EventKind, position: Int, name: String)]
    private let caseColumn: Int?
    private let createdColumn: Int?

    @exclusivity(unchecked) private var reader: CSVReader
    /// A history grouped by case (each case's rows together, the usual export) is read one case at
    /// a time; `raw` then holds the first row of the next case.
    private var streaming = false
    private var pendingRow = false
    @exclusivity(unchecked) private var raw = CSVReader.RawRecord()
    private let out = ByteArena()
    @exclusivity(unchecked) private var ranges: [Range<Int>] = []
    @exclusivity(unchecked) private var pending: [(kind: EventKind, instant: Instant, due: Instant?)] = []
    @exclusivity(unchecked) private var pendingLine = 0
    @exclusivity(unchecked) private var pendingCase: [UInt8] = []
    private var history: HistoryRows?

    /// Opens `path` and reads its header; a file that cannot be read, or that lacks a column the
    /// profile names, stops the import before anything is written.
    init(path: String, kind: InterchangeFile, layout: ExportLayout) throws(StoreError) {
        self.kind = kind
        self.layout = layout
        self.path = path
        let exportKind = ExportKind(rawValue: kind.rawValue) ?? .cases
        let specs = exportKind.fields
        self.specs = specs
        var status = stat()
        guard stat(path, &status) == 0 else { throw StoreError.input(path, errno: errno) }
        guard (status.st_mode & S_IFMT) != S_IFDIR else { throw StoreError.input(path, errno: EISDIR) }
        size = max(1, Int(status.st_size))
        switch layout.encoding {
        case .utf16:
            guard let data = FileManager.default.contents(atPath: path) else { throw StoreError.input(path, errno: EACCES) }
            guard let utf8 = ExportText.utf16(Array(data)) else {
                throw StoreError(
                    .malformedInput,
                    "\(path): the profile says utf-16, but the file has no UTF-16 byte-order mark: save it as UTF-16 with a BOM, or set the encoding it has"
                )
            }
            reader = CSVReader(bytes: utf8, delimiter: layout.delimiter)
        default:
            let descriptor = Foundation.open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw StoreError.input(path, errno: errno) }
            var mark = [UInt8](repeating: 0, count: 3)
            let got = pread(descriptor, &mark, 3, 0)
            if layout.encoding != .utf8, got == 3, mark == [0xEF, 0xBB, 0xBF] {
                Foundation.close(descriptor)
                throw StoreError(
                    .malformedInput,
                    """
                    \(path): the file starts with UTF-8's byte-order mark, but the profile says \(layout.encoding.rawValue): \
                    set encoding: utf-8
                    """)
            }
            reader = CSVReader(file: FileHandle(fileDescriptor: descriptor, closeOnDealloc: true), delimiter: layout.delimiter)
        }
        // The header: the first row on or after the profile's header row.
        var header: [String]?
        var headerLine = 0
        while reader.next(into: &raw) {
            guard raw.line >= layout.headerRow else { continue }
            var bytes: [UInt8] = []
            header = raw.fields.map { field in
                bytes.removeAll(keepingCapacity: true)
                ExportText.appendUTF8(field, layout.encoding, to: &bytes)
                return String(decoding: bytes, as: UTF8.self)
            }
            headerLine = raw.line
            break
        }
        guard let header else {
            throw StoreError(
                .malformedInput, "\(path): no row \(layout.headerRow) with the export's column names (the profile's header_row)")
        }
        self.header = header
        let keys = header.map { ExportLayout.key($0) }
        func position(_ column: String, _ what: String) throws(StoreError) -> Int {
            guard let found = keys.firstIndex(of: ExportLayout.key(column)) else {
                throw StoreError(
                    .malformedInput,
                    """
                    \(path):\(headerLine): the export has no column '\(column)' (the profile's \(what)); its columns are \
                    \(header.map { "'\($0)'" }.joined(separator: ", "))
                    """)
            }
            return found
        }
        var plans: [Plan] = []
        var shown: [String] = []
        var tables: [ExportWords<[UInt8]>?] = []
        for spec in specs {
            tables.append(layout.values[spec.name].map { table in ExportWords(table.map { ($0.key, Array($0.value.utf8)) }) })
            switch layout.columns[spec.name] {
            case .column(let name)?:
                let found = try position(name, "\(kind.rawValue).columns.\(spec.name)")
                plans.append(.column(found))
                shown.append(header[found])
            case .constant(let value)?:
                plans.append(.constant(Array(value.utf8)))
                shown.append("\(spec.name) (the profile's constant)")
            case nil:
                let derived =
                    kind == .events && (spec.name == "event_id" || (layout.isHistory && ["kind", "level"].contains(spec.name)))
                plans.append(derived ? .derived : .empty)
                shown.append(spec.name)
            }
        }
        self.plans = plans
        self.tables = tables
        steps = zip(specs, zip(plans, tables)).map { spec, planAndTable in
            switch planAndTable.0 {
            case .empty: Step(source: .empty)
            case .constant: Step(source: .constant)
            case .derived: Step(source: spec.name == "event_id" ? .derivedID : spec.name == "kind" ? .derivedKind : .derivedLevel)
            case .column(let position):
                if case .instant = spec.kind {
                    Step(source: .instant, position: position, isCreated: spec.name == "created_at")
                } else {
                    Step(source: .value, position: position, isVocabulary: spec.isVocabulary, hasTable: planAndTable.1 != nil)
                }
            }
        }
        learned = Array(repeating: [], count: specs.count)
        shownNames = shown
        var events: [(kind: EventKind, position: Int, name: String)] = []
        for event in layout.rowEvents {
            let found = try position(event.column, "cases.events.\(event.kind.rawValue)")
            events.append((event.kind, found, header[found]))
        }
        rowEventColumns = events
        func column(_ field: String) -> Int? {
            guard let index = specs.firstIndex(where: { $0.name == field }), case .column(let found) = plans[index] else {
                return nil
            }
            return found
        }
        caseColumn = column("case_id")
        createdColumn = column("created_at")
        names = specs.map(\.name) + header.map { "\u{0}" + $0 }
        width = specs.count
        if kind == .events {
            var history: [String: Int] = [:]
            for field in ExportKind.historyFields {
                if case .column(let name)? = layout.columns[field] {
                    history[field] = try position(name, "events.columns.\(field)")
                }
            }
            guard let caseColumn, let atColumn = column("at") else {
                throw StoreError(.malformedInput, "\(path): the profile's events.columns must name case_id and at")
            }
            self.history = HistoryRows(
                layout: layout, caseColumn: caseColumn, atColumn: atColumn,
                fieldColumn: history["field"], previousColumn: history["previous"],
                valueColumn: history["value"], kindColumn: column("kind"),
                eventIDColumn: column("event_id"))
            if layout.encoding != .utf16 {
                // Read on another core while the files before this one import: the answer is
                // needed only at this file's first row.
                let headerLine = headerLine
                grouping = GroupingCheck {
                    Self.groupedByCase(path: path, layout: layout, headerLine: headerLine, caseColumn: caseColumn)
                }
            } else {
                loadHistory()
            }
        }
    }

    /// Whether a history is grouped by case, found on another thread; nil once the answer is taken.
    private var grouping: GroupingCheck?

    private final class GroupingCheck: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        /// Written before `done` is signalled, read after it is waited for.
        private var grouped = false

        init(_ check: @escaping @Sendable () -> Bool) {
            DispatchQueue.global(qos: .userInitiated).async { [self] in
                grouped = check()
                done.signal()
            }
        }

        func wait() -> Bool {
            done.wait()
            return grouped
        }
    }

    /// Whether every case's rows are together in the export (read once, ids only): then the
    /// history is read a case at a time instead of whole.
    private static func groupedByCase(path: String, layout: ExportLayout, headerLine: Int, caseColumn: Int) -> Bool {
        let descriptor = Foundation.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        var reader = CSVReader(file: FileHandle(fileDescriptor: descriptor, closeOnDealloc: true), delimiter: layout.delimiter)
        var record = CSVReader.RawRecord()
        var seen = FirstLines()
        var last: [UInt8]?
        while reader.next(into: &record) {
            guard record.line > headerLine else { continue }
            let id =
                caseColumn < record.fields.count ? trimmed(record.fields[caseColumn]) : UnsafeBufferPointer(start: nil, count: 0)
            if let last, last.elementsEqual(id) { continue }
            let probe = seen.lookup(id)
            if probe.line != nil { return false }
            seen.remember(id, line: max(1, record.line), at: probe)
            last = Array(id)
        }
        return true
    }

    /// Reads the next case's rows of a history grouped by case; false at the end of the file.
    private func readGroup(_ history: HistoryRows) -> Bool {
        history.reset()
        if !pendingRow {
            guard reader.next(into: &raw) else { return false }
        }
        pendingRow = false
        let group = raw.fields.count > caseColumnOfHistory ? Array(Self.trimmed(raw.fields[caseColumnOfHistory])) : []
        history.add(raw, encoding: layout.encoding)
        while reader.next(into: &raw) {
            let id =
                raw.fields.count > caseColumnOfHistory
                ? Self.trimmed(raw.fields[caseColumnOfHistory]) : UnsafeBufferPointer(start: nil, count: 0)
            guard group.elementsEqual(id) else {
                pendingRow = true
                break
            }
            history.add(raw, encoding: layout.encoding)
        }
        history.sort()
        return true
    }

    private var caseColumnOfHistory: Int { caseColumn ?? 0 }
    /// The export's column of a history's instants.
    private var atColumnOfHistory: Int {
        guard let index = specs.firstIndex(where: { $0.name == "at" }), case .column(let found) = plans[index] else { return -1 }
        return found
    }

    /// A history's ids, when sla derives them, are the case, the instant, the row's position among
    /// the case's rows at that instant and a digest: two rows of one file never share one.
    var idsUnique: Bool {
        guard history != nil, let index = specs.firstIndex(where: { $0.name == "event_id" }), case .derived = plans[index]
        else { return false }
        return true
    }

    /// Every byte above ASCII was decoded by sla (Windows-1252, ISO-8859-1, UTF-16): sla's columns
    /// are the export's bytes, the profile's words or sla's own text, all of it UTF-8.
    var fieldsUTF8: Bool { layout.encoding != .utf8 }

    var offset: Int {
        if let history, !streaming, grouping == nil { return Int(Double(size) * history.progress) }
        return reader.offset
    }

    /// The name of sla's `column` in the export, for a rejected row.
    func shownName(_ column: String) -> String {
        if column.hasPrefix("\u{0}") { return String(column.dropFirst()) }
        guard let index = specs.firstIndex(where: { $0.name == column }) else { return column }
        return shownNames[index]
    }

    /// The row as read, without sla's columns.
    func asRead(_ fields: [String]) -> [String] { Array(fields.dropFirst(width)) }

    // MARK: Rows

    func next(into record: inout CSVReader.RawRecord) -> Bool {
        if history != nil { return nextHistory(into: &record) }
        while reader.next(into: &raw) {
            out.reset()
            ranges.removeAll(keepingCapacity: true)
            for field in raw.fields {
                let start = out.count
                appendExport(field)
                ranges.append(start..<out.count)
            }
            translate(line: raw.line, csvProblem: raw.problem, into: &record)
            return true
        }
        return false
    }

    func accepted() {
        guard !pending.isEmpty else { return }
        for event in pending {
            rowEvents.append(case: pendingCase, kind: event.kind, at: event.instant, due: event.due, line: pendingLine)
        }
        pending.removeAll(keepingCapacity: true)
    }

    private func appendExport(_ field: UnsafeBufferPointer<UInt8>) {
        ExportText.appendUTF8(field, layout.encoding, to: out)
    }

    /// The export's field at `position`, trimmed; empty when the row is short.
    private func exportField(_ position: Int) -> UnsafeBufferPointer<UInt8> {
        guard position < ranges.count else { return UnsafeBufferPointer(start: nil, count: 0) }
        return Self.trimmed(out.bytes(ranges[position]))
    }

    /// A word of a vocabulary field in sla's canonical spelling, or as given when sla does not
    /// know it (the import then rejects it, naming it).
    private func understood(_ value: UnsafeBufferPointer<UInt8>, field index: Int) -> [UInt8] {
        for entry in learned[index] where entry.raw.count == value.count && entry.raw.elementsEqual(value) {
            return entry.canonical ?? entry.raw
        }
        let raw = Array(value)
        let canonical = specs[index].canonical(String(decoding: value, as: UTF8.self)).map { Array($0.utf8) }
        if learned[index].count < 64 { learned[index].append((raw, canonical)) }
        return canonical ?? raw
    }

    static func trimmed(_ field: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard var start = field.baseAddress else { return field }
        var end = start + field.count
        while start < end, start.pointee == 0x20 || start.pointee == 0x09 { start += 1 }
        while end > start, (end - 1).pointee == 0x20 || (end - 1).pointee == 0x09 { end -= 1 }
        return UnsafeBufferPointer(start: start, count: end - start)
    }

    /// Fills `record` from the export's row in `ranges`: sla's columns, then the row as read.
    /// `derived` gives a history row's id, kind and level.
    /// `at` is a history row's instant, read already from the export's column at `position`.
    private func translate(
        line: Int, csvProblem: String?, derived: (id: UnsafeBufferPointer<UInt8>, kind: String, level: String)? = nil,
        at: (position: Int, instant: Instant)? = nil, into record: inout CSVReader.RawRecord
    ) {
        var problem: (column: String, reason: String)?
        if let csvProblem { problem = (header.first ?? "", "malformed CSV: \(csvProblem)") }
        if problem == nil, ranges.count != header.count {
            let column = ranges.count < header.count ? header[ranges.count] : header.last ?? ""
            problem = (column, "the row has \(ranges.count) fields, the export's header \(header.count)")
        }
        canonical.removeAll(keepingCapacity: true)
        var created: Instant?
        for index in steps.indices {
            let start = out.count
            let step = steps[index]
            switch step.source {
            case .empty: break
            case .constant: if case .constant(let bytes) = plans[index] { out.append(bytes) }
            case .derivedID: if let derived { out.append(derived.id) }
            case .derivedKind: if let derived { out.append(derived.kind) }
            case .derivedLevel: if let derived { out.append(derived.level) }
            case .instant:
                let position = step.position
                let value = exportField(position)
                guard !value.isEmpty else { break }
                if let instant = at?.position == position ? at?.instant : layout.instant(value) {
                    out.appendTimestamp(instant)
                    if step.isCreated { created = instant }
                } else if problem == nil {
                    problem = (
                        header[position],
                        """
                        \(header[position]) '\(Finding.printable(String(decoding: value, as: UTF8.self), limit: 60))' \
                        is not a date the profile reads (\(layout.timestampForms))
                        """
                    )
                }
            case .value:
                let value = exportField(step.position)
                if step.hasTable, !value.isEmpty, let table = tables[index], let mapped = table.lookup(value) {
                    out.append(mapped)
                } else if step.isVocabulary, !value.isEmpty {
                    out.append(understood(value, field: index))
                } else {
                    out.append(value)
                }
            }
            canonical.append(start..<out.count)
        }
        // The case row's instants that are events: kept until the import accepts the row.
        pending.removeAll(keepingCapacity: true)
        if !rowEventColumns.isEmpty, problem == nil {
            for event in rowEventColumns {
                let value = exportField(event.position)
                guard !value.isEmpty else { continue }
                guard let instant = layout.instant(value) else {
                    problem = (
                        event.name,
                        """
                        \(event.name) '\(Finding.printable(String(decoding: value, as: UTF8.self), limit: 60))' is not a \
                        date the profile reads (\(layout.timestampForms))
                        """
                    )
                    break
                }
                if let created, instant < created {
                    problem = (
                        event.name,
                        """
                        \(event.name) \(instant) (\(event.kind.rawValue)) is before the case's registration (\(created)): \
                        correct one or the other in the ticketing tool
                        """
                    )
                    break
                }
                pending.append((event.kind, instant, nil))
            }
            // A column of solution commitments holds the instant promised: the commitment is made
            // when the case was diagnosed (the row's diagnosis), or at its registration without one.
            if problem == nil, let index = pending.firstIndex(where: { $0.kind == .committed }) {
                let promised = pending[index].instant
                let made = pending.first { $0.kind == .diagnosed }?.instant ?? created ?? promised
                pending[index] = (.committed, made, promised)
            }
            if problem == nil, let caseColumn {
                pendingCase = Array(exportField(caseColumn))
                pendingLine = line
            } else {
                pending.removeAll()
            }
        }
        record.fields.removeAll(keepingCapacity: true)
        for range in canonical { record.fields.append(out.bytes(range)) }
        for range in ranges.prefix(header.count) { record.fields.append(out.bytes(range)) }
        while record.fields.count < names.count { record.fields.append(UnsafeBufferPointer(start: nil, count: 0)) }
        record.line = line
        record.problem = problem?.reason
        record.problemColumn = problem?.column
    }

    // MARK: History

    private func loadHistory() {
        guard let history else { return }
        while reader.next(into: &raw) {
            history.add(raw, encoding: layout.encoding)
        }
        history.sort()
    }

    private func nextHistory(into record: inout CSVReader.RawRecord) -> Bool {
        guard let history else { return false }
        if let grouping {
            self.grouping = nil
            if grouping.wait() { streaming = true } else { loadHistory() }
        }
        while true {
            guard let row = history.next() else {
                guard streaming, readGroup(history) else { return false }
                continue
            }
            out.reset()
            ranges.removeAll(keepingCapacity: true)
            for field in history.fields {
                let start = out.count
                out.append(field)
                ranges.append(start..<out.count)
            }
            switch row.outcome {
            case .skipped:
                skipped += 1
                continue
            case .problem:
                translate(
                    line: row.line, csvProblem: row.csvProblem, derived: (UnsafeBufferPointer(start: nil, count: 0), "", ""),
                    into: &record)
                if record.problem == nil {
                    let caseName = shownName("case_id")
                    let atName = shownName("at")
                    let noCase = caseColumn.map { exportField($0).isEmpty } ?? true
                    record.problem =
                        noCase
                        ? "\(caseName) is empty: the row belongs to no case" : "\(atName) is empty: the change has no instant"
                    record.problemColumn = noCase ? caseName : atName
                }
            case .event(let kind, let level):
                translate(
                    line: row.line, csvProblem: row.csvProblem, derived: (history.id, kind, level),
                    at: row.instant.map { (atColumnOfHistory, $0) }, into: &record)
            }
            return true
        }
    }
}

/// The events of the case rows accepted: case, kind, instant and the row's line, compactly.
final class RowEventBuffer {
    private var cases: [UInt8] = []
    private(set) var entries: [(caseEnd: Int, kind: EventKind, at: Instant, due: Instant?, line: Int)] = []

    var isEmpty: Bool { entries.isEmpty }

    func append(case id: [UInt8], kind: EventKind, at: Instant, due: Instant? = nil, line: Int) {
        cases.append(contentsOf: id)
        entries.append((cases.count, kind, at, due, line))
    }

    func caseID(_ index: Int) -> ArraySlice<UInt8> {
        cases[(index == 0 ? 0 : entries[index - 1].caseEnd)..<entries[index].caseEnd]
    }
}

/// The case rows' events as the interchange file's event rows, each with its derived id.
final class RowEventRows: ImportRecordSource {
    static let names = ["event_id", "case_id", "at", "kind", "level", "note", "due", "\u{0}column"]
    private let buffer: RowEventBuffer
    private let columns: [EventKind: String]
    private var index = 0
    private let out = ByteArena()

    init(_ buffer: RowEventBuffer, columns: [EventKind: String]) {
        self.buffer = buffer
        self.columns = columns
    }

    var offset: Int { index }
    func accepted() {}

    func next(into record: inout CSVReader.RawRecord) -> Bool {
        guard index < buffer.entries.count else { return false }
        let entry = buffer.entries[index]
        let caseID = Array(buffer.caseID(index))
        index += 1
        out.reset()
        var ranges: [Range<Int>] = []
        func add(_ bytes: [UInt8]) {
            let start = out.count
            out.append(bytes)
            ranges.append(start..<out.count)
        }
        // One per case row.
        add(Array(DerivedEventID.rowEvent(case: String(decoding: caseID, as: UTF8.self), kind: entry.kind).utf8))
        add(caseID)
        let start = out.count
        out.appendTimestamp(entry.at)
        ranges.append(start..<out.count)
        add(Array(entry.kind.rawValue.utf8))
        add([])
        add([])
        if let due = entry.due {
            let start = out.count
            out.appendTimestamp(due)
            ranges.append(start..<out.count)
        } else {
            add([])
        }
        add(Array((columns[entry.kind] ?? "").utf8))
        record.fields.removeAll(keepingCapacity: true)
        for range in ranges { record.fields.append(out.bytes(range)) }
        record.line = entry.line
        record.problem = nil
        record.problemColumn = nil
        return true
    }
}

/// The ids sla gives the events it derives from an export, when the profile names no event id
/// column. The same row of an export imported again gets the same id, and, because a case's events
/// at one instant are ordered by id (as bytes: these ids are never numbers), a case's row events
/// come before its history rows, and its history rows at one instant keep the file's order.
enum DerivedEventID {
    /// The lifecycle order of the events one case row can hold at one instant.
    static let rowEventOrder: [EventKind] = [
        .diagnosed, .escalated, .waitingClient, .clientResponded, .solved, .reopened,
        .closed, .autoClosed, .committed
    ]

    /// `<case>~0~<rank><kind>`: one per case and column, so that a case row whose instant changed
    /// moves that one event.
    static func rowEvent(case id: String, kind: EventKind) -> String {
        "\(id)~0~\(rowEventOrder.firstIndex(of: kind) ?? 9)\(kind.rawValue)"
    }

    /// `<case>~1~<yyyyMMddHHmmss>~<position>~<digest>`: the case, the instant (Bogotá time), the
    /// row's position among the case's rows at that instant in the file (its digit count first, so
    /// that 10 comes after 9), and a digest of the changed field and its values (8 hex digits).
    static func historyEvent(
        case id: UnsafeBufferPointer<UInt8>, at: Instant, position: Int, digest: UInt32,
        into out: ByteArena
    ) {
        out.reset()
        out.append(id)
        out.append(UInt8(ascii: "~"))
        out.append(UInt8(ascii: "1"))
        out.append(UInt8(ascii: "~"))
        let date = at.localDate
        let second = at.localSecondOfDay
        func digits(_ value: Int, _ count: Int) {
            var divisor = 1
            for _ in 1..<count { divisor *= 10 }
            while divisor > 0 {
                out.append(UInt8(0x30 + value / divisor % 10))
                divisor /= 10
            }
        }
        func two(_ value: Int) {
            out.append(UInt8(truncatingIfNeeded: 0x30 + value / 10))
            out.append(UInt8(truncatingIfNeeded: 0x30 + value % 10))
        }
        let year = max(0, date.year) % 10000
        two(year / 100)
        two(year % 100)
        two(date.month)
        two(date.day)
        two(second / 3600)
        two(second / 60 % 60)
        two(second % 60)
        out.append(UInt8(ascii: "~"))
        var count = 1
        var rest = max(0, position) / 10
        while rest > 0 {
            count += 1
            rest /= 10
        }
        digits(count, count < 10 ? 1 : 2)
        digits(max(0, position), count)
        out.append(UInt8(ascii: "~"))
        for shift in stride(from: 28, through: 0, by: -4) {
            let nibble = UInt8(truncatingIfNeeded: (digest >> UInt32(shift)) & 0xF)
            out.append(nibble < 10 ? 0x30 + nibble : 0x57 + nibble)
        }
    }
}
