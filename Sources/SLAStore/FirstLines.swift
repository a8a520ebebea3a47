/// The line of a file on which each id was first accepted, so a second row with the same id can
/// be rejected naming the first (SPEC §7: rows read = accepted + rejected, and no row silently
/// overwrites another of the same file).
///
/// Exact — ids are compared byte for byte — and small for a file of millions of rows. Exports
/// usually list ids in order: while every id comes after the one before (shorter ids first, then
/// by bytes, so that 9 comes before 10 and C0000009 before C0000010), none can repeat, and each id
/// is kept as what it adds to the one before it (front coding: `C0000010` after `C0000009` is one
/// byte for the six bytes they share and the length of the rest, then `10`), sixteen to a block
/// that starts with a whole id; the lines are kept as runs of consecutive lines (one run for a
/// file without a rejected row). A repeat is found by a binary search over the blocks. That is
/// about 2–4 bytes an id — 40 MB for fifteen million events, where a start and a line each took
/// 16 bytes. At the first id out of order the ids go into an open-addressing table of 16-byte
/// slots beside their bytes (about 25 bytes an id), which serves from then on: a file in no order
/// costs that much.
struct FirstLines {
    /// An id in the arena, and its line (0: an empty slot of the table; lines start at 1).
    private struct Slot {
        var line: UInt32 = 0
        var tag: UInt32 = 0
        var start: UInt32 = 0
        var length: UInt32 = 0
    }

    /// Consecutive lines from `index` on: the id in order at `index + n` was accepted on `line + n`.
    private struct LineRun {
        var index: Int
        var line: Int
    }

    /// While the ids come in order: each id front-coded after the one before it, a whole id at the
    /// start of each block (`Self.idsPerBlock` ids).
    private var coded: [UInt8] = []
    /// Where each block starts in `coded`.
    private var blockStarts: [UInt32] = []
    /// The last id in order, whole.
    private var last: [UInt8] = []
    /// The ids' lines, as runs of consecutive lines, by index.
    private var lineRuns: [LineRun] = []
    /// The lines of ids remembered again with another line (their first row refused after all).
    private var movedLines: [Int: UInt32] = [:]
    private var orderedCount = 0

    /// Once an id came out of order: the ids one after another, and the table of them, its size a
    /// power of two.
    private var arena: [UInt8] = []
    private var slots: [Slot] = []
    private var count = 0
    /// The ids no longer fit 32-bit offsets (over 4 GB of ids): later ids are not remembered,
    /// rather than the import failing.
    private var full = false

    private var isOrdered: Bool { slots.isEmpty }

    private static let idsPerBlock = 16

    /// Where `id` is, or where it would go: the line it was first accepted on, if it was, and what
    /// `remember` needs to put it there without looking again.
    struct Probe {
        let hash: UInt64
        /// In the table: the slot. In order: the position among the ids in order (their end for a
        /// new id).
        let index: Int
        /// The line the id was accepted on; nil when it was not.
        let line: Int?
    }

    /// Looks `id` up (making room first, so that the probe stays valid until `remember`).
    ///
    /// - Complexity: O(1) for an id after the last one while ids come in order, O(log n) for one
    ///   before it; O(length of `id`) on average in the table.
    mutating func lookup(_ id: UnsafeBufferPointer<UInt8>) -> Probe {
        if isOrdered {
            guard orderedCount > 0, !Self.precedes(last, id) else { return Probe(hash: 0, index: orderedCount, line: nil) }
            if let found = position(of: id) { return Probe(hash: 0, index: found, line: lineInOrder(found)) }
            // A new id out of order: from now on the table serves.
            buildTable()
        }
        if (count + 1) * 4 > slots.count * 3 { grow() }
        let hash = Self.hash(id)
        var index = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while slots[index].line != 0 {
            if matches(slots[index], hash, id) { return Probe(hash: hash, index: index, line: Int(slots[index].line)) }
            index = (index + 1) & (slots.count - 1)
        }
        return Probe(hash: hash, index: index, line: nil)
    }

    /// The line `id` was first accepted on, if it was, found without making room: for a table no
    /// longer added to.
    func line(of id: UnsafeBufferPointer<UInt8>) -> Int? {
        if isOrdered {
            guard orderedCount > 0, !Self.precedes(last, id) else { return nil }
            return position(of: id).map(lineInOrder)
        }
        let hash = Self.hash(id)
        var index = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while slots[index].line != 0 {
            if matches(slots[index], hash, id) { return Int(slots[index].line) }
            index = (index + 1) & (slots.count - 1)
        }
        return nil
    }

