import Foundation

/// Results of work spread over the cores with `concurrentPerform`: each worker writes its own
/// slot once, and the caller reads them in order after, so the output does not depend on which
/// core finished first.
final class OrderedSlots<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Value]

    init(repeating value: Value, count: Int) { slots = Array(repeating: value, count: count) }

    func set(_ index: Int, _ value: Value) { lock.withLock { slots[index] = value } }

    var all: [Value] { lock.withLock { slots } }
}
