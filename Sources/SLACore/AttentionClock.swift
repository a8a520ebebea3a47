/// The state of an attention clock as of an instant (SPEC §4), first rule that applies.
package enum AttentionState: String, Sendable, Hashable, CaseIterable {
    /// Elapsed strictly over the target, stopped or not.
    case breached
    /// Stopped within the target.
    case met
    /// Waiting on the client now.
    case paused
    /// At or over the at-risk share of the target.
    case atRisk = "at_risk"
    case running
    /// P2–P4 without impact or urgency: no target, a data problem to fix.
    case unclassified
}

/// One case's attention clock, evaluated as of an instant.
package struct AttentionEvaluation: Hashable, Sendable {
    package var clock: ClockKind
    package var targetSeconds: Int64?
    package var elapsedSeconds: Int64
    package var pausedSeconds: Int64
    package var state: AttentionState
    /// When elapsed reaches (or reached) the target; nil for met, paused and unclassified.
    package var dueAt: Instant?
    /// When the clock went over its target: the start of its first counted second over the
    /// target; nil unless breached. A breach is counted in the month that holds this instant
    /// (breached as of the month's end, not yet as of its start). It is `dueAt` except where the
    /// clock stood still on its target: due at a window's close, it goes over at the next opening;
    /// paused exactly on it, when the client answers.
    package var breachedAt: Instant?
    /// The first diagnosis, solution or closure, when there was one by as-of.
    package var stoppedAt: Instant?
    /// Seconds to the latest solution, without pauses and reopened gaps; nil unless solved.
    package var resolutionSeconds: Int64?
    /// 2 (MET coordinator) at risk, 3 (director) breached and still running.
    package var escalationLevel: Int?
    /// The counted stretches of the clock, for `sla explain`: start, end (nil while running) and
    /// why each one ended.
    package var segments: [AttentionSegment]
    /// The stretches waiting on the client, with what ended each one (nil while still waiting).
    package var pauses: [AttentionSegment]
    /// The handling time by support level (SPEC §16), on the same clock.
    package var handling = HandlingTime()
    /// The terms' OLA seconds of levels 1–3 (index 0 for level 1), nil where there is none.
    package var ola: [Int64?] = [nil, nil, nil]

    /// The OLA of a support level (1–3), in seconds; nil without one.
    package func ola(level: Int) -> Int64? { Terms.supportLevels.contains(level) && level <= ola.count ? ola[level - 1] : nil }
}

/// A stretch of time during which the attention clock counted (or, in `pauses`, waited).
package struct AttentionSegment: Hashable, Sendable {
    package var start: Instant
    /// Where it stopped counting; as-of for the stretch still running.
    package var end: Instant
    /// The event that ended it (waiting_client, a stop), nil when it is still running at as-of.
    package var endedBy: EventKind?
    package var seconds: Int64
    /// The id of the event that began it: the `waiting_client` of a pause, the ledger's name for it.
    package var startedBy: String? = nil
}

