import Foundation
import GRDB
import SLACore

extension CaseStore {
    /// Checks and writes every row after the header, inside the import's transaction.
    static func importRows<Source: ImportRecordSource>(
        _ kind: InterchangeFile, from reader: inout Source, names: [String], shape: RowShape?, path: String,
        into db: Database, casesBefore: Int64, imported: ImportedCases, report: inout ImportReport,
        progress: (_ rows: Int, _ offset: Int) -> Void
    ) throws {
        let upsert = try RowUpserter(
            kind, header: names, casesBefore: casesBefore, imported: imported, db: db,
            idsUnique: reader.idsUnique)
        var record = CSVReader.RawRecord()
        func reject(_ line: Int, _ problem: Finding, _ fields: [String]) {
            let field = problem.field ?? ""
            let column = shape?.column(field) ?? field
            var reason = problem.reason
            if shape != nil, reason.contains(" is not one of "), !field.hasPrefix("\u{0}") {
                reason += " (map the export's word to one of them under values.\(field) in the profile)"
            }
            report.rejected.append(
                .init(
                    finding: Finding(.file(path: path, line: line), field: column, reason),
                    fields: shape?.asRead(fields) ?? fields))
        }
        while reader.next(into: &record) {
            report.read += 1
            if report.read % 10_000 == 0 { progress(report.read, reader.offset) }
            do {
                if let problem = record.problem {
                    if let column = record.problemColumn { throw Finding(field: column, reason: problem) }
                    throw Finding(field: names.first ?? "", reason: "malformed CSV: \(problem)")
                }
                if record.fields.count != names.count {
                    let column = record.fields.count < names.count ? names[record.fields.count] : names.last ?? ""
                    throw Finding(field: column, reason: "the row has \(record.fields.count) fields, the header \(names.count)")
                }
                // Text that is not UTF-8 (a file saved as Latin-1) would reach the reports garbled.
                if !reader.fieldsUTF8, let bad = record.fields.firstIndex(where: { !ImportRow.isUTF8($0) }) {
                    throw Finding(
                        field: names[bad],
                        reason: """
                            '\(Finding.printable(String(decoding: record.fields[bad], as: UTF8.self), limit: 60))' is not \
                            valid UTF-8: save the file as UTF-8 (it may have been saved as Latin-1 or Windows-1252)
                            """)
                }
                try upsert(ImportRow(record: record))
                reader.accepted()
                report.accepted += 1
            } catch let problem as Finding {
                reject(record.line, problem, record.strings)
            }
            // Earlier rows rejected only when their batch was written had been counted as accepted.
            let late = upsert.takeLateRejections()
            report.accepted -= late.count
            for rejection in late { reject(rejection.line, rejection.problem, rejection.fields) }
        }
        try upsert.finish()
        let late = upsert.takeLateRejections()
        report.accepted -= late.count
        for rejection in late { reject(rejection.line, rejection.problem, rejection.fields) }
    }
}

/// How a rejected row of an export is listed: the export's column names and its row as read.
struct RowShape {
    var column: (String) -> String
    var asRead: ([String]) -> [String]
}

extension CaseStore {
    /// Imports a tool's export through its profile's layout; a cases export's instant columns that
    /// are events are imported after its rows, as the events of the rows accepted. Rows read =
    /// accepted + rejected + skipped, each row of the export counted once.
    static func importExport(
        _ rows: ExportRows, file: ImportFile, into db: Database, casesBefore: Int64,
        imported: ImportedCases,
        progress: ((_ file: String, _ rows: Int, _ fraction: Double) -> Void)?
    ) throws
        -> ImportReport
    {
        var report = ImportReport(file: file.path, header: rows.header, read: 0, accepted: 0, rejected: [])
        var source = rows
        let shape = RowShape(column: { rows.shownName($0) }, asRead: { rows.asRead($0) })
        let size = Double(max(1, (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 1))
        try importRows(
            file.kind, from: &source, names: rows.names, shape: shape, path: file.path, into: db,
            casesBefore: casesBefore, imported: imported, report: &report
        ) { count, offset in
            progress?(file.path, count, Double(offset) / size)
        }
        report.read += rows.skipped
        report.skipped = rows.skipped
        guard !rows.rowEvents.isEmpty else { return report }
        // The case rows' events: rejected only if the database refuses one, which then rejects its row.
        var columns: [EventKind: String] = [:]
        for event in rows.layout.rowEvents { columns[event.kind] = event.column }
        var events = RowEventRows(rows.rowEvents, columns: columns)
        var eventReport = ImportReport(file: file.path, header: [], read: 0, accepted: 0, rejected: [])
        try importRows(
            .events, from: &events, names: RowEventRows.names, shape: nil, path: file.path, into: db,
            casesBefore: casesBefore, imported: imported, report: &eventReport
        ) { _, _ in }
        let rejectedLines = Set(report.rejected.map(\.line))
        var seen = Set<Int>()
        for rejection in eventReport.rejected
        where !rejectedLines.contains(rejection.line) && seen.insert(rejection.line).inserted {
            var finding = rejection.finding
            let column = rejection.fields.last ?? ""
            finding.field =
                ["at", "kind", "event_id"].contains(rejection.column) && !column.isEmpty
                ? column
                : rows.shownName(rejection.column)
            report.rejected.append(.init(finding: finding, fields: []))
            report.accepted -= 1
        }
        return report
    }
}

/// A row rejected when its batch was written, after later rows were read.
struct LateRejection {
    var line: Int
    var problem: Finding
    var fields: [String]
}
