import Foundation
import Logging
public import SLACore
public import SLAMail
import SLAReports
import SLAStore

/// `sla report --month M`: one workbook and one folder of CSV files per KAM in
/// `reports/monthly/M/` (SPEC §8), evaluated as of the first instant of the next month with the
/// automatic closures due by then counted, written or not — the same whenever it is produced.
public enum MonthlyReportJob {
    public struct Outcome: JobOutcome {
        package var month: ReportMonth
        package var folder: String
        package var kams = 0
        package var cases = 0
        /// KAMs without a report, and why: ids whose file names clash, reports that could not be
        /// written. The other KAMs' reports are written all the same.
        package var kamFindings: [Finding] = []
        /// Cases of the month that could not be evaluated: left out of the figures, listed.
        package var problems: [CaseProblem] = []
        public var files: [String] = []
        /// Each KAM whose report was written: the figures and files their message carries.
        package var written: [WrittenKAM] = []
        /// What was sent after the reports were written (SPEC §12), when `sla report` wrote them.
        package var deliveries: DeliveryOutcome?
        /// The month's evidence as `manifest.json` records it.
        package var manifest: MonthManifest?
        package var seconds = 0.0

        public var findings: [Finding] { kamFindings + problems.flatMap(\.findings) + (deliveries?.failed ?? []) }

        public var summaryLine: String {
            "monthly reports \(month) in \(folder): \(kams) KAMs, \(cases) cases of the month"
                + (kamFindings.isEmpty ? "" : ", \(kamFindings.count) KAMs without a report (see the log)")
                + (problems.isEmpty ? "" : ", \(problems.count) cases with data problems left out")
                + ", \(String(format: "%.2f", seconds)) s"
                + (deliveries.map { "; \($0.summaryLine)" } ?? "")
        }
    }

    /// A KAM's written report, as their message (SPEC §12) tells it.
    package struct WrittenKAM: Sendable {
        package var kamID: String
        package var kamName: String
        /// Each client's figures of the month (without the lists of hours), and the KAM's total.
        package var clients: [ClientFigures]
        package var total: ClientFigures
        /// Each client's solution commitments of the month (by client id), and the KAM's total.
        package var commitments: [String: CommitmentFigures] = [:]
        package var commitmentTotal = CommitmentFigures()
        /// The KAM's workbook, then their clients' workbooks, absolute paths.
        package var workbooks: [String]
    }

    /// The command: refuses a month outside the calendar or that has not ended, then writes (or
    /// rewrites) the month's reports under the run lock, journalled.
    public static func run(
        month: ReportMonth, reportsDirectory: String, runner: JobRunner, calendar: BusinessCalendar,
        policy: Policy, inputs: EvidenceInputs = .builtIn, mailer: Mailer? = nil
    ) throws(SLAError) -> Outcome {
        guard month.isInsideCalendar else {
            throw SLAError(
                .invalidOption,
                """
                the month \(month) is outside the calendar, which covers \(CalendarCoverage.years.lowerBound)-01 to \
                \(CalendarCoverage.years.upperBound)-12
                """)
        }
        let now = runner.now()
        guard month.end <= now else {
            throw SLAError(
                .invalidOption,
                """
                \(month) has not ended: its report is evaluated as of \(month.end), after now (\(now)); \
                run it from that instant on
                """)
        }
        try DatabaseFiles.refuseReportsFolder(reportsDirectory, database: runner.database)
        var mailer = mailer
        mailer?.reportsDirectory = reportsDirectory
        return try runner.write("report", asOf: month.end) { context throws(SLAError) in
            var outcome = try write(
                month, context: context, reportsDirectory: reportsDirectory, calendar: calendar,
                policy: policy, inputs: inputs, mailer: mailer)
            if let mailer {
                outcome.deliveries = try mailer.sendWaiting(context: context)
            }
            return outcome
        }
    }

    /// The folder of a month's reports.
    package static func folder(of month: ReportMonth, in reportsDirectory: String) -> String {
        URL(fileURLWithPath: reportsDirectory).appendingPathComponent("monthly").appendingPathComponent(month.description).path
    }

