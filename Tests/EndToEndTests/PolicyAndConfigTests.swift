import Foundation
import SLATestSupport
import Testing

/// An installation as cron runs it: one installation file naming the database, the reports and a
/// policy of two agreements, every command given `--config` and nothing else — and the options
/// that win over the file.
@Suite struct PolicyAndConfigTests {
    /// The small fixture and C7, solved on Thursday 19 November and never answered.
    static let cases = SmallFixture.cases + "C7,K1,BPM,solicitud,P4,baja,baja,2026-11-19T08:00,Sin respuesta\n"
    static let events = SmallFixture.events + "4,C7,2026-11-19T10:00,solved,,\n"

    static let policy = """
        # The desk's contracts.
        agreements:
          - name: Clínica del Norte, contrato 2026
            clients: [K1]
            from: 2026-11-01
            p1: { saas: { hours: 8 } }
            acceptance_business_days: 2
          - name: Alcaldía de Chía desde el 20
            clients: [K2, K9]
            from: 2026-11-20
            matrix: { alta: { alta: 2.5 } }
            matrix_clock: 24x7
            at_risk_percent: 50
        """

    static func installation(sendmail: String = "/usr/sbin/sendmail") -> String {
        """
        database: ../data/sla.sqlite
        reports: ../informes
        policy: acuerdos.yaml
        delivery:
          sendmail: \(sendmail)
          from: "Mesa de Experiencia Técnica <met@example.co>"
          daily_to: [coordinacion.met@example.co]
        """
    }

    /// The installation in `folder`: `etc/sla.yaml`, `etc/acuerdos.yaml`, the database imported
    /// into `data/`; returns the installation file's absolute path.
    static func install(in folder: TemporaryDirectory, sendmail: MailCapture) throws -> String {
        for sub in ["etc", "data", "input", "elsewhere"] {
            try FileManager.default.createDirectory(atPath: folder.path + "/" + sub, withIntermediateDirectories: true)
        }
        _ = try folder.write("etc/acuerdos.yaml", policy)
        let config = try folder.write("etc/sla.yaml", installation(sendmail: sendmail.program))
        let imported = try BuiltBinary.run(
            [
                "import", "--config", config, "--clients", folder.write("input/clients.csv", SmallFixture.clients),
                "--cases", folder.write("input/cases.csv", cases), "--events", folder.write("input/events.csv", events)
            ], in: folder.path + "/elsewhere")
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/data/sla.sqlite"))
        return config
    }

    @Test func everyFigureFollowsThePolicyTheInstallationNames() throws {
        let folder = try TemporaryDirectory()
        let mail = try MailCapture()
        let config = try Self.install(in: folder, sendmail: mail)
        let here = folder.path + "/elsewhere"

        // The cron line: `sla nightly --config /etc/sla/sla.yaml`.
        let night = try BuiltBinary.run(["nightly", "--config", config, "--as-of", "2026-11-24T02:00"], in: here)
        #expect(night.status == 1, "\(night.standardError)")  // C4 is unclassified
        #expect(night.standardOutput.hasPrefix("nightly as of 2026-11-24T02:00:00-05:00: 1 closed automatically, "))
        #expect(
            night.standardError.contains(
                "the agreement 'Alcaldía de Chía desde el 20' names the client K9, which the database does not know"),
            "\(night.standardError)")
        let daily = folder.path + "/informes/daily/2026-11-24/"
        let status = try String(contentsOfFile: daily + "sla-status.csv", encoding: .utf8)
        for line in [
            // K1's agreement: P1 saas 8 h (still 24x7): due 15 November 06:00, not 02:00.
            "C1,K1,kam-ana,KACTUS,incidente,P1,,,24x7,28800,792000,0,breached,2026-11-15T06:00:00-05:00,,,3",
            // K2's agreement is from the 20th: C2 (registered the 14th) keeps the default terms.
            "C2,K2,kam-luis,SEVEN,incidente,P1,,,business,14400,",
            // C3, registered the 23rd: 2.5 h on the 24x7 clock.
            "C3,K2,kam-luis,BPM,consulta,P2,alta,alta,24x7,9000,64800,0,breached,2026-11-23T10:30:00-05:00,,,3"
        ] {
            #expect(status.contains("\n" + line), "\(line)\n\(status)")
        }
        // C7: two business days (Friday 20, Monday 23) to accept, not five.
        let closures = try String(contentsOfFile: daily + "closures.csv", encoding: .utf8)
        #expect(closures.contains("C7,K1,"), "\(closures)")
        #expect(closures.contains("2026-11-23T18:00:00-05:00"), "\(closures)")
        #expect(!FileManager.default.fileExists(atPath: here + "/reports"), "reports go where the installation says")
        // The breach list went to delivery.daily_to, once.
        #expect(night.standardOutput.hasSuffix("; sent 1 message (daily 2026-11-24)\n"), "\(night.standardOutput)")
        #expect(try mail.parsed().map(\.mail.subject).first?.hasPrefix("Incumplimientos y riesgos — 2026-11-24: ") == true)

