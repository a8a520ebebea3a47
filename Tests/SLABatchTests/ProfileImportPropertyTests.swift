import Foundation
import SLABatch
import SLAConfig
import SLACore
import SLAStore
import SLATestSupport
import Testing

/// Random canonical data, written as a tool's export through a random profile shape (delimiter,
/// encoding, title rows, date pattern, column names and order, words, a status history with noise
/// rows and cases interleaved, some events in the case rows), then imported through the profile:
/// the same clocks and the same automatic closures as the canonical files give.
@Suite struct ProfileImportPropertyTests {
    static let kinds: [EventKind] = [.diagnosed, .waitingClient, .clientResponded, .escalated, .solved, .reopened, .closed]
    static let statusWord: [EventKind: String] = [
        .diagnosed: "Diagnosticado", .waitingClient: "En espera del cliente", .clientResponded: "Respondido",
        .solved: "Solucionado", .reopened: "Reabierto", .closed: "Cerrado"
    ]

    struct Event {
        var kind: EventKind
        var at: Instant
        var level: Int?
    }

    struct Case {
        var id: String
        var client: String
        var type: CaseType
        var priority: Priority
        var impact: Grade?
        var urgency: Grade?
        var created: Instant
        var events: [Event]
    }

    static func cases(_ random: inout SeededRandom) -> [Case] {
        let start = Instant.bogota("2026-10-01T00:00").secondsSince1970
        return (0..<(3 + random.below(10))).map { index in
            let created = start + Int64(random.below(40 * 24 * 60)) * 60
            var at = created
            var events: [Event] = []
            for _ in 0..<random.below(7) {
                // Ties happen: the same minute as the event before, a third of the time.
                if random.below(3) != 0 { at += Int64(1 + random.below(3 * 24 * 60)) * 60 }
                let kind = kinds[random.below(kinds.count)]
                events.append(
                    Event(kind: kind, at: Instant(secondsSince1970: at), level: kind == .escalated ? 1 + random.below(3) : nil))
            }
            return Case(
                id: "T-\(index + 1)", client: random.below(2) == 0 ? "K1" : "K2", type: CaseType.allCases[random.below(4)],
                priority: Priority.allCases[random.below(4)],
                impact: random.below(5) == 0 ? nil : Grade.allCases[random.below(3)],
                urgency: random.below(5) == 0 ? nil : Grade.allCases[random.below(3)],
                created: Instant(secondsSince1970: created), events: events)
        }
    }

    static let clients = "client_id,client_name,contract,kam_id\nK1,Uno,saas,kam-1\nK2,Dos,on_premise,kam-1\n"

    /// The canonical files.
    static func canonical(_ cases: [Case]) -> (cases: String, events: String) {
        var casesCSV = "case_id,client_id,product,type,priority,impact,urgency,created_at,summary\n"
        var eventsCSV = "event_id,case_id,at,kind,level,note\n"
        var id = 0
        for item in cases {
            casesCSV +=
                "\(item.id),\(item.client),P,\(item.type.rawValue),\(item.priority.rawValue),\(item.impact?.rawValue ?? ""),"
                + "\(item.urgency?.rawValue ?? ""),\(item.created),s\n"
            for event in item.events {
                id += 1
                eventsCSV += "\(id),\(item.id),\(event.at),\(event.kind.rawValue),\(event.level.map(String.init) ?? ""),\n"
            }
        }
        return (casesCSV, eventsCSV)
    }

    struct Shape {
        var delimiter: String
        var encoding: String
        var bom: Bool
        var titleRows: Int
        var pattern: String
        var format: (Instant) -> String
        var previousColumn: Bool
    }

