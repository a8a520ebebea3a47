/// The attention targets and the at-risk threshold (SPEC §4), as data: the nightly run takes a
/// policy, so a policy edit recomputes every clock as if it had always been so.
public struct SLAPolicy: Hashable, Sendable {
    /// A target: how many seconds, on which clock.
    public struct Target: Hashable, Sendable {
        public var clock: ClockKind
        public var seconds: Int64

        public init(clock: ClockKind, seconds: Int64) {
            self.clock = clock
            self.seconds = seconds
        }
    }

    /// P1 of a SaaS client: the client may report outside the window.
    public var p1SaaS: Target
    /// P1 of an on-premise client.
    public var p1OnPremise: Target
    /// Business hours by urgency (rows) and impact (columns), for P2–P4.
    public var matrixHours: [Grade: [Grade: Int64]]
    /// `at_risk` from this share of the target, in percent.
    public var atRiskPercent: Int64

    public init(p1SaaS: Target, p1OnPremise: Target, matrixHours: [Grade: [Grade: Int64]], atRiskPercent: Int64) {
        self.p1SaaS = p1SaaS
        self.p1OnPremise = p1OnPremise
        self.matrixHours = matrixHours
        self.atRiskPercent = atRiskPercent
    }

    /// The SPEC's defaults: P1 4 hours (24×7 for SaaS, business for on-premise), the vendor's
    /// impact × urgency matrix in business hours, at risk from 75 %.
    public static let standard = SLAPolicy(
        p1SaaS: Target(clock: .twentyFourSeven, seconds: 4 * 3600),
        p1OnPremise: Target(clock: .business, seconds: 4 * 3600),
        matrixHours: [
            .alta: [.alta: 8, .media: 16, .baja: 32],
            .media: [.alta: 16, .media: 32, .baja: 64],
            .baja: [.alta: 32, .media: 64, .baja: 96],
        ],
        atRiskPercent: 75
    )

    /// The clock a case runs on, and its target; `target` is nil for a P2–P4 case without impact
    /// or urgency (unclassified), whose clock still runs on the business clock.
    public func target(for serviceCase: ServiceCase) -> (clock: ClockKind, target: Int64?) {
        if serviceCase.priority == .p1 {
            let target = serviceCase.contract == .saas ? p1SaaS : p1OnPremise
            return (target.clock, target.seconds)
        }
        guard let impact = serviceCase.impact, let urgency = serviceCase.urgency,
              let hours = matrixHours[urgency]?[impact]
        else { return (.business, nil) }
        return (.business, hours * 3600)
    }
}
