import Foundation

/// Work done on a thread of its own while the caller does other work, its result (or error)
/// waited for once: the night writes the day's files while it writes the month's reports.
final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var outcome: Result<Value, SLAError>?

    /// Starts `work` on its own thread; with `inBackground` false, runs it here and now.
    init(inBackground: Bool = true, _ work: @escaping @Sendable () throws(SLAError) -> Value) {
        guard inBackground else {
            outcome = Result { () throws(SLAError) in try work() }
            done.signal()
            return
        }
        Thread.detachNewThread { [self] in
            outcome = Result { () throws(SLAError) in try work() }
            done.signal()
        }
    }

    /// Waits for the work, then its value or its error. Called once.
    var result: Result<Value, SLAError> {
        done.wait()
        return outcome ?? .failure(SLAError(.systemFailure, "the background work ended without a result"))
    }
}
