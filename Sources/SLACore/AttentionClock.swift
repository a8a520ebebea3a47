/// The state of an attention clock as of an instant (SPEC §4), first rule that applies.
public enum AttentionState: String, Sendable, Hashable, CaseIterable {
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
public struct AttentionEvaluation: Hashable, Sendable {
    public var clock: ClockKind
    public var targetSeconds: Int64?
    public var elapsedSeconds: Int64
    public var pausedSeconds: Int64
    public var state: AttentionState
    /// When elapsed reaches (or reached) the target; nil for met, paused and unclassified.
    public var dueAt: Instant?
    /// The first diagnosis, solution or closure, when there was one by as-of.
    public var stoppedAt: Instant?
    /// Seconds to the latest solution, without pauses and reopened gaps; nil unless solved.
    public var resolutionSeconds: Int64?
    /// 2 (MET coordinator) at risk, 3 (director) breached and still running.
    public var escalationLevel: Int?
    /// The counted stretches of the clock, for `sla explain`: start, end (nil while running) and
    /// why each one ended.
    public var segments: [AttentionSegment]
    /// The stretches waiting on the client, with what ended each one (nil while still waiting).
    public var pauses: [AttentionSegment]
    /// The handling time by support level (SPEC §16), on the same clock.
    public var handling = HandlingTime()
    /// The terms' OLA seconds of levels 1–3 (index 0 for level 1), nil where there is none.
    public var ola: [Int64?] = [nil, nil, nil]

    /// The OLA of a support level (1–3), in seconds; nil without one.
    public func ola(level: Int) -> Int64? { Terms.supportLevels.contains(level) && level <= ola.count ? ola[level - 1] : nil }
}

/// A stretch of time during which the attention clock counted (or, in `pauses`, waited).
public struct AttentionSegment: Hashable, Sendable {
    public var start: Instant
    /// Where it stopped counting; as-of for the stretch still running.
    public var end: Instant
    /// The event that ended it (waiting_client, a stop), nil when it is still running at as-of.
    public var endedBy: EventKind?
    public var seconds: Int64
}

/// Evaluates attention clocks: from registration to the first diagnosis, solution or closure, less
/// the time waiting on the client (SPEC §4).
public struct AttentionClock: Sendable {
    public let policy: Policy
    public let businessClock: BusinessClock

    public init(policy: Policy, businessClock: BusinessClock) {
        self.policy = policy
        self.businessClock = businessClock
    }

    /// The clock of `serviceCase` as of `asOf`, from its full event history; events after `asOf`
    /// are ignored, so a rerun for a past instant reproduces that night exactly.
    ///
    /// - Parameter events: the case's events in any order.
    /// - Complexity: O(e log e) for e events, and one clock query per pause.
    public func evaluate(_ serviceCase: ServiceCase, events: [CaseEvent], asOf: Instant) throws(ClockRangeError)
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
        var stoppedAt: Instant?
        for event in history where stoppedAt == nil {
            let at = max(event.at, start)
            switch event.kind {
            case .waitingClient:
                if let since = countingSince {
                    segments.append(try segment(clock, since, at, endedBy: .waitingClient))
                    countingSince = nil
                    pausedSince = at
                }
            case .clientResponded:
                if let since = pausedSince {
                    pauses.append(try segment(clock, since, at, endedBy: .clientResponded))
                    pausedSince = nil
                    countingSince = at
                }
            case .diagnosed, .solved, .closed, .autoClosed:
                if let since = countingSince { segments.append(try segment(clock, since, at, endedBy: event.kind)) }
                if let since = pausedSince { pauses.append(try segment(clock, since, at, endedBy: event.kind)) }
                countingSince = nil
                pausedSince = nil
                stoppedAt = at
            case .escalated, .reopened:
                break
            }
        }
        if let since = countingSince { segments.append(try segment(clock, since, max(asOf, since), endedBy: nil)) }
        if let since = pausedSince { pauses.append(try segment(clock, since, max(asOf, since), endedBy: nil)) }
        let elapsed = segments.reduce(0) { $0 + $1.seconds }
        let pausedSeconds = pauses.reduce(0) { $0 + $1.seconds }

        let state: AttentionState
        if let target {
            if elapsed > target { state = .breached }
            else if stoppedAt != nil { state = .met }
            else if pausedSince != nil { state = .paused }
            else if elapsed * 100 >= target * terms.atRiskPercent { state = .atRisk }
            else { state = .running }
        } else {
            state = .unclassified
        }

        var dueAt: Instant?
        if let target, state == .breached || state == .atRisk || state == .running {
            dueAt = try dueInstant(clock, segments: segments, target: target, stillRunning: countingSince)
        }
        let escalation: Int? = switch state {
        case .atRisk: 2
        case .breached where stoppedAt == nil: 3
        default: nil
        }
        return AttentionEvaluation(
            clock: kind, targetSeconds: target, elapsedSeconds: elapsed, pausedSeconds: pausedSeconds, state: state,
            dueAt: dueAt, stoppedAt: stoppedAt,
            resolutionSeconds: try ResolutionTime.seconds(start: start, history: history, clock: clock),
            escalationLevel: escalation, segments: segments, pauses: pauses,
            handling: try HandlingTime.measure(start: start, history: history, asOf: asOf, clock: clock, ola: terms.ola),
            ola: terms.ola)
    }

    private func segment(_ clock: SLAClock, _ start: Instant, _ end: Instant, endedBy: EventKind?) throws(ClockRangeError)
        -> AttentionSegment
    {
        AttentionSegment(start: start, end: end, endedBy: endedBy, seconds: try clock.elapsedSeconds(from: start, to: end))
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
