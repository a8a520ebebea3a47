import Foundation
import Logging
public import SLACore
import SLAReports
import SLAStore

/// `sla explain CASE_ID`: one case's clock as a person would check it by hand — each counted
/// stretch day by day with its seconds, each pause, each weekend and holiday skipped by name, the
/// target, the due instant and the state.
public enum ExplainJob {
    /// The explanation, or — for a case the database holds in a form sla cannot evaluate — what is
    /// wrong with it (the job's finding). The database is only read; an as-of after now is a preview.
    public struct Outcome: JobOutcome {
        public var text: String
        public var findings: [Finding] = []
        public var files: [String] { [] }
        public var summaryLine: String { findings.isEmpty ? "explained" : "the case cannot be evaluated" }
    }

    public static func run(
        caseID: String, asOf: Instant, runner: JobRunner, calendar: BusinessCalendar,
        policy: Policy
    ) throws(SLAError) -> Outcome {
        if let problem = CalendarCoverage.asOfProblem(asOf) { throw SLAError(.invalidOption, problem) }
        return try runner.read { context throws(SLAError) in
            guard
                let read = try storeCall({ () throws(StoreError) in
                    try context.store.serviceCase(caseID, registeredBy: asOf)
                })
            else {
                throw SLAError(.unknownCase, "no case \(Finding.printable(caseID)) registered by \(asOf) in \(runner.database)")
            }
            let evaluator = CaseEvaluator(calendar: calendar, policy: policy)
            let result: Result<(StatusRow, [AcceptancePeriod], Terms), CaseProblemError>
            switch read {
            case .unreadable(let problem):
                result = .failure(CaseProblemError(problem: problem))
            case .readable(let snapshot):
                let terms = policy.terms(for: snapshot.serviceCase)
                result = evaluator.row(snapshot, asOf: asOf).flatMap { row in
                    do {
                        return .success(
                            (
                                row,
                                try evaluator.closure.periods(
                                    events: snapshot.events, asOf: asOf,
                                    days: terms.acceptanceBusinessDays), terms
                            ))
                    } catch {
                        return .failure(
                            CaseProblemError(
                                snapshot, column: "acceptance",
                                "its acceptance periods cannot be worked out: \(error)"))
                    }
                }
            }
            var outcome: Outcome
            switch result {
            case .success((let row, let periods, let terms)):
                outcome = Outcome(
                    text: Explanation(row: row, periods: periods, terms: terms, asOf: asOf, calendar: calendar).text)
                // Without a target it is a data problem, as the night lists it: exit 1.
                if row.evaluation.targetSeconds == nil {
                    let c = row.snapshot.serviceCase
                    outcome.findings = [
                        Finding(
                            .serviceCase(id: c.id), field: c.impact == nil ? "impact" : "urgency",
                            "\(c.priority.rawValue) without impact or urgency: it has no attention target; "
                                + "classify it in the ticketing tool")
                    ]
                }
            case .failure(let error):
                let problem = error.problem
                let text =
                    "Case \(problem.caseID) cannot be evaluated (a data problem):\n"
                    + problem.findings.map { "  " + $0.message }.joined(separator: "\n")
                    + "\n"
                outcome = Outcome(text: text, findings: problem.findings)
            }
            for finding in outcome.findings { context.logger.warning("data problem: \(finding)") }
            return outcome
        }
    }
}

/// The text of an explanation.
struct Explanation {
    let row: StatusRow
    let periods: [AcceptancePeriod]
    let terms: Terms
    let asOf: Instant
    let calendar: BusinessCalendar

