import Foundation
import SLABatch
import SLAConfig
import SLACore
import SLAMail
import SLATestSupport
import Testing

/// SPEC §12: what the night and the month's reports hand to the sendmail program, read back by
/// Python's parser and compared with the files on disk; exactly once across reruns, failures and
/// resends; nothing injected through the data.
@Suite struct DeliveryTests {
    static let supervisors = ["coordinacion.met@example.co", "Jefa de Turno <jefa.turno@example.co>"]

    static func mailer(
        _ capture: MailCapture, daily: [String] = supervisors, kams: Bool = false,
        timeout: Duration = .seconds(60)
    ) -> Mailer {
        Mailer(
            Installation.Delivery(
                sendmail: capture.program, from: "Mesa de Experiencia Técnica <met@example.co>",
                dailyTo: daily, monthlyToKAMs: kams), timeout: timeout)
    }

    static func night(_ database: String, _ asOf: String, reports: String, mailer: Mailer) throws -> NightlyJob.Outcome {
        try NightlyJob.run(
            .init(asOf: .bogota(asOf), reportsDirectory: reports, dryRun: false, mailer: mailer),
            runner: .test(database), calendar: TestCalendars.standard, policy: .standard)
    }

    static func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    @Test func aNightMailsTheBreachListOnceWhateverTheReruns() throws {
        let folder = try TemporaryDirectory()
        let capture = try MailCapture()
        let database = try TestImport.database(
            in: folder, clients: SmallFixture.clients, cases: SmallFixture.cases,
            events: SmallFixture.events)
        let reports = folder.path + "/reports"
        let outcome = try Self.night(database, "2026-11-23T14:30", reports: reports, mailer: Self.mailer(capture))
        #expect(outcome.deliveries?.failed == [])
        #expect(outcome.deliveries?.sent == ["daily 2026-11-23"])
        #expect(outcome.summaryLine.hasSuffix("; sent 1 message (daily 2026-11-23)"))

        let handed = try capture.parsed()
        try #require(handed.count == 1)
        let (arguments, mail) = handed[0]
        #expect(arguments == ["-i", "-f", "met@example.co", "--", "coordinacion.met@example.co", "jefa.turno@example.co"])
        let counts = outcome.lists
        #expect(counts.breached > 0)
        #expect(
            mail.subject == "Incumplimientos y riesgos — 2026-11-23: \(counts.breached) incumplidos, "
                + "\(counts.atRisk) en riesgo, \(counts.dueToday) vencen hoy")
        #expect(mail.from == "Mesa de Experiencia Técnica <met@example.co>")
        #expect(mail.to == "coordinacion.met@example.co, Jefa de Turno <jefa.turno@example.co>")
        #expect(mail.defects == 0)
        #expect(mail.body.contains("Incumplidos:        \(counts.breached)"))
        // The plain text and the HTML, then the workbook.
        #expect(
            mail.structure == [
                "multipart/mixed", "multipart/alternative", "text/plain", "text/html",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            ])
        let html = try #require(mail.html)
        #expect(html.contains("<h2 style=\"font-size:16px;margin:18px 0 2px 0\">Vencen hoy: tiempo de atención (1)</h2>"))
        #expect(html.contains(">C3</td><td style="))  // C3 breaches at 16:00
        #expect(html.contains(">16:00</td>"))
        #expect(html.contains("Vencen hoy: compromisos de solución (0)") && html.contains("Ningún compromiso vence hoy."))
        #expect(!html.contains("<img") && !html.contains("http") && !html.contains("<script"))
        #expect(mail.attachmentNames == ["breaches.xlsx"])
        #expect(mail.attachments.first?[1] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        #expect(mail.attachment("breaches.xlsx") == (try Self.bytes(reports + "/daily/2026-11-23/breaches.xlsx")))

        // The rerun rewrites the files and sends nothing.
        let rerun = try Self.night(database, "2026-11-23T14:30", reports: reports, mailer: Self.mailer(capture))
        #expect(rerun.deliveries?.sent == [])
        #expect(try capture.handed().count == 1)
        #expect(rerun.deliveries?.failed == [])
    }

    @Test func theFirstNightAfterAMonthMailsEachKAMTheirWorkbooksOnce() throws {
        let folder = try TemporaryDirectory()
        let capture = try MailCapture()
        let database = try TestImport.database(
            in: folder, clients: MonthFixture.clients, cases: MonthFixture.cases,
            events: MonthFixture.events)
        let reports = folder.path + "/reports"
        let mailer = Self.mailer(capture, daily: [], kams: true)
        let outcome = try Self.night(database, "2026-11-03T06:00", reports: reports, mailer: mailer)
        #expect(outcome.deliveries?.sent == ["monthly 2026-10 Kam.Ana", "monthly 2026-10 kam-luis"])

        let handed = try capture.parsed()
        try #require(handed.count == 2)
        let (arguments, ana) = handed[0]
        #expect(arguments == ["-i", "-f", "met@example.co", "--", "ana@example.co"])
        #expect(ana.to == "Ana Ruiz <ana@example.co>")
        #expect(ana.subject == "Informe de niveles de servicio — octubre de 2026 — Ana Ruiz")
        #expect(ana.defects == 0)
        let month = reports + "/monthly/2026-10"
        #expect(ana.attachmentNames == ["kam-ana.xlsx", "k1.xlsx", "k2.xlsx"])
        #expect(ana.attachment("kam-ana.xlsx") == (try Self.bytes(month + "/kam-ana.xlsx")))
        #expect(ana.attachment("k1.xlsx") == (try Self.bytes(month + "/kam-ana/clientes/k1.xlsx")))
        #expect(ana.attachment("k2.xlsx") == (try Self.bytes(month + "/kam-ana/clientes/k2.xlsx")))
        // The figures of resumen.csv (MonthFixture.octoberSummaryOfAna), with a decimal comma.
        #expect(ana.body.contains("  Clínica del Norte (K1): 66,67 % (2 de 3 a tiempo)\n"))
        #expect(ana.body.contains("  Alcaldía de Chía (K2): 100,00 % (1 de 1 a tiempo)\n"))
        #expect(ana.body.contains("  Total: 75,00 % (3 de 4 a tiempo)\n"))
        #expect(handed[1].mail.to == "Luis Gómez <luis@example.co>")
        #expect(handed[1].mail.attachmentNames == ["kam-luis.xlsx", "k3.xlsx"])

        // Neither the next night, nor the month's reports written again, sends them again.
        _ = try Self.night(database, "2026-11-04T06:00", reports: reports, mailer: mailer)
        let report = try MonthlyReportJob.run(
            month: try #require(ReportMonth(year: 2026, month: 10)), reportsDirectory: reports,
            runner: .test(database), calendar: TestCalendars.standard, policy: .standard,
            mailer: mailer)
        #expect(report.deliveries?.sent == [])
        #expect(try capture.handed().count == 2)

        // A resend on purpose is a new message: a new Message-ID, the same content.
        let resent = try DeliverJob.run(
            .init(month: try #require(ReportMonth(year: 2026, month: 10)), resend: true, reportsDirectory: reports),
            mailer: mailer,
            runner: .test(database))
        #expect(resent.sent == ["monthly 2026-10 Kam.Ana", "monthly 2026-10 kam-luis"])
        let again = try capture.parsed()
        try #require(again.count == 4)
        #expect(again[2].mail.subject == ana.subject)
        #expect(again[2].mail.messageID != ana.messageID)
        #expect(again[2].mail.attachment("kam-ana.xlsx") == (try Self.bytes(month + "/kam-ana.xlsx")))
    }

    @Test func aMessageTheProgramRefusesIsSentByTheNextRunNeverLost() throws {
        let folder = try TemporaryDirectory()
        let capture = try MailCapture()
        let database = try TestImport.database(
            in: folder, clients: SmallFixture.clients, cases: SmallFixture.cases,
            events: SmallFixture.events)
        let reports = folder.path + "/reports"
        try capture.fail(with: 75)
        let failed = try Self.night(database, "2026-11-23T14:30", reports: reports, mailer: Self.mailer(capture))
        #expect(failed.deliveries?.sent == [])
        let finding = try #require(failed.deliveries?.failed.first)
        #expect(finding.source == .message(key: "daily 2026-11-23"))
        #expect(finding.reason.contains("exited with status 75: relay refused the message"))
        #expect(failed.summaryLine.contains("sent 0 messages, 1 not sent (daily 2026-11-23; see the log)"))
        #expect(try DatabaseDump.runs(database).last?.contains("rejected_input") == true)

        // The next night sends the one left and its own, each once.
        try capture.fail(with: nil)
        let next = try Self.night(database, "2026-11-24T06:00", reports: reports, mailer: Self.mailer(capture))
        #expect(next.deliveries?.sent == ["daily 2026-11-23", "daily 2026-11-24"])
        #expect(next.deliveries?.failed == [])
        let subjects = try capture.parsed().map(\.mail.subject)
        #expect(subjects.count == 2)
        #expect(subjects.allSatisfy { $0.hasPrefix("Incumplimientos y riesgos — 2026-11-2") })

        // sla deliver: nothing left; --date without --resend sends nothing delivered; with it, once more.
        #expect(
            try DeliverJob.run(.init(reportsDirectory: reports), mailer: Self.mailer(capture), runner: .test(database)).sent == []
        )
        #expect(
            try DeliverJob.run(
                .init(date: try #require(LocalDate(year: 2026, month: 11, day: 23)), reportsDirectory: reports),
                mailer: Self.mailer(capture),
                runner: .test(database)
            ).sent == [])
        #expect(
            try DeliverJob.run(
                .init(
                    date: try #require(LocalDate(year: 2026, month: 11, day: 23)), resend: true,
                    reportsDirectory: reports),
                mailer: Self.mailer(capture), runner: .test(database)
            ).sent == ["daily 2026-11-23"])
        #expect(try capture.handed().count == 3)
    }

    @Test func sendDeliverAfterAFailureAndTheDeliverCommandsRefusals() throws {
        let folder = try TemporaryDirectory()
        let capture = try MailCapture()
        let database = try TestImport.database(
            in: folder, clients: SmallFixture.clients, cases: SmallFixture.cases,
            events: SmallFixture.events)
        try capture.fail(with: 1)
        _ = try Self.night(database, "2026-11-23T14:30", reports: folder.path + "/reports", mailer: Self.mailer(capture))
        try capture.fail(with: nil)
        let delivered = try DeliverJob.run(
            .init(reportsDirectory: folder.path + "/reports"), mailer: Self.mailer(capture), runner: .test(database))
        #expect(delivered.sent == ["daily 2026-11-23"])
        #expect(delivered.findings.isEmpty)
        #expect(try capture.handed().count == 1)

        let notPrepared = try #require(LocalDate(year: 2026, month: 11, day: 20))
        let september = try #require(ReportMonth(year: 2026, month: 9))
        #expect(throws: SLAError.self) {
            try DeliverJob.run(.init(resend: true), mailer: Self.mailer(capture), runner: .test(database))
        }
        #expect(throws: SLAError.self) {
            try DeliverJob.run(
                .init(date: notPrepared), mailer: Self.mailer(capture),
                runner: .test(database))
        }
        #expect(throws: SLAError.self) {
            try DeliverJob.run(
                .init(month: september), mailer: Self.mailer(capture),
                runner: .test(database))
        }
    }

    @Test func aSendmailThatDoesNotAnswerOrDoesNotExistIsAFailureNotAHang() throws {
        let folder = try TemporaryDirectory()
        let capture = try MailCapture()
        let database = try TestImport.database(
            in: folder, clients: SmallFixture.clients, cases: SmallFixture.cases,
            events: SmallFixture.events)
        // The program sleeps far longer than the timeout, however busy the machine: only the
        // timeout can end it, and the reason says it did.
        try capture.delay(600)
        let slow = try Self.night(
            database, "2026-11-23T14:30", reports: folder.path + "/reports",
            mailer: Self.mailer(capture, timeout: .seconds(1)))
        let slowReason = slow.deliveries?.failed.first?.reason ?? ""
        #expect(slowReason.contains("did not answer within 1 s"), "\(slowReason)")

        let missing = Mailer(
            Installation.Delivery(
                sendmail: folder.path + "/no-such-sendmail", from: "met@example.co",
                dailyTo: ["coordinacion.met@example.co"]))
        let none = try Self.night(database, "2026-11-23T14:30", reports: folder.path + "/reports", mailer: missing)
        let noneReason = none.deliveries?.failed.first?.reason ?? ""
        #expect(noneReason.contains("could not be started"), "\(noneReason)")
        #expect(none.deliveries?.sent == [])
    }

    @Test func namesAndAddressesThatWouldBreakAHeaderAreDataProblemsTheOtherMessagesGo() throws {
        let folder = try TemporaryDirectory()
        let capture = try MailCapture()
        // Ana's name carries a forged header; Luis's clients give two e-mails; Marta is fine.
        let clients = """
            client_id,client_name,contract,kam_id,kam_name,kam_email
            K1,Clínica del Norte,saas,kam-ana,"Ana Ruiz\r\nBcc: intruso@example.net",ana@example.co
            K2,Alcaldía de Chía,on_premise,kam-luis,Luis Gómez,luis@example.co
            K3,Cooperativa Andina,on_premise,kam-luis,Luis Gómez,luis.gomez@example.co
            K4,Logística del Pacífico,saas,kam-marta,Marta Díaz,marta@example.co
            K6,Hospital del Sur,saas,kam-pia,"Pía Rojas\nBcc: intruso@example.net",pia@example.co
            K7,Hospital del Norte,saas,kam-pia,Pía Rojas,pia@example.co

            """
        let database = try TestImport.database(
            in: folder, clients: clients, cases: SmallFixture.cases.replacingOccurrences(of: ",K2,", with: ",K4,"),
            events: SmallFixture.events)
        // An address without @ written into the database directly.
        try DatabaseDump.execute(
            database,
            "INSERT INTO kam (id, name, email) VALUES ('kam-sin', 'Sin Correo', 'nadie'); "
                + "INSERT INTO client (id, name, contract, kam_id, kam_email) VALUES ('K5', 'Quinto', 'saas', 'kam-sin', 'nadie')"
        )
        let outcome = try Self.night(
            database, "2026-11-03T06:00", reports: folder.path + "/reports",
            mailer: Self.mailer(capture, daily: [], kams: true))
        #expect(outcome.deliveries?.sent == ["monthly 2026-10 kam-marta"])
        let reasons = Dictionary(
            uniqueKeysWithValues: (outcome.deliveries?.failed ?? []).map { ($0.source.description, $0.reason) })
        #expect(reasons["message monthly 2026-10 kam-ana"]?.contains("line break") == true)
        #expect(
            reasons["message monthly 2026-10 kam-luis"]?.contains(
                "give different e-mails: luis.gomez@example.co (K3); luis@example.co (K2)") == true)
        #expect(reasons["message monthly 2026-10 kam-sin"]?.contains("'nadie' is not an e-mail address") == true)
        // The bad name is on Pía's first row; the last row, whose name the kam table keeps, is fine.
        #expect(reasons["message monthly 2026-10 kam-pia"]?.contains("line break") == true)
        let handed = try capture.handed()
        #expect(handed.count == 1)
        #expect(handed.allSatisfy { !String(decoding: $0.message, as: UTF8.self).contains("intruso") })
        #expect(handed.first?.arguments.last == "marta@example.co")

        // clients.csv corrected and imported: sla deliver sends Ana's, named as she is now.
        try TestImport.more(
            database,
            clients: try folder.write(
                "fixed.csv",
                """
                client_id,client_name,contract,kam_id,kam_name,kam_email
                K1,Clínica del Norte,saas,kam-ana,Ana Ruiz,ana@example.co

                """))
        let delivered = try DeliverJob.run(
            .init(reportsDirectory: folder.path + "/reports"), mailer: Self.mailer(capture, daily: [], kams: true),
            runner: .test(database))
        #expect(delivered.sent == ["monthly 2026-10 kam-ana"])
        let ana = try #require(try capture.parsed().last?.mail)
        #expect(ana.subject == "Informe de niveles de servicio — octubre de 2026 — Ana Ruiz")
        #expect(ana.to == "Ana Ruiz <ana@example.co>")
        #expect(ana.body.hasPrefix("Hola, Ana Ruiz:\n\nAdjunto el informe"))
    }
}

