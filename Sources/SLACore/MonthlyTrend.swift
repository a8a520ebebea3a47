/// A client's twelve months (SPEC §8 *Tendencia*): each month's registered, solved, met and
/// breached exactly as that month's own report counts them, from one pass over the cases of the
/// twelve months evaluated once, as of the report's end.
///
/// Once a clock has stopped its state and its elapsed time never change, and the instant it went
/// over its target depends only on what came before, so the evaluation as of the report's end
/// gives every earlier month's met and breached.
package struct TrendMonth: Sendable, Equatable, ComplianceCounts {
    package var clientID: String
    package var month: ReportMonth
    package var registered = 0
    package var solved = 0
    package var met = 0
    package var breached = 0
    /// The client's agreed compliance target that month (a case registered on its last day), if any.
    package var complianceTargetPercent: Double?
}

package enum MonthlyTrend {
    /// The twelve months ending with `month`, oldest first.
    package static func months(endingWith month: ReportMonth) -> [ReportMonth] {
        var months = [month]
        while months.count < 12, let first = months.first { months.insert(first.previous, at: 0) }
        return months
    }

    /// One row per client (in `clientIDs` order) and month, oldest first.
    ///
    /// - Parameters:
    ///   - rows: the clients' cases that can count in the twelve months (a superset), evaluated as
    ///     of `month.end` with the closures due by then applied.
    ///   - policy: each client's agreed compliance target, month by month.
    package static func rows(
        endingWith month: ReportMonth, clientIDs: [String], rows: [StatusRow],
        policy: Policy
    ) -> [TrendMonth] {
        var tally = Tally(endingWith: month)
        for row in rows { tally.add(row) }
        return tally.rows(clientIDs: clientIDs, policy: policy)
    }

    /// The twelve months' counts per client, added to a case at a time: a report keeps these
    /// counts rather than a year of cases.
    package struct Tally: Sendable {
        private let months: [ReportMonth]
        private let window: Range<Instant>?
        private var index: [String: [Int: TrendMonth]] = [:]
        /// The solution commitments' counts per client and month (only where a case had any).
        private var commitments: [String: [Int: CommitmentFigures]] = [:]

        package init(endingWith month: ReportMonth) {
            months = MonthlyTrend.months(endingWith: month)
            window = months.first.map { $0.start..<month.end }
        }

        private func position(_ instant: Instant) -> Int? {
            guard let window, window.contains(instant) else { return nil }
            let local = ReportMonth(containing: instant)
            return months.firstIndex(of: local)
        }

        private mutating func add(_ clientID: String, _ at: Instant?, _ change: (inout TrendMonth) -> Void) {
            guard let at, let slot = position(at) else { return }
            var row = index[clientID]?[slot] ?? TrendMonth(clientID: clientID, month: months[slot])
            change(&row)
            index[clientID, default: [:]][slot] = row
        }

        /// Counts a case evaluated as of the last month's end with the closures due by then applied.
        package mutating func add(_ row: StatusRow) {
            guard window != nil else { return }
            let serviceCase = row.snapshot.serviceCase
            let evaluation = row.evaluation
            let client = serviceCase.clientID
            add(client, serviceCase.createdAt) { $0.registered += 1 }
            // Solved in a month: at least one solution in it, whatever came after.
            var solvedMonths = Set<Int>()
            for event in row.snapshot.events where event.kind == .solved {
                if let slot = position(event.at) { solvedMonths.insert(slot) }
            }
            for slot in solvedMonths { add(client, months[slot].start) { $0.solved += 1 } }
            if evaluation.state == .met, let stopped = evaluation.stoppedAt {
                add(client, stopped) { $0.met += 1 }
            }
            if let breachedAt = evaluation.breachedAt { add(client, breachedAt) { $0.breached += 1 } }
            guard !row.commitments.commitments.isEmpty else { return }
            for (slot, month) in months.enumerated() {
                let figures = MonthlyCommitments.figures(of: row, in: month)
                if figures != CommitmentFigures() {
                    commitments[client, default: [:]][slot] = (commitments[client]?[slot] ?? CommitmentFigures()) + figures
                }
            }
        }

        /// Each client's solution commitments for each month, client by client (in `clientIDs`
        /// order), oldest month first: the same as each month's `MonthlyCommitments`.
        package func commitmentRows(clientIDs: [String]) -> [CommitmentFigures] {
            guard window != nil else { return [] }
            return clientIDs.flatMap { client in
                months.indices.map { commitments[client]?[$0] ?? CommitmentFigures() }
            }
        }

        /// One row per client (in `clientIDs` order) and month, oldest first.
        package func rows(clientIDs: [String], policy: Policy) -> [TrendMonth] {
            guard window != nil else { return [] }
            return clientIDs.flatMap { client in
                months.indices.map { slot in
                    var row = index[client]?[slot] ?? TrendMonth(clientID: client, month: months[slot])
                    row.complianceTargetPercent =
                        policy.terms(forClient: client, registeredOn: months[slot].lastDay)
                        .complianceTargetPercent
                    return row
                }
            }
        }
    }
}
