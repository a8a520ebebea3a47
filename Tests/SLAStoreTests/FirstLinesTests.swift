@testable import SLAStore
import SLACore
import SLATestSupport
import Testing

/// The table of the lines ids were first accepted on, against a dictionary, on random ids that
/// share prefixes and lengths (so hashes and probes collide), through several growths.
@Suite struct FirstLinesTests {
    @Test func answersAsADictionaryWould() {
        var random = SeededRandom(seed: 12)
        var table = FirstLines()
        var reference: [[UInt8]: Int] = [:]
        for line in 2..<30_000 {
            let id = Array("C\(random.below(20_000))".utf8) + (random.below(5) == 0 ? [0xC3, 0xB1] : [])
            let found = id.withUnsafeBufferPointer { table.firstLine(of: $0) }
            #expect(found == reference[id], "line \(line)")
            if found == nil, random.below(3) > 0 {
                id.withUnsafeBufferPointer { table.insert($0, line: line) }
                reference[id] = line
            }
        }
        #expect(reference.count > 10_000)
    }
}
