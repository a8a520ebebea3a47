// The fuzzers' `fuzzCheck` (compiled into each target by scripts/fuzz.sh): a broken invariant is
// said on standard error and aborts, so that libFuzzer keeps the input. The tests have their own
// (Fuzz/Checks/FuzzCheck.swift), which records it instead.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

func fuzzCheck(_ condition: Bool, _ message: @autoclosure () -> String) {
    guard !condition else { return }
    let text = "fuzz check failed: \(message())\n"
    _ = text.withCString { write(2, $0, strlen($0)) }
    abort()
}
