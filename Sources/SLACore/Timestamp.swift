/// ISO 8601 timestamps in and out (SPEC §2): without an offset a timestamp is Bogotá time; output
/// always carries seconds and `-05:00`.
public enum Timestamp {
    /// The accepted forms, for error messages and help texts.
    package static let acceptedForms = """
        2026-11-13T17:00:00-05:00, 2026-11-13T22:00:00Z, 2026-11-13T17:00:00 (Bogotá time), \
        2026-11-13T17:00, 2026-11-13 17:00:00, 2026-11-13 (00:00 Bogotá time); \
        fractions of a second are dropped, offsets may be written ±HH:MM, ±HHMM or ±HH
        """

    /// Parses an ISO 8601 timestamp.
    ///
    /// - Complexity: O(n) in the length of `text`, no allocation; the import parses millions.
    public static func parse(_ text: some StringProtocol) throws(TimestampError) -> Instant {
        var text = String(text)
        let result = text.withUTF8 { bytes in
            Result { () throws(TimestampError) -> Instant in try parse(bytes: bytes) }
        }
        return try result.get()
    }

    /// Parses the UTF-8 bytes of an ISO 8601 timestamp.
    public static func parse(bytes: UnsafeBufferPointer<UInt8>) throws(TimestampError) -> Instant {
        var cursor = Cursor(bytes: bytes)
        if bytes.isEmpty { throw TimestampError(reason: "the timestamp is empty") }

        let year = try cursor.digits(4, "year")
        try cursor.expect(UInt8(ascii: "-"), "'-' after the year")
        let month = try cursor.digits(2, "month")
        try cursor.expect(UInt8(ascii: "-"), "'-' after the month")
        let day = try cursor.digits(2, "day")
        guard let date = LocalDate(year: year, month: month, day: day) else {
            throw TimestampError(reason: "there is no date \(zeroPadded(year, 4))-\(zeroPadded(month, 2))-\(zeroPadded(day, 2))")
        }

        var secondOfDay = 0
        var offset: Int64 = Bogota.utcOffsetSeconds
        if !cursor.atEnd {
            guard let separator = cursor.next(),
                separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t")
                    || separator == UInt8(ascii: " ")
            else { throw TimestampError(reason: "expected 'T' or a space between the date and the time") }
            let hour = try cursor.digits(2, "hour")
            try cursor.expect(UInt8(ascii: ":"), "':' after the hour")
            let minute = try cursor.digits(2, "minute")
            var second = 0
            if cursor.peek == UInt8(ascii: ":") {
                _ = cursor.next()
                second = try cursor.digits(2, "second")
                if cursor.peek == UInt8(ascii: ".") || cursor.peek == UInt8(ascii: ",") {
                    _ = cursor.next()
                    guard cursor.skipDigits() > 0 else {
                        throw TimestampError(reason: "expected digits after the decimal point")
                    }
                }
            }
            guard hour < 24 else { throw TimestampError(reason: "hour \(hour) is not 00–23") }
            guard minute < 60 else { throw TimestampError(reason: "minute \(minute) is not 00–59") }
            guard second < 60 else { throw TimestampError(reason: "second \(second) is not 00–59") }
            secondOfDay = hour * 3600 + minute * 60 + second
            if !cursor.atEnd { offset = try cursor.utcOffset() }
        }
        guard cursor.atEnd else { throw TimestampError(reason: "unexpected text after the timestamp") }
        return Instant(secondsSince1970: Int64(date.dayNumber) * 86_400 + Int64(secondOfDay) - offset)
    }

    /// `2026-11-13T17:00:00-05:00`.
    public static func format(_ instant: Instant) -> String {
        let date = instant.localDate
        let second = instant.localSecondOfDay
        return date.description + "T" + zeroPadded(second / 3600, 2) + ":" + zeroPadded(second / 60 % 60, 2) + ":"
            + zeroPadded(second % 60, 2) + "-05:00"
    }
}

/// A timestamp that could not be read; `description` names the reason and the accepted forms.
public struct TimestampError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String

    public var description: String { "\(reason) (accepted forms: \(Timestamp.acceptedForms))" }
}

private struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    var atEnd: Bool { index >= bytes.count }
    var peek: UInt8? { atEnd ? nil : bytes[index] }

    mutating func next() -> UInt8? {
        guard !atEnd else { return nil }
        defer { index += 1 }
        return bytes[index]
    }

    mutating func expect(_ byte: UInt8, _ what: String) throws(TimestampError) {
        guard next() == byte else { throw TimestampError(reason: "expected \(what)") }
    }

    mutating func digits(_ count: Int, _ what: String) throws(TimestampError) -> Int {
        var value = 0
        for _ in 0..<count {
            guard let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
                throw TimestampError(reason: "expected \(count) digits for the \(what)")
            }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            index += 1
        }
        return value
    }

    mutating func skipDigits() -> Int {
        var count = 0
        while let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            index += 1
            count += 1
        }
        return count
    }

    /// `Z`, `±HH:MM`, `±HHMM` or `±HH`, as seconds east of UTC.
    mutating func utcOffset() throws(TimestampError) -> Int64 {
        guard let sign = next() else { return 0 }
        if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") { return 0 }
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else {
            throw TimestampError(reason: "expected an offset (Z, ±HH:MM) after the time")
        }
        let hours = try digits(2, "offset hours")
        var minutes = 0
        if peek == UInt8(ascii: ":") {
            _ = next()
            minutes = try digits(2, "offset minutes")
        } else if !atEnd {
            minutes = try digits(2, "offset minutes")
        }
        guard hours <= 14, minutes < 60 else { throw TimestampError(reason: "offset out of range") }
        let seconds = Int64(hours * 3600 + minutes * 60)
        return sign == UInt8(ascii: "-") ? -seconds : seconds
    }
}
