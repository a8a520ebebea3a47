/// Decimal numbers written by a person (an option, a policy file), read exactly: `1.5` hours is 5400 seconds, and `0.3333` is
/// said not to be a whole number of seconds rather than rounded.
package enum DecimalText {
    /// Digits, at most one point, an optional leading sign: no exponent, no `inf`, no `0x`.
    package static func isDecimal(_ text: String) -> Bool {
        var body = Substring(text)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        return (1...2).contains(parts.count) && !parts[0].isEmpty && (parts.count == 1 || !parts[1].isEmpty)
            && parts.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    /// The seconds of `text` hours, and whether they are whole; nil when `text` is not a decimal
    /// number of hours this reader takes (at most 7 digits before the point, 9 after).
    package static func seconds(ofHours text: String) -> (value: Int64, whole: Bool)? {
        guard isDecimal(text), !text.hasPrefix("-"), !text.hasPrefix("+") else { return nil }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts[0].count <= 7, let whole = Int64(parts[0]) else { return nil }
        var seconds = whole * 3600
        guard parts.count == 2 else { return (seconds, true) }
        guard parts[1].count <= 9, let fraction = Int64(parts[1]) else { return nil }
        var scale: Int64 = 1
        for _ in 0..<parts[1].count { scale *= 10 }
        let numerator = fraction * 3600
        seconds += numerator / scale
        return (seconds, numerator % scale == 0)
    }
}
