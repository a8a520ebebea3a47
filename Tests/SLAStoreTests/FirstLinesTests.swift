@testable import SLAStore
import SLACore
import SLATestSupport
import Testing

/// The table of the lines ids were first accepted on, against a dictionary: ids in order first (and
/// some repeated, found by binary search), then random ids that share prefixes and lengths (so
/// hashes and probes collide), through the move to the table and several growths.
@Suite struct FirstLinesTests {
    @Test(arguments: [0, 1, 3_000])
    func answersAsADictionaryWould(orderedFirst: Int) {
        var random = SeededRandom(seed: UInt64(12 + orderedFirst))
        var table = FirstLines()
        var reference: [[UInt8]: Int] = [:]
        var ascending = 0
        for line in 2..<30_000 {
            let id: [UInt8]
            if line < orderedFirst {
                if random.below(10) == 0, ascending > 0 {
                    id = Array("A\(100_000 + random.below(ascending))".utf8)  // a repeat of an earlier id
                } else {
                    ascending += 1 + random.below(3)
                    id = Array("A\(100_000 + ascending)".utf8)
                }
            } else {
                id = Array("C\(random.below(20_000))".utf8) + (random.below(5) == 0 ? [0xC3, 0xB1] : [])
            }
            #expect(id.withUnsafeBufferPointer { table.line(of: $0) } == reference[id], "line \(line)")
            let probe = id.withUnsafeBufferPointer { table.lookup($0) }
            #expect(probe.line == reference[id], "line \(line)")
            if probe.line == nil, random.below(3) > 0 {
                id.withUnsafeBufferPointer { table.remember($0, line: line, at: probe) }
                reference[id] = line
            } else if probe.line != nil, random.below(50) == 0 {
                // A first row refused after all: the id is remembered with this line instead.
                id.withUnsafeBufferPointer { table.remember($0, line: line, at: probe) }
                reference[id] = line
            }
        }
        #expect(reference.count > 10_000)
    }
}
