/// A case and its evaluated attention clock: one row of `sla-status.csv`, `breaches.csv` and
/// `sla export` (SPEC §7).
public struct StatusRow: Sendable {
    public var snapshot: CaseSnapshot
    public var evaluation: AttentionEvaluation

    public init(snapshot: CaseSnapshot, evaluation: AttentionEvaluation) {
        self.snapshot = snapshot
        self.evaluation = evaluation
    }

    /// Breached or at risk, and still running: what a supervisor must act on.
    public var needsAction: Bool {
        (evaluation.state == .breached || evaluation.state == .atRisk) && evaluation.stoppedAt == nil
    }
}
