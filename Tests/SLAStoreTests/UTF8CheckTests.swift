import SLACore
import Testing

@testable import SLAStore

/// The import's UTF-8 check, written by hand so an accented word costs no String, against the
/// standard library's decoder on every well-formed and malformed shape: random bytes biased
/// towards lead and continuation bytes, overlong forms, surrogates and code points past U+10FFFF.
@Suite struct UTF8CheckTests {
    @Test func agreesWithTheStandardLibrary() {
        var random = SeededRandom(seed: 27)
        let interesting: [UInt8] = [
            0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1,
            0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF
        ]
        for _ in 0..<200_000 {
            let bytes = (0..<random.below(7)).map { _ in
                random.below(3) == 0 ? UInt8(truncatingIfNeeded: random.next()) : interesting[random.below(interesting.count)]
            }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            #expect(bytes.withUnsafeBufferPointer { ImportRow.isUTF8($0) } == expected, "\(bytes)")
        }
        for text in ["", "Técnico", "Petición", "€", "𝄞 clef", "ñandú"] {
            #expect(Array(text.utf8).withUnsafeBufferPointer { ImportRow.isUTF8($0) })
        }
    }
}
