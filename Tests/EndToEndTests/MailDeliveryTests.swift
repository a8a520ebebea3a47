import Foundation
import SLATestSupport
import Testing

/// SPEC §12 over a real mail path: `sla` hands its messages to Debian's msmtp as the sendmail
/// program, msmtp speaks SMTP to a real server (aiosmtpd) this test starts on 127.0.0.1, and what
/// the server received is parsed and compared with the files on disk. Nothing leaves the loopback
/// address.
@Suite(.serialized) struct MailDeliveryTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// The SMTP server, started on a free port of 127.0.0.1; killed with the test.
    final class LoopbackSMTPServer {
        let process = Process()
        let port: Int
        let folder: String

        init(keepingIn folder: String) throws {
            self.folder = folder
            let setup = Process()
            setup.executableURL = URL(fileURLWithPath: "/bin/bash")
            setup.arguments = [MailDeliveryTests.packageRoot + "/scripts/ensure-smtp-test-server.sh"]
            try setup.run()
            setup.waitUntilExit()
            guard setup.terminationStatus == 0 else { throw Problem("scripts/ensure-smtp-test-server.sh failed") }
            process.executableURL = URL(fileURLWithPath: MailDeliveryTests.packageRoot + "/.build/smtp-test-venv/bin/python")
            process.arguments = [MailDeliveryTests.packageRoot + "/scripts/loopback-smtp-server.py", folder]
            let output = Pipe()
            process.standardOutput = output
            process.standardInput = FileHandle.nullDevice
            try process.run()
            var line = Data()
            while let byte = try output.fileHandleForReading.read(upToCount: 1), let first = byte.first, first != 10 {
                line.append(first)
            }
            guard let port = Int(String(decoding: line, as: UTF8.self)) else { throw Problem("the SMTP server did not start") }
            self.port = port
        }

        /// The messages received, oldest first: the envelope's recipients and the message parsed.
        func received() throws -> [(recipients: [String], sender: String, mail: ParsedMail)] {
            let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".eml") }.sorted()
            return try names.map { name in
                let stem = folder + "/" + name.dropLast(4)
                let envelope = try JSONDecoder().decode(
                    Envelope.self, from: Data(contentsOf: URL(fileURLWithPath: stem + ".json")))
                return (
                    envelope.rcptTos, envelope.mailFrom,
                    try ParsedMail.parse(Data(contentsOf: URL(fileURLWithPath: stem + ".eml")))
                )
            }
        }

        func stop() { kill(process.processIdentifier, SIGKILL) }

        deinit { stop() }
    }

    struct Envelope: Decodable {
        var mailFrom: String
        var rcptTos: [String]

        enum CodingKeys: String, CodingKey {
            case mailFrom = "mail_from"
            case rcptTos = "rcpt_tos"
        }
    }

    struct Problem: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// msmtp as the sendmail program, configured for `port`: a wrapper that names its
    /// configuration file, as /etc/msmtprc would on a server.
    static func msmtp(in folder: TemporaryDirectory, port: Int) throws -> String {
        let configuration = try folder.write(
            "msmtprc",
            """
            defaults
            logfile \(folder.path)/msmtp.log
            timeout 20
            account default
            host 127.0.0.1
            port \(port)
            from met@example.co
            auth off
            tls off
            """)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: configuration)
        let program = try folder.write("sendmail", "#!/bin/sh\nexec /usr/bin/msmtp -C '\(configuration)' \"$@\"\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: program)
        return program
    }

    static func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    @Test func theNightsMessagesGoThroughMsmtpToARealSMTPServerOnce() throws {
        #expect(FileManager.default.isExecutableFile(atPath: "/usr/bin/msmtp"), "msmtp: make deps installs it")
        let folder = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: folder.path + "/received", withIntermediateDirectories: true)
        let server = try LoopbackSMTPServer(keepingIn: folder.path + "/received")
        let sendmail = try Self.msmtp(in: folder, port: server.port)
        let config = try folder.write(
            "sla.yaml",
            """
            database: sla.sqlite
            reports: informes
            delivery:
              sendmail: \(sendmail)
              from: "Mesa de Experiencia Técnica <met@example.co>"
              daily_to: ["Coordinación MET <coordinacion.met@example.co>", supervisor@example.co]
              monthly_to_kams: true
            """)
        let imported = try BuiltBinary.run(
            [
                "import", "--config", config, "--clients", folder.write("clients.csv", MonthFixture.clients),
                "--cases", folder.write("cases.csv", MonthFixture.cases), "--events",
                folder.write("events.csv", MonthFixture.events)
            ], in: folder.path)
        try #require(imported.status == 0, "\(imported.standardError)")

        // The first night after October: the breach list, and each KAM's October.
        let night = try BuiltBinary.run(["nightly", "--config", config, "--as-of", "2026-11-03T06:00"], in: folder.path)
        #expect(night.status == 1, "M7 is unclassified: a data problem, nothing else\n\(night.standardError)")
        #expect(
            night.standardOutput.hasSuffix(
                "; sent 3 messages (daily 2026-11-03, monthly 2026-10 Kam.Ana, monthly 2026-10 kam-luis)\n"),
            "\(night.standardOutput)")
        let received = try server.received()
        try #require(received.count == 3, "\(night.standardError)")
        let daily = received[0]
        let ana = received[1]
        let luis = received[2]
        #expect(daily.sender == "met@example.co")
        #expect(daily.recipients == ["coordinacion.met@example.co", "supervisor@example.co"])
        #expect(daily.mail.to == "Coordinación MET <coordinacion.met@example.co>, supervisor@example.co")
        #expect(daily.mail.from == "Mesa de Experiencia Técnica <met@example.co>")
        #expect(daily.mail.subject.hasPrefix("Incumplimientos y riesgos — 2026-11-03: "))
        #expect(
            daily.mail.attachment("breaches.xlsx") == (try Self.bytes(folder.path + "/informes/daily/2026-11-03/breaches.xlsx")))
        #expect(ana.recipients == ["ana@example.co"])
        #expect(ana.mail.to == "Ana Ruiz <ana@example.co>")
        #expect(ana.mail.subject == "Informe de niveles de servicio — octubre de 2026 — Ana Ruiz")
        let october = folder.path + "/informes/monthly/2026-10"
        #expect(ana.mail.attachmentNames == ["kam-ana.xlsx", "k1.xlsx", "k2.xlsx"])
        #expect(ana.mail.attachment("kam-ana.xlsx") == (try Self.bytes(october + "/kam-ana.xlsx")))
        #expect(ana.mail.attachment("k2.xlsx") == (try Self.bytes(october + "/kam-ana/clientes/k2.xlsx")))
        #expect(luis.recipients == ["luis@example.co"])
        #expect(luis.mail.attachment("kam-luis.xlsx") == (try Self.bytes(october + "/kam-luis.xlsx")))
        #expect(received.allSatisfy { $0.mail.defects == 0 })
        #expect(Set(received.map(\.mail.messageID)).count == 3)

        // The rerun sends nothing.
        let rerun = try BuiltBinary.run(["nightly", "--config", config, "--as-of", "2026-11-03T06:00"], in: folder.path)
        #expect(rerun.standardOutput.hasSuffix("; sent 0 messages\n"), "\(rerun.standardOutput)")
        #expect(try server.received().count == 3)

        // The relay goes down: the night's message is not delivered (exit 1, said), and is sent by
        // sla deliver once the relay is back.
        server.stop()
        let down = try BuiltBinary.run(["nightly", "--config", config, "--as-of", "2026-11-04T06:00"], in: folder.path)
        #expect(down.status == 1)
        #expect(
            down.standardOutput.hasSuffix("; sent 0 messages, 1 not sent (daily 2026-11-04; see the log)\n"),
            "\(down.standardOutput)")
        #expect(
            down.standardError.contains("message daily 2026-11-04: not delivered: \(sendmail) exited with status"),
            "\(down.standardError)")
        try FileManager.default.createDirectory(atPath: folder.path + "/received-again", withIntermediateDirectories: true)
        let back = try LoopbackSMTPServer(keepingIn: folder.path + "/received-again")
        _ = try Self.msmtp(in: folder, port: back.port)
        let deliver = try BuiltBinary.run(["deliver", "--config", config], in: folder.path)
        #expect(deliver.status == 0, "\(deliver.standardError)")
        #expect(deliver.standardOutput == "sent 1 message (daily 2026-11-04)\n")
        let late = try back.received()
        #expect(late.map(\.mail.subject).first?.hasPrefix("Incumplimientos y riesgos — 2026-11-04: ") == true)
        #expect(
            late.first?.mail.attachment("breaches.xlsx")
                == (try Self.bytes(folder.path + "/informes/daily/2026-11-04/breaches.xlsx")))
        let nothing = try BuiltBinary.run(["deliver", "--config", config], in: folder.path)
        #expect(nothing.standardOutput == "sent 0 messages\n")
        #expect(try back.received().count == 1)
    }
}
