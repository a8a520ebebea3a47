import Logging
import SLABatch
public import SLACore

/// The calendars tests run against.
public enum TestCalendars {
    /// The built-in calendar: Colombian holidays by law, the standard service window.
    public static let standard: BusinessCalendar = {
        do {
            return try CalendarLoader.load(directory: nil, logger: testLogger)
        } catch {
            fatalError("the built-in calendar does not load: \(error)")
        }
    }()

    public static let businessClock = BusinessClock(calendar: standard)
}

extension Instant {
    /// A Bogotá wall-clock time written as in the SPEC (`2026-11-13T17:00`), for readable tests.
    public static func bogota(_ text: String) -> Instant {
        do {
            return try Timestamp.parse(text)
        } catch {
            fatalError("bad test timestamp \(text): \(error)")
        }
    }
}

extension LocalDate {
    /// A date written `YYYY-MM-DD`, for readable tests.
    public static func ymd(_ text: String) -> LocalDate {
        guard let date = LocalDate(iso8601: text[...]) else { fatalError("bad test date \(text)") }
        return date
    }
}
