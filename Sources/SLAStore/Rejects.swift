import Foundation
import SLACore

/// `<input>.rejects.csv`: each rejected row with its line, column and reason, then the row as read.
enum Rejects {
    /// Writes the rejects beside `input` and returns its path; with nothing rejected, removes a
    /// stale rejects file of an earlier import so it cannot be mistaken for this one's.
    static func write(_ rejected: [ImportReport.Rejection], header: [String], besides input: String) throws(StoreError)
        -> String?
    {
        let path = input + ".rejects.csv"
        guard !rejected.isEmpty else {
            try? FileManager.default.removeItem(atPath: path)
            return nil
        }
        var csv = CSVWriter(header: ["line", "column", "reason"] + header)
        for rejection in rejected {
            csv.appendRow([String(rejection.line), rejection.column, rejection.reason] + rejection.fields)
        }
        do {
            try csv.text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw StoreError("cannot write \(path): \(error)", underlying: error)
        }
        return path
    }
}
