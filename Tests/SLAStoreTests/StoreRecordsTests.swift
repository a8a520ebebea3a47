import Foundation
import GRDB
import SLACore
import SLATestSupport
import Testing

@testable import SLAStore

/// The store's own tables read through their records as they were read by hand: what another
/// program wrote is read, never a failed read, and a column is found by its name.
@Suite struct StoreRecordsTests {
    @Test func anOutboxRowOfOtherTypesIsReadAsItsText() throws {
        let queue = try DatabaseQueue()
        let store = try CaseStore(writer: queue)
        try store.prepare(
            [
                .init(
                    kind: .daily, period: "2026-11-24", subject: "Incumplimientos", body: "cuerpo",
                    attachments: ["/r/a.xlsx", "/r/b.csv"], figures: "{}")
            ],
            at: .bogota("2026-11-24T02:00"), runID: 7)
        // Another program rewrote the subject as a number and cleared the files.
        try queue.write { db in try db.execute(sql: "UPDATE outbox SET subject = 42, attachments = ''") }
        let messages = try store.undeliveredMessages()
        #expect(messages.count == 1)
        #expect(messages.first?.subject == "42")
        #expect(messages.first?.attachments == [])
        #expect(messages.first?.key == "daily 2026-11-24")

        // Prepared again, it keeps its delivery.
        try store.recordDelivery(of: "daily 2026-11-24", at: .bogota("2026-11-24T02:05"), runID: 7, to: ["a@x.co"])
        try store.prepare(
            [.init(kind: .daily, period: "2026-11-24", subject: "Otra", body: "otro", attachments: [])],
            at: .bogota("2026-11-24T03:00"), runID: 8)
        let again = try store.messages(.daily, period: "2026-11-24")
        #expect(again.map(\.subject) == ["Otra"])
        #expect(again.map(\.deliveries) == [1])
        #expect(again.first?.deliveredAt == .bogota("2026-11-24T02:05"))
        #expect(again.first?.figures == nil)
        #expect(try store.undeliveredMessages().isEmpty)
    }

    @Test func aRunOfOtherTypesIsReadWithoutItsInstants() throws {
        let queue = try DatabaseQueue()
        let store = try CaseStore(writer: queue)
        let first = try store.beginRun(
            command: "nightly", startedAt: .bogota("2026-11-24T02:00"), asOf: .bogota("2026-11-24T02:00"))
        let second = try store.beginRun(command: "report", startedAt: .bogota("2026-11-24T03:00"), asOf: nil)
        try store.finishRun(second, at: .bogota("2026-11-24T03:01"), outcome: .succeeded, summary: "done")
        try queue.write { db in try db.execute(sql: "UPDATE run SET started_at = 'yesterday' WHERE id = ?", arguments: [second]) }
        let journal = try store.journal()
        #expect(journal.map(\.id) == [first, second])
        #expect(journal.map(\.outcome) == ["interrupted", "succeeded"])
        #expect(
            journal[0].summary == "killed or crashed before finishing (found by the report run started 2026-11-24T03:00:00-05:00)"
        )
        #expect(journal[1].startedAt == nil)
        #expect(journal[1].finishedAt == .bogota("2026-11-24T03:01"))
    }

    @Test func aColumnIsFoundByItsNameOrNotAtAll() throws {
        let queue = try DatabaseQueue()
        try queue.read { db in
            let rows = try StoredRows(db, sql: "SELECT 1 AS one, 'two' AS two")
            #expect(try rows.column("two") == 1)
            #expect(throws: DatabaseError.self) { try rows.column("three") }
        }
    }
}
