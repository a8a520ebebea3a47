import Foundation
import GRDB
import Logging
import SLACore
import SLAStore
import SLATestSupport
import Testing

/// `importFiles` on real files and a real SQLite database in a temporary folder.
@Suite struct ImportTests {
    let logger = testLogger

    static let clients = """
        client_id,client_name,contract,kam_id,kam_name,kam_email
        K1,"Clínica, S.A.",saas,kam-ana,Ana Ruiz,ana@example.co
        K2,Alcaldía,On-Premise,kam-ana,Ana Ruiz,ana@example.co
        K3,Sin contrato,cloud,kam-luis,Luis,luis@example.co
        K4,Correo malo,saas,kam-luis,Luis,luis-at-example

        """

    static let cases = #"""
        \#u{FEFF}case_id,client_id,product,type,priority,impact,urgency,created_at,summary
        C1,K1,KACTUS,incidente,P1,,,2026-11-13T22:00:00-05:00,"Caída total, ""urgente"""
        C2,K2,SEVEN,Requerimiento,p3,High,low,2026-11-13T09:00,"Dos
        líneas"
        C3,K2,BPM,consulta,P2,alta,,2026-11-17 10:00:00,Sin urgencia: unclassified
        C4,K9,BPM,consulta,P2,alta,alta,2026-11-17T10:00,cliente desconocido
        C5,K1,BPM,queja,P2,alta,alta,2026-11-17T10:00,tipo desconocido
        C6,K1,BPM,consulta,P2,alta,alta,17/11/2026 10:00,fecha mala
        C7,K1,BPM,consulta

