import ArgumentParser
import SLABatch
import SLAConfig

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load the interchange files (clients.csv, cases.csv, events.csv) into the database.",
        discussion: """
            Rows are upserted by id, so importing the same file again changes nothing; the files are \
            imported in one transaction. A rejected row goes to <file>.rejects.csv with its line, \
            column and reason; valid rows are imported anyway, and the exit status is 1. A rejects file \
            that cannot be written stops the import with nothing imported (exit 4).

            With --profile (or import_profile: in the installation file), the files are the ticketing \
            tool's own exports, read as the profile says (docs/profiles.md): its delimiter, encoding, \
            column names, dates and words, and its status history turned into events. A rejected row \
            is listed with the export's own line number and column name. `sla profile check` shows how \
            a profile reads the files without importing anything.
            """
    )

    @Option(help: ArgumentHelp("The SQLite database, created if missing (default: the installation's).", valueName: "file"))
    var db: String?

    @Option(help: ArgumentHelp("clients.csv: client_id,client_name,contract,kam_id,kam_name,kam_email", valueName: "file"))
    var clients: String?

    @Option(
        help: ArgumentHelp(
            "cases.csv: case_id,client_id,product,type,priority,impact,urgency,created_at,summary",
            valueName: "file"))
    var cases: String?

    @Option(
        help: ArgumentHelp(
            "events.csv: event_id,case_id,at,kind,level,note[,due] (due: the instant a committed event promises the solution by)",
            valueName: "file"))
    var events: String?

    @Option(
        help: ArgumentHelp(
            "The import profile: the files are the ticketing tool's own exports (default: the installation's import_profile).",
            valueName: "file"))
    var profile: String?

    @OptionGroup var settings: Settings

    func validate() throws { try requireOneFile(clients, cases, events) }

    func run() throws {
        // Checked even with --db: a broken installation file is refused by every command alike.
        let installation = try settings.installation()
        guard let database = db ?? installation.database else {
            throw SLAError(.invalidOption, "no database: give --db FILE, or --config with a database:")
        }
        // The profile is checked whole before anything is read.
        let profile = try (self.profile ?? installation.importProfile).map { path throws(SLAError) in
            try ConfigLoader.profile(at: path)
        }
        let runner = makeRunner(database: database, label: "sla.import")
        try finish(
            try ImportJob.run(.init(clients: clients, cases: cases, events: events, profile: profile), runner: runner),
            printing: false)
    }
}

/// `import` and `profile check` read at least one of the three files.
func requireOneFile(_ clients: String?, _ cases: String?, _ events: String?) throws {
    if clients == nil, cases == nil, events == nil {
        throw ValidationError("give at least one of --clients, --cases, --events")
    }
}
