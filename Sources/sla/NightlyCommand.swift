import ArgumentParser
import Foundation
import Logging
import SLABatch
import SLACore

struct NightlyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nightly",
        abstract: "Evaluate every open case's attention clock and write the daily breach list.",
        discussion: """
            Writes reports/daily/<date of as-of>/sla-status.csv, breaches.csv and breaches.xlsx, records \
            the run in the database's journal, and ends with one summary line. Exit status 1 when \
            there are data problems (unclassified cases), listed in the workbook and the log.
            """
    )

    @Option(help: ArgumentHelp("The SQLite database.", valueName: "file"))
    var db = "sla.sqlite"

    @OptionGroup var asOf: AsOfOption

    @Option(help: ArgumentHelp("Where reports are written.", valueName: "dir"))
    var reports = "reports"

    @Flag(name: .customLong("dry-run"), help: "Compute and print the summary; write nothing.")
    var dryRun = false

    @OptionGroup var calendars: CalendarOptions

    func run() throws {
        let now = Instant(secondsSince1970: Int64(Date().timeIntervalSince1970))
        let asOf = try asOf.instant(now: now)
        let summary = try NightlyJob.run(
            .init(database: db, asOf: asOf, reportsDirectory: reports, dryRun: dryRun),
            calendar: try calendars.load(), policy: .standard, startedAt: now, logger: Logger(label: "sla.nightly"))
        print(summary.line)
        if summary.exitStatus != 0 { throw ExitCode(summary.exitStatus) }
    }
}