    static func shape(_ random: inout SeededRandom) -> Shape {
        let delimiters = [",", ";", "\t", "|"]
        let encodings = ["utf-8", "windows-1252", "iso-8859-1", "utf-16"]
        let months = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"]
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let patterns: [(String, (Instant) -> String)] = [
            (
                "dd/MM/yyyy HH:mm",
                { i in
                    let d = i.localDate
                    let s = i.localSecondOfDay
                    return "\(two(d.day))/\(two(d.month))/\(d.year) \(two(s / 3600)):\(two(s / 60 % 60))"
                }
            ),
            (
                "dd-MM-yyyy hh:mm a",
                { i in
                    let d = i.localDate
                    let s = i.localSecondOfDay
                    let h = s / 3600
                    return
                        "\(two(d.day))-\(two(d.month))-\(d.year) \(two(h % 12 == 0 ? 12 : h % 12)):\(two(s / 60 % 60)) \(h < 12 ? "a. m." : "p. m.")"
                }
            ),
            (
                "MM/dd/yyyy H:mm",
                { i in
                    let d = i.localDate
                    let s = i.localSecondOfDay
                    return "\(two(d.month))/\(two(d.day))/\(d.year) \(s / 3600):\(two(s / 60 % 60))"
                }
            ),
            (
                "d/MMM/yy h:mm a",
                { i in
                    let d = i.localDate
                    let s = i.localSecondOfDay
                    let h = s / 3600
                    return
                        "\(d.day)/\(months[d.month - 1])/\(d.year % 100) \(h % 12 == 0 ? 12 : h % 12):\(two(s / 60 % 60)) \(h < 12 ? "AM" : "PM")"
                }
            ),
            ("ISO", { $0.description })
        ]
        let (pattern, format) = patterns[random.below(patterns.count)]
        let encoding = encodings[random.below(encodings.count)]
        return Shape(
            delimiter: delimiters[random.below(4)], encoding: encoding, bom: encoding == "utf-8" && random.below(2) == 0,
            titleRows: random.below(3), pattern: pattern, format: format, previousColumn: random.below(2) == 0)
    }

