/// A case and its evaluated attention clock: one row of `sla-status.csv`, `breaches.csv` and
/// `sla export` (SPEC §7).
package struct StatusRow: Sendable {
    package var snapshot: CaseSnapshot
    package var evaluation: AttentionEvaluation
    /// The work plan's solution commitments as of the same instant.
    package var commitments: SolutionCommitments

    package init(snapshot: CaseSnapshot, evaluation: AttentionEvaluation, asOf: Instant) {
        self.snapshot = snapshot
        self.evaluation = evaluation
        commitments = SolutionCommitments(snapshot.events, asOf: asOf)
    }

    /// The support level now (SPEC §3).
    package var supportLevel: Int { CaseHandling.supportLevel(snapshot.events) }

    /// Since when the case waits on the client, if it does now (SPEC §7).
    package var waitingSince: Instant? { CaseHandling.waitingSince(snapshot.events) }

    /// The time of the level the case is at now over that level's OLA (SPEC §16), in seconds, when
    /// it is over it: what the breach list marks beside the level.
    package var currentLevelOverOLA: (level: Int, seconds: Int64)? {
        let level = supportLevel
        guard let ola = evaluation.ola(level: level) else { return nil }
        let over = evaluation.handling.seconds(atLevel: level) - ola
        return over > 0 ? (level, over) : nil
    }

    /// Breached or at risk, and still running: what a supervisor must act on.
    package var needsAction: Bool {
        (evaluation.state == .breached || evaluation.state == .atRisk) && evaluation.stoppedAt == nil
    }
}
