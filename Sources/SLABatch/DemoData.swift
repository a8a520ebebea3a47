package import SLACore

/// A seeded, deterministic, realistic data set in the three interchange files: four KAMs, ten
/// clients of both contracts, every product and case type, pauses, escalations, reopenings, P1
/// incidents at night for SaaS clients, cases around holidays and Holy Week 2026, and work plans'
/// solution commitments — kept, missed, re-planned, due on the morning of the demo.
package struct DemoData: Sendable {
    package var clients: String
    package var cases: String
    package var events: String

    /// The instant the demo's nightly run is evaluated at: Monday 23 November 2026, 07:00, before the
    /// supervisors arrive, after a week with the holiday of Monday 16.
    package static let asOf = Instant(date(2026, 11, 23), secondOfDay: 7 * 3600)

    /// A date of the demo's fixed calendar (all valid: the fallback is never taken).
    static func date(_ year: Int, _ month: Int, _ day: Int) -> LocalDate {
        LocalDate(year: year, month: month, day: day) ?? LocalDate(dayNumber: 0)
    }

    static let kams = [
        ("kam-ana", "Ana Ruiz", "ana.ruiz@example.co"), ("kam-luis", "Luis Gómez", "luis.gomez@example.co"),
        ("kam-marta", "Marta Díaz", "marta.diaz@example.co"), ("Kam.Jorge", "Jorge Peña", "jorge.pena@example.co")
    ]
    static let clients: [(String, String, Contract, Int)] = [
        ("CLI-001", "Clínica del Norte S.A.S.", .saas, 0), ("CLI-002", "Alcaldía de Chía", .onPremise, 0),
        ("CLI-003", "Hospital San Rafael", .saas, 1), ("CLI-004", "Cooperativa Andina", .onPremise, 1),
        ("CLI-005", "Universidad del Caribe", .saas, 2), ("CLI-006", "Gobernación del Meta", .onPremise, 2),
        ("CLI-007", "Textiles Medellín, S.A.", .onPremise, 3), ("CLI-008", "Fondo de Empleados \"Unidos\"", .saas, 3),
        ("CLI-009", "Secretaría de Salud de Boyacá", .onPremise, 1), ("CLI-010", "Logística del Pacífico", .saas, 0)
    ]
    static let products = ["KACTUS", "SEVEN", "HOSVITAL", "BPM"]
    /// The afternoons before Holy Thursday, the Chiquinquirá Monday (Ley 2578 de 2026) and the
    /// Cartagena Monday, and a Friday night before a holiday weekend.
    static let beforeHolidays = [
        "2026-04-01T16:00", "2026-07-10T16:30", "2026-11-13T16:30", "2026-11-13T23:00", "2026-06-26T17:00"
    ].map { (try? Timestamp.parse($0)) ?? Instant(secondsSince1970: 0) }  // constants that parse: no fallback is ever used
    static let summaries = [
        "No genera la nómina del periodo", "Error al liquidar vacaciones", "Caída del servidor de aplicaciones",
        "Solicitud de usuario nuevo", "Consulta sobre parametrización de impuestos", "Reporte de cartera no cuadra",
        "Bloqueo de programa en facturación", "Restaurar ambiente de pruebas", "Acceso VPN para soporte",
        "=SUMA(A1:A9) aparece en el reporte"
    ]

    /// The MET's people and queues: level 1 takes a case, specialists hold the escalated ones.
    static let analysts = [
        "Carolina Rojas", "Andrés Castro", "Diana Moreno", "Felipe Vargas", "Laura Herrera",
        "Santiago Ortiz", "Paula Jiménez", "Camilo Ríos"
    ]
    static let groups = [
        "MET nivel 1", "Especialistas KACTUS", "Especialistas SEVEN", "Especialistas HOSVITAL",
        "Especialistas BPM"
    ]

    /// `cases` cases registered between 1 March and 23 November 2026, from `seed`.
    package init(cases count: Int, seed: UInt64 = 2026) {
        var random = SeededRandom(seed: seed)
        // Who holds each case comes from a stream of its own, so the clocks above stay those of
        // the demo's earlier versions.
        var people = SeededRandom(seed: seed &+ 1)
        var clientsCSV = CSVWriter(header: ["client_id", "client_name", "contract", "kam_id", "kam_name", "kam_email"])
        for (id, name, contract, kam) in Self.clients {
            let (kamID, kamName, email) = Self.kams[kam]
            clientsCSV.appendRow([id, name, contract.rawValue, kamID, kamName, email])
        }
        var casesCSV = CSVWriter(header: [
            "case_id", "client_id", "product", "type", "priority", "impact", "urgency",
            "created_at", "summary", "assignee", "group"
        ])
        var eventsCSV = CSVWriter(header: ["event_id", "case_id", "at", "kind", "level", "note", "due"])
        // The work plans' solution commitments come from a stream of their own too.
        var plans = SeededRandom(seed: seed &+ 2)
        let first = Instant(Self.date(2026, 3, 1)).secondsSince1970
        let last = Self.asOf.secondsSince1970
        var eventID = 0
        for number in 1...max(count, 1) {
            let id = "CASO-\(String(number + 10_000))"
            let client = Self.clients[random.below(Self.clients.count)]
            // Registration: mostly in office hours; some P1 of SaaS clients at night or on weekends.
            // A third of the cases in the last ten days, so the morning's list has live clocks.
            let recent = last - 10 * 86_400
            var created =
                random.below(3) == 0
                ? recent + Int64(random.below(Int(last - recent)))
                : first + Int64(random.below(Int(last - first)))
            let priorityRoll = random.below(100)
            let priority: Priority = priorityRoll < 7 ? .p1 : priorityRoll < 30 ? .p2 : priorityRoll < 75 ? .p3 : .p4
            let local = Instant(secondsSince1970: created)
            if !(priority == .p1 && client.2 == .saas) {
                created = Instant(local.localDate, secondOfDay: 27_000 + random.below(37_800)).secondsSince1970
            }
            // Every 15th case lands just before a holiday or Holy Week, where clocks are easy to get wrong.
            if number % 15 == 0 {
                created =
                    Self.beforeHolidays[(number / 15) % Self.beforeHolidays.count].secondsSince1970
                    + Int64(random.below(1800))
            }
            let type: CaseType = priority == .p1 ? .incidente : CaseType.allCases[random.below(4)]
            let grades = Grade.allCases
            let unclassified = priority != .p1 && random.below(80) == 0
            let impact = unclassified && random.below(2) == 0 ? "" : grades[random.below(3)].rawValue
            let urgency = unclassified && impact != "" ? "" : grades[random.below(3)].rawValue
            let product = Self.products[random.below(4)]
            let summary = Self.summaries[random.below(Self.summaries.count)]
            // One case in eight nobody has taken yet; a third with the product's specialists.
            let assignee = people.below(8) == 0 ? "" : Self.analysts[people.below(Self.analysts.count)]
            let group =
                assignee.isEmpty
                ? "MET nivel 1"
                : people.below(3) == 0 ? "Especialistas \(product)" : "MET nivel 1"
            casesCSV.appendRow([
                id, client.0, product, type.rawValue, priority.rawValue,
                priority == .p1 ? "" : impact, priority == .p1 ? "" : urgency,
                Instant(secondsSince1970: created).description, summary, assignee, group
            ])

            // A history that moves forward in time and stops at as-of.
            var at = created
            func event(_ kind: EventKind, after hours: Int, level: Int? = nil, note: String = "") -> Bool {
                at += Int64(hours) * 3600 + Int64(random.below(3600))
                guard at <= last else { return false }
                eventID += 1
                eventsCSV.appendRow([
                    String(eventID), id, Instant(secondsSince1970: at).description, kind.rawValue,
                    level.map(String.init) ?? "", note, ""
                ])
                return true
            }
            /// A `committed` event at `made` promising the solution by `due`, when both are by as-of
            /// (the due may be later).
            func committed(at made: Int64, due: Int64, note: String) {
                guard made <= last else { return }
                eventID += 1
                eventsCSV.appendRow([
                    String(eventID), id, Instant(secondsSince1970: made).description,
                    EventKind.committed.rawValue, "", note, Instant(secondsSince1970: max(due, made)).description
                ])
            }
            /// Six solved cases in ten had a work plan: kept, missed, re-planned in time or after the
            /// miss; every case diagnosed and not solved has one: due today, later or already missed.
            func plan(diagnosedAt: Int64, solvedAt: Int64?) {
                guard solvedAt == nil || plans.below(10) < 6 else { return }
                let made = diagnosedAt + 600 + Int64(plans.below(3_000))
                let roll = plans.below(10)
                if let solvedAt, solvedAt > made {
                    let span = solvedAt - made
                    switch roll {
                    case 0..<5: committed(at: made, due: solvedAt + Int64(plans.below(5)) * 3_600, note: "Plan de trabajo")
                    case 5..<7: committed(at: made, due: made + span / 2, note: "Plan de trabajo")
                    case 7..<9:
                        committed(at: made, due: made + span / 2, note: "Plan de trabajo")
                        committed(
                            at: made + span / 3, due: solvedAt + Int64(plans.below(8)) * 3_600, note: "Re-planificado a tiempo")
                    default:
                        committed(at: made, due: made + span / 3, note: "Plan de trabajo")
                        committed(at: made + span / 2, due: solvedAt + 1_800, note: "Re-planificado tras incumplir")
                    }
                } else if solvedAt == nil {
                    switch roll {
                    case 0..<4: committed(at: made, due: last + Int64(1_800 + plans.below(15 * 3_600)), note: "Plan de trabajo")
                    case 4..<6: committed(at: made, due: last + Int64(1 + plans.below(5)) * 86_400, note: "Plan de trabajo")
                    default:
                        let due = made + Int64(plans.below(Int(max(1, last - made))))
                        committed(at: made, due: due, note: "Plan de trabajo")
                        if plans.below(3) == 0, due + 3_600 <= last {
                            committed(
                                at: due + 3_600, due: last + Int64(1 + plans.below(3)) * 86_400,
                                note: "Re-planificado tras incumplir")
                        }
                    }
                }
            }
            let scale = priority == .p1 ? 1 : priority == .p2 ? 8 : 24
            // Half of the last week's cases still await their diagnosis: running, at risk or breached;
            // some of them already escalated to the specialists.
            if created > last - 7 * 86_400, random.below(2) == 0 {
                if people.below(4) == 0, group != "MET nivel 1" {
                    let level = 2 + people.below(2)
                    let escalatedAt = created + Int64(1_800 + people.below(4 * 3_600))
                    if escalatedAt <= last {
                        eventID += 1
                        eventsCSV.appendRow([
                            String(eventID), id, Instant(secondsSince1970: escalatedAt).description,
                            EventKind.escalated.rawValue, String(level), "Escalado a especialistas", ""
                        ])
                    }
                }
                continue
            }
            if random.below(4) == 0 {
                guard
                    event(
                        .waitingClient, after: random.below(scale),
                        note: [
                            "Sin réplica en pruebas", "Sin acceso VPN",
                            "Falta información"
                        ][random.below(3)])
                else { continue }
                // Some clients never answer: those cases stay paused.
                if random.below(4) == 0 { continue }
                guard event(.clientResponded, after: random.below(48)) else { continue }
            }
            if random.below(6) == 0 {
                guard event(.escalated, after: random.below(scale), level: 1 + random.below(3)) else { continue }
            }
            guard event(.diagnosed, after: random.below(scale * 3)) else { continue }
            let diagnosedAt = at
            guard event(.solved, after: random.below(scale * 4)) else {
                plan(diagnosedAt: diagnosedAt, solvedAt: nil)
                continue
            }
            plan(diagnosedAt: diagnosedAt, solvedAt: at)
            switch random.below(10) {
            case 0..<5: _ = event(.closed, after: random.below(72))
            case 5:
                guard event(.reopened, after: random.below(48), note: "El cliente reporta que persiste") else { continue }
                guard event(.solved, after: random.below(scale * 2)) else { continue }
                if random.below(2) == 0 { _ = event(.closed, after: random.below(48)) }
            default: break  // left to the client: automatic closure after 5 business days
            }
        }
        self.clients = clientsCSV.text
        self.cases = casesCSV.text
        self.events = eventsCSV.text
    }
}
