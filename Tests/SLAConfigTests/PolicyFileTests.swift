import SLAConfig
import SLACore
import SLADefaults
import Testing

/// The policy file (SPEC §10): what it means, and every way it can be refused.
@Suite struct PolicyFileTests {
    static func policy(_ text: String) throws -> PolicyFile.Parsed { try PolicyFile.parse(text, file: "policy.yaml") }

    static func date(_ text: String) -> LocalDate {
        LocalDate(iso8601: Substring(text)) ?? LocalDate(dayNumber: 0)
    }

    @Test func theBuiltInPolicyIsTheSPECsDefaults() throws {
        let parsed = try PolicyFile.parse(DefaultPolicy.text, file: DefaultPolicy.fileName)
        #expect(parsed.policy.defaults == Terms.standard)
        #expect(parsed.policy.agreements.isEmpty)
        #expect(parsed.warnings.isEmpty)
        // Hand-written, as SPEC §4 gives them.
        let standard = Terms.standard
        #expect(standard.p1(.saas) == Terms.Target(clock: .twentyFourSeven, seconds: 4 * 3600))
        #expect(standard.p1(.onPremise) == Terms.Target(clock: .business, seconds: 4 * 3600))
        #expect(standard.matrixSeconds(urgency: .alta, impact: .baja) == 32 * 3600)
        #expect(standard.matrixSeconds(urgency: .baja, impact: .alta) == 32 * 3600)
        #expect(standard.matrixSeconds(urgency: .media, impact: .baja) == 64 * 3600)
        #expect(standard.matrixSeconds(urgency: .baja, impact: .baja) == 96 * 3600)
        #expect(standard.matrixClock == .business)
        #expect(standard.atRiskPercent == 75)
        #expect(standard.acceptanceBusinessDays == 5)
        #expect(standard.complianceTargetPercent == nil)
    }

    @Test(arguments: ["", "# only a comment\n", "~\n", "---\n"])
    func anEmptyFileIsTheDefaults(text: String) throws {
        let parsed = try Self.policy(text)
        #expect(parsed.policy.defaults == Terms.standard)
        #expect(parsed.policy.agreements.isEmpty)
    }

    /// `compliance_target_percent: ~` in an agreement removes the top level's target for its clients;
    /// at the top level it is the SPEC's default, no target.
    @Test func aNullComplianceTargetMeansNone() throws {
        let policy = try Self.policy(
            """
            compliance_target_percent: 95
            agreements:
              - name: Sin meta
                clients: [CLI-009]
                compliance_target_percent: ~
              - name: Con meta
                clients: [CLI-010]
                at_risk_percent: 60
            """
        ).policy
        #expect(policy.defaults.complianceTargetPercent == 95)
        #expect(policy.terms(forClient: "CLI-009", registeredOn: Self.date("2026-08-15")).complianceTargetPercent == nil)
        #expect(policy.terms(forClient: "CLI-010", registeredOn: Self.date("2026-08-15")).complianceTargetPercent == 95)
        #expect(try Self.policy("compliance_target_percent:\n").policy.defaults.complianceTargetPercent == nil)
    }

    /// OLAs per support level: none by default, each level optional, an agreement's key by key over
    /// the top level's, `~` for none.
    @Test func olasPerLevelOverrideKeyByKey() throws {
        #expect(Terms.standard.ola.allSatisfy { $0 == nil } && Terms.standard.ola.count == 3)
        let policy = try Self.policy(
            """
            ola: { level_1: 8, level_2: 24.5 }
            agreements:
              - name: Especial
                clients: [CLI-001]
                ola: { level_2: 16, level_3: 1.5 }
              - name: Sin OLA de nivel 1
                clients: [CLI-002]
                ola: { level_1: ~ }
            """
        ).policy
        let expected: [Int64?] = [28_800, 88_200, nil]
        #expect(policy.defaults.ola == expected)
        let date = Self.date("2026-08-15")
        let special: [Int64?] = [28_800, 57_600, 5_400]
        let withoutFirst: [Int64?] = [nil, 88_200, nil]
        #expect(policy.terms(forClient: "CLI-001", registeredOn: date).ola == special)
        #expect(policy.terms(forClient: "CLI-002", registeredOn: date).ola == withoutFirst)
        #expect(policy.terms(forClient: "CLI-003", registeredOn: date).ola(level: 2) == 88_200)
        #expect(policy.terms(forClient: "CLI-003", registeredOn: date).ola(level: 4) == nil)
    }

