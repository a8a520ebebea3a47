import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A chosen place in a run at which the process kills itself with SIGKILL — what a power cut or
/// `kill -9` does there — so that a test can prove the next run heals what any such moment leaves
/// behind, at exactly that moment, however fast or busy the machine is.
///
/// Set only by tests, through the environment variable `SLA_TEST_CRASH_AT` (`place` or
/// `place:n`, the n-th time the run gets there; 1 by default). Without it a run never stops here.
public struct CrashPoint: Sendable, Equatable, CustomStringConvertible {
    package enum Place: String, Sendable, CaseIterable {
        /// A page of the night's cases worked on, its transaction not yet committed.
        case page
        /// A transaction of the night's pages (closures and settled cases) committed.
        case transaction
        /// The night's files written into their temporary folder, not yet renamed into place.
        case dailyFolder = "daily-folder"
        /// The night's folder renamed into place (the month's reports may be under way beside it).
        case dailyPublished = "daily-published"
        /// The month's reports written into their temporary folder, not yet renamed into place.
        case monthlyFolder = "monthly-folder"
        /// Every file in place, the run's journal not yet finished.
        case beforeJournal = "before-journal"
    }

    package var place: Place
    package var occurrence: Int

    package init(_ place: Place, occurrence: Int = 1) {
        self.place = place
        self.occurrence = occurrence
    }

    /// `place` or `place:n`; nil for anything else.
    package init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard let first = parts.first, let place = Place(rawValue: first) else { return nil }
        let occurrence = parts.count == 2 ? Int(parts[1]) : 1
        guard let occurrence, occurrence >= 1 else { return nil }
        self.init(place, occurrence: occurrence)
    }

    /// The crash point the environment asks for, if any.
    public static func fromEnvironment() -> CrashPoint? {
        ProcessInfo.processInfo.environment["SLA_TEST_CRASH_AT"].flatMap(CrashPoint.init)
    }

    public var description: String { "\(place.rawValue):\(occurrence)" }
}

/// Counts the places a run reaches and kills the process at its crash point; does nothing
/// without one. Shared by the threads of a run (the night's files are written on one of their own).
package final class CrashPoints: @unchecked Sendable {
    private let point: CrashPoint?
    private let lock = NSLock()
    private var reached: [CrashPoint.Place: Int] = [:]

    package init(_ point: CrashPoint?) {
        self.point = point
    }

    /// The run got to `place`: the process ends here when this is its crash point.
    package func reach(_ place: CrashPoint.Place) {
        guard let point, point.place == place else { return }
        let count = lock.withLock {
            reached[place, default: 0] += 1
            return reached[place, default: 0]
        }
        if count == point.occurrence { kill(getpid(), SIGKILL) }
    }
}
