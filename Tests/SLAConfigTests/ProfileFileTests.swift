import Foundation
import SLAConfig
import SLACore
import Testing

/// The import profile: what it says, and every way it is refused before any export is read —
/// each at its line and column.
@Suite struct ProfileFileTests {
    static let minimalCases = """
        cases:
          columns: { case_id: ID, client_id: Entidad, type: Tipo, priority: Prioridad, created_at: Apertura }

        """

    static func refusal(_ text: String) -> String {
        do {
            _ = try ProfileFile.parse(text, file: "p.yaml")
            return "accepted"
        } catch {
            return error.description
        }
    }

    @Test func aProfileSaysHowEachExportIsWritten() throws {
        let profile = try ProfileFile.parse(
            """
            clients:
              columns: { client_id: Id, client_name: Nombre, contract: { value: SaaS }, kam_id: { value: kam-01 } }
            cases:
              delimiter: ";"
              encoding: windows-1252
              header_row: 3
              timestamps: ["dd/MM/yyyy HH:mm", "dd-MM-yyyy hh:mm a"]
              columns:
                case_id: "ID"
                client_id: "Entidad"
                product: { value: KACTUS }
                type: Tipo
                priority: Prioridad
                created_at: "Fecha de apertura"
              values:
                priority: { "Muy alta": P1, " Alta ": "2" }
              events: { solved: "Fecha de solución", closed: "Fecha de cierre" }
            events:
              columns: { case_id: Ticket, at: Fecha, field: Campo, previous: "Valor anterior", value: "Valor nuevo" }
              rules:
                - { field: Estado, to: "En espera", event: waiting_client }
                - { field: [Estado, Status], from: ["Solucionado", "Cerrado"], event: reopened }
                - { field: Nivel, to: "Nivel 2", event: escalated, level: 2 }
            """, file: "p.yaml")
        let cases = try #require(profile.cases)
        #expect(cases.delimiter == UInt8(ascii: ";"))
        #expect(cases.encoding == .windows1252)
        #expect(cases.headerRow == 3)
        #expect(cases.timestamps.map(\.text) == ["dd/MM/yyyy HH:mm", "dd-MM-yyyy hh:mm a"])
        #expect(profile.clients?.columns["contract"] == .constant("saas"))
        #expect(cases.columns["product"] == .constant("KACTUS"))
        #expect(cases.columns["created_at"] == .column("Fecha de apertura"))
        // Words compared trimmed and case-insensitive; sla's values in their canonical spelling.
        #expect(cases.values["priority"] == ["muy alta": "P1", "alta": "P2"])
        #expect(
            cases.rowEvents == [
                RowEvent(kind: .solved, column: "Fecha de solución"), RowEvent(kind: .closed, column: "Fecha de cierre")
            ])
        let events = try #require(profile.events)
        #expect(events.isHistory)
        #expect(events.rules.count == 3)
        #expect(events.rules[1].matches(field: "status", previous: "cerrado", value: "en curso"))
        #expect(!events.rules[1].matches(field: "status", previous: "en curso", value: "cerrado"))
        #expect(events.rules[2].level == 2)
    }

    @Test(arguments: [
        // An unknown key, at its place.
        ("cases:\n  delimter: \";\"\n", "p.yaml:2:3: unknown key 'delimter' in cases"),
        ("casos:\n  delimiter: \";\"\n", "p.yaml:1:1: unknown key 'casos' in the profile"),
        // A required field left unmapped.
        (
            "cases:\n  columns: { case_id: ID, client_id: E, type: T, priority: P }\n",
            "p.yaml:2:12: cases.columns has no created_at"
        ),
        ("events:\n  columns: { case_id: T, at: F }\n", "p.yaml:2:12: events.columns has no kind"),
        (
            "events:\n  columns: { case_id: T, at: F, field: C }\n  rules:\n    - { field: Estado, event: solved }\n",
            "p.yaml:2:12: events.columns has no value"
        ),
        // An unknown event kind, in the rules and in the case row's events.
        (
            "events:\n  columns: { case_id: T, at: F, value: V }\n  rules:\n    - { to: X, event: resolved }\n",
            "p.yaml:4:23: unknown event kind 'resolved'"
        ),
        (minimalCases + "  events: { solucion: Fecha }\n", "p.yaml:3:13: unknown event kind 'solucion' in cases.events"),
        // A level outside 1–3, and an escalation without one.
        (
            "events:\n  columns: { case_id: T, at: F, value: V }\n  rules:\n    - { to: X, event: escalated, level: 4 }\n",
            "p.yaml:4:41: a rule's level must be 1, 2 or 3"
        ),
        (
            "events:\n  columns: { case_id: T, at: F, value: V }\n  rules:\n    - { to: X, event: escalated }\n",
            "p.yaml:4:7: an escalated rule needs the level reached"
        ),
        // A timestamp pattern that cannot parse.
        (
            minimalCases + "  timestamps: [\"dd/MM/yyyy HH:mm\", \"dd/MM/yyyy hh:mm\"]\n",
            "p.yaml:3:36: cases.timestamps: the pattern 'dd/MM/yyyy hh:mm' has a 12-hour clock (h) without its AM/PM marker (a)"
        ),
        (
            minimalCases + "  timestamps: \"dd/MM/yyyy HH:mm Q\"\n",
            "p.yaml:3:15: cases.timestamps: the pattern 'dd/MM/yyyy HH:mm Q' has 'Q'"
        ),
        (minimalCases + "  timestamps: \"HH:mm\"\n", "p.yaml:3:15: cases.timestamps: the pattern 'HH:mm' has no year"),
        // A column named twice, whatever its case and blanks.
        (
            "cases:\n  columns: { case_id: ID, client_id: E, type: T, priority: P, created_at: A, summary: \" id \" }\n",
            "p.yaml:2:87: the column ' id ' is named twice in cases (for case_id and summary)"
        ),
        (minimalCases + "  events: { solved: Apertura }\n", "p.yaml:3:21: the column 'Apertura' is named twice in cases"),
        // Values: a word of sla's that is not one, a field without a vocabulary.
        (
            minimalCases + "  values: { priority: { Urgente: P0 } }\n",
            "p.yaml:3:34: cases.values.priority: 'P0' is not a value of priority"
        ),
        (minimalCases + "  values: { summary: { a: b } }\n", "p.yaml:3:13: unknown key 'summary' in cases.values"),
        // Format settings.
        (minimalCases + "  delimiter: \";;\"\n", "p.yaml:3:14: cases.delimiter ';;' must be one character"),
        (
            minimalCases + "  encoding: ebcdic\n",
            "p.yaml:3:13: cases.encoding 'ebcdic' must be one of utf-8, windows-1252, iso-8859-1, utf-16"
        ),
        (minimalCases + "  header_row: 0\n", "p.yaml:3:15: cases.header_row '0' must be a whole number from 1 to 1000"),
        ("", "p.yaml:1:1: the profile is empty"),
        ("cases: [\n", "p.yaml:2:1: not valid YAML")
    ])
    func refused(text: String, expected: String) {
        let message = Self.refusal(text)
        #expect(message.hasPrefix(expected), "\(message)")
    }

    /// Every profile the project ships is valid, and says where its format comes from.
    @Test func theShippedProfilesAreValid() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("profiles")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(names.contains("template.yaml"))
        #expect(names.count >= 4)
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let profile = try ProfileFile.parse(text, file: name)
            #expect(profile.cases != nil || profile.events != nil, "\(name)")
            if name != "template.yaml" {
                #expect(text.contains("Where the format comes from"), "\(name)")
            }
        }
    }
}
