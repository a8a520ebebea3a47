import Foundation
import Logging
public import SLACore
public import SLAMail
import SLAReports
import SLAStore

/// `sla nightly`: the acceptance periods that ran out closed, every open case's attention clock
/// as of an instant, the status and breach files for the supervisors, and — on the first night
/// after a month — that month's KAM reports (SPEC §1, §4, §6, §7, §13).
public enum NightlyJob {
    public struct Request: Sendable {
        package var asOf: Instant
        package var reportsDirectory: String
        package var dryRun: Bool
        /// Rewrite the previous month's KAM reports even when they exist.
        package var forceMonthlyReports: Bool
        /// Let a night that writes be dated after now: only `sla demo`, whose data is made up and
        /// whose night is fixed.
        var allowFutureAsOf = false
        /// Who gets the night's messages (SPEC §12); nil: nothing is sent.
        package var mailer: Mailer?
        /// What the month's evidence says the reports were computed with.
        public var evidence: EvidenceInputs = .builtIn
        /// How many cases the night reads at a time: with the page read ahead, what it holds in
        /// memory besides the open cases, whatever the history's length.
        public var casesPerPage = 2_000
        /// How many pages one transaction reads, closes and settles: how long the ticketing tool,
        /// writing meanwhile, may wait on the night (a fraction of a second).
        package var pagesPerTransaction = 8

        public init(
            asOf: Instant, reportsDirectory: String, dryRun: Bool, forceMonthlyReports: Bool = false,
            mailer: Mailer? = nil
        ) {
            self.asOf = asOf
            self.reportsDirectory = reportsDirectory
            self.dryRun = dryRun
            self.forceMonthlyReports = forceMonthlyReports
            self.mailer = mailer
        }
    }

    /// What the night did and found.
    public struct Outcome: JobOutcome {
        package var asOf: Instant
        package var dryRun = false
        package var evaluated = 0
        package var breached = 0
        package var atRisk = 0
        package var paused = 0
        /// The supervisors' counts, as the breach workbook's header shows them.
        package var lists = DailyLists.Counts()
        /// P2–P4 cases without impact or urgency: evaluated, without a target, listed as data problems.
        package var unclassified: [StatusRow] = []
        /// Cases that could not be evaluated at all, listed as data problems.
        package var problems: [CaseProblem] = []
        /// How many acceptance periods this run closed (or, on a dry run, would close).
        package var closed = 0
        /// The acceptance periods a dry run would close, by deadline: what it prints. A night that
        /// writes lists them here only when its log does one by one (at most 100); closures.csv
        /// lists every one, from the database, however many.
        public var closures: [CaseClosure] = []
        package var seconds = 0.0
        public var files: [String] = []
        /// The previous month's KAM reports, when this run wrote them.
        package var monthlyReports: MonthlyReportJob.Outcome?
        /// The reports of earlier months that ended since the last night that finished and that no
        /// run has written (nights were missed), oldest first.
        package var missedMonthlyReports: [MonthlyReportJob.Outcome] = []
        /// What the night sent (SPEC §12), when the installation file has a delivery section.
        package var deliveries: DeliveryOutcome?

        /// The data problems the night listed: cases it could not evaluate, cases without a
        /// target, and the KAM reports it could not write.
        public var findings: [Finding] {
            problems.flatMap(\.findings)
                + unclassified.map { row in
                    let c = row.snapshot.serviceCase
                    return Finding(
                        .serviceCase(id: c.id), field: c.impact == nil ? "impact" : "urgency",
                        "\(c.priority.rawValue) without impact or urgency: it has no attention target; "
                            + "classify it in the ticketing tool")
                }
                + missedMonthlyReports.flatMap(\.findings)
                + (monthlyReports?.findings ?? [])
                + (deliveries?.failed ?? [])
        }

        /// The line the night ends with.
        public var summaryLine: String {
            "nightly as of \(asOf): \(closed) \(dryRun ? "would be closed" : "closed") automatically, "
                + "\(evaluated) open cases evaluated, \(breached) breached "
                + "(of them \(lists.breachedAndStopped) attended late, \(lists.breachedWaitingOnClient) waiting on the client), "
                + "\(atRisk) at risk, \(lists.dueToday) due today, "
                + "\(lists.commitmentsMissed) solution commitments missed and unsolved, "
                + "\(lists.commitmentsDueToday) commitments due today, "
                + "\(paused) paused, \(unclassified.count) unclassified, \(problems.count) with data problems, "
                + "\(String(format: "%.2f", seconds)) s"
                + missedMonthlyReports.map { "; \($0.summaryLine)" }.joined()
                + (monthlyReports.map { "; \($0.summaryLine)" } ?? "")
                + (deliveries.map { "; \($0.summaryLine)" } ?? "")
        }
    }

