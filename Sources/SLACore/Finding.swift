/// Something a run could not use, said where it is and what to do about it: a rejected row of an
/// interchange file, a case that cannot be evaluated, a KAM whose report could not be written.
///
/// A finding never stops a run (SPEC §13): the run goes on with everything else, lists its
/// findings — in the log, a rejects file or the sheet *Problemas de datos* — and ends with exit
/// status 1. Import, nightly and report share the type, as swift-format's rules share `Finding`.
public struct Finding: Sendable, Equatable, CustomStringConvertible {
    /// Where the problem is.
    package enum Source: Sendable, Equatable, CustomStringConvertible {
        /// A line of a file (the header is line 1).
        case file(path: String, line: Int)
        /// A case in the database.
        case serviceCase(id: String)
        /// A KAM and their report.
        case kam(id: String)
        /// A client.
        case client(id: String)
        /// A message of the outbox (SPEC §12): `daily 2026-11-24`, `monthly 2026-10 kam-ana`.
        case message(key: String)

        package var description: String {
            switch self {
            case let .file(path, line): "\(path):\(line)"
            case let .serviceCase(id): "case \(Finding.printable(id))"
            case let .kam(id): "KAM \(Finding.printable(id))"
            case let .client(id): "client \(Finding.printable(id))"
            case let .message(key): "message \(Finding.printable(key))"
            }
        }
    }

    package var source: Source
    /// The column or field at fault, when there is one.
    package var column: String?
    /// What is wrong, and what to do about it.
    package var reason: String

    package init(_ source: Source, column: String? = nil, _ reason: String) {
        self.source = source
        self.column = column
        self.reason = reason
    }

    /// `cases.csv:12: created_at: …`, `case C7: created_at: …`.
    public var description: String { "\(source): " + (column.map { "\($0): " } ?? "") + reason }

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