    static let contracts = """
        at_risk_percent: 80
        compliance_target_percent: 92.5
        matrix:
          baja: { baja: 120 }
        agreements:
          - name: Hospital San Rafael, contrato 2026
            clients: [CLI-001]
            from: 2026-07-01
            until: 2026-12-31
            p1: { on_premise: { hours: 2, clock: 24x7 } }
            matrix: { alta: { alta: 4 } }
            at_risk_percent: 50
          - name: Hospital San Rafael, contrato 2027
            clients: [CLI-001]
            from: 2027-01-01
            matrix_clock: 24x7
            acceptance_business_days: 3
          - name: Grupo Andino
            clients: [CLI-002, CLI-003]
            until: 2026-09-30
            p1:
              saas: { hours: 1.5 }
            matrix:
              media: { media: 0.25, baja: 2.35 }
          - name: Grupo Andino, todo el tiempo
            clients: CLI-003
            compliance_target_percent: 99
        """

    /// Which agreement a case gets: first in file order that lists the client and whose dates
    /// (inclusive) contain the registration date; else the top level.
    @Test(
        arguments: [
            ("CLI-001", "2026-06-30", nil),
            ("CLI-001", "2026-07-01", "Hospital San Rafael, contrato 2026"),
            ("CLI-001", "2026-12-31", "Hospital San Rafael, contrato 2026"),
            ("CLI-001", "2027-01-01", "Hospital San Rafael, contrato 2027"),
            ("CLI-001", "2099-05-05", "Hospital San Rafael, contrato 2027"),
            ("CLI-002", "1990-01-01", "Grupo Andino"),
            ("CLI-002", "2026-09-30", "Grupo Andino"),
            ("CLI-002", "2026-10-01", nil),
            ("CLI-003", "2026-09-30", "Grupo Andino"),
            ("CLI-003", "2026-10-01", "Grupo Andino, todo el tiempo"),
            ("CLI-004", "2026-10-01", nil),
            ("cli-001", "2026-10-01", nil)
        ] as [(String, String, String?)])
    func theFirstAgreementThatMatchesGivesTheTerms(client: String, registered: String, agreement: String?) throws {
        let policy = try Self.policy(Self.contracts).policy
        #expect(policy.terms(forClient: client, registeredOn: Self.date(registered)).agreement == agreement)
    }

    /// Each key replaces the top level's down to one value; whatever an agreement leaves is the
    /// top level's (itself over the SPEC's defaults).
    @Test func agreementsOverrideKeyByKeyDownToOneValue() throws {
        let policy = try Self.policy(Self.contracts).policy
        let top = policy.defaults
        #expect(top.atRiskPercent == 80)
        #expect(top.complianceTargetPercent == 92.5)
        #expect(top.matrixSeconds(urgency: .baja, impact: .baja) == 120 * 3600)
        #expect(top.matrixSeconds(urgency: .baja, impact: .media) == 64 * 3600)
        #expect(top.agreement == nil)

        let hospital = policy.terms(forClient: "CLI-001", registeredOn: Self.date("2026-08-15"))
        #expect(hospital.p1(.onPremise) == Terms.Target(clock: .twentyFourSeven, seconds: 2 * 3600))
        #expect(hospital.p1(.saas) == Terms.Target(clock: .twentyFourSeven, seconds: 4 * 3600))
        #expect(hospital.matrixSeconds(urgency: .alta, impact: .alta) == 4 * 3600)
        #expect(hospital.matrixSeconds(urgency: .alta, impact: .media) == 16 * 3600)
        #expect(hospital.matrixSeconds(urgency: .baja, impact: .baja) == 120 * 3600, "the top level's, not the SPEC's")
        #expect(hospital.atRiskPercent == 50)
        #expect(hospital.acceptanceBusinessDays == 5)
        #expect(hospital.complianceTargetPercent == 92.5)
        #expect(hospital.matrixClock == .business)

        let later = policy.terms(forClient: "CLI-001", registeredOn: Self.date("2027-03-01"))
        #expect(later.matrixClock == .twentyFourSeven)
        #expect(later.acceptanceBusinessDays == 3)
        #expect(later.atRiskPercent == 80, "the 2026 contract's 50 % ended with it")
        #expect(later.matrixSeconds(urgency: .alta, impact: .alta) == 8 * 3600)

        let andino = policy.terms(forClient: "CLI-002", registeredOn: Self.date("2026-01-01"))
        #expect(andino.p1(.saas) == Terms.Target(clock: .twentyFourSeven, seconds: 5_400), "hours alone: the clock stays 24x7")
        #expect(andino.matrixSeconds(urgency: .media, impact: .media) == 900)
        #expect(andino.matrixSeconds(urgency: .media, impact: .baja) == 8_460)
        #expect(andino.matrixSeconds(urgency: .media, impact: .alta) == 16 * 3600)

        let always = policy.terms(forClient: "CLI-003", registeredOn: Self.date("2030-01-01"))
        #expect(always.complianceTargetPercent == 99)
        #expect(always.p1(.saas).seconds == 4 * 3600)
    }

