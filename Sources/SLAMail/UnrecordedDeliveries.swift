import Foundation
package import SLACore
import SLAReports

/// Deliveries the sendmail program made that the database could not record (it stayed locked, its
/// disk filled): `.<database>.delivered` beside the database, one `key<TAB>seconds<TAB>recipients`
/// line each, written by the run that sent them and recorded by the next run before it sends
/// anything. Only read and written under the run lock.
package struct UnrecordedDeliveries {
    package let path: String

    package init(beside database: String) {
        let url = URL(fileURLWithPath: database)
        path = url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".delivered"
    }

    package func read() -> [(key: String, at: Instant, recipients: [String])] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3, let seconds = Int64(fields[1]), CalendarCoverage.contains(secondsSince1970: seconds)
            else { return nil }
            return (
                String(fields[0]), Instant(secondsSince1970: seconds),
                fields[2].split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            )
        }
    }

    /// Adds `deliveries` to the file (written whole, then renamed into place); false when it
    /// could not be written.
    @discardableResult
    package func write(_ deliveries: [(key: String, at: Instant, recipients: [String])]) -> Bool {
        let lines = read().map { ($0.key, $0.at, $0.recipients) } + deliveries
        let text = lines.map { "\($0.0)\t\($0.1.secondsSince1970)\t\($0.2.joined(separator: ","))\n" }.joined()
        return (try? ReportFile.write(text, to: path)) != nil
    }

    package func remove() { unlink(path) }
}
