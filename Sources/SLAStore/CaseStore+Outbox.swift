import Foundation
import GRDB
package import SLACore

/// The outbox (Schema v7, SPEC §12): every message a run prepared, and whether the sendmail
/// program took it. Exactly once means: a message is recorded delivered right after the program
/// said so, in a transaction of its own, and only messages without that record are sent again.
extension CaseStore {
    /// One message of the outbox.
    package struct OutboxMessage: Sendable, Equatable {
        package enum Kind: String, Sendable {
            /// The supervisors' breach list of a night.
            case daily
            /// A KAM's workbooks of a month.
            case monthly
        }

        /// `daily 2026-11-24`, `monthly 2026-10 kam-ana`: what the message is, whoever sends it.
        package var key: String
        package var kind: Kind
        /// The night's date (`2026-11-24`) or the month (`2026-10`).
        package var period: String
        /// The KAM of a monthly message.
        package var kamID: String?
        package var subject: String
        package var body: String
        /// The files attached, absolute paths, in order.
        package var attachments: [String]
        /// The figures the subject and body are rebuilt from when it is sent (JSON); nil for a
        /// message an earlier version prepared.
        package var figures: String?
        /// When it was last delivered; nil while it waits.
        package var deliveredAt: Instant?
        /// How many times the sendmail program took it.
        package var deliveries: Int

        package init(
            kind: Kind, period: String, kamID: String? = nil, subject: String, body: String, attachments: [String],
            figures: String? = nil
        ) {
            self.key = Self.key(kind, period, kamID: kamID)
            self.kind = kind
            self.period = period
            self.kamID = kamID
            self.subject = subject
            self.body = body
            self.attachments = attachments
            self.figures = figures
            self.deliveredAt = nil
            self.deliveries = 0
        }

        package static func key(_ kind: Kind, _ period: String, kamID: String? = nil) -> String {
            [kind.rawValue, period, kamID].compactMap(\.self).joined(separator: " ")
        }

        /// The message `row` holds; nil for a kind this version does not know (a newer sla wrote
        /// it), which is left for that version.
        init?(row: OutboxRow) {
            guard let kind = Kind(rawValue: row.kind) else { return nil }
            self.init(
                kind: kind, period: row.period, kamID: row.kamID, subject: row.subject, body: row.body,
                attachments: row.attachments.isEmpty ? [] : row.attachments.split(separator: "\n").map(String.init),
                figures: row.figures)
            key = row.message
            deliveredAt = row.deliveredAt.map(Instant.init(secondsSince1970:))
            deliveries = Int(row.deliveries)
        }
    }

    /// Records what a run wrote to be sent. A message prepared again (a rerun of the night, the
    /// month's reports rewritten) takes the new subject, body and files and keeps its delivery: a
    /// rerun sends nothing that was sent.
    package func prepare(_ messages: [OutboxMessage], at instant: Instant, runID: Int64?) throws(StoreError) {
        guard !messages.isEmpty else { return }
        try write("the outbox") { db in
            let statement = try db.makeStatement(sql: OutboxRow.prepareSQL)
            for message in messages {
                let row = OutboxRow(
                    message: message.key, kind: message.kind.rawValue, period: message.period,
                    kamID: message.kamID, subject: message.subject, body: message.body,
                    attachments: message.attachments.joined(separator: "\n"),
                    preparedAt: instant.secondsSince1970, preparedByRun: runID, figures: message.figures)
                try statement.execute(arguments: StatementArguments(row.databaseDictionary))
            }
        }
    }

    /// The messages not delivered yet, oldest first.
    package func undeliveredMessages() throws(StoreError) -> [OutboxMessage] {
        try outbox(OutboxRow.filter(OutboxRow.Columns.deliveredAt == nil))
    }

    /// The messages of one kind and period (a night's daily message, a month's KAM messages),
    /// delivered or not.
    package func messages(_ kind: OutboxMessage.Kind, period: String) throws(StoreError) -> [OutboxMessage] {
        let outbox = OutboxRow.Columns.self
        return try self.outbox(OutboxRow.filter(outbox.kind == kind.rawValue && outbox.period == period))
    }

