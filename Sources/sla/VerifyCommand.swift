import ArgumentParser
import SLABatch
import SLACore

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recomputes a month's KAM reports and compares them with what was written then.",
        discussion: """
            Reads the month's manifest.json (written with its reports), recomputes the month from the \
            database with the policy and calendars given (as every command: --policy, --calendars, the \
            installation file's, else the built-in ones) into a temporary folder — never into the month's \
            folder — and compares. Prints "identical", or each difference: every CSV figure that changed \
            (file, line, column: then → now), each file of the month's folder edited, missing or added \
            since, each counted case whose data changed (by its digest), and each policy or calendar file \
            whose digest differs from the manifest's. See docs/evidence.md.

            Exit status: 0 identical; 1 any difference (a differing digest alone included); 2 no such \
            month, no manifest (a month written before sla kept the evidence), or a manifest that cannot be \
            read (edited by hand, truncated, not JSON).
            """
    )

    @OptionGroup var database: DatabaseOption

    @Option(help: ArgumentHelp("The month to verify, YYYY-MM, under the reports folder.", valueName: "YYYY-MM"))
    var month: MonthArgument?

    @Argument(
        help: ArgumentHelp(
            "A month's folder (reports/monthly/YYYY-MM, or a copy of it), instead of --month.",
            valueName: "dir"))
    var folder: String?

    @OptionGroup var reports: ReportsOption

    @OptionGroup var policy: PolicyOption

    @OptionGroup var settings: Settings

    func validate() throws {
        guard (month == nil) != (folder == nil) else {
            throw ValidationError("give either --month YYYY-MM or a month's folder, not both and not neither")
        }
        _ = try month?.value(MonthArgument.notAMonthOfTheCalendar)
    }

    func run() throws {
        let installation = try settings.installation()
        let target: VerifyJob.Target
        if let month {
            target = .month(try month.value(MonthArgument.notAMonthOfTheCalendar), reportsDirectory: reports.path(installation))
        } else {
            target = .folder(folder ?? ".")
        }
        let evidence = try settings.evidence(policy, installation)
        let outcome = try VerifyJob.run(
            target, runner: database.runner(installation, label: "sla.verify"),
            calendar: evidence.calendar, policy: evidence.policy, inputs: evidence.inputs)
        try StandardOutput.write(outcome.report)
        if !outcome.isIdentical { throw ExitCode(ExitStatus.findings) }
    }
}
