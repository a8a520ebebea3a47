import FuzzChecks
import Testing

/// Every seed input of the `timestamp` and `calendar` fuzz targets (Fuzz/corpus/<target>/) and every
/// input a fuzzer ever crashed on (Fuzz/regressions/<target>/), through the targets' own checks
/// (Fuzz/Checks/).
@Suite struct FuzzRegressionTests {
    @Test(arguments: FuzzInput.all(of: "timestamp"))
    func timestamp(_ input: FuzzInput) throws {
        let bytes = try input.bytes()
        let failures = FuzzChecks.failures { bytes.withUnsafeBufferPointer { TimestampFuzzCheck.run($0) } }
        #expect(failures.isEmpty, "\(input): \(failures)")
    }

    @Test(arguments: FuzzInput.all(of: "calendar"))
    func calendar(_ input: FuzzInput) throws {
        let bytes = try input.bytes()
        let failures = FuzzChecks.failures { bytes.withUnsafeBufferPointer { CalendarFuzzCheck.run($0) } }
        #expect(failures.isEmpty, "\(input): \(failures)")
    }

    @Test func everyTargetHasSeeds() {
        #expect(FuzzInput.all(of: "timestamp").count >= 10)
        #expect(FuzzInput.all(of: "calendar").count >= 10)
    }
}
