public import SLACore
import Yams

/// Reads a policy file (SPEC §10): the top level's terms over the SPEC's defaults, then the
/// agreements in file order, each changing the top level's terms key by key.
///
/// Everything is checked before anything is used — unknown keys, wrong types, hours that are not
/// a whole number of seconds, values out of range, an agreement without clients — and every error
/// points at its line and column. An agreement no case can reach (earlier agreements cover all
/// its dates for every client it lists) is a warning.
public enum PolicyFile {
    /// The keys of terms, at the top level and in an agreement.
    static let termKeys = [
        "at_risk_percent", "acceptance_business_days", "compliance_target_percent", "p1", "matrix",
        "matrix_clock", "ola"
    ]
    /// The keys of `ola`, level 1 first.
    static let olaKeys = Terms.supportLevels.map { "level_\($0)" }
    static let topKeys = termKeys + ["agreements"]
    static let agreementKeys = ["name", "clients", "from", "until"] + termKeys

    public struct Parsed: Sendable {
        public var policy: Policy
        public var warnings: [Finding]
        /// The line of each agreement, for messages.
        public var agreementLines: [Int]
        /// The positions of the agreements no case can reach (each has a warning).
        package var unreachable: Set<Int> = []
        /// Where each agreement names each of its clients, in the order of `Agreement.clients`.
        var clientMarks: [[(line: Int, column: Int)]] = []
        /// The file, for messages.
        var file = ""

        /// A warning for every client an agreement names that `known` does not hold (SPEC §10: a
        /// warning, not an error — the client may come with tomorrow's import).
        public func unknownClients(_ known: Set<String>) -> [Finding] {
            policy.unknownClients(known).map { position, index in
                let mark =
                    position < clientMarks.count && index < clientMarks[position].count
                    ? clientMarks[position][index] : (line: agreementLines[position], column: 1)
                return Finding(
                    file: file, line: mark.line, column: mark.column,
                    reason: policy.unknownClientWarning(agreement: position, client: index), severity: .warning)
            }
        }
    }

    /// Keys of the other file, to say which file was given.
    static let hints = Dictionary(
        uniqueKeysWithValues: InstallationFile.keys.map { ($0, "is this the installation file? give it with --config") })

    public static func parse(_ text: String, file: String) throws(Finding) -> Parsed {
        let reader = YAMLReader(file: file)
        guard let root = try reader.document(text), !YAMLReader.isNull(root) else {
            return Parsed(policy: Policy(defaults: .standard), warnings: [], agreementLines: [], file: file)
        }
        let entries = try reader.mapping(root, "the policy", allowed: topKeys, hints: hints)
        let topChanges = try changes(entries.filter { $0.key != "agreements" }, reader)
        let defaults = topChanges.applied(to: .standard)

        var agreements: [Agreement] = []
        var lines: [Int] = []
        var nodes: [Node] = []
        var clientMarks: [[(line: Int, column: Int)]] = []
        if let list = entries.first(where: { $0.key == "agreements" })?.value, !YAMLReader.isNull(list) {
            guard case .sequence(let sequence) = list else {
                throw reader.fail(list, "agreements must be a list, each item an agreement (- name: …)")
            }
            for node in sequence {
                let (agreement, marks) = try agreement(node, over: defaults, reader)
                agreements.append(agreement)
                clientMarks.append(marks)
                lines.append(node.mark?.line ?? 1)
                nodes.append(node)
            }
        }
        let policy = Policy(defaults: defaults, agreements: agreements)
        let (warnings, positions) = unreachable(agreements, nodes, reader)
        return Parsed(
            policy: policy, warnings: sameNames(agreements, nodes, reader) + warnings, agreementLines: lines,
            unreachable: positions, clientMarks: clientMarks, file: file)
    }

