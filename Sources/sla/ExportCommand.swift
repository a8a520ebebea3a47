import ArgumentParser
import Foundation
import SLABatch
import SLACore

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Every case's clock as CSV (the columns of sla-status.csv), open or closed.",
        discussion: "To standard output, or to --out (written to a temporary name and renamed into place)."
    )

    @Option(help: ArgumentHelp("The SQLite database.", valueName: "file"))
    var db = "sla.sqlite"

    @OptionGroup var asOf: AsOfOption

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var out: String?

    @OptionGroup var calendars: CalendarOptions

    func run() throws {
        let now = Instant(secondsSince1970: Int64(Date().timeIntervalSince1970))
        let asOf = try asOf.instant(now: now)
        try ExportJob.run(database: db, asOf: asOf, output: out, calendar: try calendars.load(), policy: .standard)
    }
}
