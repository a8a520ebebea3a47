/// A point in time, as whole seconds since 1970-01-01T00:00:00Z.
///
/// The SLA works in whole seconds (SPEC §2), so an integer is exact where `Date`'s `Double` is not,
/// and comparisons and differences cost one instruction.
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var secondsSince1970: Int64

    public init(secondsSince1970: Int64) {
        self.secondsSince1970 = secondsSince1970
    }

    /// The instant of a Bogotá wall-clock time.
    public init(_ date: LocalDate, secondOfDay: Int = 0) {
        self.secondsSince1970 = Int64(date.dayNumber) * 86_400 + Int64(secondOfDay) - Bogota.utcOffsetSeconds
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.secondsSince1970 < rhs.secondsSince1970 }

    public func adding(seconds: Int64) -> Instant { Instant(secondsSince1970: secondsSince1970 + seconds) }

    /// Seconds from `self` to `later` (negative when `later` is earlier).
    package func seconds(to later: Instant) -> Int64 { later.secondsSince1970 - secondsSince1970 }

    /// The Bogotá date of this instant.
    public var localDate: LocalDate { LocalDate(dayNumber: Bogota.dayNumber(of: self)) }

    /// Seconds since Bogotá midnight, 0..<86400.
    public var localSecondOfDay: Int { Bogota.secondOfDay(of: self) }

    /// ISO 8601 with seconds and the Bogotá offset: `2026-11-13T17:00:00-05:00`.
    public var description: String { Timestamp.format(self) }
}

/// Bogotá local time: UTC−05:00 all year (SPEC §2).
///
/// The offset is fixed on purpose. Colombia's one experiment with daylight saving time
/// (May 1992 – April 1993) is outside any case this desk will ever hold, and the SPEC defines local
/// time as UTC−05:00, so every output carries `-05:00`.
package enum Bogota {
    package static let utcOffsetSeconds: Int64 = -18_000

    @inline(__always)
    static func localSeconds(_ instant: Instant) -> Int64 { instant.secondsSince1970 + utcOffsetSeconds }

    /// Days since 1970-01-01 of the Bogotá date of `instant`.
    @inline(__always)
    package static func dayNumber(of instant: Instant) -> Int {
        let local = localSeconds(instant)
        return Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
    }

    @inline(__always)
    package static func secondOfDay(of instant: Instant) -> Int {
        let local = localSeconds(instant)
        return Int(((local % 86_400) + 86_400) % 86_400)
    }
}
