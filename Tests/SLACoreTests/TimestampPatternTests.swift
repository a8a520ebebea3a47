import SLACore
import Testing

/// A tool's date patterns: each value worked out by hand (Bogotá is UTC−05:00).
@Suite struct TimestampPatternTests {
    static func parse(_ pattern: String, _ value: String) throws -> String? {
        let compiled = try TimestampPattern(pattern)
        var text = value
        return text.withUTF8 { compiled.parse($0) }?.description
    }

    @Test(arguments: [
        ("dd/MM/yyyy HH:mm", "13/11/2026 17:00", "2026-11-13T17:00:00-05:00"),
        ("dd/MM/yyyy HH:mm", " 13/11/2026 17:00 ", "2026-11-13T17:00:00-05:00"),
        ("dd-MM-yyyy HH:mm:ss", "01-02-2026 07:30:05", "2026-02-01T07:30:05-05:00"),
        ("d/M/yyyy H:mm", "3/7/2026 9:05", "2026-07-03T09:05:00-05:00"),
        ("dd/MM/yyyy hh:mm a", "13/11/2026 05:00 p. m.", "2026-11-13T17:00:00-05:00"),
        ("dd/MM/yyyy hh:mm a", "13/11/2026 12:15 a. m.", "2026-11-13T00:15:00-05:00"),
        ("dd/MM/yyyy hh:mm a", "13/11/2026 12:15 p.m.", "2026-11-13T12:15:00-05:00"),
        ("dd/MM/yyyy hh:mm a", "13/11/2026 11:59 PM", "2026-11-13T23:59:00-05:00"),
        // Spanish locales write a no-break space (U+00A0 or U+202F) in "p. m." and before it.
        ("dd/MM/yyyy h:mm a", "13/11/2026 5:00\u{202F}p.\u{00A0}m.", "2026-11-13T17:00:00-05:00"),
        // Jira's default: dd/MMM/yy h:mm a.
        ("dd/MMM/yy h:mm a", "13/Nov/26 5:00 PM", "2026-11-13T17:00:00-05:00"),
        ("dd/MMM/yy h:mm a", "13/nov./26 5:00 PM", "2026-11-13T17:00:00-05:00"),
        ("d 'de' MMMM 'de' yyyy HH:mm", "2 de septiembre de 2026 08:00", "2026-09-02T08:00:00-05:00"),
        ("dd/MMM/yyyy HH:mm", "05/ene/2026 08:00", "2026-01-05T08:00:00-05:00"),
        // An offset in the value wins over Bogotá.
        ("yyyy-MM-dd HH:mm:ssXXX", "2026-11-13 22:00:00+00:00", "2026-11-13T17:00:00-05:00"),
        ("yyyy-MM-dd'T'HH:mm:ss.SSSZ", "2026-11-13T22:00:00.123Z", "2026-11-13T17:00:00-05:00"),
        ("dd.MM.yyyy", "13.11.2026", "2026-11-13T00:00:00-05:00")
    ])
    func matches(pattern: String, value: String, expected: String) throws {
        #expect(try Self.parse(pattern, value) == expected)
    }

    /// A pattern matches the whole value or nothing: sla never reads half a date.
    @Test(arguments: [
        ("dd/MM/yyyy HH:mm", "13/11/2026 17:00:00"),
        ("dd/MM/yyyy HH:mm", "13/11/2026"),
        ("dd/MM/yyyy HH:mm", "2026-11-13 17:00"),
        ("dd/MM/yyyy HH:mm", "31/02/2026 17:00"),
        ("dd/MM/yyyy HH:mm", "13/11/2026 25:00"),
        ("dd/MM/yyyy hh:mm a", "13/11/2026 13:00 PM"),
        ("dd/MM/yyyy hh:mm a", "13/11/2026 05:00"),
        ("dd/MM/yyyy HH:mm", ""),
        ("dd/MMM/yyyy HH:mm", "13/Noviembrex/2026 17:00")
    ])
    func refuses(pattern: String, value: String) throws {
        #expect(try Self.parse(pattern, value) == nil)
    }

    @Test(arguments: ["dd/MM/yyyy hh:mm", "HH:mm", "dd/MM/yyyy HH:mm a", "yyyy-MM-dd QQ", "dd/MM/yyyy 'T", "yyyy-MM-dd yyyy"])
    func aPatternThatCannotParseIsRefused(pattern: String) {
        #expect(throws: TimestampPattern.Invalid.self) { try TimestampPattern(pattern) }
    }

    /// The layout tries its patterns in order, then ISO 8601.
    @Test func patternsInOrderThenISO() throws {
        var layout = ExportLayout()
        layout.timestamps = [try TimestampPattern("dd/MM/yyyy HH:mm"), try TimestampPattern("MM/dd/yyyy HH:mm")]
        func read(_ value: String) -> String? {
            var text = value
            return text.withUTF8 { layout.instant($0) }?.description
        }
        #expect(read("01/02/2026 08:00") == "2026-02-01T08:00:00-05:00")
        #expect(read("12/31/2026 08:00") == "2026-12-31T08:00:00-05:00")
        #expect(read("2026-11-13T17:00:00Z") == "2026-11-13T12:00:00-05:00")
        #expect(read("13.11.2026") == nil)
    }
}
