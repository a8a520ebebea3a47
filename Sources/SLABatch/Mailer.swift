import Foundation
import Logging
public import SLAConfig
public import SLACore
import SLAReports
public import SLAStore

/// The deliveries of SPEC §12: the messages a run prepares go to the outbox, then every message
/// the outbox has not delivered is handed to the sendmail program, one at a time, each recorded
/// the moment the program took it.
///
/// A message that cannot be sent — the program failed, an attachment is gone, a KAM's address is
/// a data problem — is a finding of the run (exit 1) and stays in the outbox for the next run or
/// `sla deliver`; the other messages are sent.
public struct Mailer: Sendable {
    public var delivery: Installation.Delivery
    public var transport: SendmailTransport

    public init(_ delivery: Installation.Delivery, timeout: Duration = .seconds(60)) {
        self.delivery = delivery
        self.transport = SendmailTransport(program: delivery.sendmail, timeout: timeout)
    }

    /// The night's breach list for `daily_to`, or nil when nobody is to get it.
    func dailyMessage(_ outcome: NightlyJob.Outcome, breachWorkbook: String) -> CaseStore.OutboxMessage? {
        guard !delivery.dailyTo.isEmpty else { return nil }
        let date = outcome.asOf.localDate
        return CaseStore.OutboxMessage(
            kind: .daily, period: date.description,
            subject: MailTexts.dailySubject(date: date, counts: outcome.lists),
            body: MailTexts.dailyBody(asOf: outcome.asOf, counts: outcome.lists, evaluated: outcome.evaluated,
                                      closures: outcome.closed,
                                      dataProblems: outcome.problems.count + outcome.unclassified.count),
            attachments: [Self.absolute(breachWorkbook)])
    }

    /// One message per KAM whose report was written, when `monthly_to_kams` is set.
    func monthlyMessages(_ outcome: MonthlyReportJob.Outcome) -> [CaseStore.OutboxMessage] {
        guard delivery.monthlyToKAMs else { return [] }
        return outcome.written.map { kam in
            CaseStore.OutboxMessage(
                kind: .monthly, period: outcome.month.description, kamID: kam.kamID,
                subject: MailTexts.monthlySubject(month: outcome.month, kamName: kam.kamName),
                body: MailTexts.monthlyBody(month: outcome.month, clients: kam.clients, total: kam.total,
                                            attachments: kam.workbooks.map { URL(fileURLWithPath: $0).lastPathComponent }),
                attachments: kam.workbooks.map(Self.absolute))
        }
    }

    /// The outbox keeps absolute paths: `sla deliver` may run from another folder than the night.
    static func absolute(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }

    /// Records `prepared` in the outbox, then sends every message not delivered yet.
    func deliver(_ prepared: [CaseStore.OutboxMessage], context: JobRunner.Context) throws(SLAError) -> DeliveryOutcome {
        try storeCall { () throws(StoreError) in try context.store.prepare(prepared, at: context.now(), runID: context.runID) }
        return try sendWaiting(context: context)
    }

    /// Sends every message of the outbox not delivered yet.
    func sendWaiting(context: JobRunner.Context) throws(SLAError) -> DeliveryOutcome {
        let waiting = try storeCall { () throws(StoreError) in try context.store.undeliveredMessages() }
        return try send(waiting, context: context)
    }

    /// Sends `messages` (delivered before or not), recording each delivery and each failure.
    func send(_ messages: [CaseStore.OutboxMessage], context: JobRunner.Context) throws(SLAError) -> DeliveryOutcome {
        var outcome = DeliveryOutcome()
        let logger = context.logger
        var relayDown: String?
        for message in messages {
            if let relayDown {
                try fail(message, "not tried: \(relayDown); the next run or sla deliver sends it", outcome: &outcome, context: context)
                continue
            }
            switch compose(message, store: context.store, now: context.now()) {
            case let .skipped(reason):
                logger.info("message \(message.key) is not sent: \(reason)")
                outcome.skipped.append(message.key)
            case let .failure(reason):
                try fail(message, reason, outcome: &outcome, context: context)
            case let .success(mail):
                let recipients = mail.to.map(\.address)
                switch transport.send(mail.text, from: mail.from.address, to: recipients) {
                case let .failure(failure):
                    try fail(message, "not delivered: \(failure.description); the next run or sla deliver sends it",
                             outcome: &outcome, context: context)
                    if failure.relayDown { relayDown = failure.description }
                case .success:
                    try storeCall { () throws(StoreError) in
                        try context.store.recordDelivery(of: message.key, at: context.now(), runID: context.runID, to: recipients)
                    }
                    let size = mail.attachments.reduce(0) { $0 + $1.bytes.count }
                    logger.notice("""
                        sent \(message.key)\(message.deliveries > 0 ? " again" : "") to \(recipients.joined(separator: ", ")): \
                        \(mail.attachments.count) attachment\(mail.attachments.count == 1 ? "" : "s"), \(size / 1024) KiB
                        """)
                    outcome.sent.append(message.key)
                }
            }
        }
        return outcome
    }

    private func fail(_ message: CaseStore.OutboxMessage, _ reason: String, outcome: inout DeliveryOutcome,
                      context: JobRunner.Context) throws(SLAError)
    {
        let finding = Finding(.message(key: message.key), reason)
        context.logger.error("\(finding)")
        outcome.failed.append(finding)
        try storeCall { () throws(StoreError) in try context.store.recordFailure(of: message.key, reason: reason) }
    }