    /// An agreement, and where it names each client.
    private static func agreement(_ node: Node, over defaults: Terms, _ reader: YAMLReader) throws(Finding)
        -> (Agreement, [(line: Int, column: Int)])
    {
        let entries = try reader.mapping(node, "an agreement", allowed: agreementKeys)
        func value(_ key: String) -> Node? { entries.first { $0.key == key }?.value }
        guard let nameNode = value("name") else {
            throw reader.fail(node, "the agreement has no name: give it one (name: …), the reports show it")
        }
        let name = try reader.string(nameNode, "name")
        guard let clientsNode = value("clients") else {
            throw reader.fail(node, "the agreement '\(name)' has no clients: list at least one client id (clients: [CLI-001])")
        }
        let clients = try reader.strings(clientsNode, "clients")
        guard !clients.isEmpty else {
            throw reader.fail(clientsNode, "the agreement '\(name)' has no clients: list at least one client id")
        }
        if let listed = clients.first(where: { $0.text.contains(",") }) {
            throw reader.fail(
                listed.node,
                """
                the client id '\(listed.text)' holds a comma: list several clients in brackets, [\(listed.text)]
                """)
        }
        let from = try value("from").map { node throws(Finding) in try reader.date(node, "from") }
        let until = try value("until").map { node throws(Finding) in try reader.date(node, "until") }
        if let from, let until, until < from, let untilNode = value("until") {
            throw reader.fail(untilNode, "until \(until) is before from \(from)")
        }
        let changes = try changes(entries.filter { termKeys.contains($0.key) }, reader)
        let agreement = Agreement(
            name: name, clients: clients.map(\.text), from: from, until: until, changes: changes,
            over: defaults)
        return (agreement, clients.map { (line: $0.node.mark?.line ?? 1, column: $0.node.mark?.column ?? 1) })
    }

    /// The term keys of a mapping (top level or agreement) as changes.
    private static func changes(_ entries: [(key: String, keyNode: Node, value: Node)], _ reader: YAMLReader)
        throws(Finding) -> TermsChanges
    {
        var changes = TermsChanges()
        for (key, _, value) in entries {
            switch key {
            case "at_risk_percent":
                changes.atRiskPercent = Int64(try reader.integer(value, key, in: 1...100))
            case "acceptance_business_days":
                changes.acceptanceBusinessDays = try reader.integer(value, key, in: 1...30)
            case "compliance_target_percent":
                // Null: no target (an agreement without the top level's).
                if YAMLReader.isNull(value) {
                    changes.clearsComplianceTarget = true
                } else {
                    changes.complianceTargetPercent = try reader.number(value, key, in: 0...100)
                    // Shown and compared to the hundredth: a target with more decimals would be
                    // shown as one value and compared as another.
                    if case .scalar(let scalar) = value, let point = scalar.string.firstIndex(of: "."),
                        scalar.string[scalar.string.index(after: point)...].count > 2
                    {
                        throw reader.fail(
                            value,
                            """
                            compliance_target_percent '\(scalar.string)' has more than two decimals: reports show it to \
                            the hundredth (90.25); write it so
                            """)
                    }
                }
            case "matrix_clock":
                changes.matrixClock = try reader.clock(value, key)
            case "p1":
                for (contractKey, _, target) in try reader.mapping(value, "p1", allowed: Contract.allCases.map(\.rawValue)) {
                    guard let contract = Contract(rawValue: contractKey) else { continue }
                    var change: (seconds: Int64?, clock: ClockKind?) = (nil, nil)
                    for (field, _, fieldValue) in try reader.mapping(target, "p1.\(contractKey)", allowed: ["hours", "clock"]) {
                        if field == "hours" { change.seconds = try reader.hours(fieldValue, "p1.\(contractKey).hours") }
                        if field == "clock" { change.clock = try reader.clock(fieldValue, "p1.\(contractKey).clock") }
                    }
                    changes.p1[contract] = change
                }
            case "matrix":
                let grades = Grade.allCases.map(\.rawValue)
                for (urgencyKey, _, row) in try reader.mapping(value, "matrix (rows: urgency)", allowed: grades) {
                    guard let urgency = Grade(rawValue: urgencyKey) else { continue }
                    for (impactKey, _, hours) in try reader.mapping(
                        row, "matrix.\(urgencyKey) (columns: impact)", allowed: grades)
                    {
                        guard let impact = Grade(rawValue: impactKey) else { continue }
                        changes.matrix[urgency, default: [:]][impact] = try reader.hours(
                            hours, "matrix.\(urgencyKey).\(impactKey)")
                    }
                }
            case "ola":
                // Each level's OLA in hours on the case's clock; `~` for none (an agreement
                // without the top level's).
                for (levelKey, _, hours) in try reader.mapping(
                    value, "ola (operational targets per support level)",
                    allowed: olaKeys)
                {
                    guard let position = olaKeys.firstIndex(of: levelKey) else { continue }
                    let level = position + 1
                    if YAMLReader.isNull(hours) {
                        changes.clearsOLA.insert(level)
                        changes.ola[level] = nil
                    } else {
                        changes.ola[level] = try reader.hours(hours, "ola.\(levelKey)")
                        changes.clearsOLA.remove(level)
                    }
                }
            default:
                break
            }
        }
        return changes
    }

