/// The line of a file on which each id was first accepted, so a second row with the same id can
/// be rejected naming the first (SPEC §7: rows read = accepted + rejected, and no row silently
/// overwrites another of the same file).
///
/// Exact — ids are compared byte for byte — and compact enough for a file of millions of rows:
/// the ids' bytes in one arena and an open-addressing table of 16-byte slots (about 60 MB for
/// three million events).
struct FirstLines {
    private struct Slot {
        /// 0 for an empty slot (lines start at 1).
        var line: UInt32 = 0
        var tag: UInt32 = 0
        var start: UInt32 = 0
        var length: UInt32 = 0
    }

    private var arena: [UInt8] = []
    private var slots = [Slot](repeating: Slot(), count: 1 << 10)
    private var count = 0
    /// The ids no longer fit the arena's 32-bit offsets (over 4 GB of ids): later ids are not
    /// remembered, rather than the import failing.
    private var full = false

    /// The line `id` was first accepted on, if it was.
    ///
    /// - Complexity: O(length of `id`) on average.
    func firstLine(of id: UnsafeBufferPointer<UInt8>) -> Int? {
        let hash = Self.hash(id)
        var index = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while slots[index].line != 0 {
            if matches(slots[index], hash, id) { return Int(slots[index].line) }
            index = (index + 1) & (slots.count - 1)
        }
        return nil
    }

    /// Remembers that `id` was accepted on `line`; an id already remembered keeps its first line
    /// unless `replacing` (its first row was refused after all).
    mutating func remember(_ id: UnsafeBufferPointer<UInt8>, line: Int, replacing: Bool = false) {
        if replacing {
            let hash = Self.hash(id)
            var index = Int(truncatingIfNeeded: hash) & (slots.count - 1)
            while slots[index].line != 0 {
                if matches(slots[index], hash, id) {
                    if let line32 = UInt32(exactly: line), line32 > 0 { slots[index].line = line32 }
                    return
                }
                index = (index + 1) & (slots.count - 1)
            }
        }
        insert(id, line: line)
    }

    /// Remembers that `id` was accepted on `line` (an id already remembered keeps its first line).
    mutating func insert(_ id: UnsafeBufferPointer<UInt8>, line: Int) {
        guard !full, let line32 = UInt32(exactly: line), line32 > 0,
              let start = UInt32(exactly: arena.count), let length = UInt32(exactly: id.count),
              UInt32.max - start >= length
        else {
            full = true
            return
        }
        if (count + 1) * 4 > slots.count * 3 { grow() }
        let hash = Self.hash(id)
        var index = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while slots[index].line != 0 {
            if matches(slots[index], hash, id) { return }
            index = (index + 1) & (slots.count - 1)
        }
        arena.append(contentsOf: id)
        slots[index] = Slot(line: line32, tag: UInt32(truncatingIfNeeded: hash >> 32), start: start, length: length)
        count += 1
    }

    private func matches(_ slot: Slot, _ hash: UInt64, _ id: UnsafeBufferPointer<UInt8>) -> Bool {
        guard slot.tag == UInt32(truncatingIfNeeded: hash >> 32), Int(slot.length) == id.count else { return false }
        return arena.withUnsafeBufferPointer { stored in
            stored[Int(slot.start)..<(Int(slot.start) + Int(slot.length))].elementsEqual(id)
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        for slot in old where slot.line != 0 {
            let hash = arena.withUnsafeBufferPointer { stored in
                Self.hash(UnsafeBufferPointer(rebasing: stored[Int(slot.start)..<(Int(slot.start) + Int(slot.length))]))
            }
            var index = Int(truncatingIfNeeded: hash) & (slots.count - 1)
            while slots[index].line != 0 { index = (index + 1) & (slots.count - 1) }
            slots[index] = slot
        }
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
