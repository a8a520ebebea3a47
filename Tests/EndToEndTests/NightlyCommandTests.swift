import Foundation
import SLATestSupport
import Testing

/// `sla import` then `sla nightly` on real files: the daily files, the workbook read back, the exit
/// status and the summary line.
@Suite struct NightlyCommandTests {
    @Test func writesTheDailyFilesAndAWorkbookWorthOpening() throws {
        let folder = try TemporaryDirectory()
        let database = try SmallFixture.importedDatabase(in: folder)

        let night = try BuiltBinary.run(["nightly", "--db", database, "--as-of", "2026-11-23T14:30", "--reports", "out"],
                                        in: folder.path)
        #expect(night.status == 1, "\(night.standardError)")  // one unclassified case
        #expect(night.standardOutput.hasPrefix("nightly as of 2026-11-23T14:30:00-05:00: 0 closed automatically, 5 open cases evaluated, 2 breached, 1 at risk, 1 paused, 1 unclassified, "))
        #expect(night.standardError.contains("data problem: case C4"))

        let daily = folder.path + "/out/daily/2026-11-23/"
        #expect(try String(contentsOfFile: daily + "sla-status.csv", encoding: .utf8) == SmallFixture.statusAt20261123T1430)

        let workbook = daily + "breaches.xlsx"
        let book = try WorkbookReader.part("xl/workbook.xml", of: workbook)
        #expect(book.contains("name=\"Incumplimientos\""))
        #expect(book.contains("name=\"Problemas de datos\""))
        let sheet = try WorkbookReader.part("xl/worksheets/sheet1.xml", of: workbook)
        #expect(sheet.contains("<pane ySplit=\"1\""))
        #expect(sheet.contains("<autoFilter ref=\"A1:U4\""))
        #expect(sheet.contains("orientation=\"landscape\""))
        #expect(!sheet.contains("<f>"))  // no formulas, whatever the input says
        let strings = try WorkbookReader.part("xl/sharedStrings.xml", of: workbook)
        #expect(strings.contains("<t>=HYPERLINK(\"http://x\")</t>"))
        #expect(strings.contains("Incumplido") && strings.contains("En riesgo"))
        let styles = try WorkbookReader.part("xl/styles.xml", of: workbook)
        #expect(styles.contains("FFF8CBAD") && styles.contains("FFFFE699"))
        #expect(styles.contains("yyyy-mm-dd hh:mm"))
        let core = try WorkbookReader.part("docProps/core.xml", of: workbook)
        #expect(core.contains("<dc:creator>sla</dc:creator>"))
        // The due instant of C1 (2026-11-15T02:00 Bogotá) as an Excel date-time: 46341 + 2/24.
        #expect(sheet.contains("<v>46341.083333333336</v>") || sheet.contains("<v>46341.08333333333</v>"))
    }

    /// A dry run lists each closure it would make once, on standard output (it used to be logged
    /// too); every log line is stamped with Bogotá time, whatever the machine's time zone.
    @Test func aDryRunSaysEachClosureOnceAndTheLogIsInBogotaTime() throws {
        let folder = try TemporaryDirectory()
        let clients = try folder.write("clients.csv", "client_id,client_name,contract,kam_id\nK1,Uno,saas,kam-ana\n")
        let cases = try folder.write("cases.csv", """
            case_id,client_id,type,priority,impact,urgency,created_at
            A1,K1,incidente,P3,media,media,2026-11-10T08:00
            A2,K1,incidente,P3,,,2026-11-10T08:00

            """)
        let events = try folder.write("events.csv", "event_id,case_id,at,kind\n1,A1,2026-11-13T10:00,solved\n")
        let database = folder.path + "/sla.sqlite"
        #expect(try BuiltBinary.run(["import", "--db", database, "--clients", clients, "--cases", cases, "--events", events]).status == 0)
        let environment = ProcessInfo.processInfo.environment["TZ"]
        setenv("TZ", "Asia/Tokyo", 1)
        defer { if let environment { setenv("TZ", environment, 1) } else { unsetenv("TZ") } }
        let dryRun = try BuiltBinary.run(["nightly", "--db", database, "--as-of", "2026-11-24T07:00", "--dry-run"])
        #expect(dryRun.status == 1)  // A2 has no impact or urgency
        let said = (dryRun.standardOutput + dryRun.standardError).components(separatedBy: "would close case A1").count - 1
        #expect(said == 1, "\(dryRun.standardOutput)\(dryRun.standardError)")
        let logLines = dryRun.standardError.split(separator: "\n")
        #expect(!logLines.isEmpty)
        #expect(logLines.allSatisfy { HostileOptionsTests.isStamped($0) }, "\(dryRun.standardError)")
    }
}
