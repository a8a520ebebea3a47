import Foundation
package import SLACore

/// What an outbox message is rebuilt from when it is sent: numbers and client ids, kept as JSON
/// in the outbox. The database is written by other programs by design, so nothing in the outbox
/// is sent as it is: the subject and body are rebuilt from these figures with sla's own texts,
/// the recipients come from the installation file (daily) or the clients' rows (monthly), and
/// only the files sla writes for the message's period are attached. Figures that do not decode,
/// or numbers out of any sensible range, are a data problem: the message is not sent.
package struct DailyMailFigures: Codable, Equatable {
    var asOf: Int64
    var evaluated: Int
    var breached: Int
    var breachedAndStopped: Int
    var breachedWaitingOnClient: Int
    var atRisk: Int
    var dueToday: Int
    var closures: Int
    var dataProblems: Int
    /// Solution commitments missed and unsolved, and due today.
    var commitmentsMissed: Int
    var commitmentsDueToday: Int
    /// The rows of the HTML part's two tables: the attention clocks and the solution commitments
    /// that fall due today. Text in them is escaped when the page is made.
    var attention: [Line]
    var solution: [Line]

    package init(
        asOf: Int64, evaluated: Int, breached: Int, breachedAndStopped: Int, breachedWaitingOnClient: Int,
        atRisk: Int, dueToday: Int, closures: Int, dataProblems: Int, commitmentsMissed: Int,
        commitmentsDueToday: Int, attention: [Line], solution: [Line]
    ) {
        self.asOf = asOf
        self.evaluated = evaluated
        self.breached = breached
        self.breachedAndStopped = breachedAndStopped
        self.breachedWaitingOnClient = breachedWaitingOnClient
        self.atRisk = atRisk
        self.dueToday = dueToday
        self.closures = closures
        self.dataProblems = dataProblems
        self.commitmentsMissed = commitmentsMissed
        self.commitmentsDueToday = commitmentsDueToday
        self.attention = attention
        self.solution = solution
    }

    package struct Line: Codable, Equatable {
        var caseID: String
        var client: String
        var due: Int64
        var assignee: String?
        var level: Int

        package init(_ line: DailyMailHTML.Line) {
            caseID = line.caseID
            client = line.client
            due = line.due.secondsSince1970
            assignee = line.assignee
            level = line.level
        }

        var line: DailyMailHTML.Line {
            DailyMailHTML.Line(
                caseID: caseID, client: client, due: Instant(secondsSince1970: due), assignee: assignee,
                level: level)
        }

        var isSensible: Bool { CalendarCoverage.contains(Instant(secondsSince1970: due)) && (1...3).contains(level) }
    }

    var counts: DailyLists.Counts {
        var counts = DailyLists.Counts()
        counts.breached = breached
        counts.breachedAndStopped = breachedAndStopped
        counts.breachedWaitingOnClient = breachedWaitingOnClient
        counts.atRisk = atRisk
        counts.dueToday = dueToday
        counts.commitmentsMissed = commitmentsMissed
        counts.commitmentsDueToday = commitmentsDueToday
        return counts
    }

    var isSensible: Bool {
        [
            evaluated, breached, breachedAndStopped, breachedWaitingOnClient, atRisk, dueToday, closures, dataProblems,
            commitmentsMissed, commitmentsDueToday
        ]
        .allSatisfy(MailFigureRange.count.contains) && CalendarCoverage.contains(Instant(secondsSince1970: asOf))
            && (attention + solution).allSatisfy(\.isSensible)
    }
}

package struct MonthlyMailFigures: Codable, Equatable {
    package struct Client: Codable, Equatable {
        var id: String
        var met: Int
        var breached: Int
        var target: Double?
        /// Solution commitments kept and missed in the month.
        var kept: Int
        var missed: Int

        package init(_ figures: ClientFigures, commitments: CommitmentFigures) {
            id = figures.clientID
            met = figures.met
            breached = figures.breached
            target = figures.terms.complianceTargetPercent
            kept = commitments.kept
            missed = commitments.missed
        }

        var isSensible: Bool {
            [met, breached, kept, missed].allSatisfy(MailFigureRange.count.contains)
                && target.map { $0.isFinite && (0...100).contains($0) } ?? true
        }

        var commitments: CommitmentFigures { CommitmentFigures(kept: kept, missed: missed) }

        func figures(named name: String) -> ClientFigures {
            var figures = ClientFigures(clientID: id, clientName: name)
            figures.met = met
            figures.breached = breached
            figures.terms.complianceTargetPercent = target
            return figures
        }
    }

    var clients: [Client]
    var total: Client

    package init(clients: [Client], total: Client) {
        self.clients = clients
        self.total = total
    }

    var isSensible: Bool { clients.allSatisfy(\.isSensible) && total.isSensible }
}

enum MailFigureRange {
    /// A count of cases: no desk has a trillion.
    static let count = 0...1_000_000_000_000
}

package enum MailFiguresCoding {
    package static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Strings and numbers only: encoding cannot fail; figures that do not decode are a finding.
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String?) -> T? {
        guard let text, text.utf8.count <= 10_000_000 else { return nil }
        return try? JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
