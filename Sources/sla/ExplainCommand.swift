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

    @OptionGroup var database: DatabaseOption

    @OptionGroup var asOf: AsOfOption

    @OptionGroup var policy: PolicyOption

    @OptionGroup var settings: Settings

    func run() throws {
        let installation = try settings.installation()
        let runner = database.runner(installation, label: "sla.explain")
        let outcome = try ExplainJob.run(
            caseID: caseID, asOf: try asOf.instant(runner), runner: runner,
            calendar: try settings.calendar(), policy: try policy.load(installation))
        try StandardOutput.write(outcome.text)
        try finish(outcome, printing: false)
    }
}