        C8,K1,BPM,acceso,P4,baja,urgentísima,2026-11-17T10:00,grado malo
        C9,K1,BPM,acceso,P4,baja,baja,2026-11-17T10:00,=HYPERLINK("x")
        """#

    static let events = """
        event_id,case_id,at,kind,level,note
        1,C1,2026-11-13T23:00:00-05:00,diagnosed,,
        2,C2,2026-11-13T15:00,waiting_client,,"sin réplica, sin VPN"
        3,C2,2026-11-17T10:00,client_responded,,
        4,C2,2026-11-12T10:00,solved,,antes del registro
        5,C99,2026-11-17T10:00,solved,,caso desconocido
        6,C2,2026-11-18T10:00,escalated,,sin nivel
        7,C2,2026-11-18T11:00,escalated,4,nivel malo
        8,C2,2026-11-18T12:00,escalated,2,
        9,C2,2026-11-18T13:00,resolved,,clase mala
        """

    func importAll(_ store: CaseStore, _ folder: TemporaryDirectory) throws -> [ImportReport] {
        try store.importFiles(
            [
                .init(.clients, path: folder.write("clients.csv", Self.clients)),
                .init(.cases, path: folder.write("cases.csv", Self.cases)),
                .init(.events, path: folder.write("events.csv", Self.events))
            ], logger: logger)
    }

    @Test func acceptsValidRowsAndRejectsEachBadOneWithItsPlace() throws {
        let folder = try TemporaryDirectory()
        let store = try CaseStore.open(folder.path + "/sla.sqlite", for: .create)
        let reports = try importAll(store, folder)

        #expect(reports.map(\.read) == [4, 9, 9])
        #expect(reports.map(\.accepted) == [2, 4, 4])
        for report in reports { #expect(report.read == report.accepted + report.rejected.count) }
        #expect(reports[0].rejected.map { "\($0.line) \($0.column)" } == ["4 contract", "5 kam_email"])
        #expect(
            reports[1].rejected.map { "\($0.line) \($0.column)" }
                == ["6 client_id", "7 type", "8 created_at", "9 priority", "11 urgency"])
        #expect(reports[1].rejected[1].reason.contains("'queja' is not one of incidente"))
        #expect(reports[1].rejected[2].reason.contains("expected ISO 8601"))
        #expect(reports[1].rejected[3].reason == "the row has 4 fields, the header 9")
        #expect(
            reports[2].rejected.map { "\($0.line) \($0.column)" }
                == ["5 at", "6 case_id", "7 level", "8 level", "10 kind"])

        #expect(
            reports[1].rejected[0].fields == [
                "C4", "K9", "BPM", "consulta", "P2", "alta", "alta", "2026-11-17T10:00",
                "cliente desconocido"
            ])
        #expect(
            reports[1].rejected[0].finding.description
                == folder.path + "/cases.csv:6: client_id: unknown client 'K9': import it in clients.csv first")

        let database = try DatabaseQueue(path: store.path)
        try database.read { db in
            #expect(try String.fetchAll(db, sql: "SELECT id FROM service_case ORDER BY id") == ["C1", "C2", "C3", "C9"])
            let c2 = try Row.fetchOne(db, sql: "SELECT * FROM service_case WHERE id = 'C2'")!
            #expect(c2["type"] == "solicitud")
            #expect(c2["priority"] == "P3")
            #expect(c2["impact"] == "alta")
            #expect(c2["urgency"] == "baja")
            #expect(c2["summary"] == "Dos\nlíneas")
            #expect(c2["created_at"] == Instant.bogota("2026-11-13T09:00").secondsSince1970)
            #expect(try String.fetchOne(db, sql: "SELECT contract FROM client WHERE id = 'K2'") == "on_premise")
            #expect(try String.fetchOne(db, sql: "SELECT summary FROM service_case WHERE id = 'C9'") == "=HYPERLINK(\"x\")")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM case_event") == 4)
        }
    }

    @Test func reimportingTheSameFilesChangesNothing() throws {
        let folder = try TemporaryDirectory()
        let store = try CaseStore.open(folder.path + "/sla.sqlite", for: .create)
        _ = try importAll(store, folder)
        let database = try DatabaseQueue(path: store.path)
        let before = try database.read { db in try Int.fetchOne(db, sql: "SELECT total_changes()") }
        _ = before
        let snapshot = { () throws -> [[String]] in
            try database.read { db in
                try ["kam", "client", "service_case", "case_event"].map { table in
                    try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY id").map(\.description)
                }
            }
        }
        let first = try snapshot()
        let again = try importAll(store, folder)
        #expect(try snapshot() == first)
        #expect(again.map(\.accepted) == [2, 4, 4])
    }

    /// A header naming one column twice was read silently (one of the two won): refused, both named.
    @Test func aColumnGivenTwiceIsRefusedNamingBoth() throws {
        let folder = try TemporaryDirectory()
        let store = try CaseStore.open(folder.path + "/sla.sqlite", for: .create)
        let path = try folder.write("clients.csv", "client_id,client_name,contract,kam_id,Client_Name\nK1,A,saas,kam-a,B\n")
        let error = #expect(throws: StoreError.self) {
            try store.importFiles([.init(.clients, path: path)], logger: logger)
        }
        #expect(error?.code == .malformedInput)
        #expect(
            error?.message.contains("\(path):1: the header gives the column client_name twice (columns 2 and 5)") == true,
            "\(error?.message ?? "")")
        #expect(try DatabaseDump.count(store.path, "client") == 0)
    }

    @Test func aFileWithoutTheRequiredColumnsIsAnErrorAndWritesNothing() throws {
        let folder = try TemporaryDirectory()
        let store = try CaseStore.open(folder.path + "/sla.sqlite", for: .create)
        let clients = try folder.write("clients.csv", Self.clients)
        let path = try folder.write("cases.csv", "id,client\nC1,K1\n")
        let error = #expect(throws: StoreError.self) {
            try store.importFiles([.init(.clients, path: clients), .init(.cases, path: path)], logger: logger)
        }
        #expect(error?.code == .malformedInput)
        #expect(error?.message.contains("the header lacks case_id, client_id, created_at, priority, type") == true)
        // Checked before anything was written: not even the good clients file.
        #expect(try DatabaseDump.count(store.path, "client") == 0)
        let missing = #expect(throws: StoreError.self) {
            try store.importFiles([.init(.cases, path: folder.path + "/missing.csv")], logger: logger)
        }
        #expect(missing?.code == .inputMissing)
    }
}
