// The checks of the `policy` fuzz target (Fuzz/policy.swift), compiled into the fuzzer with the
// modules it checks, and into the FuzzChecks module that `make test` runs on every seed and every
// input a fuzzer ever crashed on (Fuzz/corpus/policy/, Fuzz/regressions/policy/).
//
// A broken invariant is reported through `fuzzCheck`: the fuzzer aborts, the tests record it.

#if canImport(SLACore)
    import SLACore
#endif
#if canImport(SLAConfig)
    import SLAConfig
#endif

public enum PolicyFuzzCheck {
    /// The first byte chooses the file (even: the policy file, odd: the installation file); the
    /// rest is its text.
    public static func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let selector = bytes.first else { return }
        let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
        if selector % 2 == 0 { policy(text) } else { installation(text) }
    }

    static func policy(_ text: String) {
        let parsed: PolicyFile.Parsed
        do {
            parsed = try PolicyFile.parse(text, file: "policy.yaml")
        } catch {
            checkError(error, text: text, file: "policy.yaml")
            return
        }
        let policy = parsed.policy
        checkTerms(policy.defaults)
        fuzzCheck(policy.defaults.agreement == nil, "the default terms name an agreement")
        fuzzCheck(parsed.agreementLines.count == policy.agreements.count, "a line per agreement")
        for warning in parsed.warnings {
            fuzzCheck(warning.line >= 1 && warning.column >= 1 && !warning.reason.isEmpty, "warning \(warning)")
        }
        for agreement in policy.agreements {
            checkTerms(agreement.terms)
            fuzzCheck(!agreement.clients.isEmpty, "agreement '\(agreement.name)' without clients")
            fuzzCheck(!agreement.name.isEmpty, "an agreement without a name")
            fuzzCheck(agreement.terms.agreement == agreement.name, "terms of '\(agreement.name)' name another")
            if let from = agreement.from, let until = agreement.until {
                fuzzCheck(from <= until, "from \(from) after until \(until)")
            }
            // Whatever the agreement leaves is the top level's.
            fuzzCheck(
                agreement.changes.applied(to: policy.defaults).acceptanceBusinessDays == agreement.terms.acceptanceBusinessDays,
                "the changes of '\(agreement.name)' are not its terms")
        }
        // The index-driven choice agrees with SPEC §10 read plainly, on each agreement's edges.
        var dates: [LocalDate] = []
        for agreement in policy.agreements {
            for date in [agreement.from, agreement.until].compactMap({ $0 }) {
                dates += [date.adding(days: -1), date, date.adding(days: 1)]
            }
        }
        if dates.isEmpty, let date = LocalDate(year: 2026, month: 11, day: 25) { dates = [date] }
        let clients = Set(policy.agreements.flatMap(\.clients)).union(["not-a-client"])
        for client in clients.sorted().prefix(20) {
            for date in dates.prefix(40) {
                let plain =
                    policy.agreements.first { agreement in
                        agreement.clients.contains(client) && agreement.contains(date)
                    }?.terms ?? policy.defaults
                fuzzCheck(policy.terms(forClient: client, registeredOn: date) == plain, "terms of \(client) on \(date)")
            }
        }
        // A database without clients knows none of those listed.
        fuzzCheck(
            parsed.unknownClients([]).count == policy.agreements.reduce(0) { $0 + $1.clients.count },
            "an unknown-client warning per client listed")
    }

    static func checkTerms(_ terms: Terms) {
        fuzzCheck((1...100).contains(terms.atRiskPercent), "at risk \(terms.atRiskPercent)")
        fuzzCheck((1...30).contains(terms.acceptanceBusinessDays), "acceptance \(terms.acceptanceBusinessDays)")
        if let target = terms.complianceTargetPercent { fuzzCheck((0...100).contains(target), "compliance target \(target)") }
        let seconds = terms.p1.map(\.seconds) + terms.matrix.flatMap { $0 }
        fuzzCheck(
            terms.p1.count == 2 && terms.matrix.count == 3 && terms.matrix.allSatisfy { $0.count == 3 }, "shape of \(terms)")
        for value in seconds { fuzzCheck(value > 0 && value <= 87_600 * 3600, "a target of \(value) s") }
    }

    static func installation(_ text: String) {
        let installation: Installation
        do {
            installation = try InstallationFile.parse(text, file: "/etc/sla/sla.yaml")
        } catch {
            checkError(error, text: text, file: "/etc/sla/sla.yaml")
            return
        }
        for path in [installation.database, installation.reports, installation.calendars, installation.policy].compactMap({ $0 })
        {
            fuzzCheck(path.hasPrefix("/"), "a path not made absolute: \(path)")
            fuzzCheck(!path.contains("\n") && !path.contains("\0"), "a path with a line break or NUL")
        }
        if let delivery = installation.delivery {
            fuzzCheck(
                delivery.from.contains("@") || (delivery.dailyTo.isEmpty && !delivery.monthlyToKAMs),
                "delivery without a sender: \(delivery)")
            for address in [delivery.from] + delivery.dailyTo where !address.isEmpty {
                fuzzCheck(
                    !address.unicodeScalars.contains { $0.value < 0x20 }, "an address that could break a header: \(address)")
                fuzzCheck(address.contains("@"), "an address without @: \(address)")
            }
        }
    }

    /// An error points inside the text (a line it has, a column within or just past that line),
    /// names the file, and gives a reason.
    static func checkError(_ error: Finding, text: String, file: String) {
        guard case .file(_, let line, let column?) = error.source else {
            fuzzCheck(false, "error without a line and column: \(error)")
            return
        }
        fuzzCheck(error.file == file, "error names \(error.file)")
        fuzzCheck(!error.reason.isEmpty, "error without a reason")
        // YAML's line breaks: LF, CR, CRLF (one break), and libyaml's NEL, LS and PS.
        var lines = 1
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n" where previous == "\r": break
            case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}": lines += 1
            default: break
            }
            previous = scalar
        }
        fuzzCheck(line >= 1 && line <= lines + 1, "error at line \(line) of \(lines): \(error)")
        fuzzCheck(column >= 1, "error at column \(column): \(error)")
        fuzzCheck(error.description.hasPrefix("\(file):\(line):\(column): "), "error said as \(error.description)")
    }
}
