import Logging
public import SLACore
public import SLAMail
import SLAStore

/// `sla deliver`: the outbox's messages not delivered yet — after the transport or an address
/// was fixed — or, with `--resend`, one night's or one month's messages again (SPEC §12).
public enum DeliverJob {
    public struct Request: Sendable {
        /// Only the daily message of this night.
        package var date: LocalDate?
        /// Only the KAM messages of this month.
        package var month: ReportMonth?
        /// Send them even when they were delivered.
        package var resend: Bool

        /// The report folder whose files the messages attach (nil: the mailer's, else `reports`).
        package var reportsDirectory: String?

        public init(date: LocalDate? = nil, month: ReportMonth? = nil, resend: Bool = false, reportsDirectory: String? = nil) {
            self.date = date
            self.month = month
            self.resend = resend
            self.reportsDirectory = reportsDirectory
        }
    }

    public static func run(_ request: Request, mailer: Mailer, runner: JobRunner) throws(SLAError) -> DeliveryOutcome {
        var mailer = mailer
        if let reports = request.reportsDirectory { mailer.reportsDirectory = reports }
        if request.date != nil, request.month != nil {
            throw SLAError(.invalidOption, "a date and a month choose different messages: give one of them")
        }
        if request.resend, request.date == nil, request.month == nil {
            throw SLAError(.invalidOption, "a resend sends delivered messages again: say which with a date or a month")
        }
        return try runner.write("deliver", asOf: nil) { context throws(SLAError) in
            let store = context.store
            try Mailer.recordEarlierDeliveries(context: context)
            var messages: [CaseStore.OutboxMessage]
            if let date = request.date {
                messages = try storeCall { () throws(StoreError) in try store.messages(.daily, period: date.description) }
                if messages.isEmpty {
                    throw SLAError(
                        .messageNotPrepared,
                        """
                        no daily message of \(date) was prepared: the night of \(date) ran without delivery.daily_to, or \
                        did not run; run sla nightly --as-of for that night with the installation file
                        """)
                }
            } else if let month = request.month {
                messages = try storeCall { () throws(StoreError) in try store.messages(.monthly, period: month.description) }
                if messages.isEmpty {
                    throw SLAError(
                        .messageNotPrepared,
                        """
                        no KAM message of \(month) was prepared: its reports were written without \
                        delivery.monthly_to_kams; run sla report --month \(month) with the installation file
                        """)
                }
            } else {
                messages = try storeCall { () throws(StoreError) in try store.undeliveredMessages() }
            }
            if !request.resend {
                let delivered = messages.filter { $0.deliveredAt != nil }
                for message in delivered {
                    context.logger.notice(
                        "\(message.key) was delivered at \(message.deliveredAt.map(\.description) ?? ""): not sent again (--resend sends it)"
                    )
                }
                messages.removeAll { $0.deliveredAt != nil }
            }
            return try mailer.send(messages, context: context)
        }
    }
}
