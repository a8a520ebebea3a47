import ArgumentParser
import SLABatch
import SLAConfig

/// `sla profile`: the import profiles through which the ticketing tool's own exports are read.
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Check an import profile against the ticketing tool's exports.",
        subcommands: [ProfileCheckCommand.self]
    )
}

struct ProfileCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Show how a profile reads the exports, without writing anything.",
        discussion: """
            For each file: the export's column behind each of sla's fields, the first rows as sla reads \
            them, the export's columns nothing uses, and each value no mapping or spelling understands, \
            with its count and first line (priority "Urgente": 37 rows, first at line 12). Exit 1 when \
            a row would be rejected; a profile that cannot be used is file:line:column: reason, exit 2. \
            Whether a case's client, or an event's case, is in the database is left to the import.
            """
    )

    @Option(help: ArgumentHelp("The import profile (default: the installation's import_profile).", valueName: "file"))
    var profile: String?

    @Option(help: ArgumentHelp("The clients export.", valueName: "file"))
    var clients: String?

    @Option(help: ArgumentHelp("The cases export.", valueName: "file"))
    var cases: String?

    @Option(help: ArgumentHelp("The events export (a status history, or one row per event).", valueName: "file"))
    var events: String?

    @OptionGroup var settings: Settings

    func validate() throws { try requireOneFile(clients, cases, events) }

    func run() throws {
        let installation = try settings.installation()
        guard let path = profile ?? installation.importProfile else {
            throw SLAError(.invalidOption, "no profile: give --profile FILE, or --config with an import_profile:")
        }
        let parsed = try ConfigLoader.profile(at: path)
        let outcome = try ProfileCheckJob.run(profile: parsed, clients: clients, cases: cases, events: events)
        try StandardOutput.write(outcome.text)
        try finish(outcome, printing: false)
    }
}
