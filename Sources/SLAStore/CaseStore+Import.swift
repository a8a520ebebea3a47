import Foundation
import GRDB
package import Logging
package import SLACore

extension CaseStore {
    /// One interchange file to import.
    package struct ImportFile: Sendable {
        package var kind: InterchangeFile
        package var path: String
        /// How the file is written when it is a tool's own export; nil for sla's own CSV.
        package var layout: ExportLayout?

        package init(_ kind: InterchangeFile, path: String, layout: ExportLayout? = nil) {
            self.kind = kind
            self.path = path
            self.layout = layout
        }
    }

    /// Imports interchange files, in order, in one transaction: valid rows are upserted by id (so
    /// re-importing a file changes nothing), each invalid row is listed with its line, column and
    /// reason, and a neighbour's fault never costs a valid row.
    ///
    /// - Parameters:
    ///   - progress: told now and then the file, the rows read so far and the share of it read.
    ///   - confirm: called with each file's report after its last row, inside the transaction —
    ///     where the rejects file is prepared: if it throws, nothing of any file is committed.
    package func importFiles(
        _ files: [ImportFile], logger: Logger,
        progress: ((_ file: String, _ rows: Int, _ fraction: Double) -> Void)? = nil,
        confirm: (ImportReport) throws -> Void = { _ in }
    ) throws -> [ImportReport] {
        // Every file is opened and its header checked before anything is written.
        var opened: [(file: ImportFile, source: OpenedFile)] = []
        for file in files {
            if let layout = file.layout {
                opened.append((file, .export(try ExportRows(path: file.path, kind: file.kind, layout: layout))))
            } else {
                let (reader, header, size) = try Self.open(file, logger: logger)
                opened.append((file, .csv(reader, header: header, size: size)))
            }
        }
        var reports: [ImportReport] = []
        do {
            // The import checks every reference itself (a case's client, an event's case) and
            // says which row and column is wrong; SQLite checking them again, per row, doubled
            // the cost of a row. The pragma only takes effect outside a transaction.
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
                try db.inTransaction(.immediate) {
                    // The cases that were there before this import, by rowid: only their events
                    // can change what a night already read.
                    let casesBefore = try CaseRow.largestRowID(db)
                    let imported = ImportedCases()
                    for (file, source) in opened {
                        var report: ImportReport
                        switch source {
                        case .csv(var reader, let header, let size):
                            report = ImportReport(file: file.path, header: header, read: 0, accepted: 0, rejected: [])
                            let names = header.map { String($0.trimmingBlanksAndTabs()).lowercased() }
                            try Self.importRows(
                                file.kind, from: &reader, names: names, shape: nil, path: file.path, into: db,
                                casesBefore: casesBefore, imported: imported, report: &report
                            ) { rows, offset in
                                progress?(file.path, rows, Double(offset) / Double(size))
                            }
                        case .export(let rows):
                            report = try Self.importExport(
                                rows, file: file, into: db, casesBefore: casesBefore,
                                imported: imported, progress: progress)
                        }
                        report.rejected.sort { $0.line < $1.line }
                        try confirm(report)
                        reports.append(report)
                    }
                    return .commit
                }
            }
        } catch let error as DatabaseError {
            throw StoreError.database(error, path, doing: "import into")
        }
        for report in reports {
            logger.info(
                """
                \(report.file): \(report.read) rows read = \(report.accepted) accepted + \(report.rejected.count) rejected\
                \(report.skipped > 0 ? " + \(report.skipped) skipped (no rule of the profile)" : "")
                """)
        }
        return reports
    }
}

/// An interchange file opened: sla's own CSV, or a tool's export read through a profile.
enum OpenedFile {
    case csv(CSVReader, header: [String], size: Int)
    case export(ExportRows)
}
