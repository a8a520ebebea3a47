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

    /// Where `id` is in the table, or where it would go: the line it was first accepted on, if
    /// it was, and what `remember` needs to put it there without looking again.
    struct Probe {
        let hash: UInt64
        let index: Int
        /// The line the id was accepted on; nil when it is not in the table.
        let line: Int?
    }

    /// Looks `id` up (making room first, so that the probe stays valid until `remember`).
    ///
    /// - Complexity: O(length of `id`) on average.
    mutating func lookup(_ id: UnsafeBufferPointer<UInt8>) -> Probe {
        if (count + 1) * 4 > slots.count * 3 { grow() }
        let hash = Self.hash(id)
        var index = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while slots[index].line != 0 {
            if matches(slots[index], hash, id) { return Probe(hash: hash, index: index, line: Int(slots[index].line)) }
            index = (index + 1) & (slots.count - 1)
        }
        return Probe(hash: hash, index: index, line: nil)
    }

    /// The line `id` was first accepted on, if it was.
    mutating func firstLine(of id: UnsafeBufferPointer<UInt8>) -> Int? { lookup(id).line }

    /// Remembers that `id`, just looked up with `probe`, was accepted on `line`: in a free slot,
    /// or in place of the line it was remembered with (its first row was refused after all).
    mutating func remember(_ id: UnsafeBufferPointer<UInt8>, line: Int, at probe: Probe) {
        guard let line32 = UInt32(exactly: line), line32 > 0 else { return }
        if probe.line != nil {
            slots[probe.index].line = line32
            return
        }
        guard !full, let start = UInt32(exactly: arena.count), let length = UInt32(exactly: id.count),
              UInt32.max - start >= length
        else {
            full = true
            return
        }
        arena.append(contentsOf: id)
        slots[probe.index] = Slot(line: line32, tag: UInt32(truncatingIfNeeded: probe.hash >> 32), start: start, length: length)
        count += 1
    }

    /// Remembers that `id` was accepted on `line` (an id already remembered keeps its first line).
    mutating func insert(_ id: UnsafeBufferPointer<UInt8>, line: Int) {
        let probe = lookup(id)
        if probe.line == nil { remember(id, line: line, at: probe) }
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
