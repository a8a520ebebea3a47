// The checks of the `profile` fuzz target (Fuzz/profile.swift), compiled into the fuzzer with the
// modules it checks, and into the FuzzChecks module that `make test` runs on every seed and every
// input a fuzzer ever crashed on (Fuzz/corpus/profile/, Fuzz/regressions/profile/).

#if canImport(SLACore)
    import SLACore
#endif
#if canImport(SLAConfig)
    import SLAConfig
#endif

public enum ProfileFuzzCheck {
    public static func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let selector = bytes.first else { return }
        let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
        if selector % 2 == 0 { profile(text) } else { pattern(text) }
    }

    /// A profile accepted keeps every promise the reader makes; a profile refused is refused at a
    /// line and column of its text, with a reason.
    static func profile(_ text: String) {
        let profile: ImportProfile
        do {
            profile = try ProfileFile.parse(text, file: "profile.yaml")
        } catch {
            PolicyFuzzCheck.checkError(error, text: text, file: "profile.yaml")
            return
        }
        fuzzCheck(profile.clients != nil || profile.cases != nil || profile.events != nil, "a profile with no section")
        for kind in ExportKind.allCases {
            guard let layout = profile.layout(kind) else { continue }
            // Every field the interchange file requires has a column or a constant.
            for field in kind.fields where field.required {
                fuzzCheck(layout.columns[field.name] != nil, "\(kind).\(field.name) unmapped")
            }
            if kind == .events {
                fuzzCheck(layout.columns[layout.isHistory ? "value" : "kind"] != nil, "events without value or kind")
            }
            fuzzCheck((1...1000).contains(layout.headerRow), "header row \(layout.headerRow)")
            fuzzCheck(
                layout.delimiter < 0x80 && layout.delimiter != UInt8(ascii: "\"") && layout.delimiter != 0x0A
                    && layout.delimiter != 0x0D, "delimiter \(layout.delimiter)")
            // No export column is named twice.
            var named: [String] = []
            for case .column(let name) in layout.columns.values { named.append(ExportLayout.key(name)) }
            named += layout.rowEvents.map { ExportLayout.key($0.column) }
            fuzzCheck(Set(named).count == named.count, "a column named twice in \(kind)")
            // Mapped values and constants are sla's own spellings.
            for (field, table) in layout.values {
                guard let spec = kind.fields.first(where: { $0.name == field }) else {
                    fuzzCheck(false, "values for \(field), which has no vocabulary")
                    continue
                }
                for (word, value) in table {
                    fuzzCheck(word == ExportLayout.key(word), "a word not compared trimmed and lower case: \(word)")
                    fuzzCheck(spec.canonical(value) == value, "\(field) maps to '\(value)'")
                }
            }
            for rule in layout.rules {
                fuzzCheck(rule.event != .autoClosed, "a rule writes auto_closed")
                fuzzCheck(
                    (rule.event == .escalated) == (rule.level != nil), "level \(String(describing: rule.level)) for \(rule.event)"
                )
                if let level = rule.level { fuzzCheck((1...3).contains(level), "level \(level)") }
            }
            for pattern in layout.timestamps {
                fuzzCheck((try? TimestampPattern(pattern.text)) == pattern, "a pattern read twice differs")
            }
        }
    }

    /// A pattern either is refused with a reason or reads values into instants whose date exists;
    /// reading never traps.
    static func pattern(_ text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first else { return }
        let compiled: TimestampPattern
        do {
            compiled = try TimestampPattern(String(first))
        } catch {
            fuzzCheck(!error.reason.isEmpty, "a pattern refused without a reason")
            return
        }
        for line in lines.dropFirst().prefix(50) {
            var value = String(line)
            let instant = value.withUTF8 { compiled.parse($0) }
            guard let instant else { continue }
            // Years of four digits at most, offsets of 18 hours at most.
            fuzzCheck(
                instant.secondsSince1970 > -62_200_000_000 && instant.secondsSince1970 < 253_500_000_000,
                "'\(value)' read as \(instant.secondsSince1970)")
        }
    }
}
