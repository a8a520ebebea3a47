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

        package init(kind: Kind, period: String, kamID: String? = nil, subject: String, body: String, attachments: [String],
                    figures: String? = nil)
        {
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
    }

    /// Records what a run wrote to be sent. A message prepared again (a rerun of the night, the
    /// month's reports rewritten) takes the new subject, body and files and keeps its delivery: a
    /// rerun sends nothing that was sent.
    package func prepare(_ messages: [OutboxMessage], at instant: Instant, runID: Int64?) throws(StoreError) {
        guard !messages.isEmpty else { return }
        try write("the outbox") { db in
            let statement = try db.makeStatement(sql: """
                INSERT INTO outbox (message, kind, period, kam_id, subject, body, attachments, prepared_at, prepared_by_run,
                    figures)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(message) DO UPDATE SET subject = excluded.subject, body = excluded.body,
                    attachments = excluded.attachments, prepared_at = excluded.prepared_at,
                    prepared_by_run = excluded.prepared_by_run, figures = excluded.figures
                """)
            for message in messages {
                try statement.execute(arguments: [
                    message.key, message.kind.rawValue, message.period, message.kamID, message.subject, message.body,
                    message.attachments.joined(separator: "\n"), instant.secondsSince1970, runID, message.figures,
                ])
            }
        }
    }

    /// The messages not delivered yet, oldest first.
    package func undeliveredMessages() throws(StoreError) -> [OutboxMessage] {
        try outbox(where: "delivered_at IS NULL", [])
    }

    /// The messages of one kind and period (a night's daily message, a month's KAM messages),
    /// delivered or not.
    package func messages(_ kind: OutboxMessage.Kind, period: String) throws(StoreError) -> [OutboxMessage] {
        try outbox(where: "kind = ? AND period = ?", [kind.rawValue, period])
    }

    private func outbox(where condition: String, _ arguments: StatementArguments) throws(StoreError) -> [OutboxMessage] {
        try read("the outbox") { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT message, kind, period, kam_id, subject, body, attachments, delivered_at, deliveries, figures
                FROM outbox WHERE \(condition) ORDER BY prepared_at, message
                """, arguments: arguments)
            return rows.compactMap { row -> OutboxMessage? in
                // A kind this version does not know (a newer sla wrote it) is left for that version.
                guard let kind = OutboxMessage.Kind(rawValue: CaseReading.text(row[1] as DatabaseValue)) else { return nil }
                let attachments = CaseReading.text(row[6] as DatabaseValue)
                var message = OutboxMessage(
                    kind: kind, period: CaseReading.text(row[2] as DatabaseValue),
                    kamID: (row[3] as DatabaseValue).isNull ? nil : CaseReading.text(row[3] as DatabaseValue),
                    subject: CaseReading.text(row[4] as DatabaseValue), body: CaseReading.text(row[5] as DatabaseValue),
                    attachments: attachments.isEmpty ? [] : attachments.split(separator: "\n").map(String.init))
                message.key = CaseReading.text(row[0] as DatabaseValue)
                message.deliveredAt = (row[7] as Int64?).map(Instant.init(secondsSince1970:))
                message.deliveries = Int(row[8] as Int64? ?? 0)
                message.figures = (row[9] as DatabaseValue).isNull ? nil : CaseReading.text(row[9] as DatabaseValue)
                return message
            }
        }
    }

    /// Records that the sendmail program took `key` for `recipients`: its own transaction, written
    /// right after the program answered, so that at worst a crash in between sends it twice.
    package func recordDelivery(of key: String, at instant: Instant, runID: Int64?, to recipients: [String]) throws(StoreError) {
        try write("the outbox") { db in
            try db.execute(sql: """
                UPDATE outbox SET delivered_at = ?, delivered_by_run = ?, delivered_to = ?, deliveries = deliveries + 1,
                    last_failure = NULL
                WHERE message = ?
                """, arguments: [instant.secondsSince1970, runID, recipients.joined(separator: ", "), key])
        }
    }

    /// Records why `key` was not sent this time; it stays undelivered.
    package func recordFailure(of key: String, reason: String) throws(StoreError) {
        try write("the outbox") { db in
            try db.execute(sql: "UPDATE outbox SET last_failure = ? WHERE message = ?", arguments: [reason, key])
        }
    }

    /// The installation's random id, salted into the Message-IDs; made now when a database lacks it
    /// (a row deleted by hand), so it is the same for every later message.
    package func installationID() throws(StoreError) -> String {
        try write("the installation's id") { db in
            let read = { () throws -> String? in
                try String.fetchOne(db, sql: "SELECT value FROM setting WHERE name = ?", arguments: [SettingRow.installationID])
            }
            if let id = try read(), !id.isEmpty { return id }
            try db.execute(sql: "INSERT OR REPLACE INTO setting (name, value) VALUES (?, ?)",
                           arguments: [SettingRow.installationID, SettingRow.newInstallationID()])
            return try read() ?? ""
        }
    }

    /// The names the database gives `clientIDs` now; a client it does not know is absent.
    package func clientNames(_ clientIDs: [String]) throws(StoreError) -> [String: String] {
        try read("the clients' names") { db in
            var names: [String: String] = [:]
            for id in clientIDs {
                if let name = try DatabaseValue.fetchOne(db, sql: "SELECT name FROM client WHERE id = ?", arguments: [id]) {
                    names[id] = CaseReading.text(name)
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
            guard let name = try DatabaseValue.fetchOne(db, sql: "SELECT name FROM kam WHERE id = ?", arguments: [kamID]) else {
                return nil
            }
            let rows = try Row.fetchAll(db, sql: """
                SELECT coalesce(client.kam_email, kam.email, ''), client.id, coalesce(client.kam_name, kam.name, '')
                FROM client JOIN kam ON kam.id = client.kam_id
                WHERE client.kam_id = ? ORDER BY 1, 2
                """, arguments: [kamID])
            var emails: [(email: String, clients: [String])] = []
            var names: [String] = []
            for row in rows {
                let email = CaseReading.text(row[0] as DatabaseValue), client = CaseReading.text(row[1] as DatabaseValue)
                if let last = emails.indices.last, emails[last].email == email {
                    emails[last].clients.append(client)
                } else {
                    emails.append((email, [client]))
                }
                let rowName = CaseReading.text(row[2] as DatabaseValue)
                if !names.contains(rowName) { names.append(rowName) }
            }
            return KAMAddress(kamID: kamID, name: CaseReading.text(name), names: names, emails: emails)
        }
    }
}
