import SLACore
import SLATestSupport
import Testing

/// The open rule of SPEC §7, in its one place.
@Suite struct CaseLifecycleTests {
    func events(_ kinds: [EventKind]) -> [CaseEvent] {
        kinds.enumerated().map {
            CaseEvent(
                id: "\($0.offset)", at: .bogota("2026-11-02T08:00").adding(seconds: Int64($0.offset) * 60), kind: $0.element)
        }
    }

    @Test(
        arguments: [
            ([], true), ([.solved], true), ([.closed], false), ([.autoClosed], false), ([.closed, .reopened], true),
            ([.closed, .reopened, .autoClosed], false), ([.solved, .closed, .diagnosed], false), ([.reopened], true)
        ] as [([EventKind], Bool)])
    func openUnlessTheLatestClosingOrReopeningIsAClosure(kinds: [EventKind], open: Bool) {
        #expect(CaseLifecycle.isOpen(after: events(kinds)) == open)
        #expect((CaseLifecycle.closure(in: events(kinds)) == nil) == open)
    }
}
