import Foundation
import SLATestSupport
import Testing

/// `sla import` then `sla nightly` on real files: the daily files, the workbook read back, the exit
/// status and the summary line.
@Suite struct NightlyCommandTests {
    @Test func writesTheDailyFilesAndAWorkbookWorthOpening() throws {
        let folder = try TemporaryDirectory()
        let database = try SmallFixture.importedDatabase(in: folder)

        let night = try BuiltBinary.run(
            ["nightly", "--db", database, "--as-of", "2026-11-23T14:30", "--reports", "out"],
            in: folder.path)
        #expect(night.status == 1, "\(night.standardError)")  // one unclassified case
        #expect(
            night.standardOutput.hasPrefix(
                """
                nightly as of 2026-11-23T14:30:00-05:00: 0 closed automatically, 5 open cases evaluated, \
                2 breached (of them 0 attended late, 0 waiting on the client), 1 at risk, 1 due today, \
                0 solution commitments missed and unsolved, 0 commitments due today, 1 paused, 1 unclassified, 
                """))
        #expect(night.standardError.contains("data problem: case C4"))

        let daily = folder.path + "/out/daily/2026-11-23/"
        #expect(try String(contentsOfFile: daily + "sla-status.csv", encoding: .utf8) == SmallFixture.statusAt20261123T1430)
        let header = SmallFixture.statusAt20261123T1430.split(separator: "\n")[0]
        let status = SmallFixture.statusAt20261123T1430.split(separator: "\n")
        // C3 is at risk and due at 16:00, before midnight: the one case that breaches today.
        #expect(
            try String(contentsOfFile: daily + "due-today.csv", encoding: .utf8) == "\(header),promise\n\(status[3]),attention\n")
        #expect(
            try String(contentsOfFile: daily + "breaches.csv", encoding: .utf8)
                == "\(header)\n\(status[1])\n\(status[2])\n\(status[3])\n")

        let workbook = daily + "breaches.xlsx"
        let book = try WorkbookReader.part("xl/workbook.xml", of: workbook)
        let names = WorkbookCells.matches(#"<sheet name="([^"]+)""#, in: book).compactMap { $0[1] }
        #expect(names == ["Vencen hoy", "Incumplimientos", "Compromisos", "Problemas de datos"])
        // The header row repeated on every printed page, under the header block.
        #expect(book.contains("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'Vencen hoy'!$11:$11</definedName>"))
        #expect(
            book.contains("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"1\">Incumplimientos!$11:$11</definedName>"))
        for index in 1...4 {
            let sheet = try WorkbookReader.part("xl/worksheets/sheet\(index).xml", of: workbook)
            #expect(sheet.contains("<pageSetUpPr fitToPage=\"1\"/>"), "sheet \(index): one page wide")
            #expect(sheet.contains("<pageSetup paperSize=\"1\" fitToHeight=\"0\" orientation=\"landscape\"/>"), "sheet \(index)")
            #expect(
                sheet.contains(
                    """
                    <oddFooter>&amp;LCorte: 2026-11-23 14:30&amp;C&amp;A&amp;RPágina &amp;P de &amp;N</oddFooter>
                    """), "sheet \(index)")
            #expect(sheet.contains("<pane ySplit=\"\(index == 4 ? 1 : 11)\""), "sheet \(index): frozen header")
            #expect(!sheet.contains("<f>"), "no formulas, whatever the input says")
        }
        #expect(try WorkbookReader.part("xl/worksheets/sheet2.xml", of: workbook).contains("<autoFilter ref=\"A11:N14\"/>"))

        // Incumplimientos: the counts, then C1, C2 (breached, oldest due first), C3 (at risk).
        let breaches = try WorkbookCells(sheet: 2, of: workbook)
        #expect(
            (2...9).map { breaches[$0, 0] } == [2, 2, 0, 0, 1, 1, 0, 0].map { .number($0) },
            "breached, running, waiting, attended late, at risk, due today, commitments missed, due today")
        #expect(
            (0...12).map { breaches[10, $0]?.description } == [
                "Caso", "Cliente", "Prioridad", "Estado", "Vence", "Exceso (+) / margen (−)", "Nivel de soporte", "OLA del nivel",
                "Responsable", "Grupo", "Espera al cliente desde", "Escalamiento sugerido", "KAM"
            ])
        // The columns after these by their header, wherever they are.
        func column(_ label: String) -> Int { (0...20).first { breaches[10, $0]?.description == label } ?? -1 }
        #expect((11...13).map { breaches[$0, 0] } == [.text("C1"), .text("C2"), .text("C3")])
        // Numbers are numbers: the due instant (2026-11-15T02:00 Bogotá = 46341 + 2/24), hours over, level.
        #expect(breaches[11, 4].map { if case .number(let n) = $0 { abs(n - (46341 + 2.0 / 24)) < 1e-9 } else { false } } == true)
        #expect(breaches[11, 5] == .number(204.5) && breaches[12, 5] == .number(45) && breaches[13, 5] == .number(-1.5))
        #expect(breaches[11, 6] == .number(1))
        #expect(breaches[11, column("Escalamiento sugerido")] == .text("3 — Director de experiencia al cliente"))
        #expect(breaches[13, column("Escalamiento sugerido")] == .text("2 — Coordinador de la MET"))
        #expect(breaches[13, column("Resumen")] == .text("=HYPERLINK(\"http://x\")"), "a formula in the data stays text")
        #expect((11...13).allSatisfy { breaches[$0, column("OLA del nivel")] == nil }, "no OLA in the built-in policy")
        let today = try WorkbookCells(sheet: 1, of: workbook)
        #expect(today[11, 0] == .text("C3") && today[12, 0] == nil && today[11, 5] == .text("Atención"))
        // 1.5 business hours left, as a duration (days) shown in hours and minutes.
        #expect(today[11, 6] == .number(1.5 / 24))

        let styles = try WorkbookReader.part("xl/styles.xml", of: workbook)
        #expect(styles.contains("FFF8CBAD") && styles.contains("FFFFE699"))
        #expect(styles.contains("+0.00&quot; h hábiles&quot;") && styles.contains("[h]&quot; h &quot;mm&quot; min hábiles&quot;"))
        let core = try WorkbookReader.part("docProps/core.xml", of: workbook)
        #expect(core.contains("<dc:creator>sla</dc:creator>"))
    }

    /// A dry run lists each closure it would make once, on standard output (it used to be logged
    /// too); every log line is stamped with Bogotá time, whatever the machine's time zone.
    @Test func aDryRunSaysEachClosureOnceAndTheLogIsInBogotaTime() throws {
        let folder = try TemporaryDirectory()
        let clients = try folder.write("clients.csv", "client_id,client_name,contract,kam_id\nK1,Uno,saas,kam-ana\n")
        let cases = try folder.write(
            "cases.csv",
            """
            case_id,client_id,type,priority,impact,urgency,created_at
            A1,K1,incidente,P3,media,media,2026-11-10T08:00
            A2,K1,incidente,P3,,,2026-11-10T08:00

            """)
        let events = try folder.write("events.csv", "event_id,case_id,at,kind\n1,A1,2026-11-13T10:00,solved\n")
        let database = folder.path + "/sla.sqlite"
        #expect(
            try BuiltBinary.run(["import", "--db", database, "--clients", clients, "--cases", cases, "--events", events]).status
                == 0)
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
