import SLACore
import SLATestSupport
import Testing

/// The work plan's solution commitments: hand-computed histories at the edges (solved exactly at
/// the due, a re-plan exactly at it, a re-plan after the miss, ties broken by event id, a reopening
/// then a new commitment, the month's boundary), and the rules written out again, slowly, on
/// random histories.
@Suite struct SolutionCommitmentsTests {
    static func event(_ id: Int, _ at: String, _ kind: EventKind, due: String? = nil) -> CaseEvent {
        CaseEvent(id: String(id), at: .bogota(at), kind: kind, due: due.map { Instant.bogota($0) })
    }

    static func commitments(_ events: [CaseEvent], asOf: String) -> SolutionCommitments {
        SolutionCommitments(events.sorted(by: CaseEvent.inTimeOrder), asOf: .bogota(asOf))
    }

    /// Promised Monday for Friday 15:00.
    static let promise = event(1, "2026-11-23T09:00", .committed, due: "2026-11-27T15:00")

    @Test func aSolutionExactlyAtTheDueKeepsTheCommitment() {
        let result = Self.commitments([Self.promise, Self.event(2, "2026-11-27T15:00", .solved)], asOf: "2026-11-30T08:00")
        #expect(result.commitments.map(\.outcome) == [.kept])
        #expect(result.latest?.solvedAt == .bogota("2026-11-27T15:00"))
        #expect(result.latest?.outcomeAt == .bogota("2026-11-27T15:00"))
        #expect(result.replans == 0)
    }

    @Test func aSolutionOneSecondLateDoesNotKeepIt() {
        let result = Self.commitments([Self.promise, Self.event(2, "2026-11-27T15:00:01", .solved)], asOf: "2026-11-30T08:00")
        #expect(result.commitments.map(\.outcome) == [.missed])
        // The late solution is still shown, and the miss is dated at the due.
        #expect(result.latest?.solvedAt == .bogota("2026-11-27T15:00:01"))
        #expect(result.latest?.outcomeAt == .bogota("2026-11-27T15:00"))
        #expect(!result.isMissedAndUnsolved)
    }

    @Test func itIsMissedOnlyOnceAsOfIsPastTheDue() {
        #expect(Self.commitments([Self.promise], asOf: "2026-11-27T15:00").latest?.outcome == .pending)
        let missed = Self.commitments([Self.promise], asOf: "2026-11-27T15:00:01")
        #expect(missed.latest?.outcome == .missed)
        #expect(missed.isMissedAndUnsolved)
        // Events after as-of are not seen: a rerun of that night gives that night's answer.
        let rerun = Self.commitments([Self.promise, Self.event(2, "2026-11-26T10:00", .solved)], asOf: "2026-11-25T08:00")
        #expect(rerun.latest?.outcome == .pending)
        #expect(rerun.latest?.solvedAt == nil)
    }

    @Test func aReplanExactlyAtTheDueIsInTime() {
        let replan = Self.event(2, "2026-11-27T15:00", .committed, due: "2026-12-01T12:00")
        let result = Self.commitments([Self.promise, replan], asOf: "2026-11-30T08:00")
        #expect(result.commitments.map(\.outcome) == [.replaced, .pending])
        #expect(result.commitments.map(\.isReplan) == [false, true])
        #expect(result.commitments.map(\.replansBefore) == [0, 1])
        #expect(result.replans == 1)
        #expect(result.latest?.due == .bogota("2026-12-01T12:00"))
        // Nothing to count in November: the replaced promise has no outcome.
        #expect(result.countedIn(from: .bogota("2026-11-01T00:00"), to: .bogota("2026-12-01T00:00")).isEmpty)
        #expect(result.replans(from: .bogota("2026-11-01T00:00"), to: .bogota("2026-12-01T00:00")) == 1)
    }

    @Test func aReplanAfterTheMissKeepsTheMiss() {
        let replan = Self.event(2, "2026-11-27T15:00:01", .committed, due: "2026-12-01T12:00")
        let solved = Self.event(3, "2026-12-01T11:00", .solved)
        let result = Self.commitments([Self.promise, replan, solved], asOf: "2026-12-02T08:00")
        #expect(result.commitments.map(\.outcome) == [.missed, .kept])
        #expect(result.commitments.map(\.isReplan) == [false, true])
        #expect(result.commitments[0].solvedAt == nil)
        #expect(result.commitments[0].replacedAt == .bogota("2026-11-27T15:00:01"))
        let november = result.countedIn(from: .bogota("2026-11-01T00:00"), to: .bogota("2026-12-01T00:00"))
        let december = result.countedIn(from: .bogota("2026-12-01T00:00"), to: .bogota("2027-01-01T00:00"))
        #expect(november.map(\.eventID) == ["1"])
        #expect(december.map(\.eventID) == ["2"])
        #expect(december.first?.replansBefore == 1)
    }

