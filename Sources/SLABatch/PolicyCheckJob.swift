import SLAConfig
public import SLACore
import SLAStore

/// `sla policy check`: the policy file checked (an error stops it, exit 2, before the database is
/// touched), then, as a table an account manager can read, the terms in force on a date — per
/// client of the database when there is one, else per agreement — and where each comes from.
public enum PolicyCheckJob {
    public struct Outcome: JobOutcome {
        public var text: String
        /// The policy's warnings and the agreements' clients the database does not know, each at
        /// its place in the policy file.
        package var warnings: [Finding]
        public var findings: [Finding] { [] }
        public var files: [String] { [] }
        public var summaryLine: String {
            "policy: \(agreements) agreements" + (warnings.isEmpty ? ", no warning" : ", \(warnings.count) warnings (above)")
        }
        var agreements: Int
    }

    /// - Parameters:
    ///   - policyPath: the policy file, or nil for the built-in one.
    ///   - runner: the database's, when the terms are to be shown per client.
    public static func run(policyPath: String?, runner: JobRunner?, on date: LocalDate) throws(SLAError) -> Outcome {
        let parsed = try ConfigLoader.parsedPolicy(at: policyPath)
        let policy = parsed.policy
        var warnings = parsed.warnings
        let named = { (position: Int) in "\(policy.agreements[position].name) (line \(parsed.agreementLines[position]))" }
        var table = TextTable([
            "client", "name", "contract", "terms from", "P1", Self.matrixHeader,
            "P2–P4 clock", "at risk", "acceptance", "compliance target", Self.olaHeader
        ])
        if let runner {
            let clients = try runner.read { context throws(SLAError) in
                try storeCall { () throws(StoreError) in try context.store.clients() }
            }
            warnings += parsed.unknownClients(Set(clients.map(\.id)))
            for client in clients {
                let position = policy.agreementIndex(forClient: client.id, registeredOn: date)
                let terms = position.map { policy.agreements[$0].terms } ?? policy.defaults
                let p1 = client.contract.map { TermsText.hours(terms.p1($0).seconds) + " " + terms.p1($0).clock.rawValue } ?? "—"
                table.append(
                    [client.id, client.name, client.contract?.rawValue ?? "?", position.map(named) ?? "default terms", p1]
                        + columns(terms))
            }
        } else {
            table = TextTable([
                "agreement", "clients", "dates", "P1 saas", "P1 on_premise",
                Self.matrixHeader, "P2–P4 clock", "at risk", "acceptance",
                "compliance target", Self.olaHeader
            ])
            table.append(
                agreementRow(
                    "default terms", clients: "any client or date no agreement covers", dates: "",
                    terms: policy.defaults))
            for (position, agreement) in policy.agreements.enumerated() {
                let clients = agreement.clients.joined(separator: ", ")
                let dates =
                    parsed.unreachable.contains(position) ? "  never applies (see the warning)" : dates(agreement, on: date)
                table.append(agreementRow(named(position), clients: clients, dates: dates, terms: agreement.terms))
            }
        }
        let heading =
            runner == nil
            ? "The agreements of the policy (terms in force on \(date) marked with *):\n"
            : "The terms of each client for a case registered on \(date):\n"
        return Outcome(text: heading + table.text, warnings: warnings, agreements: policy.agreements.count)
    }

    /// Three groups (urgency alta, media, baja), each the three impacts in the same order.
    static let matrixHeader = "P2–P4 hours: urgency alta · media · baja, each impact a/m/b"

    /// The OLAs of levels 1, 2 and 3, in hours, `—` for a level without one.
    static let olaHeader = "OLA hours: level 1 · 2 · 3"

    private static func agreementRow(_ name: String, clients: String, dates: String, terms: Terms) -> [String] {
        let saas = TermsText.hours(terms.p1(.saas).seconds) + " " + terms.p1(.saas).clock.rawValue
        let onPremise = TermsText.hours(terms.p1(.onPremise).seconds) + " " + terms.p1(.onPremise).clock.rawValue
        return [name, clients, dates, saas, onPremise] + columns(terms)
    }

    private static func columns(_ terms: Terms) -> [String] {
        let matrix =
            Grade.allCases.map { urgency in
                Grade.allCases.map { TermsText.number(terms.matrixSeconds(urgency: urgency, impact: $0)) }
                    .joined(separator: "/")
            }.joined(separator: " · ") + " h"
        return [
            matrix, terms.matrixClock.rawValue, "\(terms.atRiskPercent) %", "\(terms.acceptanceBusinessDays) business days",
            terms.complianceTargetPercent.map { "\(TermsText.percent($0)) %" } ?? "—",
            Terms.supportLevels.map { terms.ola(level: $0).map(TermsText.number) ?? "—" }.joined(separator: " · ")
        ]
    }

    private static func dates(_ agreement: Agreement, on date: LocalDate) -> String {
        let range =
            switch (agreement.from, agreement.until) {
            case (let from?, let until?): "\(from) to \(until)"
            case (let from?, nil): "from \(from)"
            case (nil, let until?): "until \(until)"
            case (nil, nil): "always"
            }
        return (agreement.contains(date) ? "* " : "  ") + range
    }
}

/// Columns of text, each as wide as its widest cell.
struct TextTable {
    private var rows: [[String]]

    init(_ header: [String]) { rows = [header] }

    mutating func append(_ row: [String]) { rows.append(row) }

    var text: String {
        let widths = rows[0].indices.map { column in rows.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
