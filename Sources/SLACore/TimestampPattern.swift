/// A ticketing tool's way of writing an instant, as a Unicode date pattern (`dd/MM/yyyy HH:mm`,
/// `dd-MM-yyyy hh:mm a`, `dd/MMM/yy h:mm a`): the exports write dates as their locale says, not as
/// ISO 8601.
///
/// Only what exports use is understood: `yyyy` `yy` `y`, `MM` `M` `MMM` `MMMM` (English or Spanish
/// month names, a trailing dot allowed), `dd` `d`, `HH` `H` `hh` `h` `kk` `KK`, `mm` `m`, `ss` `s`,
/// `S…` (fractions, dropped), `a` (AM/PM, `a. m.`/`p. m.` as Spanish locales write them), `XXX`
/// `XX` `X` `xxx` `xx` `ZZZZZ` `Z` (an offset, `Z` for UTC); text in single quotes and any other
/// character that is not a letter stand for themselves. A pattern matches only the whole value
/// (blanks around it ignored); a value without an offset is Bogotá time.
public struct TimestampPattern: Sendable, Equatable, CustomStringConvertible {
    public let text: String
    private let tokens: [Token]
    /// The literals' bytes, one after another: a token holds where its own are, so that reading a
    /// value (millions of them in an export) copies no array per token.
    private let literals: [UInt8]

    public var description: String { text }

    enum Token: Sendable, Equatable {
        case year(digits: Int)  // 4: exactly four, 2: two (2000-2099), 0: 1-4
        case month(minimum: Int)  // 1 or 2 digits
        case monthName
        case day(minimum: Int)
        case hour24(minimum: Int)
        case hour12(minimum: Int)
        case minute(minimum: Int)
        case second(minimum: Int)
        case fraction
        case marker
        case offset
        /// Bytes of `literals`.
        case literal(start: Int, count: Int)
    }

    /// A pattern that cannot parse a date says why.
    public struct Invalid: Error, Sendable, Equatable {
        public var reason: String
    }

    public init(_ text: String) throws(Invalid) {
        self.text = text
        var tokens: [Token] = []
        var literals: [UInt8] = []
        func literal(_ bytes: [UInt8]) -> Token {
            defer { literals += bytes }
            return .literal(start: literals.count, count: bytes.count)
        }
        let characters = Array(text.unicodeScalars)
        var index = 0
        var seen = Set<String>()
        func note(_ what: String) throws(Invalid) {
            guard seen.insert(what).inserted else {
                throw Invalid(reason: "the pattern '\(text)' gives the \(what) twice")
            }
        }
        while index < characters.count {
            let character = characters[index]
            if character == "'" {
                // Quoted text; '' is a quote.
                var quoted = ""
                index += 1
                if index < characters.count, characters[index] == "'" {
                    tokens.append(literal(Array("'".utf8)))
                    index += 1
                    continue
                }
                var closed = false
                while index < characters.count {
                    if characters[index] == "'" {
                        if index + 1 < characters.count, characters[index + 1] == "'" {
                            quoted.append("'")
                            index += 2
                            continue
                        }
                        closed = true
                        index += 1
                        break
                    }
                    quoted.unicodeScalars.append(characters[index])
                    index += 1
                }
                guard closed else { throw Invalid(reason: "the pattern '\(text)' has a quote that is not closed") }
                tokens.append(literal(Array(quoted.utf8)))
                continue
            }
            guard character.properties.isAlphabetic, character.isASCII else {
                tokens.append(literal(Array(String(character).utf8)))
                index += 1
                continue
            }
            var count = 1
            while index + count < characters.count, characters[index + count] == character { count += 1 }
            index += count
            let letter = Character(character)
            switch (letter, count) {
            case ("y", 4), ("u", 4):
                try note("year")
                tokens.append(.year(digits: 4))
            case ("y", 2), ("u", 2):
                try note("year")
                tokens.append(.year(digits: 2))
            case ("y", 1), ("u", 1):
                try note("year")
                tokens.append(.year(digits: 0))
            case ("M", 1...2), ("L", 1...2):
                try note("month")
                tokens.append(.month(minimum: count))
            case ("M", 3...4), ("L", 3...4):
                try note("month")
                tokens.append(.monthName)
            case ("d", 1...2):
                try note("day")
                tokens.append(.day(minimum: count))
            case ("H", 1...2), ("k", 1...2):
                try note("hour")
                tokens.append(.hour24(minimum: count))
            case ("h", 1...2), ("K", 1...2):
                try note("hour")
                tokens.append(.hour12(minimum: count))
            case ("m", 1...2):
                try note("minute")
                tokens.append(.minute(minimum: count))
            case ("s", 1...2):
                try note("second")
                tokens.append(.second(minimum: count))
            case ("S", _):
                try note("fraction")
                tokens.append(.fraction)
            case ("a", 1...5):
                try note("AM/PM marker")
                tokens.append(.marker)
            case ("X", 1...3), ("x", 1...3), ("Z", 1...5):
                try note("offset")
                tokens.append(.offset)
            default:
                throw Invalid(
                    reason: """
                        the pattern '\(text)' has '\(String(repeating: letter, count: count))', which is not a field sla reads \
                        (yyyy, yy, MM, MMM, dd, HH, hh, mm, ss, SSS, a, XXX; quote literal letters: 'T')
                        """)
            }
        }
        for needed in ["year", "month", "day"] where !seen.contains(needed) {
            throw Invalid(reason: "the pattern '\(text)' has no \(needed)")
        }
        let twelveHour = tokens.contains { if case .hour12 = $0 { true } else { false } }
        if twelveHour != seen.contains("AM/PM marker") {
            throw Invalid(
                reason: twelveHour
                    ? "the pattern '\(text)' has a 12-hour clock (h) without its AM/PM marker (a)"
                    : "the pattern '\(text)' has an AM/PM marker (a) without a 12-hour clock (h): use hh, or drop the a")
        }
        if seen.contains("minute") == false, seen.contains("hour") {
            throw Invalid(reason: "the pattern '\(text)' has an hour without minutes")
        }
        self.tokens = tokens
        self.literals = literals
    }

