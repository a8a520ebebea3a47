import Foundation
import GRDB
import SLACore
import SLAStore
import SLATestSupport
import Testing

/// Rows a real ticketing tool sends that the import used to take in silently (issue 12): each is
/// rejected with its line, column and reason, and the rows around it go in.
@Suite struct ImportHostileRowsTests {
    static let clients = """
        client_id,client_name,contract,kam_id,kam_name,kam_email
        K1,Clínica,saas,kam-ana,Ana,ana@example.co

        """

    func store(_ folder: TemporaryDirectory) throws -> CaseStore {
        let store = try CaseStore.open(folder.path + "/sla.sqlite", for: .create)
        _ = try store.importFiles([.init(.clients, path: folder.write("clients.csv", Self.clients))], logger: testLogger)
        return store
    }

    func importing(_ store: CaseStore, _ kind: InterchangeFile, _ name: String, bytes: [UInt8], in folder: TemporaryDirectory)
        throws -> ImportReport
    {
        try #require(try store.importFiles([.init(kind, path: folder.write(name, bytes: bytes))], logger: testLogger).first)
    }

    func importing(
        _ store: CaseStore, _ kind: InterchangeFile, _ name: String, _ text: String,
        in folder: TemporaryDirectory
    ) throws -> ImportReport {
        try importing(store, kind, name, bytes: Array(text.utf8), in: folder)
    }

    /// Cases C1 and C2, and event E1 of C1.
    func twoCasesAndAnEvent(_ store: CaseStore, in folder: TemporaryDirectory) throws {
        _ = try importing(
            store, .cases, "cases.csv",
            """
            case_id,client_id,type,priority,created_at
            C1,K1,incidente,P1,2026-11-13T08:00
            C2,K1,incidente,P1,2026-11-13T08:00

            """, in: folder)
        _ = try importing(store, .events, "first.csv", "event_id,case_id,at,kind\nE1,C1,2026-11-13T09:00,diagnosed\n", in: folder)
    }

    func ids(_ store: CaseStore, _ table: String) throws -> [String] {
        try DatabaseQueue(path: store.path).read { db in try String.fetchAll(db, sql: "SELECT id FROM \(table) ORDER BY id") }
    }

    @Test func instantsOutsideTheCalendarAreRejected() throws {
        let folder = try TemporaryDirectory()
        let store = try store(folder)
        let cases = try importing(
            store, .cases, "cases.csv",
            """
            case_id,client_id,product,type,priority,impact,urgency,created_at,summary
            C1,K1,KACTUS,incidente,P1,,,1970-01-01,epoch
            C2,K1,KACTUS,incidente,P1,,,1983-12-31T23:59:59,the day before
            C3,K1,KACTUS,incidente,P1,,,1984-01-01T00:00+05:00,Bogotá 1983-12-31 14:00
            C4,K1,KACTUS,incidente,P1,,,2101-01-01T00:00,after
            C5,K1,KACTUS,incidente,P1,,,1984-01-01T00:00,the first instant
            C6,K1,KACTUS,incidente,P1,,,2100-12-31T23:59:59,the last second

            """, in: folder)
        #expect(
            cases.rejected.map { "\($0.line) \($0.column)" } == ["2 created_at", "3 created_at", "4 created_at", "5 created_at"])
        #expect(cases.rejected[0].reason.contains("1970-01-01T00:00:00-05:00 is outside the calendar"))
        #expect(cases.rejected[2].reason.contains("1983-12-31T14:00:00-05:00 is outside the calendar"))
        #expect(try ids(store, "service_case") == ["C5", "C6"])

