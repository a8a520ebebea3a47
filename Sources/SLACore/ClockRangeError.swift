/// A business-clock question about an instant the calendar does not cover.
public struct ClockRangeError: Error, Sendable, Equatable, CustomStringConvertible {
    package var instant: Instant?
    package var years: ClosedRange<Int>

    public var description: String {
        let what = instant.map { "\($0) is" } ?? "the answer would be"
        return "\(what) outside the business calendar, which covers \(years.lowerBound)–\(years.upperBound)"
    }
}
