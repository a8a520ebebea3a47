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
    /// The report folder whose files the messages attach: a message attaches only the files sla
    /// writes there for its period. The night and `sla report` set their own; nil is `reports`.
    public var reportsDirectory: String?

    public init(_ delivery: Installation.Delivery, timeout: Duration = .seconds(60), reportsDirectory: String? = nil) {
        self.delivery = delivery
        self.transport = SendmailTransport(program: delivery.sendmail, timeout: timeout)
        self.reportsDirectory = reportsDirectory
    }

    /// The night's breach list for `daily_to`, or nil when nobody is to get it.
    func dailyMessage(_ outcome: NightlyJob.Outcome, lists: DailyLists, breachWorkbook: String) -> CaseStore.OutboxMessage? {
        guard !delivery.dailyTo.isEmpty else { return nil }
        let date = outcome.asOf.localDate
        let lines = DailyMailHTML.lines(lists)
        return CaseStore.OutboxMessage(
            kind: .daily, period: date.description,
            subject: MailTexts.dailySubject(date: date, counts: outcome.lists),
            body: MailTexts.dailyBody(asOf: outcome.asOf, counts: outcome.lists, evaluated: outcome.evaluated,
                                      closures: outcome.closed,
                                      dataProblems: outcome.problems.count + outcome.unclassified.count),
            attachments: [Self.absolute(breachWorkbook)],
            figures: MailFiguresCoding.encode(DailyMailFigures(
                asOf: outcome.asOf.secondsSince1970, evaluated: outcome.evaluated, breached: outcome.lists.breached,
                breachedAndStopped: outcome.lists.breachedAndStopped,
                breachedWaitingOnClient: outcome.lists.breachedWaitingOnClient,
                atRisk: outcome.lists.atRisk, dueToday: outcome.lists.dueToday, closures: outcome.closures.count,
                dataProblems: outcome.problems.count + outcome.unclassified.count,
                commitmentsMissed: outcome.lists.commitmentsMissed, commitmentsDueToday: outcome.lists.commitmentsDueToday,
                attention: lines.attention.map(DailyMailFigures.Line.init),
                solution: lines.solution.map(DailyMailFigures.Line.init))))
    }

    /// One message per KAM whose report was written, when `monthly_to_kams` is set.
    func monthlyMessages(_ outcome: MonthlyReportJob.Outcome) -> [CaseStore.OutboxMessage] {
        guard delivery.monthlyToKAMs else { return [] }
        return outcome.written.map { kam in
            CaseStore.OutboxMessage(
                kind: .monthly, period: outcome.month.description, kamID: kam.kamID,
                subject: MailTexts.monthlySubject(month: outcome.month, kamName: kam.kamName),
                body: MailTexts.monthlyBody(month: outcome.month, clients: kam.clients, total: kam.total,
                                            commitments: kam.commitments, commitmentTotal: kam.commitmentTotal,
                                            attachments: kam.workbooks.map { URL(fileURLWithPath: $0).lastPathComponent }),
                attachments: kam.workbooks.map(Self.absolute),
                figures: MailFiguresCoding.encode(MonthlyMailFigures(
                    clients: kam.clients.map { MonthlyMailFigures.Client($0, commitments: kam.commitments[$0.clientID] ?? .init()) },
                    total: .init(kam.total, commitments: kam.commitmentTotal))))
        }
    }

    /// The outbox keeps absolute paths: `sla deliver` may run from another folder than the night.
    static func absolute(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }

    /// Records `prepared` in the outbox, then sends every message not delivered yet.
    func deliver(_ prepared: [CaseStore.OutboxMessage], context: JobRunner.Context) throws(SLAError) -> DeliveryOutcome {
        try storeCall { () throws(StoreError) in try context.store.prepare(prepared, at: context.now(), runID: context.runID) }
        return try sendWaiting(context: context)
    }

    /// Records the deliveries an earlier run made but could not record, before the outbox is read:
    /// none is sent twice.
    static func recordEarlierDeliveries(context: JobRunner.Context) throws(SLAError) {
        let pending = UnrecordedDeliveries(beside: context.store.path)
        for item in pending.read() {
            try storeCall { () throws(StoreError) in
                try context.store.recordDelivery(of: item.key, at: item.at, runID: context.runID, to: item.recipients)
            }
            context.logger.notice("recorded the delivery of \(item.key) at \(item.at), which an earlier run could not record")
        }
        pending.remove()
    }

    /// Sends every message of the outbox not delivered yet.
    func sendWaiting(context: JobRunner.Context) throws(SLAError) -> DeliveryOutcome {
        try Self.recordEarlierDeliveries(context: context)
        let waiting = try storeCall { () throws(StoreError) in try context.store.undeliveredMessages() }
        return try send(waiting, context: context)
    }

    /// Sends `messages` (delivered before or not), recording each delivery and each failure.
    func send(_ messages: [CaseStore.OutboxMessage], context: JobRunner.Context) throws(SLAError) -> DeliveryOutcome {
        var outcome = DeliveryOutcome()
        let logger = context.logger
        var relayDown: String?
        let installationID = try storeCall { () throws(StoreError) in try context.store.installationID() }
        // Under the run lock: a scratch folder beside the database is a killed run's.
        SendmailTransport.removeScratch(beside: context.store.path)
        /// Messages the program took whose delivery the database could not record yet.
        var unrecorded: [(key: String, at: Instant, recipients: [String], error: StoreError)] = []
        // However the run ends (the database refusing the next write too), they are kept beside
        // the database until a run can record them: the next run records them before it sends
        // anything, so none is sent twice.
        defer {
            if !unrecorded.isEmpty {
                UnrecordedDeliveries(beside: context.store.path).write(unrecorded.map { ($0.key, $0.at, $0.recipients) })
            }
        }
        for message in messages {
            if let relayDown {
                try fail(message, "not tried: \(relayDown); the next run or sla deliver sends it", outcome: &outcome, context: context)
                continue
            }
            switch compose(message, store: context.store, now: context.now(), installationID: installationID) {
            case let .skipped(reason):
                logger.info("message \(message.key) is not sent: \(reason)")
                outcome.skipped.append(message.key)
            case let .failure(reason):
                try fail(message, reason, outcome: &outcome, context: context)
            case let .success(mail):
                let recipients = mail.to.map(\.address)
                switch transport.send(mail.text, from: mail.from.address, to: recipients, beside: context.store.path) {
                case let .failure(failure):
                    try fail(message, "not delivered: \(failure.description); the next run or sla deliver sends it",
                             outcome: &outcome, context: context)
                    if failure.relayDown { relayDown = failure.description }
                case .success:
                    // Said before it is recorded: whatever happens to the database next, the log
                    // says the program took it.
                    let size = mail.attachments.reduce(0) { $0 + $1.bytes.count }
                    logger.notice("""
                        sent \(message.key)\(message.deliveries > 0 ? " again" : "") to \(recipients.joined(separator: ", ")): \
                        \(mail.attachments.count) attachment\(mail.attachments.count == 1 ? "" : "s"), \(size / 1024) KiB
                        """)
                    outcome.sent.append(message.key)
                    let at = context.now()
                    do {
                        try context.store.recordDelivery(of: message.key, at: at, runID: context.runID, to: recipients)
                    } catch {
                        logger.error("""
                            \(message.key) was handed to the sendmail program at \(at), but the database could not record \
                            it yet (\(error.message)): it is recorded as soon as the database allows
                            """)
                        unrecorded.append((message.key, at, recipients, error))
                    }
                }
            }
            // A database that was busy a moment ago may be free now: record what it could not.
            unrecorded = unrecorded.filter { item in
                (try? context.store.recordDelivery(of: item.key, at: item.at, runID: context.runID, to: item.recipients)) == nil
            }
        }
        if let first = unrecorded.first {
            let file = UnrecordedDeliveries(beside: context.store.path)
            let keys = unrecorded.map(\.key)
            let kept = file.write(unrecorded.map { ($0.key, $0.at, $0.recipients) })
            unrecorded = []  // written: not again by the defer
            var error = SLAError(first.error)
            error.message = "sent but not recorded as delivered: \(keys.joined(separator: ", ")) "
                + "(the sendmail program took them); "
                + (kept ? "kept in \(file.path), which the next run records before it sends anything: "
                    : "\(file.path) could not be written either: a rerun would send them again: ")
                + error.message
            throw error
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

    /// The message as it is sent now, rebuilt: the subject and body from its figures with sla's
    /// own texts, the recipients of today, and only the files sla writes for its period under the
    /// report folder. Whatever else the outbox holds (it is a table any program writing the
    /// database can write) is not sent: a data problem.
    func compose(_ message: CaseStore.OutboxMessage, store: CaseStore, now: Instant, installationID: String = "") -> Composed {
        guard let from = MailAddress(parsing: delivery.from) else {
            return .failure("delivery.from '\(Finding.printable(delivery.from))' is not an address")
        }
        guard message.key == CaseStore.OutboxMessage.key(message.kind, message.period, kamID: message.kamID) else {
            return .failure("the outbox row's kind, period and KAM do not make its key: it was not prepared by sla; not sent")
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
            case let .failure(problem): return .failure(problem.explanation)
            }
        }
        let paths: [String]
        switch allowedAttachments(message) {
        case let .success(found): paths = found
        case let .failure(problem): return .failure(problem.explanation)
        }
        var attachments: [MailMessage.Attachment] = []
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else {
                return .failure("its attachment \(path) cannot be read: rerun the command that writes it, then sla deliver")
            }
            attachments.append(.workbook(URL(fileURLWithPath: path).lastPathComponent, bytes: [UInt8](data)))
        }
        let rebuilt: (subject: String, body: String, html: String?)
        switch rebuild(message, kamName: to.first?.name ?? message.kamID ?? "", attachments: attachments.map(\.fileName),
                       store: store) {
        case let .success(texts): rebuilt = texts
        case let .failure(problem): return .failure(problem.explanation)
        }
        // A resend on purpose is a new message; a retry after a failure is the same one, so a mail
        // system can drop the copy of a message the program had taken after all. The installation's
        // random id keeps two installations' messages apart.
        let identity = installationID + " " + message.key + (message.deliveries > 0 ? " sent again \(message.deliveries)" : "")
        return .success(MailMessage(from: from, to: to, subject: rebuilt.subject, body: rebuilt.body, html: rebuilt.html,
                                    attachments: attachments, date: now, identity: identity))
    }

    /// The subject, body and (for the morning's message) HTML part from the message's figures.
    func rebuild(_ message: CaseStore.OutboxMessage, kamName: String, attachments: [String],
                 store: CaseStore) -> Result<(subject: String, body: String, html: String?), Finding>
    {
        let notPrepared = Finding(.message(key: message.key), """
            its figures are missing or not sla's (an outbox row sla did not prepare, or one an earlier version \
            prepared): not sent; rerun the command that writes its files (sla nightly --as-of for that night, \
            sla report --month for that month), then sla deliver
            """)
        switch message.kind {
        case .daily:
            guard let date = LocalDate(iso8601: Substring(message.period)),
                  let figures = MailFiguresCoding.decode(DailyMailFigures.self, message.figures), figures.isSensible,
                  Instant(secondsSince1970: figures.asOf).localDate == date
            else { return .failure(notPrepared) }
            let asOf = Instant(secondsSince1970: figures.asOf)
            return .success((MailTexts.dailySubject(date: date, counts: figures.counts),
                             MailTexts.dailyBody(asOf: asOf, counts: figures.counts, evaluated: figures.evaluated,
                                                 closures: figures.closures, dataProblems: figures.dataProblems),
                             DailyMailHTML.page(asOf: asOf, counts: figures.counts, evaluated: figures.evaluated,
                                                closures: figures.closures, dataProblems: figures.dataProblems,
                                                attention: figures.attention.map(\.line),
                                                solution: figures.solution.map(\.line))))
        case .monthly:
            guard let month = ReportMonth(message.period),
                  let figures = MailFiguresCoding.decode(MonthlyMailFigures.self, message.figures), figures.isSensible
            else { return .failure(notPrepared) }
            let names: [String: String]
            do {
                names = try store.clientNames(figures.clients.map(\.id))
            } catch {
                return .failure(Finding(.message(key: message.key), "its clients' names cannot be read: \(error.message)"))
            }
            // A name is data: shown on one line, whatever it holds.
            let clients = figures.clients.map { $0.figures(named: Finding.printable(names[$0.id] ?? $0.id)) }
            let commitments = Dictionary(figures.clients.map { ($0.id, $0.commitments) }, uniquingKeysWith: { first, _ in first })
            let body = MailTexts.greeting(kamName)
                + MailTexts.monthlyBody(month: month, clients: clients, total: figures.total.figures(named: ""),
                                        commitments: commitments, commitmentTotal: figures.total.commitments,
                                        attachments: attachments)
            return .success((MailTexts.monthlySubject(month: month, kamName: kamName), body, nil))
        }
    }

    /// The message's attachments when each is a file sla writes for the message's period under
    /// the report folder (`daily/D/breaches.xlsx`; `monthly/M/<kam>.xlsx` and the KAM's clients'
    /// workbooks `monthly/M/<kam>/clientes/*.xlsx`), compared after resolving every link.
    func allowedAttachments(_ message: CaseStore.OutboxMessage) -> Result<[String], Finding> {
        let reports = reportsDirectory ?? "reports"
        let root = DatabaseFiles.resolved(reports)
        var paths: [String] = []
        if message.kind == .daily, message.attachments.count != 1 {
            return .failure(Finding(.message(key: message.key), "its attachments are not the night's breaches.xlsx alone: not sent"))
        }
        for path in message.attachments {
            let resolved = DatabaseFiles.resolved(path)
            let allowed: Bool
            switch message.kind {
            case .daily:
                allowed = resolved == "\(root)/daily/\(message.period)/breaches.xlsx"
            case .monthly:
                let kam = ReportFileName.name(for: message.kamID ?? "")
                let month = "\(root)/monthly/\(message.period)/"
                let clients = month + kam + "/clientes/"
                allowed = resolved == month + kam + ".xlsx"
                    || (resolved.hasPrefix(clients) && resolved.hasSuffix(".xlsx") && !resolved.dropFirst(clients.count).contains("/"))
            }
            var status = stat()
            let exists = stat(resolved, &status) == 0
            guard allowed, !message.period.contains("/"), !exists || status.st_mode & S_IFMT == S_IFREG else {
                return .failure(Finding(.message(key: message.key), """
                    its attachment \(Finding.printable(path)) is not a file sla writes for \(message.key) under the report \
                    folder \(reports): not sent (give sla deliver the --reports of the run that wrote it)
                    """))
            }
            paths.append(path)
        }
        return .success(paths)
    }

    /// The KAM's `kam_name <kam_email>` from their clients' rows: one e-mail, and a name and
    /// address that cannot break a header (SPEC §12).
    func kamRecipient(_ kamID: String, store: CaseStore) -> Result<MailAddress, Finding> {
        let found: CaseStore.KAMAddress?
        do {
            found = try store.kamAddress(kamID)
        } catch {
            return .failure(Finding(.kam(id: kamID), "the KAM's address cannot be read: \(error.message)"))
        }
        guard let kam = found else {
            return .failure(Finding(.kam(id: kamID), "the database no longer knows KAM \(Finding.printable(kamID))"))
        }
        let emails = kam.emails.filter { !$0.email.isEmpty }
        guard emails.count == 1, let email = emails.first?.email else {
            if emails.isEmpty {
                return .failure(Finding(.kam(id: kamID), "KAM \(Finding.printable(kamID)) has no kam_email in clients.csv: import it"))
            }
            let which = kam.emails.map { "\(Finding.printable($0.email.isEmpty ? "(none)" : $0.email)) (\($0.clients.map { Finding.printable($0) }.joined(separator: ", ")))" }
            return .failure(Finding(.kam(id: kamID), """
                the clients of KAM \(Finding.printable(kamID)) give different e-mails: \(which.joined(separator: "; ")); \
                correct clients.csv and import it, then sla deliver
                """))
        }
        // Every row's name, not only the one kept: whichever row the import read last.
        for name in [kam.name] + kam.names {
            if let problem = MailAddress.problem(name: name, address: email) {
                return .failure(Finding(.kam(id: kamID), "KAM \(Finding.printable(kamID))'s name or e-mail \(problem): "
                                                       + "'\(Finding.printable(name))' <\(Finding.printable(email))>; "
                                                       + "correct clients.csv and import it, then sla deliver"))
            }
        }
        guard let address = MailAddress(name: kam.name, address: email) else {
            return .failure(Finding(.kam(id: kamID), "KAM \(Finding.printable(kamID))'s e-mail is not an address"))
        }
        return .success(address)
    }
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
