package import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A database a run creates is built under another name and moved into place when it is complete.
///
/// Nobody else can have that file open, so its pages are written once, with no write-ahead log
/// (through which a first import of ten years wrote its history twice: the log, then the
/// checkpoint) and no sync until the end. A run killed before then leaves nothing at the
/// database's path, never a half-written file that a read-only command would read as a database;
/// the next run removes what it left.
extension CaseStore {
    /// Where a new database for `path` is built.
    package static func buildingPath(for path: String) -> String { path + ".building" }

    /// Opens the database at `path` for a run that may create it (import, demo), holding its run
    /// lock. Where nothing is at `path` yet, not even a dangling link, the database is built
    /// beside it and moved there by `closeAndPublish`; `close` alone (the run failed) removes it.
    /// Anywhere else it is `open(path, for: .create)`.
    package static func openToCreate(_ path: String, busyTimeout: TimeInterval = 30) throws(StoreError) -> CaseStore {
        guard isVacant(path) else { return try open(path, for: .create, busyTimeout: busyTimeout) }
        let building = buildingPath(for: path)
        removeBuilding(building)
        var configuration = writing(busyTimeout: busyTimeout)
        configuration.prepareDatabase { db in
            // The journal only serves a rollback within the run (an import whose rejects file
            // cannot be written); a crash leaves a file nobody will use.
            try db.execute(sql: "PRAGMA journal_mode = MEMORY")
            try db.execute(sql: "PRAGMA synchronous = OFF")
        }
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: building, configuration: configuration)
        } catch {
            throw StoreError.database(error, path, doing: "create")
        }
        return try CaseStore(migrating: queue, path: path, building: building)
    }

    /// Closes the store; a database `openToCreate` built is moved to its path, and what prevents
    /// that is thrown (the built file is then left where it is, and the message says where).
    package func closeAndPublish() throws(StoreError) {
        guard markClosed() else { return }
        guard let building else {
            closeConnections()
            return
        }
        try publish(building)
    }

    /// A built database whose run failed is removed: a first import that fails leaves no database,
    /// as a killed one does, and the next import builds it again. The run's error says why.
    func discard(_ building: String) {
        try? writer.close()
        Self.removeBuilding(building)
    }

    private func publish(_ building: String) throws(StoreError) {
        let left = "the new database is left in \(building) (the next sla import removes it)"
        do {
            // The database's mode everywhere else; a file in one piece, since nothing is in the log.
            let mode = try writer.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") }
            try writer.close()
            guard mode == "wal" else {
                throw StoreError(
                    .ioFailure, "cannot switch \(building) to write-ahead logging (it stayed \(mode ?? "?")); \(left)")
            }
        } catch let error as StoreError {
            throw error
        } catch {
            try? writer.close()
            var failure = StoreError.database(error, building, doing: "finish")
            failure.message += "; \(left)"
            throw failure
        }
        guard syncFile(building) == 0 else {
            throw StoreError(.ioFailure, "cannot write \(building) to disk: \(String(cString: strerror(errno))); \(left)")
        }
        let appeared = StoreError(
            .ioFailure,
            """
            \(path) appeared while sla built a new database there; \(left), and \(path) is untouched
            """)
        // Under the run lock, with nothing at the path: the log of a database deleted from there
        // would otherwise be replayed into this one.
        guard Self.isVacant(path) else { throw appeared }
        for suffix in ["-wal", "-shm"] { unlink(path + suffix) }
        // A hard link never replaces what may have appeared at the path since.
        if link(building, path) == 0 {
            unlink(building)
        } else {
            let reason = errno
            guard [EPERM, ENOTSUP, EOPNOTSUPP].contains(reason) else {
                if reason == EEXIST { throw appeared }
                throw StoreError(
                    .ioFailure, "cannot link the new database to \(path): \(String(cString: strerror(reason))); \(left)")
            }
            // A file system without hard links: renamed, once more making sure nothing is there.
            guard Self.isVacant(path) else { throw appeared }
            guard rename(building, path) == 0 else {
                throw StoreError(
                    .ioFailure, "cannot move the new database to \(path): \(String(cString: strerror(errno))); \(left)")
            }
        }
        _ = syncFile(URL(fileURLWithPath: path).deletingLastPathComponent().path)
    }

    /// Whether nothing at all is at `path`, not even a dangling link.
    static func isVacant(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) != 0 && errno == ENOENT
    }

    /// Removes a built database and its side files.
    static func removeBuilding(_ building: String) {
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(building + suffix) }
    }
}

/// `fsync(2)` of a file or a folder: 0, or -1 with `errno` set.
private func syncFile(_ path: String) -> Int32 {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return -1 }
    defer { close(descriptor) }
    return fsync(descriptor)
}
