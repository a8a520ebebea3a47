/// A case that cannot be evaluated (SPEC §13) — an instant outside the calendar, a value outside
/// the vocabulary, an id that is not text — with what a supervisor needs to send it to whoever
/// can fix it in the ticketing tool. The night lists it and goes on with the other cases.
public struct CaseProblem: Sendable, Equatable {
    /// The case's id as read, made printable.
    public var caseID: String
    /// The client and KAM, as far as they could be read (empty when not).
    public var clientID: String
    public var clientName: String
    public var kamID: String
    public var kamName: String
    /// What is wrong, one finding per field.
    public var findings: [Finding]

    public init(caseID: String, clientID: String = "", clientName: String = "", kamID: String = "", kamName: String = "",
                findings: [Finding])
    {
        self.caseID = caseID
        self.clientID = clientID
        self.clientName = clientName
        self.kamID = kamID
        self.kamName = kamName
        self.findings = findings
    }

    /// The findings in one sentence, for a sheet's cell.
    public var reason: String {
        findings.map(\.message).joined(separator: "; ")
    }
}