    /// Remembers that `id`, just looked up with `probe`, was accepted on `line`: as a new id, or
    /// in place of the line it was remembered with (its first row was refused after all).
    mutating func remember(_ id: UnsafeBufferPointer<UInt8>, line: Int, at probe: Probe) {
        guard let line32 = UInt32(exactly: line), line32 > 0 else { return }
        if probe.line != nil {
            if isOrdered { movedLines[probe.index] = line32 } else { slots[probe.index].line = line32 }
            return
        }
        guard !full else { return }
        if isOrdered {
            append(id, line: line)
            return
        }
        guard let start = UInt32(exactly: arena.count), let length = UInt32(exactly: id.count), UInt32.max - start >= length
        else {
            full = true
            return
        }
        arena.append(contentsOf: id)
        slots[probe.index] = Slot(
            line: line32, tag: UInt32(truncatingIfNeeded: probe.hash >> 32), start: start,
            length: length)
        count += 1
    }

    /// Remembers that `id` was accepted on `line` (an id already remembered keeps its first line).
    mutating func insert(_ id: UnsafeBufferPointer<UInt8>, line: Int) {
        let probe = lookup(id)
        if probe.line == nil { remember(id, line: line, at: probe) }
    }

    // MARK: In order

    /// Whether `left` comes before `right`: the shorter first, then byte by byte.
    private static func precedes<Left: Collection<UInt8>, Right: Collection<UInt8>>(_ left: Left, _ right: Right) -> Bool {
        guard left.count == right.count else { return left.count < right.count }
        return left.lexicographicallyPrecedes(right)
    }

    /// Appends `id`, which comes after every id in order, accepted on `line`.
    private mutating func append(_ id: UnsafeBufferPointer<UInt8>, line: Int) {
        guard UInt32(exactly: coded.count + id.count + 20) != nil else {
            full = true
            return
        }
        if orderedCount % Self.idsPerBlock == 0 {
            blockStarts.append(UInt32(truncatingIfNeeded: coded.count))
            Self.appendNumber(id.count, to: &coded)
            coded.append(contentsOf: id)
        } else {
            var shared = 0
            let most = min(last.count, id.count)
            while shared < most, last[shared] == id[shared] { shared += 1 }
            let rest = id.count - shared
            if shared < 15, rest < 15 {
                coded.append(UInt8(shared << 4 | rest))
            } else {
                coded.append(0xFF)
                Self.appendNumber(shared, to: &coded)
                Self.appendNumber(rest, to: &coded)
            }
            coded.append(contentsOf: id[shared...])
        }
        last.removeAll(keepingCapacity: true)
        last.append(contentsOf: id)
        if let run = lineRuns.last, run.line + (orderedCount - run.index) == line {
            // The run goes on.
        } else {
            lineRuns.append(LineRun(index: orderedCount, line: line))
        }
        orderedCount += 1
    }

