import Foundation

/// Batches handed by the thread that reads to a thread of their own that works on them, in the
/// order they were sent, with at most `depth` waiting: the export reads and decodes the next
/// cases while the previous ones are evaluated and written, on two cores, in bounded memory.
final class HandOff<Batch: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var waiting: [Batch] = []
    private var finished = false
    private var working = true
    private var failure: (any Error)?
    private let depth: Int

    /// Starts the working thread; `work` is called there with each batch, in order, and never
    /// again after it throws.
    init(depth: Int = 2, work: @escaping @Sendable (Batch) throws -> Void) {
        self.depth = max(1, depth)
        Thread.detachNewThread { [self] in
            while let batch = take() {
                do {
                    try work(batch)
                } catch {
                    condition.lock()
                    failure = error
                    waiting.removeAll()
                    condition.broadcast()
                    condition.unlock()
                    break
                }
            }
            condition.lock()
            working = false
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Hands `batch` over, waiting while `depth` batches wait; throws the work's error, once it
    /// failed, so that the reader stops.
    func send(_ batch: Batch) throws {
        condition.lock()
        defer { condition.unlock() }
        while failure == nil, working, waiting.count >= depth { condition.wait() }
        if let failure { throw failure }
        waiting.append(batch)
        condition.broadcast()
    }

    /// Waits until every batch sent has been worked on; throws the work's error, if any. Called
    /// once, also when the reader failed, so that no work outlives the call.
    func finish() throws {
        condition.lock()
        defer { condition.unlock() }
        finished = true
        condition.broadcast()
        while working { condition.wait() }
        if let failure { throw failure }
    }

    private func take() -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty, !finished, failure == nil { condition.wait() }
        guard failure == nil, !waiting.isEmpty else { return nil }
        let batch = waiting.removeFirst()
        condition.broadcast()
        return batch
    }
}
