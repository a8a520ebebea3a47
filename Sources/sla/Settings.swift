public import ArgumentParser
import Logging
import SLABatch
import SLAConfig
public import SLACore

/// The options every command shares: the installation file, and the calendars and policy it can
/// name. An option given on the command line wins over the file (SPEC §11).
struct Settings: ParsableArguments {
    @Option(
        name: .customLong("config"),
        help: ArgumentHelp(
            "The installation file (YAML): database, reports, calendars, policy, delivery.",
            discussion: "Relative paths in it start from its folder; an option given here wins over it.",
            valueName: "file"))
    var configFile: String?

    @Option(
        name: .customLong("calendars"),
        help: ArgumentHelp(
            "A folder whose calendar files replace the built-in ones.",
            discussion: "colombia-holidays.txt, organisation-days.txt, service-window.txt; a file it lacks stays built in.",
            valueName: "dir"
        )
    )
    var calendarsDirectory: String?

    /// The installation file's settings (none without `--config`), read and checked once.
    func installation() throws(SLAError) -> Installation { try ConfigLoader.installation(at: configFile) }

    /// The business calendar: `--calendars`, else the installation's, else the built-in one. The
    /// installation file is checked even when `--calendars` is given: a broken file must not pass
    /// unnoticed on the commands that happen not to need it.
    func calendar() throws(SLAError) -> BusinessCalendar {
        let configured = try installation().calendars
        let origin = calendarsDirectory == nil ? "\(configFile ?? "the installation file"): calendars:" : "--calendars"
        return try CalendarLoader.load(
            directory: calendarsDirectory ?? configured, origin: origin,
            logger: Logger(label: "sla.calendar"))
    }
}

extension Settings {
    /// The calendar and policy a month's reports are computed with, and what their evidence says
    /// of them: the version and the digest of each file (the built-in ones' texts when none is given).
    func evidence(_ policy: PolicyOption, _ installation: Installation) throws(SLAError)
        -> (calendar: BusinessCalendar, policy: Policy, inputs: EvidenceInputs)
    {
        let configured = installation.calendars
        let origin = calendarsDirectory == nil ? "\(configFile ?? "the installation file"): calendars:" : "--calendars"
        let (calendar, digests) = try CalendarLoader.loadWithDigests(
            directory: calendarsDirectory ?? configured, origin: origin,
            logger: Logger(label: "sla.calendar"))
        let loaded = try policy.load(installation)
        let inputs = EvidenceInputs(
            version: SLAVersion.current, policy: try ConfigLoader.policyDigest(at: policy.path(installation)),
            calendars: digests)
        return (calendar, loaded, inputs)
    }
}

/// `--policy`, for every command that evaluates (SPEC §10).
struct PolicyOption: ParsableArguments {
    @Option(
        name: .customLong("policy"),
        help: ArgumentHelp(
            "The policy file (YAML) of the service agreements; default: the built-in one.",
            valueName: "file"))
    var file: String?

    /// The policy: `--policy`, else the installation's, else the built-in one.
    func load(_ installation: Installation) throws(SLAError) -> Policy {
        try ConfigLoader.policy(at: path(installation), logger: Logger(label: "sla.policy"))
    }

    /// The policy file used: `--policy`, else the installation's; nil for the built-in one.
    func path(_ installation: Installation) -> String? { file ?? installation.policy }
}

/// `--db`, for every command that works on the database.
struct DatabaseOption: ParsableArguments {
    @Option(help: ArgumentHelp("The SQLite database (default: the installation's, else sla.sqlite).", valueName: "file"))
    var db: String?

    /// The database: `--db`, else the installation's, else `sla.sqlite`.
    func path(_ installation: Installation) -> String { db ?? installation.database ?? "sla.sqlite" }

    /// The runner of a command's job: its database, its logger.
    func runner(_ installation: Installation, label: String) -> JobRunner {
        makeRunner(database: path(installation), label: label)
    }
}

/// `--reports`, for every command that writes reports.
struct ReportsOption: ParsableArguments {
    @Option(help: ArgumentHelp("Where reports are written (default: the installation's, else reports).", valueName: "dir"))
    var reports: String?

    func path(_ installation: Installation) -> String { reports ?? installation.reports ?? "reports" }
}

/// `--as-of`, shared by every command that evaluates (SPEC §5).
struct AsOfOption: ParsableArguments {
    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp(
            "Evaluate as of this instant (ISO 8601; default: now). Events after it are ignored.",
            valueName: "timestamp"))
    var value: InstantArgument?

    func validate() throws { _ = try Self.checked(value) }

    /// The instant asked for, or now; either inside the calendar.
    func instant(_ runner: JobRunner) throws(SLAError) -> Instant {
        if let instant = try Self.checked(value) { return instant }
        return try Self.inside(runner.now())
    }

    /// `--as-of`'s instant when it is inside the calendar.
    private static func checked(_ value: InstantArgument?) throws(SLAError) -> Instant? {
        guard let value else { return nil }
        return try inside(try value.instant("--as-of"))
    }

    private static func inside(_ instant: Instant) throws(SLAError) -> Instant {
        guard CalendarCoverage.contains(instant) else {
            throw SLAError(.invalidOption, "--as-of \(CalendarCoverage.outsideReason(instant.description))")
        }
        return instant
    }
}
