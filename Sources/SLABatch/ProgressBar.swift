import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A progress bar on standard error, for a person at a terminal: drawn only when standard error
/// is a terminal and the work has taken more than a second, redrawn at most ten times a second,
/// and erased when done. Under cron (no terminal) it prints nothing at all.
package final class ProgressBar: Sendable {
    private struct State {
        var started = ContinuousClock.now
        var lastDrawn: ContinuousClock.Instant?
        var drawn = false
    }

    private let label: String
    private let unit: String
    /// Whether the bar is drawn at all (a terminal): work done only for the bar is skipped without.
    package let enabled: Bool
    private let delay: Duration
    private let state = Mutex(State())

    /// - Parameter enabled: nil to decide by whether standard error is a terminal.
    package init(_ label: String, unit: String, enabled: Bool? = nil) {
        self.label = label
        self.unit = unit
        self.enabled = enabled ?? (isatty(STDERR_FILENO) == 1)
        // SLA_PROGRESS_AFTER (seconds, default 1): how long work runs before a bar appears.
        // Anything that is not a number of seconds up to a day (inf, nan, 1e300) is the default.
        let seconds =
            ProcessInfo.processInfo.environment["SLA_PROGRESS_AFTER"].flatMap(Double.init)
            .flatMap { (0...86_400).contains($0) ? $0 : nil } ?? 1
        delay = .milliseconds(Int64(seconds * 1000))
    }

    /// `done` of `total` (nil when the total is unknown) units so far; `fraction` draws the bar
    /// when the total is not counted in units (the bytes of a file read, for rows).
    package func update(_ done: Int, of total: Int?, fraction: Double? = nil) {
        guard enabled else { return }
        state.withLock { state in
            let now = ContinuousClock.now
            guard now - state.started >= delay else { return }
            if let last = state.lastDrawn, now - last < .milliseconds(100) { return }
            state.lastDrawn = now
            state.drawn = true
            let elapsed = now - state.started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let rate = Int(Double(done) / max(seconds, 0.001))
            var line = "\r\(label) "
            if let share = fraction ?? total.map({ Double(done) / Double(max($0, 1)) }) {
                let share = share.isFinite ? min(1, max(0, share)) : 0
                let filled = Int(share * 30)
                line +=
                    "[" + String(repeating: "#", count: filled) + String(repeating: " ", count: 30 - filled) + "] "
                    + "\(Int(share * 100))% "
            }
            line += grouped(done) + (total.map { "/" + grouped($0) } ?? "") + " " + unit
            line += ", \(grouped(rate))/s "
            StandardError.write(line)
        }
    }

    /// Erases the bar, if one was drawn.
    package func finish() {
        state.withLock { state in
            guard state.drawn else { return }
            state.drawn = false
            StandardError.write("\r\u{1B}[K")
        }
    }

    private func grouped(_ value: Int) -> String {
        var digits = String(value)
        var result = ""
        while digits.count > 3 {
            result = "," + digits.suffix(3) + result
            digits.removeLast(3)
        }
        return digits + result
    }
}
