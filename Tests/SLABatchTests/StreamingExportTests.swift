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
        _ = try DemoJob.run(database: database, cases: 1_500, reportsDirectory: folder.path + "/reports",
                            calendar: TestCalendars.standard, policy: .standard, now: .bogota("2026-11-23T02:00"),
                            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let store = try CaseStore(path: database)
        // Mid-history: some cases registered later are left out, with their events.
        for asOf in [Instant.bogota("2026-09-15T12:00"), .bogota("2026-11-23T02:00")] {
            let whole = try store.cases(registeredBy: asOf)
            var streamed: [CaseSnapshot] = []
            let count = try store.forEachCase(registeredBy: asOf) { streamed.append($0) }
            #expect(count == whole.count)
            #expect(streamed == whole)
            #expect(try store.caseCount(registeredBy: asOf) == whole.count)
            #expect(whole.contains { !$0.events.isEmpty })
        }
    }
}
