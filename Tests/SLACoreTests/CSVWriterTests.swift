import SLACore
import Testing

@Suite struct CSVWriterTests {
    @Test(arguments: [
        ("plain", "plain"), ("", ""), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""), ("cr\r", "\"cr\r\""), ("Día de la Raza", "Día de la Raza")
    ])
    func escapesAsRFC4180(field: String, written: String) {
        #expect(CSVWriter.escape(field) == written)
    }

    @Test func writesAHeaderAndRows() {
        var csv = CSVWriter(header: ["date", "name"])
        csv.appendRow(["2025-06-30", "San Pedro, San Pablo"])
        #expect(csv.text == "date,name\n2025-06-30,\"San Pedro, San Pablo\"\n")
    }
}
