import Foundation
import GRDB
import SLACore
import SLAStore
import SLATestSupport
import Testing

/// The `due` of a `committed` event as the store keeps it and reads it back: an accepted row's due
/// in the case's snapshot, and a row written directly that breaks the rules a data problem of its
/// case, never a crash, never a guess.
@Suite struct CommitmentRowsTests {
    static let clients = "client_id,client_name,contract,kam_id,kam_name,kam_email\nK1,Clínica,saas,kam-ana,Ana,ana@example.co\n"
    static let cases = """
        case_id,client_id,product,type,priority,impact,urgency,created_at,summary
        C1,K1,KACTUS,incidente,P2,alta,alta,2026-11-23T08:00,
        C2,K1,KACTUS,incidente,P2,alta,alta,2026-11-23T08:00,

        """
    static let events = """
        event_id,case_id,at,kind,level,note,due
        1,C1,2026-11-23T09:00,committed,,,2026-11-27T15:00:00-05:00
        2,C2,2026-11-23T09:00,committed,,,2026-11-27T15:00
        3,C2,2026-11-23T10:00,diagnosed,,,

        """

    func reads(_ store: CaseStore) throws -> [String: CaseRead] {
        var reads: [String: CaseRead] = [:]
        try store.forEachCase(registeredBy: .bogota("2026-12-01T00:00")) { reads[$0.caseID] = $0 }
        return reads
    }

    @Test func theDueIsStoredAndReadIntoTheSnapshot() throws {
        let folder = try TemporaryDirectory()
        let store = try CaseStore.open(folder.path + "/sla.sqlite", for: .create)
        let reports = try store.importFiles(
            [
                .init(.clients, path: folder.write("clients.csv", Self.clients)),
                .init(.cases, path: folder.write("cases.csv", Self.cases)),
                .init(.events, path: folder.write("events.csv", Self.events))
            ], logger: testLogger)
        #expect(reports.allSatisfy { $0.rejected.isEmpty })
        let stored = try DatabaseQueue(path: store.path).read { db in
            try Int64?.fetchAll(db, sql: "SELECT due FROM case_event ORDER BY id")
        }
        #expect(
            stored == [
                Instant.bogota("2026-11-27T15:00").secondsSince1970, Instant.bogota("2026-11-27T15:00").secondsSince1970, nil
            ])
        let c1 = try #require(try reads(store)["C1"]?.snapshot)
        #expect(c1.events.map(\.due) == [.bogota("2026-11-27T15:00")])
        #expect(SolutionCommitments(c1.events, asOf: .bogota("2026-11-30T00:00")).latest?.outcome == .missed)

        // Written directly: a committed without due, a due on another kind, a due before its event.
        try DatabaseQueue(path: store.path).write { db in
            try db.execute(sql: "UPDATE case_event SET due = NULL WHERE id = '1'")
            try db.execute(sql: "UPDATE case_event SET due = at - 1 WHERE id = '2'")
            try db.execute(sql: "UPDATE case_event SET due = at WHERE id = '3'")
        }
        let after = try reads(store)
        guard case .unreadable(let first)? = after["C1"], case .unreadable(let second)? = after["C2"] else {
            Issue.record("both cases are data problems: \(after)")
            return
        }
        #expect(
            first.findings.map(\.description) == [
                "case C1: due: event '1': a committed event needs the due instant of the solution it promises"
            ])
        #expect(second.findings.count == 2)
        #expect(
            second.findings.contains {
                $0.reason.contains("event '2': due 2026-11-23T08:59:59-05:00 is before the commitment was made")
            })
        #expect(
            second.findings.contains {
                $0.reason.contains("event '3': only a committed event has a due instant (this one is diagnosed)")
            })
    }
}
