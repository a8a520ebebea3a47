// The checks of the `timestamp` fuzz target (Fuzz/timestamp.swift), compiled into the fuzzer with the
// sources it checks, and into the FuzzChecks module that `make test` runs on every seed and every
// input a fuzzer ever crashed on (Fuzz/corpus/timestamp/, Fuzz/regressions/timestamp/).
//
// A broken invariant is reported through `fuzzCheck`: the fuzzer aborts, the tests record it.

#if canImport(SLACore)
    import SLACore
#endif

public enum TimestampFuzzCheck {
    public static func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        let input = String(decoding: bytes, as: UTF8.self)
        var parsed: Instant?
        do {
            parsed = try Timestamp.parse(bytes: bytes)
        } catch {
            fuzzCheck(!error.reason.isEmpty, "an error without a reason for \(input.debugDescription)")
        }

        // The String entry point reads what the bytes entry point reads (when the bytes are valid
        // UTF-8, so that decoding them changed nothing).
        let viaText = try? Timestamp.parse(input)
        if input.utf8.elementsEqual(bytes) {
            fuzzCheck(
                viaText == parsed,
                "parse(bytes:) gave \(String(describing: parsed)), parse(_:) gave \(String(describing: viaText)) for \(input.debugDescription)"
            )
        }

        guard let instant = parsed else { return }
        // Every accepted form is ASCII and starts with YYYY-MM-DD.
        fuzzCheck(bytes.count >= 10 && bytes.allSatisfy { $0 < 0x80 }, "accepted \(input.debugDescription)")
        guard bytes.count >= 10 else { return }
        fuzzCheck(bytes[4] == UInt8(ascii: "-") && bytes[7] == UInt8(ascii: "-"), "accepted \(input.debugDescription)")

        // Output is promised as YYYY-MM-DDTHH:MM:SS-05:00, read back to the same instant, for
        // four-digit years (format pads shorter years with zeros and writes longer ones whole).
        let year = instant.localDate.year
        guard (1000...9999).contains(year) else { return }
        let formatted = Timestamp.format(instant)
        let out = Array(formatted.utf8)
        fuzzCheck(
            out.count == 25 && formatted.hasSuffix("-05:00") && out[10] == UInt8(ascii: "T"),
            "format gave \(formatted.debugDescription) for \(input.debugDescription)")
        guard out.count == 25 else { return }
        let again = try? Timestamp.parse(formatted)
        fuzzCheck(
            again == instant,
            "\(input.debugDescription) → \(formatted.debugDescription) → \(String(describing: again?.secondsSince1970)), not \(instant.secondsSince1970)"
        )

        // Without an offset a timestamp is Bogotá wall-clock time: the output shows the date, hour,
        // minute and second that were written (fractions dropped, seconds 00 when not written).
        let hasOffset =
            bytes.count > 10
            && bytes[11...].contains { byte in
                byte == UInt8(ascii: "Z") || byte == UInt8(ascii: "z") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
            }
        guard !hasOffset else { return }
        fuzzCheck(out[0..<10].elementsEqual(bytes[0..<10]), "\(input.debugDescription) is local time, formatted \(formatted)")
        if bytes.count >= 16 {
            fuzzCheck(
                out[11..<16].elementsEqual(bytes[11..<16]), "\(input.debugDescription) is local time, formatted \(formatted)")
            let seconds: [UInt8] = bytes.count >= 19 ? Array(bytes[17..<19]) : Array("00".utf8)
            fuzzCheck(out[17..<19].elementsEqual(seconds), "\(input.debugDescription) is local time, formatted \(formatted)")
        } else {
            fuzzCheck(
                bytes.count == 10 && instant.localSecondOfDay == 0,
                "\(input.debugDescription) accepted as a date, formatted \(formatted)")
        }
    }
}
