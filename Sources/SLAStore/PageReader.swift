import Foundation
import GRDB
import SLACore

/// Reads a night's pages of cases in order, one after the other: on the caller's connection, or
/// ahead on a thread of its own, a page at a time and only as many as it is allowed (`allow`),
/// so that each is read once the transaction it belongs to holds the write lock.
///
/// The reading thread and the night share nothing but this object, guarded by its condition.
final class PageReader: @unchecked Sendable {
    private let store: CaseStore
    private let source: CaseStore.PageSource
    private let asOf: Instant
    private let everySettled: Bool
    private let pageSize: Int
    /// Where the next page starts; touched only by whoever reads.
    private var after: CaseStore.StoredKey?
    private var exhausted = false

    private let condition = NSCondition()
    private var permits = 0
    private var ready: [Result<[CaseStore.WatchedCase]?, any Error>] = []
    private var stopping = false
    private var running = false
    /// Pages read and not yet taken, at most: the night holds two pages, whatever the history.
    private static let readyAtMost = 1

    init(store: CaseStore, source: CaseStore.PageSource, asOf: Instant, everySettled: Bool, pageSize: Int) {
        self.store = store
        self.source = source
        self.asOf = asOf
        self.everySettled = everySettled
        self.pageSize = pageSize
    }

    /// The next page, read on `db`; nil after the last.
    func read(_ db: Database) throws -> [CaseStore.WatchedCase]? {
        guard !exhausted else { return nil }
        let page = try CaseStore.readPage(source, after: after, asOf: asOf, everySettled: everySettled, limit: pageSize, db)
        after = page.last
        // A short page is the last: the next read would find nothing.
        if page.cases.count < pageSize { exhausted = true }
        return page.cases.isEmpty ? nil : page.cases
    }

    /// Starts the thread that reads ahead, each page in a read transaction of its own on `pool`.
    func readAhead(in pool: DatabasePool) throws {
        condition.lock()
        running = true
        condition.unlock()
        let thread = Thread { [self] in
            while waitForPermit() {
                let page = Result { try pool.read { db in try read(db) } }
                condition.lock()
                ready.append(page)
                condition.broadcast()
                condition.unlock()
                if case .success(.some) = page { continue }
                break
            }
            condition.lock()
            running = false
            condition.broadcast()
            condition.unlock()
        }
        thread.name = "sla: reading the night's cases"
        thread.start()
    }

    /// Lets the thread read `count` more pages.
    func allow(_ count: Int) {
        condition.lock()
        permits += count
        condition.broadcast()
        condition.unlock()
    }

    /// The next page read ahead; nil after the last. Each page must have been allowed.
    func next() throws -> [CaseStore.WatchedCase]? {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty {
            guard running else { return nil }
            condition.wait()
        }
        let page = ready.removeFirst()
        condition.broadcast()
        return try page.get()
    }

    /// Stops the thread and waits for it: nothing reads once the night has moved on.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while running { condition.wait() }
        condition.unlock()
    }

    private func waitForPermit() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !stopping, permits == 0 || ready.count >= Self.readyAtMost { condition.wait() }
        guard !stopping else { return false }
        permits -= 1
        return true
    }
}
