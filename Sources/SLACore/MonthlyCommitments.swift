/// The work plan's solution commitments a month counts: each one once, in the month of its
/// outcome — a kept one in the month of its `solved`, a missed one in the month its due passed
/// (`SolutionCommitments.countedIn`) — and the re-plans made in the month.
///
/// An outcome never changes once it happened (a solution at or before the due, a re-plan at or
/// before it, or the due passing), so the commitments evaluated as of a later instant give every
/// earlier month's figures as that month's own report counts them: the twelve months of the
/// trend come from the same rows as the month itself.
package struct CommitmentFigures: Sendable, Equatable {
    package var kept = 0
    package var missed = 0
    /// Re-plans made in the month: commitments that replaced a pending or missed one.
    package var replans = 0

    package init(kept: Int = 0, missed: Int = 0, replans: Int = 0) {
        self.kept = kept
        self.missed = missed
        self.replans = replans
    }

    /// 100 × kept ÷ (kept + missed); nil when both are 0.
    package var percent: Double? { kept + missed == 0 ? nil : 100 * Double(kept) / Double(kept + missed) }

    static func + (lhs: Self, rhs: Self) -> Self {
        Self(kept: lhs.kept + rhs.kept, missed: lhs.missed + rhs.missed, replans: lhs.replans + rhs.replans)
    }
}

/// One commitment counted in a month, with its case.
package struct MonthCommitment: Sendable {
    package var row: StatusRow
    package var commitment: SolutionCommitments.Commitment
}

/// One KAM's (or one client's) commitments of a month.
package struct MonthlyCommitments: Sendable {
    /// Per client id.
    package var byClient: [String: CommitmentFigures] = [:]
    /// The commitments counted, by the instant of their outcome, then case id.
    package var counted: [MonthCommitment] = []

    package init() {}

    /// - Parameter rows: the cases (any superset of those with a commitment counted in the month),
    ///   evaluated as of the month's end or later.
    package init(month: ReportMonth, rows: [StatusRow]) {
        for row in rows where !row.commitments.commitments.isEmpty {
            let client = row.snapshot.serviceCase.clientID
            var figures = byClient[client] ?? CommitmentFigures()
            for commitment in row.commitments.countedIn(from: month.start, to: month.end) {
                if commitment.outcome == .kept { figures.kept += 1 } else { figures.missed += 1 }
                counted.append(MonthCommitment(row: row, commitment: commitment))
            }
            figures.replans += row.commitments.replans(from: month.start, to: month.end)
            if figures != CommitmentFigures() { byClient[client] = figures }
        }
        counted.sort { left, right in
            let (l, r) = (left.commitment.outcomeAt ?? left.commitment.due, right.commitment.outcomeAt ?? right.commitment.due)
            if l != r { return l < r }
            let (lc, rc) = (left.row.snapshot.serviceCase.id, right.row.snapshot.serviceCase.id)
            return lc != rc ? lc < rc : left.commitment.committedAt < right.commitment.committedAt
        }
    }

    /// A client's figures (zeros without commitments).
    package func figures(of clientID: String) -> CommitmentFigures { byClient[clientID] ?? CommitmentFigures() }

    /// The total over `clientIDs`: sums, and the percentage over all of them (not averaged).
    package func total(of clientIDs: [String]) -> CommitmentFigures {
        clientIDs.reduce(CommitmentFigures()) { $0 + figures(of: $1) }
    }

    /// Each client's figures for each of `months`, client by client (in `clientIDs` order), oldest
    /// month first — the rows of the trend.
    package static func trend(months: [ReportMonth], clientIDs: [String], rows: [StatusRow]) -> [CommitmentFigures] {
        let withCommitments = rows.filter { !$0.commitments.commitments.isEmpty }
        let perMonth = months.map { MonthlyCommitments(month: $0, rows: withCommitments) }
        return clientIDs.flatMap { client in perMonth.map { $0.figures(of: client) } }
    }

    /// What one case adds to `month`'s figures: its commitments whose outcome is in the month and
    /// its re-plans made in it — the counts `init(month:rows:)` adds up.
    package static func figures(of row: StatusRow, in month: ReportMonth) -> CommitmentFigures {
        var figures = CommitmentFigures()
        for commitment in row.commitments.countedIn(from: month.start, to: month.end) {
            if commitment.outcome == .kept { figures.kept += 1 } else { figures.missed += 1 }
        }
        figures.replans = row.commitments.replans(from: month.start, to: month.end)
        return figures
    }
}