extension DeliveryTests {
    /// The outbox is a table any program writing the database can write: a row that attaches
    /// /etc/passwd with a phishing text, to an address of its own, used to be sent as it was.
    /// Each message is rebuilt when it is sent — the subject and body from its figures, the
    /// recipients from the installation file or the clients' rows, the attachments only the files
    /// sla writes for its period under the report folder — and anything else is not sent.
    @Test func theOutboxIsNotTrustedBlindly() throws {
        let folder = try TemporaryDirectory()
        let capture = try MailCapture()
        let database = try TestImport.database(
            in: folder, clients: SmallFixture.clients, cases: SmallFixture.cases,
            events: SmallFixture.events)
        let reports = folder.path + "/reports"
        try capture.fail(with: 75)
        _ = try Self.night(database, "2026-11-23T14:30", reports: reports, mailer: Self.mailer(capture))
        try capture.fail(with: nil)
        let secret = try folder.write("secret.xlsx", "root:x:0:0:root:/root:/bin/bash\n")
        #expect(Self.shell("ln -s \(secret) \(reports)/daily/2026-11-23/link.xlsx") == 0)
        try DatabaseDump.execute(
            database,
            """
            UPDATE outbox SET subject = 'Su cuenta será bloqueada', body = 'Entre a http://phish.example', \
                attachments = '\(secret)' WHERE message = 'daily 2026-11-23';
            INSERT INTO kam (id, name, email) VALUES ('kam-x', 'Intruso', 'intruso@example.net');
            INSERT INTO client (id, name, contract, kam_id, kam_email) VALUES ('KX', 'X', 'saas', 'kam-x', 'intruso@example.net');
            INSERT INTO outbox (message, kind, period, kam_id, subject, body, attachments, prepared_at, figures) VALUES
                ('monthly 2026-10 kam-x', 'monthly', '2026-10', 'kam-x', 'Factura', 'Pague aquí', '/etc/passwd', 0,
                 '{"clients":[{"breached":0,"id":"KX","met":1}],"total":{"breached":0,"id":"","met":1}}'),
                ('monthly 2026-10 kam-y', 'monthly', '2026-10', 'kam-x', 'Factura', 'Pague aquí', '', 0, NULL),
                ('daily 2026-11-22', 'daily', '2026-11-22', NULL, 'Hola', 'Pague aquí',
                 '\(reports)/daily/2026-11-23/breaches.xlsx', 0, NULL);
            """)
        let refused = try DeliverJob.run(
            .init(reportsDirectory: reports),
            mailer: Self.mailer(capture, kams: true), runner: .test(database))
        #expect(refused.sent == [])
        let reasons = Dictionary(uniqueKeysWithValues: refused.failed.map { ($0.source.description, $0.reason) })
        #expect(
            reasons["message daily 2026-11-23"]?.contains("is not a file sla writes for daily 2026-11-23") == true, "\(reasons)")
        #expect(reasons["message monthly 2026-10 kam-x"]?.contains("/etc/passwd is not a file sla writes") == true, "\(reasons)")
        #expect(reasons["message monthly 2026-10 kam-y"]?.contains("not prepared by sla") == true, "\(reasons)")
        #expect(
            reasons["message daily 2026-11-22"]?.contains("is not a file sla writes for daily 2026-11-22") == true, "\(reasons)")
        #expect(try capture.handed().isEmpty)

        // A link under the night's folder to another file is no better.
        try DatabaseDump.execute(
            database,
            """
            UPDATE outbox SET attachments = '\(reports)/daily/2026-11-23/link.xlsx' WHERE message = 'daily 2026-11-23'
            """)
        let linked = try DeliverJob.run(
            .init(date: try #require(LocalDate(year: 2026, month: 11, day: 23)), reportsDirectory: reports),
            mailer: Self.mailer(capture), runner: .test(database))
        #expect(linked.sent == [])
        #expect(try capture.handed().isEmpty)

        // The night's own workbook again: sent, with sla's subject and body, not the row's.
        try DatabaseDump.execute(
            database,
            """
            UPDATE outbox SET attachments = '\(reports)/daily/2026-11-23/breaches.xlsx' WHERE message = 'daily 2026-11-23'
            """)
        let sent = try DeliverJob.run(
            .init(date: try #require(LocalDate(year: 2026, month: 11, day: 23)), reportsDirectory: reports),
            mailer: Self.mailer(capture), runner: .test(database))
        #expect(sent.sent == ["daily 2026-11-23"])
        let mail = try #require(try capture.parsed().last?.mail)
        #expect(mail.subject.hasPrefix("Incumplimientos y riesgos — 2026-11-23: "), "\(mail.subject)")
        #expect(mail.body.hasPrefix("Buenos días:"))
        #expect(!mail.body.contains("phish"))
        #expect(mail.attachment("breaches.xlsx") == (try Self.bytes(reports + "/daily/2026-11-23/breaches.xlsx")))

        // Figures out of range (a count that would overflow) are not sla's.
        try DatabaseDump.execute(
            database,
            """
            UPDATE outbox SET figures = replace(figures, '"breached":', '"breached":9223372036854775807,"x":') \
            WHERE message = 'daily 2026-11-23'
            """)
        let overflow = try DeliverJob.run(
            .init(
                date: try #require(LocalDate(year: 2026, month: 11, day: 23)), resend: true,
                reportsDirectory: reports),
            mailer: Self.mailer(capture), runner: .test(database))
        #expect(overflow.sent == [])
        #expect(overflow.failed.first?.reason.contains("figures are missing or not sla's") == true, "\(overflow.failed)")
    }

    /// Two installations sending the same message (staging and production, one domain) never share
    /// a Message-ID: it is salted with a random id each database keeps; a retry from one database
    /// carries the same id.
    @Test func messageIDsAreTheInstallationsOwnAndStableAcrossRetries() throws {
        let folder = try TemporaryDirectory()
        let capture = try MailCapture()
        func prepared(_ name: String) throws -> String {
            let database = try TestImport.database(
                in: folder, named: name, clients: SmallFixture.clients,
                cases: SmallFixture.cases, events: SmallFixture.events)
            try capture.fail(with: 75)
            _ = try Self.night(
                database, "2026-11-23T14:30", reports: folder.path + "/reports-" + name, mailer: Self.mailer(capture))
            try capture.fail(with: nil)
            return database
        }
        let production = try prepared("production")
        let staging = try prepared("staging")
        let retry = folder.path + "/retry.sqlite"
        try DatabaseDump.copy(production, to: retry)
        for (database, reports) in [(production, "production"), (staging, "staging"), (retry, "production")] {
            let sent = try DeliverJob.run(
                .init(reportsDirectory: folder.path + "/reports-" + reports), mailer: Self.mailer(capture),
                runner: .test(database))
            #expect(sent.sent == ["daily 2026-11-23"])
        }
        let ids = try capture.parsed().map(\.mail.messageID)
        try #require(ids.count == 3)
        #expect(ids[0] != ids[1])
        #expect(ids[0] == ids[2])
        #expect(ids.allSatisfy { $0.hasPrefix("<sla.") && $0.hasSuffix("@example.co>") })
        let installation = try DatabaseDump.rows(production, "SELECT value FROM setting WHERE name = 'installation_id'")
        #expect(installation.first?.count == 32)
    }

    @discardableResult
    static func shell(_ command: String) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
