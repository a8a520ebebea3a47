import ArgumentParser
import Foundation
import Logging
import SLABatch
import SLAConfig
import SLACore

/// `sla policy`: the service agreements, for the people who write them.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Check the policy file of the service agreements.",
        subcommands: [PolicyCheckCommand.self]
    )
}

struct PolicyCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the policy file and print the terms in force, and the agreement each comes from.",
        discussion: """
            An error in the file (an unknown key, a value of the wrong type or out of range, an \
            agreement without clients) is file:line:column: reason, exit 2. Warnings — an agreement \
            no case can reach, a client the database does not know — are logged, exit 0.

            With a database (--db, or the installation's), one row per client: the terms a case of \
            that client registered on the date would get. Without, one row per agreement, the default \
            terms first; the agreements in force on the date are marked with *. The database is only read.
            """
    )

    @OptionGroup var policy: PolicyOption

    @Option(
        help: ArgumentHelp(
            "The SQLite database whose clients to list (default: the installation's, else none).",
            valueName: "file"))
    var db: String?

    @Option(
        help: ArgumentHelp(
            "The registration date whose terms to show (YYYY-MM-DD; default: today in Bogotá).",
            valueName: "date"))
    var on: DateArgument?

    @OptionGroup var settings: Settings

    func validate() throws { _ = try on.map(Self.date) }

    func run() throws {
        let installation = try settings.installation()
        let logger = Logger(label: "sla.policy")
        var database = db ?? installation.database
        // A new installation checks its policy before the first import: without the database yet,
        // the listing is by agreement. A --db given by hand that is missing stays an error.
        if db == nil, let path = database, !FileManager.default.fileExists(atPath: path) {
            logger.warning("the installation's database \(path) does not exist yet: listing the terms by agreement")
            database = nil
        }
        let runner = database.map { makeRunner(database: $0, label: "sla.policy") }
        let date = try on.map(Self.date) ?? JobRunner.systemNow().localDate
        let outcome = try PolicyCheckJob.run(policyPath: policy.file ?? installation.policy, runner: runner, on: date)
        for warning in outcome.warnings { logger.warning("\(warning)") }
        try StandardOutput.write(outcome.text)
        try finish(outcome, printing: false)
    }

    /// `--on`, a date of the calendar.
    private static func date(_ argument: DateArgument) throws(SLAError) -> LocalDate {
        let text = argument.text
        guard let date = argument.date else { throw SLAError(.invalidOption, "--on '\(text)' is not a date YYYY-MM-DD") }
        guard CalendarCoverage.years.contains(date.year) else {
            throw SLAError(
                .invalidOption,
                """
                --on '\(text)' is outside the calendar, which covers \(CalendarCoverage.years.lowerBound) to \
                \(CalendarCoverage.years.upperBound)
                """)
        }
        return date
    }
}
