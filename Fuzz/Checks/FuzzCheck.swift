// How a broken invariant is reported when the checks run in `make test` (the fuzzers define
// their own `fuzzCheck`, which aborts so that libFuzzer keeps the input).

import Synchronization

/// Records a broken invariant for `FuzzChecks.failures(of:)`.
func fuzzCheck(_ condition: Bool, _ message: @autoclosure () -> String) {
    guard !condition else { return }
    let failure = message()
    FuzzChecks.current?.failures.withLock { $0.append(failure) }
}

/// Runs the fuzz targets' checks as ordinary code.
public enum FuzzChecks {
    final class Collector: Sendable {
        let failures = Mutex<[String]>([])
    }

    @TaskLocal static var current: Collector?

    /// The invariants `body` broke, each said as the fuzzer would say it.
    public static func failures(of body: () throws -> Void) rethrows -> [String] {
        let collector = Collector()
        try $current.withValue(collector) { try body() }
        return collector.failures.withLock { $0 }
    }
}
