import Foundation
import SLACore
import SLATestSupport
import Testing

@Suite struct TimestampTests {
    @Test(arguments: [
        ("2026-11-13T17:00:00-05:00", "2026-11-13T17:00:00-05:00"),
        ("2026-11-13T22:00:00Z", "2026-11-13T17:00:00-05:00"),
        ("2026-11-13T22:00:00z", "2026-11-13T17:00:00-05:00"),
        ("2026-11-13T17:00:00", "2026-11-13T17:00:00-05:00"),
        ("2026-11-13T17:00", "2026-11-13T17:00:00-05:00"),
        ("2026-11-13 17:00:00", "2026-11-13T17:00:00-05:00"),
        ("2026-11-13", "2026-11-13T00:00:00-05:00"),
        ("2026-11-13T17:00:00.999-05:00", "2026-11-13T17:00:00-05:00"),
        ("2026-11-13T17:00:00,5", "2026-11-13T17:00:00-05:00"),
        ("2026-11-13T23:30:00+01:00", "2026-11-13T17:30:00-05:00"),
        ("2026-11-13T17:00:00-0500", "2026-11-13T17:00:00-05:00"),
        ("2026-11-13T17:00:00-05", "2026-11-13T17:00:00-05:00"),
        ("2027-01-01T03:00:00Z", "2026-12-31T22:00:00-05:00"),
        ("1984-01-01T00:00:00", "1984-01-01T00:00:00-05:00"),
        ("2100-12-31T23:59:59", "2100-12-31T23:59:59-05:00"),
        ("2024-02-29T12:00", "2024-02-29T12:00:00-05:00"),
        ("1969-12-31T18:59:59-05:00", "1969-12-31T18:59:59-05:00")
    ])
    func accepted(input: String, output: String) throws {
        #expect(try Timestamp.parse(input).description == output)
    }

    @Test(arguments: [
        "", "2026", "2026-11", "2026-1-13", "2026-11-13T", "2026-11-13T17", "2026-11-13T17:0",
        "2026-11-13T24:00:00", "2026-11-13T17:60", "2026-11-13T17:00:60", "2026-02-29", "2026-13-01",
        "2026-11-31", "2026-11-13T17:00:00.", "2026-11-13T17:00:00 -05:00", "2026-11-13T17:00:00+25:00",
        "2026-11-13x17:00", "13/11/2026", "2026-11-13T17:00:00-05:00 ", "yesterday"
    ])
    func rejected(input: String) {
        #expect(throws: TimestampError.self) { try Timestamp.parse(input) }
    }

    @Test func errorsShowTheAcceptedForms() {
        do {
            _ = try Timestamp.parse("2026-11-31T10:00")
            Issue.record("no error")
        } catch {
            #expect(error.description.contains("there is no date 2026-11-31"))
            #expect(error.description.contains("2026-11-13T17:00:00-05:00"))
        }
    }

    /// The format is checked against Foundation's formatter on many instants, with its own calendar code.
    @Test func formatMatchesFoundation() throws {
        var random = SeededRandom(seed: 7)
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(secondsFromGMT: -5 * 3600)
        for _ in 0..<20_000 {
            let seconds = Int64.random(in: -2_000_000_000...5_000_000_000, using: &random)
            let expected = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
            let instant = Instant(secondsSince1970: seconds)
            #expect(instant.description == expected, "seed 7, \(seconds)")
            #expect(try Timestamp.parse(instant.description) == instant)
        }
    }

    @Test func localDatesRoundTripAndKnowTheirWeekday() {
        #expect(LocalDate.ymd("1970-01-01").weekday == .thursday)
        #expect(LocalDate.ymd("2026-11-16").weekday == .monday)
        #expect(LocalDate.ymd("2100-12-31").weekday == .friday)
        // 1600-01-01 to 2400-12-31, every 7th day.
        for dayNumber in stride(from: -135_140, through: 157_332, by: 7) {
            let date = LocalDate(dayNumber: dayNumber)
            #expect(date.dayNumber == dayNumber)
            #expect(LocalDate(year: date.year, month: date.month, day: date.day) == date)
        }
    }
}
