import ArgumentParser
import Foundation
import Logging
import SLABatch
import SLACore

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load the interchange files (clients.csv, cases.csv, events.csv) into the database.",
        discussion: """
            Rows are upserted by id, so importing the same file again changes nothing. A rejected row \
            goes to <file>.rejects.csv with its line, column and reason; valid rows are imported \
            anyway, and the exit status is 1.
            """
    )

    @Option(help: ArgumentHelp("The SQLite database, created if missing.", valueName: "file"))
    var db: String

    @Option(help: ArgumentHelp("clients.csv: client_id,client_name,contract,kam_id,kam_name,kam_email", valueName: "file"))
    var clients: String?

    @Option(help: ArgumentHelp("cases.csv: case_id,client_id,product,type,priority,impact,urgency,created_at,summary",
                               valueName: "file"))
    var cases: String?

    @Option(help: ArgumentHelp("events.csv: event_id,case_id,at,kind,level,note", valueName: "file"))
    var events: String?

    func validate() throws {
        if clients == nil, cases == nil, events == nil {
            throw ValidationError("give at least one of --clients, --cases, --events")
        }
    }

    func run() throws {
        let outcome = try ImportJob.run(
            .init(database: db, clients: clients, cases: cases, events: events),
            now: Instant(secondsSince1970: Int64(Date().timeIntervalSince1970)), logger: Logger(label: "sla.import"))
        if outcome.exitStatus != 0 { throw ExitCode(outcome.exitStatus) }
    }
}
