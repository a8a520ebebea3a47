/// Something a run could not use or a user should look at, said where it is and what to do about
/// it: a rejected row of an interchange file, a case that cannot be evaluated, a KAM whose report
/// could not be written, a calendar, policy, installation or profile file that cannot be used, an
/// agreement no case can reach, a message that cannot be prepared.
///
/// One type for all of them, as swift-format's rules share `Finding`: a severity, a place (a file's
/// line and column, or the case, client, KAM or message at fault), the field at fault, the reason
/// and, where it is said apart, the remedy. A file's finding prints as `file:line:column: reason`,
/// the form editors and terminals turn into a link.
///
/// A data finding never stops a run (SPEC §13): the run goes on with everything else, lists its
/// findings — in the log, a rejects file or the sheet *Problemas de datos* — and ends with exit
/// status 1. A file's finding thrown as an error stops the command before anything is done.
public struct Finding: Error, Sendable, Equatable, CustomStringConvertible {
    /// How much a finding matters.
    package enum Severity: Sendable, Equatable {
        /// Something that could not be used: a row, a case, a file, a report.
        case error
        /// Allowed but probably not meant (an agreement no case can reach): logged, the run goes on.
        case warning
    }

    /// Where the problem is.
    public enum Source: Sendable, Equatable, CustomStringConvertible {
        /// A line of a file (the header is line 1), and the column on it when known (from 1).
        case file(path: String, line: Int, column: Int? = nil)
        /// A case in the database.
        case serviceCase(id: String)
        /// A KAM and their report.
        case kam(id: String)
        /// A client.
        case client(id: String)
        /// A message of the outbox (SPEC §12): `daily 2026-11-24`, `monthly 2026-10 kam-ana`.
        case message(key: String)
        /// Not said yet: a row's check does not know its file and line, the import places it
        /// (`placed(at:)`) before anyone sees it.
        case unplaced

        public var description: String {
            switch self {
            case .file(let path, let line, let column): "\(path):\(line)" + (column.map { ":\($0)" } ?? "")
            case .serviceCase(let id): "case \(Finding.printable(id))"
            case .kam(let id): "KAM \(Finding.printable(id))"
            case .client(let id): "client \(Finding.printable(id))"
            case .message(let key): "message \(Finding.printable(key))"
            case .unplaced: ""
            }
        }
    }

    package var severity: Severity
    /// Where the problem is.
    public var source: Source
    /// The field at fault, when there is one: a column of an interchange file by its header name.
    package var field: String?
    /// What is wrong (and, where it is not said apart as `remedy`, what to do about it).
    public var reason: String
    /// What to do about it, when said apart from the reason.
    package var remedy: String?

    package init(
        _ source: Source, field: String? = nil, _ reason: String, remedy: String? = nil,
        severity: Severity = .error
    ) {
        self.severity = severity
        self.source = source
        self.field = field
        self.reason = reason
        self.remedy = remedy
    }

    /// A finding of a file's `line` and `column`: `file:line:column: reason`.
    package init(
        file: String, line: Int, column: Int, reason: String, remedy: String? = nil,
        severity: Severity = .error
    ) {
        self.init(.file(path: file, line: line, column: column), reason, remedy: remedy, severity: severity)
    }

    /// A finding of a field whose place the caller knows and says with `placed(at:)`: a row's check.
    package init(field: String, reason: String, remedy: String? = nil) {
        severity = .error
        source = .unplaced
        self.field = field
        self.reason = reason
        self.remedy = remedy
    }

    /// The same finding at `source`.
    package func placed(at source: Source) -> Finding {
        var finding = self
        finding.source = source
        return finding
    }

    /// The reason, then the remedy when said apart: `reason: remedy`.
    package var explanation: String { reason + (remedy.map { ": \($0)" } ?? "") }

    /// The field and the explanation, without the place: `created_at: …`.
    package var message: String { (field.map { "\($0): " } ?? "") + explanation }

    /// `cases.csv:12: created_at: …`, `case C7: created_at: …`, `policy.yaml:3:5: …`.
    public var description: String { (source == .unplaced ? "" : "\(source): ") + message }

    /// The file of a file's finding; empty for a finding of a case, a client, a KAM or a message.
    public var file: String {
        if case .file(let path, _, _) = source { return path }
        return ""
    }

    /// The line of a file's finding (from 1); 0 when the finding is not a file's.
    public var line: Int {
        if case .file(_, let line, _) = source { return line }
        return 0
    }

    /// The column on the line of a file's finding (from 1); 0 when not known. The field at fault
    /// (a CSV column by its header name) is `field`.
    public var column: Int {
        if case .file(_, _, let column?) = source { return column }
        return 0
    }

    /// `text` for a message or a log line: control characters, which could forge a line of the
    /// log, as `\u{…}` escapes; long text cut with its length said.
    public static func printable(_ text: String, limit: Int = 200) -> String {
        var result = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == limit {
                result += "… (\(text.unicodeScalars.count) characters)"
                break
            }
            count += 1
            if scalar.isControlCharacter {
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