    /// What the report keeps of a KAM's cases as it reads them: those that may count in the month
    /// itself (`KAMMonth.mayCount`) and each client's first, whole; of the rest of the thirteen
    /// months, only the trend's counts.
    struct KAMCases: Sendable {
        var rows: [StatusRow] = []
        var trend: MonthlyTrend.Tally
        var clients = Set<String>()

        init(_ month: ReportMonth) { trend = MonthlyTrend.Tally(endingWith: month) }

        mutating func add(_ row: StatusRow, month: ReportMonth) {
            trend.add(row)
            // The first row `KAMMonth` reads of a client names it (when the KAM's clients do not).
            let firstOfClient =
                row.snapshot.serviceCase.createdAt < month.end
                && clients.insert(row.snapshot.serviceCase.clientID).inserted
            if firstOfClient || KAMMonth.mayCount(row, in: month) { rows.append(row) }
        }
    }

    /// A KAM's (or, with one client, a client's) month with its twelve months of trend.
    static func figures(
        of kam: CaseStore.KAMClients, rows: [StatusRow], trend: MonthlyTrend.Tally, month: ReportMonth,
        evaluator: CaseEvaluator, policy: Policy
    ) throws(ReportError) -> KAMMonth {
        var kamMonth: KAMMonth
        do {
            kamMonth = try KAMMonth(
                kamID: kam.kamID, kamName: kam.kamName, month: month, clients: kam.clients, rows: rows,
                closure: evaluator.closure, policy: policy)
        } catch {
            throw ReportError(.ioFailure, "its figures cannot be computed: \(error)")
        }
        let clientIDs = kamMonth.clients.map(\.clientID)
        kamMonth.trend = trend.rows(clientIDs: clientIDs, policy: policy)
        kamMonth.commitments = MonthlyCommitments(month: month, rows: rows)
        kamMonth.commitmentTrend = trend.commitmentRows(clientIDs: clientIDs)
        kamMonth.levels = TimeByLevel.rows(month: month, clients: kamMonth.clients, rows: rows)
        return kamMonth
    }

    /// What writing one KAM's report came to.
    enum KAMResult: Sendable {
        /// The cases of the month, whether it had no activity, the clients without a workbook, the
        /// clients' figures and the KAM's total, the clients' workbooks written (file names).
        case written(
            cases: Int, noActivity: Bool, findings: [Finding], clients: [ClientFigures], total: ClientFigures,
            clientWorkbooks: [String], caseDigests: [(caseID: String, sha256: String)],
            commitments: MonthlyCommitments, commitmentTotal: CommitmentFigures)
        case failed(ReportError)
    }

    /// What the month's evidence needs besides the figures: the inputs it was computed with, and
    /// whether workbooks are written (`sla verify` recomputes the CSV files alone).
    struct EvidenceSettings: Sendable {
        var inputs: EvidenceInputs
        var workbooks = true
    }

