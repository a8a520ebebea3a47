import ArgumentParser
import Logging
import SLABatch
import SLACore

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Make a realistic synthetic data set (seeded, deterministic), then run the nightly job on it.",
        discussion: """
            The interchange files go to demo-data/ beside the database, the reports to --reports. \
            The nightly run is evaluated as of Monday 2026-11-23 07:00 Bogotá time, after the week \
            of the 16 November holiday. A database not made by sla demo is never replaced. Of an \
            installation file, the demo takes the calendars and the policy, never the database or \
            the reports folder.
            """
    )

    @Option(help: ArgumentHelp("The demo database (replaced if it was made by sla demo).", valueName: "file"))
    var db = "demo.sqlite"

    @Option(help: "How many cases.")
    var cases = 400

    @Option(help: ArgumentHelp("Where reports are written.", valueName: "dir"))
    var reports = "reports"

    @OptionGroup var policy: PolicyOption

    @OptionGroup var settings: Settings

    func validate() throws {
        guard (1...2_000_000).contains(cases) else { throw ValidationError("--cases must be between 1 and 2000000") }
    }

    func run() throws {
        let runner = makeRunner(database: db, label: "sla.demo")
        let evidence = try settings.evidence(policy, try settings.installation())
        let outcome = try DemoJob.run(
            cases: cases, reportsDirectory: reports, runner: runner,
            calendar: evidence.calendar, policy: evidence.policy, inputs: evidence.inputs)
        try StandardOutput.write(outcome.files.map { $0 + "\n" }.joined())
        try finish(outcome)
    }
}
