/// The line of a file on which each id was first accepted, so a second row with the same id can
/// be rejected naming the first (SPEC §7: rows read = accepted + rejected, and no row silently
/// overwrites another of the same file).
///
/// Exact — ids are compared byte for byte — and cheap for a file of millions of rows. Exports
/// usually list ids in order: while every id comes after the one before (shorter ids first, then
/// by bytes, so that 9 comes before 10 and C0000009 before C0000010), none can repeat, and the
/// ids are only appended to one arena (no hashing, memory read in order), with 8 bytes each for
/// where it starts and its line; a repeat is found by a binary search. At the first id out of order
/// the ids go into an open-addressing table of 16-byte slots (about 60 MB for three million
/// events), which serves from then on.
struct FirstLines {
    /// An id in the arena, and its line (0: an empty slot of the table; lines start at 1).
    private struct Slot {
        var line: UInt32 = 0
        var tag: UInt32 = 0
        var start: UInt32 = 0
        var length: UInt32 = 0
    }

    private var arena: [UInt8] = []
    /// While the ids come in order: where each id starts in the arena (it ends where the next
    /// starts) and its line, in that order. Empty once the table serves.
    private var orderedStarts: [UInt32] = []
    private var orderedLines: [UInt32] = []
    /// Once an id came out of order: the table, its size a power of two.
    private var slots: [Slot] = []
    private var count = 0
    /// The ids no longer fit the arena's 32-bit offsets (over 4 GB of ids): later ids are not
    /// remembered, rather than the import failing.
    private var full = false

    private var isOrdered: Bool { slots.isEmpty }

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
            guard !orderedStarts.isEmpty, !precedes(orderedStarts.count - 1, id) else {
                return Probe(hash: 0, index: orderedStarts.count, line: nil)
            }
            if let found = position(of: id) { return Probe(hash: 0, index: found, line: Int(orderedLines[found])) }
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
            guard !orderedStarts.isEmpty, !precedes(orderedStarts.count - 1, id) else { return nil }
            return position(of: id).map { Int(orderedLines[$0]) }
        }
        let hash = Self.hash(id)
        var index = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while slots[index].line != 0 {
            if matches(slots[index], hash, id) { return Int(slots[index].line) }
            index = (index + 1) & (slots.count - 1)
        }
        return nil
    }

    /// The line `id` was first accepted on, if it was.
    mutating func firstLine(of id: UnsafeBufferPointer<UInt8>) -> Int? { lookup(id).line }

    /// Remembers that `id`, just looked up with `probe`, was accepted on `line`: as a new id, or
    /// in place of the line it was remembered with (its first row was refused after all).
    mutating func remember(_ id: UnsafeBufferPointer<UInt8>, line: Int, at probe: Probe) {
        guard let line32 = UInt32(exactly: line), line32 > 0 else { return }
        if probe.line != nil {
            if isOrdered { orderedLines[probe.index] = line32 } else { slots[probe.index].line = line32 }
            return
        }
        guard !full, let start = UInt32(exactly: arena.count), let length = UInt32(exactly: id.count),
              UInt32.max - start >= length
        else {
            full = true
            return
        }
        arena.append(contentsOf: id)
        if isOrdered {
            orderedStarts.append(start)
            orderedLines.append(line32)
        } else {
            slots[probe.index] = Slot(line: line32, tag: UInt32(truncatingIfNeeded: probe.hash >> 32), start: start,
                                      length: length)
        }
        count += 1
    }

    /// Remembers that `id` was accepted on `line` (an id already remembered keeps its first line).
    mutating func insert(_ id: UnsafeBufferPointer<UInt8>, line: Int) {
        let probe = lookup(id)
        if probe.line == nil { remember(id, line: line, at: probe) }
    }

    // MARK: In order

    /// Where the `index`th id in order is in the arena.
    private func orderedRange(_ index: Int) -> Range<Int> {
        Int(orderedStarts[index])..<(index + 1 < orderedStarts.count ? Int(orderedStarts[index + 1]) : arena.count)
    }

    /// Whether the `index`th id in order comes before `id`: the shorter first, then byte by byte.
    private func precedes(_ index: Int, _ id: UnsafeBufferPointer<UInt8>) -> Bool {
        let range = orderedRange(index)
        guard range.count == id.count else { return range.count < id.count }
        return arena.withUnsafeBufferPointer { stored in stored[range].lexicographicallyPrecedes(id) }
    }

    /// The position of `id` among the ids in order, by binary search.
    private func position(of id: UnsafeBufferPointer<UInt8>) -> Int? {
        var low = 0, high = orderedStarts.count
        while low < high {
            let middle = (low + high) / 2
            if precedes(middle, id) { low = middle + 1 } else { high = middle }
        }
        guard low < orderedStarts.count, equals(orderedRange(low), id) else { return nil }
        return low
    }

    private func equals(_ range: Range<Int>, _ id: UnsafeBufferPointer<UInt8>) -> Bool {
        range.count == id.count && arena.withUnsafeBufferPointer { stored in stored[range].elementsEqual(id) }
    }

    /// Moves the ids remembered in order into the table.
    private mutating func buildTable() {
        var size = 1 << 10
        while size * 3 <= (orderedStarts.count + 1) * 4 { size *= 2 }
        slots = [Slot](repeating: Slot(), count: size)
        for index in orderedStarts.indices {
            let range = orderedRange(index)
            var slot = Slot(line: orderedLines[index], tag: 0, start: UInt32(truncatingIfNeeded: range.lowerBound),
                            length: UInt32(truncatingIfNeeded: range.count))
            place(&slot)
        }
        orderedStarts = []
        orderedLines = []
    }

    // MARK: The table

    private func matches(_ slot: Slot, _ hash: UInt64, _ id: UnsafeBufferPointer<UInt8>) -> Bool {
        slot.tag == UInt32(truncatingIfNeeded: hash >> 32)
            && equals(Int(slot.start)..<(Int(slot.start) + Int(slot.length)), id)
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
