import FuzzChecks
import Testing

/// The `policy` fuzz target's checks (Fuzz/Checks/PolicyCheck.swift) on every seed and every input
/// a fuzzer ever crashed on.
@Suite struct FuzzRegressionTests {
    @Test(arguments: FuzzInput.all(of: "policy"))
    func policy(_ input: FuzzInput) throws {
        let bytes = try input.bytes()
        let failures = FuzzChecks.failures { bytes.withUnsafeBufferPointer { PolicyFuzzCheck.run($0) } }
        #expect(failures.isEmpty, "\(input): \(failures)")
    }

    @Test func theTargetHasSeeds() {
        #expect(FuzzInput.all(of: "policy").count >= 10)
    }
}

/// The `profile` fuzz target's checks (Fuzz/Checks/ProfileCheck.swift) on every seed and every
/// input a fuzzer ever crashed on.
@Suite struct ProfileFuzzRegressionTests {
    @Test(arguments: FuzzInput.all(of: "profile"))
    func profile(_ input: FuzzInput) throws {
        let bytes = try input.bytes()
        let failures = FuzzChecks.failures { bytes.withUnsafeBufferPointer { ProfileFuzzCheck.run($0) } }
        #expect(failures.isEmpty, "\(input): \(failures)")
    }

    @Test func theTargetHasSeeds() {
        #expect(FuzzInput.all(of: "profile").count >= 10)
    }
}
