import ArgumentParser
import SLABatch
import SLACore

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Every case's clock as CSV (the columns of sla-status.csv), open or closed.",
        discussion: """
            To standard output, or to --out (written to a temporary name and renamed into place). \
            Only reads the database (a read-only file is enough); an as-of after now is a preview. A \
            case that cannot be evaluated is left out and listed in the log (exit 1).
            """
    )

    @OptionGroup var database: DatabaseOption

    @OptionGroup var asOf: AsOfOption

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var out: String?

    @OptionGroup var policy: PolicyOption

    @OptionGroup var settings: Settings

    func validate() throws {
        if out?.isEmpty == true { throw ValidationError("--out needs a file name (or leave it out for standard output)") }
    }

    func run() throws {
        let installation = try settings.installation()
        let runner = database.runner(installation, label: "sla.export")
        let outcome = try ExportJob.run(
            .init(asOf: try asOf.instant(runner), output: out, outputOrigin: "--out"), runner: runner,
            calendar: try settings.calendar(), policy: try policy.load(installation))
        try finish(outcome, printing: false)
    }
}
