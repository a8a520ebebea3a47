/// Builds RFC 4180 CSV text: comma-separated, CRLF-free (`\n` line ends, as the SPEC's examples and
/// Unix tools expect), fields quoted only when they hold a comma, a quote or a line break.
package struct CSVWriter: Sendable {
    package private(set) var text = ""

    package init(header: [String]) {
        appendRow(header)
    }

    package mutating func appendRow(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { text.append(",") }
            text.append(Self.escape(field))
        }
        text.append("\n")
    }

    /// Appends a row to `bytes`, as `appendRow` appends it to `text`: for a writer that streams a
    /// million rows, with no String made for the row.
    ///
    /// - Complexity: one pass over the fields' bytes.
    package static func appendRow(_ fields: [String], to bytes: inout [UInt8]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(0x2C) }
            var field = field
            field.withUTF8 { utf8 in
                if utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
                    bytes.append(0x22)
                    for byte in utf8 {
                        if byte == 0x22 { bytes.append(0x22) }
                        bytes.append(byte)
                    }
                    bytes.append(0x22)
                } else {
                    bytes.append(contentsOf: utf8)
                }
            }
        }
        bytes.append(0x0A)
    }

    /// The field as RFC 4180 writes it.
    package static func escape(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
