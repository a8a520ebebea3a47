import SLAConfig
import SLACore
import Testing

/// The installation file (SPEC §11): paths from its folder, the delivery section checked now.
@Suite struct InstallationFileTests {
    static func installation(_ text: String) throws -> Installation {
        try InstallationFile.parse(text, file: "/etc/sla/sla.yaml")
    }

    @Test func theSPECsExample() throws {
        let installation = try Self.installation(
            """
            database: /srv/sla/sla.sqlite     # --db
            reports: /srv/sla/reports         # --reports
            calendars: /srv/sla/calendars     # --calendars
            policy: /srv/sla/policy.yaml      # --policy
            delivery:                         # §12; no delivery section: nothing is sent
              sendmail: /usr/sbin/sendmail    # default
              from: "Mesa de Experiencia Técnica <met@example.co>"
              daily_to: [coordinacion.met@example.co]
              monthly_to_kams: true
            """)
        #expect(
            installation
                == Installation(
                    database: "/srv/sla/sla.sqlite", reports: "/srv/sla/reports", calendars: "/srv/sla/calendars",
                    policy: "/srv/sla/policy.yaml",
                    delivery: .init(
                        sendmail: "/usr/sbin/sendmail", from: "Mesa de Experiencia Técnica <met@example.co>",
                        dailyTo: ["coordinacion.met@example.co"], monthlyToKAMs: true)))
    }

    @Test func relativePathsStartFromTheFilesFolder() throws {
        let installation = try Self.installation(
            """
            database: sla.sqlite
            reports: ../../srv/informes
            calendars: ./calendarios
            policy: politicas/acuerdos 2026.yaml
            import_profile: perfiles/glpi.yaml
            """)
        #expect(installation.database == "/etc/sla/sla.sqlite")
        #expect(installation.importProfile == "/etc/sla/perfiles/glpi.yaml")
        #expect(installation.reports == "/srv/informes")
        #expect(installation.calendars == "/etc/sla/calendarios")
        #expect(installation.policy == "/etc/sla/politicas/acuerdos 2026.yaml")
        #expect(installation.delivery == nil, "no delivery section: nothing is sent")
        // A file named without a folder: paths from the working folder.
        let here = try InstallationFile.parse("database: data/sla.sqlite\n", file: "sla.yaml")
        #expect(here.database?.hasSuffix("/data/sla.sqlite") == true)
        #expect(here.database?.hasPrefix("/") == true)
    }

    @Test func theDeliveryDefaults() throws {
        let delivery = try #require(try Self.installation("delivery:\n  from: met@example.co\n").delivery)
        #expect(delivery == .init(sendmail: "/usr/sbin/sendmail", from: "met@example.co", dailyTo: [], monthlyToKAMs: false))
        #expect(try Self.installation("").delivery == nil)
        #expect(try Self.installation("delivery: {daily_to: a@b.co, from: x@y.co}\n").delivery?.dailyTo == ["a@b.co"])
    }

    @Test(
        arguments: [
            ("databse: sla.sqlite\n", 1, 1, "unknown key 'databse' in the installation file"),
            ("database: [a, b]\n", 1, 11, "database must be text"),
            ("database: \"\"\n", 1, 11, "database is empty"),
            ("policy: {file: a}\n", 1, 9, "policy must be text"),
            ("delivery: yes\n", 1, 11, "delivery must be a mapping"),
            ("delivery:\n  to: a@b.co\n", 2, 3, "unknown key 'to' in delivery"),
            ("delivery:\n  daily_to: [a@b.co]\n", 2, 3, "delivery has no from"),
            ("delivery:\n  monthly_to_kams: true\n", 2, 3, "delivery has no from"),
            ("delivery:\n  from: met\n", 2, 9, "delivery.from 'met' is not an e-mail address"),
            ("delivery:\n  from: \"Mesa <met@example.co\"\n", 2, 9, "ends with >"),
            ("delivery:\n  from: met@example.co\n  daily_to: [a@b.co, \"c d@e.co\"]\n", 3, 22, "is not an e-mail address"),
            ("delivery:\n  from: met@example.co\n  daily_to: [a@localhost]\n", 3, 14, "is not an e-mail address"),
            ("delivery:\n  from: met@example.co\n  daily_to: {a: b}\n", 3, 13, "must be a list"),
            ("delivery:\n  from: met@example.co\n  monthly_to_kams: si\n", 3, 20, "must be true or false"),
            ("delivery:\n  from: met@example.co\n  monthly_to_kams: \"true\"\n", 3, 20, "must be true or false"),
            ("reports: ~/reportes\n", 1, 10, "starts with ~, which is not expanded here"),
            ("delivery:\n  sendmail: sendmail\n  from: met@example.co\n", 2, 13, "must be an absolute path"),
            ("delivery:\n  sendmail: bin/sendmail\n  from: met@example.co\n", 2, 13, "must be an absolute path"),
            ("database: a\ndatabase: b\n", 1, 1, "given twice"),
            ("database: 'a\n", 2, 1, "not valid YAML"),
            ("just words\n", 1, 1, "the installation file must be a mapping"),
            ("a: &k database\n*k : x.sqlite\n", 2, 1, "the alias *k is used as a key"),
            (
                "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                    + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                    + "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n", 5, 44, "expand to more than 100000 values"
            ),
            ("delivery:\n  from: met@example.co\n  daily_to: [\"c;x@d.co\"]\n", 3, 14, "is not an e-mail address"),
            ("delivery:\n  from: met@example.co\n  daily_to: [\"c(x)@d.co\"]\n", 3, 14, "is not an e-mail address"),
            ("delivery:\n  from: met@example.co\n  daily_to: [\"c@[1.2.3.4]\"]\n", 3, 14, "is not an e-mail address"),
            ("delivery:\n  from: met@example.co\n  daily_to: [ñandú@d.co]\n", 3, 14, "is not an e-mail address"),
            ("delivery:\n  from: met@example.co\n  daily_to: [\"c\\u2028x@d.co\"]\n", 3, 14, "line break"),
            ("delivery:\n  from: \"Mesa \\u202Eoc.elpmaxe <met@example.co>\"\n", 2, 9, "bidirectional control"),
            ("delivery:\n  from: \"=?utf-8?B?QmFuY28=?= <met@example.co>\"\n", 2, 9, "encoded word")
        ] as [(String, Int, Int, String)])
    func aRefusalPointsAtTheLine(text: String, line: Int, column: Int, reason: String) throws {
        let error = try #require(throws: Finding.self) { try Self.installation(text) }
        #expect(error.reason.contains(reason), "\(error)")
        #expect((error.line, error.column) == (line, column), "\(error)")
        #expect(error.description.hasPrefix("/etc/sla/sla.yaml:\(line):\(column): "))
    }
}
