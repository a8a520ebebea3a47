import Foundation
import GRDB
public import Logging
import SLACore

extension CaseStore {
    /// Imports one interchange file: valid rows are upserted by id in one transaction (so
    /// re-importing a file changes nothing), each invalid row goes to `<file>.rejects.csv` with its
    /// line, column and reason, and a neighbour's fault never costs a valid row.
    ///
    /// - Parameter progress: told now and then the rows read so far and the share of the file read.
    public func importFile(_ kind: InterchangeFile, path: String, logger: Logger,
                           progress: ((_ rows: Int, _ fraction: Double) -> Void)? = nil) throws(StoreError) -> ImportReport
    {
        guard let file = FileHandle(forReadingAtPath: path) else {
            throw StoreError("\(path): cannot be read (does it exist?)")
        }
        defer { try? file.close() }
        let size = max(1, (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 1)
        var reader = CSVReader(file: file)
        guard let header = reader.next() else { throw StoreError("\(path): the file is empty; expected a header row") }
        let names = header.fields.map { String($0.trimmingBlanksAndTabs()).lowercased() }
        let missing = kind.requiredColumns.subtracting(names)
        guard missing.isEmpty else {
            throw StoreError("""
                \(path):1: the header lacks \(missing.sorted().joined(separator: ", ")); \
                expected \(kind.columns.joined(separator: ","))
                """)
        }
        let unknown = names.filter { !kind.columns.contains($0) }
        if !unknown.isEmpty { logger.warning("\(path): ignoring unknown columns \(unknown.joined(separator: ", "))") }
        let positions = Dictionary(names.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })

        var report = ImportReport(file: path, read: 0, accepted: 0, rejected: [], rejectsFile: nil)
        do {
            try writer.write { db in
                let upsert = try RowUpserter(kind, db: db)
                while let record = reader.next() {
                    report.read += 1
                    if report.read % 10_000 == 0 { progress?(report.read, Double(reader.offset) / Double(size)) }
                    do {
                        if let problem = record.problem {
                            throw RowProblem(column: names.first ?? "", reason: "malformed CSV: \(problem)")
                        }
                        if record.fields.count != names.count {
                            let column = record.fields.count < names.count ? names[record.fields.count] : names.last ?? ""
                            throw RowProblem(column: column, reason: "the row has \(record.fields.count) fields, the header \(names.count)")
                        }
                        try upsert(RowReader(fields: record.fields, positions: positions))
                        report.accepted += 1
                    } catch let problem as RowProblem {
                        report.rejected.append(.init(line: record.line, column: problem.column, reason: problem.reason,
                                                     fields: record.fields))
                    }
                }
            }
        } catch {
            throw StoreError("\(path): the import failed and nothing of it was written: \(error)", underlying: error)
        }
        report.rejectsFile = try Rejects.write(report.rejected, header: header.fields, besides: path)
        logger.info("\(path): \(report.read) rows read = \(report.accepted) accepted + \(report.rejected.count) rejected")
        return report
    }
}

/// Checks one row of a file and writes it, knowing what the database already holds.
private struct RowUpserter {
    let check: (RowReader) throws -> Void

