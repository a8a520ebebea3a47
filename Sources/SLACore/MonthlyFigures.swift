/// One KAM's month (SPEC §8): the figures per client and the cases behind them, from clocks
/// evaluated as of the first instant of the next month with the closures due by then applied.
package struct KAMMonth: Sendable {
    package var kamID: String
    package var kamName: String
    package var month: ReportMonth
    /// One per client of the KAM, by client id, with or without activity.
    package var clients: [ClientFigures]
    /// Every case registered, solved or closed in the month, by registration then id.
    package var cases: [MonthCase]
    /// The breaches counted in the month (the clock went over its target in it), most overdue first.
    package var breaches: [MonthCase]
    /// The automatic closures in the month, by instant then case id.
    package var closures: [MonthClosure]
    /// Cases registered in the month by type, priority and product (every type and priority listed,
    /// the products that occur, by name).
    package var registeredByType: [(CaseType, Int)]
    package var registeredByPriority: [(Priority, Int)]
    package var registeredByProduct: [(String, Int)]
    /// Cases registered in the month per week (Monday to Sunday, cut at the month's edges).
    package var registeredByWeek: [(first: LocalDate, last: LocalDate, count: Int)]
    /// The cases counted in `openAtMonthEnd`, oldest first (SPEC §8 *Abiertos al cierre*).
    package var open: [MonthCase]
    /// Met and breached clocks of the month by priority, P1 to P4.
    package var byPriority: [PriorityFigures]
    /// Every client's twelve months, client by client, oldest first (SPEC §8 *Tendencia*).
    package var trend: [TrendMonth] = []
    /// The work plan's solution commitments counted in the month (MonthlyCommitments.swift).
    package var commitments = MonthlyCommitments()
    /// Each client's commitments in each month of `trend`, in the same order.
    package var commitmentTrend: [CommitmentFigures] = []
    /// Each client's time by support level, levels 1–3 client by client (SPEC §16 *Tiempo por nivel*).
    package var levels: [LevelFigures] = []

    /// The KAM's total row (SPEC §8): each count the sum of the clients', compliance and the means
    /// and medians over all the KAM's clocks and cases — not averaged from the rows.
    package var total: ClientFigures {
        var total = ClientFigures(clientID: "", clientName: "Total")
        for client in clients {
            total.registered += client.registered
            total.solved += client.solved
            total.autoClosed += client.autoClosed
            total.openAtMonthEnd += client.openAtMonthEnd
            total.met += client.met
            total.breached += client.breached
            total.attentionSeconds += client.attentionSeconds
            total.resolutionSeconds += client.resolutionSeconds
        }
        return total
    }

    /// Nothing registered, solved, closed, breached or open at month end.
    package var hasNoActivity: Bool { cases.isEmpty && clients.allSatisfy { $0.openAtMonthEnd == 0 && $0.breached == 0 } }
}

/// The figures of SPEC §8's table for one client.
package struct ClientFigures: Sendable, Equatable, ComplianceCounts {
    package var clientID: String
    package var clientName: String
    package var registered = 0
    package var solved = 0
    package var autoClosed = 0
    package var openAtMonthEnd = 0
    package var met = 0
    package var breached = 0
    /// Attention elapsed of the clocks that stopped in the month, and resolution times of the cases
    /// whose latest solution is in it, in seconds.
    package var attentionSeconds: [Int64] = []
    package var resolutionSeconds: [Int64] = []
    /// The client's terms for the month: those a case registered on its last day would get (SPEC §8).
    package var terms: Terms = .standard
    /// Which P1 target of the terms is the client's; nil when the database does not say.
    package var contract: Contract?

    package init(clientID: String, clientName: String, contract: Contract? = nil) {
        self.clientID = clientID
        self.clientName = clientName
        self.contract = contract
    }

    package var meanAttentionHours: Double? { Statistics.mean(attentionSeconds).map { $0 / 3600 } }
    package var medianAttentionHours: Double? { Statistics.median(attentionSeconds).map { $0 / 3600 } }
    package var meanResolutionHours: Double? { Statistics.mean(resolutionSeconds).map { $0 / 3600 } }
    package var medianResolutionHours: Double? { Statistics.median(resolutionSeconds).map { $0 / 3600 } }
}

/// Met and breached clocks of one priority in the month.
package struct PriorityFigures: Sendable, Equatable, ComplianceCounts {
    package var priority: Priority
    package var met = 0
    package var breached = 0

}

/// A case of the month with its clock as of the month's end.
package struct MonthCase: Sendable {
    package var row: StatusRow
    /// The latest `solved` by month end, when the case is still solved then.
    package var solvedAt: Instant?
    /// The latest closure (`closed` or `auto_closed`) by month end, when the case is closed then.
    package var closedAt: Instant?
}

