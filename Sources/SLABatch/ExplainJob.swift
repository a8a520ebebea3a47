import Foundation
public import SLACore
import SLAReports
import SLAStore

/// `sla explain CASE_ID`: one case's clock as a person would check it by hand — each counted
/// stretch day by day with its seconds, each pause, each weekend and holiday skipped by name, the
/// target, the due instant and the state.
public enum ExplainJob {
    public static func run(database: String, caseID: String, asOf: Instant, calendar: BusinessCalendar,
                           policy: SLAPolicy) throws(SLAError) -> String
    {
        let store = try NightlyJob.open(database)
        guard let snapshot = try storeCall({ () throws(StoreError) in
            try store.cases(registeredBy: asOf, only: [caseID]).first
        }) else {
            throw SLAError(.usage, "no case \(caseID) registered by \(asOf) in \(database)")
        }
        let rows = try StatusRows.evaluate([snapshot], asOf: asOf, calendar: calendar, policy: policy)
        let periods = try clockCall(snapshot) { () throws(ClockRangeError) in
            try AutomaticClosure(calendar: calendar).periods(events: snapshot.events, asOf: asOf)
        }
        return Explanation(row: rows[0], periods: periods, asOf: asOf, calendar: calendar).text
    }
}

/// The text of an explanation.
struct Explanation {
    let row: StatusRow
    let periods: [AcceptancePeriod]
    let asOf: Instant
    let calendar: BusinessCalendar

    var text: String {
        let s = row.snapshot, c = s.serviceCase, e = row.evaluation
        var lines: [String] = []
        lines.append("Case \(c.id): \(s.summary)")
        lines.append("  client \(c.clientID) \(s.clientName) (\(c.contract.rawValue)), KAM \(s.kamID) \(s.kamName)")
        lines.append("  \(s.product), \(c.type.rawValue), \(c.priority.rawValue), impact \(c.impact?.rawValue ?? "-"), "
            + "urgency \(c.urgency?.rawValue ?? "-")")
        lines.append("  registered \(c.createdAt) (\(c.createdAt.localDate.weekday.name.capitalized)); evaluated as of \(asOf)")
        let clockName = e.clock == .business
            ? "the business clock (service hours Monday–Friday, without holidays)" : "the 24x7 clock (every second counts)"
        if let target = e.targetSeconds {
            lines.append("  target \(duration(target)) on \(clockName)")
        } else {
            lines.append("  no target: \(c.priority.rawValue) without impact or urgency is unclassified (a data problem); "
                + "its clock runs on \(clockName)")
        }
        lines.append("")
        lines.append("Events up to as-of, in time order:")
        if s.events.isEmpty { lines.append("  none") }
        for event in s.events {
            lines.append("  \(event.at)  #\(event.id) \(event.kind.rawValue)" + (event.level.map { " level \($0)" } ?? ""))
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
        lines.append("State    \(e.state.rawValue)" + (e.escalationLevel.map {
            "; suggested escalation \($0) (\($0 == 2 ? "MET coordinator" : "director"))"
        } ?? ""))
        lines.append("Resolution \(e.resolutionSeconds.map(duration) ?? "- (not solved)")")
        if !periods.isEmpty {
            lines.append("")
            lines.append("Acceptance periods (\(AutomaticClosure.acceptanceBusinessDays) business days to validate a solution, "
                + "until the end of the fifth business day after it):")
            for period in periods {
                lines.append("  solved \(period.solved.at) (#\(period.solved.id)), closure deadline \(period.closureDeadline): "
                    + outcome(period.outcome))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func outcome(_ outcome: AcceptancePeriod.Outcome) -> String {
        switch outcome {
        case let .ended(event): "ended by \(event.kind.rawValue) at \(event.at) (#\(event.id)), no automatic closure"
        case let .closed(event): "closed automatically at the deadline (#\(event.id))"
        case .closureDue: "reached its deadline; the next nightly run closes the case at the deadline"
        case .awaitingClient: "open, waiting for the client's validation"
        }
    }

    private func days(_ segment: AttentionSegment) -> [String] {
        calendar.breakdown(from: segment.start, to: segment.end).map { day in
            let label = "    \(day.date) \(day.date.weekday.name.prefix(3).capitalized)"
            switch day.kind {
            case let .counted(seconds, from, to):
                return "\(label)  \(clockTime(from))–\(clockTime(to))  \(seconds) s"
            case .outsideWindow: return "\(label)  outside the service window"
            case .closedWeekday: return "\(label)  weekend, not counted"
            case let .holiday(holidays):
                return "\(label)  holiday, not counted: \(holidays.map(\.name).joined(separator: "; "))"
            }
        }
    }

    private func clockTime(_ second: Int) -> String {
        String(format: "%02d:%02d", second / 3600, second / 60 % 60) + (second % 60 == 0 ? "" : String(format: ":%02d", second % 60))
    }
}

/// `12600 s (3:30:00)`: seconds, and hours:minutes:seconds to check by hand.
func duration(_ seconds: Int64) -> String {
    "\(seconds) s (\(seconds / 3600):\(String(format: "%02d:%02d", seconds / 60 % 60, seconds % 60)))"
}
