import Foundation
import FuzzChecks
import SLATestSupport
import Testing

/// Every seed input of the `csv` fuzz target (Fuzz/corpus/csv/) and every input a fuzzer ever
/// crashed on (Fuzz/regressions/csv/), through the target's own checks (Fuzz/Checks/CSVCheck.swift),
/// with the file reader in windows of every small size and of the default megabyte.
@Suite struct FuzzRegressionTests {
    @Test(arguments: FuzzInput.all(of: "csv"))
    func csv(_ input: FuzzInput) throws {
        let bytes = try input.bytes()
        let folder = try TemporaryDirectory()
        let path = try folder.write("scratch.csv", "")
        let scratch = try #require(FileHandle(forUpdatingAtPath: path))
        defer { try? scratch.close() }
        for chunk in [1, 2, 3, 4, 5, 6, 7, 1 << 20] {
            let failures = FuzzChecks.failures { CSVFuzzCheck.run(bytes, chunk: chunk, scratch: scratch) }
            #expect(failures.isEmpty, "\(input), chunk \(chunk): \(failures)")
        }
    }

    @Test func theTargetHasSeeds() {
        #expect(FuzzInput.all(of: "csv").count >= 10)
    }
}
