import Foundation
import Logging
import SLABatch
import SLACore
import SLAStore
import SLATestSupport
import Testing

/// The export streams one case at a time (merging the cases and the events in case id order); it
/// must give every case exactly the events the whole-history read gives it.
@Suite struct StreamingExportTests {
    @Test func streamingGivesEachCaseTheEventsOfTheWholeRead() throws {
        let folder = try TemporaryDirectory()
        let database = folder.path + "/sla.sqlite"
        _ = try DemoJob.run(
            cases: 1_500, reportsDirectory: folder.path + "/reports", runner: .test(database),
            calendar: TestCalendars.standard, policy: .standard)
        let store = try CaseStore.open(database, for: .read)
        // Mid-history: some cases registered later are left out, with their events.
        for asOf in [Instant.bogota("2026-09-15T12:00"), .bogota("2026-11-23T02:00")] {
            let whole = try store.cases(registeredBy: asOf)
            var streamed: [CaseRead] = []
            let count = try store.forEachCase(registeredBy: asOf) { streamed.append($0) }
            #expect(count == whole.count)
            #expect(streamed.map(\.snapshot) == whole.map(\.snapshot))
            #expect(whole.allSatisfy { $0.snapshot != nil })
            #expect(try store.caseCount(registeredBy: asOf) == whole.count)
            #expect(whole.contains { $0.snapshot?.events.isEmpty == false })
        }
    }
}
