import Foundation

/// Report files are written to a temporary name in their folder and renamed into place, so nobody
/// ever opens half a file; a folder of reports is written whole the same way.
///
/// Files are written with the system calls themselves, so a full disk or a refused folder is
/// named by its `errno` (never a Foundation error dump).
package enum ReportFile {
    /// Writes `text` to `path` atomically, creating the folder.
    package static func write(_ text: String, to path: String) throws(ReportError) {
        try write(to: path) { temporary throws(ReportError) in
            let descriptor = try create(temporary)
            defer { close(descriptor) }
            try Array(text.utf8).withUnsafeBufferPointer { bytes throws(ReportError) in
                try writeAll(bytes, to: descriptor, path: temporary)
            }
        }
    }

    /// Creates (or truncates) `path` for writing.
    package static func create(_ path: String) throws(ReportError) -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw ReportError.system(errno, path, doing: "create") }
        return descriptor
    }

    /// Writes all of `bytes` to `descriptor`, whatever the system writes at a time.
    package static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32, path: String) throws(ReportError) {
        guard var next = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let written = Foundation.write(descriptor, next, left)
            if written < 0 {
                if errno == EINTR { continue }
                throw ReportError.system(errno, path, doing: "write")
            }
            next += written
            left -= written
        }
    }

    /// Creates `folder` and the folders above it.
    package static func createFolder(_ folder: String) throws(ReportError) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw ReportError.system(ENOTDIR, folder, doing: "create the folder") }
            return
        }
        let parent = URL(fileURLWithPath: folder).deletingLastPathComponent().path
        if parent != folder { try createFolder(parent) }
        guard mkdir(folder, 0o755) == 0 || errno == EEXIST else {
            throw ReportError.system(errno, folder, doing: "create the folder")
        }
    }

    /// Removes the temporary files and folders (`.<name>.<pid>.tmp`) a killed run left in
    /// `folder`. Call it only while holding the run lock, when no other run can be writing there.
    package static func removeTemporaries(in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            try? FileManager.default.removeItem(atPath: folder + "/" + name)
        }
    }

    /// The temporary name of `path` while it is written: hidden, in the same folder (a rename
    /// across file systems would not be atomic), and told apart from any other run's.
    package static func temporaryPath(for path: String, suffix: String = "tmp") -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(suffix)").path
    }

    /// Lets `body` write a temporary file beside `path`, then renames it into place.
    package static func write(to path: String, _ body: (String) throws(ReportError) -> Void) throws(ReportError) {
        try write(to: path, failure: { $0 }, body)
    }

    /// Lets `body` write a temporary file beside `path`, then renames it into place. `body`'s own
    /// error passes through as it is; the writer's failures become the caller's error by `failure`
    /// (so that nothing is wrapped in a `ReportError` to cross the closure).
    package static func write<E: Error>(to path: String, failure: (ReportError) -> E, _ body: (String) throws(E) -> Void)
        throws(E)
    {
        try converting(failure) { () throws(ReportError) in
            try createFolder(URL(fileURLWithPath: path).deletingLastPathComponent().path)
        }
        let temporary = temporaryPath(for: path)
        do throws(E) {
            try body(temporary)
            if rename(temporary, path) != 0 { throw failure(ReportError.system(errno, path, doing: "move the new file into")) }
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Lets `body` write the file a user named (`sla export --out`): through a symbolic link to
    /// the file it names; straight into a FIFO, a device or a terminal (`/dev/stdout`), which are
    /// never replaced; into any other path by a temporary file renamed into place. `body`'s own
    /// error passes through as it is; the writer's failures become the caller's error by `failure`.
    package static func writeOutput<E: Error>(
        to path: String, failure: (ReportError) -> E,
        _ body: (_ descriptor: Int32, _ path: String) throws(E) -> Void
    ) throws(E) {
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        var status = stat()
        if stat(target, &status) == 0, (status.st_mode & S_IFMT) != S_IFREG {
            guard (status.st_mode & S_IFMT) != S_IFDIR else { throw failure(ReportError.system(EISDIR, path, doing: "write")) }
            let descriptor = open(target, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw failure(ReportError.system(errno, path, doing: "open")) }
            defer { close(descriptor) }
            try body(descriptor, path)
            return
        }
        try write(to: target, failure: failure) { temporary throws(E) in
            let descriptor = try converting(failure) { () throws(ReportError) in try create(temporary) }
            defer { close(descriptor) }
            try body(descriptor, temporary)
        }
    }

    /// `call`, its failure as the caller's error.
    package static func converting<T, E: Error>(_ failure: (ReportError) -> E, _ call: () throws(ReportError) -> T) throws(E)
        -> T
    {
        do {
            return try call()
        } catch {
            throw failure(error)
        }
    }

    /// Lets `body` fill a temporary folder beside `folder`, then puts it in `folder`'s place
    /// whole: a rename, after moving an earlier `folder` aside (removed once the new one is in).
    /// A failure leaves the earlier folder as it was.
    package static func replaceFolder(_ folder: String, _ body: (String) throws(ReportError) -> Void) throws(ReportError) {
        try replaceFolder(folder, failure: { $0 }, body)
    }

    /// `replaceFolder(_:_:)` for a `body` with an error of its own, which passes through as it is;
    /// the writer's failures become the caller's error by `failure`.
    package static func replaceFolder<E: Error>(
        _ folder: String, failure: (ReportError) -> E,
        _ body: (String) throws(E) -> Void
    ) throws(E) {
        let parent = URL(fileURLWithPath: folder).deletingLastPathComponent().path
        try converting(failure) { () throws(ReportError) in try createFolder(parent) }
        let temporary = temporaryPath(for: folder)
        // Whatever an earlier run left there: a folder that is not there is what is wanted.
        try? FileManager.default.removeItem(atPath: temporary)
        guard mkdir(temporary, 0o755) == 0 else {
            throw failure(ReportError.system(errno, temporary, doing: "create the folder"))
        }
        do throws(E) {
            try body(temporary)
            let aside = temporaryPath(for: folder, suffix: "old.tmp")
            let exists = FileManager.default.fileExists(atPath: folder)
            if exists, rename(folder, aside) != 0 {
                throw failure(ReportError.system(errno, folder, doing: "move aside the earlier"))
            }
            guard rename(temporary, folder) == 0 else {
                let number = errno
                if exists { _ = rename(aside, folder) }
                throw failure(ReportError.system(number, folder, doing: "move the new reports into"))
            }
            // The new folder is in place; an old one left aside is removed by the next run's cleanup.
            if exists { try? FileManager.default.removeItem(atPath: aside) }
        } catch {
            // The failure is what is reported; a temporary folder left behind is removed next run.
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }

    /// The absolute path with every symbolic link of its existing part resolved: how the report
    /// folder, the database and a message's attachments are compared, whatever path names them.
    package static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
