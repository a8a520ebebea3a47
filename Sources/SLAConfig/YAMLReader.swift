import SLACore
import Yams

/// Reads the nodes of a YAML file for the policy and installation files: every value checked for
/// its type and range, every failure a `Finding` at the node's line and column.
struct YAMLReader {
    let file: String

    /// The file's one document; nil for a file with none (empty, or only comments).
    func document(_ text: String) throws(Finding) -> Node? {
        do throws(YAMLAliasGuard.Refusal) {
            try YAMLAliasGuard.check(text)
        } catch {
            throw Finding(file: file, line: error.line, column: error.column, reason: error.reason)
        }
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw convert(error)
        } catch {
            throw Finding(file: file, line: 1, column: 1, reason: "the file is not YAML: \(error)")
        }
    }

    func fail(_ node: Node?, _ reason: String) -> Finding {
        let mark = node?.mark
        return Finding(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, reason: reason)
    }

    /// A YAML error of Yams, at its mark, with its problem alone (without Yams's snippet).
    private func convert(_ error: YamlError) -> Finding {
        func at(_ mark: Mark, _ reason: String) -> Finding {
            Finding(file: file, line: mark.line, column: mark.column, reason: reason)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            return at(mark, "not valid YAML: \(problem)" + (context.map { " (\($0.text))" } ?? ""))
        case .reader(let problem, _, _, _):
            return Finding(file: file, line: 1, column: 1, reason: "not readable as UTF-8 YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return at(context.mark, "the key \(duplicates.joined(separator: ", ")) is given twice: give each key once")
        default:
            return Finding(file: file, line: 1, column: 1, reason: "not valid YAML: \(error)")
        }
    }

    /// A mapping's entries, each key checked against `allowed` (in the order a message lists them);
    /// `hints` say what an unknown key probably means (a key of the other kind of file).
    func mapping(_ node: Node, _ what: String, allowed: [String], hints: [String: String] = [:]) throws(Finding)
        -> [(key: String, keyNode: Node, value: Node)]
    {
        guard case .mapping(let mapping) = node else {
            if Self.isNull(node) {
                throw fail(node, "\(what) has no value: give keys (\(allowed.joined(separator: ", "))), or leave it out")
            }
            throw fail(node, "\(what) must be a mapping of keys (\(allowed.joined(separator: ", "))) to values")
        }
        var entries: [(key: String, keyNode: Node, value: Node)] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let key) = keyNode else { throw fail(keyNode, "a key of \(what) must be a word") }
            guard allowed.contains(key.string) else {
                throw fail(
                    keyNode,
                    "unknown key '\(key.string)' in \(what): expected \(allowed.joined(separator: ", "))"
                        + (hints[key.string].map { " (\($0))" } ?? ""))
            }
            entries.append((key.string, keyNode, value))
        }
        return entries
    }

    /// Whether `node` is YAML's null: nothing after the key, `~` or `null`, unquoted.
    static func isNull(_ node: Node) -> Bool {
        if case .scalar(let scalar) = node {
            return (scalar.style == .plain || scalar.style == .any) && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
        }
        return false
    }

    /// A plain scalar's text (a number, a word, a date: not quoted, not a mapping or a list).
    private func plain(_ node: Node, _ name: String, _ expected: String) throws(Finding) -> String {
        guard case .scalar(let scalar) = node else { throw fail(node, "\(name) must be \(expected)") }
        guard !Self.isNull(node) else { throw fail(node, "\(name) has no value: give \(expected), or leave the key out") }
        guard scalar.style == .plain || scalar.style == .any else {
            throw fail(node, "\(name) must be \(expected), written without quotes")
        }
        return scalar.string
    }

    /// A whole number in `range`.
    func integer(_ node: Node, _ name: String, in range: ClosedRange<Int>) throws(Finding) -> Int {
        let text = try plain(node, name, "a whole number from \(range.lowerBound) to \(range.upperBound)")
        guard let value = Int(text), range.contains(value) else {
            throw fail(node, "\(name) '\(text)' must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// A decimal number in `range`.
    func number(_ node: Node, _ name: String, in range: ClosedRange<Double>) throws(Finding) -> Double {
        let text = try plain(node, name, "a number from \(Self.format(range.lowerBound)) to \(Self.format(range.upperBound))")
        guard DecimalText.isDecimal(text), let value = Double(text), range.contains(value) else {
            throw fail(
                node,
                """
                \(name) '\(text)' must be a number from \(Self.format(range.lowerBound)) to \(Self.format(range.upperBound))
                """)
        }
        return value
    }

    /// Hours as whole seconds: more than zero, at most ten years, and a whole number of seconds
    /// (1.5 yes, 0.3333 no — never rounded).
    func hours(_ node: Node, _ name: String) throws(Finding) -> Int64 {
        let text = try plain(node, name, "a number of hours such as 4, 1.5 or 0.25")
        guard DecimalText.isDecimal(text), !text.hasPrefix("+") else {
            throw fail(node, "\(name) '\(text)' must be a number of hours such as 4, 1.5 or 0.25")
        }
        guard !text.hasPrefix("-") else { throw fail(node, "\(name) '\(text)' must be more than 0") }
        guard let seconds = DecimalText.seconds(ofHours: text) else {
            throw fail(node, "\(name) '\(text)' has too many digits: hours are at most 87600 (ten years), to 9 decimals")
        }
        guard seconds.whole else {
            throw fail(
                node, "\(name) '\(text)' is not a whole number of seconds: write hours such as 1.5 (5400 s) or 0.25 (900 s)")
        }
        guard seconds.value > 0, seconds.value <= 87_600 * 3600 else {
            throw fail(node, "\(name) '\(text)' must be more than 0 and at most 87600 hours (ten years)")
        }
        return seconds.value
    }

    /// `business` or `24x7`.
    func clock(_ node: Node, _ name: String) throws(Finding) -> ClockKind {
        let text = try plain(node, name, "business or 24x7")
        guard let clock = ClockKind(rawValue: text) else { throw fail(node, "\(name) '\(text)' must be business or 24x7") }
        return clock
    }

    /// A date `YYYY-MM-DD` of the calendar.
    func date(_ node: Node, _ name: String) throws(Finding) -> LocalDate {
        let text = try plain(node, name, "a date such as 2026-07-01")
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.map(\.count) == [4, 2, 2],
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        else { throw fail(node, "\(name) '\(text)' must be a date YYYY-MM-DD, such as 2026-07-01") }
        guard let date = LocalDate(iso8601: Substring(text)) else {
            throw fail(node, "\(name) '\(text)' is not a day of the calendar")
        }
        guard CalendarCoverage.years.contains(date.year) else {
            throw fail(node, "\(name) '\(text)' must be a date from 1984-01-01 to 2100-12-31")
        }
        return date
    }

    /// `true` or `false`.
    func bool(_ node: Node, _ name: String) throws(Finding) -> Bool {
        let text = try plain(node, name, "true or false")
        switch text {
        case "true": return true
        case "false": return false
        default: throw fail(node, "\(name) '\(text)' must be true or false")
        }
    }

    /// Text (a name, a path, an address): a scalar, quoted or not, not empty, on one line.
    func string(_ node: Node, _ name: String) throws(Finding) -> String {
        guard case .scalar(let scalar) = node else { throw fail(node, "\(name) must be text") }
        let text = scalar.string
        guard !text.isEmpty else { throw fail(node, "\(name) is empty") }
        guard !Self.isNull(node) else {
            throw fail(node, "\(name) has no value ('\(text)' is YAML's null): give one, quoted if need be")
        }
        guard !text.unicodeScalars.contains(where: { $0.isControlCharacter }) else {
            throw fail(node, "\(name) holds a line break or another control character")
        }
        return text
    }

    /// A list of text, each with its node; a single value is a list of one.
    func strings(_ node: Node, _ name: String) throws(Finding) -> [(text: String, node: Node)] {
        switch node {
        case .sequence(let sequence):
            var result: [(text: String, node: Node)] = []
            for element in sequence { result.append((try string(element, "an element of \(name)"), element)) }
            return result
        case .scalar:
            return [(try string(node, name), node)]
        default:
            throw fail(node, "\(name) must be a list such as [A, B]")
        }
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
