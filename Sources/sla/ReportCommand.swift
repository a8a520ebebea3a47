import ArgumentParser
import SLABatch
import SLAConfig
import SLACore
import SLAMail

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The monthly KAM reports: one workbook and one folder of CSV files per account manager.",
        discussion: """
            Writes reports/monthly/<month>/<kam>.xlsx and <kam>/resumen.csv, casos.csv, \
            incumplimientos.csv and cierres-automaticos.csv for every KAM, evaluated as of the first \
            instant of the next month with the automatic closures due by then counted, so the \
            figures are the same whenever the report is produced. <kam> is the KAM's id in lower case, \
            every character outside a-z0-9 replaced by '-' (a very long id is shortened, with a hash \
            that keeps it unique). An existing month is replaced whole. A KAM whose report cannot be \
            written is listed (exit 1) and the others' are written. sla nightly writes the previous \
            month's reports by itself on the first night after it ends. When the installation file \
            (--config) sets delivery.monthly_to_kams, each KAM is then mailed their workbook and their \
            clients' workbooks, once: a month rewritten is not sent again unless with sla \
            deliver --resend --month.

            Beside the tables, the month's evidence: ledger.csv in each KAM's folder and in each client's \
            (<kam>/clientes/<client>/), every interval of every attention clock counted in the month with its \
            counted seconds and why; and manifest.json, the digests of the policy, the calendars, each counted \
            case's data and every file written, which sla verify checks the month against (docs/evidence.md).
            """
    )

    @OptionGroup var database: DatabaseOption

    @Option(
        help: ArgumentHelp(
            "The month, YYYY-MM (Bogotá time, 1984-01 to 2100-12); it must have ended.",
            valueName: "YYYY-MM"))
    var month: MonthArgument

    @OptionGroup var reports: ReportsOption

    @OptionGroup var policy: PolicyOption

    @OptionGroup var settings: Settings

    func validate() throws { _ = try month.value(MonthArgument.notAMonthOfTheCalendar) }

    func run() throws {
        let month = try month.value(MonthArgument.notAMonthOfTheCalendar)
        let installation = try settings.installation()
        let evidence = try settings.evidence(policy, installation)
        try finish(
            try MonthlyReportJob.run(
                month: month, reportsDirectory: reports.path(installation),
                runner: database.runner(installation, label: "sla.report"),
                calendar: evidence.calendar, policy: evidence.policy, inputs: evidence.inputs,
                mailer: installation.delivery.map { Mailer($0) }))
    }
}
