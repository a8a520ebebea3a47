package import SLACore

/// A table of a report, built once and written twice — as CSV and as a workbook sheet — so the two
/// carry the same numbers by construction: values are rounded here, before either.
///
/// A column may be in both (most), in the CSV only (an id a program joins on) or on the sheet only
/// (a name a person reads); each medium shows its columns in table order.
package struct ReportTable: Sendable {
    package struct Column: Sendable {
        /// The CSV header: English, snake case, as the SPEC names them; nil for a sheet-only column.
        package var name: String?
        /// The workbook header: Spanish, for the supervisor, the KAM and the client; nil for a
        /// CSV-only column.
        package var label: String?
        /// How the sheet shows the column's numbers.
        package var style: Style

        package init(_ name: String?, _ label: String?, style: Style = .plain) {
            self.name = name
            self.label = label
            self.style = style
        }
    }

    /// How a column's numbers look on the sheet.
    package enum Style: Sendable {
        case plain
        /// Hours with a sign: `+1.50` over the target, `-0.25` left.
        case signedHours
    }

    /// The colour of a row on the sheet.
    package enum Tone: Sendable {
        case plain, breached, atRisk
        /// A total under the rows it sums.
        case total
    }

    package var columns: [Column]
    package var rows: [[ReportValue]]
    /// One per row, or empty for plain rows.
    package var tones: [Tone]

    package init(_ columns: [Column], rows: [[ReportValue]], tones: [Tone] = []) {
        self.columns = columns
        self.rows = rows
        self.tones = tones
    }

    init(_ columns: [(String, String)], rows: [[ReportValue]]) {
        self.init(columns.map { Column($0.0, $0.1) }, rows: rows)
    }

    /// The CSV text: the columns with a CSV name, in order.
    package var csv: String {
        let kept = columns.indices.filter { columns[$0].name != nil }
        var writer = CSVWriter(header: kept.compactMap { columns[$0].name })
        for row in rows { writer.appendRow(kept.map { row[$0].csvText }) }
        return writer.text
    }
}

/// One cell of a report table. Hours and percentages are rounded to two decimals when the value is
/// made, so the CSV text and the workbook number are the same number.
package enum ReportValue: Sendable, Equatable {
    case text(String)
    /// Text in the CSV (a code such as `breached`) shown by its Spanish label in the workbook.
    case code(String, label: String)
    case count(Int)
    case hours(Double)
    /// Whole seconds in the CSV (as the status files carry durations), the same time in hours on
    /// the sheet.
    case seconds(Int64)
    /// A percentage, 0–100.
    case percent(Double)
    case dateTime(Instant)
    case empty

    /// Hours from seconds, to two decimals.
    static func hours(seconds: Int64?) -> ReportValue { seconds.map { .hours(rounded(Double($0) / 3600)) } ?? .empty }
    static func hours(_ value: Double?) -> ReportValue { value.map { .hours(rounded($0)) } ?? .empty }
    /// Calendar days from seconds, to two decimals (shown like hours: a number with two decimals).
    static func days(seconds: Int64) -> ReportValue { .hours(rounded(Double(seconds) / 86_400)) }
    static func seconds(_ value: Int64?) -> ReportValue { value.map { .seconds($0) } ?? .empty }
    static func percent(_ value: Double?) -> ReportValue { value.map { .percent(rounded($0)) } ?? .empty }
    static func dateTime(_ instant: Instant?) -> ReportValue { instant.map { .dateTime($0) } ?? .empty }
    static func text(_ value: String?) -> ReportValue { value.map { .text($0) } ?? .empty }

    static func rounded(_ value: Double) -> Double { (value * 100).rounded(.toNearestOrAwayFromZero) / 100 }

    package var csvText: String {
        switch self {
        case .text(let text): text
        case .code(let code, _): code
        case .count(let count): String(count)
        case .hours(let hours): Self.twoDecimals(hours)
        case .seconds(let seconds): String(seconds)
        case .percent(let percent): Self.twoDecimals(percent)
        case .dateTime(let instant): instant.description
        case .empty: ""
        }
    }

    /// `82.35`: the CSV files' numbers, which the messages write with a decimal comma.
    package static func twoDecimals(_ value: Double) -> String {
        guard let hundredths = Int64(exactly: (value * 100).rounded(.toNearestOrAwayFromZero)) else { return "\(value)" }
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = hundredths.magnitude
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }
}
