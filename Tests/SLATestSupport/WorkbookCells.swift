import Foundation

/// The cell values of one sheet of an .xlsx, read from its XML: enough to compare a workbook with
/// the CSV files written beside it.
public struct WorkbookCells {
    public enum Value: Equatable, CustomStringConvertible {
        case text(String)
        case number(Double)

        public var description: String {
            switch self {
            case .text(let text): text
            case .number(let number): String(number)
            }
        }
    }

    /// Values by row then column, both from 0; blank cells are absent.
    public var rows: [Int: [Int: Value]]

    /// The `index`-th sheet (from 1) of `workbook`.
    public init(sheet index: Int, of workbook: String) throws {
        let strings = try WorkbookReader.part("xl/sharedStrings.xml", of: workbook)
        let shared = Self.matches(#"<si>(?:<t[^>]*>([^<]*)</t>|<t[^>]*/>)</si>"#, in: strings).map { Self.unescape($0[1] ?? "") }
        let xml = try WorkbookReader.part("xl/worksheets/sheet\(index).xml", of: workbook)
        var rows: [Int: [Int: Value]] = [:]
        for match in Self.matches(#"<c r="([A-Z]+)([0-9]+)"([^>]*?)(?:/>|><v>([^<]*)</v></c>)"#, in: xml) {
            guard let column = match[1], let row = match[2].flatMap({ Int($0) }), let raw = match[4] else { continue }
            let isString = (match[3] ?? "").contains("t=\"s\"")
            let value: Value = isString ? .text(shared[Int(raw)!]) : .number(Double(raw)!)
            rows[row - 1, default: [:]][Self.columnIndex(column)] = value
        }
        self.rows = rows
    }

    public subscript(row: Int, column: Int) -> Value? { rows[row]?[column] }

    static func columnIndex(_ letters: String) -> Int {
        letters.unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
    }

    public static func matches(_ pattern: String, in text: String) -> [[String?]] {
        let regex = try! NSRegularExpression(pattern: pattern)
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { match in
            (0..<match.numberOfRanges).map { i in
                match.range(at: i).location == NSNotFound ? nil : ns.substring(with: match.range(at: i))
            }
        }
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
