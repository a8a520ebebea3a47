public import SLACore
import Yams

/// Reads an import profile: how a ticketing tool's exports map onto sla's clients, cases and
/// events. Checked whole before any export is read — unknown keys, a required field left unmapped,
/// an unknown event kind, a level outside 1–3, a date pattern that cannot parse, a column named
/// twice — every error at its line and column.
public enum ProfileFile {
    static let topKeys = ExportKind.allCases.map(\.rawValue)
    static let commonKeys = ["delimiter", "encoding", "header_row", "timestamps", "columns", "values"]
    static let ruleKeys = ["field", "from", "to", "event", "level"]

    static let hints = Dictionary(
        uniqueKeysWithValues: (PolicyFile.topKeys.map { ($0, "the terms are in the policy file, not in an import profile") })
            + InstallationFile.keys.map { ($0, "is this the installation file? give it with --config") })

    public static func parse(_ text: String, file: String) throws(Finding) -> ImportProfile {
        let reader = YAMLReader(file: file)
        var profile = ImportProfile(file: file)
        guard let root = try reader.document(text), !YAMLReader.isNull(root) else {
            throw Finding(
                file: file, line: 1, column: 1,
                reason: """
                    the profile is empty: give at least one of clients, cases, events (see profiles/template.yaml)
                    """)
        }
        for (key, _, value) in try reader.mapping(root, "the profile", allowed: topKeys, hints: hints) {
            guard let kind = ExportKind(rawValue: key) else { continue }
            let layout = try section(value, kind, reader)
            switch kind {
            case .clients: profile.clients = layout
            case .cases: profile.cases = layout
            case .events: profile.events = layout
            }
        }
        return profile
    }

    private static func section(_ node: Node, _ kind: ExportKind, _ reader: YAMLReader) throws(Finding) -> ExportLayout {
        let name = kind.rawValue
        let allowed = commonKeys + (kind == .cases ? ["events"] : []) + (kind == .events ? ["rules"] : [])
        let entries = try reader.mapping(node, name, allowed: allowed)
        var layout = ExportLayout()
        // Where each export column is named, to refuse a second field on it.
        var named: [String: String] = [:]
        func claim(_ column: String, by field: String, at node: Node) throws(Finding) {
            let key = ExportLayout.key(column)
            if let first = named[key] {
                throw reader.fail(
                    node, "the column '\(column)' is named twice in \(name) (for \(first) and \(field)): name each column once")
            }
            named[key] = field
        }
        var columnsNode: Node?
        var rulesNode: Node?
        let fields = kind.fields
        let fieldNames = fields.map(\.name) + (kind == .events ? ExportKind.historyFields : [])
        for (key, _, value) in entries {
            switch key {
            case "delimiter":
                // A tab is a control character, which names and paths refuse: read the scalar itself.
                guard case .scalar(let scalar) = value, !scalar.string.isEmpty else {
                    throw reader.fail(value, "\(name).delimiter must be one character such as \",\", \";\" or \"\\t\"")
                }
                let text = scalar.string.lowercased() == "tab" ? "\t" : scalar.string
                guard text.unicodeScalars.count == 1, let scalar = text.unicodeScalars.first, scalar.isASCII,
                    !["\"", "\n", "\r"].contains(scalar)
                else {
                    throw reader.fail(value, "\(name).delimiter '\(text)' must be one character such as \",\", \";\" or \"\\t\"")
                }
                layout.delimiter = UInt8(scalar.value)
            case "encoding":
                let text = try reader.string(value, "\(name).encoding")
                guard
                    let encoding = ExportLayout.Encoding(rawValue: text.lowercased())
                        ?? (["utf8", "cp1252"].contains(text.lowercased())
                            ? (text.lowercased() == "utf8" ? .utf8 : .windows1252) : nil)
                        ?? (["latin-1", "latin1", "iso8859-1"].contains(text.lowercased()) ? .iso88591 : nil)
                else {
                    throw reader.fail(
                        value,
                        """
                        \(name).encoding '\(text)' must be one of \(ExportLayout.Encoding.allCases.map(\.rawValue).joined(separator: ", "))
                        """)
                }
                layout.encoding = encoding
            case "header_row":
                layout.headerRow = try reader.integer(value, "\(name).header_row", in: 1...1000)
            case "timestamps":
                for (text, element) in try reader.strings(value, "\(name).timestamps") {
                    do {
                        layout.timestamps.append(try TimestampPattern(text))
                    } catch {
                        throw reader.fail(element, "\(name).timestamps: \(error.reason)")
                    }
                }
            case "columns":
                columnsNode = value
                for (field, fieldNode, source) in try reader.mapping(value, "\(name).columns", allowed: fieldNames) {
                    if case .mapping = source {
                        var constant: String?
                        for (_, _, given) in try reader.mapping(source, "\(name).columns.\(field)", allowed: ["value"]) {
                            constant = try reader.string(given, "\(name).columns.\(field).value")
                        }
                        guard let constant else {
                            throw reader.fail(source, "\(name).columns.\(field) needs value: { value: x }")
                        }
                        if ExportKind.historyFields.contains(field) {
                            throw reader.fail(source, "\(name).columns.\(field) must be a column of the export, not a constant")
                        }
                        var given = constant
                        if let spec = fields.first(where: { $0.name == field }) {
                            if case .instant = spec.kind {
                                throw reader.fail(
                                    source, "\(name).columns.\(field) must be a column of the export, not a constant")
                            }
                            if spec.isVocabulary {
                                guard let canonical = spec.canonical(constant) else {
                                    throw reader.fail(
                                        source, "\(name).columns.\(field): '\(constant)' is not a value of \(field)")
                                }
                                given = canonical
                            }
                        }
                        layout.columns[field] = .constant(given)
                    } else {
                        let column = try reader.string(source, "\(name).columns.\(field)")
                        try claim(column, by: field, at: source)
                        layout.columns[field] = .column(column)
                    }
                    _ = fieldNode
                }
            case "values":
                let vocabularyFields = fields.filter(\.isVocabulary).map(\.name)
                for (field, _, mapping) in try reader.mapping(value, "\(name).values", allowed: vocabularyFields) {
                    guard let spec = fields.first(where: { $0.name == field }) else { continue }
                    guard case .mapping(let words) = mapping else {
                        throw reader.fail(
                            mapping, "\(name).values.\(field) must map the export's words to sla's: { \"Alta\": P2 }")
                    }
                    var table: [String: String] = [:]
                    for (wordNode, targetNode) in words {
                        let word = try reader.string(wordNode, "a word of \(name).values.\(field)")
                        let target = try reader.string(targetNode, "\(name).values.\(field).\(word)")
                        guard let canonical = spec.canonical(target) else {
                            throw reader.fail(targetNode, "\(name).values.\(field): '\(target)' is not a value of \(field)")
                        }
                        let key = ExportLayout.key(word)
                        if table[key] != nil {
                            throw reader.fail(wordNode, "\(name).values.\(field): '\(word)' is given twice")
                        }
                        table[key] = canonical
                    }
                    layout.values[field] = table
                }
            case "events":
                let kinds = EventKind.allCases.filter { $0 != .autoClosed }.map(\.rawValue)
                guard case .mapping(let mapping) = value else {
                    throw reader.fail(value, "cases.events must map event kinds to the columns holding their instants")
                }
                for (kindNode, columnNode) in mapping {
                    let kindText = try reader.string(kindNode, "a key of cases.events")
                    guard let eventKind = EventKind(rawValue: kindText), kinds.contains(kindText) else {
                        throw reader.fail(
                            kindNode,
                            "unknown event kind '\(kindText)' in cases.events: expected \(kinds.joined(separator: ", "))")
                    }
                    if eventKind == .escalated {
                        throw reader.fail(
                            kindNode, "cases.events cannot give escalated: a case row says no level; use the history's rules")
                    }
                    let column = try reader.string(columnNode, "cases.events.\(kindText)")
                    try claim(column, by: "events.\(kindText)", at: columnNode)
                    layout.rowEvents.append(RowEvent(kind: eventKind, column: column))
                }
            case "rules":
                rulesNode = value
                layout.rules = try rules(value, reader)
            default: break
            }
        }
        // Every field the interchange file requires must have a column or a constant.
        var required = fields.filter(\.required).map(\.name)
        if kind == .events {
            required += layout.isHistory ? ["value"] : ["kind"]
            if rulesNode != nil, layout.rules.contains(where: { $0.fields != nil }), layout.columns["field"] == nil {
                throw reader.fail(
                    rulesNode,
                    "the rules name a field, but events.columns has no field column: map field, or drop field from the rules")
            }
            if layout.isHistory, layout.columns["kind"] != nil {
                throw reader.fail(columnsNode, "events has both a kind column and rules: give one or the other")
            }
        }
        for field in required where layout.columns[field] == nil {
            throw reader.fail(
                columnsNode ?? node,
                """
                \(name).columns has no \(field): sla needs it (give the export's column, or a constant: \(field): { value: x })
                """)
        }
        return layout
    }

