import Foundation
import SLAStore
import SLATestSupport
import Testing

@Suite struct CSVReaderTests {
    func records(_ text: String) -> [CSVReader.Record] { Array(CSVReader(bytes: Array(text.utf8))) }

    @Test func readsQuotesCommasAndLineBreaksInsideQuotes() {
        let rows = records("\u{FEFF}a,b,c\r\n1,\"x, \"\"y\"\"\",\"two\nlines\"\r\n\n\n2,,\n")
        #expect(rows.map(\.fields) == [["a", "b", "c"], ["1", "x, \"y\"", "two\nlines"], ["2", "", ""]])
        #expect(rows.map(\.line) == [1, 2, 6])
        #expect(rows.allSatisfy { $0.problem == nil })
    }

    @Test func reportsMalformedQuotesWithoutLosingTheNextRecords() {
        let rows = records("h1,h2\n\"open,x\n")
        #expect(rows.count == 2)
        #expect(rows[1].problem?.contains("not closed") == true)
        let after = records("h1,h2\n\"a\"b,c\nd,e")
        #expect(after[1].problem?.contains("after the closing quote") == true)
        #expect(after[2].fields == ["d", "e"])
        #expect(after[2].line == 3)
    }

    /// A quote left open in the middle of a file turns the rest into one field: where it opened is said.
    @Test func anUnclosedQuoteSaysWhereItOpened() {
        let rows = records("h1,h2\n1,2\n3,\"four\n5,6\n7,8\n")
        #expect(rows.count == 3)
        #expect(
            rows[2].problem?.hasPrefix("the quote that opens field 2 on line 3 is not closed before the end of the file") == true,
            "\(rows[2].problem ?? "")")
    }

    @Test func aFileWithoutFinalNewlineAndCRLineEnds() {
        #expect(records("a,b\r\n1,2").map(\.fields) == [["a", "b"], ["1", "2"]])
        #expect(records("").isEmpty)
    }

    /// A file saved with old-Mac line ends (a lone CR) is as many lines as it looks: it used to be
    /// one header line with every row glued onto it, and imported nothing.
    @Test func aLoneCarriageReturnEndsALine() {
        let rows = records("a,b\r1,2\r\r\"x\",\"y\rz\"\r3,4")
        #expect(rows.map(\.fields) == [["a", "b"], ["1", "2"], ["x", "y\rz"], ["3", "4"]])
        #expect(rows.map(\.line) == [1, 2, 4, 6])
        #expect(rows.allSatisfy { $0.problem == nil })
    }

    /// A file read in chunks of every small size gives the records the whole text gives: quotes,
    /// doubled quotes, CR LF and the byte-order mark split across chunk boundaries.
    @Test func aFileReadInChunksGivesTheSameRecords() throws {
        let folder = try TemporaryDirectory()
        let texts = [
            "\u{FEFF}a,b,c\r\n1,\"x, \"\"y\"\"\",\"two\nlines\"\r\n\n\n2,,\n", "h1,h2\n\"a\"b,c\nd,é", "h1,h2\n\"open,x\n",
            "a,b\r1,2\r\r\"x\",\"y\rz\"\r3,4\r"
        ]
        for (index, text) in texts.enumerated() {
            let path = try folder.write("f\(index).csv", bytes: Array(text.utf8))
            for chunk in 1...9 {
                let handle = try #require(FileHandle(forReadingAtPath: path))
                #expect(Array(CSVReader(file: handle, chunk: chunk)) == records(text), "chunk \(chunk)")
            }
        }
    }
}
