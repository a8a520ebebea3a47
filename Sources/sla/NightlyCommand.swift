import ArgumentParser
import Foundation
import Logging
import SLABatch
import SLACore

struct NightlyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nightly",
        abstract: "Close expired acceptance periods, evaluate every open case's clock, write the daily breach list.",
        discussion: """
            First writes an auto_closed event, at its deadline, for every acceptance period that \
            reached it by as-of (SPEC §6), all in one transaction; then evaluates the open cases from \
            one consistent snapshot and writes reports/daily/<date of as-of>/sla-status.csv, \
            breaches.csv, breaches.xlsx and closures.csv. On the first run after a month ends, also \
            writes that month's KAM reports (as sla report does) unless reports/monthly/<month> exists \
            (--force rewrites them). Records the run in the database's journal and ends with one \
            summary line.

            One run at a time: a second run while one holds <db>.lock exits 3 at once, naming the \
            holder. A run killed at any moment is healed by the next: rerunning a night changes nothing.

            --dry-run takes no lock and writes nothing: it lists what the run would close, then the \
            summary. Exit status: 0 done, 1 done with data problems (unclassified cases, listed in the \
            workbook and the log), 2 usage or configuration error, 3 locked.
            """
    )

    @Option(help: ArgumentHelp("The SQLite database.", valueName: "file"))
    var db = "sla.sqlite"

    @OptionGroup var asOf: AsOfOption

    @Option(help: ArgumentHelp("Where reports are written.", valueName: "dir"))
    var reports = "reports"

    @Flag(name: .customLong("dry-run"), help: "Compute and print the summary; write nothing.")
    var dryRun = false

    @Flag(help: "Rewrite the previous month's KAM reports even when they exist.")
    var force = false

    @OptionGroup var calendars: CalendarOptions

    func run() throws {
        let now = Instant(secondsSince1970: Int64(Date().timeIntervalSince1970))
        let asOf = try asOf.instant(now: now)
        let summary = try NightlyJob.run(
            .init(database: db, asOf: asOf, reportsDirectory: reports, dryRun: dryRun, forceMonthlyReports: force),
            calendar: try calendars.load(), policy: .standard, startedAt: now, logger: Logger(label: "sla.nightly"))
        if dryRun {
            for closure in summary.closures {
                print("would close case \(closure.caseID) (client \(closure.clientID)) at \(closure.deadline): "
                    + "solved \(closure.solvedAt), no answer within 5 business days")
            }
        }
        print(summary.line)
        if summary.exitStatus != 0 { throw ExitCode(summary.exitStatus) }
    }
}