    /// A file in the shape: title rows, a header and rows, quoted where needed, encoded.
    static func file(_ shape: Shape, _ header: [String], _ rows: [[String]]) -> [UInt8] {
        func quoted(_ field: String) -> String {
            field.contains(shape.delimiter) || field.contains("\"")
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }
        var text = ""
        for index in 0..<shape.titleRows { text += "Informe de la mesa \(index + 1)\r\n" }
        for row in [header] + rows { text += row.map(quoted).joined(separator: shape.delimiter) + "\r\n" }
        switch shape.encoding {
        case "utf-16":
            var bytes: [UInt8] = [0xFF, 0xFE]
            for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
            return bytes
        case "windows-1252", "iso-8859-1":
            return text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        default:
            return (shape.bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
        }
    }

    static let priorityWord: [Priority: String] = [.p1: "Crítica", .p2: "Alta", .p3: "Media", .p4: "Baja"]
    static let typeWord: [CaseType: String] = [
        .incidente: "Incidencia", .consulta: "Pregunta", .solicitud: "Petición", .acceso: "Acceso"
    ]

    /// The export and its profile.
    static func export(_ cases: [Case], _ shape: Shape, _ random: inout SeededRandom)
        -> (profile: String, cases: [UInt8], history: [UInt8])
    {
        // The case row holds the case's one solved (or closed) when no other event shares its instant.
        var rowEvent: [String: (kind: EventKind, at: Instant)] = [:]
        for item in cases where random.below(2) == 0 {
            for kind in [EventKind.solved, .closed] {
                let of = item.events.filter { $0.kind == kind }
                if of.count == 1, let only = of.first, item.events.filter({ $0.at == only.at }).count == 1,
                    rowEvent[item.id] == nil
                {
                    rowEvent[item.id] = (kind, only.at)
                }
            }
        }
        var caseColumns = [
            "Número", "Cliente", "Tipo", "Prioridad", "Impacto", "Urgencia", "Fecha de registro", "Asunto", "Producto",
            "Solucionado el", "Cerrado el", "Estado"
        ]
        caseColumns.shuffle(using: &random)
        var caseRows: [[String]] = []
        for item in cases {
            let values: [String: String] = [
                "Número": item.id, "Cliente": item.client, "Tipo": typeWord[item.type] ?? "",
                "Prioridad": priorityWord[item.priority] ?? "",
                "Impacto": item.impact?.rawValue.capitalized ?? "",
                "Urgencia": item.urgency.map { $0 == .alta ? "High" : $0.rawValue } ?? "",
                "Fecha de registro": shape.format(item.created), "Asunto": "s", "Producto": "P",
                "Solucionado el": rowEvent[item.id].map { $0.kind == .solved ? shape.format($0.at) : "" } ?? "",
                "Cerrado el": rowEvent[item.id].map { $0.kind == .closed ? shape.format($0.at) : "" } ?? "",
                "Estado": "¿?"
            ]
            caseRows.append(caseColumns.map { values[$0] ?? "" })
        }
        // The history: one row per event (those not in the case row), a noise row now and then,
        // the cases interleaved at random, each case's rows in its order.
        var perCase: [[[String]]] = []
        for item in cases {
            var rows: [[String]] = []
            var last: [String: String] = [:]
            for event in item.events {
                if random.below(4) == 0 { rows.append([item.id, shape.format(event.at), "Asignado", "", "Luis"]) }
                if let row = rowEvent[item.id], row.kind == event.kind, row.at == event.at { continue }
                let field = event.kind == .escalated ? "Nivel" : "Estado"
                let value = event.kind == .escalated ? "Nivel \(event.level ?? 1)" : statusWord[event.kind] ?? ""
                rows.append([item.id, shape.format(event.at), field, last[field] ?? "", value])
                last[field] = value
            }
            perCase.append(rows)
        }
        // Half the time grouped by case (read a case at a time), half interleaved (read whole).
        var history: [[String]] = random.below(2) == 0 ? perCase.flatMap { $0 } : []
        var cursors = perCase.map { history.isEmpty ? 0 : $0.count }
        while cursors.indices.contains(where: { cursors[$0] < perCase[$0].count }) {
            let open = cursors.indices.filter { cursors[$0] < perCase[$0].count }
            let pick = open[random.below(open.count)]
            history.append(perCase[pick][cursors[pick]])
            cursors[pick] += 1
        }
        let historyHeader = ["Caso", "Fecha", "Campo", "Antes", "Después"]
        let keep = shape.previousColumn ? [0, 1, 2, 3, 4] : [0, 1, 2, 4]
        let delimiter = shape.delimiter == "\t" ? "\\t" : shape.delimiter
        let timestamps = shape.pattern == "ISO" ? "[]" : "[\"\(shape.pattern)\"]"
        let profile = """
            cases:
              delimiter: "\(delimiter)"
              encoding: \(shape.encoding)
              header_row: \(shape.titleRows + 1)
              timestamps: \(timestamps)
              columns:
                case_id: " número "
                client_id: CLIENTE
                type: Tipo
                priority: Prioridad
                impact: Impacto
                urgency: Urgencia
                created_at: Fecha de registro
                summary: Asunto
                product: Producto
              values:
                priority: { "Crítica": P1, "Alta": P2, "Media": P3, "Baja": P4 }
                type: { "Incidencia": incidente, "Pregunta": consulta, "Petición": solicitud }
              events: { solved: Solucionado el, closed: "Cerrado el" }
            events:
              delimiter: "\(delimiter)"
              encoding: \(shape.encoding)
              header_row: \(shape.titleRows + 1)
              timestamps: \(timestamps)
              columns: { case_id: Caso, at: Fecha, field: Campo, value: Después\(shape.previousColumn ? ", previous: Antes" : "") }
              rules:
                - { field: Estado, to: "En espera del cliente", event: waiting_client }
                - { field: Estado, to: Diagnosticado, event: diagnosed }
                - { field: Estado, to: Respondido, event: client_responded }
                - { field: Estado, to: Solucionado, event: solved }
                - { field: Estado, to: Reabierto, event: reopened }
                - { field: Estado, to: Cerrado, event: closed }
                - { field: Nivel, to: "Nivel 1", event: escalated, level: 1 }
                - { field: Nivel, to: "Nivel 2", event: escalated, level: 2 }
                - { field: Nivel, to: "Nivel 3", event: escalated, level: 3 }

            """
        return (
            profile, file(shape, caseColumns, caseRows),
            file(shape, keep.map { historyHeader[$0] }, history.map { row in keep.map { row[$0] } })
        )
    }

    /// The clocks (the export's every column) and the acceptance periods with their outcomes.
    static func evaluate(_ database: String, folder: TemporaryDirectory, name: String) throws -> [String] {
        var lines: [String] = []
        for asOf in ["2026-11-05T12:00", "2026-11-20T18:00", "2027-01-10T00:00"] {
            let output = folder.path + "/\(name)-\(asOf).csv"
            _ = try ExportJob.run(
                .init(asOf: .bogota(asOf), output: output), runner: .test(database),
                calendar: TestCalendars.standard, policy: .standard)
            lines += try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n").map(String.init)
        }
        let closure = AutomaticClosure(calendar: TestCalendars.standard)
        let store = try CaseStore.open(database, for: .read)
        for read in try store.cases(registeredBy: .bogota("2027-01-10T00:00")) {
            let snapshot = try #require(read.snapshot)
            let events = snapshot.events.map { "\($0.kind.rawValue)@\($0.at)\($0.level.map { "/\($0)" } ?? "")" }
            lines.append("\(snapshot.serviceCase.id): " + events.joined(separator: " "))
            for period in try closure.periods(events: snapshot.events, asOf: .bogota("2027-01-10T00:00"), days: 5) {
                let outcome: String =
                    switch period.outcome {
                    case .ended(let by): "ended by \(by.kind.rawValue)@\(by.at)"
                    case .closed(let by): "closed at \(by.at)"
                    case .closureDue: "closure due"
                    case .awaitingClient: "awaiting"
                    }
                lines.append("  solved \(period.solved.at) deadline \(period.closureDeadline): \(outcome)")
            }
        }
        return lines
    }

    @Test(arguments: 0..<24)
    func anExportGivesTheSameClocksAndClosures(seed: Int) throws {
        var random = SeededRandom(seed: UInt64(27_000 + seed))
        let cases = Self.cases(&random)
        let shape = Self.shape(&random)
        let folder = try TemporaryDirectory()
        let canonical = Self.canonical(cases)
        let reference = try TestImport.database(
            in: folder, named: "canonical", clients: Self.clients, cases: canonical.cases,
            events: canonical.events)
        let (yaml, casesFile, historyFile) = Self.export(cases, shape, &random)
        let profile = try ProfileFile.parse(yaml, file: "p.yaml")
        let database = folder.path + "/profile.sqlite"
        let outcome = try ImportJob.run(
            .init(
                clients: try folder.write("clientes.csv", Self.clients), cases: try folder.write("casos.csv", bytes: casesFile),
                events: try folder.write("historial.csv", bytes: historyFile), profile: profile), runner: .test(database))
        #expect(outcome.findings.isEmpty, "seed \(seed): \(outcome.findings)")
        let history = try #require(outcome.reports.last)
        #expect(history.read == history.accepted + history.rejected.count + history.skipped)
        let expected = try Self.evaluate(reference, folder: folder, name: "canonical")
        let actual = try Self.evaluate(database, folder: folder, name: "profile")
        #expect(actual == expected, "seed \(seed), shape \(shape.delimiter) \(shape.encoding) \(shape.pattern):\n\(yaml)")
    }
}