    @Test func aReopeningThenANewCommitmentIsNotAReplan() {
        let events = [
            Self.promise, Self.event(2, "2026-11-25T10:00", .solved), Self.event(3, "2026-11-26T10:00", .reopened),
            Self.event(4, "2026-11-26T11:00", .committed, due: "2026-11-26T17:00")
        ]
        let result = Self.commitments(events, asOf: "2026-11-26T18:00")
        #expect(result.commitments.map(\.outcome) == [.kept, .missed])
        #expect(result.replans == 0)
        #expect(result.isMissedAndUnsolved)
    }

    @Test func aCommitmentAfterALateSolutionIsNew() {
        let events = [
            Self.promise, Self.event(2, "2026-11-30T10:00", .solved),
            Self.event(3, "2026-11-30T11:00", .committed, due: "2026-12-02T17:00")
        ]
        let result = Self.commitments(events, asOf: "2026-12-01T08:00")
        #expect(result.commitments.map(\.outcome) == [.missed, .pending])
        #expect(result.replans == 0)
    }

    /// A re-plan and a solution at one instant: the event ids say which came first (numerically).
    @Test func tiesAreBrokenByEventID() {
        let replanFirst = Self.commitments(
            [
                Self.promise, Self.event(9, "2026-11-26T10:00", .committed, due: "2026-11-26T12:00"),
                Self.event(10, "2026-11-26T10:00", .solved)
            ], asOf: "2026-11-30T08:00")
        #expect(replanFirst.commitments.map(\.outcome) == [.replaced, .kept])
        #expect(replanFirst.replans == 1)
        let solvedFirst = Self.commitments(
            [
                Self.promise, Self.event(10, "2026-11-26T10:00", .committed, due: "2026-11-26T12:00"),
                Self.event(9, "2026-11-26T10:00", .solved)
            ], asOf: "2026-11-30T08:00")
        #expect(solvedFirst.commitments.map(\.outcome) == [.kept, .missed])
        #expect(solvedFirst.replans == 0)
    }

    /// A solution at the very instant of the commitment, after it in the events' order, keeps it.
    @Test func aSolutionAtTheCommitmentsInstantAfterItKeepsIt() {
        let events = [
            Self.event(1, "2026-11-23T09:00", .committed, due: "2026-11-23T09:00"), Self.event(2, "2026-11-23T09:00", .solved)
        ]
        #expect(Self.commitments(events, asOf: "2026-11-24T09:00").latest?.outcome == .kept)
        let before = [
            Self.event(2, "2026-11-23T09:00", .committed, due: "2026-11-23T09:00"), Self.event(1, "2026-11-23T09:00", .solved)
        ]
        #expect(Self.commitments(before, asOf: "2026-11-24T09:00").latest?.outcome == .missed)
    }

    @Test func aMonthCountsTheMissWhereTheDuePassed() {
        let lastSecond = [Self.event(1, "2026-11-20T09:00", .committed, due: "2026-11-30T23:59:59")]
        let midnight = [Self.event(1, "2026-11-20T09:00", .committed, due: "2026-12-01T00:00")]
        let (start, end) = (Instant.bogota("2026-11-01T00:00"), Instant.bogota("2026-12-01T00:00"))
        #expect(SolutionCommitments(lastSecond, asOf: end).countedIn(from: start, to: end).count == 1)
        // Exactly at the month's end it is not yet missed: it counts in December.
        #expect(SolutionCommitments(midnight, asOf: end).countedIn(from: start, to: end).isEmpty)
        let december = Instant.bogota("2027-01-01T00:00")
        #expect(SolutionCommitments(midnight, asOf: december).countedIn(from: end, to: december).count == 1)
    }

    @Test func dueTodayIsThePendingLatestCommitmentBeforeMidnight() {
        let midnight = Instant.bogota("2026-11-28T00:00")
        #expect(Self.commitments([Self.promise], asOf: "2026-11-27T07:00").dueBefore(midnight)?.eventID == "1")
        #expect(Self.commitments([Self.promise], asOf: "2026-11-26T07:00").dueBefore(.bogota("2026-11-27T00:00")) == nil)
        let kept = Self.commitments([Self.promise, Self.event(2, "2026-11-27T06:00", .solved)], asOf: "2026-11-27T07:00")
        #expect(kept.dueBefore(midnight) == nil)
    }

    // MARK: The rules written out again