    private func outbox(_ request: QueryInterfaceRequest<OutboxRow>) throws(StoreError) -> [OutboxMessage] {
        try read("the outbox") { db in
            try request.order(OutboxRow.Columns.preparedAt, OutboxRow.Columns.message).fetchAll(db)
                .compactMap(OutboxMessage.init(row:))
        }
    }

    /// Records that the sendmail program took `key` for `recipients`: its own transaction, written
    /// right after the program answered, so that at worst a crash in between sends it twice.
    package func recordDelivery(of key: String, at instant: Instant, runID: Int64?, to recipients: [String]) throws(StoreError) {
        let outbox = OutboxRow.Columns.self
        try write("the outbox") { db in
            _ = try OutboxRow.filter(outbox.message == key).updateAll(
                db,
                [
                    outbox.deliveredAt.set(to: instant.secondsSince1970), outbox.deliveredByRun.set(to: runID),
                    outbox.deliveredTo.set(to: recipients.joined(separator: ", ")),
                    outbox.deliveries.set(to: outbox.deliveries + 1),
                    outbox.lastFailure.set(to: nil)
                ])
        }
    }

    /// Records why `key` was not sent this time; it stays undelivered.
    package func recordFailure(of key: String, reason: String) throws(StoreError) {
        let outbox = OutboxRow.Columns.self
        try write("the outbox") { db in
            _ = try OutboxRow.filter(outbox.message == key).updateAll(db, outbox.lastFailure.set(to: reason))
        }
    }

    /// The installation's random id, salted into the Message-IDs; made now when a database lacks it
    /// (a row deleted by hand), so it is the same for every later message.
    package func installationID() throws(StoreError) -> String {
        try write("the installation's id") { db in
            if let id = try SettingRow.value(of: SettingRow.installationID, db), !id.isEmpty { return id }
            try SettingRow.store(SettingRow.newInstallationID(), as: SettingRow.installationID, db)
            return try SettingRow.value(of: SettingRow.installationID, db) ?? ""
        }
    }

    /// The names the database gives `clientIDs` now; a client it does not know is absent.
    package func clientNames(_ clientIDs: [String]) throws(StoreError) -> [String: String] {
        try read("the clients' names") { db in
            var names: [String: String] = [:]
            for id in clientIDs {
                let request = ClientRow.select(ClientRow.Columns.name).filter(ClientRow.Columns.id == id)
                if let row = try request.asRequest(of: Row.self).fetchOne(db) {
                    names[id] = CaseReading.text(row[ClientRow.Columns.name] as DatabaseValue)
                }
            }
            return names
        }
    }

    /// A KAM's name, the names every client's row gives them, and the e-mails those rows give,
    /// each with the clients that gave it.
    package struct KAMAddress: Sendable {
        package var kamID: String
        package var name: String
        package var names: [String]
        package var emails: [(email: String, clients: [String])]
    }

    /// `kamID`'s name and e-mails, nil when the database does not know the KAM.
    package func kamAddress(_ kamID: String) throws(StoreError) -> KAMAddress? {
        try read("the KAM's e-mail") { db in
            let kam = KAMRow.Columns.self
            guard let kamRow = try KAMRow.select(kam.name).filter(kam.id == kamID).asRequest(of: Row.self).fetchOne(db) else {
                return nil
            }
            let name = CaseReading.text(kamRow[kam.name] as DatabaseValue)
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT coalesce(client.kam_email, kam.email, '') AS email, client.id AS client,
                        coalesce(client.kam_name, kam.name, '') AS name
                    FROM client JOIN kam ON kam.id = client.kam_id
                    WHERE client.kam_id = ? ORDER BY 1, 2
                    """, arguments: [kamID])
            var emails: [(email: String, clients: [String])] = []
            var names: [String] = []
            for row in rows {
                let email = CaseReading.text(row["email"] as DatabaseValue)
                let client = CaseReading.text(row["client"] as DatabaseValue)
                if let last = emails.indices.last, emails[last].email == email {
                    emails[last].clients.append(client)
                } else {
                    emails.append((email, [client]))
                }
                let rowName = CaseReading.text(row["name"] as DatabaseValue)
                if !names.contains(rowName) { names.append(rowName) }
            }
            return KAMAddress(kamID: kamID, name: name, names: names, emails: emails)
        }
    }
}
