import SLACore
import SLATestSupport
import Testing

/// The monthly report keeps, of a year of cases, only the rows that may count in the month (and
/// each client's first): the month made from those is the month made from every row — on random
/// cases around the month, some of a client the KAM's list does not name.
@Suite struct KAMMonthKeptRowsTests {
    static func text(_ month: KAMMonth) -> String {
        var text = ""
        dump(month, to: &text)
        return text
    }

    @Test(arguments: [501, 502, 503] as [UInt64])
    func theKeptRowsMakeTheSameMonth(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let terms = AttentionClockPropertyTests.randomTerms(&random)
        let policy = Policy(defaults: terms)
        let attention = AttentionClock(policy: policy, businessClock: TestCalendars.businessClock)
        let base = Instant.bogota("2026-01-05T00:00").secondsSince1970
        var cases: [(ServiceCase, [CaseEvent])] = []
        for sample in 0..<600 {
            cases.append(AttentionClockPropertyTests.randomCase(sample, clients: ["K1", "K2", "K3"], base: base, &random))
        }
        var leftOut = 0
        for month in [ReportMonth(year: 2026, month: 3), ReportMonth(year: 2026, month: 6), ReportMonth(year: 2026, month: 10)] {
            guard let month else { continue }
            // Every case, those registered after the month too, as the report reads them.
            let rows = try cases.map { serviceCase, events in
                let history = events.filter { $0.at <= month.end }.sorted(by: CaseEvent.inTimeOrder)
                return StatusRow(
                    snapshot: CaseSnapshot(serviceCase: serviceCase, product: "P", summary: "", clientName: "n-" + serviceCase.clientID,
                                           kamID: "kam", kamName: "Ana", events: history),
                    evaluation: try attention.evaluate(serviceCase, events: history, asOf: month.end))
            }
            var named = Set<String>()
            let kept = rows.filter { row in
                let first = row.snapshot.serviceCase.createdAt < month.end && named.insert(row.snapshot.serviceCase.clientID).inserted
                return first || KAMMonth.mayCount(row, in: month)
            }
            leftOut += rows.count - kept.count
            // K3 is no client of the KAM's list: its first row names it.
            let clients: [(id: String, name: String, contract: Contract?)] = [("K1", "Uno", .saas), ("K2", "Dos", nil)]
            let closure = AutomaticClosure(calendar: TestCalendars.standard)
            let whole = try KAMMonth(kamID: "kam", kamName: "Ana", month: month, clients: clients, rows: rows, closure: closure,
                                     policy: policy)
            let fromKept = try KAMMonth(kamID: "kam", kamName: "Ana", month: month, clients: clients, rows: kept,
                                        closure: closure, policy: policy)
            #expect(whole.clients.contains { $0.clientID == "K3" })
            #expect(!whole.cases.isEmpty)
            #expect(Self.text(fromKept) == Self.text(whole), "seed \(seed) \(month)")
        }
        #expect(leftOut > 0, "seed \(seed): some rows are the trend's only")
    }
}