    /// A case's terms follow the Bogotá date of its registration, not the UTC one.
    @Test func theRegistrationDateIsBogotas() throws {
        let policy = try Self.policy(Self.contracts).policy
        func serviceCase(_ created: String) throws -> ServiceCase {
            let instant = try Timestamp.parse(created)
            return ServiceCase(
                id: "C1", clientID: "CLI-001", type: .incidente, priority: .p1, impact: .alta, urgency: .alta,
                contract: .onPremise, createdAt: instant)
        }
        // 2026-07-01T03:00Z is still 30 June in Bogotá.
        #expect(policy.terms(for: try serviceCase("2026-07-01T03:00:00Z")).agreement == nil)
        #expect(policy.terms(for: try serviceCase("2026-07-01T05:00:00Z")).agreement == "Hospital San Rafael, contrato 2026")
        let terms = policy.terms(for: try serviceCase("2026-07-01T05:00:00Z"))
        #expect(terms.target(for: try serviceCase("2026-07-01T05:00:00Z")).clock == .twentyFourSeven)
        #expect(terms.target(for: try serviceCase("2026-07-01T05:00:00Z")).target == 7_200)
    }

    @Test func aWholeTwentyFourSevenMatrix() throws {
        let terms = try Self.policy(
            """
            matrix_clock: 24x7
            matrix:
              alta:  { alta: 1, media: 2, baja: 3 }
              media: { alta: 4, media: 5, baja: 6 }
              baja:  { alta: 7, media: 8, baja: 9.5 }
            """
        ).policy.defaults
        #expect(terms.matrix == [[3_600, 7_200, 10_800], [14_400, 18_000, 21_600], [25_200, 28_800, 34_200]])
        #expect(terms.matrixClock == .twentyFourSeven)
        #expect(terms.p1(.onPremise).clock == .business, "matrix_clock leaves P1 alone")
    }

    @Test(
        arguments: [
            ("4", 14_400), ("1.5", 5_400), ("0.25", 900), ("0.5", 1_800), ("2.35", 8_460), ("0.01", 36),
            ("0.0005", -1), ("0.3333", -1), ("1.0000", 3_600), ("87600", 315_360_000), ("0.000277777", -1)
        ] as [(String, Int64)])
    func hoursAreAWholeNumberOfSeconds(hours: String, seconds: Int64) throws {
        let text = "p1: { saas: { hours: \(hours) } }\n"
        if seconds < 0 {
            let error = try #require(throws: Finding.self) { try Self.policy(text) }
            #expect(error.reason.contains("not a whole number of seconds"))
        } else {
            #expect(try Self.policy(text).policy.defaults.p1(.saas).seconds == seconds)
        }
    }

