import Foundation
import GRDB
import SLACore
import SLATestSupport
import Testing

@testable import SLAStore

/// cases.csv's optional `assignee` and `group` (SPEC §3, §7; Schema v6, column `support_group`):
/// imported when a file has them, kept when it has not, cleared by an empty cell, read into every
/// snapshot, and refused when they are not one line of text.
@Suite struct AssigneeAndGroupTests {
    static let clients = """
        client_id,client_name,contract,kam_id,kam_name,kam_email
        K1,Clínica,saas,kam-ana,Ana,ana@example.co

        """

    /// The optional columns where a tool may put them: `group` among the required ones, `assignee` last.
    static let withBoth = """
        case_id,group,client_id,type,priority,created_at,summary,assignee
        C1,Mesa N2,K1,incidente,P1,2026-11-13T08:00,primero,José Peña
        C2,,K1,consulta,P3,2026-11-13T09:00,segundo,
        C3, Nómina ,K1,acceso,P4,2026-11-13T10:00,tercero,  Luis

        """

    static let asOf = Instant.bogota("2026-11-23T08:00")

    func store(_ folder: TemporaryDirectory) throws -> CaseStore {
        let store = try CaseStore.open(folder.path + "/sla.sqlite", for: .create)
        _ = try importing(store, "clients.csv", Self.clients, .clients, in: folder)
        return store
    }

    func importing(
        _ store: CaseStore, _ name: String, _ text: String, _ kind: InterchangeFile = .cases,
        in folder: TemporaryDirectory
    ) throws -> ImportReport {
        try importing(store, name, bytes: Array(text.utf8), kind, in: folder)
    }

    func importing(
        _ store: CaseStore, _ name: String, bytes: [UInt8], _ kind: InterchangeFile = .cases,
        in folder: TemporaryDirectory
    ) throws -> ImportReport {
        try #require(try store.importFiles([.init(kind, path: folder.write(name, bytes: bytes))], logger: testLogger).first)
    }

    /// `id: assignee / group` of each case as the export reads it, nil shown as `-`.
    func people(_ store: CaseStore) throws -> [String] {
        try store.cases(registeredBy: Self.asOf).map { read in
            let snapshot = try #require(read.snapshot)
            return "\(snapshot.serviceCase.id): \(snapshot.assignee ?? "-") / \(snapshot.group ?? "-")"
        }
    }