        // Explain names the agreement and shows its targets.
        let c3 = try BuiltBinary.run(["explain", "C3", "--config", config, "--as-of", "2026-11-23T09:30"], in: here)
        #expect(c3.status == 0, "\(c3.standardError)")
        #expect(
            c3.standardOutput.contains(
                "  terms: agreement \"Alcaldía de Chía desde el 20\" (for client K2, registered 2026-11-23)\n"))
        #expect(c3.standardOutput.contains("    P2–P4 on the 24x7 clock: urgency alta 2.5/16/32 h, "))
        #expect(c3.standardOutput.contains("    at risk from 50 % of the target; "))
        #expect(c3.standardOutput.contains("State    at_risk; suggested escalation 2"), "5400 s of 9000 is past 50 %")
        let c7 = try BuiltBinary.run(["explain", "C7", "--config", config, "--as-of", "2026-11-24T02:00"], in: here)
        #expect(c7.standardOutput.contains("Acceptance periods (2 business days to validate a solution"), "\(c7.standardOutput)")
        let c2 = try BuiltBinary.run(["explain", "C2", "--config", config, "--as-of", "2026-11-24T02:00"], in: here)
        #expect(c2.standardOutput.contains("  terms: default terms (for client K2, registered 2026-11-14)\n"))

        // Export: the same clocks; an option on the command line wins over the file.
        let export = try BuiltBinary.run(["export", "--config", config, "--as-of", "2026-11-24T02:00"], in: here)
        #expect(export.standardOutput.contains("\nC3,K2,kam-luis,BPM,consulta,P2,alta,alta,24x7,9000,"))
        let builtIn = try folder.write("etc/empty.yaml", "# no agreements: the SPEC's terms\n")
        let standard = try BuiltBinary.run(
            ["export", "--config", config, "--policy", builtIn, "--as-of", "2026-11-24T02:00"],
            in: here)
        #expect(standard.status == 0, "\(standard.standardError)")
        #expect(standard.standardOutput.contains("\nC3,K2,kam-luis,BPM,consulta,P2,alta,alta,business,28800,"))
        let otherDatabase = try BuiltBinary.run(["export", "--config", config, "--db", "missing.sqlite"], in: here)
        #expect(otherDatabase.status == 2)
        #expect(otherDatabase.standardError.contains("no database at missing.sqlite"), "\(otherDatabase.standardError)")

        // A month's report shows each client's terms on its last day: October, under a policy
        // given on the command line (a month without activity still shows them).
        let october = try folder.write(
            "etc/octubre.yaml",
            """
            agreements:
              - { name: Alcaldía de Chía 2026, clients: [K2], until: 2026-12-31, matrix: { alta: { alta: 2.5 } } }
            """)
        let report = try BuiltBinary.run(["report", "--config", config, "--policy", october, "--month", "2026-10"], in: here)
        #expect(report.status == 0, "\(report.standardError)")
        #expect(try mail.handed().count == 1, "no delivery.monthly_to_kams: nothing more is sent")
        let strings = try WorkbookReader.part("xl/sharedStrings.xml", of: folder.path + "/informes/monthly/2026-10/kam-luis.xlsx")
        #expect(strings.contains("<t>Alcaldía de Chía 2026</t>"))
        #expect(strings.contains("<t>2,5 / 16 / 32</t>"))
        #expect(strings.contains("<t>Condiciones de servicio del mes</t>"))
    }

    @Test func policyCheckShowsEachClientsTermsAndWarnsOfUnknownClients() throws {
        let folder = try TemporaryDirectory()
        let config = try Self.install(in: folder, sendmail: MailCapture())
        let check = try BuiltBinary.run(["policy", "check", "--config", config, "--on", "2026-11-25"], in: folder.path)
        #expect(check.status == 0, "\(check.standardError)")
        let lines = check.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "The terms of each client for a case registered on 2026-11-25:")
        let k1 = try #require(lines.first { $0.hasPrefix("K1 ") })
        #expect(
            k1.contains("Clínica del Norte, contrato 2026 (line 3)") && k1.contains("8 h 24x7") && k1.contains("2 business days"))
        let k2 = try #require(lines.first { $0.hasPrefix("K2 ") })
        #expect(
            k2.contains("Alcaldía de Chía desde el 20 (line 8)") && k2.contains("2.5/16/32 · 16/32/64 · 32/64/96 h")
                && k2.contains("24x7") && k2.contains("50 %"))
        #expect(
            check.standardError.contains(
                "etc/acuerdos.yaml:9:19: the agreement 'Alcaldía de Chía desde el 20' names the client K9"),
            "\(check.standardError)")
        let before = try BuiltBinary.run(["policy", "check", "--config", config, "--on", "2026-11-19"], in: folder.path)
        #expect(before.standardOutput.split(separator: "\n").first { $0.hasPrefix("K2 ") }?.contains("default terms") == true)

        // Without a database: one row per agreement, the defaults first.
        let bare = try BuiltBinary.run(["policy", "check", "--policy", folder.path + "/etc/acuerdos.yaml", "--on", "2026-11-25"])
        #expect(bare.status == 0, "\(bare.standardError)")
        let rows = bare.standardOutput.split(separator: "\n").map(String.init)
        #expect(rows.count == 5)
        #expect(rows[2].hasPrefix("default terms "))
        #expect(rows[3].hasPrefix("Clínica del Norte, contrato 2026 (line 3) ") && rows[3].contains("* from 2026-11-01"))
        #expect(rows[4].contains("K2, K9"))

        // A policy that cannot be used: file:line:column: reason, exit 2, nothing touched.
        let bad = try folder.write("etc/bad.yaml", "agreements:\n  - name: Sin clientes\n    at_risk_percent: 50\n")
        let refused = try BuiltBinary.run(["nightly", "--config", config, "--policy", bad, "--as-of", "2026-11-24T02:00"])
        #expect(refused.status == 2)
        #expect(
            refused.standardError.contains("\(bad):2:5: the agreement 'Sin clientes' has no clients"), "\(refused.standardError)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/informes"))
        #expect(try DatabaseDump.runs(folder.path + "/data/sla.sqlite").count == 1, "only the import's run is in the journal")
    }

    /// A broken installation file is refused by every command, even one whose options make it
    /// need nothing from the file.
    @Test func aBrokenInstallationFileIsRefusedEverywhere() throws {
        let folder = try TemporaryDirectory()
        let broken = try folder.write("sla.yaml", "database: data.sqlite\nreprots: informes\n")
        let clients = try folder.write("clients.csv", SmallFixture.clients)
        for arguments in [
            ["import", "--db", folder.path + "/x.sqlite", "--clients", clients, "--config", broken],
            ["calendar", "holidays", "--year", "2026", "--calendars", folder.path, "--config", broken],
            ["policy", "check", "--config", broken]
        ] {
            let run = try BuiltBinary.run(arguments)
            #expect(run.status == 2, "\(arguments): \(run.standardError)")
            #expect(
                run.standardError.contains("\(broken):2:1: unknown key 'reprots' in the installation file"),
                "\(run.standardError)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/x.sqlite"))
    }

    /// A new installation checks its policy before the first import: the database it names does
    /// not exist yet, so the listing is by agreement, with a warning — and the database is not created.
    @Test func policyCheckBeforeTheFirstImport() throws {
        let folder = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: folder.path + "/etc", withIntermediateDirectories: true)
        _ = try folder.write(
            "etc/acuerdos.yaml",
            Self.policy + """

                  - name: Alcaldía de Chía desde el 20
                    clients: [K2]
                    from: 2026-12-01
                """)
        let config = try folder.write("etc/sla.yaml", Self.installation())
        let check = try BuiltBinary.run(["policy", "check", "--config", config, "--on", "2026-11-25"])
        #expect(check.status == 0, "\(check.standardError)")
        #expect(
            check.standardError.contains("the installation's database \(folder.path)/data/sla.sqlite does not exist yet"),
            "\(check.standardError)")
        #expect(check.standardError.contains("has the name of the agreement at line 8"), "\(check.standardError)")
        #expect(check.standardError.contains("can never apply"), "\(check.standardError)")
        let rows = check.standardOutput.split(separator: "\n").map(String.init)
        #expect(rows.first == "The agreements of the policy (terms in force on 2026-11-25 marked with *):")
        #expect(
            rows.last?.hasPrefix("Alcaldía de Chía desde el 20 (line 14) ") == true
                && rows.last?.contains("never applies") == true,
            "\(check.standardOutput)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/data/sla.sqlite"))

        let missing = try BuiltBinary.run(["policy", "check", "--config", config, "--db", folder.path + "/otra.sqlite"])
        #expect(missing.status != 0, "a --db given by hand must exist")
    }
}