    /// Every refusal names the file, the line and column of the value at fault, and the reason.
    @Test(
        arguments: [
            ("at_risk: 80\n", 1, 1, "unknown key 'at_risk' in the policy"),
            ("at_risk_percent: 0\n", 1, 18, "at_risk_percent '0' must be a whole number from 1 to 100"),
            ("at_risk_percent: 101\n", 1, 18, "from 1 to 100"),
            ("at_risk_percent: 75.5\n", 1, 18, "a whole number"),
            ("at_risk_percent: \"75\"\n", 1, 18, "at_risk_percent must be a whole number"),
            ("at_risk_percent: [75]\n", 1, 18, "must be a whole number"),
            ("acceptance_business_days: 0\n", 1, 27, "from 1 to 30"),
            ("acceptance_business_days: 31\n", 1, 27, "from 1 to 30"),
            ("compliance_target_percent: 100.5\n", 1, 28, "from 0 to 100"),
            ("compliance_target_percent: -1\n", 1, 28, "from 0 to 100"),
            ("compliance_target_percent: .inf\n", 1, 28, "from 0 to 100"),
            ("compliance_target_percent: 9e1\n", 1, 28, "from 0 to 100"),
            ("matrix_clock: always\n", 1, 15, "matrix_clock 'always' must be business or 24x7"),
            ("p1:\n  saas: { hours: 0 }\n", 2, 18, "more than 0"),
            ("p1:\n  saas: { hours: -1 }\n", 2, 18, "more than 0"),
            ("p1:\n  saas: { hours: 1e3 }\n", 2, 18, "such as 4, 1.5 or 0.25"),
            ("p1:\n  saas: { hours: \"4\" }\n", 2, 18, "p1.saas.hours must be a number of hours"),
            ("p1:\n  saas: { hours: 87601 }\n", 2, 18, "at most 87600 hours"),
            ("p1:\n  saas: { hours: 0.3333 }\n", 2, 18, "p1.saas.hours '0.3333' is not a whole number of seconds"),
            ("p1:\n  saas: { hours: 4, clok: 24x7 }\n", 2, 21, "unknown key 'clok' in p1.saas"),
            ("p1:\n  cloud: { hours: 4 }\n", 2, 3, "unknown key 'cloud' in p1: expected saas, on_premise"),
            ("p1: 4\n", 1, 5, "p1 must be a mapping"),
            ("matrix:\n  alta: { alta: 8, mediana: 16 }\n", 2, 20, "unknown key 'mediana' in matrix.alta"),
            ("matrix:\n  high: { alta: 8 }\n", 2, 3, "unknown key 'high' in matrix"),
            ("matrix:\n  alta: 8\n", 2, 9, "matrix.alta (columns: impact) must be a mapping"),
            ("matrix:\n  alta: { alta: 0.3333 }\n", 2, 17, "matrix.alta.alta '0.3333' is not a whole number of seconds"),
            ("agreements: {name: A}\n", 1, 13, "agreements must be a list"),
            ("agreements:\n  - clients: [A]\n", 2, 5, "the agreement has no name"),
            ("agreements:\n  - name: A\n", 2, 5, "the agreement 'A' has no clients"),
            ("agreements:\n  - name: A\n    clients: []\n", 3, 14, "the agreement 'A' has no clients"),
            ("agreements:\n  - name: A\n    clients: [\"\"]\n", 3, 15, "is empty"),
            (
                "agreements:\n  - name: A\n    clients: [B]\n    from: 2026-02-30\n", 4, 11,
                "from '2026-02-30' is not a day of the calendar"
            ),
            (
                "agreements:\n  - name: A\n    clients: [B]\n    from: 2026-7-1\n", 4, 11,
                "must be a date YYYY-MM-DD, such as 2026-07-01"
            ),
            ("agreements:\n  - name: A\n    clients: [\"B, C\"]\n", 3, 15, "list several clients in brackets"),
            ("agreements:\n  - name: A\n    clients: [B]\n    at_risk_percent:\n", 4, 21, "at_risk_percent has no value"),
            ("at_risk_percent: ~\n", 1, 18, "has no value"),
            ("p1:\n  saas: { hours: +4 }\n", 2, 18, "such as 4, 1.5 or 0.25"),
            ("p1:\n  saas: { hours: 1.1234567 }\n", 2, 18, "p1.saas.hours"),
            ("p1:\n  saas:\n", 2, 8, "p1.saas has no value"),
            (
                "agreements:\n  - name: A\n    clients: [B]\n    from: 2026-07-01\n    until: 2026-06-30\n", 5, 12,
                "until 2026-06-30 is before from 2026-07-01"
            ),
            (
                "agreements:\n  - name: A\n    clients: [B]\n    agreements: []\n", 4, 5,
                "unknown key 'agreements' in an agreement"
            ),
            ("agreements:\n  - name: A\n    clients: [B]\n    at_risk_percent: 0\n", 4, 22, "from 1 to 100"),
            (
                "agreements:\n  - name: A\n    clients: [B]\n    p1: { saas: { hours: 0.3333 } }\n", 4, 26,
                "not a whole number of seconds"
            ),
            ("at_risk_percent: 75\nat_risk_percent: 80\n", 1, 1, "given twice"),
            ("matrix:\n  alta: { alta: 8\n", 3, 1, "not valid YAML"),
            ("p1:\n\tsaas: { hours: 4 }\n", 2, 1, "not valid YAML"),
            ("- 1\n- 2\n", 1, 1, "the policy must be a mapping"),
            ("compliance_target_percent: 90.004\n", 1, 28, "has more than two decimals"),
            ("at_risk_percent: !!str 50\n", 1, 18, "the explicit tag !!str is not read"),
            ("agreements:\n  - name: !!int 5\n    clients: [B]\n", 2, 11, "the explicit tag !!int"),
            ("p1: !!map { saas: { hours: 4 } }\n", 1, 5, "the explicit tag !!map"),
            (
                "ola: { level_4: 8 }\n", 1, 8,
                "unknown key 'level_4' in ola (operational targets per support level): expected level_1, level_2, level_3"
            ),
            ("ola: { level_1: 0 }\n", 1, 17, "ola.level_1 '0' must be more than 0"),
            ("ola: { level_2: 0.3333 }\n", 1, 17, "ola.level_2 '0.3333' is not a whole number of seconds"),
            ("ola: { level_3: \"8\" }\n", 1, 17, "ola.level_3 must be a number of hours"),
            ("ola: 8\n", 1, 6, "ola (operational targets per support level) must be a mapping"),
            ("ola:\n", 1, 5, "has no value"),
            ("agreements:\n  - name: A\n    clients: [B]\n    ola: { level_2: -1 }\n", 4, 21, "more than 0")
        ] as [(String, Int, Int, String)])
    func aRefusalPointsAtTheLine(text: String, line: Int, column: Int, reason: String) throws {
        let error = try #require(throws: Finding.self) { try Self.policy(text) }
        #expect(error.file == "policy.yaml")
        #expect(error.reason.contains(reason), "\(error)")
        #expect((error.line, error.column) == (line, column), "\(error)")
        #expect(error.description.hasPrefix("policy.yaml:\(error.line):\(error.column): "))
    }

