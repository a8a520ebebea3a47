import Foundation
import GRDB
import Logging
import SLACore
import SLAStore
import SLATestSupport
import Testing

/// The import writes rows a batch at a time; the database must end as if every row had been
/// checked and upserted one by one, in file order: a second row of an id in one file is rejected,
/// a later file's row of an id wins unless it would move the event to another case (rejected too),
/// rows already there as they are change nothing, and every case an import touched is under watch
/// again.
@Suite struct BatchedImportTests {
    let logger = testLogger

    @Test func randomFilesEndAsRowByRowUpsertsWould() throws {
        var random = SeededRandom(seed: 64)
        let folder = try TemporaryDirectory()
        let store = try CaseStore.open(folder.path + "/sla.sqlite", for: .create)
        let cases = (1...40).map { "C\($0)" }
        _ = try store.importFiles(
            [
                .init(
                    .clients,
                    path: folder.write(
                        "clients.csv",
                        """
                        client_id,client_name,contract,kam_id,kam_name,kam_email
                        K1,Uno,saas,kam-1,Ana,ana@example.co

                        """)),
                .init(
                    .cases,
                    path: folder.write(
                        "cases.csv",
                        "case_id,client_id,type,priority,created_at\n"
                            + cases.map { "\($0),K1,incidente,P1,2026-01-01T00:00" }.joined(separator: "\n")))
            ], logger: logger)
        var expected: [String: String] = [:]  // event id → "case|at|kind|note"
        let kinds = ["diagnosed", "solved", "reopened", "waiting_client"]
        for round in 0..<4 {
            // Files of 0 to 300 rows: full batches, a partial one, ids repeated inside a file and
            // across files, rows identical to what is there, and some rejected rows among them.
            var lines = ["event_id,case_id,at,kind,level,note"]
            var touched = Set<String>()
            var seen = Set<String>()
            var rejected: [Int] = []
            for _ in 0..<random.below(300) {
                let id = String(1 + random.below(150))
                let caseID = cases[random.below(cases.count)]
                let day = 1 + random.below(28)
                let kind = kinds[random.below(kinds.count)]
                let note = random.below(4) == 0 ? "nota \(random.below(3))" : ""
                if random.below(20) == 0 {
                    lines.append("\(id),C999,2026-02-\(day < 10 ? "0" : "")\(day)T10:00,\(kind),,\(note)")  // unknown case
                    rejected.append(lines.count)
                    continue
                }
                lines.append("\(id),\(caseID),2026-02-\(day < 10 ? "0" : "")\(day)T10:00,\(kind),,\(note)")
                // A second row of an id in this file (one whose first row was imported); an event
                // the database holds for another case.
                guard !seen.contains(id) else {
                    rejected.append(lines.count)
                    continue
                }
                if let old = expected[id], !old.hasPrefix(caseID + "|") {
                    rejected.append(lines.count)
                    continue
                }
                seen.insert(id)
                let at = try Timestamp.parse("2026-02-\(day < 10 ? "0" : "")\(day)T10:00").secondsSince1970
                let value = "\(caseID)|\(at)|\(kind)|\(note)"
                if let old = expected[id], old != value { touched.insert(String(old.split(separator: "|")[0])) }
                if expected[id] != value { touched.insert(caseID) }
                expected[id] = value
            }
            try DatabaseDump.execute(store.path, "DELETE FROM case_watch")
            let path = try folder.write("events\(round).csv", lines.joined(separator: "\n"))
            let report = try #require(try store.importFiles([.init(.events, path: path)], logger: logger).first)
            #expect(report.read == lines.count - 1)
            #expect(report.accepted + report.rejected.count == report.read)
            #expect(report.rejected.map(\.line) == rejected, "round \(round)")
            let database = try DatabaseQueue(path: store.path)
            let rows = try database.read { db in
                try Row.fetchAll(db, sql: "SELECT id, case_id, at, kind, note FROM case_event").map { row in
                    (
                        row["id"] as String,
                        "\(row["case_id"] as String)|\(row["at"] as Int64)|\(row["kind"] as String)|\(row["note"] as String)"
                    )
                }
            }
            #expect(Dictionary(uniqueKeysWithValues: rows) == expected, "round \(round)")
            let watched = try database.read { db in try Set(String.fetchAll(db, sql: "SELECT case_id FROM case_watch")) }
            #expect(watched == touched, "round \(round)")
            let triggers = try database.read { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
            }
            #expect(triggers.contains("event_inserted") && triggers.contains("case_inserted"))
        }
    }
}
