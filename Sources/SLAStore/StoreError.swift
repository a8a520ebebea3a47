import Foundation
import GRDB

/// What went wrong with the database or an interchange file, what to do about it, and the error
/// underneath (as swift-nio's `FileSystemError` carries its cause).
package struct StoreError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure. New kinds are new static members: nobody switches over all of them.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        package var description: String { name }

        /// No file where the database should be.
        package static let databaseMissing = Code("database missing")
        /// The file is not an SQLite database.
        package static let notADatabase = Code("not a database")
        /// `--db` names a folder: a usage error, not a system failure.
        package static let folderGiven = Code("a folder given as the database")
        /// An SQLite database of another program: sla never writes it.
        package static let foreignDatabase = Code("foreign database")
        /// A database a newer sla has migrated: this one does not know its schema.
        package static let newerDatabase = Code("newer database")
        /// A database an older sla made, opened read-only: it cannot be migrated.
        package static let outdatedDatabase = Code("outdated database")
        /// SQLite found the file damaged.
        package static let damaged = Code("damaged database")
        /// No space left on the device.
        package static let diskFull = Code("disk full")
        /// The file or its folder cannot be written or read by this user, or is on a read-only file system.
        package static let permissionDenied = Code("permission denied")
        /// Another connection held the database longer than the busy timeout.
        package static let busy = Code("database busy")
        /// Any other failure to read or write (an I/O error, an unexpected SQLite error).
        package static let ioFailure = Code("I/O failure")
        /// An interchange file that does not exist.
        package static let inputMissing = Code("input file missing")
        /// An interchange file whose header lacks required columns, or that is empty.
        package static let malformedInput = Code("malformed input file")
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

    /// Classifies `error`, met while `doing` something to the database at `path`, into a code and
    /// a message that says what to do — never a raw `NSCocoaErrorDomain` dump.
    static func database(_ error: any Error, _ path: String, doing: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError {
            let detail = error.message ?? "\(error.resultCode)"
            switch error.resultCode {
            case .SQLITE_FULL:
                return StoreError(
                    .diskFull,
                    """
                    cannot \(doing) \(path): the disk is full (\(detail)). Free some space on its file system, \
                    then run the command again: nothing half-done was committed
                    """, underlying: error)
            case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
                return StoreError(
                    .permissionDenied,
                    """
                    cannot \(doing) \(path): it is read-only for this user (\(detail)). Give the user running sla \
                    write access to the file and its folder (sla writes \(path), its -wal and -shm files and \
                    \(path).lock)
                    """, underlying: error)
            case .SQLITE_CANTOPEN:
                return StoreError(
                    .permissionDenied,
                    """
                    cannot \(doing) \(path): it cannot be opened (\(detail)). Check that its folder exists and that \
                    the user running sla may read and write the file and its folder
                    """, underlying: error)
            case .SQLITE_CORRUPT:
                return StoreError(
                    .damaged,
                    """
                    cannot \(doing) \(path): the database is damaged (\(detail)). Restore it from a backup; \
                    `sqlite3 \(path) 'PRAGMA integrity_check'` shows what is wrong
                    """, underlying: error)
            case .SQLITE_NOTADB:
                return StoreError(
                    .notADatabase,
                    """
                    \(path) is not an SQLite database (\(detail)). Check --db: it must name sla's database, or a \
                    path where none exists yet for sla import to create one
                    """, underlying: error)
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return StoreError(
                    .busy,
                    """
                    cannot \(doing) \(path): another program held the database too long (\(detail)). Run the \
                    command again when it is done
                    """, underlying: error)
            case .SQLITE_IOERR:
                return StoreError(
                    .ioFailure,
                    """
                    cannot \(doing) \(path): the system reported an I/O error (\(detail)). Check the disk and \
                    the file system, then run the command again
                    """, underlying: error)
            default:
                return StoreError(.ioFailure, "cannot \(doing) \(path): \(detail)", underlying: error)
            }
        }
        return StoreError(.ioFailure, "cannot \(doing) \(path): \(error)", underlying: error)
    }

    /// An interchange file that `open(2)` refused with `errno`.
    static func input(_ path: String, errno code: Int32) -> StoreError {
        let reason = String(cString: strerror(code))
        switch code {
        case ENOENT, ENOTDIR:
            return StoreError(.inputMissing, "\(path): no such file; check the path given to sla import")
        case EACCES, EPERM:
            return StoreError(.permissionDenied, "cannot read \(path): \(reason). Give the user running sla read access to it")
        case EISDIR:
            return StoreError(.inputMissing, "\(path) is a folder: give sla import the path of a CSV file")
        default:
            return StoreError(.ioFailure, "cannot read \(path): \(reason)")
        }
    }
}
