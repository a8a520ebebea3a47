import Foundation
import SLABatch
import SLACore
import SLAReports
import SLATestSupport
import Testing

/// Text the workbooks cannot hold as it is (issue 12): a summary longer than an Excel cell, a KAM
/// id longer than a file name, control characters in names. Each used to stop the night or leave a
/// workbook Excel calls damaged; now the text is cut or cleaned in the workbook, whole in the CSV,
/// and every KAM gets a report.
@Suite struct WorkbookLimitsTests {
    static let longKAM = "kam-" + String(repeating: "muy-largo-", count: 30)

    func database(_ folder: TemporaryDirectory) throws -> (database: String, summary: String) {
        let summary = String(repeating: "Caída total del módulo de nómina. ", count: 1_200) + "Fin."  // 40,804 characters
        let clients = """
            client_id,client_name,contract,kam_id,kam_name,kam_email
            K1,"Clínica\u{1}del\u{7}Norte",saas,kam-ana,"Ana\u{0B}Ruiz",ana@example.co
            K2,Alcaldía de Chía,on_premise,\(Self.longKAM),Luis Gómez,luis@example.co
            K3,Cooperativa Andina,on_premise,kam-luis,Luis,luis@example.co

            """
        let cases = """
            case_id,client_id,product,type,priority,impact,urgency,created_at,summary
            L1,K1,KACTUS,incidente,P1,,,2026-10-14T22:00,"\(summary)"
            L2,K2,SEVEN,incidente,P1,,,2026-10-15T08:00,ordinary
            L3,K3,BPM,consulta,P3,media,media,2026-10-15T08:00,ordinary

            """
        let database = try TestImport.database(
            in: folder, clients: clients, cases: cases,
            events: """
                event_id,case_id,at,kind,level,note
                1,L3,2026-10-15T09:00,diagnosed,,

                """)
        return (database, summary)
    }

    @Test func theNightWritesEveryFileAndEveryKAMsReport() throws {
        let folder = try TemporaryDirectory()
        let (database, summary) = try database(folder)
        let night = try NightlyJob.run(
            .init(asOf: .bogota("2026-11-02T07:00"), reportsDirectory: folder.path, dryRun: false),
            runner: .test(database), calendar: TestCalendars.standard, policy: .standard)
        #expect(night.findings.isEmpty)
        #expect(night.files.count == 5)

        // The breach list, made to print, cuts the long summary short (the status CSVs carry no summary).
        let breaches = folder.path + "/daily/2026-11-02/breaches.xlsx"
        #expect(try WorkbookReader.malformedParts(of: breaches).isEmpty)
        let cells = try WorkbookCells(sheet: 2, of: breaches)
        let summaryColumn = try #require((0...20).first { cells[10, $0]?.description == "Resumen" })
        let shown = try #require(
            (11..<30).compactMap { cells[$0, summaryColumn]?.description }.first { $0.hasPrefix("Caída total") })
        #expect(shown.count == 200 && shown.hasSuffix("…"))

        // The October reports: one per KAM, the long id under a short name, the summary whole in the CSV.
        let monthly = try #require(night.monthlyReports)
        #expect(monthly.kams == 3 && monthly.findings.isEmpty)
        let names = try FileManager.default.contentsOfDirectory(atPath: monthly.folder).sorted()
        let long = ReportFileName.name(for: Self.longKAM)
        #expect(long.count == ReportFileName.maximumLength && long.hasPrefix("kam-muy-largo-"))
        #expect(names == ["kam-ana", "kam-ana.xlsx", "kam-luis", "kam-luis.xlsx", long, long + ".xlsx", "manifest.json"].sorted())
        let casos = try String(contentsOfFile: monthly.folder + "/kam-ana/casos.csv", encoding: .utf8)
        #expect(casos.contains(summary))
        for name in names where name.hasSuffix(".xlsx") {
            #expect(try WorkbookReader.malformedParts(of: monthly.folder + "/" + name).isEmpty, "\(name)")
        }
        // The control characters are shown as � in the workbook, and kept in the CSV.
        let ana = monthly.folder + "/kam-ana.xlsx"
        #expect(try WorkbookReader.part("docProps/core.xml", of: ana).contains("Ana\u{FFFD}Ruiz"))
        #expect(try WorkbookReader.part("xl/sharedStrings.xml", of: ana).contains("Clínica\u{FFFD}del\u{FFFD}Norte"))
        #expect(
            try String(contentsOfFile: monthly.folder + "/kam-ana/resumen.csv", encoding: .utf8)
                .contains("Clínica\u{1}del\u{7}Norte"))
    }
}
