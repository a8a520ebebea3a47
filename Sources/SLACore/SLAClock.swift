/// Which clock a case's SLA is measured on (SPEC §2).
public enum ClockKind: String, Sendable, CaseIterable, Hashable {
    /// Monday–Friday service hours, without holidays.
    case business
    /// Every second counts: P1 incidents of SaaS clients.
    case twentyFourSeven = "24x7"
}

/// A clock of SPEC §2, business or 24×7, behind one switch rather than an existential so the
/// nightly run's million queries stay direct calls.
package enum SLAClock: Sendable {
    case business(BusinessClock)
    case twentyFourSeven

    package var kind: ClockKind {
        switch self {
        case .business: .business
        case .twentyFourSeven: .twentyFourSeven
        }
    }

    /// Seconds counted by this clock between `start` and `end`; zero when `end` is not after `start`.
    @inlinable
    package func elapsedSeconds(from start: Instant, to end: Instant) throws(ClockRangeError) -> Int64 {
        switch self {
        case .business(let clock): try clock.elapsedSeconds(from: start, to: end)
        case .twentyFourSeven: max(0, start.seconds(to: end))
        }
    }

    /// The earliest instant at which `seconds` have been counted since `start`.
    @inlinable
    package func dueInstant(from start: Instant, after seconds: Int64) throws(ClockRangeError) -> Instant {
        switch self {
        case .business(let clock): try clock.dueInstant(from: start, after: seconds)
        case .twentyFourSeven: start.adding(seconds: max(0, seconds))
        }
    }
}