    init(_ kind: InterchangeFile, db: Database) throws {
        switch kind {
        case .clients:
            let kam = try db.cachedStatement(sql: """
                INSERT INTO kam (id, name, email) VALUES (?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET name = excluded.name, email = excluded.email
                WHERE name IS NOT excluded.name OR email IS NOT excluded.email
                """)
            let client = try db.cachedStatement(sql: """
                INSERT INTO client (id, name, contract, kam_id) VALUES (?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET name = excluded.name, contract = excluded.contract, kam_id = excluded.kam_id
                WHERE name IS NOT excluded.name OR contract IS NOT excluded.contract OR kam_id IS NOT excluded.kam_id
                """)
            check = { row in
                let id = try row.required("client_id")
                let name = try row.required("client_name")
                let contract = try row.enumeration("contract", accepted: Contract.acceptedSpellings) { Contract(accepting: $0) }!
                let kamID = try row.required("kam_id")
                let email = row.value("kam_email")
                if !email.isEmpty, !email.contains("@") {
                    throw RowProblem(column: "kam_email", reason: "kam_email '\(email)' is not an e-mail address")
                }
                let kamName = row.value("kam_name").isEmpty ? kamID : row.value("kam_name")
                try kam.execute(arguments: [kamID, kamName, email])
                try client.execute(arguments: [id, name, contract.rawValue, kamID])
            }
        case .cases:
            let clientExists = try db.cachedStatement(sql: "SELECT 1 FROM client WHERE id = ?")
            let upsert = try db.cachedStatement(sql: """
                INSERT INTO service_case (id, client_id, product, type, priority, impact, urgency, created_at, summary)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET client_id = excluded.client_id, product = excluded.product,
                    type = excluded.type, priority = excluded.priority, impact = excluded.impact,
                    urgency = excluded.urgency, created_at = excluded.created_at, summary = excluded.summary
                WHERE client_id IS NOT excluded.client_id OR product IS NOT excluded.product
                    OR type IS NOT excluded.type OR priority IS NOT excluded.priority OR impact IS NOT excluded.impact
                    OR urgency IS NOT excluded.urgency OR created_at IS NOT excluded.created_at
                    OR summary IS NOT excluded.summary
                """)
            check = { row in
                let id = try row.required("case_id")
                let clientID = try row.required("client_id")
                let type = try row.enumeration("type", accepted: CaseType.acceptedSpellings) { CaseType(accepting: $0) }!
                let priority = try row.enumeration("priority", accepted: Priority.acceptedSpellings) { Priority(accepting: $0) }!
                let impact = try row.enumeration("impact", optional: true, accepted: Grade.acceptedSpellings) { Grade(accepting: $0) }
                let urgency = try row.enumeration("urgency", optional: true, accepted: Grade.acceptedSpellings) { Grade(accepting: $0) }
                let created = try row.instant("created_at")
                guard try Bool.fetchOne(clientExists, arguments: [clientID]) != nil else {
                    throw RowProblem(column: "client_id", reason: "unknown client '\(clientID)': import it in clients.csv first")
                }
                try upsert.execute(arguments: [id, clientID, row.value("product"), type.rawValue, priority.rawValue,
                                               impact?.rawValue, urgency?.rawValue, created.secondsSince1970,
                                               row.value("summary")])
            }
        case .events:
            let caseCreated = try db.cachedStatement(sql: "SELECT created_at FROM service_case WHERE id = ?")
            let upsert = try db.cachedStatement(sql: """
                INSERT INTO case_event (id, case_id, at, kind, level, note) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET case_id = excluded.case_id, at = excluded.at, kind = excluded.kind,
                    level = excluded.level, note = excluded.note
                WHERE case_id IS NOT excluded.case_id OR at IS NOT excluded.at OR kind IS NOT excluded.kind
                    OR level IS NOT excluded.level OR note IS NOT excluded.note
                """)
            check = { row in
                let id = try row.required("event_id")
                let caseID = try row.required("case_id")
                let at = try row.instant("at")
                let kind = try row.enumeration("kind", accepted: EventKind.acceptedSpellings) { EventKind(accepting: $0) }!
                let levelText = row.value("level")
                var level: Int?
                if !levelText.isEmpty {
                    guard let value = Int(levelText), (1...3).contains(value) else {
                        throw RowProblem(column: "level", reason: "level '\(levelText)' is not an escalation level 1, 2 or 3")
                    }
                    level = value
                }
                if kind == .escalated, level == nil {
                    throw RowProblem(column: "level", reason: "an escalated event needs the level reached (1, 2 or 3)")
                }
                guard let created = try Int64.fetchOne(caseCreated, arguments: [caseID]) else {
                    throw RowProblem(column: "case_id", reason: "unknown case '\(caseID)': import it in cases.csv first")
                }
                guard at.secondsSince1970 >= created else {
                    throw RowProblem(column: "at", reason: """
                        at \(at) is before the case's registration (\(Instant(secondsSince1970: created)))
                        """)
                }
                try upsert.execute(arguments: [id, caseID, at.secondsSince1970, kind.rawValue, level, row.value("note")])
            }
        }
    }

    func callAsFunction(_ row: RowReader) throws { try check(row) }
}