    /// A "billion laughs" of aliases: keys that are aliases of nested aliases made the YAML library
    /// hash the same nodes once per path through them (432 bytes took 49 s, 589 bytes hours).
    /// Aliases as keys are refused, and aliases may not expand past a cap, before anything is built.
    static func aliasBomb(levels: Int, asKeys: Bool) -> String {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...levels {
            let previous = "*a\(level - 1)"
            text +=
                asKeys
                ? "a\(level): &a\(level) {\(previous) : 1, [\(previous)] : 2, [\(previous), \(previous)] : 3}\n"
                : "a\(level): &a\(level) [\(Array(repeating: previous, count: 10).joined(separator: ", "))]\n"
        }
        return text
    }

    @Test func anAliasUsedAsAKeyIsRefusedAtItsPlace() throws {
        let error = try #require(throws: Finding.self) { try Self.policy(Self.aliasBomb(levels: 12, asKeys: true)) }
        #expect(error.reason.contains("the alias *a0 is used as a key"), "\(error)")
        #expect((error.line, error.column) == (2, 10), "\(error)")
        let plain = try #require(throws: Finding.self) { try Self.policy("a: &k at_risk_percent\n*k : 50\n") }
        #expect(plain.reason.contains("is used as a key"), "\(plain)")
    }

