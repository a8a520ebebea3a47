/// A case that cannot be evaluated (SPEC §13) — an instant outside the calendar, a value outside
/// the vocabulary, an id that is not text — with what a supervisor needs to send it to whoever
/// can fix it in the ticketing tool. The night lists it and goes on with the other cases.
package struct CaseProblem: Sendable, Equatable {
    /// The case's id as read, made printable.
    package var caseID: String
    /// The client and KAM, as far as they could be read (empty when not).
    package var clientID: String
    package var clientName: String
    package var kamID: String
    package var kamName: String
    /// What is wrong, one finding per field.
    package var findings: [Finding]

    package init(
        caseID: String, clientID: String = "", clientName: String = "", kamID: String = "", kamName: String = "",
        findings: [Finding]
    ) {
        self.caseID = caseID
        self.clientID = clientID
        self.clientName = clientName
        self.kamID = kamID
        self.kamName = kamName
        self.findings = findings
    }

    /// The findings in one sentence, for a sheet's cell.
    package var reason: String {
        findings.map(\.message).joined(separator: "; ")
    }
}
