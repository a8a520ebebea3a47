import SLAReports
import Testing

@Suite struct XlsxWriterLibraryTests {
    @Test func linksTheXlsxWriterLibrary() {
        #expect(XlsxWriterLibrary.version.split(separator: ".").count >= 2)
    }
}