    /// The stored values, with their SQLite types: NULL is not the empty string.
    func stored(_ store: CaseStore) throws -> [String] {
        try DatabaseQueue(path: store.path).read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, typeof(assignee), assignee, typeof(support_group), support_group FROM service_case ORDER BY id
                    """
            ).map { row in row.databaseValues.map { String.fromDatabaseValue($0) ?? "NULL" }.joined(separator: "|") }
        }
    }

    @Test func aFileWithTheColumnsGivesEverySnapshotThem() throws {
        let folder = try TemporaryDirectory()
        let store = try store(folder)
        let report = try importing(store, "cases.csv", Self.withBoth, in: folder)
        #expect(report.rejected.isEmpty)
        #expect(report.accepted == 3)
        let expected = ["C1: José Peña / Mesa N2", "C2: - / -", "C3: Luis / Nómina"]
        #expect(try people(store) == expected)
        #expect(
            try stored(store) == [
                "C1|text|José Peña|text|Mesa N2", "C2|null|NULL|null|NULL", "C3|text|Luis|text|Nómina"
            ])

        // Every query that makes snapshots reads them: the export's stream, explain's one case,
        // the night's watched cases and the month's cases.
        var streamed: [String] = []
        try store.forEachCase(registeredBy: Self.asOf) { read in
            streamed.append("\(read.caseID): \(read.snapshot?.assignee ?? "-") / \(read.snapshot?.group ?? "-")")
        }
        #expect(streamed == expected)
        let one = try #require(try store.serviceCase("C1", registeredBy: Self.asOf)?.snapshot)
        #expect(one.assignee == "José Peña")
        #expect(one.group == "Mesa N2")
        var watched: [CaseSnapshot] = []
        try store.forEachPageOfCasesToEvaluate(asOf: Self.asOf, runID: nil, pageSize: 1) { page in
            watched += page.cases.compactMap(\.read.snapshot)
        }
        #expect(watched.map { "\($0.serviceCase.id): \($0.assignee ?? "-") / \($0.group ?? "-")" } == expected)
        var month: [CaseSnapshot] = []
        try store.forEachCase(activeFrom: .bogota("2026-11-01"), to: .bogota("2026-12-01")) { read in
            if let snapshot = read.snapshot { month.append(snapshot) }
        }
        #expect(month.map { "\($0.serviceCase.id): \($0.assignee ?? "-") / \($0.group ?? "-")" } == expected)
    }

    @Test func aFileWithoutAColumnLeavesItsValuesAsTheyWere() throws {
        let folder = try TemporaryDirectory()
        let store = try store(folder)
        _ = try importing(store, "cases.csv", Self.withBoth, in: folder)

        // Neither column: the summaries change, the people stay.
        let neither = try importing(
            store, "neither.csv",
            """
            case_id,client_id,type,priority,created_at,summary
            C1,K1,incidente,P1,2026-11-13T08:00,primero (corregido)
            C3,K1,acceso,P4,2026-11-13T10:00,tercero (corregido)
            C4,K1,acceso,P4,2026-11-13T11:00,nuevo

            """, in: folder)
        #expect(neither.accepted == 3)
        #expect(try people(store) == ["C1: José Peña / Mesa N2", "C2: - / -", "C3: Luis / Nómina", "C4: - / -"])
        #expect(try store.serviceCase("C1", registeredBy: Self.asOf)?.snapshot?.summary == "primero (corregido)")

        // Each column on its own: a file with `assignee` only changes the assignees, and one with
        // `group` only the groups.
        _ = try importing(
            store, "assignee.csv",
            """
            case_id,client_id,type,priority,created_at,assignee
            C1,K1,incidente,P1,2026-11-13T08:00,Marta
            C2,K1,consulta,P3,2026-11-13T09:00,Pedro

            """, in: folder)
        _ = try importing(
            store, "group.csv",
            """
            case_id,client_id,type,priority,created_at,Group
            C3,K1,acceso,P4,2026-11-13T10:00,Mesa N1
            C4,K1,acceso,P4,2026-11-13T11:00,Redes

            """, in: folder)
        #expect(try people(store) == ["C1: Marta / Mesa N2", "C2: Pedro / -", "C3: Luis / Mesa N1", "C4: - / Redes"])
    }

    @Test func emptyCellsClearTheValues() throws {
        let folder = try TemporaryDirectory()
        let store = try store(folder)
        _ = try importing(store, "cases.csv", Self.withBoth, in: folder)
        let report = try importing(
            store, "cleared.csv",
            """
            case_id,client_id,type,priority,created_at,summary,assignee,group
            C1,K1,incidente,P1,2026-11-13T08:00,primero,,
            C3,K1,acceso,P4,2026-11-13T10:00,tercero, ,Nómina

            """, in: folder)
        #expect(report.accepted == 2)
        #expect(try people(store) == ["C1: - / -", "C2: - / -", "C3: - / Nómina"])
        #expect(try stored(store) == ["C1|null|NULL|null|NULL", "C2|null|NULL|null|NULL", "C3|null|NULL|text|Nómina"])
    }

    @Test func aVersion5DatabaseIsMigratedAndKeepsItsCases() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path + "/old.sqlite"
        // A database as sla made it before v6, with a case the ticketing tool wrote directly.
        let old = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(old, upTo: "v5: the settings the settled cases were settled under")
        try old.write { db in
            try db.execute(
                sql: """
                    INSERT INTO kam (id, name) VALUES ('kam-ana', 'Ana');
                    INSERT INTO client (id, name, contract, kam_id) VALUES ('K1', 'Clínica', 'saas', 'kam-ana');
                    INSERT INTO service_case (id, client_id, type, priority, created_at, summary)
                        VALUES ('C1', 'K1', 'incidente', 'P1', \(Instant.bogota("2026-11-13T08:00").secondsSince1970), 'antiguo');
                    """)
            #expect(try !db.columns(in: "service_case").map(\.name).contains("assignee"))
        }
        try old.close()

        // Read-only commands refuse it until a command that writes has upgraded it.
        #expect(throws: StoreError.self) { try CaseStore.check(path, for: .read) }
        let store = try CaseStore.open(path, for: .write)
        store.close()
        try CaseStore.check(path, for: .read)
        let reader = try CaseStore.open(path, for: .read)
        defer { reader.close() }
        let snapshot = try #require(try reader.serviceCase("C1", registeredBy: Self.asOf)?.snapshot)
        #expect(snapshot.summary == "antiguo")
        #expect(snapshot.assignee == nil)
        #expect(snapshot.group == nil)
        try DatabaseQueue(path: path).read { db in
            let columns = try db.columns(in: "service_case").map(\.name)
            #expect(columns.contains("assignee"))
            #expect(columns.contains("support_group"))
        }
    }

    @Test func aNameThatIsNotOneLineOfTextIsRejectedWithItsColumn() throws {
        let folder = try TemporaryDirectory()
        let store = try store(folder)
        let header = "case_id,client_id,type,priority,created_at,assignee,group\n"
        var bytes = Array(header.utf8)
        bytes += Array("C1,K1,incidente,P1,2026-11-13T08:00,Ana\u{1}Ruiz,Mesa\n".utf8)
        bytes += Array("C2,K1,incidente,P1,2026-11-13T08:00,Ana,\"Mesa\nN2\"\n".utf8)
        bytes += Array("C3,K1,incidente,P1,2026-11-13T08:00,Ana,Mesa\tN2\n".utf8)
        bytes += Array("C4,K1,incidente,P1,2026-11-13T08:00,Jos".utf8) + [0xE9] + Array(",Mesa\n".utf8)  // Latin-1 é
        bytes += Array("C5,K1,incidente,P1,2026-11-13T08:00,Ana\u{85}Ruiz,Mesa\n".utf8)  // a C1 control character
        bytes += Array("C6,K1,incidente,P1,2026-11-13T08:00,Ana Ruiz,Mesa de ayuda N°2\n".utf8)
        let report = try importing(store, "cases.csv", bytes: bytes, in: folder)
        #expect(report.read == 6)
        #expect(report.accepted == 1)
        #expect(
            report.rejected.map { "\($0.line) \($0.column)" } == ["2 assignee", "3 group", "5 group", "6 assignee", "7 assignee"])
        #expect(report.rejected[0].reason.contains("holds a control character"))
        #expect(report.rejected[3].reason.contains("not valid UTF-8"))
        #expect(try people(store) == ["C6: Ana Ruiz / Mesa de ayuda N°2"])
    }
}