    /// The instant `bytes` (UTF-8) write, or nil when the pattern does not match all of them.
    public func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Instant? {
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        var i = start
        var year: Int?
        var month = 1
        var day = 1
        var hour = 0
        var minute = 0
        var second = 0
        var pm: Bool?
        var offset = Bogota.utcOffsetSeconds
        func number(minimum: Int, maximum: Int) -> Int? {
            var value = 0
            var count = 0
            while i < end, count < maximum, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                value = value * 10 + Int(bytes[i] - 0x30)
                i += 1
                count += 1
            }
            return count >= minimum ? value : nil
        }
        for token in tokens {
            switch token {
            case .year(let digits):
                switch digits {
                case 4:
                    guard let value = number(minimum: 4, maximum: 4) else { return nil }
                    year = value
                case 2:
                    guard let value = number(minimum: 2, maximum: 2) else { return nil }
                    year = 2000 + value
                default:
                    guard let value = number(minimum: 1, maximum: 4) else { return nil }
                    year = value
                }
            case .month(let minimum):
                guard let value = number(minimum: minimum, maximum: 2) else { return nil }
                month = value
            case .monthName:
                guard let value = Self.monthName(bytes, &i, end) else { return nil }
                month = value
            case .day(let minimum):
                guard let value = number(minimum: minimum, maximum: 2) else { return nil }
                day = value
            case .hour24(let minimum):
                guard let value = number(minimum: minimum, maximum: 2) else { return nil }
                hour = value
            case .hour12(let minimum):
                guard let value = number(minimum: minimum, maximum: 2), (1...12).contains(value) else { return nil }
                hour = value
            case .minute(let minimum):
                guard let value = number(minimum: minimum, maximum: 2) else { return nil }
                minute = value
            case .second(let minimum):
                guard let value = number(minimum: minimum, maximum: 2) else { return nil }
                second = value
            case .fraction: guard number(minimum: 1, maximum: 9) != nil else { return nil }
            case .marker:
                guard let value = Self.marker(bytes, &i, end) else { return nil }
                pm = value
            case .offset:
                guard let value = Self.offset(bytes, &i, end) else { return nil }
                offset = value
            case .literal(let start, let count):
                for index in start..<(start + count) {
                    let byte = literals[index]
                    if byte == 0x20 {
                        // A space in the pattern also matches the no-break spaces locales write.
                        guard let width = Self.space(bytes, i, end) else { return nil }
                        i += width
                        continue
                    }
                    guard i < end, bytes[i] == byte else { return nil }
                    i += 1
                }
            }
        }
        guard i == end, let year else { return nil }
        if let pm { hour = hour % 12 + (pm ? 12 : 0) }
        guard hour < 24 || (hour == 24 && minute == 0 && second == 0), minute < 60, second < 60,
            let date = LocalDate(year: year, month: month, day: day)
        else { return nil }
        return Instant(secondsSince1970: Int64(date.dayNumber) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - offset)
    }

    /// A space, U+00A0 or U+202F at `i`: its width in bytes.
    private static func space(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int? {
        if i < end, bytes[i] == 0x20 { return 1 }
        if i + 1 < end, bytes[i] == 0xC2, bytes[i + 1] == 0xA0 { return 2 }
        if i + 2 < end, bytes[i] == 0xE2, bytes[i + 1] == 0x80, bytes[i + 2] == 0xAF { return 3 }
        return nil
    }

    /// `AM`/`PM`, `a.m.`/`p.m.`, `a. m.`/`p. m.` (any case, any space): true for PM.
    private static func marker(_ bytes: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ end: Int) -> Bool? {
        guard i < end else { return nil }
        let first = bytes[i] | 0x20
        guard first == UInt8(ascii: "a") || first == UInt8(ascii: "p") else { return nil }
        var j = i + 1
        if j < end, bytes[j] == UInt8(ascii: ".") {
            j += 1
            if let width = space(bytes, j, end) { j += width }
        }
        guard j < end, bytes[j] | 0x20 == UInt8(ascii: "m") else { return nil }
        j += 1
        if j < end, bytes[j] == UInt8(ascii: ".") { j += 1 }
        i = j
        return first == UInt8(ascii: "p")
    }

    /// `Z`, `±HH:MM`, `±HHMM` or `±HH`: seconds east of UTC.
    private static func offset(_ bytes: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ end: Int) -> Int64? {
        guard i < end else { return nil }
        if bytes[i] == UInt8(ascii: "Z") || bytes[i] == UInt8(ascii: "z") {
            i += 1
            return 0
        }
        guard bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") else { return nil }
        let sign: Int64 = bytes[i] == UInt8(ascii: "-") ? -1 : 1
        var j = i + 1
        func two() -> Int64? {
            guard j + 2 <= end, (0x30...0x39).contains(bytes[j]), (0x30...0x39).contains(bytes[j + 1]) else { return nil }
            defer { j += 2 }
            return Int64(bytes[j] - 0x30) * 10 + Int64(bytes[j + 1] - 0x30)
        }
        guard let hours = two(), hours <= 18 else { return nil }
        var minutes: Int64 = 0
        if j < end, bytes[j] == UInt8(ascii: ":") { j += 1 }
        if j < end {
            guard let value = two(), value < 60 else { return nil }
            minutes = value
        }
        i = j
        return sign * (hours * 3600 + minutes * 60)
    }

    private static let monthNames: [(String, Int)] = [
        ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6), ("july", 7),
        ("august", 8), ("september", 9), ("october", 10), ("november", 11), ("december", 12),
        ("enero", 1), ("febrero", 2), ("marzo", 3), ("abril", 4), ("mayo", 5), ("junio", 6), ("julio", 7),
        ("agosto", 8), ("septiembre", 9), ("setiembre", 9), ("octubre", 10), ("noviembre", 11), ("diciembre", 12),
        ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8), ("sep", 9), ("sept", 9),
        ("oct", 10), ("nov", 11), ("dec", 12),
        ("ene", 1), ("abr", 4), ("ago", 8), ("set", 9), ("dic", 12)
    ].map { ($0.0, $0.1) }

    /// A month's name or abbreviation, English or Spanish, any case, a trailing dot allowed; the
    /// longest name that matches.
    private static func monthName(_ bytes: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ end: Int) -> Int? {
        var best: (length: Int, month: Int)?
        for (name, month) in monthNames {
            let utf8 = Array(name.utf8)
            guard i + utf8.count <= end else { continue }
            var matches = true
            for (offset, byte) in utf8.enumerated() where bytes[i + offset] | 0x20 != byte {
                matches = false
                break
            }
            if matches, utf8.count > (best?.length ?? 0) { best = (utf8.count, month) }
        }
        guard let best else { return nil }
        i += best.length
        if i < end, bytes[i] == UInt8(ascii: ".") { i += 1 }
        return best.month
    }
}
