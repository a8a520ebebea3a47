import Foundation
import Logging
import SLAConfig
public import SLACore
import SLAMail
import SLAStore

/// The outbox side of the deliveries (SPEC §12): the messages a night and a month's reports prepare,
/// recorded in the outbox, then every message the outbox has not delivered handed to the sendmail
/// program one at a time, each recorded the moment the program took it — under the run lock, as a
/// job's step.
extension Mailer {
    /// The night's breach list for `daily_to`, or nil when nobody is to get it.
    func dailyMessage(_ outcome: NightlyJob.Outcome, lists: DailyLists, breachWorkbook: String) -> CaseStore.OutboxMessage? {
        guard !delivery.dailyTo.isEmpty else { return nil }
        let date = outcome.asOf.localDate
        let lines = DailyMailHTML.lines(lists)
        return CaseStore.OutboxMessage(
            kind: .daily, period: date.description,
            subject: MailTexts.dailySubject(date: date, counts: outcome.lists),
            body: MailTexts.dailyBody(
                asOf: outcome.asOf, counts: outcome.lists, evaluated: outcome.evaluated,
                closures: outcome.closed,
                dataProblems: outcome.problems.count + outcome.unclassified.count),
            attachments: [Self.absolute(breachWorkbook)],
            figures: MailFiguresCoding.encode(
                DailyMailFigures(
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
                body: MailTexts.monthlyBody(
                    month: outcome.month, clients: kam.clients, total: kam.total,
                    commitments: kam.commitments, commitmentTotal: kam.commitmentTotal,
                    attachments: kam.workbooks.map { URL(fileURLWithPath: $0).lastPathComponent }),
                attachments: kam.workbooks.map(Self.absolute),
                figures: MailFiguresCoding.encode(
                    MonthlyMailFigures(
                        clients: kam.clients.map {
                            MonthlyMailFigures.Client($0, commitments: kam.commitments[$0.clientID] ?? .init())
                        },
                        total: .init(kam.total, commitments: kam.commitmentTotal))))
        }
    }

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
                try fail(
                    message, "not tried: \(relayDown); the next run or sla deliver sends it", outcome: &outcome, context: context)
                continue
            }
            switch compose(message, store: context.store, now: context.now(), installationID: installationID) {
            case .skipped(let reason):
                logger.info("message \(message.key) is not sent: \(reason)")
                outcome.skipped.append(message.key)
            case .failure(let reason):
                try fail(message, reason, outcome: &outcome, context: context)
            case .success(let mail):
                let recipients = mail.to.map(\.address)
                switch transport.send(mail.text, from: mail.from.address, to: recipients, beside: context.store.path) {
                case .failure(let failure):
                    try fail(
                        message, "not delivered: \(failure.description); the next run or sla deliver sends it",
                        outcome: &outcome, context: context)
                    if failure.relayDown { relayDown = failure.description }
                case .success:
                    // Said before it is recorded: whatever happens to the database next, the log
                    // says the program took it.
                    let size = mail.attachments.reduce(0) { $0 + $1.bytes.count }
                    logger.notice(
                        """
                        sent \(message.key)\(message.deliveries > 0 ? " again" : "") to \(recipients.joined(separator: ", ")): \
                        \(mail.attachments.count) attachment\(mail.attachments.count == 1 ? "" : "s"), \(size / 1024) KiB
                        """)
                    outcome.sent.append(message.key)
                    let at = context.now()
                    do {
                        try context.store.recordDelivery(of: message.key, at: at, runID: context.runID, to: recipients)
                    } catch {
                        logger.error(
                            """
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
            error.message =
                "sent but not recorded as delivered: \(keys.joined(separator: ", ")) "
                + "(the sendmail program took them); "
                + (kept
                    ? "kept in \(file.path), which the next run records before it sends anything: "
                    : "\(file.path) could not be written either: a rerun would send them again: ")
                + error.message
            throw error
        }
        return outcome
    }

    private func fail(
        _ message: CaseStore.OutboxMessage, _ reason: String, outcome: inout DeliveryOutcome,
        context: JobRunner.Context
    ) throws(SLAError) {
        let finding = Finding(.message(key: message.key), reason)
        context.logger.error("\(finding)")
        outcome.failed.append(finding)
        try storeCall { () throws(StoreError) in try context.store.recordFailure(of: message.key, reason: reason) }
    }
}

/// What a run sent.
public struct DeliveryOutcome: Sendable {
    /// The messages the sendmail program took, by key.
    package var sent: [String] = []
    /// The messages not sent, and why.
    package var failed: [Finding] = []
    /// Messages waiting for a kind of delivery the installation file no longer asks for.
    package var skipped: [String] = []

    public var summaryLine: String {
        var parts = [
            "sent \(sent.count) message\(sent.count == 1 ? "" : "s")" + (sent.isEmpty ? "" : " (\(sent.joined(separator: ", ")))")
        ]
        if !failed.isEmpty {
            parts.append(
                "\(failed.count) not sent ("
                    + failed.map { source in
                        if case .message(let key) = source.source { return key }
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