    /// The agreements no case can reach: for every client they list, earlier agreements for that
    /// client cover all their dates.
    private static func unreachable(_ agreements: [Agreement], _ nodes: [Node], _ reader: YAMLReader)
        -> (warnings: [Finding], positions: Set<Int>)
    {
        var warnings: [Finding] = []
        var positions: Set<Int> = []
        for (position, agreement) in agreements.enumerated() {
            var blockers: [(client: String, by: [Int])] = []
            for client in Set(agreement.clients).sorted() {
                let earlier = agreements[..<position].indices.filter { agreements[$0].clients.contains(client) }
                guard let covering = covered(agreement, by: earlier.map { agreements[$0] }) else { break }
                blockers.append((client, covering.map { earlier[$0] }))
            }
            guard blockers.count == Set(agreement.clients).count, let first = blockers.first else { continue }
            positions.insert(position)
            let mark = nodes[position].mark
            let numbers = Set(blockers.flatMap { $0.by.map { nodes[$0].mark?.line ?? 1 } }).sorted().map(String.init)
            let lines = (numbers.count == 1 ? "line " : "lines ") + numbers.joined(separator: ", ")
            warnings.append(
                Finding(
                    file: reader.file, line: mark?.line ?? 1, column: mark?.column ?? 1,
                    reason: """
                        the agreement '\(agreement.name)' can never apply: for \(blockers.count == 1 ? "its client \(first.client)" : "each of its clients"), \
                        earlier agreements (\(lines)) cover all its dates, and the first that matches a case wins
                        """, severity: .warning))
        }
        return (warnings, positions)
    }

    /// Agreements that share a name: the reports name the agreement each client's figures follow,
    /// and two contracts under one name cannot be told apart there.
    private static func sameNames(_ agreements: [Agreement], _ nodes: [Node], _ reader: YAMLReader) -> [Finding] {
        var first: [String: Int] = [:]
        var warnings: [Finding] = []
        for (position, agreement) in agreements.enumerated() {
            guard let earlier = first[agreement.name] else {
                first[agreement.name] = position
                continue
            }
            let mark = nodes[position].mark
            warnings.append(
                Finding(
                    file: reader.file, line: mark?.line ?? 1, column: mark?.column ?? 1,
                    reason: """
                        the agreement '\(agreement.name)' has the name of the agreement at line \(nodes[earlier].mark?.line ?? 1): \
                        the reports show the name, give each agreement its own
                        """, severity: .warning))
        }
        return warnings
    }

    /// Whether `earlier` agreements cover every date of `agreement`: the positions (in `earlier`)
    /// of those that do, or nil when a date is left.
    private static func covered(_ agreement: Agreement, by earlier: [Agreement]) -> [Int]? {
        // Day numbers, with the calendar's ends for open dates.
        let low = agreement.from?.dayNumber ?? CalendarCoverage.start.localDate.dayNumber
        let high = agreement.until?.dayNumber ?? CalendarCoverage.end.localDate.dayNumber - 1
        let ranges = earlier.enumerated().map {
            (
                position: $0.offset, from: $0.element.from?.dayNumber ?? Int.min,
                until: $0.element.until?.dayNumber ?? Int.max
            )
        }
        .sorted { $0.from < $1.from }
        // Sweep the earlier ranges by their start: a gap at `next` that no range starting by then
        // covers is a date left to this agreement.
        var next = low
        var used: [Int] = []
        for range in ranges {
            guard range.from <= next else { return nil }
            guard range.until >= next else { continue }
            used.append(range.position)
            if range.until >= high { return used }
            next = range.until + 1
        }
        return nil
    }
}
