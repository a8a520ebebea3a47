import Foundation
import Logging
public import SLACore
import SLAReports
package import SLAStore

/// `sla import`: the interchange files into the database, clients first, then cases, then events,
/// so a file may refer to what the one before it brought — all in one transaction.
public enum ImportJob {
    public struct Request: Sendable {
        package var clients: String?
        package var cases: String?
        package var events: String?
        /// The profile the files are read through (a tool's own exports); nil for sla's own CSV.
        package var profile: ImportProfile?

        public init(clients: String? = nil, cases: String? = nil, events: String? = nil, profile: ImportProfile? = nil) {
            self.clients = clients
            self.cases = cases
            self.events = events
            self.profile = profile
        }
    }

    /// What the import did: every rejected row is a finding (SPEC §7).
    public struct Outcome: JobOutcome {
        package var reports: [ImportReport]
        /// The rejects files written, one per file with rejected rows.
        public var files: [String]

        public var findings: [Finding] { reports.flatMap { $0.rejected.map(\.finding) } }

        public var summaryLine: String {
            reports.map {
                "\($0.file): \($0.read) read, \($0.accepted) accepted, \($0.rejected.count) rejected"
                    + ($0.skipped > 0 ? ", \($0.skipped) skipped" : "")
            }
            .joined(separator: "; ")
        }
    }

    /// Imports the files. Each file's rejected rows go to `<file>.rejects.csv` beside it (a clean
    /// file removes a stale one); they are written before the import commits, so a rejects file
    /// that cannot be written stops the import with nothing committed, rather than leaving rows
    /// rejected and reported nowhere.
    public static func run(_ request: Request, runner: JobRunner) throws(SLAError) -> Outcome {
        // A section the profile leaves out means that file is in sla's own form.
        let profile = request.profile
        let files: [CaseStore.ImportFile] = [
            request.clients.map { .init(.clients, path: $0, layout: profile?.clients) },
            request.cases.map { .init(.cases, path: $0, layout: profile?.cases) },
            request.events.map { .init(.events, path: $0, layout: profile?.events) }
        ].compactMap { $0 }
        guard !files.isEmpty else {
            throw SLAError(.invalidOption, "nothing to import: give a clients, cases and/or events file")
        }
        return try runner.write("import", asOf: nil, creating: true) { context throws(SLAError) in
            try load(files, context)
        }
    }

    private static func load(_ files: [CaseStore.ImportFile], _ context: JobRunner.Context) throws(SLAError) -> Outcome {
        // Rejects files are written under temporary names inside the transaction and renamed
        // into place once it has committed.
        var prepared: [(temporary: String, path: String)] = []
        var bar: (file: String, bar: ProgressBar)?
        defer { bar?.bar.finish() }
        let reports: [ImportReport]
        do {
            reports = try context.store.importFiles(
                files, logger: context.logger,
                progress: { file, rows, fraction in
                    if bar?.file != file {
                        bar?.bar.finish()
                        bar = (file, ProgressBar("importing \(URL(fileURLWithPath: file).lastPathComponent)", unit: "rows"))
                    }
                    bar?.bar.update(rows, of: nil, fraction: fraction)
                },
                confirm: { report throws(ReportError) in
                    guard !report.rejected.isEmpty else { return }
                    let path = rejectsPath(of: report.file)
                    // What stands at the path must be a file the rename can replace, or nothing:
                    // known before the import commits, not after.
                    var status = stat()
                    if lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
                        throw ReportError.system(EISDIR, path, doing: "write the rejects file")
                    }
                    let temporary = ReportFile.temporaryPath(for: path)
                    prepared.append((temporary, path))
                    let descriptor = try ReportFile.create(temporary)
                    defer { close(descriptor) }
                    try Array(rejectsCSV(report).utf8).withUnsafeBufferPointer { bytes throws(ReportError) in
                        try ReportFile.writeAll(bytes, to: descriptor, path: temporary)
                    }
                })
        } catch {
            for file in prepared { unlink(file.temporary) }
            // The rejects file is written beside its input: that folder, not the report folder.
            let failure =
                (error as? ReportError)
                .map { SLAError($0.blaming("the folder of the input file, where its rejects file is written")) }
                ?? SLAError.from(error)
            if error is ReportError {
                throw SLAError(
                    failure.code,
                    """
                    \(failure.message). The rejected rows could not be listed, so nothing was imported: \
                    fix that and run the import again
                    """, underlying: error)
            }
            throw failure
        }
        var written: [String] = []
        for report in reports {
            let path = rejectsPath(of: report.file)
            if report.rejected.isEmpty {
                // A clean import removes a stale rejects file, so it cannot be mistaken for this one's.
                unlink(path)
            } else if let file = prepared.first(where: { $0.path == path }), rename(file.temporary, file.path) != 0 {
                // Committed already: the list stays where it was written, and the log says where.
                let reason = String(cString: strerror(errno))
                written.append(file.temporary)
                context.logger.error(
                    """
                    \(report.file): \(report.rejected.count) rows rejected, listed in \(file.temporary): it could not be \
                    moved to \(path) (\(reason))
                    """)
            } else {
                written.append(path)
                context.logger.warning("\(report.file): \(report.rejected.count) rows rejected, listed in \(path)")
            }
        }
        return Outcome(reports: reports, files: written)
    }

    /// `<input>.rejects.csv`.
    package static func rejectsPath(of input: String) -> String { input + ".rejects.csv" }

    /// Each rejected row with its line, column and reason, then the row as read.
    static func rejectsCSV(_ report: ImportReport) -> String {
        var csv = CSVWriter(header: ["line", "column", "reason"] + report.header)
        for rejection in report.rejected {
            csv.appendRow([String(rejection.line), rejection.column, rejection.reason] + rejection.fields)
        }
        return csv.text
    }
}