    @Test func aliasesThatExpandPastTheCapAreRefused() throws {
        let error = try #require(throws: Finding.self) { try Self.policy(Self.aliasBomb(levels: 9, asKeys: false)) }
        #expect(error.reason.contains("its aliases expand to more than 100000 values"), "\(error)")
        #expect(error.line == 5, "\(error)")
    }

    @Test func anAliasForAValueStillReads() throws {
        let parsed = try Self.policy("p1: { saas: &fast { hours: 2, clock: 24x7 }, on_premise: *fast }\n")
        #expect(parsed.policy.defaults.p1.map(\.seconds) == [7200, 7200])
    }

    /// An agreement that earlier ones hide for every client it lists, on every date, is a warning;
    /// one that keeps a client or a date of its own is not.
    @Test func anUnreachableAgreementIsAWarning() throws {
        let parsed = try Self.policy(
            """
            agreements:
              - name: Contrato 2026
                clients: [CLI-001, CLI-002]
                from: 2026-01-01
                until: 2026-12-31
              - name: Contrato desde 2027
                clients: [CLI-001]
                from: 2027-01-01
              - name: Renovación olvidada
                clients: [CLI-001]
                from: 2026-06-01
                until: 2027-06-30
              - name: CLI-002 de siempre
                clients: [CLI-002]
              - name: CLI-002 en 2026
                clients: [CLI-002]
                from: 2026-03-01
                until: 2026-03-31
              - name: Dos clientes
                clients: [CLI-001, CLI-003]
                from: 2026-06-01
            """)
        #expect(parsed.warnings.map(\.line) == [9, 15])
        #expect(
            parsed.warnings.first?.description.hasPrefix("policy.yaml:9:5: the agreement 'Renovación olvidada' can never apply")
                == true)
        #expect(parsed.warnings.first?.reason.contains("(lines 2, 6)") == true, "\(parsed.warnings.map(\.description))")
        #expect(parsed.policy.agreements.count == 6, "a warning refuses nothing")
        #expect(parsed.agreementLines == [2, 6, 9, 13, 15, 19])
        #expect(parsed.unreachable == [2, 4])
    }

    /// Two agreements under one name: the reports could not tell them apart. A warning; the first
    /// that matches still gives the terms, and the lookup finds that agreement, not its namesake.
    @Test func twoAgreementsWithOneNameAreAWarning() throws {
        let parsed = try Self.policy(
            """
            agreements:
              - name: Contrato marco
                clients: [CLI-001]
                at_risk_percent: 50
              - name: Contrato marco
                clients: [CLI-002]
                at_risk_percent: 60
            """)
        #expect(
            parsed.warnings.map(\.description) == [
                "policy.yaml:5:5: the agreement 'Contrato marco' has the name of the agreement at line 2: the reports show the name, give each agreement its own"
            ])
        let day = Self.date("2026-08-15")
        #expect(parsed.policy.agreementIndex(forClient: "CLI-002", registeredOn: day) == 1)
        #expect(parsed.policy.agreementIndex(forClient: "CLI-001", registeredOn: day) == 0)
        #expect(parsed.policy.agreementIndex(forClient: "CLI-003", registeredOn: day) == nil)
        #expect(parsed.policy.terms(forClient: "CLI-002", registeredOn: day).atRiskPercent == 60)
    }

    /// A gap of one day before or after the earlier agreements keeps an agreement reachable.
    @Test(arguments: [
        ("2026-01-02", "2026-12-31", true), ("2026-01-01", "2026-12-31", false), ("2025-12-31", "2026-12-31", false),
        ("2026-01-01", "2027-01-01", false), ("2026-01-01", "2026-12-30", true)
    ])
    func aOneDayGapKeepsAnAgreementReachable(from: String, until: String, reachable: Bool) throws {
        let parsed = try Self.policy(
            """
            agreements:
              - { name: A, clients: [K], from: \(from), until: 2026-06-30 }
              - { name: B, clients: [K], from: 2026-07-01, until: \(until) }
              - { name: C, clients: [K], from: 2026-01-01, until: 2026-12-31 }
            """)
        #expect(parsed.warnings.isEmpty == reachable, "\(parsed.warnings)")
    }
}
