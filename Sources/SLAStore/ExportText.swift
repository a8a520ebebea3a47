import Foundation
import SLACore

/// The text encodings of a tool's export, turned into the UTF-8 the import works in.
enum ExportText {
    /// Windows-1252's 0x80–0x9F (the five bytes it leaves undefined read as the C1 controls, as
    /// browsers read them); its other bytes are ISO-8859-1's, which are Unicode's first 256.
    static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178
    ]

    /// Appends `bytes`, single-byte text in `encoding`, to `out` as UTF-8.
    static func appendUTF8(_ bytes: UnsafeBufferPointer<UInt8>, _ encoding: ExportLayout.Encoding, to out: inout [UInt8]) {
        if encoding == .utf8 || encoding == .utf16 || bytes.allSatisfy({ $0 < 0x80 }) {
            out.append(contentsOf: bytes)
            return
        }
        for byte in bytes {
            if byte < 0x80 {
                out.append(byte)
                continue
            }
            let scalar: UInt32 = encoding == .windows1252 && byte < 0xA0 ? windows1252High[Int(byte - 0x80)] : UInt32(byte)
            appendScalar(scalar, to: &out)
        }
    }

    /// Appends `bytes`, single-byte text in `encoding`, to `arena` as UTF-8: a field of an export
    /// with an accented word costs no array of its own.
    static func appendUTF8(_ bytes: UnsafeBufferPointer<UInt8>, _ encoding: ExportLayout.Encoding, to arena: ByteArena) {
        if encoding == .utf8 || encoding == .utf16 || bytes.allSatisfy({ $0 < 0x80 }) {
            arena.append(bytes)
            return
        }
        for byte in bytes {
            if byte < 0x80 {
                arena.append(byte)
                continue
            }
            let scalar: UInt32 = encoding == .windows1252 && byte < 0xA0 ? windows1252High[Int(byte - 0x80)] : UInt32(byte)
            // Every scalar of these encodings is below U+10000: two or three bytes.
            if scalar < 0x800 {
                arena.append(UInt8(0xC0 | (scalar >> 6)))
                arena.append(UInt8(0x80 | (scalar & 0x3F)))
            } else {
                arena.append(UInt8(0xE0 | (scalar >> 12)))
                arena.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
                arena.append(UInt8(0x80 | (scalar & 0x3F)))
            }
        }
    }

    static func appendScalar(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80: out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (scalar >> 6)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (scalar >> 12)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            out.append(UInt8(0xF0 | ((scalar >> 18) & 0x07)))
            out.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    /// A UTF-16 file (its byte-order mark required) as UTF-8; nil without a byte-order mark.
    static func utf16(_ data: [UInt8]) -> [UInt8]? {
        guard data.count >= 2 else { return nil }
        let little: Bool
        if data[0] == 0xFF, data[1] == 0xFE {
            little = true
        } else if data[0] == 0xFE, data[1] == 0xFF {
            little = false
        } else {
            return nil
        }
        var units: [UInt16] = []
        units.reserveCapacity(data.count / 2)
        var index = 2
        while index + 1 < data.count {
            units.append(
                little ? UInt16(data[index]) | UInt16(data[index + 1]) << 8 : UInt16(data[index]) << 8 | UInt16(data[index + 1]))
            index += 2
        }
        var out: [UInt8] = []
        out.reserveCapacity(units.count + units.count / 4)
        for scalar in String(decoding: units, as: UTF16.self).unicodeScalars { appendScalar(scalar.value, to: &out) }
        return out
    }
}
