import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The log's way out: `write(2)` on standard error, whole or not at all, never fatal.
///
/// Foundation's `FileHandle.write` traps (SIGILL) when the write fails — a reader that stopped
/// (`2>&1 | head -1`), a closed descriptor (`2>&-`), a full disk under the cron line's log. A log
/// line that cannot be written must not stop a night halfway (its closures committed, no daily
/// files, no mail, the journal saying `running`): it is dropped, counted, and the run goes on.
public enum StandardError {
    private static let lost = Atomic<Int>(0)

    /// Writes `text`; a failure (EPIPE, ENOSPC, EBADF, EIO) drops the rest of it.
    public static func write(_ text: String) {
        let written = Array(text.utf8).withUnsafeBufferPointer { bytes -> Bool in
            guard var next = bytes.baseAddress else { return true }
            var left = bytes.count
            while left > 0 {
                let count = Foundation.write(STDERR_FILENO, next, left)
                if count < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                if count == 0 { return false }
                next += count
                left -= count
            }
            return true
        }
        if !written { lost.add(1, ordering: .relaxed) }
    }

    /// How many log lines could not be written since the process started.
    package static var linesLost: Int { lost.load(ordering: .relaxed) }

    /// Makes sure descriptors 0, 1 and 2 are open before anything else opens a file: started
    /// with one closed (`2>&-`), the next file opened — the database, a report — would take its
    /// number, and log lines or CSV would be written into it. Standard input and error get
    /// `/dev/null`; standard output gets `/dev/null` opened for reading only, so whatever a command
    /// prints fails as a write error (exit 4) instead of vanishing.
    public static func guardStandardDescriptors() {
        for (descriptor, flags) in [(STDIN_FILENO, O_RDONLY), (STDOUT_FILENO, O_RDONLY), (STDERR_FILENO, O_WRONLY)] {
            guard fcntl(descriptor, F_GETFD) == -1, errno == EBADF else { continue }
            let opened = open("/dev/null", flags)
            if opened >= 0, opened != descriptor {
                _ = dup2(opened, descriptor)
                close(opened)
            }
        }
    }
}