/// Evaluates attention clocks: from registration to the first diagnosis, solution or closure, less
/// the time waiting on the client (SPEC §4).
package struct AttentionClock: Sendable {
    package let policy: Policy
    package let businessClock: BusinessClock

    package init(policy: Policy, businessClock: BusinessClock) {
        self.policy = policy
        self.businessClock = businessClock
    }

    /// The clock of `serviceCase` as of `asOf`, from its full event history; events after `asOf`
    /// are ignored, so a rerun for a past instant reproduces that night exactly.
    ///
    /// - Parameter events: the case's events in any order.
    /// - Complexity: O(e log e) for e events, and one clock query per pause.
    package func evaluate(_ serviceCase: ServiceCase, events: [CaseEvent], asOf: Instant) throws(ClockRangeError)
        -> AttentionEvaluation
    {
        let history = events.filter { $0.at <= asOf }.sorted(by: CaseEvent.inTimeOrder)
        let terms = policy.terms(for: serviceCase)
        let (kind, target) = terms.target(for: serviceCase)
        let clock: SLAClock = kind == .business ? .business(businessClock) : .twentyFourSeven
        let start = serviceCase.createdAt

        // Walk the history: counting, paused, or stopped.
        var segments: [AttentionSegment] = []
        var pauses: [AttentionSegment] = []
        var countingSince: Instant? = start
        var pausedSince: Instant?
        var pausedBy: String?
        var stoppedAt: Instant?
        for event in history where stoppedAt == nil {
            let at = max(event.at, start)
            switch event.kind {
            case .waitingClient:
                if let since = countingSince {
                    segments.append(try segment(clock, since, at, endedBy: .waitingClient))
                    countingSince = nil
                    pausedSince = at
                    pausedBy = event.id
                }
            case .clientResponded:
                if let since = pausedSince {
                    pauses.append(try segment(clock, since, at, endedBy: .clientResponded, startedBy: pausedBy))
                    pausedSince = nil
                    countingSince = at
                }
            case .diagnosed, .solved, .closed, .autoClosed:
                if let since = countingSince { segments.append(try segment(clock, since, at, endedBy: event.kind)) }
                if let since = pausedSince {
                    pauses.append(try segment(clock, since, at, endedBy: event.kind, startedBy: pausedBy))
                }
                countingSince = nil
                pausedSince = nil
                stoppedAt = at
            case .escalated, .reopened, .committed:
                break
            }
        }
        if let since = countingSince { segments.append(try segment(clock, since, max(asOf, since), endedBy: nil)) }
        if let since = pausedSince {
            pauses.append(try segment(clock, since, max(asOf, since), endedBy: nil, startedBy: pausedBy))
        }
        let elapsed = segments.reduce(0) { $0 + $1.seconds }
        let pausedSeconds = pauses.reduce(0) { $0 + $1.seconds }

        let state: AttentionState
        if let target {
            if elapsed > target {
                state = .breached
            } else if stoppedAt != nil {
                state = .met
            } else if pausedSince != nil {
                state = .paused
            } else if elapsed * 100 >= target * terms.atRiskPercent {
                state = .atRisk
            } else {
                state = .running
            }
        } else {
            state = .unclassified
        }

        var dueAt: Instant?
        if let target, state == .breached || state == .atRisk || state == .running {
            dueAt = try dueInstant(clock, segments: segments, target: target, stillRunning: countingSince)
        }
        var breachedAt: Instant?
        if let target, state == .breached {
            breachedAt = try overTargetInstant(clock, segments: segments, target: target)
        }
        let escalation: Int? =
            switch state {
            case .atRisk: EscalationRole.metCoordinator.level
            case .breached where stoppedAt == nil: EscalationRole.customerExperienceDirector.level
            default: nil
            }
        return AttentionEvaluation(
            clock: kind, targetSeconds: target, elapsedSeconds: elapsed, pausedSeconds: pausedSeconds, state: state,
            dueAt: dueAt, breachedAt: breachedAt, stoppedAt: stoppedAt,
            resolutionSeconds: try ResolutionTime.seconds(start: start, history: history, clock: clock),
            escalationLevel: escalation, segments: segments, pauses: pauses,
            handling: try HandlingTime.measure(start: start, history: history, asOf: asOf, clock: clock, ola: terms.ola),
            ola: terms.ola)
    }

    private func segment(_ clock: SLAClock, _ start: Instant, _ end: Instant, endedBy: EventKind?, startedBy: String? = nil)
        throws(ClockRangeError) -> AttentionSegment
    {
        AttentionSegment(
            start: start, end: end, endedBy: endedBy, seconds: try clock.elapsedSeconds(from: start, to: end),
            startedBy: startedBy)
    }

    /// The start of the first second counted over `target`: the instant the counted time reaches
    /// `target` + 1, less that second, inside the stretch where the running total passes `target`.
    private func overTargetInstant(_ clock: SLAClock, segments: [AttentionSegment], target: Int64)
        throws(ClockRangeError) -> Instant?
    {
        var counted: Int64 = 0
        for segment in segments {
            if counted + segment.seconds > target {
                return try clock.dueInstant(from: segment.start, after: target - counted + 1).adding(seconds: -1)
            }
            counted += segment.seconds
        }
        return nil
    }

    /// The instant the counted time reaches `target`, assuming no pause after as-of: inside the
    /// stretch where the running total crosses it, or after as-of on the stretch still running.
    private func dueInstant(_ clock: SLAClock, segments: [AttentionSegment], target: Int64, stillRunning: Instant?)
        throws(ClockRangeError) -> Instant?
    {
        var counted: Int64 = 0
        for (index, segment) in segments.enumerated() {
            let isOpen = index == segments.count - 1 && stillRunning != nil
            if counted + segment.seconds >= target || isOpen {
                return try clock.dueInstant(from: segment.start, after: target - counted)
            }
            counted += segment.seconds
        }
        return nil
    }
}

extension AttentionEvaluation {
    /// Whether this clock's breach is counted in `month` (the month's figures, its breach list, its
    /// trend): breached as of the month's end and not yet as of its start, so each breach is counted
    /// once, in the month it happened. A clock exactly on its target at a month's end (due at the
    /// window's close on the month's last business day, or paused on it) is not yet breached: it
    /// counts in the month it goes over, or never if it stops there.
    ///
    /// The evaluation must be as of `month`'s end or later: the instant a clock went over its
    /// target depends only on what came before it.
    package func counts(asBreachIn month: ReportMonth) -> Bool {
        breachedAt.map(month.contains) ?? false
    }
}
