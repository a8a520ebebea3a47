public import SLACore

/// A table of the monthly report, built once and written twice — as CSV and as a workbook sheet —
/// so the two carry the same numbers by construction: values are rounded here, before either.
public struct ReportTable: Sendable {
    public struct Column: Sendable {
        /// The CSV header: English, snake case, as SPEC §8 names them.
        public var name: String
        /// The workbook header: Spanish, for the KAM and the client.
        public var label: String
    }

    public var columns: [Column]
    public var rows: [[ReportValue]]

    init(_ columns: [(String, String)], rows: [[ReportValue]]) {
        self.columns = columns.map { Column(name: $0.0, label: $0.1) }
        self.rows = rows
    }

    public var csv: String {
        var writer = CSVWriter(header: columns.map(\.name))
        for row in rows { writer.appendRow(row.map(\.csvText)) }
        return writer.text
    }
}

/// One cell of a report table. Hours and percentages are rounded to two decimals when the value is
/// made, so the CSV text and the workbook number are the same number.
public enum ReportValue: Sendable, Equatable {
    case text(String)
    /// Text in the CSV (a code such as `breached`) shown by its Spanish label in the workbook.
    case code(String, label: String)
    case count(Int)
    case hours(Double)
    /// A percentage, 0–100.
    case percent(Double)
    case dateTime(Instant)
    case empty

    /// Hours from seconds, to two decimals.
    static func hours(seconds: Int64?) -> ReportValue { seconds.map { .hours(rounded(Double($0) / 3600)) } ?? .empty }
    static func hours(_ value: Double?) -> ReportValue { value.map { .hours(rounded($0)) } ?? .empty }
    static func percent(_ value: Double?) -> ReportValue { value.map { .percent(rounded($0)) } ?? .empty }
    static func dateTime(_ instant: Instant?) -> ReportValue { instant.map { .dateTime($0) } ?? .empty }

    static func rounded(_ value: Double) -> Double { (value * 100).rounded(.toNearestOrAwayFromZero) / 100 }

    public var csvText: String {
        switch self {
        case let .text(text): text
        case let .code(code, _): code
        case let .count(count): String(count)
        case let .hours(hours): twoDecimals(hours)
        case let .percent(percent): twoDecimals(percent)
        case let .dateTime(instant): instant.description
        case .empty: ""
        }
    }

    private func twoDecimals(_ value: Double) -> String {
        let hundredths = Int64((value * 100).rounded(.toNearestOrAwayFromZero))
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = hundredths.magnitude
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }
}
