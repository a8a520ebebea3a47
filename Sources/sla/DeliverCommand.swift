import ArgumentParser
import SLABatch
import SLAConfig
import SLACore
import SLAMail

struct DeliverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliver",
        abstract: "Send the e-mails earlier runs could not send, or send one night's or one month's again.",
        discussion: """
            The nights and sla report record every message they prepare in the database's outbox and \
            mark each one delivered as soon as the sendmail program (delivery.sendmail of the \
            installation file, --config) takes it. Without options, sends every message \
            not delivered yet — after the mail relay or a KAM's address was fixed. --date D: the \
            breach list of the night of D; --month M: the KAM messages of month M; either sends only \
            those not yet delivered unless with --resend, which sends them again on purpose (as new \
            messages). Each message is rebuilt when it is sent: its subject and body from the figures \
            recorded with it, its attachments only the files sla wrote for its night or month under the \
            report folder (--reports, else the installation's), read as they are now.

            Exit status: 0 sent (or nothing to send), 1 messages not delivered (listed; the next run \
            or sla deliver sends them), 2 usage or configuration error (no delivery section, nothing \
            prepared for that date or month), 3 locked, 4 the database could not be read or written.
            """
    )

    @OptionGroup var database: DatabaseOption

    @Option(help: ArgumentHelp("Only the daily breach list of this night, YYYY-MM-DD.", valueName: "date"))
    var date: DateArgument?

    @Option(help: ArgumentHelp("Only the KAM messages of this month, YYYY-MM.", valueName: "YYYY-MM"))
    var month: MonthArgument?

    @Flag(help: "Send the chosen messages even when they were delivered.")
    var resend = false

    @OptionGroup var reports: ReportsOption

    @OptionGroup var settings: Settings

    func validate() throws {
        _ = try day()
        _ = try reportMonth()
        if date != nil, month != nil {
            throw SLAError(.invalidOption, "--date and --month choose different messages: give one of them")
        }
        if resend, date == nil, month == nil {
            throw SLAError(.invalidOption, "--resend sends delivered messages again: say which with --date D or --month M")
        }
    }

    /// `--date`, a date of the calendar.
    func day() throws(SLAError) -> LocalDate? {
        try date.map { argument throws(SLAError) in
            guard let day = argument.date, CalendarCoverage.years.contains(day.year) else {
                throw SLAError(.invalidOption, "--date '\(argument.text)' is not a date YYYY-MM-DD of the calendar")
            }
            return day
        }
    }

    /// `--month`, a month of the calendar.
    func reportMonth() throws(SLAError) -> ReportMonth? {
        try month.map { argument throws(SLAError) in
            try argument.value { "--month '\($0)' is not a month YYYY-MM of the calendar, e.g. 2026-10" }
        }
    }

    func run() throws {
        let installation = try settings.installation()
        guard let delivery = installation.delivery else {
            throw SLAError(
                .invalidConfiguration,
                """
                nothing to deliver with: give the installation file with a delivery section (--config F; \
                see the README, "E-mail delivery")
                """)
        }
        try finish(
            try DeliverJob.run(
                .init(
                    date: try day(), month: try reportMonth(), resend: resend,
                    reportsDirectory: reports.path(installation)),
                mailer: Mailer(delivery),
                runner: database.runner(installation, label: "sla.deliver")))
    }
}