    /// The night: close the acceptance periods that ran out (one transaction), then evaluate the
    /// open cases from one consistent snapshot and write the daily files. A dry run takes no lock,
    /// opens the database read-only and writes nothing: it reports what the night would close
    /// and find.
    ///
    /// One case that cannot be evaluated is listed and left out; every other case is evaluated
    /// and every file written.
    public static func run(_ request: Request, runner: JobRunner, calendar: BusinessCalendar, policy: Policy)
        throws(SLAError) -> Outcome
    {
        if let problem = CalendarCoverage.asOfProblem(request.asOf) { throw SLAError(.invalidOption, problem) }
        let now = runner.now()
        if !request.dryRun, !request.allowFutureAsOf, request.asOf > now {
            throw SLAError(
                .invalidOption,
                """
                --as-of \(request.asOf) is after now (\(now)): a night that writes would date closures in the future \
                and report a month that has not ended. To preview that night, add --dry-run
                """)
        }
        if !request.dryRun {
            try DatabaseFiles.refuseReportsFolder(request.reportsDirectory, database: runner.database)
        }
        if request.dryRun {
            return try runner.read { context throws(SLAError) in
                try night(request, context, calendar: calendar, policy: policy)
            }
        }
        return try runner.write("nightly", asOf: request.asOf) { context throws(SLAError) in
            try night(request, context, calendar: calendar, policy: policy)
        }
    }

    /// Up to this many closures a night logs one line each; beyond, one line for all of them.
    static let closuresLoggedOneByOne = 100

    /// The night's closures in deadline order, logged, and let go from `pass`. A dry run's closures
    /// are its output (the command prints them), not log lines too. The first night after importing
    /// years closes years of solutions: one line says how many, and closures.csv lists them (from
    /// the database), rather than a line each in the operator's mail — nor a million in memory.
    private static func logClosures(_ pass: inout NightlyPass, dryRun: Bool, logger: Logger) -> [CaseClosure] {
        logWithdrawn(&pass, dryRun: dryRun, logger: logger)
        pass.closures.sort { ($0.closure.deadline, $0.closure.caseID) < ($1.closure.deadline, $1.closure.caseID) }
        let closures = pass.closures
        pass.closures = []
        guard !dryRun else { return closures.map(\.closure) }
        if pass.closed > closuresLoggedOneByOne {
            logger.notice(
                """
                closed \(pass.closed) cases automatically (acceptance periods that ran out): \
                closures.csv in the night's folder lists each
                """)
        } else {
            for (closed, days) in closures {
                logger.info(
                    """
                    closed case \(closed.caseID) at \(closed.deadline): solved \(closed.solvedAt), \
                    no answer within its \(days) business days
                    """)
            }
        }
        if pass.settled > 0 { logger.info("\(pass.settled) closed cases settled: later nights will not read them") }
        return pass.closed > closuresLoggedOneByOne ? [] : closures.map(\.closure)
    }

    /// Logs the closures `pass` withdrew since the last call: after each transaction, once what it
    /// withdrew is committed (after each page on a dry run), so they are never all held at once.
    private static func logWithdrawn(_ pass: inout NightlyPass, dryRun: Bool, logger: Logger) {
        for (caseID, event) in pass.withdrawn {
            logger.warning(
                """
                \(dryRun ? "would withdraw" : "withdrew") the automatic closure of case \(caseID) \
                at \(event.at): events recorded since show its acceptance period did not run out
                """)
        }
        pass.withdrawn.removeAll(keepingCapacity: true)
    }

    /// SPEC §10: a client an agreement names that the database does not know is a warning — a
    /// typo in the policy, or a client tomorrow's import brings — never a reason to stop the night.
    private static func warnOfUnknownClients(_ policy: Policy, store: CaseStore, logger: Logger) throws(SLAError) {
        guard !policy.agreements.isEmpty else { return }
        let known = Set(try storeCall { () throws(StoreError) in try store.clients() }.map(\.id))
        for (agreement, client) in policy.unknownClients(known) {
            logger.warning("\(policy.unknownClientWarning(agreement: agreement, client: client))")
        }
    }

