import ArgumentParser
import Foundation
import Logging
import SLABatch
import SLACore

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The monthly KAM reports: one workbook and one folder of CSV files per account manager.",
        discussion: """
            Writes reports/monthly/<month>/<kam>.xlsx and <kam>/resumen.csv, casos.csv, \
            incumplimientos.csv and cierres-automaticos.csv for every KAM, evaluated as of the first \
            instant of the next month with the automatic closures due by then counted (SPEC §8), so the \
            figures are the same whenever the report is produced. <kam> is the KAM's id in lower case, \
            every character outside a-z0-9 replaced by '-'. An existing month is replaced whole. \
            sla nightly writes the previous month's reports by itself on the first night after it ends.
            """
    )

    @Option(help: ArgumentHelp("The SQLite database.", valueName: "file"))
    var db = "sla.sqlite"

    @Option(help: ArgumentHelp("The month, YYYY-MM (Bogotá time); it must have ended.", valueName: "YYYY-MM"))
    var month: String

    @Option(help: ArgumentHelp("Where reports are written.", valueName: "dir"))
    var reports = "reports"

    @OptionGroup var calendars: CalendarOptions

    func validate() throws {
        guard ReportMonth(month) != nil else {
            throw ValidationError("--month \(month) is not a month: write it YYYY-MM, e.g. 2026-10")
        }
    }

    func run() throws {
        let now = Instant(secondsSince1970: Int64(Date().timeIntervalSince1970))
        let outcome = try MonthlyReportJob.run(
            database: db, month: ReportMonth(month)!, reportsDirectory: reports, calendar: try calendars.load(),
            policy: .standard, now: now, logger: Logger(label: "sla.report"))
        print(outcome.line)
        if outcome.exitStatus != 0 { throw ExitCode(outcome.exitStatus) }
    }
}
