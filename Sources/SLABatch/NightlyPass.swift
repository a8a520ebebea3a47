import SLACore
import SLAStore

/// What a night gathers from its pages of cases (`CaseStore.forEachPageOfCasesToEvaluate`): the
/// open cases to evaluate, the cases it cannot, how many closures it wrote. Everything else a page
/// held — ten years of closed cases on the first night, and their million closures, which
/// `closures.csv` lists from the database — is let go with the page.
struct NightlyPass {
    /// How many closures `closures` keeps: all of them on a dry run (they are what it prints),
    /// those a night logs one by one otherwise.
    let closuresKept: Int

    /// The open cases as of the night, their due closures applied.
    var open: [CaseSnapshot] = []
    /// The cases that could not be read or whose acceptance periods cannot be worked out.
    var problems: [CaseProblem] = []
    /// The first `closuresKept` closures written (or, on a dry run, that would be), in the pages'
    /// order, each with the days its case had to accept a solution (for the log).
    var closures: [(closure: CaseClosure, acceptanceDays: Int)] = []
    /// How many closures were written (or, on a dry run, would be).
    var closed = 0
    /// This program's earlier closures withdrawn since the night last logged them (it does after
    /// each transaction).
    var withdrawn: [(caseID: String, event: CaseEvent)] = []
    /// How many closed cases were settled.
    var settled = 0

    /// Closes the due acceptance periods of the page's cases, keeps the open ones and settles the
    /// closed ones that nothing can change any more — inside the page's transaction.
    mutating func take(_ page: NightPage, asOf: Instant, evaluator: CaseEvaluator) throws {
        for item in page.cases {
            guard case .readable(let snapshot) = item.read else {
                if case .unreadable(let problem) = item.read { problems.append(problem) }
                continue
            }
            let days = evaluator.acceptanceDays(snapshot.serviceCase)
            var closed = snapshot
            // Without a solution no period awaits the client.
            var awaitingClient = false
            if AutomaticClosure.concerns(snapshot.events) {
                let change: AutomaticClosure.Reconciliation
                do {
                    change = try evaluator.closure.reconcile(events: snapshot.events, asOf: asOf, days: days)
                } catch {
                    problems.append(Self.unreconciled(snapshot, "\(error)"))
                    continue
                }
                awaitingClient = change.awaitingClient
                if !change.isEmpty {
                    let changes = try page.apply(change, to: snapshot.serviceCase)
                    self.closed += changes.written.count
                    for closure in changes.written where closures.count < closuresKept { closures.append((closure, days)) }
                    withdrawn += changes.withdrawn.map { (snapshot.serviceCase.id, $0) }
                    if let refusal = changes.refusals.first {
                        problems.append(Self.unreconciled(snapshot, refusal))
                        continue
                    }
                    // As written: the same events the database now holds.
                    closed = snapshot.applying(change)
                }
            }
            if closed.isOpen {
                open.append(closed)
            } else if item.version != nil, let latest = item.latestEventAt, latest <= asOf, !awaitingClient,
                let from = closed.events.lazy.map(\.at).max()
            {
                // Closed, nothing recorded after the night, and no solution still awaiting the
                // client: settled from its latest event, the closures just written included.
                if try page.settle(snapshot.serviceCase.id, from: from) { settled += 1 }
            }
        }
    }

    private static func unreconciled(_ snapshot: CaseSnapshot, _ reason: String) -> CaseProblem {
        CaseProblemError(snapshot, column: "acceptance", "its acceptance periods cannot be worked out: \(reason)").problem
    }
}
