public import Foundation
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
    public static func buildingPath(for path: String) -> String { path + ".building" }

    /// Opens the database at `path` for a run that may create it (import, demo), holding its run
    /// lock. Where nothing is at `path` yet, not even a dangling link, the database is built
    /// beside it and moved there by `closeAndPublish` (or by `close`, when the run failed).
    /// Anywhere else it is `open(path, for: .create)`.
    public static func openToCreate(_ path: String, busyTimeout: TimeInterval = 30) throws(StoreError) -> CaseStore {
        var status = stat()
        guard lstat(path, &status) != 0, errno == ENOENT else {
            return try open(path, for: .create, busyTimeout: busyTimeout)
        }
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
    public func closeAndPublish() throws(StoreError) {
        guard markClosed() else { return }
        guard let building else {
            closeConnections()
            return
        }
        try publish(building)
    }

    /// A built database whose run failed is still published, so its journal says how the run
    /// ended (as for a database created in place); if even that fails, the file is removed.
    func discardOrPublish(_ building: String) {
        do {
            try publish(building)
        } catch {
            Self.removeBuilding(building)
        }
    }

    private func publish(_ building: String) throws(StoreError) {
        do {
            // The database's mode everywhere else; a file in one piece, since nothing is in the log.
            try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
            try writer.close()
        } catch {
            try? writer.close()
            throw StoreError.database(error, path, doing: "finish")
        }
        let left = "the new database is left in \(building)"
        guard syncFile(building) == 0 else {
            throw StoreError(.ioFailure, "cannot write \(building) to disk: \(String(cString: strerror(errno))); \(left)")
        }
        // A hard link never replaces what may have appeared at the path since the run began.
        if link(building, path) == 0 {
            unlink(building)
        } else if errno == EEXIST {
            throw StoreError(.ioFailure, """
                \(path) appeared while sla built a new database there; \(left), and \(path) is untouched
                """)
        } else if rename(building, path) != 0 { // A file system without hard links.
            let reason = String(cString: strerror(errno))
            throw StoreError(.ioFailure, "cannot move the new database to \(path): \(reason); \(left)")
        }
        _ = syncFile(URL(fileURLWithPath: path).deletingLastPathComponent().path)
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
