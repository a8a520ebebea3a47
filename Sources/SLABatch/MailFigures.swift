import Foundation
import SLACore

/// What an outbox message is rebuilt from when it is sent: numbers and client ids, kept as JSON
/// in the outbox. The database is written by other programs by design, so nothing in the outbox
/// is sent as it is: the subject and body are rebuilt from these figures with sla's own texts,
/// the recipients come from the installation file (daily) or the clients' rows (monthly), and
/// only the files sla writes for the message's period are attached. Figures that do not decode,
/// or numbers out of any sensible range, are a data problem: the message is not sent.
struct DailyMailFigures: Codable, Equatable {
    var asOf: Int64
    var evaluated: Int
    var breached: Int
    var breachedAndStopped: Int
    var breachedWaitingOnClient: Int
    var atRisk: Int
    var dueToday: Int
    var closures: Int
    var dataProblems: Int

    var counts: DailyLists.Counts {
        var counts = DailyLists.Counts()
        counts.breached = breached
        counts.breachedAndStopped = breachedAndStopped
        counts.breachedWaitingOnClient = breachedWaitingOnClient
        counts.atRisk = atRisk
        counts.dueToday = dueToday
        return counts
    }

    var isSensible: Bool {
        [evaluated, breached, breachedAndStopped, breachedWaitingOnClient, atRisk, dueToday, closures, dataProblems]
            .allSatisfy(MailFigureRange.count.contains) && CalendarCoverage.contains(Instant(secondsSince1970: asOf))
    }
}

struct MonthlyMailFigures: Codable, Equatable {
    struct Client: Codable, Equatable {
        var id: String
        var met: Int
        var breached: Int
        var target: Double?

        init(_ figures: ClientFigures) {
            id = figures.clientID
            met = figures.met
            breached = figures.breached
            target = figures.terms.complianceTargetPercent
        }

        var isSensible: Bool {
            MailFigureRange.count.contains(met) && MailFigureRange.count.contains(breached)
                && target.map { $0.isFinite && (0...100).contains($0) } ?? true
        }

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

    var isSensible: Bool { clients.allSatisfy(\.isSensible) && total.isSensible }
}

enum MailFigureRange {
    /// A count of cases: no desk has a trillion.
    static let count = 0...1_000_000_000_000
}

enum MailFiguresCoding {
    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String?) -> T? {
        guard let text, text.utf8.count <= 10_000_000 else { return nil }
        return try? JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
