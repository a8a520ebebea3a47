import Foundation
import GRDB
import SLABatch
import SLAConfig
import SLACore
import SLAStore
import SLATestSupport
import Testing

/// A tool's own exports read through a profile: the GLPI sample of `Tests/Samples/glpi`, written
/// from GLPI's source (its CSV search output) and its Spanish labels, imported as a desk would.
/// Every expectation is worked out by hand from the sample's rows.
@Suite struct ProfileImportTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Samples").path
    static let profiles = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("profiles").path

    static func profile(_ name: String) throws -> ImportProfile {
        let path = profiles + "/" + name
        return try ProfileFile.parse(String(contentsOfFile: path, encoding: .utf8), file: path)
    }

    /// Copies a sample into the test's folder (the rejects file is written beside it).
    static func sample(_ name: String, into folder: TemporaryDirectory) throws -> String {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: samples + "/" + name)))
        return try folder.write(URL(fileURLWithPath: name).lastPathComponent, bytes: bytes)
    }

    static func events(_ database: String) throws -> [String] {
        try DatabaseQueue(path: database).read { db in
            try Row.fetchAll(db, sql: "SELECT id, case_id, at, kind, level FROM case_event ORDER BY case_id, at, id").map { row in
                let at = Instant(secondsSince1970: row["at"])
                let level: Int? = row["level"]
                return
                    "\(row["case_id"] as String) \(at) \(row["kind"] as String)\(level.map { " \($0)" } ?? "") \(row["id"] as String)"
            }
        }
    }

    func glpi(_ folder: TemporaryDirectory) throws -> (String, ImportJob.Outcome) {
        let database = folder.path + "/sla.sqlite"
        let outcome = try ImportJob.run(
            .init(
                clients: try Self.sample("glpi/clients.csv", into: folder),
                cases: try Self.sample("glpi/tickets.csv", into: folder),
                events: try Self.sample("glpi/historial.csv", into: folder), profile: try Self.profile("glpi-10-es.yaml")),
            runner: .test(database))
        return (database, outcome)
    }

    @Test func glpiExportsGoInAsTheDeskWroteThem() throws {
        let folder = try TemporaryDirectory()
        let (database, outcome) = try glpi(folder)
        // tickets.csv: 5 rows; 1024's priority "Urgente" is mapped nowhere, 1025's date has slashes.
        let cases = try #require(outcome.reports.first { $0.file.hasSuffix("tickets.csv") })
        #expect((cases.read, cases.accepted, cases.rejected.count, cases.skipped) == (5, 3, 2, 0))
        #expect(cases.rejected.map(\.line) == [5, 6])
        #expect(cases.rejected.map(\.column) == ["Prioridad", "Fecha de apertura"])
        #expect(cases.rejected[0].reason.contains("'Urgente'"))
        #expect(cases.rejected[1].reason.contains("'2026/11/16 11:00'"))
        // The rejects file lists the row as the export has it, under the export's own header.
        let rejects = try String(contentsOfFile: folder.path + "/tickets.csv.rejects.csv", encoding: .utf8)
        let lines = rejects.split(separator: "\n")
        #expect(lines.first?.hasPrefix("line,column,reason,ID,Título,Entidad,") == true)
        #expect(lines.dropFirst().first?.hasPrefix("5,Prioridad,") == true)
        #expect(lines.dropFirst().first?.contains(",1024,Reporte con ''comillas'' y ; punto y coma,Clínica del Norte,") == true)
        // historial.csv: 9 changes; only three are events by the rules (the solution and the
        // closing come from the tickets' own dates): rows read = accepted + rejected + skipped.
        let history = try #require(outcome.reports.first { $0.file.hasSuffix("historial.csv") })
        #expect((history.read, history.accepted, history.rejected.count, history.skipped) == (9, 3, 0, 6))
        #expect(
            try Self.events(database) == [
                "1021 2026-11-13T11:00:00-05:00 waiting_client 1021~1~20261113110000~10~67a12d68",
                "1021 2026-11-13T14:00:00-05:00 client_responded 1021~1~20261113140000~10~8bd332d8",
                "1021 2026-11-13T15:40:00-05:00 solved 1021~0~4solved",
                "1023 2026-11-14T06:45:00-05:00 escalated 2 1023~1~20261114064500~10~0058817a",
                "1023 2026-11-14T08:10:00-05:00 solved 1023~0~4solved",
                "1023 2026-11-17T09:00:00-05:00 closed 1023~0~6closed"
            ])
        // 1021, P2 alta × media on the business clock: 09:15 → 15:40 less the wait 11:00 → 14:00.
        let export = try ExportJob.run(
            .init(asOf: .bogota("2026-11-20T00:00"), output: folder.path + "/export.csv"),
            runner: .test(database), calendar: TestCalendars.standard, policy: .standard)
        #expect(export.findings.isEmpty)
        let rows = try String(contentsOfFile: folder.path + "/export.csv", encoding: .utf8).split(separator: "\n")
        let row1021 = try #require(rows.first { $0.hasPrefix("1021,") }).split(separator: ",", omittingEmptySubsequences: false)
        #expect(
            Array(row1021[3...13]) == [
                "KACTUS", "incidente", "P2", "media", "alta", "business", "57600", "12300", "10800",
                "met", ""
            ])
    }

    @Test func theSameExportsAgainChangeNothing() throws {
        let folder = try TemporaryDirectory()
        let (database, _) = try glpi(folder)
        func dump() throws -> [String] {
            try DatabaseDump.rows(database, "SELECT * FROM service_case ORDER BY id")
                + DatabaseDump.rows(database, "SELECT * FROM case_event ORDER BY id")
                + DatabaseDump.rows(database, "SELECT * FROM case_watch ORDER BY 1")
        }
        let before = try dump()
        let (_, again) = try glpi(folder)
        #expect(again.reports.map(\.accepted) == [2, 3, 3])
        #expect(try dump() == before)
    }

    /// Each night the desk exports the last days only: the rows the first export had get the same
    /// ids (their value before the change was in a column), only the new ones are added, and a
    /// ticket whose solution date moved moves its one solved event.
    @Test func anOverlappingExportAddsOnlyWhatIsNew() throws {
        let folder = try TemporaryDirectory()
        let (database, _) = try glpi(folder)
        let header = "Ticket;Fecha;Usuario;Campo;Valor anterior;Valor nuevo\n"
        let later = try folder.write(
            "historial-2.csv",
            header + """
                1021;13-11-2026 14:00:00;Ana Gómez (5);12;4;2
                1021;13-11-2026 15:40:00;Ana Gómez (5);12;2;5
                1022;18-11-2026 10:00:00;Luis Pardo (7);12;2;4

                """)
        let tickets = try folder.write(
            "tickets-2.csv",
            "\u{FEFF}" + """
                "ID";"Título";"Entidad";"Tipo";"Prioridad";"Urgencia";"Impacto";"Categoría";"Fecha de apertura";"Fecha de solución";"Fecha de cierre";"Estado";"Asignado a - Técnico";"Asignado a - Grupo de técnicos";
                "1021";"Nómina no liquida horas extra";"Hospital San Rafael";"Incidencia";"Alta";"Alta";"Medio";"KACTUS";"13-11-2026 09:15";"13-11-2026 16:00";"";"Resuelto";"Ana Gómez";"Soporte nivel 1";

                """)
        let outcome = try ImportJob.run(
            .init(cases: tickets, events: later, profile: try Self.profile("glpi-10-es.yaml")),
            runner: .test(database))
        #expect(outcome.findings.isEmpty)
        let events = try Self.events(database)
        #expect(events.count == 7)
        #expect(events.contains("1021 2026-11-13T16:00:00-05:00 solved 1021~0~4solved"))
        #expect(events.contains { $0.hasPrefix("1022 2026-11-18T10:00:00-05:00 waiting_client 1022~1~20261118100000~10~") })
        #expect(events.filter { $0.hasPrefix("1021 ") && $0.contains("client_responded") }.count == 1)
    }

    /// A case's rows at one instant keep the file's order, the case row's events first: the ids
    /// sort that way, and the clock reads them in that order.
    @Test func rowsAtOneInstantKeepTheFilesOrder() throws {
        let folder = try TemporaryDirectory()
        let profile = try ProfileFile.parse(
            """
            cases:
              columns: { case_id: Caso, client_id: { value: K1 }, type: { value: incidente }, priority: { value: P3 },
                         impact: { value: alta }, urgency: { value: alta }, created_at: Abierto }
              events: { solved: Resuelto }
            events:
              columns: { case_id: Caso, at: Cuando, field: Campo, value: Nuevo }
              rules:
                - { field: Estado, to: Espera, event: waiting_client }
                - { field: Estado, to: Curso, from: Espera, event: client_responded }
                - { field: Estado, to: Resuelto, event: solved }
                - { field: Estado, from: Resuelto, event: reopened }
            """, file: "p.yaml")
        let database = try TestImport.database(
            in: folder, clients: "client_id,client_name,contract,kam_id\nK1,Uno,saas,kam\n",
            cases: "case_id,client_id,type,priority,created_at\n", events: "event_id,case_id,at,kind\n")
        // At 10:00 the case is solved (its row says so, then its history), reopened, put on hold,
        // and its client answers: in that order. Eleven rows at 11:00 check that position 10 sorts
        // after position 9.
        var history = "Caso,Cuando,Campo,Nuevo\nA,2026-11-13T09:00,Estado,Curso\nA,2026-11-13T10:00,Estado,Resuelto\n"
        history += "A,2026-11-13T10:00,Estado,Abierto\nA,2026-11-13T10:00,Estado,Espera\nA,2026-11-13T10:00,Estado,Curso\n"
        for index in 0..<11 { history += "A,2026-11-13T11:00,Estado,\(index % 2 == 0 ? "Espera" : "Curso")\n" }
        // The history file lists the case's rows out of time order: sla puts them in order.
        history += "A,2026-11-13T08:00,Estado,Nuevo\n"
        let outcome = try ImportJob.run(
            .init(
                cases: try folder.write("casos.csv", "Caso,Abierto,Resuelto\nA,2026-11-13T07:30,2026-11-13T10:00\n"),
                events: try folder.write("historia.csv", history), profile: profile), runner: .test(database))
        #expect(outcome.findings.isEmpty)
        let stored = try DatabaseQueue(path: database).read { db in
            try Row.fetchAll(db, sql: "SELECT id, at, kind FROM case_event").map { row in
                CaseEvent(
                    id: row["id"], at: Instant(secondsSince1970: row["at"]), kind: try #require(EventKind(rawValue: row["kind"])))
            }
        }
        let ordered = stored.sorted(by: CaseEvent.inTimeOrder).map(\.kind)
        #expect(
            ordered == [.solved, .solved, .reopened, .waitingClient, .clientResponded]
                + (0..<11).map { $0 % 2 == 0 ? EventKind.waitingClient : .clientResponded })
    }

    @Test func encodingsDelimitersAndTitleRows() throws {
        let folder = try TemporaryDirectory()
        let database = try TestImport.database(
            in: folder, clients: "client_id,client_name,contract,kam_id\nK1,Uno,saas,kam\n",
            cases: "case_id,client_id,type,priority,created_at\n", events: "event_id,case_id,at,kind\n")
        let text = """
            Informe de casos;;;
            Generado el 20/11/2026;;;

            Número;Cliente;Tipo;Prioridad;Fecha de creación;Descripción
            A-1;K1;Petición;Urgente;13/11/2026 09:00 a. m.;Señal débil en área de cómputo
            A-2;K1;Incidente;Baja;13/11/2026 02:30 p. m.;Línea 2
            A-3;K1;Incidente;Baja;13/11/2026 14:30;Línea 3

            """
        let yaml = """
            cases:
              delimiter: ";"
              encoding: ENCODING
              header_row: 4
              timestamps: ["dd/MM/yyyy hh:mm a"]
              columns: { case_id: " número ", client_id: CLIENTE, type: Tipo, priority: Prioridad, created_at: Fecha de creación,
                         summary: Descripción }
              values:
                type: { "Petición": solicitud }
                priority: { "urgente": P1, "Baja": P4 }
            """
        // Windows-1252 (Excel's Spanish CSV), ISO-8859-1 and UTF-16 with its byte-order mark.
        var windows: [UInt8] = []
        for scalar in text.unicodeScalars { windows.append(UInt8(truncatingIfNeeded: scalar.value)) }
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        for (encoding, bytes) in [("windows-1252", windows), ("iso-8859-1", windows), ("utf-16", utf16)] {
            let profile = try ProfileFile.parse(yaml.replacingOccurrences(of: "ENCODING", with: encoding), file: "p.yaml")
            let path = try folder.write("casos-\(encoding).csv", bytes: bytes)
            let outcome = try ImportJob.run(.init(cases: path, profile: profile), runner: .test(database))
            let report = try #require(outcome.reports.first)
            // Lines 1–4 are the title, a blank line and the header: A-3 is on line 7 and its
            // 24-hour time does not match the 12-hour pattern, nor ISO 8601.
            #expect((report.read, report.accepted) == (3, 2), "\(encoding)")
            #expect(report.rejected.map(\.line) == [7], "\(encoding)")
            #expect(report.rejected.map(\.column) == ["Fecha de creación"], "\(encoding)")
            let rows = try DatabaseQueue(path: database).read { db in
                try Row.fetchAll(db, sql: "SELECT id, type, priority, created_at, summary FROM service_case ORDER BY id").map {
                    "\($0["id"] as String) \($0["type"] as String) \($0["priority"] as String) \(Instant(secondsSince1970: $0["created_at"])) \($0["summary"] as String)"
                }
            }
            #expect(
                rows == [
                    "A-1 solicitud P1 2026-11-13T09:00:00-05:00 Señal débil en área de cómputo",
                    "A-2 incidente P4 2026-11-13T14:30:00-05:00 Línea 2"
                ], "\(encoding)")
        }
    }

    @Test func profileCheckListsWhatNothingUnderstands() throws {
        let folder = try TemporaryDirectory()
        let outcome = try ProfileCheckJob.run(
            profile: try Self.profile("glpi-10-es.yaml"), clients: nil,
            cases: try Self.sample("glpi/tickets.csv", into: folder),
            events: try Self.sample("glpi/historial.csv", into: folder))
        let text = outcome.text
        #expect(text.contains("    priority        ← Prioridad\n") || text.contains("priority      ← Prioridad"))
        #expect(text.contains("priority \"Urgente\": 1 row, first at line 5"))
        #expect(text.contains("columns nothing uses: 'Estado'\n"))
        #expect(text.contains("columns nothing uses: 'Usuario'\n"))
        #expect(text.contains("rows: 5 read, 3 readable, 2 would be rejected, 0 skipped"))
        #expect(text.contains("rows: 9 read, 3 readable, 0 would be rejected, 6 skipped"))
        #expect(text.contains("line 2: case_id=1021, client_id=Hospital San Rafael, product=KACTUS, type=incidente, priority=P2"))
        #expect(outcome.findings.count == 2)
        // Nothing written beside the exports.
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/tickets.csv.rejects.csv"))
    }

    /// The osTicket and Jira Service Management samples, written from their documented formats:
    /// every row goes in, as the tool meant it.
    @Test(arguments: [
        (
            "osticket.yaml", "osticket/tickets.csv",
            [
                "381204 Hospital San Rafael incidente P2 - - 2026-11-13T08:05:12-05:00 KACTUS Ana Gómez/Nivel 1",
                "381205 Clínica del Norte consulta P3 - - 2026-11-13T09:40:00-05:00 SEVEN -/Nivel 1",
                "381206 Clínica del Norte incidente P1 - - 2026-11-14T22:10:00-05:00 HOSVITAL Luis Pardo/Nivel 2"
            ], ["381204 2026-11-17T10:00:00-05:00 closed 381204~0~6closed"]
        ),
        (
            "jira-service-management.yaml", "jira/issues.csv",
            [
                "MET-101 Hospital San Rafael incidente P2 alta alta 2026-11-13T08:05:00-05:00 KACTUS Ana Gómez/-",
                "MET-102 Clínica del Norte solicitud P3 baja media 2026-11-13T09:40:00-05:00 SEVEN Luis Pardo/-",
                "MET-103 Clínica del Norte incidente P1 alta alta 2026-11-14T22:10:00-05:00 HOSVITAL Ana Gómez/-"
            ], ["MET-101 2026-11-13T15:40:00-05:00 solved MET-101~0~4solved"]
        )
    ])
    func toolSamples(profile: String, sample: String, cases: [String], events: [String]) throws {
        let folder = try TemporaryDirectory()
        let database = folder.path + "/sla.sqlite"
        let outcome = try ImportJob.run(
            .init(
                clients: try Self.sample("glpi/clients.csv", into: folder), cases: try Self.sample(sample, into: folder),
                profile: try Self.profile(profile)), runner: .test(database))
        #expect(outcome.findings.isEmpty, "\(outcome.findings)")
        let stored = try DatabaseQueue(path: database).read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, client_id, type, priority, impact, urgency, created_at, product, assignee, support_group
                    FROM service_case ORDER BY id
                    """
            ).map { row in
                let impact: String? = row["impact"]
                let urgency: String? = row["urgency"]
                let assignee: String? = row["assignee"]
                let group: String? = row["support_group"]
                return
                    "\(row["id"] as String) \(row["client_id"] as String) \(row["type"] as String) \(row["priority"] as String) "
                    + "\(impact ?? "-") \(urgency ?? "-") \(Instant(secondsSince1970: row["created_at"])) \(row["product"] as String) "
                    + "\(assignee ?? "-")/\(group ?? "-")"
            }
        }
        #expect(stored == cases)
        #expect(try Self.events(database) == events)
    }
}
