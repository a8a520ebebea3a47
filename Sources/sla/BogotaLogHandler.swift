import Foundation
import Logging
import SLABatch
import SLACore

/// Log lines on standard error, each stamped with the Bogotá time it was written
/// (`2026-11-24T02:00:03-05:00 info sla.nightly: …`), whatever the machine's time zone: the log
/// of a night reads in the desk's own time, like everything else sla writes.
///
/// One entry is one line: a control character in a message (a line break in a client's name)
/// is written as an escape, so data can never forge a line of the log.
struct BogotaLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let now = Instant(secondsSince1970: Int64(Date().timeIntervalSince1970.rounded(.down)))
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let details =
            merged.isEmpty ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let line = "\(now) \(event.level) \(label): \(Finding.printable("\(event.message)", limit: 100_000))\(details)\n"
        // Never fatal: a log that cannot be written (a full disk, a reader gone) loses the line only.
        StandardError.write(line)
    }
}