    /// The line of the `index`th id in order.
    private func lineInOrder(_ index: Int) -> Int {
        if !movedLines.isEmpty, let moved = movedLines[index] { return Int(moved) }
        var low = 0
        var high = lineRuns.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if lineRuns[middle].index <= index { low = middle } else { high = middle }
        }
        let run = lineRuns[low]
        return run.line + (index - run.index)
    }

    /// The position of `id` among the ids in order: a binary search for its block, then the
    /// block's ids one after another.
    private func position(of id: UnsafeBufferPointer<UInt8>) -> Int? {
        coded.withUnsafeBufferPointer { coded in
            // The last block whose first id does not come after `id`.
            var low = 0
            var high = blockStarts.count
            while high - low > 1 {
                let middle = (low + high) / 2
                if Self.precedes(id, Self.wholeID(at: Int(blockStarts[middle]), in: coded)) {
                    high = middle
                } else {
                    low = middle
                }
            }
            var offset = Int(blockStarts[low])
            let first = Self.wholeID(at: offset, in: coded)
            guard !Self.precedes(id, first) else { return nil }
            if first.elementsEqual(id) { return low * Self.idsPerBlock }
            offset = first.endIndex - coded.startIndex
            var current = Array(first)
            let end = min(orderedCount, (low + 1) * Self.idsPerBlock)
            for index in (low * Self.idsPerBlock + 1)..<max(end, low * Self.idsPerBlock + 1) {
                offset = Self.decodeNext(&current, at: offset, in: coded)
                if current.elementsEqual(id) { return index }
                if Self.precedes(id, current) { return nil }
            }
            return nil
        }
    }

    /// The whole id at the start of a block.
    private static func wholeID(at offset: Int, in coded: UnsafeBufferPointer<UInt8>) -> Slice<UnsafeBufferPointer<UInt8>> {
        var offset = offset
        let length = readNumber(&offset, in: coded)
        return coded[offset..<(offset + length)]
    }

    /// Turns `current` into the id coded after it at `offset`; returns where the next one starts.
    private static func decodeNext(_ current: inout [UInt8], at offset: Int, in coded: UnsafeBufferPointer<UInt8>) -> Int {
        var offset = offset
        let header = coded[offset]
        offset += 1
        let shared: Int
        let rest: Int
        if header == 0xFF {
            shared = readNumber(&offset, in: coded)
            rest = readNumber(&offset, in: coded)
        } else {
            shared = Int(header >> 4)
            rest = Int(header & 0x0F)
        }
        current.removeSubrange(shared...)
        current.append(contentsOf: coded[offset..<(offset + rest)])
        return offset + rest
    }

    /// A number of seven bits a byte, the low ones first.
    private static func appendNumber(_ number: Int, to bytes: inout [UInt8]) {
        var number = number
        while number >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: number) | 0x80)
            number >>= 7
        }
        bytes.append(UInt8(number))
    }

    private static func readNumber(_ offset: inout Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var number = 0
        var shift = 0
        while true {
            let byte = bytes[offset]
            offset += 1
            number |= Int(byte & 0x7F) << shift
            guard byte & 0x80 != 0 else { return number }
            shift += 7
        }
    }

    /// Moves the ids remembered in order into the table.
    private mutating func buildTable() {
        var size = 1 << 10
        while size * 3 <= (orderedCount + 1) * 4 { size *= 2 }
        slots = [Slot](repeating: Slot(), count: size)
        arena = []
        arena.reserveCapacity(coded.count * 2)
        var current: [UInt8] = []
        var offset = 0
        coded.withUnsafeBufferPointer { coded in
            for index in 0..<orderedCount {
                if index % Self.idsPerBlock == 0 {
                    let whole = Self.wholeID(at: Int(blockStarts[index / Self.idsPerBlock]), in: coded)
                    current = Array(whole)
                    offset = whole.endIndex - coded.startIndex
                } else {
                    offset = Self.decodeNext(&current, at: offset, in: coded)
                }
                guard let start = UInt32(exactly: arena.count), let length = UInt32(exactly: current.count),
                    UInt32.max - start >= length
                else {
                    full = true
                    break
                }
                arena.append(contentsOf: current)
                var slot = Slot(line: UInt32(truncatingIfNeeded: lineInOrder(index)), tag: 0, start: start, length: length)
                place(&slot)
                count += 1
            }
        }
        coded = []
        blockStarts = []
        last = []
        lineRuns = []
        movedLines = [:]
        orderedCount = 0
    }

    // MARK: The table

    private func matches(_ slot: Slot, _ hash: UInt64, _ id: UnsafeBufferPointer<UInt8>) -> Bool {
        guard slot.tag == UInt32(truncatingIfNeeded: hash >> 32), Int(slot.length) == id.count else { return false }
        return arena.withUnsafeBufferPointer { stored in
            stored[Int(slot.start)..<(Int(slot.start) + Int(slot.length))].elementsEqual(id)
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        for var slot in old where slot.line != 0 { place(&slot) }
    }

    /// Puts an id of the arena into the table (its hash made again from its bytes).
    private mutating func place(_ slot: inout Slot) {
        let hash = arena.withUnsafeBufferPointer { stored in
            Self.hash(UnsafeBufferPointer(rebasing: stored[Int(slot.start)..<(Int(slot.start) + Int(slot.length))]))
        }
        slot.tag = UInt32(truncatingIfNeeded: hash >> 32)
        var index = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while slots[index].line != 0 { index = (index + 1) & (slots.count - 1) }
        slots[index] = slot
    }

    /// FNV-1a, 64 bits, then mixed so that both halves (index and tag) use every byte.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        hash ^= hash >> 33
        hash = hash &* 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        return hash
    }
}
