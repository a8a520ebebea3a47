import Foundation
package import SLACore
import SLAStore

/// Evaluates cases into status rows — for the night, the monthly report, the export and
/// `sla explain` alike; the night and the monthly report apply the automatic closures due by
/// as-of first (the export shows the closures the nights have written): a case the calendar
/// cannot place (a deadline or a due instant past its end) is a problem of that case, listed,
/// never the end of the run.
package struct CaseEvaluator: Sendable {
    package let attention: AttentionClock
    package let closure: AutomaticClosure
    package var policy: Policy { attention.policy }

    package init(calendar: BusinessCalendar, policy: Policy) {
        attention = AttentionClock(policy: policy, businessClock: BusinessClock(calendar: calendar))
        closure = AutomaticClosure(calendar: calendar)
    }

    /// The client's days to validate a solution of `serviceCase`, by its terms.
    package func acceptanceDays(_ serviceCase: ServiceCase) -> Int {
        policy.terms(for: serviceCase).acceptanceBusinessDays
    }

    /// `snapshot`'s clock as of `asOf`, or the case's problem.
    package func row(_ snapshot: CaseSnapshot, asOf: Instant) -> Result<StatusRow, CaseProblemError> {
        do {
            return .success(
                StatusRow(
                    snapshot: snapshot,
                    evaluation: try attention.evaluate(snapshot.serviceCase, events: snapshot.events, asOf: asOf),
                    asOf: asOf))
        } catch {
            return .failure(CaseProblemError(snapshot, column: nil, "its attention clock cannot be computed: \(error)"))
        }
    }

    /// `snapshot` with the closures due by `asOf` applied (what the monthly report counts,
    /// written yet or not), or the case's problem.
    package func closingDuePeriods(_ snapshot: CaseSnapshot, asOf: Instant) -> Result<CaseSnapshot, CaseProblemError> {
        do {
            return .success(
                try snapshot.closingDuePeriods(
                    with: closure, asOf: asOf,
                    days: acceptanceDays(snapshot.serviceCase)))
        } catch {
            return .failure(
                CaseProblemError(snapshot, column: "acceptance", "its acceptance periods cannot be worked out: \(error)"))
        }
    }

    /// Every read case with the closures due by `asOf` applied and its clock as of `asOf`, in
    /// order, and the problems of those that cannot be read or evaluated — the month's report,
    /// whose twelve months of cases are worth both cores: each case is evaluated on its own.
    func closeAndEvaluate(_ reads: [CaseRead], asOf: Instant) -> (rows: [StatusRow], problems: [CaseProblem]) {
        let chunkSize = 2_048
        let chunks = (reads.count + chunkSize - 1) / chunkSize
        let results = OrderedSlots<(rows: [StatusRow], problems: [CaseProblem])>(repeating: ([], []), count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var rows: [StatusRow] = []
            var problems: [CaseProblem] = []
            for read in reads[(chunk * chunkSize)..<min(reads.count, (chunk + 1) * chunkSize)] {
                switch read {
                case .unreadable(let problem): problems.append(problem)
                case .readable(let snapshot):
                    switch closingDuePeriods(snapshot, asOf: asOf).flatMap({ row($0, asOf: asOf) }) {
                    case .success(let row): rows.append(row)
                    case .failure(let problem): problems.append(problem.problem)
                    }
                }
            }
            results.set(chunk, (rows, problems))
        }
        let all = results.all
        return (all.flatMap(\.rows), all.flatMap(\.problems))
    }

    /// Every case's row as of `asOf`, in order, and the problems of those that cannot be evaluated.
    func evaluate(_ snapshots: [CaseSnapshot], asOf: Instant) -> (rows: [StatusRow], problems: [CaseProblem]) {
        var rows: [StatusRow] = []
        var problems: [CaseProblem] = []
        rows.reserveCapacity(snapshots.count)
        let bar = ProgressBar("evaluating", unit: "cases")
        defer { bar.finish() }
        for (index, snapshot) in snapshots.enumerated() {
            if index % 1_000 == 0 { bar.update(index, of: snapshots.count) }
            switch row(snapshot, asOf: asOf) {
            case .success(let row): rows.append(row)
            case .failure(let problem): problems.append(problem.problem)
            }
        }
        return (rows, problems)
    }
}

/// A case's problem as an error, to travel in a `Result`.
package struct CaseProblemError: Error, Sendable {
    package var problem: CaseProblem

    init(problem: CaseProblem) {
        self.problem = problem
    }

    init(_ snapshot: CaseSnapshot, column: String?, _ reason: String) {
        let id = snapshot.serviceCase.id
        problem = CaseProblem(
            caseID: id, clientID: snapshot.serviceCase.clientID, clientName: snapshot.clientName,
            kamID: snapshot.kamID, kamName: snapshot.kamName,
            findings: [Finding(.serviceCase(id: id), field: column, reason)])
    }
}
