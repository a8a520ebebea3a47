import ArgumentParser
import SLABatch
import SLACore

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show one case's clock interval by interval, with pauses, weekends and holidays named.",
        discussion: "Only reads the database (a read-only file is enough); an as-of after now is a preview."
    )

    @Argument(help: "The case id.")
    var caseID: String

    @OptionGroup var database: DatabaseOptions

    @OptionGroup var asOf: AsOfOption

    @OptionGroup var calendars: CalendarOptions

    func run() throws {
        let runner = makeRunner(database: database.db, label: "sla.explain")
        let outcome = try ExplainJob.run(caseID: caseID, asOf: try asOf.instant(runner), runner: runner,
                                         calendar: try calendars.load(), policy: .standard)
        try StandardOutput.write(outcome.text)
        try finish(outcome, printing: false)
    }
}
