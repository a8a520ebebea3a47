/// A case and its evaluated attention clock: one row of `sla-status.csv`, `breaches.csv` and
/// `sla export` (SPEC §7).
public struct StatusRow: Sendable {
    public var snapshot: CaseSnapshot
    public var evaluation: AttentionEvaluation
    /// The work plan's solution commitments as of the same instant.
    public var commitments: SolutionCommitments

    public init(snapshot: CaseSnapshot, evaluation: AttentionEvaluation, asOf: Instant) {
        self.snapshot = snapshot
        self.evaluation = evaluation
        commitments = SolutionCommitments(snapshot.events, asOf: asOf)
    }

    /// The support level now (SPEC §3).
    public var supportLevel: Int { CaseHandling.supportLevel(snapshot.events) }

    /// Since when the case waits on the client, if it does now (SPEC §7).
    public var waitingSince: Instant? { CaseHandling.waitingSince(snapshot.events) }

    /// Breached or at risk, and still running: what a supervisor must act on.
    public var needsAction: Bool {
        (evaluation.state == .breached || evaluation.state == .atRisk) && evaluation.stoppedAt == nil
    }
}
