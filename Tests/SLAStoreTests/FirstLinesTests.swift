import SLACore
import SLATestSupport
import Testing

@testable import SLAStore

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

    /// Ids of every length in order (9 before 10, 99 before 100), where each ends where the next
    /// begins, repeated now and then; then one out of order moves them all into the table.
    @Test func idsOfGrowingLengthInOrderAndThenInTheTable() {
        var random = SeededRandom(seed: 77)
        var table = FirstLines()
        var reference: [[UInt8]: Int] = [:]
        var line = 1
        for number in 1...12_000 {
            line += 1
            let id = Array(String(number).utf8)
            #expect(id.withUnsafeBufferPointer { table.line(of: $0) } == nil)
            let probe = id.withUnsafeBufferPointer { table.lookup($0) }
            id.withUnsafeBufferPointer { table.remember($0, line: line, at: probe) }
            reference[id] = line
            if random.below(7) == 0 {
                let earlier = Array(String(1 + random.below(number)).utf8)
                #expect(earlier.withUnsafeBufferPointer { table.line(of: $0) } == reference[earlier])
                #expect(earlier.withUnsafeBufferPointer { table.lookup($0) }.line == reference[earlier])
            }
        }
        #expect(Array("1".utf8).withUnsafeBufferPointer { table.line(of: $0) } == 2)
        #expect(Array("0".utf8).withUnsafeBufferPointer { table.line(of: $0) } == nil)
        #expect(Array("12001".utf8).withUnsafeBufferPointer { table.line(of: $0) } == nil)
        _ = Array("5".utf8).withUnsafeBufferPointer { table.lookup($0) }  // repeated: still in order
        let outOfOrder = Array("x".utf8)
        let probe = outOfOrder.withUnsafeBufferPointer { table.lookup($0) }  // builds the table
        outOfOrder.withUnsafeBufferPointer { table.remember($0, line: 99_999, at: probe) }
        reference[outOfOrder] = 99_999
        for (id, expected) in reference {
            #expect(id.withUnsafeBufferPointer { table.line(of: $0) } == expected)
        }
    }

    /// Ids in order that share long prefixes, or differ in long tails, or are longer than 127
    /// bytes (every way an id is coded after the one before), on lines with gaps (rows rejected
    /// between them): each found on its line, and none that was not remembered.
    @Test func longAndOddIdsInOrderOnLinesWithGaps() {
        var random = SeededRandom(seed: 91)
        var table = FirstLines()
        var reference: [([UInt8], Int)] = []
        var line = 1
        let prefix = Array(String(repeating: "cliente-nacional-", count: 3).utf8)
        for number in 0..<5_000 {
            line += random.below(4) == 0 ? 2 + random.below(3) : 1
            let digits = String(number)
            let padded = Array((String(repeating: "0", count: 6 - digits.count) + digits).utf8)
            var id = prefix + padded
            // Longer ids come after shorter ones: three runs of one length each.
            if number >= 2_000 { id += Array(String(repeating: "ñ", count: 20).utf8) }
            if number >= 4_000 { id = Array(String(repeating: "x", count: 150).utf8) + padded }
            let probe = id.withUnsafeBufferPointer { table.lookup($0) }
            #expect(probe.line == nil, "\(number)")
            id.withUnsafeBufferPointer { table.remember($0, line: line, at: probe) }
            reference.append((id, line))
        }
        for (id, expected) in reference {
            #expect(id.withUnsafeBufferPointer { table.line(of: $0) } == expected)
            var near = id
            near[near.count - 1] ^= 0x40
            #expect(near.withUnsafeBufferPointer { table.line(of: $0) } == nil)
        }
        // A repeat whose first row was refused after all takes the new line; the rest keep theirs.
        let (moved, _) = reference[1_234]
        let probe = moved.withUnsafeBufferPointer { table.lookup($0) }
        moved.withUnsafeBufferPointer { table.remember($0, line: 777_777, at: probe) }
        #expect(moved.withUnsafeBufferPointer { table.line(of: $0) } == 777_777)
        #expect(reference[1_235].0.withUnsafeBufferPointer { table.line(of: $0) } == reference[1_235].1)
        // Out of order: everything moves into the table, lines and all.
        let odd = Array("a".utf8)
        let oddProbe = odd.withUnsafeBufferPointer { table.lookup($0) }
        odd.withUnsafeBufferPointer { table.remember($0, line: 888_888, at: oddProbe) }
        for (index, (id, expected)) in reference.enumerated() {
            #expect(id.withUnsafeBufferPointer { table.line(of: $0) } == (index == 1_234 ? 777_777 : expected))
        }
        #expect(odd.withUnsafeBufferPointer { table.line(of: $0) } == 888_888)
    }
}
