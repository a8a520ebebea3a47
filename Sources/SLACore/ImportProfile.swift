/// How a ticketing tool's own exports map onto sla's three files: for each file, how the export is
/// written (delimiter, encoding, the row of its column names, its dates) and which of its columns
/// holds each of sla's fields. Read from a YAML profile (SLAConfig), applied by the import (SLAStore).
public struct ImportProfile: Sendable, Equatable {
    /// The profile's path, for messages.
    package var file: String
    public var clients: ExportLayout?
    public var cases: ExportLayout?
    public var events: ExportLayout?

    package init(file: String, clients: ExportLayout? = nil, cases: ExportLayout? = nil, events: ExportLayout? = nil) {
        self.file = file
        self.clients = clients
        self.cases = cases
        self.events = events
    }

    public func layout(_ kind: ExportKind) -> ExportLayout? {
        switch kind {
        case .clients: clients
        case .cases: cases
        case .events: events
        }
    }
}

/// The three files an export can stand for.
public enum ExportKind: String, Sendable, CaseIterable {
    case clients, cases, events

    /// sla's fields of the file, in the interchange file's column order, and what each holds: the
    /// table every part of the profile's reading and checking works from, so a new field (an
    /// event's `due`) is one row here.
    public var fields: [ExportField] {
        switch self {
        case .clients:
            [
                .init("client_id", .identifier, required: true), .init("client_name", .text, required: true),
                .init("contract", .vocabulary(Contract.self), required: true), .init("kam_id", .identifier, required: true),
                .init("kam_name", .text), .init("kam_email", .text)
            ]
        case .cases:
            [
                .init("case_id", .identifier, required: true), .init("client_id", .identifier, required: true),
                .init("product", .text), .init("type", .vocabulary(CaseType.self), required: true),
                .init("priority", .vocabulary(Priority.self), required: true), .init("impact", .vocabulary(Grade.self)),
                .init("urgency", .vocabulary(Grade.self)), .init("created_at", .instant, required: true),
                .init("summary", .text), .init("assignee", .text), .init("group", .text)
            ]
        case .events:
            [
                .init("event_id", .identifier), .init("case_id", .identifier, required: true),
                .init("at", .instant, required: true), .init("kind", .vocabulary(EventKind.self)),
                .init("level", .level), .init("note", .text)
            ]
        }
    }

    /// The fields of a history export that are read to find events, not stored: the changed
    /// field's name, the value before the change and the value after it.
    package static let historyFields = ["field", "previous", "value"]
}

/// One of sla's fields in an export.
public struct ExportField: Sendable {
    package enum Kind: Sendable {
        case identifier, text, instant, level
        /// A value of §3's vocabularies: the profile's `values` mapping first, then the vocabulary's spellings.
        case vocabulary(any CaseVocabulary.Type)
    }

    public let name: String
    package let kind: Kind
    public let required: Bool

    init(_ name: String, _ kind: Kind, required: Bool = false) {
        self.name = name
        self.kind = kind
        self.required = required
    }

    /// The canonical spelling of `text` in the field's vocabulary, or nil (no vocabulary, or a word it does not know).
    public func canonical(_ text: String) -> String? {
        switch kind {
        case .vocabulary(let type): type.canonicalSpelling(of: text)
        case .level: ["1", "2", "3"].contains(text.trimmingBlanks()) ? String(text.trimmingBlanks()) : nil
        default: text
        }
    }

    package var isVocabulary: Bool {
        switch kind {
        case .vocabulary, .level: true
        default: false
        }
    }
}

extension CaseVocabulary {
    /// The canonical spelling of any spelling the vocabulary accepts.
    package static func canonicalSpelling(of text: String) -> String? { Self(reading: text)?.rawValue }
}

/// Where a field's value comes from.
public enum FieldSource: Sendable, Equatable {
    /// The export's column of this name (compared trimmed and case-insensitive).
    case column(String)
    /// The same value on every row.
    case constant(String)
}

/// A rule of a history export: a change of `field` from one of `from` to one of `to` is the event
/// `event`. A list left out matches any value; words are compared trimmed and case-insensitive.
public struct HistoryRule: Sendable, Equatable {
    package var fields: [String]?
    package var from: [String]?
    package var to: [String]?
    public var event: EventKind
    public var level: Int?

    package init(fields: [String]?, from: [String]?, to: [String]?, event: EventKind, level: Int?) {
        self.fields = fields?.map(ExportLayout.key)
        self.from = from?.map(ExportLayout.key)
        self.to = to?.map(ExportLayout.key)
        self.event = event
        self.level = level
    }

    /// Whether a change (keys as `ExportLayout.key` makes them) matches.
    package func matches(field: String, previous: String, value: String) -> Bool {
        (fields?.contains(field) ?? true) && (from?.contains(previous) ?? true) && (to?.contains(value) ?? true)
    }
}

/// An instant in a column of the case's row that is an event of the case (the tool's "solution
/// date").
public struct RowEvent: Sendable, Equatable {
    package var kind: EventKind
    public var column: String

    package init(kind: EventKind, column: String) {
        self.kind = kind
        self.column = column
    }
}

/// How one export is written and what its columns hold.
public struct ExportLayout: Sendable, Equatable {
    package enum Encoding: String, Sendable, CaseIterable {
        case utf8 = "utf-8"
        case windows1252 = "windows-1252"
        case iso88591 = "iso-8859-1"
        case utf16 = "utf-16"
    }

    public var delimiter: UInt8 = UInt8(ascii: ",")
    package var encoding: Encoding = .utf8
    /// The line of the file holding the column names; lines above it are skipped.
    public var headerRow = 1
    public var timestamps: [TimestampPattern] = []
    /// sla's field (or a history field) → where its value comes from.
    public var columns: [String: FieldSource] = [:]
    /// sla's field → the export's word (a `key`) → sla's value.
    public var values: [String: [String: String]] = [:]
    /// The case row's instants that are events, in the profile's order.
    public var rowEvents: [RowEvent] = []
    /// A history's rules, in order: the first that matches a row gives its event.
    public var rules: [HistoryRule] = []

    package init() {}

    /// Whether the file is a history (one row per change) rather than one row per event.
    public var isHistory: Bool { !rules.isEmpty }

    /// A word as values, rules and column names compare it: trimmed, lower case.
    public static func key(_ text: some StringProtocol) -> String { String(text.trimmingBlanks()).lowercased() }

    /// The instant an export's value writes: the profile's patterns in order, then ISO 8601.
    package func instant(_ bytes: UnsafeBufferPointer<UInt8>) -> Instant? {
        for pattern in timestamps {
            if let instant = pattern.parse(bytes) { return instant }
        }
        // Not an instant in any form: nil, which the import turns into the row's finding naming
        // every accepted form (`timestampForms`); ISO 8601's own reason would name only one.
        return try? Timestamp.parse(bytes: bytes)
    }

    /// The accepted forms, for a message.
    package var timestampForms: String {
        (timestamps.map { "'\($0.text)'" } + ["ISO 8601"]).joined(separator: ", ")
    }
}
