// libFuzzer target `timestamp`: `Timestamp.parse(bytes:)` and `Timestamp.parse(_:)` on any bytes.
//
// Built by scripts/fuzz.sh in one module with Sources/SLACore/*.swift and its checks,
// Fuzz/Checks/TimestampCheck.swift, which `make test` also runs on every file of
// Fuzz/corpus/timestamp/ and Fuzz/regressions/timestamp/.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    TimestampFuzzCheck.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}

/// A broken invariant: says which, and aborts so that libFuzzer saves the input.
func fuzzCheck(_ condition: Bool, _ message: @autoclosure () -> String) {
    guard !condition else { return }
    let text = "fuzz check failed: \(message())\n"
    _ = text.withCString { write(2, $0, strlen($0)) }
    abort()
}
