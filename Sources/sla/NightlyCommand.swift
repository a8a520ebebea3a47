import ArgumentParser
import Foundation
import SLABatch
import SLAConfig
import SLACore
import SLAMail

struct NightlyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nightly",
        abstract: "Close expired acceptance periods, evaluate every open case's clock, write the daily breach list.",
        discussion: """
            First writes an auto_closed event, at its deadline, for every acceptance period that \
            reached it by as-of, all in one transaction; then evaluates the open cases from \
            one consistent snapshot and writes reports/daily/<date of as-of>/sla-status.csv, \
            breaches.csv, breaches.xlsx and closures.csv, the folder whole or not at all. On the first \
            run after a month ends, also writes that month's KAM reports (as sla report does) unless \
            reports/monthly/<month> exists (--force rewrites them). Then, when the installation file \
            (--config) has a delivery section, mails breaches.xlsx to delivery.daily_to and each KAM \
            their workbooks, and sends whatever earlier runs could not; a message is sent \
            once, whatever the reruns. Records the run in the database's journal and ends with one \
            summary line, which says what was sent.

            A case that cannot be evaluated (a date outside 1984–2100, a value sla does not know, \
            written into the database directly) is listed in the log and on the sheet Problemas de \
            datos; every other case is evaluated and every file written.

            One run at a time: a second run while one holds <db>.lock exits 3 at once, naming the \
            holder. A run killed at any moment is healed by the next: rerunning a night changes nothing.

            --as-of after now is refused (closures would be dated in the future) unless with \
            --dry-run, which takes no lock, only reads the database and writes nothing: it lists what \
            the run would close, then the summary. Exit status: 0 done, 1 done with data problems \
            (listed) or messages not delivered (sent by the next run or sla deliver), 2 usage or configuration error, 3 locked, 4 a file or the database could not be \
            read or written.
            """
    )

    @OptionGroup var database: DatabaseOption

    @OptionGroup var asOf: AsOfOption

    @OptionGroup var reports: ReportsOption

    @Flag(name: .customLong("dry-run"), help: "Compute and print the summary; write nothing (an as-of after now is allowed).")
    var dryRun = false

    @Flag(help: "Rewrite the previous month's KAM reports even when they exist.")
    var force = false

    @OptionGroup var policy: PolicyOption

    @OptionGroup var settings: Settings

    func run() throws {
        let installation = try settings.installation()
        let runner = database.runner(installation, label: "sla.nightly")
        let evidence = try settings.evidence(policy, installation)
        var request = NightlyJob.Request(
            asOf: try asOf.instant(runner), reportsDirectory: reports.path(installation), dryRun: dryRun,
            forceMonthlyReports: force, mailer: installation.delivery.map { Mailer($0) })
        request.evidence = evidence.inputs
        // Tests that kill the night at a chosen page make it read smaller pages.
        if let size = ProcessInfo.processInfo.environment["SLA_TEST_CASES_PER_PAGE"].flatMap(Int.init), size > 0 {
            request.casesPerPage = size
        }
        let outcome = try NightlyJob.run(request, runner: runner, calendar: evidence.calendar, policy: evidence.policy)
        if dryRun {
            // Written as it is made, 64 kB at a time: the first night after an import closes a million.
            var text = ""
            for closure in outcome.closures {
                text +=
                    "would close case \(closure.caseID) (client \(closure.clientID)) at \(closure.deadline): "
                    + "solved \(closure.solvedAt), no answer by its acceptance deadline\n"
                if text.utf8.count >= 1 << 16 {
                    try StandardOutput.write(text)
                    text = ""
                }
            }
            try StandardOutput.write(text)
        }
        try finish(outcome)
    }
}
