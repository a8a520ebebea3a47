import GRDB
import GRDBSQLite
package import SLACore

/// The cases a night evaluates, a page at a time: those under watch and, for a rerun of a past
/// night, those settled after it (see the v3 migration in Schema.swift).
///
/// Each page is read, closed (SPEC §6) and settled in one transaction that holds the write lock:
/// a `reopened` the ticketing tool commits meanwhile is either seen or comes after, never lost
/// between reading and writing, and nothing read needs reading again. Memory holds one page, so
/// the first night after importing ten years needs no more than a night of one day's changes.
extension CaseStore {
    /// A case a night must evaluate, with what it needs to decide whether the case is settled.
    package struct WatchedCase: Sendable {
        package var read: CaseRead
        /// The watch version read with the case; nil for a settled case read for a past night.
        package var version: Int64?
        /// The case's latest event, after as-of included: a case is settled only when nothing
        /// follows the night's as-of.
        package var latestEventAt: Instant?
    }

    /// Calls `body` with each page of the cases registered by `asOf` that may be open then, or
    /// have an acceptance period to close, with their events, in the order of their ids' bytes
    /// (SQLite's order of text): first those under watch, then those settled after `asOf`.
    ///
    /// Each call runs inside a transaction — immediate when `runID` is given, so that the page's
    /// closures and settlements are written with what they were decided from; a read otherwise
    /// (a dry run). A transaction covers `pagesPerTransaction` pages: while the body works on one
    /// page, another thread reads the next, from a snapshot taken once this transaction holds the
    /// write lock — so it is what the transaction sees. A transaction whose body fails is rolled
    /// back; the transactions before it stay written, which a rerun of the night completes (SPEC §9).
    ///
    /// - Complexity: proportional to the cases under watch (plus, for a past night, those settled
    ///   since), not to the history; memory to two pages.
    /// - Parameter everySettled: also every settled case (a dry run under closure settings that
    ///   changed since the cases were settled).
    package func forEachPageOfCasesToEvaluate(
        asOf: Instant, everySettled: Bool = false, runID: Int64?, pageSize: Int, pagesPerTransaction: Int = 8,
        afterCommit: () -> Void = {}, _ body: (NightPage) throws -> Void
    ) throws(StoreError) {
        do {
            for source in [PageSource.watched, .settled] {
                if source == .settled, !(try hasSettledCases(after: asOf, everySettled: everySettled)) { continue }
                let pages = PageReader(
                    store: self, source: source, asOf: asOf, everySettled: everySettled,
                    pageSize: max(1, pageSize))
                if let runID, let pool = writer as? DatabasePool {
                    try pages.readAhead(in: pool)
                    defer { pages.stop() }
                    var finished = false
                    while !finished {
                        try pool.writeWithoutTransaction { db in
                            try db.inTransaction(.immediate) {
                                pages.allow(max(1, pagesPerTransaction))
                                for _ in 0..<max(1, pagesPerTransaction) {
                                    guard let cases = try pages.next() else {
                                        finished = true
                                        break
                                    }
                                    let page = NightPage(cases: cases, runID: runID, db: db)
                                    try body(page)
                                    try page.finish()
                                }
                                return .commit
                            }
                        }
                        afterCommit()
                    }
                } else {
                    // A dry run (or a database on one connection): each page read and worked on in
                    // one read (or write) transaction.
                    var finished = false
                    while !finished {
                        func work(_ db: Database) throws {
                            guard let cases = try pages.read(db) else {
                                finished = true
                                return
                            }
                            let page = NightPage(cases: cases, runID: runID, db: db)
                            try body(page)
                            try page.finish()
                        }
                        if runID == nil {
                            try writer.read { db in try work(db) }
                        } else {
                            try writer.writeWithoutTransaction { db in
                                try db.inTransaction(.immediate) {
                                    try work(db)
                                    return .commit
                                }
                            }
                            afterCommit()
                        }
                    }
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.database(
                error, path,
                doing: runID == nil
                    ? "read the cases to evaluate from"
                    : "write the automatic closures and settled cases to")
        }
    }

    /// Whether any case was settled after `asOf` (a rerun of a past night): a night as of now
    /// knows it has none from the setting `latest_settled_from`, without scanning them.
    private func hasSettledCases(after asOf: Instant, everySettled: Bool) throws -> Bool {
        if everySettled { return true }
        return try writer.read { db in
            let latest = try SettingRow.value(of: SettingRow.latestSettledFrom, db).flatMap { Int64($0) }
            if let latest, latest <= asOf.secondsSince1970 { return false }
            return try !SettledCaseRow.filter(SettledCaseRow.Columns.settledFrom > asOf.secondsSince1970).isEmpty(db)
        }
    }

    /// The two tables a night's cases come from; every case is in one of them.
    enum PageSource {
        case watched, settled

        var table: String { self == .watched ? CaseWatchRow.table : SettledCaseRow.table }
        var version: String { self == .watched ? CaseWatchRow.Columns.version.of("w") : "NULL" }
        var filter: String {
            self == .watched ? "" : "AND (\(SettledCaseRow.Columns.settledFrom.of("w")) > :asOf OR :everySettled)"
        }
    }

    /// A case id as SQLite holds it, kept past its row to resume the next page after it.
    enum StoredKey: Equatable {
        case text([UInt8])
        case blob([UInt8])
        case integer(Int64)
        case real(Double)
        case null

        init(_ value: StoredValue) {
            switch value {
            case .text(let bytes): self = .text(Array(bytes))
            case .blob(let bytes): self = .blob(Array(bytes))
            case .integer(let number): self = .integer(number)
            case .real(let number): self = .real(number)
            case .null: self = .null
            }
        }

        /// Where `value` stands from this key in SQLite's order (`StoredValue.typeRank`).
        /// Negative: the key comes first.
        func compare(_ value: StoredValue) -> Int {
            let other = value.typeRank
            let mine: Int
            switch self {
            case .null: mine = 0
            case .integer, .real: mine = 1
            case .text: mine = 2
            case .blob: mine = 3
            }
            guard mine == other else { return mine - other }
            switch (self, value) {
            case (.text(let key), .text(let bytes)), (.blob(let key), .blob(let bytes)):
                for (left, right) in zip(key, bytes) where left != right { return Int(left) - Int(right) }
                return key.count - bytes.count
            case (.integer(let key), .integer(let number)): return key < number ? -1 : key == number ? 0 : 1
            case (.integer(let key), .real(let number)): return Double(key) < number ? -1 : Double(key) == number ? 0 : 1
            case (.real(let key), .integer(let number)): return key < Double(number) ? -1 : key == Double(number) ? 0 : 1
            case (.real(let key), .real(let number)): return key < number ? -1 : key == number ? 0 : 1
            default: return 0
            }
        }
    }

    /// Up to `limit` cases of `source` after `after`, each with its events, from one snapshot.
    ///
    /// Two statements a page rather than two a case: the cases, then their events in the same
    /// order, matched as they come. The source table drives (CROSS JOIN fixes SQLite's join
    /// order) in its primary key's order, so nothing is sorted.
    static func readPage(
        _ source: PageSource, after: StoredKey?, asOf: Instant, everySettled: Bool,
        limit: Int, _ db: Database
    ) throws -> (cases: [WatchedCase], last: StoredKey?) {
        let key = "w.\(CaseWatchRow.Columns.caseID.name)"
        let joined = "\(source.table) w CROSS JOIN \(CaseRow.table) c ON \(CaseRow.Columns.id.of("c")) = \(key)"
        let from = after == nil ? "" : "\(key) > :after AND"
        let casesStatement = try db.cachedStatement(
            sql: """
                SELECT \(CaseReading.caseColumns), \(source.version), \(key) FROM \(joined) \(CaseReading.clientAndKAM)
                WHERE \(from) \(CaseReading.registeredByAsOf) \(source.filter)
                ORDER BY \(key) LIMIT :limit
                """)
        let parameters = Parameters(asOf: asOf, everySettled: everySettled, after: after, limit: limit)
        let rows = StoredRows(casesStatement) { parameters.bind($0) }
        var reads: [CaseRead] = []
        var versions: [Int64?] = []
        var keys: [StoredKey] = []
        let versionColumn = CaseReading.CaseField.allCases.count
        while try rows.next() {
            reads.append(CaseReading.decodeCase(rows))
            if case .integer(let version) = rows[versionColumn] { versions.append(version) } else { versions.append(nil) }
            keys.append(StoredKey(rows[versionColumn + 1]))
        }
        guard let last = keys.last else { return ([], nil) }

        let eventColumns = CaseReading.EventField.allCases.map { "e.\($0.sql)" }.joined(separator: ", ")
        let eventsStatement = try db.cachedStatement(
            sql: """
                SELECT \(eventColumns) FROM \(source.table) w
                CROSS JOIN \(EventRow.table) e ON \(EventRow.Columns.caseID.of("e")) = \(key)
                WHERE \(from) \(key) <= :last \(source.filter)
                ORDER BY \(key)
                """)
        var histories = [(events: [CaseEvent], latest: Instant?, findings: [Finding])](
            repeating: ([], nil, []), count: reads.count)
        var index = 0
        let events = StoredRows(eventsStatement) { parameters.bind($0, last: last) }
        let caseIDColumn = CaseReading.EventField.caseID.rawValue
        while try events.next() {
            // The events come in the cases' order, with those of cases the page left out (not
            // registered by as-of) among them: a case without events is passed over, an event
            // of a case left out is.
            let caseID = events[caseIDColumn]
            while index < keys.count, keys[index].compare(caseID) < 0 { index += 1 }
            guard index < keys.count else { break }
            guard keys[index].compare(caseID) == 0, case .readable(let snapshot) = reads[index] else { continue }
            guard let event = CaseReading.decodeEvent(events, of: snapshot.serviceCase.id, findings: &histories[index].findings)
            else { continue }
            histories[index].latest = max(histories[index].latest ?? event.at, event.at)
            if event.at <= asOf { histories[index].events.append(event) }
        }
        var cases: [WatchedCase] = []
        cases.reserveCapacity(reads.count)
        for (position, read) in reads.enumerated() {
            guard case .readable = read else {
                cases.append(WatchedCase(read: read, version: versions[position], latestEventAt: nil))
                continue
            }
            var history = histories[position]
            history.events.sort(by: CaseEvent.inTimeOrder)
            cases.append(
                WatchedCase(
                    read: CaseReading.attach(history, to: read), version: versions[position],
                    latestEventAt: history.latest))
        }
        return (cases, last)
    }

    /// The named parameters of a page's statements, bound through SQLite's C API: a key is bound
    /// as the bytes it was read as, whatever they are.
    struct Parameters {
        var asOf: Instant, everySettled: Bool, after: StoredKey?, limit: Int

        func bind(_ handle: OpaquePointer, last: StoredKey? = nil) {
            func index(_ name: String) -> Int32 { sqlite3_bind_parameter_index(handle, name) }
            sqlite3_bind_int64(handle, index(":asOf"), asOf.secondsSince1970)
            sqlite3_bind_int64(handle, index(":everySettled"), everySettled ? 1 : 0)
            sqlite3_bind_int64(handle, index(":limit"), Int64(limit))
            if let after { bind(after, at: index(":after"), handle) }
            if let last { bind(last, at: index(":last"), handle) }
        }

        private func bind(_ key: StoredKey, at index: Int32, _ handle: OpaquePointer) {
            guard index > 0 else { return }
            switch key {
            case .text(let bytes):
                bytes.withUnsafeBufferPointer { buffer in
                    buffer.withMemoryRebound(to: CChar.self) { text in
                        if let base = text.baseAddress {
                            _ = sqlite3_bind_text(
                                handle, index, base, Int32(truncatingIfNeeded: text.count), Parameters.transient)
                        } else {
                            _ = sqlite3_bind_text(handle, index, "", 0, Parameters.transient)
                        }
                    }
                }
            case .blob(let bytes):
                bytes.withUnsafeBytes { buffer in
                    _ = sqlite3_bind_blob(
                        handle, index, buffer.baseAddress, Int32(truncatingIfNeeded: buffer.count),
                        Parameters.transient)
                }
            case .integer(let number): _ = sqlite3_bind_int64(handle, index, number)
            case .real(let number): _ = sqlite3_bind_double(handle, index, number)
            case .null: _ = sqlite3_bind_null(handle, index)
            }
        }

        /// SQLITE_TRANSIENT: SQLite copies the bytes before the call returns.
        private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    }
}
