import SLACore

/// The three interchange files of SPEC §7 and their columns.
public enum InterchangeFile: String, Sendable, CaseIterable {
    case clients, cases, events

    public var columns: [String] {
        switch self {
        case .clients: ["client_id", "client_name", "contract", "kam_id", "kam_name", "kam_email"]
        case .cases: ["case_id", "client_id", "product", "type", "priority", "impact", "urgency", "created_at", "summary"]
        case .events: ["event_id", "case_id", "at", "kind", "level", "note"]
        }
    }

    /// Columns the header must have; the others may be left out.
    var requiredColumns: Set<String> {
        switch self {
        case .clients: ["client_id", "client_name", "contract", "kam_id"]
        case .cases: ["case_id", "client_id", "type", "priority", "created_at"]
        case .events: ["event_id", "case_id", "at", "kind"]
        }
    }
}

/// One row being checked: the fields by column name, and the first problem found.
struct RowReader {
    let fields: [String]
    let positions: [String: Int]

    /// The trimmed value of `column`, empty when the column is absent.
    func value(_ column: String) -> String {
        guard let position = positions[column], position < fields.count else { return "" }
        return String(fields[position].trimmingBlanksAndTabs())
    }

    func required(_ column: String) throws(RowProblem) -> String {
        let text = value(column)
        guard !text.isEmpty else { throw RowProblem(column: column, reason: "\(column) is required") }
        return text
    }

    func instant(_ column: String) throws(RowProblem) -> Instant {
        let text = try required(column)
        do {
            return try Timestamp.parse(text)
        } catch {
            throw RowProblem(column: column, reason: "\(column) '\(text)': \(error.reason); expected ISO 8601 such as 2026-11-13T17:00:00-05:00")
        }
    }

    func enumeration<T>(_ column: String, optional: Bool = false, accepted: String, _ parse: (String) -> T?)
        throws(RowProblem) -> T?
    {
        let text = value(column)
        if text.isEmpty {
            if optional { return nil }
            throw RowProblem(column: column, reason: "\(column) is required (one of \(accepted))")
        }
        guard let parsed = parse(text) else {
            throw RowProblem(column: column, reason: "\(column) '\(text)' is not one of \(accepted)")
        }
        return parsed
    }
}

/// Why a row is rejected, at which column.
struct RowProblem: Error {
    var column: String
    var reason: String
}

extension String {
    func trimmingBlanksAndTabs() -> Substring {
        var start = startIndex, end = endIndex
        while start < end, self[start] == " " || self[start] == "\t" { start = index(after: start) }
        while end > start, self[index(before: end)] == " " || self[index(before: end)] == "\t" { end = index(before: end) }
        return self[start..<end]
    }
}