    private static func night(
        _ request: Request, _ context: JobRunner.Context, calendar: BusinessCalendar,
        policy: Policy
    ) throws(SLAError) -> Outcome {
        let started = ContinuousClock.now
        let store = context.store
        let logger = context.logger
        let asOf = request.asOf
        let evaluator = CaseEvaluator(calendar: calendar, policy: policy)
        var outcome = Outcome(asOf: asOf, dryRun: request.dryRun)
        try warnOfUnknownClients(policy, store: store, logger: logger)

        // The open cases and the day's changes, not the settled history (Schema v3) — unless the
        // calendar or the acceptance periods changed since it was settled (Schema v5).
        let fingerprint = ClosureSettings.fingerprint(calendar: calendar, policy: policy)
        let everySettled = try storeCall { () throws(StoreError) in
            if request.dryRun { return try store.settledUnderOtherClosureSettings(than: fingerprint) }
            let rewatched = try store.rewatchSettledCases(unlessSettledUnder: fingerprint)
            if rewatched > 0 {
                logger.notice(
                    """
                    the calendar or the acceptance periods differ from those the closed history was last checked \
                    under: its \(rewatched) closed cases are checked again, this night only
                    """)
            }
            return false
        }
        var pass = NightlyPass(closuresKept: request.dryRun ? .max : closuresLoggedOneByOne)
        try storeCall { () throws(StoreError) in
            try store.forEachPageOfCasesToEvaluate(
                asOf: asOf, everySettled: everySettled,
                runID: request.dryRun ? nil : context.runID,
                pageSize: request.casesPerPage,
                pagesPerTransaction: request.pagesPerTransaction,
                afterCommit: {
                    logWithdrawn(&pass, dryRun: false, logger: logger)
                    context.crashPoints.reach(.transaction)
                }
            ) { page in
                try pass.take(page, asOf: asOf, evaluator: evaluator)
                if request.dryRun { logWithdrawn(&pass, dryRun: true, logger: logger) }
                context.crashPoints.reach(.page)
            }
        }
        outcome.closed = pass.closed
        outcome.closures = logClosures(&pass, dryRun: request.dryRun, logger: logger)
        // What the pages held is given back to the system before the files and the month's
        // reports are made: the night's peak is one of them, not their sum.
        ReleaseMemory.toTheSystem()

        // In the order of the ids' bytes, whatever table or page each case came from: the order
        // of one night read in one piece.
        let open = pass.open.sorted { $0.serviceCase.id.utf8.lexicographicallyPrecedes($1.serviceCase.id.utf8) }
        var problems = pass.problems.enumerated().sorted { left, right in
            left.element.caseID == right.element.caseID
                ? left.offset < right.offset
                : left.element.caseID.utf8.lexicographicallyPrecedes(right.element.caseID.utf8)
        }.map(\.element)
        let evaluation = evaluator.evaluate(open, asOf: asOf)
        problems += evaluation.problems
        let rows = evaluation.rows
        outcome.problems = problems
        for problem in problems {
            logger.error("data problem: case \(problem.caseID) cannot be evaluated: \(problem.reason)")
        }
        for row in rows {
            outcome.evaluated += 1
            switch row.evaluation.state {
            case .breached: outcome.breached += 1
            case .atRisk: outcome.atRisk += 1
            case .paused: outcome.paused += 1
            case .unclassified:
                outcome.unclassified.append(row)
                let snapshot = row.snapshot
                logger.warning(
                    """
                    data problem: case \(snapshot.serviceCase.id) (\(Finding.printable(snapshot.clientName))) is \
                    \(snapshot.serviceCase.priority.rawValue) without impact or urgency: it has no attention target
                    """)
            case .met, .running: break
            }
        }
        let lists = DailyLists(rows, asOf: asOf)
        outcome.lists = lists.counts
        guard !request.dryRun else {
            outcome.seconds = seconds(since: started)
            return outcome
        }

        // The first night after a month ends also writes that month's KAM reports, once (SPEC §1):
        // beside the day's files, which a thread of their own writes meanwhile.
        let previous = ReportMonth(containing: asOf).previous
        let monthly = MonthlyReportJob.folder(of: previous, in: request.reportsDirectory)
        let writesMonth =
            previous.isInsideCalendar
            && (request.forceMonthlyReports || !FileManager.default.fileExists(atPath: monthly))
        let missedMonths = try monthsMissedSince(request, previous: previous, store: store)
        let dailyOutcome = outcome
        let crashPoints = context.crashPoints
        let daily = BackgroundWork(inBackground: writesMonth || !missedMonths.isEmpty) {
            () throws(SLAError) -> ([String], Double) in
            let files = try writeDailyFiles(
                rows: rows, lists: lists, outcome: dailyOutcome, request: request, store: store,
                crashPoints: crashPoints)
            crashPoints.reach(.dailyPublished)
            return (files, seconds(since: started))
        }
        let month = Result { () throws(SLAError) -> ([MonthlyReportJob.Outcome], MonthlyReportJob.Outcome?) in
            let missed = try missedMonths.map { missed throws(SLAError) in
                try MonthlyReportJob.write(
                    missed, context: context, reportsDirectory: request.reportsDirectory, calendar: calendar, policy: policy,
                    inputs: request.evidence, mailer: request.mailer)
            }
            guard writesMonth else { return (missed, nil) }
            return (
                missed,
                try MonthlyReportJob.write(
                    previous, context: context, reportsDirectory: request.reportsDirectory, calendar: calendar, policy: policy,
                    inputs: request.evidence, mailer: request.mailer)
            )
        }
        // The day's failure first: it is the night's own work.
        (outcome.files, outcome.seconds) = try daily.result.get()
        (outcome.missedMonthlyReports, outcome.monthlyReports) = try month.get()

        // The messages go once every file is in place: what they attach is what the disk holds.
        if var mailer = request.mailer {
            mailer.reportsDirectory = request.reportsDirectory
            let breachWorkbook = outcome.files.first { $0.hasSuffix("/breaches.xlsx") }
            // The KAMs' messages were prepared with the month's folder.
            let prepared = [breachWorkbook.flatMap { mailer.dailyMessage(outcome, lists: lists, breachWorkbook: $0) }].compactMap(
                \.self)
            outcome.deliveries = try mailer.deliver(prepared, context: context)
        }
        return outcome
    }

