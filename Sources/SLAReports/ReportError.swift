import Foundation

/// A report that could not be written: what, where, what to do, and the error underneath.
package struct ReportError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure. New kinds are new static members: nobody switches over all of them.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        package var description: String { name }

        /// No space left on the device.
        package static let diskFull = Code("disk full")
        /// The folder or file cannot be written by this user, or is on a read-only file system.
        package static let permissionDenied = Code("permission denied")
        /// A path the file system refuses for its form: a name too long, a file where a folder should be.
        package static let badPath = Code("bad path")
        /// Any other failure of the system or of libxlsxwriter.
        package static let ioFailure = Code("I/O failure")
    }

    package var code: Code
    /// What went wrong, where, and how to fix it.
    package var message: String
    package var underlying: (any Error)?

    package init(_ code: Code, _ message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    package var description: String { message }

    /// What `system` blames for a refused path: the report folder. A file written elsewhere
    /// (`--out`, a rejects file beside its input) names its own place instead.
    package static let reportFolder = "the report folder (--reports)"

    /// The same error, blaming `place` where it blamed the report folder.
    package func blaming(_ place: String) -> ReportError {
        var error = self
        error.message = message.replacingOccurrences(of: Self.reportFolder, with: place)
        return error
    }

    /// What the system said of a file operation's `error` (a Foundation file error): its `errno`'s
    /// text (`Permission denied`) when it has one, else the error's own description — the cause a
    /// message names once.
    package static func systemReason(of error: any Error) -> String {
        let error = error as NSError
        if error.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(error.code))) }
        if let posix = error.userInfo[NSUnderlyingErrorKey] as? NSError, posix.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(posix.code)))
        }
        return error.localizedDescription
    }

    /// A failure of the system call that was `doing` something to `path`, from its `errno`.
    package static func system(_ number: Int32, _ path: String, doing: String) -> ReportError {
        let reason = String(cString: strerror(number))
        switch number {
        case ENOSPC, EDQUOT:
            return ReportError(
                .diskFull,
                """
                cannot \(doing) \(path): the disk is full (\(reason)). Free some space on its file system, then run \
                the command again
                """)
        case EACCES, EPERM, EROFS:
            return ReportError(
                .permissionDenied,
                """
                cannot \(doing) \(path): \(reason). Give the user running sla write access to \(reportFolder)
                """)
        case EPIPE:
            return ReportError(.ioFailure, "cannot \(doing) \(path): the reader stopped reading (\(reason))")
        case ENAMETOOLONG, ENOTDIR, EISDIR, EEXIST, ELOOP:
            return ReportError(.badPath, "cannot \(doing) \(path): \(reason). Check \(reportFolder)")
        default:
            return ReportError(.ioFailure, "cannot \(doing) \(path): \(reason)")
        }
    }
}