    enum Composed {
        case success(MailMessage)
        /// A data problem or a missing file: not sent, a finding.
        case failure(String)
        /// Nobody is to get this kind of message any more (the installation file changed).
        case skipped(String)
    }

    /// The message as it is sent now: the outbox's subject, body and files, the recipients of today.
    func compose(_ message: CaseStore.OutboxMessage, store: CaseStore, now: Instant) -> Composed {
        guard let from = MailAddress(parsing: delivery.from) else {
            return .failure("delivery.from '\(Finding.printable(delivery.from))' is not an address")
        }
        var to: [MailAddress] = []
        switch message.kind {
        case .daily:
            guard !delivery.dailyTo.isEmpty else { return .skipped("the installation file has no delivery.daily_to") }
            for text in delivery.dailyTo {
                guard let address = MailAddress(parsing: text) else {
                    return .failure("delivery.daily_to '\(Finding.printable(text))' is not an address")
                }
                to.append(address)
            }
        case .monthly:
            guard delivery.monthlyToKAMs else { return .skipped("delivery.monthly_to_kams is not true") }
            switch kamRecipient(message.kamID ?? "", store: store) {
            case let .success(address): to = [address]
            case let .failure(problem): return .failure(problem.description)
            }
        }
        var subject = message.subject, body = message.body
        // The KAM's name as it is now, corrected since the run or not: in the subject and greeting.
        if message.kind == .monthly, let month = ReportMonth(message.period) {
            let name = to.first?.name ?? message.kamID ?? ""
            subject = MailTexts.monthlySubject(month: month, kamName: name)
            body = MailTexts.greeting(name) + body
        }
        var attachments: [MailMessage.Attachment] = []
        for path in message.attachments {
            guard let data = FileManager.default.contents(atPath: path) else {
                return .failure("its attachment \(path) cannot be read: rerun the command that writes it, then sla deliver")
            }
            attachments.append(.workbook(URL(fileURLWithPath: path).lastPathComponent, bytes: [UInt8](data)))
        }
        // A resend on purpose is a new message; a retry after a failure is the same one, so a mail
        // system can drop the copy of a message the program had taken after all.
        let identity = message.key + (message.deliveries > 0 ? " sent again \(message.deliveries)" : "")
        return .success(MailMessage(from: from, to: to, subject: subject, body: body,
                                    attachments: attachments, date: now, identity: identity))
    }

    /// The KAM's `kam_name <kam_email>` from their clients' rows: one e-mail, and a name and
    /// address that cannot break a header (SPEC §12).
    func kamRecipient(_ kamID: String, store: CaseStore) -> Result<MailAddress, MailAddressProblem> {
        let found: CaseStore.KAMAddress?
        do {
            found = try store.kamAddress(kamID)
        } catch {
            return .failure(MailAddressProblem("the KAM's address cannot be read: \(error.message)"))
        }
        guard let kam = found else {
            return .failure(MailAddressProblem("the database no longer knows KAM \(Finding.printable(kamID))"))
        }
        let emails = kam.emails.filter { !$0.email.isEmpty }
        guard emails.count == 1, let email = emails.first?.email else {
            if emails.isEmpty {
                return .failure(MailAddressProblem("KAM \(Finding.printable(kamID)) has no kam_email in clients.csv: import it"))
            }
            let which = kam.emails.map { "\(Finding.printable($0.email.isEmpty ? "(none)" : $0.email)) (\($0.clients.map { Finding.printable($0) }.joined(separator: ", ")))" }
            return .failure(MailAddressProblem("""
                the clients of KAM \(Finding.printable(kamID)) give different e-mails: \(which.joined(separator: "; ")); \
                correct clients.csv and import it, then sla deliver
                """))
        }
        // Every row's name, not only the one kept: whichever row the import read last.
        for name in [kam.name] + kam.names {
            if let problem = MailAddress.problem(name: name, address: email) {
                return .failure(MailAddressProblem("KAM \(Finding.printable(kamID))'s name or e-mail \(problem): "
                                                       + "'\(Finding.printable(name))' <\(Finding.printable(email))>; "
                                                       + "correct clients.csv and import it, then sla deliver"))
            }
        }
        guard let address = MailAddress(name: kam.name, address: email) else {
            return .failure(MailAddressProblem("KAM \(Finding.printable(kamID))'s e-mail is not an address"))
        }
        return .success(address)
    }
}

/// Why a message has no address to go to.
struct MailAddressProblem: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// What a run sent.
public struct DeliveryOutcome: Sendable {
    /// The messages the sendmail program took, by key.
    public var sent: [String] = []
    /// The messages not sent, and why.
    public var failed: [Finding] = []
    /// Messages waiting for a kind of delivery the installation file no longer asks for.
    public var skipped: [String] = []

    public var summaryLine: String {
        var parts = ["sent \(sent.count) message\(sent.count == 1 ? "" : "s")" + (sent.isEmpty ? "" : " (\(sent.joined(separator: ", ")))")]
        if !failed.isEmpty {
            parts.append("\(failed.count) not sent (" + failed.map { source in
                if case let .message(key) = source.source { return key }
                return source.source.description
            }.joined(separator: ", ") + "; see the log)")
        }
        return parts.joined(separator: ", ")
    }
}

extension DeliveryOutcome: JobOutcome {
    public var findings: [Finding] { failed }
    public var files: [String] { [] }
}