    /// One KAM's workbook, CSV files, ledger and clients' workbooks, in `folder`.
    static func writeKAM(
        _ kam: CaseStore.KAMClients, cases: KAMCases, month: ReportMonth, into folder: String,
        evaluator: CaseEvaluator, policy: Policy, producedAt: Instant, evidence: EvidenceSettings
    ) -> KAMResult {
        let name = ReportFileName.name(for: kam.kamID)
        let rows = cases.rows
        do throws(ReportError) {
            let kamMonth = try figures(
                of: kam, rows: rows, trend: cases.trend, month: month, evaluator: evaluator,
                policy: policy)
            let tables = MonthlyTables(kamMonth)
            let caseDigests = MonthEvidence.countedCases(kamMonth, rows: rows).map { row in
                (caseID: row.snapshot.serviceCase.id, sha256: CaseDigest.sha256(row.snapshot, through: month.end))
            }
            let ledger = MonthEvidence.countedClocks(kamMonth, rows: rows).map { row in
                (
                    clientID: row.snapshot.serviceCase.clientID,
                    clock: LedgerTable.Clock(
                        caseID: row.snapshot.serviceCase.id, targetSeconds: row.evaluation.targetSeconds,
                        intervals: ClockLedger.intervals(of: row.evaluation, calendar: evaluator.closure.calendar))
                )
            }
            if evidence.workbooks {
                let control = ControlFacts(inputs: evidence.inputs, asOf: month.end, cases: caseDigests.count)
                try KAMWorkbook.write(
                    kamMonth, tables: tables, producedAt: producedAt, control: control,
                    to: folder + "/\(name).xlsx")
            }
            for (file, table) in tables.files {
                try ReportFile.write(table.csv, to: folder + "/\(name)/\(file)")
            }
            try ReportFile.write(LedgerTable.table(ledger.map(\.clock)).csv, to: folder + "/\(name)/\(ledgerFileName)")
            let clients = try writeClientWorkbooks(
                kam, kamMonth: kamMonth, rows: rows, trend: cases.trend, folder: folder + "/\(name)/clientes",
                month: month, evaluator: evaluator, policy: policy, producedAt: producedAt,
                ledger: Dictionary(grouping: ledger, by: \.clientID).mapValues { $0.map(\.clock) },
                workbooks: evidence.workbooks)
            // The hours behind the means are the workbook's; the message needs the counts.
            let figures = kamMonth.clients.map { client in
                var figures = client
                figures.attentionSeconds = []
                figures.resolutionSeconds = []
                return figures
            }
            var total = kamMonth.total
            total.attentionSeconds = []
            total.resolutionSeconds = []
            return .written(
                cases: kamMonth.cases.count, noActivity: kamMonth.hasNoActivity, findings: clients.findings,
                clients: figures, total: total, clientWorkbooks: clients.written, caseDigests: caseDigests,
                commitments: kamMonth.commitments,
                commitmentTotal: kamMonth.commitments.total(of: kamMonth.clients.map(\.clientID)))
        } catch {
            return .failed(error)
        }
    }

    /// The ledger's file name, in each KAM's folder and each client's.
    static let ledgerFileName = "ledger.csv"

    /// One workbook per client in `<kam>/clientes/`, the KAM's restricted to it (SPEC §8): computed
    /// from the client's cases alone, so no other client's name or figure can be in it; and beside
    /// it, in `<kam>/clientes/<client>/`, the client's ledger. Clients whose ids give one file name
    /// get neither (a finding each); the others are written.
    ///
    /// - Parameter ledger: the KAM's ledger by client id (the client's counted clocks are the KAM's
    ///   of that client: the same cases, evaluated the same way).
    static func writeClientWorkbooks(
        _ kam: CaseStore.KAMClients, kamMonth: KAMMonth, rows: [StatusRow],
        trend: MonthlyTrend.Tally, folder: String,
        month: ReportMonth, evaluator: CaseEvaluator, policy: Policy, producedAt: Instant,
        ledger: [String: [LedgerTable.Clock]], workbooks: Bool
    )
        throws(ReportError) -> (findings: [Finding], written: [String])
    {
        var findings: [Finding] = []
        var written: [String] = []
        let clients = kamMonth.clients
        guard !clients.isEmpty else { return ([], []) }
        try ReportFile.createFolder(folder)
        let byName = Dictionary(grouping: clients, by: { ReportFileName.name(for: $0.clientID) })
        let rowsByClient = Dictionary(grouping: rows, by: \.snapshot.serviceCase.clientID)
        for client in clients {
            let name = ReportFileName.name(for: client.clientID)
            if let clash = byName[name], clash.count > 1 {
                let finding = Finding(
                    .client(id: client.clientID),
                    """
                    the client ids \(clash.map { Finding.printable($0.clientID) }.sorted().joined(separator: ", ")) all give \
                    the file name \(name).xlsx: none of them gets a workbook of its own until the ids are told apart
                    """)
                findings.append(finding)
                continue
            }
            let own = CaseStore.KAMClients(
                kamID: kam.kamID, kamName: kam.kamName,
                clients: [(client.clientID, client.clientName, client.contract)])
            let clientMonth = try figures(
                of: own, rows: rowsByClient[client.clientID] ?? [], trend: trend, month: month,
                evaluator: evaluator, policy: policy)
            let clocks = ledger[client.clientID] ?? []
            try ReportFile.write(LedgerTable.table(clocks).csv, to: folder + "/\(name)/\(ledgerFileName)")
            guard workbooks else { continue }
            let breached = Set(clientMonth.breaches.map(\.row.snapshot.serviceCase.id))
            try KAMWorkbook.write(
                clientMonth, tables: MonthlyTables(clientMonth, withTotal: false), producedAt: producedAt,
                for: .client(id: client.clientID, name: client.clientName),
                breachDetail: LedgerTable.table(clocks.filter { breached.contains($0.caseID) }),
                to: folder + "/\(name).xlsx")
            written.append("\(name).xlsx")
        }
        return (findings, written)
    }