/// An automatic closure in the month: the solution it validated and the deadline it closed at.
package struct MonthClosure: Sendable, Equatable {
    package var caseID: String
    package var clientID: String
    package var clientName: String
    package var product: String
    package var solvedAt: Instant?
    package var closedAt: Instant
}

/// Met and breached clocks, and the compliance SPEC §8 makes of them — one formula for the
/// clients' rows, the total, each priority and each month of the trend.
package protocol ComplianceCounts {
    var met: Int { get }
    var breached: Int { get }
}

extension ComplianceCounts {
    /// 100 × met ÷ (met + breached); nil when both are 0.
    package var compliancePercent: Double? { met + breached == 0 ? nil : 100 * Double(met) / Double(met + breached) }
}

package enum Statistics {
    package static func mean(_ values: [Int64]) -> Double? {
        values.isEmpty ? nil : Double(values.reduce(0, +)) / Double(values.count)
    }

    /// The middle value, or the mean of the two middle values of an even count.
    package static func median(_ values: [Int64]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? Double(sorted[middle]) : (Double(sorted[middle - 1]) + Double(sorted[middle])) / 2
    }
}

extension KAMMonth {
    /// The month of one KAM.
    ///
    /// - Parameters:
    ///   - clients: the KAM's clients (id, name).
    ///   - rows: the KAM's cases registered by the month's end that may count (any superset of those
    ///     registered, solved, closed, breached or open in the month), evaluated as of `month.end`
    ///     with the closures due by then applied.
    ///   - closure: to name the solution each automatic closure validated.
    ///   - policy: each case's terms (its acceptance days), and each client's for the month.
    package init(
        kamID: String, kamName: String, month: ReportMonth, clients: [(id: String, name: String, contract: Contract?)],
        rows: [StatusRow], closure: AutomaticClosure, policy: Policy
    ) throws(ClockRangeError) {
        self.kamID = kamID
        self.kamName = kamName
        self.month = month
        var figures = Dictionary(
            clients.map { ($0.id, ClientFigures(clientID: $0.id, clientName: $0.name, contract: $0.contract)) },
            uniquingKeysWith: { first, _ in first })
        for id in figures.keys { figures[id]?.terms = policy.terms(forClient: id, registeredOn: month.lastDay) }
        var cases: [MonthCase] = []
        var breaches: [(due: Instant, monthCase: MonthCase)] = []
        var closures: [MonthClosure] = []
        var byType: [CaseType: Int] = [:]
        var byPriority: [Priority: Int] = [:]
        var byProduct: [String: Int] = [:]
        var registeredDates: [LocalDate] = []
        var open: [MonthCase] = []
        var byPriorityFigures = Priority.allCases.map { PriorityFigures(priority: $0) }

        for row in rows {
            let snapshot = row.snapshot
            let serviceCase = snapshot.serviceCase
            let evaluation = row.evaluation
            guard serviceCase.createdAt < month.end else { continue }
            var client =
                figures[serviceCase.clientID]
                ?? {
                    var figures = ClientFigures(
                        clientID: serviceCase.clientID, clientName: snapshot.clientName,
                        contract: serviceCase.contract)
                    figures.terms = policy.terms(forClient: serviceCase.clientID, registeredOn: month.lastDay)
                    return figures
                }()
            let history = snapshot.events.filter { $0.at <= month.end }
            let registered = month.contains(serviceCase.createdAt)
            let solvedInMonth = history.contains { $0.kind == .solved && month.contains($0.at) }
            let closedInMonth = history.contains { CaseLifecycle.closingKinds.contains($0.kind) && month.contains($0.at) }
            let stillSolvedAt = CaseLifecycle.standingSolution(in: history)?.at
            let closedAt = CaseLifecycle.closure(in: history)?.at

            if registered {
                client.registered += 1
                byType[serviceCase.type, default: 0] += 1
                byPriority[serviceCase.priority, default: 0] += 1
                byProduct[snapshot.product, default: 0] += 1
                registeredDates.append(serviceCase.createdAt.localDate)
            }
            if solvedInMonth { client.solved += 1 }
            for event in history where event.kind == .autoClosed && month.contains(event.at) {
                client.autoClosed += 1
                let days = policy.terms(for: serviceCase).acceptanceBusinessDays
                let period = try closure.periods(events: history, asOf: month.end, days: days).first {
                    $0.outcome == .closed(by: event)
                }
                closures.append(
                    MonthClosure(
                        caseID: serviceCase.id, clientID: serviceCase.clientID, clientName: snapshot.clientName,
                        product: snapshot.product,
                        solvedAt: period?.solved.at ?? history.last { $0.kind == .solved && $0.at <= event.at }?.at,
                        closedAt: event.at))
            }
            let monthCase = MonthCase(row: row, solvedAt: stillSolvedAt, closedAt: closedAt)
            let priority = Priority.allCases.firstIndex(of: serviceCase.priority) ?? 0
            if closedAt == nil {
                client.openAtMonthEnd += 1
                open.append(monthCase)
            }
            if let stopped = evaluation.stoppedAt, month.contains(stopped) {
                if evaluation.state == .met {
                    client.met += 1
                    byPriorityFigures[priority].met += 1
                }
                client.attentionSeconds.append(evaluation.elapsedSeconds)
            }
            if let due = evaluation.dueAt, evaluation.counts(asBreachIn: month) {
                client.breached += 1
                byPriorityFigures[priority].breached += 1
                breaches.append((due, monthCase))
            }
            if let solvedAt = stillSolvedAt, month.contains(solvedAt), let resolution = evaluation.resolutionSeconds {
                client.resolutionSeconds.append(resolution)
            }
            if registered || solvedInMonth || closedInMonth { cases.append(monthCase) }
            figures[serviceCase.clientID] = client
        }

        self.clients = figures.values.sorted { $0.clientID < $1.clientID }
        self.cases = cases.sorted {
            ($0.row.snapshot.serviceCase.createdAt, $0.row.snapshot.serviceCase.id)
                < ($1.row.snapshot.serviceCase.createdAt, $1.row.snapshot.serviceCase.id)
        }
        self.breaches = breaches.sorted {
            ($0.due, $0.monthCase.row.snapshot.serviceCase.id) < ($1.due, $1.monthCase.row.snapshot.serviceCase.id)
        }.map(\.monthCase)
        self.closures = closures.sorted { ($0.closedAt, $0.caseID) < ($1.closedAt, $1.caseID) }
        self.open = open.sorted {
            ($0.row.snapshot.serviceCase.createdAt, $0.row.snapshot.serviceCase.id)
                < ($1.row.snapshot.serviceCase.createdAt, $1.row.snapshot.serviceCase.id)
        }
        self.byPriority = byPriorityFigures
        registeredByType = CaseType.allCases.map { ($0, byType[$0] ?? 0) }
        registeredByPriority = Priority.allCases.map { ($0, byPriority[$0] ?? 0) }
        registeredByProduct = byProduct.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        registeredByWeek = KAMMonth.weeks(of: month).map { week in
            (week.first, week.last, registeredDates.filter { week.first <= $0 && $0 <= week.last }.count)
        }
    }

