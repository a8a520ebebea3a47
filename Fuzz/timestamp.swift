// libFuzzer target `timestamp`: `Timestamp.parse(bytes:)` and `Timestamp.parse(_:)` on any bytes.
//
// Built by scripts/fuzz.sh in one module with Sources/SLACore/*.swift and its checks,
// Fuzz/Checks/TimestampCheck.swift, which `make test` also runs on every file of
// Fuzz/corpus/timestamp/ and Fuzz/regressions/timestamp/.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    TimestampFuzzCheck.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}
