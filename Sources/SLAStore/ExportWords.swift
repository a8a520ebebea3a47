import SLACore

/// The profile's words (values, rule words) compared with an export's bytes as `ExportLayout.key`
/// compares them — trimmed, without regard to case — without making a String of the millions of
/// values that are plain ASCII.
struct ExportWords<Value> {
    private var entries: [(key: [UInt8], value: Value)] = []

    init(_ words: [(String, Value)]) {
        entries = words.map { (Array(ExportLayout.key($0.0).utf8), $0.1) }
    }

    var isEmpty: Bool { entries.isEmpty }

    /// The value of the word `bytes` (trimmed already) is, or nil.
    func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        var ascii = true
        for entry in entries where entry.key.count == bytes.count {
            var equal = true
            for index in 0..<bytes.count {
                let byte = bytes[index]
                if byte >= 0x80 { ascii = false }
                let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                if lower != entry.key[index] {
                    equal = false
                    break
                }
            }
            if equal { return entry.value }
        }
        if ascii, bytes.allSatisfy({ $0 < 0x80 }) { return nil }
        // An upper-case letter outside ASCII (PETICIÓN): compared as text.
        let key = Array(ExportLayout.key(String(decoding: bytes, as: UTF8.self)).utf8)
        return entries.first { $0.key == key }?.value
    }

    func contains(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool where Value == Void { lookup(bytes) != nil }
}

extension ByteArena {
    /// `2026-11-13T17:00:00-05:00`, as `Timestamp.format` writes it, without a String.
    func appendTimestamp(_ instant: Instant) {
        let date = instant.localDate
        let second = instant.localSecondOfDay
        let year = date.year
        if (0...9999).contains(year) {
            append(UInt8(0x30 + year / 1000))
            append(UInt8(0x30 + year / 100 % 10))
            append(UInt8(0x30 + year / 10 % 10))
            append(UInt8(0x30 + year % 10))
        } else {
            append(String(year))
        }
        func two(_ value: Int) {
            append(UInt8(0x30 + value / 10))
            append(UInt8(0x30 + value % 10))
        }
        append(UInt8(ascii: "-"))
        two(date.month)
        append(UInt8(ascii: "-"))
        two(date.day)
        append(UInt8(ascii: "T"))
        two(second / 3600)
        append(UInt8(ascii: ":"))
        two(second / 60 % 60)
        append(UInt8(ascii: ":"))
        two(second % 60)
        append("-05:00")
    }
}
