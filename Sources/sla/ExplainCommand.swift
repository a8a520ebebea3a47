import ArgumentParser
import Foundation
import SLABatch
import SLACore

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show one case's clock interval by interval, with pauses, weekends and holidays named."
    )

    @Argument(help: "The case id.")
    var caseID: String

    @Option(help: ArgumentHelp("The SQLite database.", valueName: "file"))
    var db = "sla.sqlite"

    @OptionGroup var asOf: AsOfOption

    @OptionGroup var calendars: CalendarOptions

    func run() throws {
        let now = Instant(secondsSince1970: Int64(Date().timeIntervalSince1970))
        let asOf = try asOf.instant(now: now)
        print(try ExplainJob.run(database: db, caseID: caseID, asOf: asOf, calendar: try calendars.load(), policy: .standard),
              terminator: "")
    }
}
