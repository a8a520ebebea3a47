import Foundation
import SLACore
import SLATestSupport
import Testing

@testable import SLAMail

/// The message builder read back by a real parser: Python's `email` package (the standard
/// library, on every machine here) decodes the headers, the body and every attachment, and they
/// must be what went in, byte for byte.
@Suite struct MailMessageTests {
    /// A Bogotá wall-clock time.
    static func at(_ text: String) -> Instant { (try? Timestamp.parse(text)) ?? Instant(secondsSince1970: 0) }

    static func message(subject: String, body: String, attachments: [MailMessage.Attachment]) throws -> MailMessage {
        MailMessage(
            from: try #require(MailAddress(parsing: "Mesa de Experiencia Técnica <met@example.co>")),
            to: [
                try #require(MailAddress(name: "Ana Ruiz Núñez", address: "ana.ruiz@example.co")),
                try #require(MailAddress(name: "Coordinación \"MET\"", address: "coordinacion.met@example.co")),
                try #require(MailAddress(name: nil, address: "luis@example.co"))
            ],
            subject: subject, body: body, attachments: attachments, date: Self.at("2026-11-23T07:00:05"),
            identity: "daily 2026-11-23")
    }

    @Test func aPythonParserReadsBackEveryHeaderBodyAndByte() throws {
        var random = SeededRandom(seed: 16)
        let workbook = (0..<70_001).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        let subject =
            "Informe de niveles de servicio — octubre de 2026 — Ana Ruiz Núñez, con un asunto largo que pasa de la línea 🚀"
        let body =
            "Buenos días:\n\nCumplimiento ANS de octubre:\n  Clínica del Norte S.A.S.: 82,76 % (meta 95 %)\n\n¿Preguntas? Responda a este correo.\n"
        let message = try Self.message(
            subject: subject, body: body,
            attachments: [
                .workbook("kam-ana.xlsx", bytes: workbook),
                .workbook(
                    "Clínica del Norte — cliente número uno con un nombre de archivo muy largo.xlsx",
                    bytes: Array(workbook.prefix(10))),
                .workbook("vacío.xlsx", bytes: [])
            ])
        let text = message.text
        let long = text.split(separator: "\n", omittingEmptySubsequences: false).filter { $0.utf8.count > 78 }
        #expect(long.isEmpty, "\(long)")
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII }, "every byte 7-bit: nothing for a relay to mangle")

        let parsed = try ParsedMail.parse(text)
        #expect(parsed.defects == 0)
        #expect(parsed.from == "Mesa de Experiencia Técnica <met@example.co>")
        #expect(
            parsed.to
                == #"Ana Ruiz Núñez <ana.ruiz@example.co>, "Coordinación \"MET\"" <coordinacion.met@example.co>, luis@example.co"#
                || parsed.to
                    == #"Ana Ruiz Núñez <ana.ruiz@example.co>, Coordinación "MET" <coordinacion.met@example.co>, luis@example.co"#,
            "\(parsed.to)")
        #expect(parsed.subject == subject)
        #expect(parsed.date == "Mon, 23 Nov 2026 07:00:05 -0500")
        #expect(parsed.messageID.hasPrefix("<sla.") && parsed.messageID.hasSuffix("@example.co>"))
        #expect(parsed.body == body)
        #expect(
            parsed.attachments.map { $0[0] } == [
                "kam-ana.xlsx", "Clínica del Norte — cliente número uno con un nombre de archivo muy largo.xlsx", "vacío.xlsx"
            ])
        #expect(parsed.attachments.allSatisfy { $0[1] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" })
        #expect(
            parsed.attachments.map { $0[2] }
                == [workbook, Array(workbook.prefix(10)), []].map { bytes in
                    bytes.map { String(format: "%02x", $0) }.joined()
                })
    }

    /// The same message twice has the same Message-ID; another message, another one.
    @Test func theMessageIDFollowsTheIdentity() throws {
        let first = try Self.message(subject: "a", body: "b", attachments: [])
        var again = first
        again.date = Self.at("2026-11-24T07:00")
        var other = first
        other.identity = "daily 2026-11-24"
        let id = { (message: MailMessage) in message.text.split(separator: "\n").first { $0.hasPrefix("Message-ID: ") } }
        #expect(id(first) == id(again))
        #expect(id(first) != id(other))
    }

    /// Nothing from the data can add a header: names and addresses with a line break, a control
    /// character or no `@` are refused.
    @Test(
        arguments: [
            ("Ana\r\nBcc: x@evil.co", "ana@example.co"), ("Ana", "ana@example.co\nBcc: x@evil.co"), ("Ana", "ana.example.co"),
            ("Ana", "ana@"), ("Ana", "@example.co"), ("Ana", "ana@@example.co"), ("Ana", "ana <x>@example.co"),
            ("Ana\u{0}", "ana@example.co"), ("Ana\u{2028}Ruiz", "ana@example.co"), ("Ana", "ana,b@example.co")
        ] as [(String, String)])
    func anAddressThatWouldBreakAHeaderIsRefused(name: String, address: String) {
        #expect(MailAddress(name: name, address: address) == nil)
        #expect(MailAddress.problem(name: name, address: address) != nil)
    }

    /// What the installation file used to accept and the mailer refused (or the reverse): one rule.
    @Test(arguments: [
        "c;x@d.co", "c(x)@d.co", "c@[1.2.3.4]", "añа@d.co", "c\u{2028}@d.co", "c..x@d.co", ".c@d.co", "c@d",
        "c@-d.co", "c@d..co", "\"c x\"@d.co"
    ])
    func oneAddressRuleForTheFileAndTheMailer(address: String) {
        #expect(MailAddressRule.addressProblem(address) != nil || MailAddressRule.nameProblem(address) != nil)
        #expect(MailAddress(name: nil, address: address) == nil)
        #expect(MailAddress(parsing: "Ana <\(address)>") == nil)
    }

    @Test(arguments: ["ana@example.co", "o'brien+sla@mail.example.co", "A_B-c@x-y.example.com"])
    func plainAddressesPass(address: String) {
        #expect(MailAddressRule.addressProblem(address) == nil)
        #expect(MailAddress(name: "Ana", address: address) != nil)
    }

    /// Display names: a quoted name keeps its own quotes and backslashes; spoofing (bidi controls,
    /// text that reads as an encoded word) is refused; a long name is folded, never a line over
    /// RFC 5322's 998 characters.
    @Test func displayNamesAreReadAsWrittenAndCannotSpoof() throws {
        let quoted = try #require(MailAddress(parsing: #""Ana \"La Jefa\"" <ana@example.co>"#))
        #expect(quoted.name == #"Ana "La Jefa""#)
        #expect(quoted.header == #""Ana \"La Jefa\"" <ana@example.co>"#)
        let bare = try #require(MailAddress(parsing: #"Ana "La Jefa" <ana@example.co>"#))
        #expect(bare.name == #"Ana "La Jefa""#)
        #expect(MailAddress(parsing: "Ana \u{202E}ofni <ana@example.co>") == nil)
        #expect(MailAddress(parsing: "=?utf-8?B?QmFuY28=?= <ana@example.co>") == nil)
        #expect(MailAddress(parsing: String(repeating: "A", count: 201) + " <ana@example.co>") == nil)

        let long = try #require(MailAddress(name: String(repeating: "Ana Ruiz ", count: 22), address: "ana@example.co"))
        let message = MailMessage(
            from: long, to: [long, long], subject: String(repeating: "Informe ", count: 200), body: "x\n",
            date: Self.at("2026-11-23T07:00"), identity: "daily 2026-11-23")
        let lines = message.text.split(separator: "\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 998 }, "\(lines.map(\.utf8.count).max() ?? 0)")
        let parsed = try ParsedMail.parse(Data(message.text.utf8))
        #expect(parsed.defects == 0)
        #expect(parsed.from.hasPrefix("Ana Ruiz Ana Ruiz"), "\(parsed.from)")
    }

    /// A compliance shown as "90,00 %" meets a target shown as "90 %": compared as shown.
    @Test func complianceIsComparedAsItIsShown() {
        var client = ClientFigures(clientID: "K1", clientName: "Clínica")
        client.met = 22_499
        client.breached = 2_501
        client.terms.complianceTargetPercent = 90
        #expect(MailTexts.compliance(client) == "90,00 % (22499 de 25000 a tiempo), meta 90 %: cumple")
        client.terms.complianceTargetPercent = 90.01
        #expect(MailTexts.compliance(client).hasSuffix("meta 90,01 %: no cumple"))
    }
}
