import Foundation
import SLAReports

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The files that are the database: the file itself and what SQLite and sla keep beside it
/// (`-wal`, `-shm`, `.lock`, `.building`). No output of sla may be one of them — a CSV written
/// over the database replaces it — whatever path reaches it: a symbolic link or a hard link is
/// the same file, so they are compared by identity (device and inode), and by resolved name for
/// the ones that do not exist yet.
package enum DatabaseFiles {
    static let suffixes = ["", "-wal", "-shm", "-journal", ".lock", ".building"]

    /// Refuses (usage error, exit 2) an output file that is one of `database`'s files.
    package static func refuseOutputFile(_ path: String, option: String, database: String) throws(SLAError) {
        if let which = databaseFile(path, database: database) {
            throw SLAError(
                .invalidOption,
                """
                \(option) \(path) is the database's \(which): writing there would destroy it; give another file
                """)
        }
    }

    /// Refuses (usage error, exit 2) a reports folder that is one of `database`'s files, or that
    /// holds the database where sla replaces whole folders (`daily/`, `monthly/`).
    package static func refuseReportsFolder(_ folder: String, database: String) throws(SLAError) {
        if let which = databaseFile(folder, database: database) {
            throw SLAError(
                .invalidOption,
                """
                the report folder (--reports) \(folder) is the database's \(which): give a folder of its own
                """)
        }
        let reports = ReportFile.resolved(folder)
        let file = ReportFile.resolved(database)
        for replaced in ["daily", "monthly"] where file.hasPrefix(reports + "/" + replaced + "/") {
            throw SLAError(
                .invalidOption,
                """
                the database \(database) lies inside the report folder's \(replaced)/ (--reports \(folder)), whose \
                folders each run replaces whole: keep the database outside it
                """)
        }
    }

    /// Which of the database's files `path` is ("file", "-wal file", …), or nil.
    static func databaseFile(_ path: String, database: String) -> String? {
        let target = identity(path)
        let name = ReportFile.resolved(path)
        let base = ReportFile.resolved(database)
        for suffix in suffixes {
            let candidate = database + suffix
            if name == base + suffix { return describe(suffix) }
            if let target, let other = identity(candidate), other == target { return describe(suffix) }
        }
        return nil
    }

    private static func describe(_ suffix: String) -> String { suffix.isEmpty ? "file" : "\(suffix) file" }

    /// Device and inode of what `path` names (following links), nil when nothing is there.
    static func identity(_ path: String) -> (UInt64, UInt64)? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return (UInt64(status.st_dev), UInt64(status.st_ino))
    }
}
