import Foundation
import GRDB

/// Opens a database for reading only — so a read-only file, on a read-only folder, is enough.
///
/// SQLite reads a database in WAL mode through a shared-memory file (`-shm`) beside it, which a
/// read-only folder does not let it create. When that is the only obstacle and no changes wait in
/// a `-wal` file (sla checkpoints and removes it when a run ends), the file is complete by itself
/// and is opened as immutable.
enum ReadOnlyDatabase {
    static func open(_ path: String, busyTimeout: TimeInterval = 30) throws(StoreError) -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeout)
        let firstError: any Error
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.read { db in _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
            return queue
        } catch {
            firstError = error
        }
        guard let databaseError = firstError as? DatabaseError,
            [.SQLITE_READONLY, .SQLITE_CANTOPEN].contains(databaseError.resultCode)
        else { throw StoreError.database(firstError, path, doing: "read") }
        let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int ?? 0
        guard wal == 0 else {
            throw StoreError(
                .permissionDenied,
                """
                cannot read \(path) (\(databaseError.message ?? "\(databaseError.resultCode)")): changes wait in \
                \(path)-wal, and this user may not write the database's folder, \
                which SQLite needs to read them. Run sla nightly (or sla import) once with write access — it folds \
                them into the database — or give this user write access to the folder
                """, underlying: firstError)
        }
        do {
            return try immutable(path, configuration)
        } catch {
            throw StoreError.database(firstError, path, doing: "read")
        }
    }

    /// A quick look at a file nobody is writing in WAL mode now (it has no `-wal` and no `-shm`
    /// beside it), which leaves no file behind: deciding whether a database is sla's must not give
    /// another program's database files owned by whoever ran sla.
    static func glance(_ path: String) throws(StoreError) -> DatabaseQueue {
        let manager = FileManager.default
        guard !manager.fileExists(atPath: path + "-wal"), !manager.fileExists(atPath: path + "-shm") else {
            return try open(path)
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(30)
        do {
            return try immutable(path, configuration)
        } catch {
            return try open(path)
        }
    }

    /// The file opened as immutable: no lock, no side file, read as it is.
    private static func immutable(_ path: String, _ configuration: Configuration) throws -> DatabaseQueue {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let escaped = absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? absolute
        let queue = try DatabaseQueue(path: "file:\(escaped)?immutable=1", configuration: configuration)
        try queue.read { db in _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
        return queue
    }
}