    var text: String {
        let s = row.snapshot
        let c = s.serviceCase
        let e = row.evaluation
        var lines: [String] = []
        lines.append("Case \(c.id): \(s.summary)")
        lines.append("  client \(c.clientID) \(s.clientName) (\(c.contract.rawValue)), KAM \(s.kamID) \(s.kamName)")
        lines.append(
            "  \(s.product), \(c.type.rawValue), \(c.priority.rawValue), impact \(c.impact?.rawValue ?? "-"), "
                + "urgency \(c.urgency?.rawValue ?? "-")")
        lines.append("  registered \(c.createdAt) (\(c.createdAt.localDate.weekday.name.capitalized)); evaluated as of \(asOf)")
        lines.append(
            "  assignee \(s.assignee.map { Finding.printable($0) } ?? "-"), group \(s.group.map { Finding.printable($0) } ?? "-")"
        )
        lines.append(contentsOf: handling)
        let clockName =
            e.clock == .business
            ? "the business clock (service hours Monday–Friday, without holidays)" : "the 24x7 clock (every second counts)"
        lines.append(
            "  terms: " + (terms.agreement.map { "agreement \"\($0)\"" } ?? "default terms")
                + " (for client \(c.clientID), registered \(c.createdAt.localDate))")
        lines.append(contentsOf: TermsText.lines(terms).map { "    " + $0 })
        if let target = e.targetSeconds {
            lines.append("  target \(duration(target)) on \(clockName)")
        } else {
            lines.append(
                "  no target: \(c.priority.rawValue) without impact or urgency is unclassified (a data problem); "
                    + "its clock runs on \(clockName)")
        }
        lines.append("")
        lines.append("Events up to as-of, in time order:")
        if s.events.isEmpty { lines.append("  none") }
        for event in s.events {
            lines.append(
                "  \(event.at)  #\(event.id) \(event.kind.rawValue)" + (event.level.map { " level \($0)" } ?? "")
                    + (event.due.map { " due \($0)" } ?? ""))
        }
        lines.append("")
        lines.append("Counted:")
        for segment in e.segments {
            let ending = segment.endedBy.map { "until \($0.rawValue)" } ?? "still running at as-of"
            lines.append("  \(segment.start) → \(segment.end)  \(duration(segment.seconds)), \(ending)")
            if e.clock == .business { lines += days(segment) }
        }
        if !e.pauses.isEmpty {
            lines.append("")
            lines.append("Paused, waiting on the client (not counted):")
            for pause in e.pauses {
                let ending = pause.endedBy.map { "until \($0.rawValue)" } ?? "still waiting at as-of"
                lines.append("  \(pause.start) → \(pause.end)  \(duration(pause.seconds)) of clock time, \(ending)")
            }
        }
        lines.append("")
        lines.append("Elapsed  \(duration(e.elapsedSeconds))" + (e.targetSeconds.map { " of \(duration($0))" } ?? ""))
        lines.append("Paused   \(duration(e.pausedSeconds))")
        lines.append("Due      \(e.dueAt?.description ?? "-")")
        lines.append("Stopped  \(e.stoppedAt?.description ?? "-")")
        lines.append(
            "State    \(e.state.rawValue)"
                + (e.escalationLevel.map {
                    "; suggested escalation \($0)" + (EscalationRole(rawValue: $0).map { " (\($0.name))" } ?? "")
                } ?? ""))
        lines.append("Resolution \(e.resolutionSeconds.map(duration) ?? "- (not solved)")")
        lines += commitments
        lines.append("")
        lines += timeByLevel
        if !periods.isEmpty {
            lines.append("")
            lines.append(
                "Acceptance periods (\(terms.acceptanceBusinessDays) business days to validate a solution, "
                    + "until the close of business day \(terms.acceptanceBusinessDays) after it):")
            for period in periods {
                lines.append(
                    "  solved \(period.solved.at) (#\(period.solved.id)), closure deadline \(period.closureDeadline): "
                        + outcome(period.outcome))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Each solution commitment of the work plan, its re-plans and its outcome.
    private var commitments: [String] {
        let all = row.commitments.commitments
        guard !all.isEmpty else { return [] }
        var lines = ["", "Solution commitments (the work plan's promise; wall-clock instants, no pauses):"]
        for commitment in all {
            let made = commitment.isReplan ? "re-plan \(commitment.replansBefore)" : "commitment"
            lines.append(
                "  \(commitment.committedAt)  #\(commitment.eventID) \(made), solution due \(commitment.due): "
                    + commitmentOutcome(commitment))
        }
        let latest = all.last.map { "latest \($0.outcome.rawValue), due \($0.due)" } ?? "-"
        lines.append("Commitment \(latest); \(row.commitments.replans) re-plan\(row.commitments.replans == 1 ? "" : "s")")
        return lines
    }

    private func commitmentOutcome(_ commitment: SolutionCommitments.Commitment) -> String {
        switch commitment.outcome {
        case .kept: "kept, solved \(commitment.solvedAt?.description ?? "-")"
        case .missed:
            "missed: its due passed without a solution"
                + (commitment.solvedAt.map { " (solved late, \($0))" } ?? "")
                + (commitment.replacedAt.map { "; re-planned after the miss, \($0)" } ?? "")
        case .replaced: "replaced in time by a re-plan at \(commitment.replacedAt?.description ?? "-"), no outcome of its own"
        case .pending: "pending"
        }
    }

    /// The support level over time (SPEC §3) and the wait on the client now, if any.
    private var handling: [String] {
        let changes = CaseHandling.levelChanges(row.snapshot.events)
        var lines = ["  support level \(row.supportLevel)" + (changes.isEmpty ? " (never escalated)" : ", over time:")]
        if !changes.isEmpty {
            lines.append("    \(row.snapshot.serviceCase.createdAt)  level 1 (registered)")
            for change in changes {
                lines.append(
                    "    \(change.at)  level \(change.level) (" + (change.kind == .reopened ? "reopened: back to 1" : "escalated")
                        + ")")
            }
        }
        if let since = row.waitingSince { lines.append("  waiting on the client since \(since)") }
        return lines
    }

    /// The handling time at each support level beside the level's OLA.
    private var timeByLevel: [String] {
        let e = row.evaluation
        let handling = e.handling
        var lines = [
            "Time by support level (the same clock, until each solution or closure and again from each "
                + "reopening, never while waiting on the client):"
        ]
        for level in Terms.supportLevels {
            let seconds = handling.seconds(atLevel: level)
            let ola: String
            if let target = e.ola(level: level) {
                if let since = handling.olaBreachedAt(level: level) {
                    ola = "OLA \(TermsText.hours(target)): over by \(TermsText.hours(seconds - target)) since \(since)"
                } else {
                    ola = "OLA \(TermsText.hours(target)): within, \(TermsText.hours(target - seconds)) left"
                }
            } else {
                ola = "no OLA"
            }
            lines.append(
                "  level \(level)  " + duration(seconds).padding(toLength: 26, withPad: " ", startingAt: 0) + ola
                    + (level == handling.level ? "  (the level now)" : ""))
        }
        lines.append("  total    \(duration(handling.totalSeconds))")
        return lines
    }

    private func outcome(_ outcome: AcceptancePeriod.Outcome) -> String {
        switch outcome {
        case .ended(let event): "ended by \(event.kind.rawValue) at \(event.at) (#\(event.id)), no automatic closure"
        case .closed(let event): "closed automatically at the deadline (#\(event.id))"
        case .closureDue: "reached its deadline; the next nightly run closes the case at the deadline"
        case .awaitingClient: "open, waiting for the client's validation"
        }
    }

    private func days(_ segment: AttentionSegment) -> [String] {
        calendar.breakdown(from: segment.start, to: segment.end).map { day in
            let label = "    \(day.date) \(day.date.weekday.name.prefix(3).capitalized)"
            switch day.kind {
            case .counted(let seconds, let from, let to):
                return "\(label)  \(clockTime(from))–\(clockTime(to))  \(seconds) s"
            case .outsideWindow: return "\(label)  outside the service window"
            case .closedWeekday: return "\(label)  weekend, not counted"
            case .holiday(let holidays):
                return "\(label)  holiday, not counted: \(holidays.map(\.name).joined(separator: "; "))"
            }
        }
    }

    private func clockTime(_ second: Int) -> String {
        String(format: "%02d:%02d", second / 3600, second / 60 % 60)
            + (second % 60 == 0 ? "" : String(format: ":%02d", second % 60))
    }
}

/// `12600 s (3:30:00)`: seconds, and hours:minutes:seconds to check by hand.
func duration(_ seconds: Int64) -> String {
    "\(seconds) s (\(seconds / 3600):\(String(format: "%02d:%02d", seconds / 60 % 60, seconds % 60)))"
}
