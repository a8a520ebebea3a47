import Foundation
import GRDB
import SLACore
import SLAStore
import SLATestSupport
import Testing

/// An events file imported with the cases file before it finds those cases' registrations without
/// asking the database: it must decide exactly what the database would have.
@Suite struct ImportedCasesTests {
    let logger = testLogger
    let clients = """
        client_id,client_name,contract,kam_id,kam_name,kam_email
        K1,Uno,saas,kam-1,Ana,ana@example.co

        """

    /// In order (C8, C9, C10) and out of order (the ids then go to a hash table).
    @Test(arguments: [["C8", "C9", "C10"], ["C10", "C8", "C9"]])
    func anEventIsCheckedAgainstTheRegistrationTheCasesFileGave(_ ids: [String]) throws {
        let folder = try TemporaryDirectory()
        let store = try CaseStore.open(folder.path + "/sla.sqlite", for: .create)
        defer { store.close() }
        let registered = ["C8": "2026-01-01T08:00:00", "C9": "2026-01-02T08:00:00", "C10": "2026-01-03T08:00:00"]
        let cases =
            "case_id,client_id,type,priority,created_at\n"
            + ids.map { "\($0),K1,incidente,P1,\(registered[$0] ?? "")" }.joined(separator: "\n")
            + "\nC9,K1,incidente,P1,2026-01-01T00:00:00\n"  // a second row of C9: rejected, its registration unused
        let reports = try store.importFiles(
            [
                .init(.clients, path: folder.write("clients.csv", clients)),
                .init(.cases, path: folder.write("cases.csv", cases)),
                .init(
                    .events,
                    path: folder.write(
                        "events.csv",
                        """
                        event_id,case_id,at,kind,level,note
                        1,C8,2026-01-01T08:00:00,diagnosed,,
                        2,C8,2026-01-01T07:59:59,diagnosed,,
                        3,C9,2026-01-02T07:59:59,diagnosed,,
                        4,C9,2026-01-02T08:00:00,diagnosed,,
                        5,C10,2026-01-03T08:00:00,diagnosed,,
                        6,C10,2026-01-03T07:59:59,diagnosed,,
                        7,C11,2026-01-03T09:00:00,diagnosed,,
                        """))
            ], logger: logger)
        #expect(reports[1].rejected.map(\.line) == [5])
        #expect(reports[2].rejected.map(\.line) == [3, 4, 7, 8])
        #expect(reports[2].rejected.map(\.finding.field) == ["at", "at", "at", "case_id"])
        #expect(try DatabaseDump.rows(store.path, "SELECT id FROM case_event ORDER BY id") == ["1", "4", "5"])
    }

    /// A cases file that brings a case from before, unchanged, and a new one: the events of the
    /// case from before put it under watch again, as they would have without the cases file.
    @Test func aCaseFromBeforeInTheCasesFileIsWatchedWhenItGainsAnEvent() throws {
        let folder = try TemporaryDirectory()
        let store = try CaseStore.open(folder.path + "/sla.sqlite", for: .create)
        defer { store.close() }
        let header = "case_id,client_id,type,priority,created_at\n"
        let before = "C1,K1,incidente,P1,2026-01-01T08:00:00\nC2,K1,incidente,P1,2026-01-01T08:00:00\n"
        _ = try store.importFiles(
            [
                .init(.clients, path: folder.write("clients.csv", clients)),
                .init(.cases, path: folder.write("cases.csv", header + before))
            ], logger: logger)
        try DatabaseDump.execute(store.path, "DELETE FROM case_watch")
        _ = try store.importFiles(
            [
                .init(.cases, path: folder.write("cases2.csv", header + before + "C3,K1,incidente,P1,2026-01-02T08:00:00\n")),
                .init(
                    .events,
                    path: folder.write(
                        "events.csv",
                        """
                        event_id,case_id,at,kind,level,note
                        1,C1,2026-01-05T08:00:00,diagnosed,,
                        2,C3,2026-01-05T08:00:00,diagnosed,,
                        """))
            ], logger: logger)
        #expect(try DatabaseDump.rows(store.path, "SELECT case_id FROM case_watch ORDER BY case_id") == ["C1", "C3"])
    }
}