    private static func rules(_ node: Node, _ reader: YAMLReader) throws(Finding) -> [HistoryRule] {
        guard case .sequence(let sequence) = node else {
            throw reader.fail(node, "events.rules must be a list of rules (- { field: Estado, to: Solucionado, event: solved })")
        }
        var rules: [HistoryRule] = []
        let kinds = EventKind.allCases.filter { $0 != .autoClosed }.map(\.rawValue)
        for element in sequence {
            var fields: [String]?
            var from: [String]?
            var to: [String]?
            var event: EventKind?
            var level: Int?
            for (key, _, value) in try reader.mapping(element, "a rule of events.rules", allowed: ruleKeys) {
                switch key {
                case "field": fields = try reader.strings(value, "a rule's field").map(\.text)
                case "from": from = try words(value, "a rule's from", reader)
                case "to": to = try words(value, "a rule's to", reader)
                case "event":
                    let text = try reader.string(value, "a rule's event")
                    guard let kind = EventKind(rawValue: text), kinds.contains(text) else {
                        throw reader.fail(value, "unknown event kind '\(text)': expected \(kinds.joined(separator: ", "))")
                    }
                    event = kind
                case "level":
                    guard case .scalar(let scalar) = value, let number = Int(scalar.string), (1...3).contains(number) else {
                        throw reader.fail(value, "a rule's level must be 1, 2 or 3")
                    }
                    level = number
                default: break
                }
            }
            guard let event else { throw reader.fail(element, "the rule has no event: give event: solved (or another kind)") }
            if event == .escalated, level == nil {
                throw reader.fail(element, "an escalated rule needs the level reached: level: 2")
            }
            if event != .escalated, level != nil {
                throw reader.fail(element, "only an escalated rule gives a level")
            }
            rules.append(HistoryRule(fields: fields, from: from, to: to, event: event, level: level))
        }
        return rules
    }

    /// A word or a list of words; an empty word (`""`) is allowed: a value left empty.
    private static func words(_ node: Node, _ name: String, _ reader: YAMLReader) throws(Finding) -> [String] {
        func word(_ node: Node) throws(Finding) -> String {
            guard case .scalar(let scalar) = node else { throw reader.fail(node, "\(name) must be a word or a list of words") }
            return scalar.string
        }
        if case .sequence(let sequence) = node {
            var result: [String] = []
            for element in sequence { result.append(try word(element)) }
            return result
        }
        return [try word(node)]
    }
}