    /// The months before `previous` that ended after the last night that finished and whose
    /// reports no run has written: nights were missed (a holiday weekend's outage, a server down
    /// for weeks), and the first night after each month ends writes its reports — so this one
    /// writes theirs too. Without an earlier night (a new installation) there are none: the
    /// history's months are `sla report`'s to write.
    private static func monthsMissedSince(_ request: Request, previous: ReportMonth, store: CaseStore) throws(SLAError)
        -> [ReportMonth]
    {
        guard let lastNight = try storeCall({ () throws(StoreError) in try store.latestFinishedNight(before: request.asOf) })
        else { return [] }
        var months: [ReportMonth] = []
        var month = ReportMonth(containing: lastNight)
        while month < previous {
            if month.isInsideCalendar,
                !FileManager.default.fileExists(atPath: MonthlyReportJob.folder(of: month, in: request.reportsDirectory))
            {
                months.append(month)
            }
            month = month.next
        }
        return months
    }

    /// Writes the night's folder whole — into a temporary folder renamed into place — so a night
    /// that fails (a full disk) leaves the folder of an earlier run of that night, or none, never
    /// half of one; the rerun writes it all.
    private static func writeDailyFiles(
        rows: [StatusRow], lists: DailyLists, outcome: Outcome, request: Request,
        store: CaseStore, crashPoints: CrashPoints
    ) throws(SLAError) -> [String] {
        let date = request.asOf.localDate
        let daily = URL(fileURLWithPath: request.reportsDirectory).appendingPathComponent("daily")
        let folder = daily.appendingPathComponent(date.description).path
        let problems = DataProblemTable.table(unclassified: outcome.unclassified, unreadable: outcome.problems)
        let names = ["sla-status.csv", "breaches.csv", "breaches.xlsx", "due-today.csv", "closures.csv"]
        // Under the lock, a temporary file or folder there is what a killed run left behind.
        ReportFile.removeTemporaries(in: daily.path)
        try ReportFile.replaceFolder(folder, failure: SLAError.init) { temporary throws(SLAError) in
            try reportCall { () throws(ReportError) in
                try ReportFile.write(StatusTable.csv(rows), to: temporary + "/" + names[0])
                try ReportFile.write(StatusTable.csv(lists.breaches), to: temporary + "/" + names[1])
                try BreachWorkbook.write(
                    lists: lists, problems: problems, asOf: request.asOf,
                    to: temporary + "/" + names[2])
                try ReportFile.write(StatusTable.dueTodayCSV(lists.promisesDueToday), to: temporary + "/" + names[3])
            }
            // Streamed from the database: the first night after an import closes a million. The
            // database's failure is the night's as it is, the file's as a report's.
            try ClosureTable.write(to: temporary + "/" + names[4], failure: SLAError.init) { row throws(SLAError) in
                try storeCall { () throws(StoreError) in try store.forEachClosure(writtenByRunsOn: date, row) }
            }
            crashPoints.reach(.dailyFolder)
        }
        return names.map { folder + "/" + $0 }
    }
}
