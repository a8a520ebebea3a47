/// Text as a workbook can hold it (the rules of `XlsxWorkbook`, kept apart so they are tested
/// without writing a workbook).
///
/// - XML 1.0, which every part of a workbook is, has no place for most control characters: a
///   client name with one made the KAM workbook unreadable. They become U+FFFD (�), visible where
///   the data was wrong.
/// - An Excel cell holds at most 32,767 characters (UTF-16 units): longer text is cut, and says
///   so at its end. The CSV files beside the workbooks keep the text whole.
package enum XlsxText {
    /// Excel's limit for a cell.
    package static let cellLimit = 32_767

    /// `text`, with what XML cannot carry replaced, cut to `limit` UTF-16 units with a visible
    /// mark when longer.
    package static func safe(_ text: String, limit: Int = cellLimit) -> String {
        var clean = text
        if text.unicodeScalars.contains(where: isUnsafe) {
            clean = String(String.UnicodeScalarView(text.unicodeScalars.map { isUnsafe($0) ? "\u{FFFD}" : $0 }))
        }
        guard clean.utf16.count > limit else { return clean }
        let total = clean.count
        let mark =
            limit >= 200
            ? " […] [texto recortado: tiene \(total) caracteres y una celda de Excel admite \(limit)]" : "…"
        var kept = ""
        var units = 0
        let room = max(0, limit - mark.utf16.count)
        for character in clean {
            let size = character.utf16.count
            if units + size > room { break }
            kept.append(character)
            units += size
        }
        return kept + mark
    }

    /// Scalars XML 1.0 does not allow (C0 controls but tab, line feed and carriage return; U+FFFE
    /// and U+FFFF), and the invisible DEL and C1 controls.
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00...0x1F, 0x7F...0x9F, 0xFFFE, 0xFFFF: true
        default: false
        }
    }
}