    /// The fate of each commitment from its own definition: the next `committed` and the first
    /// `solved` after it, whichever comes first in the events' order.
    static func reference(_ events: [CaseEvent], asOf: Instant) -> [(
        outcome: SolutionCommitments.Outcome, replan: Bool, solvedAt: Instant?
    )] {
        let history = events.filter { $0.at <= asOf }
        var result: [(SolutionCommitments.Outcome, Bool, Instant?)] = []
        for (index, event) in history.enumerated() where event.kind == .committed {
            guard let due = event.due else { continue }
            let later = history[(index + 1)...]
            let nextCommitted = later.firstIndex { $0.kind == .committed }
            let firstSolved = later.firstIndex { $0.kind == .solved }
            let solvedFirst = firstSolved.map { solved in nextCommitted.map { solved < $0 } ?? true } ?? false
            let replacedFirst = nextCommitted.map { next in firstSolved.map { next < $0 } ?? true } ?? false
            let outcome: SolutionCommitments.Outcome
            if solvedFirst, let solved = firstSolved, history[solved].at <= due {
                outcome = .kept
            } else if replacedFirst, let next = nextCommitted, history[next].at <= due {
                outcome = .replaced
            } else if asOf > due {
                outcome = .missed
            } else {
                outcome = .pending
            }
            let previous = history[..<index].lastIndex { $0.kind == .committed }
            let replan = previous.map { p in !history[(p + 1)..<index].contains { $0.kind == .solved } } ?? false
            result.append((outcome, replan, solvedFirst ? firstSolved.map { history[$0].at } : nil))
        }
        return result
    }

    /// A random history of a few days around the end of November: commitments, solutions,
    /// reopenings and other events, some at the same instant, dues on and around events.
    static func randomHistory(_ random: inout SeededRandom) -> [CaseEvent] {
        let base = Instant.bogota("2026-11-29T00:00").secondsSince1970
        let kinds: [EventKind] = [.committed, .committed, .committed, .solved, .solved, .reopened, .diagnosed, .waitingClient]
        var events: [CaseEvent] = []
        var instants: [Int64] = []
        for id in 0..<random.below(9) {
            // Hours on a coarse grid, so that ties and dues exactly on events are common.
            let at =
                random.below(4) == 0 && !instants.isEmpty
                ? instants[random.below(instants.count)]
                : base + Int64(random.below(96)) * 1800
            instants.append(at)
            let kind = kinds[random.below(kinds.count)]
            let due: Instant? =
                kind == .committed
                ? Instant(
                    secondsSince1970: random.below(3) == 0 && instants.count > 1
                        ? max(at, instants[random.below(instants.count)]) : at + Int64(random.below(48)) * 1800)
                : nil
            events.append(
                CaseEvent(id: String(random.below(20)) + "-\(id)", at: Instant(secondsSince1970: at), kind: kind, due: due))
        }
        return events.sorted(by: CaseEvent.inTimeOrder)
    }

    @Test(arguments: [UInt64(1), 2, 3, 29])
    func matchesTheRulesWrittenOutAgain(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let start = Instant.bogota("2026-11-01T00:00")
        let end = Instant.bogota("2026-12-01T00:00")
        let nextEnd = Instant.bogota("2027-01-01T00:00")
        for sample in 0..<3_000 {
            let events = Self.randomHistory(&random)
            let asOf = Instant.bogota("2026-11-29T00:00").adding(seconds: Int64(random.below(100)) * 1800)
            let actual = SolutionCommitments(events, asOf: asOf)
            let expected = Self.reference(events, asOf: asOf)
            let context = "seed \(seed) sample \(sample): \(events) as of \(asOf)"
            #expect(actual.commitments.map(\.outcome) == expected.map(\.outcome), "\(context)")
            #expect(actual.commitments.map(\.isReplan) == expected.map(\.replan), "\(context)")
            #expect(actual.commitments.map(\.solvedAt) == expected.map(\.solvedAt), "\(context)")
            #expect(actual.replans == expected.filter(\.replan).count, "\(context)")

            // Each month counts a missed commitment when it is missed as of its end and not as of
            // its start (the rules evaluated at both instants), a kept one in the month of its
            // solution: every outcome once, in one month.
            for (from, to) in [(start, end), (end, nextEnd)] {
                let atEnd = Self.reference(events, asOf: to)
                let atStart = Self.reference(events, asOf: from)
                let history = events.filter { $0.kind == .committed && $0.at <= to }
                var counted: [String] = []
                for (index, fate) in atEnd.enumerated() {
                    let id = history[index].id
                    if fate.outcome == .missed, index >= atStart.count || atStart[index].outcome != .missed { counted.append(id) }
                    if fate.outcome == .kept, let solved = fate.solvedAt, from <= solved, solved < to { counted.append(id) }
                }
                let months = SolutionCommitments(events, asOf: to).countedIn(from: from, to: to).map(\.eventID)
                #expect(months == counted, "\(context), month from \(from)")
            }
        }
    }
}
