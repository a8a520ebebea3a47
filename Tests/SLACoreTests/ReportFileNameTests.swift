import SLACore
import Testing

/// The report file name of a KAM or client id (SPEC §8), and the shortened name of an id too long
/// for a file system (a 300-character KAM id stopped every KAM's report).
@Suite struct ReportFileNameTests {
    @Test(arguments: [("Kam.Jorge", "kam-jorge"), ("../../etc/passwd", "------etc-passwd"), ("María", "mar-a"), (".", "-")])
    func theRule(id: String, name: String) {
        #expect(ReportFileName.name(for: id) == name)
    }

    @Test func aLongIdGetsAShortNameThatStaysUniqueAndStable() {
        let ids =
            (0..<200).map { "kam-" + String(repeating: "x", count: 300) + "-\($0)" }
            + [String(repeating: "a", count: 101), String(repeating: "a", count: 102), String(repeating: "á", count: 400)]
        let names = ids.map(ReportFileName.name(for:))
        #expect(names.allSatisfy { $0.utf8.count <= ReportFileName.maximumLength })
        #expect(Set(names).count == ids.count)
        #expect(names[0] == "kam-" + String(repeating: "x", count: 79) + "-" + names[0].suffix(16))
        #expect(ReportFileName.name(for: ids[7]) == names[7])  // the same every month
        #expect(ReportFileName.name(for: String(repeating: "a", count: 100)) == String(repeating: "a", count: 100))
    }
}
