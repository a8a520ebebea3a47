import Foundation
import Logging
import SLABatch
import SLACore
import SLATestSupport
import Testing

/// The monthly KAM report on a hand-built October (MonthFixture): the figures of SPEC §8 row by
/// row, the CSV files, and the workbook read back and compared with them.
@Suite struct MonthlyReportTests {
    /// The fixture imported, and the night of 8 October run (it writes M6's closure).
    func database(_ folder: TemporaryDirectory) throws -> String {
        let database = try TestImport.database(
            in: folder, clients: MonthFixture.clients, cases: MonthFixture.cases,
            events: MonthFixture.events)
        let night = try NightlyJob.run(
            .init(asOf: .bogota("2026-10-08T07:00"), reportsDirectory: folder.path + "/nights", dryRun: false),
            runner: .test(database), calendar: TestCalendars.standard, policy: .standard)
        #expect(night.closures.map(\.caseID) == ["M6"])
        return database
    }

    func report(_ database: String, _ month: String, into reports: String) throws -> MonthlyReportJob.Outcome {
        try MonthlyReportJob.run(
            month: try #require(ReportMonth(month)), reportsDirectory: reports,
            runner: .test(database, now: .bogota("2026-12-02T03:00")),
            calendar: TestCalendars.standard, policy: .standard)
    }