    /// Whether `row` (evaluated as of `month.end`, its due closures applied) can change the month
    /// of its KAM other than by naming its client: registered in the month, with an event in it,
    /// open at its end, its clock stopped or breached in it, a solution commitment or a level's
    /// OLA counted in it. The rows `init` counts are among
    /// these; a row that is not only names its client (when the client is not the KAM's), which
    /// the client's first row does as well — so the month of the rows this keeps, each client's
    /// first among them, is the month of all the rows. A report keeps these, not a year of cases.
    package static func mayCount(_ row: StatusRow, in month: ReportMonth) -> Bool {
        let serviceCase = row.snapshot.serviceCase
        let evaluation = row.evaluation
        guard serviceCase.createdAt < month.end else { return false }
        if month.contains(serviceCase.createdAt) || row.snapshot.events.contains(where: { month.contains($0.at) }) {
            return true
        }
        if CaseLifecycle.closure(in: row.snapshot.events.filter { $0.at <= month.end }) == nil { return true }
        if let stopped = evaluation.stoppedAt, month.contains(stopped) { return true }
        if evaluation.counts(asBreachIn: month) { return true }
        // A solution commitment missed in the month (its due passed) or a level's OLA gone over
        // in it: both mean an open case or an event in the month already, but are asked anyway.
        if MonthlyCommitments.figures(of: row, in: month) != CommitmentFigures() { return true }
        return Terms.supportLevels.contains { TimeByLevel.olaBreached(evaluation, level: $0, in: month) }
    }

    /// Monday-to-Sunday weeks of the month, the first and last cut at its edges.
    static func weeks(of month: ReportMonth) -> [(first: LocalDate, last: LocalDate)] {
        let lastDay = month.next.firstDay.adding(days: -1)
        var weeks: [(LocalDate, LocalDate)] = []
        var first = month.firstDay
        while first <= lastDay {
            let sunday = first.adding(days: 7 - first.weekday.rawValue)
            let last = min(sunday, lastDay)
            weeks.append((first, last))
            first = last.adding(days: 1)
        }
        return weeks
    }
}
