public import SLACore

/// `closures.csv` (SPEC §7): the acceptance periods a night closed, by deadline.
public enum ClosureTable {
    public static let header = ["case_id", "client_id", "solved_at", "deadline", "closed_at"]

    public static func csv(_ closures: [CaseClosure]) -> String {
        var writer = CSVWriter(header: header)
        for closure in closures {
            writer.appendRow([closure.caseID, closure.clientID, closure.solvedAt.description,
                              closure.deadline.description, closure.closedAt.description])
        }
        return writer.text
    }
}
