/// The terms a case's service is measured by (SPEC §4, §6, §10): its attention targets and their
/// clocks, the at-risk threshold, the client's days to accept a solution, and the compliance the
/// client was promised. A policy gives every case its terms — the top level's, or an agreement's.
public struct Terms: Hashable, Sendable {
    /// A target: how many seconds, on which clock.
    public struct Target: Hashable, Sendable {
        package var clock: ClockKind
        public var seconds: Int64

        package init(clock: ClockKind, seconds: Int64) {
            self.clock = clock
            self.seconds = seconds
        }
    }

    /// `at_risk` from this share of the target, in percent (1–100).
    public var atRiskPercent: Int64
    /// The business days a client has to validate a solution (1–30).
    public var acceptanceBusinessDays: Int
    /// The compliance the client was promised, in percent (0–100), when the agreement sets one.
    public var complianceTargetPercent: Double?
    /// P1 by the client's contract, `Contract.allCases` order.
    public var p1: [Target]
    /// P2–P4 target seconds by urgency (rows) and impact (columns), `Grade.allCases` order.
    public var matrix: [[Int64]]
    /// The clock of P2–P4 cases, unclassified ones included.
    package var matrixClock: ClockKind
    /// The operational targets of support levels 1–3 (SPEC §16), in seconds on the case's clock,
    /// index 0 for level 1; nil where the terms set none (the default).
    package var ola: [Int64?]
    /// The agreement the terms come from; nil for the policy's own, the default terms.
    public var agreement: String?

    package init(
        atRiskPercent: Int64, acceptanceBusinessDays: Int, complianceTargetPercent: Double?,
        p1: [Contract: Target], matrixHours: [Grade: [Grade: Int64]], matrixClock: ClockKind,
        olaSeconds: [Int: Int64] = [:], agreement: String? = nil
    ) {
        self.atRiskPercent = atRiskPercent
        self.acceptanceBusinessDays = acceptanceBusinessDays
        self.complianceTargetPercent = complianceTargetPercent
        self.p1 = Contract.allCases.map { p1[$0] ?? Target(clock: .business, seconds: 4 * 3600) }
        self.matrix = Grade.allCases.map { urgency in Grade.allCases.map { impact in (matrixHours[urgency]?[impact] ?? 0) * 3600 }
        }
        self.matrixClock = matrixClock
        self.ola = Self.supportLevels.map { olaSeconds[$0] }
        self.agreement = agreement
    }

    /// The SPEC's defaults: P1 4 hours (24×7 for SaaS, business for on-premise), the vendor's
    /// impact × urgency matrix in business hours, at risk from 75 %, five business days to accept
    /// a solution, no compliance target. The built-in policy file says the same (test).
    package static let standard = Terms(
        atRiskPercent: 75, acceptanceBusinessDays: 5, complianceTargetPercent: nil,
        p1: [.saas: Target(clock: .twentyFourSeven, seconds: 4 * 3600), .onPremise: Target(clock: .business, seconds: 4 * 3600)],
        matrixHours: [
            .alta: [.alta: 8, .media: 16, .baja: 32],
            .media: [.alta: 16, .media: 32, .baja: 64],
            .baja: [.alta: 32, .media: 64, .baja: 96]
        ],
        matrixClock: .business)

    /// The support levels of the agency's procedure (SPEC §3): 1 the service desk, 2 and 3 specialists.
    package static let supportLevels = 1...3

    /// The OLA of a support level (1–3), in seconds on the case's clock; nil without one.
    package func ola(level: Int) -> Int64? { Self.supportLevels.contains(level) && level <= ola.count ? ola[level - 1] : nil }

    /// The P1 target of a contract.
    package func p1(_ contract: Contract) -> Target { p1[Self.index(contract)] }

    /// The P2–P4 target seconds of an urgency and an impact.
    package func matrixSeconds(urgency: Grade, impact: Grade) -> Int64 { matrix[Self.index(urgency)][Self.index(impact)] }

    /// The clock a case runs on, and its target; `target` is nil for a P2–P4 case without impact
    /// or urgency (unclassified), whose clock still runs, on the matrix's clock.
    package func target(for serviceCase: ServiceCase) -> (clock: ClockKind, target: Int64?) {
        if serviceCase.priority == .p1 {
            let target = p1(serviceCase.contract)
            return (target.clock, target.seconds)
        }
        guard let impact = serviceCase.impact, let urgency = serviceCase.urgency else { return (matrixClock, nil) }
        return (matrixClock, matrixSeconds(urgency: urgency, impact: impact))
    }

    static func index(_ contract: Contract) -> Int { contract == .saas ? 0 : 1 }

    static func index(_ grade: Grade) -> Int {
        switch grade {
        case .alta: 0
        case .media: 1
        case .baja: 2
        }
    }
}
