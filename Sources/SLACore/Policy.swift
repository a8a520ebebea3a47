/// The service agreements (SPEC §10): the policy's own terms, and the agreements that change them
/// for some clients, for the cases registered between two dates. Data, not code: the policy file
/// says it, and a contract that changes from a date on is a new agreement with that date.
public struct Policy: Sendable {
    /// The terms of a case no agreement matches.
    public var defaults: Terms
    /// In file order: the first that matches a case gives its terms.
    public private(set) var agreements: [Agreement]
    /// For each client, the positions of the agreements that list it, in file order.
    private var byClient: [String: [Int]]

    /// The clients the agreements name that `known` does not hold, as (agreement, client)
    /// positions in file order. SPEC §10: each is a warning, never an error — a typo in the
    /// policy, or a client tomorrow's import brings — said the same by the night's log and by
    /// `sla policy check` (`unknownClientWarning`).
    package func unknownClients(_ known: Set<String>) -> [(agreement: Int, client: Int)] {
        var unknown: [(agreement: Int, client: Int)] = []
        for (position, agreement) in agreements.enumerated() {
            for (index, client) in agreement.clients.enumerated() where !known.contains(client) {
                unknown.append((position, index))
            }
        }
        return unknown
    }

    /// The warning for the client at `client` of the agreement at `agreement`.
    package func unknownClientWarning(agreement: Int, client: Int) -> String {
        let named = agreements[agreement]
        return "the agreement '\(named.name)' names the client \(named.clients[client]), which the database does not know"
    }

    package init(defaults: Terms, agreements: [Agreement] = []) {
        self.defaults = defaults
        self.agreements = agreements
        var byClient: [String: [Int]] = [:]
        for (position, agreement) in agreements.enumerated() {
            for client in agreement.clients where byClient[client]?.last != position {
                byClient[client, default: []].append(position)
            }
        }
        self.byClient = byClient
    }

    /// The SPEC's default terms and no agreement.
    package static let standard = Policy(defaults: .standard)

    /// The terms of a case of `clientID` registered on `date` (Bogotá): the first agreement, in
    /// file order, that lists the client and whose dates contain the date; else the defaults.
    ///
    /// - Complexity: one dictionary lookup and a scan of the client's agreements.
    public func terms(forClient clientID: String, registeredOn date: LocalDate) -> Terms {
        agreementIndex(forClient: clientID, registeredOn: date).map { agreements[$0].terms } ?? defaults
    }

    /// The position of the agreement that gives the terms of a case of `clientID` registered on
    /// `date`, or nil for the defaults — the agreement itself, not one that happens to share its name.
    package func agreementIndex(forClient clientID: String, registeredOn date: LocalDate) -> Int? {
        guard let positions = byClient[clientID] else { return nil }
        return positions.first { agreements[$0].contains(date) }
    }

    /// The terms of `serviceCase`, by its client and the Bogotá date of its registration.
    package func terms(for serviceCase: ServiceCase) -> Terms {
        terms(forClient: serviceCase.clientID, registeredOn: serviceCase.createdAt.localDate)
    }
}

/// An agreement of the policy: the clients it is for, the registration dates it covers, and the
/// terms it changes — key by key, down to one value; what it does not set is the top level's.
public struct Agreement: Sendable, Equatable {
    public var name: String
    public var clients: [String]
    /// The first and last registration dates it covers (both included); nil: no limit.
    public var from: LocalDate?
    public var until: LocalDate?
    public var changes: TermsChanges
    /// The top level's terms with the changes applied, and the agreement's name.
    public private(set) var terms: Terms

    package init(
        name: String, clients: [String], from: LocalDate? = nil, until: LocalDate? = nil, changes: TermsChanges,
        over defaults: Terms
    ) {
        self.name = name
        self.clients = clients
        self.from = from
        self.until = until
        self.changes = changes
        var terms = changes.applied(to: defaults)
        terms.agreement = name
        self.terms = terms
    }

    /// Whether a case registered on `date` is covered.
    public func contains(_ date: LocalDate) -> Bool {
        (from.map { $0 <= date } ?? true) && (until.map { date <= $0 } ?? true)
    }
}

/// What an agreement changes of the terms: each value it sets, nothing else.
public struct TermsChanges: Sendable, Equatable {
    package var atRiskPercent: Int64?
    package var acceptanceBusinessDays: Int?
    package var complianceTargetPercent: Double?
    /// `compliance_target_percent: ~` — the agreement has no target even when the top level sets one.
    package var clearsComplianceTarget = false
    /// P1 by contract: the hours (as seconds) and the clock, each optional.
    package var p1: [Contract: (seconds: Int64?, clock: ClockKind?)] = [:]
    /// P2–P4 seconds by urgency, then impact: only the cells set.
    package var matrix: [Grade: [Grade: Int64]] = [:]
    package var matrixClock: ClockKind?
    /// OLA seconds by support level: only the levels set.
    package var ola: [Int: Int64] = [:]
    /// The levels whose OLA is `~`: none, even when the top level sets one.
    package var clearsOLA: Set<Int> = []

    package init() {}

    public func applied(to terms: Terms) -> Terms {
        var result = terms
        if let atRiskPercent { result.atRiskPercent = atRiskPercent }
        if let acceptanceBusinessDays { result.acceptanceBusinessDays = acceptanceBusinessDays }
        if clearsComplianceTarget { result.complianceTargetPercent = nil }
        if let complianceTargetPercent { result.complianceTargetPercent = complianceTargetPercent }
        for (contract, change) in p1 {
            let index = Terms.index(contract)
            if let seconds = change.seconds { result.p1[index].seconds = seconds }
            if let clock = change.clock { result.p1[index].clock = clock }
        }
        for (urgency, row) in matrix {
            for (impact, seconds) in row { result.matrix[Terms.index(urgency)][Terms.index(impact)] = seconds }
        }
        if let matrixClock { result.matrixClock = matrixClock }
        if result.ola.count < Terms.supportLevels.count {
            result.ola += Array(repeating: nil, count: Terms.supportLevels.count - result.ola.count)
        }
        for level in clearsOLA where Terms.supportLevels.contains(level) { result.ola[level - 1] = nil }
        for (level, seconds) in ola where Terms.supportLevels.contains(level) { result.ola[level - 1] = seconds }
        return result
    }

    public static func == (lhs: TermsChanges, rhs: TermsChanges) -> Bool {
        lhs.atRiskPercent == rhs.atRiskPercent && lhs.acceptanceBusinessDays == rhs.acceptanceBusinessDays
            && lhs.complianceTargetPercent == rhs.complianceTargetPercent
            && lhs.clearsComplianceTarget == rhs.clearsComplianceTarget && lhs.matrix == rhs.matrix
            && lhs.matrixClock == rhs.matrixClock && lhs.ola == rhs.ola && lhs.clearsOLA == rhs.clearsOLA
            && lhs.p1.count == rhs.p1.count
            && lhs.p1.allSatisfy { rhs.p1[$0.key]?.seconds == $0.value.seconds && rhs.p1[$0.key]?.clock == $0.value.clock }
    }
}