        let events = try importing(
            store, .events, "events.csv",
            """
            event_id,case_id,at,kind,level,note
            1,C5,2101-01-01T00:00,solved,,
            2,C5,1984-01-01T08:00,solved,,

            """, in: folder)
        #expect(events.rejected.map { "\($0.line) \($0.column)" } == ["2 at"])
        #expect(events.accepted == 1)
    }

    @Test func aLoneCarriageReturnEndsALine() throws {
        let folder = try TemporaryDirectory()
        let store = try store(folder)
        let report = try importing(
            store, .cases, "cases.csv",
            [
                "case_id,client_id,type,priority,created_at",
                "C1,K1,incidente,P1,2026-11-13T08:00", "C2,K1,consulta,P2,2026-11-13T09:00"
            ].joined(separator: "\r") + "\r", in: folder)
        #expect((report.read, report.accepted, report.rejected.count) == (2, 2, 0))
        #expect(try ids(store, "service_case") == ["C1", "C2"])
    }

    @Test func anEventNeverMovesToAnotherCase() throws {
        let folder = try TemporaryDirectory()
        let store = try store(folder)
        try twoCasesAndAnEvent(store, in: folder)
        // The same file again, and then one that says the event is C2's.
        let again = try importing(
            store, .events, "first.csv", "event_id,case_id,at,kind\nE1,C1,2026-11-13T09:00,diagnosed\n",
            in: folder)
        #expect(again.rejected.isEmpty)
        let moved = try importing(
            store, .events, "moved.csv",
            """
            event_id,case_id,at,kind
            E2,C2,2026-11-13T09:00,diagnosed
            E1,C2,2026-11-13T10:00,diagnosed
            E3,C2,2026-11-13T11:00,escalated

            """, in: folder)
        #expect(moved.rejected.map { "\($0.line) \($0.column)" } == ["3 case_id", "4 level"])
        #expect(
            moved.rejected.first?.reason == """
                event 'E1' belongs to case 'C1': an event never moves to another case; give this one its own event_id
                """)
        #expect(moved.rejected.first?.fields == ["E1", "C2", "2026-11-13T10:00", "diagnosed"])
        #expect((moved.read, moved.accepted) == (3, 1))
        let owners = try DatabaseQueue(path: store.path).read { db in
            try Row.fetchAll(db, sql: "SELECT id, case_id FROM case_event ORDER BY id").map {
                "\($0[0] as String) \($0[1] as String)"
            }
        }
        #expect(owners == ["E1 C1", "E2 C2"])  // E3 was rejected for its level, not written
    }

    @Test func aSecondRowOfAnIdInOneFileIsRejectedNamingTheFirst() throws {
        let folder = try TemporaryDirectory()
        let store = try store(folder)
        let report = try importing(
            store, .cases, "cases.csv",
            """
            case_id,client_id,type,priority,created_at,summary
            C1,K1,incidente,P1,2026-11-13T08:00,first
            C2,K1,incidente,P1,2026-11-13T08:00,other
            C1,K1,consulta,P2,2026-11-14T08:00,second
            C3,K1,tipo malo,P2,2026-11-14T08:00,rejected: does not count as seen
            C3,K1,consulta,P2,2026-11-14T08:00,the good one

            """, in: folder)
        #expect(report.rejected.map { "\($0.line) \($0.column)" } == ["4 case_id", "5 type"])
        #expect(
            report.rejected[0].reason
                == "case_id 'C1' is already on line 2 of this file: each id once per file (this row was not imported)")
        #expect((report.read, report.accepted) == (5, 3))
        let summary = try DatabaseQueue(path: store.path).read { db in
            try String.fetchOne(db, sql: "SELECT summary FROM service_case WHERE id = 'C1'")
        }
        #expect(summary == "first")
    }

    @Test(arguments: [
        ("C\u{0}1", "case_id", "control character"), ("C\u{7}1", "case_id", "control character"),
        ("C\u{85}1", "case_id", "control character")
    ])
    func anIdWithAControlCharacterIsRejected(id: String, column: String, reason: String) throws {
        let folder = try TemporaryDirectory()
        let store = try store(folder)
        let report = try importing(
            store, .cases, "cases.csv",
            """
            case_id,client_id,type,priority,created_at
            \(id),K1,incidente,P1,2026-11-13T08:00
            OK,K1,incidente,P1,2026-11-13T08:00

            """, in: folder)
        #expect(report.rejected.map(\.column) == [column])
        #expect(report.rejected.first?.reason.contains(reason) == true)
        #expect(try ids(store, "service_case") == ["OK"])
    }

    @Test func idsThatAreNotUTF8AreRejected() throws {
        let folder = try TemporaryDirectory()
        let store = try store(folder)
        let header = Array("case_id,client_id,type,priority,created_at\n".utf8)
        let bad: [UInt8] = Array("C".utf8) + [0xFF, 0xFE] + Array(",K1,incidente,P1,2026-11-13T08:00\n".utf8)
        let good = Array("C1,K1,incidente,P1,2026-11-13T08:00\n".utf8)
        let cases = try importing(store, .cases, "cases.csv", bytes: header + bad + good, in: folder)
        #expect(cases.rejected.map { "\($0.line) \($0.column)" } == ["2 case_id"])
        #expect(cases.rejected.first?.reason.contains("is not valid UTF-8") == true)

        let events = try importing(
            store, .events, "events.csv",
            bytes: Array("event_id,case_id,at,kind\n".utf8)
                + [0xC3] + Array(",C1,2026-11-13T09:00,diagnosed\nE\u{1}2,C1,2026-11-13T09:00,diagnosed\n".utf8), in: folder)
        #expect(events.rejected.map { "\($0.line) \($0.column)" } == ["2 event_id", "3 event_id"])
        #expect(try ids(store, "case_event").isEmpty)
    }

    /// A first row of an id the database refuses (it would move an event) does not make a later,
    /// good row of the id "a second row": the later one is imported.
    @Test func aRefusedFirstRowDoesNotCostALaterOne() throws {
        let folder = try TemporaryDirectory()
        let store = try store(folder)
        try twoCasesAndAnEvent(store, in: folder)
        let report = try importing(
            store, .events, "second.csv",
            """
            event_id,case_id,at,kind
            E1,C2,2026-11-13T10:00,diagnosed
            E1,C1,2026-11-13T11:00,solved

            """, in: folder)
        #expect(report.rejected.map { "\($0.line) \($0.column)" } == ["2 case_id"])
        #expect(report.accepted == 1)
        let kind = try DatabaseQueue(path: store.path).read { db in try String.fetchOne(db, sql: "SELECT kind FROM case_event") }
        #expect(kind == "solved")
    }

    @Test func eventIdsStartingSlaAreKeptForSla() throws {
        let folder = try TemporaryDirectory()
        let store = try store(folder)
        _ = try importing(
            store, .cases, "cases.csv", "case_id,client_id,type,priority,created_at\nC1,K1,incidente,P1,2026-11-13T08:00\n",
            in: folder)
        let report = try importing(
            store, .events, "events.csv",
            """
            event_id,case_id,at,kind
            sla-auto-closed:7,C1,2026-11-13T09:00,reopened
            slab-1,C1,2026-11-13T09:00,diagnosed

            """, in: folder)
        #expect(report.rejected.map { "\($0.line) \($0.column)" } == ["2 event_id"])
        #expect(report.rejected.first?.reason.contains("starts with 'sla-'") == true)
    }

    @Test func aFileInAnotherEncodingIsNamedAsSuch() throws {
        let folder = try TemporaryDirectory()
        let store = try store(folder)
        // Latin-1: "Clínica" with í as the single byte 0xED.
        let latin1: [UInt8] =
            Array("client_id,client_name,contract,kam_id\nK7,Cl".utf8) + [0xED] + Array("nica,saas,kam-ana\n".utf8)
        let report = try importing(store, .clients, "latin1.csv", bytes: latin1, in: folder)
        #expect(report.rejected.map { "\($0.line) \($0.column)" } == ["2 client_name"])
        #expect(report.rejected.first?.reason.contains("save the file as UTF-8") == true)
        // UTF-16: the header itself cannot be read.
        let utf16 = [UInt8]([0xFF, 0xFE]) + Array("case_id,client_id\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let error = #expect(throws: StoreError.self) {
            try store.importFiles([.init(.cases, path: folder.write("utf16.csv", bytes: utf16))], logger: testLogger)
        }
        #expect(error?.message.contains("the file is not UTF-8 (it looks like UTF-16") == true)
    }
}
