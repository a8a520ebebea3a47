import Testing

@testable import SLAStore

/// What the events file may take from the cases file before it, and when it must ask the database.
@Suite struct ImportedCasesUnitTests {
    func lines(_ ids: [(String, Int)]) -> FirstLines {
        var lines = FirstLines()
        for (id, line) in ids { Array(id.utf8).withUnsafeBufferPointer { lines.insert($0, line: line) } }
        return lines
    }

    func registration(_ cases: ImportedCases, _ id: String) -> Int64? {
        Array(id.utf8).withUnsafeBufferPointer { cases.registration(of: $0) }
    }

    @Test func aFileOfNewCasesIsKnownUntilTheNextCasesFile() {
        let cases = ImportedCases()
        #expect(registration(cases, "C1") == nil)  // no cases file yet
        cases.beginFile()
        cases.accept(line: 2, registeredAt: 100)
        cases.accept(line: 4, registeredAt: 300)
        #expect(registration(cases, "C1") == nil)  // not before the file ends
        cases.endFile(lines([("C1", 2), ("C3", 4)]))
        #expect(registration(cases, "C1") == 100)
        #expect(registration(cases, "C3") == 300)
        #expect(registration(cases, "C2") == nil)
        cases.beginFile()
        #expect(registration(cases, "C1") == nil)
    }

    @Test func aFileWithACaseThatWasThereIsNotKept() {
        let cases = ImportedCases()
        cases.beginFile()
        cases.accept(line: 2, registeredAt: 100)
        cases.sawRowNotNew()
        cases.endFile(lines([("C1", 2)]))
        #expect(registration(cases, "C1") == nil)
    }
}