    func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func octoberFiguresRowByRow() throws {
        let folder = try TemporaryDirectory()
        let database = try database(folder)
        let outcome = try report(database, "2026-10", into: folder.path + "/reports")
        #expect(outcome.kams == 2 && outcome.findings.isEmpty)
        let month = folder.path + "/reports/monthly/2026-10/"
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: month).sorted()
                == ["kam-ana", "kam-ana.xlsx", "kam-luis", "kam-luis.xlsx", "manifest.json"])
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: month + "kam-ana").sorted() == [
                "abiertos.csv", "casos.csv", "cierres-automaticos.csv", "clientes", "compromisos.csv", "incumplimientos.csv",
                "ledger.csv", "niveles.csv",
                "resumen.csv", "tendencia.csv"
            ])
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: month + "kam-ana/clientes").sorted()
                == ["k1", "k1.xlsx", "k2", "k2.xlsx"])
        // Open at month end: M2 and M7 (K1), M4 and M5 (K2) — exactly the cases resumen counts.
        #expect(
            try text(month + "kam-ana/abiertos.csv").split(separator: "\n").map { $0.prefix(6) }
                == ["case_i", "M2,K1,", "M5,K2,", "M7,K1,", "M4,K2,"])
        #expect(try text(month + "kam-ana/resumen.csv") == MonthFixture.octoberSummaryOfAna)

        let cases = try text(month + "kam-ana/casos.csv").split(separator: "\n")
        #expect(cases.map { $0.prefix(3) } == ["cas", "M6,", "M1,", "M5,", "M7,", "M3,", "M4,"])
        #expect(
            cases[2] == "M1,K1,Clínica del Norte,KACTUS,incidente,P2,alta,alta,2026-10-01T08:00:00-05:00,business,"
                + "8.00,2.00,0.00,met,,2026-10-01T10:00:00-05:00,2026-10-02T09:00:00-05:00,2026-10-05T10:00:00-05:00,11.50,"
                + "diagnosed in 2 h")
        #expect(
            cases[4] == "M7,K1,Clínica del Norte,KACTUS,consulta,P3,,alta,2026-10-15T08:00:00-05:00,business,"
                + ",1.00,0.00,unclassified,,2026-10-15T09:00:00-05:00,,,,=unclassified")

        // The breach of M2 happened in October (due 1 October 08:30), though it stops in November.
        let breaches = try text(month + "kam-ana/incumplimientos.csv").split(separator: "\n")
        #expect(breaches.count == 2)
        #expect(
            breaches[1].hasPrefix(
                "M2,K1,Clínica del Norte,SEVEN,incidente,P3,media,media,2026-09-28T08:00:00-05:00,"
                    + "business,32.00,"))
        #expect(breaches[1].contains(",breached,2026-10-01T08:30:00-05:00,,,,,"))

        #expect(
            try text(month + "kam-ana/cierres-automaticos.csv") == """
                case_id,client_id,client_name,product,solved_at,closed_at
                M6,K2,Alcaldía de Chía,BPM,2026-09-30T10:00:00-05:00,2026-10-07T18:00:00-05:00
                M3,K1,Clínica del Norte,BPM,2026-10-21T10:00:00-05:00,2026-10-28T18:00:00-05:00

                """)

        // A KAM without activity still gets a report, which says so.
        #expect(
            try text(month + "kam-luis/resumen.csv").hasSuffix(
                "\nK3,Cooperativa Andina,0,0,0,0,0,0,,,,,,0,0,,0\n,Total,0,0,0,0,0,0,,,,,,0,0,,0\n"))
        let luis = try WorkbookCells(sheet: 1, of: month + "kam-luis.xlsx")
        #expect(
            luis.rows.values.flatMap(\.values).contains(
                .text(
                    "Sin actividad en el mes: ningún caso registrado, solucionado, cerrado, incumplido ni abierto al cierre del mes."
                )))
    }

    @Test func aBreachIsCountedOnceInTheMonthItHappened() throws {
        let folder = try TemporaryDirectory()
        let database = try database(folder)
        _ = try report(database, "2026-11", into: folder.path + "/reports")
        let month = folder.path + "/reports/monthly/2026-11/kam-ana/"
        let summary = try text(month + "resumen.csv").split(separator: "\n")
        // K1: M2 stops in November, breached, but its breach was October's: neither met nor breached now.
        #expect(summary[1] == "K1,Clínica del Norte,0,0,0,2,0,0,,253.00,253.00,,,0,0,,0")  // M2 and M7 still open
        // K2: M4 crosses its 4 business hours on Tuesday 3 November 09:30; M5's period closes on the 6th.
        #expect(summary[2].hasPrefix("K2,Alcaldía de Chía,0,0,1,1,0,1,0.00,"))
        let breaches = try text(month + "incumplimientos.csv").split(separator: "\n")
        #expect(breaches.map { $0.prefix(3) } == ["cas", "M4,"])
        #expect(breaches[1].contains(",breached,2026-11-03T09:30:00-05:00,"))
    }

    @Test func theWorkbookCarriesTheSameNumbersAsTheCSVFiles() throws {
        let folder = try TemporaryDirectory()
        let database = try database(folder)
        _ = try report(database, "2026-10", into: folder.path + "/reports")
        let month = folder.path + "/reports/monthly/2026-10/"
        let workbook = month + "kam-ana.xlsx"
        // Which sheet column shows each CSV column: the case sheets leave ids and codes a person
        // does not read to the CSV; Tendencia adds the client's name and target beside them.
        let caseColumns = [0, nil, 1, 2, 3, 4, nil, nil, 5, 6, 7, 8, nil, 9, 10, 11, 12, 13, 14, 15]
        let openColumns = [0, nil] + (1...17).map { Optional($0) }
        let sheets: [(Int, String, Int, [Int?])] = [
            (1, "resumen.csv", 5, (0...16).map { $0 }), (2, "tendencia.csv", 0, [0, 2, 3, 4, 5, 6, 7, 9, 10, 11]),
            (3, "casos.csv", 0, caseColumns), (4, "incumplimientos.csv", 0, caseColumns + [16]),
            (5, "abiertos.csv", 0, openColumns), (6, "cierres-automaticos.csv", 0, (0...5).map { $0 }),
            (8, "niveles.csv", 0, [0, 2, 3, 4, 5, 6, 7])
        ]
        for (sheet, file, headerRow, shownAt) in sheets {
            let cells = try WorkbookCells(sheet: sheet, of: workbook)
            let lines = try text(month + "kam-ana/" + file).split(separator: "\n").dropFirst()
            #expect(!lines.isEmpty)
            for (index, line) in lines.enumerated() {
                let fields = CSVFields.split(String(line))
                #expect(fields.count == shownAt.count, "\(file)")
                for (column, field) in fields.enumerated() {
                    guard column < shownAt.count, let shown = shownAt[column] else { continue }
                    let cell = cells[headerRow + 1 + index, shown]
                    #expect(
                        Self.same(field, cell),
                        "\(file) row \(index + 1) column \(column): \(field) vs \(String(describing: cell))")
                }
            }
        }
    }

    /// A CSV field and a workbook cell hold the same value: numbers equal (percentages as
    /// fractions), instants as Excel date-times, codes by their Spanish labels, text as is.
    static func same(_ field: String, _ cell: WorkbookCells.Value?) -> Bool {
        guard let cell else { return field.isEmpty }
        switch cell {
        case .number(let number):
            if let instant = try? Timestamp.parse(field), field.contains("T") {
                return abs(number - (Double(instant.secondsSince1970 - 5 * 3600) / 86_400 + 25_569)) < 1e-9
            }
            guard let value = Double(field) else { return false }
            return number == value || abs(number * 100 - value) < 1e-9
        case .text(let text):
            let labels = [
                "met": "Cumplido", "breached": "Incumplido", "unclassified": "Sin clasificar", "running": "En curso",
                "business": "hábil", "24x7": "24x7", "incidente": "Incidente", "consulta": "Consulta",
                "solicitud": "Solicitud", "acceso": "Acceso", "at_risk": "En riesgo", "paused": "En pausa"
            ]
            return text == field || labels[field] == text
        }
    }

    @Test func theWorkbookIsOneAKAMCanForward() throws {
        let folder = try TemporaryDirectory()
        let database = try database(folder)
        _ = try report(database, "2026-10", into: folder.path + "/reports")
        let workbook = folder.path + "/reports/monthly/2026-10/kam-ana.xlsx"
        let book = try WorkbookReader.part("xl/workbook.xml", of: workbook)
        let names = WorkbookCells.matches(#"<sheet name="([^"]+)""#, in: book).compactMap { $0[1] }
        #expect(
            names == [
                "Resumen", "Tendencia", "Casos", "Incumplimientos", "Abiertos al cierre del mes", "Cierres automáticos",
                "Compromisos de solución", "Tiempo por nivel", "Control"
            ])
        let summary = try WorkbookReader.part("xl/worksheets/sheet1.xml", of: workbook)
        #expect(summary.contains("<pane ySplit=\"6\""))
        #expect(summary.contains("<autoFilter ref=\"A6:Q8\""), "the clients, not the total row under them")
        #expect(
            summary.contains("orientation=\"landscape\"") && summary.contains("<pageSetUpPr fitToPage=\"1\"/>")
                && summary.contains("fitToHeight=\"0\""))
        #expect(summary.contains("<drawing "))
        // SPEC §8's printing rule on every sheet: landscape, one page wide, header repeated, a footer
        // with the report's date and Página N de M.
        for sheet in 1...7 {
            let xml = try WorkbookReader.part("xl/worksheets/sheet\(sheet).xml", of: workbook)
            #expect(xml.contains("<pageSetup paperSize=\"1\" fitToHeight=\"0\" orientation=\"landscape\"/>"), "sheet \(sheet)")
            #expect(xml.contains("<pageSetUpPr fitToPage=\"1\"/>"), "sheet \(sheet)")
            #expect(xml.contains("<oddFooter>&amp;LOctubre de 2026, al cierre del mes&amp;C"), "sheet \(sheet)")
            #expect(xml.contains("&amp;C&amp;A&amp;RPágina &amp;P de &amp;N</oddFooter>"), "sheet \(sheet)")
        }
        for (id, title) in [
            (0, "Resumen!$6:$6"), (1, "Tendencia!$1:$1"), (2, "Casos!$1:$1"), (3, "Incumplimientos!$1:$1"),
            (4, "'Abiertos al cierre del mes'!$1:$1"), (5, "'Cierres automáticos'!$1:$1"),
            (6, "'Compromisos de solución'!$1:$1"), (7, "'Tiempo por nivel'!$1:$1")
        ] {
            #expect(
                book.contains("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"\(id)\">\(title)</definedName>"), "\(book)"
            )
        }
        for chart in 1...4 {
            #expect(try WorkbookReader.part("xl/charts/chart\(chart).xml", of: workbook).contains("<c:ser>"))
        }
        // Compliance per client: the clients' rows only, labelled with the table's two decimals.
        let compliance = try WorkbookReader.part("xl/charts/chart1.xml", of: workbook)
        #expect(compliance.contains("Resumen!$I$7:$I$8") && compliance.contains("formatCode=\"0.00%\""))
        // The trend: a line per client over its twelve months.
        let trend = try WorkbookReader.part("xl/charts/chart4.xml", of: workbook)
        #expect(
            trend.contains("<c:lineChart>") && trend.contains("Tendencia!$H$2:$H$13") && trend.contains("Tendencia!$H$14:$H$25"))
        let cases = try WorkbookReader.part("xl/worksheets/sheet3.xml", of: workbook)
        #expect(cases.contains("<pane ySplit=\"1\"") && cases.contains("<autoFilter ref=\"A1:P7\""))
        #expect(!cases.contains("<f>"))  // "=unclassified" stays text
        let styles = try WorkbookReader.part("xl/styles.xml", of: workbook)
        #expect(
            styles.contains("formatCode=\"0.00%\"") && styles.contains("formatCode=\"0.00\"")
                && styles.contains("formatCode=\"dd/mm/yy hh:mm\""))
        let core = try WorkbookReader.part("docProps/core.xml", of: workbook)
        #expect(core.contains("<dc:title>Niveles de servicio (ANS) de octubre de 2026 — Ana Ruiz</dc:title>"))
        #expect(core.contains("<dc:creator>Ana Ruiz</dc:creator>"))
    }

    @Test func producedAgainTheReportIsTheSameAndAMonthNotOverIsRefused() throws {
        let folder = try TemporaryDirectory()
        let database = try database(folder)
        _ = try report(database, "2026-10", into: folder.path + "/a")
        // A later night writes M3's closure (due 28 October): the October figures do not move.
        _ = try NightlyJob.run(
            .init(asOf: .bogota("2026-11-02T07:00"), reportsDirectory: folder.path + "/b", dryRun: false),
            runner: .test(database), calendar: TestCalendars.standard, policy: .standard)
        for file in ["resumen.csv", "casos.csv", "incumplimientos.csv", "cierres-automaticos.csv"] {
            #expect(
                try text(folder.path + "/a/monthly/2026-10/kam-ana/" + file)
                    == text(folder.path + "/b/monthly/2026-10/kam-ana/" + file), "\(file)")
        }
        let november = try #require(ReportMonth("2026-11"))
        #expect(throws: SLAError.self) {
            try MonthlyReportJob.run(
                month: november, reportsDirectory: folder.path,
                runner: .test(database, now: .bogota("2026-11-30T23:59")),
                calendar: TestCalendars.standard, policy: .standard)
        }
    }

    @Test(arguments: [
        ("Kam.Jorge", "kam-jorge"), ("kam-ana", "kam-ana"), ("../../etc/passwd", "------etc-passwd"),
        ("María Pérez", "mar-a-p-rez"), ("K_01", "k-01"), (".", "-")
    ])
    func fileNamesFollowTheRule(id: String, name: String) {
        #expect(ReportFileName.name(for: id) == name)
    }
}

/// Splits one CSV line (RFC 4180 quotes) into fields, for comparing files in tests.
enum CSVFields {
    static func split(_ line: String) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(line)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        field.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
        }
        fields.append(field)
        return fields
    }
}