    /// Writes the month's reports into a temporary folder, then renames it into place (replacing a
    /// previous one), so the month's folder is always whole. The caller holds the run lock.
    ///
    /// A KAM whose report cannot be written (anything but a full disk or a refused folder, which
    /// would stop every report) is a finding; the other KAMs' reports are written.
    ///
    /// With a `mailer` that mails the KAMs, their messages go into the outbox before the folder
    /// is renamed into place: a run that dies in between leaves no folder, so the next night
    /// writes the month again and prepares them again — a message is never lost (SPEC §12).
    /// How many of the month's cases are evaluated together (on every core).
    static let casesEvaluatedAtOnce = 8_192

    static func write(
        _ month: ReportMonth, context: JobRunner.Context, reportsDirectory: String,
        calendar: BusinessCalendar, policy: Policy, inputs: EvidenceInputs, workbooks: Bool = true,
        mailer: Mailer? = nil
    ) throws(SLAError) -> Outcome {
        let started = ContinuousClock.now
        let logger = context.logger
        let target = folder(of: month, in: reportsDirectory)
        var outcome = Outcome(month: month, folder: target)
        let evaluator = CaseEvaluator(calendar: calendar, policy: policy)
        // The twelve months of the trend in one read: the cases that can count in any of them.
        let firstMonth = MonthlyTrend.months(endingWith: month).first ?? month
        // Evaluated a few thousand cases at a time, as they are read: thirteen months of cases are
        // never held beside their rows, and of the rows only those that can count in the month
        // (the rest, twelve months of closed cases, are the trend's counts).
        var gathered: [String: KAMCases] = [:]
        let noCases = KAMCases(month)
        var batch: [CaseRead] = []
        func evaluateBatch() {
            let evaluation = evaluator.closeAndEvaluate(batch, asOf: month.end)
            batch.removeAll(keepingCapacity: true)
            outcome.problems += evaluation.problems
            for row in evaluation.rows { gathered[row.snapshot.kamID, default: noCases].add(row, month: month) }
        }
        try storeCall { () throws(StoreError) in
            try context.store.forEachCase(activeFrom: max(firstMonth.start, CalendarCoverage.start), to: month.end) { read in
                batch.append(read)
                if batch.count == Self.casesEvaluatedAtOnce { evaluateBatch() }
            }
        }
        evaluateBatch()
        let rowsByKAM = gathered
        gathered = [:]
        for problem in outcome.problems {
            logger.error("data problem: case \(problem.caseID) is left out of the \(month) reports: \(problem.reason)")
        }
        let directory = try storeCall { () throws(StoreError) in try context.store.kamsWithClients() }
        let kams = directory.kams
        outcome.kamFindings = directory.problems

        let byFileName = Dictionary(grouping: kams, by: { ReportFileName.name(for: $0.kamID) })
        var clashing = Set<String>()
        for (name, clash) in byFileName where clash.count > 1 {
            let ids = clash.map(\.kamID).sorted()
            clashing.formUnion(ids)
            for id in ids {
                outcome.kamFindings.append(
                    Finding(
                        .kam(id: id),
                        """
                        the KAM ids \(ids.map { Finding.printable($0) }.joined(separator: ", ")) all give the report name \
                        \(name).xlsx: none of them gets a report until the ids are told apart
                        """))
            }
        }
        for finding in outcome.kamFindings { logger.error("data problem: \(finding)") }  // the bad ids' and the clashes

        let parent = URL(fileURLWithPath: target).deletingLastPathComponent().path
        ReportFile.removeTemporaries(in: parent)
        try ReportFile.replaceFolder(target, failure: SLAError.init) { temporary throws(SLAError) in
            // The KAMs' reports are independent: written on every core, gathered in KAM order.
            let eligible = kams.filter { !clashing.contains($0.kamID) }
            let results = OrderedSlots<KAMResult>(
                repeating: .failed(ReportError(.ioFailure, "not written")),
                count: eligible.count)
            let producedAt = context.now()
            DispatchQueue.concurrentPerform(iterations: eligible.count) { index in
                results.set(
                    index,
                    writeKAM(
                        eligible[index], cases: rowsByKAM[eligible[index].kamID] ?? noCases, month: month,
                        into: temporary, evaluator: evaluator, policy: policy, producedAt: producedAt,
                        evidence: EvidenceSettings(inputs: inputs, workbooks: workbooks)))
            }
            var manifest = MonthManifest(month: month, inputs: inputs)
            for (kam, result) in zip(eligible, results.all) {
                let name = ReportFileName.name(for: kam.kamID)
                switch result {
                case .written(
                    let cases, let noActivity, let findings, let clients, let total, let clientWorkbooks, let caseDigests,
                    let commitments,
                    let
                        commitmentTotal):
                    manifest.add(kamID: kam.kamID, folder: name, total: total, caseDigests: caseDigests)
                    for finding in findings { logger.error("data problem: \(finding)") }
                    outcome.kamFindings += findings
                    outcome.kams += 1
                    outcome.cases += cases
                    outcome.files.append(target + "/\(name).xlsx")
                    outcome.written.append(
                        WrittenKAM(
                            kamID: kam.kamID, kamName: kam.kamName, clients: clients, total: total,
                            commitments: commitments.byClient, commitmentTotal: commitmentTotal,
                            workbooks: [target + "/\(name).xlsx"] + clientWorkbooks.map { target + "/\(name)/clientes/\($0)" }))
                    if noActivity {
                        logger.info("KAM \(Finding.printable(kam.kamID)): no activity in \(month); the report says so")
                    }
                case .failed(let error) where error.code == .diskFull || error.code == .permissionDenied:
                    // Every other report would fail the same way: the run fails, the month's
                    // earlier folder stays as it was.
                    throw SLAError(error)
                case .failed(let error):
                    try? FileManager.default.removeItem(atPath: temporary + "/\(name).xlsx")
                    try? FileManager.default.removeItem(atPath: temporary + "/\(name)")
                    let finding = Finding(.kam(id: kam.kamID), "the \(month) report could not be written: \(error.message)")
                    logger.error("\(finding)")
                    outcome.kamFindings.append(finding)
                }
            }
            // Last, so that it can give the digest of every other file written for the month.
            try reportCall { () throws(ReportError) in
                try manifest.recordFiles(in: temporary)
                try ReportFile.write(manifest.json, to: temporary + "/" + MonthManifest.fileName)
            }
            outcome.manifest = manifest
            if let mailer {
                // The database's failure, as it is: the month's earlier folder stays.
                try storeCall { () throws(StoreError) in
                    try context.store.prepare(mailer.monthlyMessages(outcome), at: context.now(), runID: context.runID)
                }
            }
            context.crashPoints.reach(.monthlyFolder)
        }
        outcome.seconds = seconds(since: started)
        return outcome
    }
}
