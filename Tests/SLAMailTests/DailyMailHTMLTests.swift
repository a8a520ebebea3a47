import Foundation
import SLACore
import SLATestSupport
import Testing

@testable import SLAMail

/// The HTML part of the morning message: every text from the data escaped, both tables drawn with
/// their header even when empty, nothing fetched from anywhere, and the message read back by a
/// real parser as plain text and HTML alternatives before the workbook.
@Suite struct DailyMailHTMLTests {
    static func row(_ id: String, client: String, assignee: String?, events: [CaseEvent], asOf: Instant) throws -> StatusRow {
        let serviceCase = ServiceCase(
            id: id, clientID: "K1", type: .incidente, priority: .p1, impact: nil, urgency: nil,
            contract: .saas, createdAt: .bogota("2026-11-23T06:00"))
        let snapshot = CaseSnapshot(
            serviceCase: serviceCase, product: "KACTUS", summary: "", clientName: client, kamID: "k",
            kamName: "K", events: events, assignee: assignee)
        let clock = AttentionClock(policy: .standard, businessClock: TestCalendars.businessClock)
        return StatusRow(snapshot: snapshot, evaluation: try clock.evaluate(serviceCase, events: events, asOf: asOf), asOf: asOf)
    }

    @Test func escapesTheDataAndDrawsEveryTable() throws {
        let asOf = Instant.bogota("2026-11-23T07:00")
        let hostile = try Self.row(
            "<script>alert(1)</script>", client: "Clínica \"A&B\" <img src=http://x/y.png>",
            assignee: "O'Neil\u{0}",
            events: [
                CaseEvent(id: "1", at: .bogota("2026-11-23T06:30"), kind: .diagnosed),
                CaseEvent(id: "2", at: .bogota("2026-11-23T06:40"), kind: .committed, due: .bogota("2026-11-23T15:00"))
            ], asOf: asOf)
        let lists = DailyLists([hostile], asOf: asOf)
        let html = DailyMailHTML.page(asOf: asOf, lists: lists, evaluated: 1, closures: 0, dataProblems: 0)
        #expect(!html.contains("<script") && !html.contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("Clínica &quot;A&amp;B&quot; &lt;img src=http://x/y.png&gt;"))
        #expect(html.contains("O&#39;Neil\u{FFFD}"))
        #expect(html.contains(">15:00</td>"))
        // Both tables, each with its header, the empty one saying so.
        #expect(html.components(separatedBy: "<th style=").count - 1 == 10)
        #expect(html.contains("Vencen hoy: tiempo de atención (0)") && html.contains("Ningún caso vence hoy."))
        #expect(html.contains("Vencen hoy: compromisos de solución (1)"))
        #expect(!html.contains("src=\"") && !html.contains("href=") && !html.contains("url("))

        let message = MailMessage(
            from: try #require(MailAddress(parsing: "MET <met@example.co>")),
            to: [try #require(MailAddress(name: nil, address: "jefa@example.co"))],
            subject: MailTexts.dailySubject(date: asOf.localDate, counts: lists.counts), body: "Buenos días\n", html: html,
            attachments: [.workbook("breaches.xlsx", bytes: [1, 2, 3])], date: asOf, identity: "daily 2026-11-23")
        let text = message.text
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).allSatisfy { $0.utf8.count <= 78 })
        let parsed = try ParsedMail.parse(text)
        #expect(parsed.defects == 0)
        #expect(
            parsed.structure == [
                "multipart/mixed", "multipart/alternative", "text/plain", "text/html",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            ])
        #expect(parsed.body == "Buenos días\n")
        #expect(parsed.html == html)
        #expect(parsed.attachment("breaches.xlsx") == [1, 2, 3])
    }
}
