import Foundation
import SLAReports

/// What a command prints for its user (CSV, an explanation, a summary line), written whole or
/// failing with the job's error: `print` drops a write error, so `sla explain … > /dev/full`
/// said nothing and exited 0.
public enum StandardOutput {
    public static func write(_ text: String) throws(SLAError) {
        do {
            try Array(text.utf8).withUnsafeBufferPointer { bytes throws(ReportError) in
                try ReportFile.writeAll(bytes, to: STDOUT_FILENO, path: "standard output")
            }
        } catch {
            throw SLAError(error)
        }
    }
}
