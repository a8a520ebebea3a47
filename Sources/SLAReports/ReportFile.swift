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
        try createFolder(URL(fileURLWithPath: path).deletingLastPathComponent().path)
        let temporary = temporaryPath(for: path)
        do throws(ReportError) {
            try body(temporary)
            if rename(temporary, path) != 0 { throw ReportError.system(errno, path, doing: "move the new file into") }
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Lets `body` write the file a user named (`sla export --out`): through a symbolic link to
    /// the file it names; straight into a FIFO, a device or a terminal (`/dev/stdout`), which are
    /// never replaced; into any other path by a temporary file renamed into place.
    package static func writeOutput(to path: String, _ body: (_ descriptor: Int32, _ path: String) throws(ReportError) -> Void)
        throws(ReportError)
    {
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        var status = stat()
        if stat(target, &status) == 0, (status.st_mode & S_IFMT) != S_IFREG {
            guard (status.st_mode & S_IFMT) != S_IFDIR else { throw ReportError.system(EISDIR, path, doing: "write") }
            let descriptor = open(target, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw ReportError.system(errno, path, doing: "open") }
            defer { close(descriptor) }
            try body(descriptor, path)
            return
        }
        try write(to: target) { temporary throws(ReportError) in
            let descriptor = try create(temporary)
            defer { close(descriptor) }
            try body(descriptor, temporary)
        }
    }

    /// Lets `body` fill a temporary folder beside `folder`, then puts it in `folder`'s place
    /// whole: a rename, after moving an earlier `folder` aside (removed once the new one is in).
    /// A failure leaves the earlier folder as it was.
    package static func replaceFolder(_ folder: String, _ body: (String) throws(ReportError) -> Void) throws(ReportError) {
        let parent = URL(fileURLWithPath: folder).deletingLastPathComponent().path
        try createFolder(parent)
        let temporary = temporaryPath(for: folder)
        try? FileManager.default.removeItem(atPath: temporary)
        guard mkdir(temporary, 0o755) == 0 else { throw ReportError.system(errno, temporary, doing: "create the folder") }
        do throws(ReportError) {
            try body(temporary)
            let aside = temporaryPath(for: folder, suffix: "old.tmp")
            let exists = FileManager.default.fileExists(atPath: folder)
            if exists, rename(folder, aside) != 0 {
                throw ReportError.system(errno, folder, doing: "move aside the earlier")
            }
            guard rename(temporary, folder) == 0 else {
                let number = errno
                if exists { _ = rename(aside, folder) }
                throw ReportError.system(number, folder, doing: "move the new reports into")
            }
            if exists { try? FileManager.default.removeItem(atPath: aside) }
        } catch {
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
