import Foundation

/// Report files are written to a temporary name in their folder and renamed into place, so nobody
/// ever opens half a file.
public enum ReportFile {
    /// Writes `text` to `path` atomically, creating the folder.
    public static func write(_ text: String, to path: String) throws(ReportError) {
        try write(to: path) { temporary throws(ReportError) in
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
            } catch {
                throw ReportError("cannot write \(temporary): \(error)")
            }
        }
    }

    /// Removes the temporary files (`.<name>.<pid>.tmp`) a killed run left in `folder`. Call it
    /// only while holding the run lock, when no other run can be writing there.
    public static func removeTemporaries(in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            try? FileManager.default.removeItem(atPath: folder + "/" + name)
        }
    }

    /// Lets `body` write a temporary file beside `path`, then renames it into place.
    public static func write(to path: String, _ body: (String) throws(ReportError) -> Void) throws(ReportError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw ReportError("cannot create the folder \(folder.path): \(error)")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp").path
        do throws(ReportError) {
            try body(temporary)
            if rename(temporary, path) != 0 {
                throw ReportError("cannot move \(temporary) to \(path): \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }
}

/// A report that could not be written.
public struct ReportError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
