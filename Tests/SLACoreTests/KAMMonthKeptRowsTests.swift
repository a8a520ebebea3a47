import SLACore
import SLATestSupport
import Testing

/// The monthly report keeps, of a year of cases, only the rows that may count in the month (and
/// each client's first): the month made from those is the month made from every row — on random
/// cases around the month, some of a client the KAM's list does not name, with solution
/// commitments and escalations between support levels; and the trend's tally of solution
/// commitments is each month's own count.
@Suite struct KAMMonthKeptRowsTests {
    static func text(_ month: some Any) -> String {
        var text = ""
        dump(month, to: &text)
        return text
    }

    @Test(arguments: [501, 502, 503] as [UInt64])
    func theKeptRowsMakeTheSameMonth(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        var terms = AttentionClockPropertyTests.randomTerms(&random)
        terms.ola = Terms.supportLevels.map { _ in Int64(1 + random.below(40)) * 1800 }
        let policy = Policy(defaults: terms)
        let attention = AttentionClock(policy: policy, businessClock: TestCalendars.businessClock)
        let base = Instant.bogota("2026-01-05T00:00").secondsSince1970
        var cases: [(ServiceCase, [CaseEvent])] = []
        for sample in 0..<600 {
            var (serviceCase, events) = AttentionClockPropertyTests.randomCase(
                sample, clients: ["K1", "K2", "K3"], base: base,
                &random)
            let created = serviceCase.createdAt.secondsSince1970
            func later(_ days: Int) -> Int64 { created + Int64.random(in: 0..<(Int64(days) * 1440), using: &random) * 60 }
            // Promises (some re-planned), due within three weeks, and escalations to a level.
            for index in 0..<random.below(3) {
                let at = later(12)
                events.append(
                    CaseEvent(
                        id: "c\(index)", at: Instant(secondsSince1970: at), kind: .committed,
                        due: Instant(secondsSince1970: at + Int64(1 + random.below(21 * 24)) * 3600)))
            }
            for index in 0..<random.below(3) {
                events.append(
                    CaseEvent(
                        id: "e\(index)", at: Instant(secondsSince1970: later(12)), kind: .escalated,
                        level: 1 + random.below(3)))
            }
            cases.append((serviceCase, events))
        }
        var leftOut = 0
        var commitmentsCounted = 0
        var levelTimes = 0
        for month in [ReportMonth(year: 2026, month: 3), ReportMonth(year: 2026, month: 6), ReportMonth(year: 2026, month: 10)] {
            guard let month else { continue }
            // Every case, those registered after the month too, as the report reads them.
            let rows = try cases.map { serviceCase, events in
                let history = events.filter { $0.at <= month.end }.sorted(by: CaseEvent.inTimeOrder)
                return StatusRow(
                    snapshot: CaseSnapshot(
                        serviceCase: serviceCase, product: "P", summary: "", clientName: "n-" + serviceCase.clientID,
                        kamID: "kam", kamName: "Ana", events: history),
                    evaluation: try attention.evaluate(serviceCase, events: history, asOf: month.end), asOf: month.end)
            }
            var named = Set<String>()
            let kept = rows.filter { row in
                let first =
                    row.snapshot.serviceCase.createdAt < month.end && named.insert(row.snapshot.serviceCase.clientID).inserted
                return first || KAMMonth.mayCount(row, in: month)
            }
            leftOut += rows.count - kept.count
            // K3 is no client of the KAM's list: its first row names it.
            let clients: [(id: String, name: String, contract: Contract?)] = [("K1", "Uno", .saas), ("K2", "Dos", nil)]
            let closure = AutomaticClosure(calendar: TestCalendars.standard)
            let whole = try KAMMonth(
                kamID: "kam", kamName: "Ana", month: month, clients: clients, rows: rows, closure: closure,
                policy: policy)
            let fromKept = try KAMMonth(
                kamID: "kam", kamName: "Ana", month: month, clients: clients, rows: kept,
                closure: closure, policy: policy)
            #expect(whole.clients.contains { $0.clientID == "K3" })
            #expect(!whole.cases.isEmpty)
            #expect(Self.text(fromKept) == Self.text(whole), "seed \(seed) \(month)")
            let commitments = MonthlyCommitments(month: month, rows: rows)
            let keptCommitments = MonthlyCommitments(month: month, rows: kept)
            #expect(keptCommitments.byClient == commitments.byClient, "seed \(seed) \(month)")
            #expect(Self.text(keptCommitments.counted) == Self.text(commitments.counted), "seed \(seed) \(month)")
            commitmentsCounted += commitments.counted.count
            let levels = TimeByLevel.rows(month: month, clients: whole.clients, rows: rows)
            #expect(TimeByLevel.rows(month: month, clients: whole.clients, rows: kept) == levels, "seed \(seed) \(month)")
            levelTimes += levels.reduce(0) { $0 + $1.seconds.count + $1.olaBreaches }
            // The trend's tally of every row, a case at a time, against each month's own count.
            var tally = MonthlyTrend.Tally(endingWith: month)
            for row in rows { tally.add(row) }
            let clientIDs = whole.clients.map(\.clientID)
            #expect(
                tally.commitmentRows(clientIDs: clientIDs)
                    == MonthlyCommitments.trend(months: MonthlyTrend.months(endingWith: month), clientIDs: clientIDs, rows: rows))
        }
        #expect(commitmentsCounted > 0 && levelTimes > 0, "seed \(seed): commitments and levels are exercised")
        #expect(leftOut > 0, "seed \(seed): some rows are the trend's only")
    }
}
