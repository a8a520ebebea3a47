import Foundation
package import SLACore
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One writing run at a time per database: an advisory `flock(2)` on `<database>.lock`, which the
/// kernel releases when the process ends however it ends, so a crash never leaves a stale lock.
///
/// The file holds the holder's pid, command and start time, for the message a second run prints.
/// It is never deleted: deleting a lock file while another process waits on it splits the lock.
/// Within one process the lock is re-entrant (`sla demo` runs an import and a night under its own).
package enum RunLock {
    private static let held = Mutex<[String: (descriptor: Int32, file: Int32, depth: Int)]>([:])

    /// The lock file of `database`.
    package static func path(of database: String) -> String {
        URL(fileURLWithPath: database).standardizedFileURL.resolvingSymlinksInPath().path + ".lock"
    }

    /// Runs `body` holding the lock of `database`; another process holding it is `SLAError.locked`
    /// at once (exit 3), naming the holder.
    package static func withLock<T>(
        database: String, command: String, startedAt: Instant,
        _ body: () throws(SLAError) -> T
    ) throws(SLAError) -> T {
        let lockPath = path(of: database)
        try acquire(lockPath, database: database, command: command, startedAt: startedAt)
        defer { release(lockPath) }
        return try body()
    }

    private static func acquire(_ lockPath: String, database: String, command: String, startedAt: Instant) throws(SLAError) {
        let result: Result<Void, SLAError> = held.withLock { held in
            if var entry = held[lockPath] {
                entry.depth += 1
                held[lockPath] = entry
                return .success(())
            }
            let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                let number = errno
                let reason = String(cString: strerror(number))
                switch number {
                case ENOENT, ENOTDIR:
                    return .failure(
                        SLAError(
                            .databaseMissing,
                            """
                            cannot create the lock file \(lockPath): \(reason); the database's folder must exist (check --db)
                            """))
                case ENOSPC, EDQUOT:
                    return .failure(SLAError(.diskFull, "cannot create the lock file \(lockPath): \(reason); free some space"))
                default:
                    return .failure(
                        SLAError(
                            .permissionDenied,
                            """
                            cannot create the lock file \(lockPath): \(reason). The user running sla needs write access \
                            to the database's folder
                            """))
                }
            }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                let reason = errno
                guard reason == EWOULDBLOCK else {
                    close(descriptor)
                    return .failure(SLAError(.systemFailure, "cannot lock \(lockPath): \(String(cString: strerror(reason)))"))
                }
                let holder = contents(of: descriptor)
                close(descriptor)
                return .failure(
                    SLAError(
                        .locked,
                        """
                        another sla run holds the lock \(lockPath)\(holder.isEmpty ? "" : " (\(holder))"): \
                        not starting; the lock is released when that process ends
                        """))
            }
            // The lock file is found by name; a hard link (or a copy of the path through a link
            // the name does not resolve) reaches the same database by another name. The database
            // file itself is locked too — flock(2), which SQLite's own fcntl(2) locks do not meet —
            // so two runs on one file meet whatever names they use. Released after the store is
            // closed (closing a descriptor of the file drops the process's fcntl locks on it).
            var fileDescriptor: Int32 = -1
            var status = stat()
            if stat(database, &status) == 0, status.st_mode & S_IFMT == S_IFREG {
                fileDescriptor = open(database, O_RDONLY | O_CLOEXEC)
                if fileDescriptor >= 0, flock(fileDescriptor, LOCK_EX | LOCK_NB) != 0 {
                    close(fileDescriptor)
                    _ = flock(descriptor, LOCK_UN)
                    close(descriptor)
                    return .failure(
                        SLAError(
                            .locked,
                            """
                            another sla run holds the database \(database) through another path to the same file (a link): \
                            not starting; the lock is released when that process ends
                            """))
                }
            }
            let line = "pid \(ProcessInfo.processInfo.processIdentifier), sla \(command), started \(startedAt)\n"
            _ = ftruncate(descriptor, 0)
            _ = line.withCString { pwrite(descriptor, $0, strlen($0), 0) }
            held[lockPath] = (descriptor, fileDescriptor, 1)
            return .success(())
        }
        try result.get()
    }

    private static func release(_ lockPath: String) {
        held.withLock { held in
            guard var entry = held[lockPath] else { return }
            entry.depth -= 1
            if entry.depth > 0 {
                held[lockPath] = entry
            } else {
                held[lockPath] = nil
                // Unlocked explicitly rather than by the close alone: any other reference to the
                // open file (a child process started meanwhile holds one until it executes its
                // program) would keep the lock held past the close. Seen in the tests, where
                // runs follow each other in one process: a run was refused the lock its
                // predecessor had just released, about once in twelve test runs.
                _ = flock(entry.descriptor, LOCK_UN)
                close(entry.descriptor)
                if entry.file >= 0 {
                    _ = flock(entry.file, LOCK_UN)
                    close(entry.file)
                }
            }
        }
    }

    private static func contents(of descriptor: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return "" }
        return String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
