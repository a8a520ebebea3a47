import SLAReports
import Testing

/// Text as a workbook can hold it: no control character in the XML, no cell past Excel's limit.
@Suite struct XlsxTextTests {
    @Test func controlCharactersBecomeVisibleReplacements() {
        #expect(XlsxText.safe("Cl\u{0}ínica\u{1B}\u{7F}\u{85}") == "Cl\u{FFFD}ínica\u{FFFD}\u{FFFD}\u{FFFD}")
        #expect(XlsxText.safe("dos\nlíneas\tcon\rtab") == "dos\nlíneas\tcon\rtab")
        #expect(XlsxText.safe("\u{FFFE}\u{FFFF}") == "\u{FFFD}\u{FFFD}")
    }

    @Test func textOverTheCellLimitIsCutAndSaysSo() {
        let short = String(repeating: "ñ", count: XlsxText.cellLimit)
        #expect(XlsxText.safe(short) == short)
        let long = String(repeating: "ñandú ", count: 7_000)
        let cut = XlsxText.safe(long)
        #expect(cut.utf16.count <= XlsxText.cellLimit)
        #expect(cut.hasPrefix("ñandú ñandú"))
        #expect(cut.hasSuffix(" […] [texto recortado: tiene 42000 caracteres y una celda de Excel admite 32767]"))
        // Characters of two UTF-16 units are never split.
        let emoji = XlsxText.safe(String(repeating: "🙂", count: 20_000))
        #expect(emoji.utf16.count <= XlsxText.cellLimit && emoji.unicodeScalars.first == "🙂")
        #expect(XlsxText.safe(String(repeating: "x", count: 40), limit: 31) == String(repeating: "x", count: 30) + "…")
    }
}
