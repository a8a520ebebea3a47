import Foundation
import SLABatch
import SLACore
import SLATestSupport
import Testing

/// The KAM's pack (SPEC §8): the trend against twelve reports of their own, the open cases
/// against the count, and each client's workbook against the KAM's — on the demo's history, under
/// the default terms and under agreements that change from a date.
@Suite struct KAMPackTests {
    static let data = DemoData(cases: 900)

    /// Agreements that change the clocks of some clients from a date, so a month's terms differ
    /// from the report month's.
    static let agreements: Policy = {
        var tighter = TermsChanges()
        tighter.matrixClock = .twentyFourSeven
        tighter.matrix = [.alta: [.alta: 2 * 3600, .media: 4 * 3600]]
        tighter.p1 = [.saas: (3_600, nil), .onPremise: (5_400, .twentyFourSeven)]
        tighter.complianceTargetPercent = 95
        var target = TermsChanges()
        target.complianceTargetPercent = 90
        target.atRiskPercent = 50
        return Policy(
            defaults: .standard,
            agreements: [
                Agreement(
                    name: "Contrato 2026-06", clients: ["CLI-001", "CLI-004", "CLI-007"],
                    from: LocalDate(year: 2026, month: 6, day: 15),
                    changes: tighter, over: .standard),
                Agreement(name: "Meta", clients: ["CLI-002", "CLI-008"], changes: target, over: .standard)
            ])
    }()

    func database(_ folder: TemporaryDirectory) throws -> String {
        try TestImport.database(in: folder, clients: Self.data.clients, cases: Self.data.cases, events: Self.data.events)
    }

    func report(_ database: String, _ month: ReportMonth, into folder: String, policy: Policy) throws {
        let outcome = try MonthlyReportJob.run(
            month: month, reportsDirectory: folder,
            runner: .test(database, now: .bogota("2026-12-02T03:00")),
            calendar: TestCalendars.standard, policy: policy)
        #expect(outcome.kamFindings.isEmpty)
    }

    static func lines(_ path: String) throws -> [[String]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst().map { CSVFields.split(String($0)) }
    }

    /// Each client's twelve months in tendencia.csv are what each month's own report says.
    @Test(arguments: [false, true])
    func theTrendIsTwelveReportsOfTheirOwn(underAgreements: Bool) throws {
        let folder = try TemporaryDirectory()
        let database = try database(folder)
        let policy = underAgreements ? Self.agreements : .standard
        let october = try #require(ReportMonth("2026-10"))
        try report(database, october, into: folder.path + "/pack", policy: policy)
        let kams = ["kam-ana", "kam-luis", "kam-marta", "kam-jorge"]
        var trend: [String: [String]] = [:]  // "client month" → registered, solved, met, breached, compliance
        for kam in kams {
            let rows = try Self.lines(folder.path + "/pack/monthly/2026-10/\(kam)/tendencia.csv")
            #expect(rows.count == 12 * Set(rows.map { $0[0] }).count)
            for row in rows { trend["\(row[0]) \(row[1])"] = Array(row[2...6]) }
        }
        var compared = 0
        for month in MonthlyTrend.months(endingWith: october) {
            let own = folder.path + "/own-\(month)"
            try report(database, month, into: own, policy: policy)
            for kam in kams {
                for row in try Self.lines(own + "/monthly/\(month)/\(kam)/resumen.csv") where !row[0].isEmpty {
                    let expected = [row[2], row[3], row[6], row[7], row[8]]
                    #expect(trend["\(row[0]) \(month)"] == expected, "\(row[0]) \(month)")
                    compared += 1
                }
            }
        }
        #expect(compared == 12 * 10)
        #expect(trend.values.contains { $0[3] != "0" }, "the history has breaches to compare")
    }

    /// Abiertos al cierre del mes lists exactly the cases Resumen counts as open, client by client.
    @Test func theOpenCasesAreTheOnesCounted() throws {
        let folder = try TemporaryDirectory()
        let database = try database(folder)
        try report(database, try #require(ReportMonth("2026-09")), into: folder.path, policy: .standard)
        let month = folder.path + "/monthly/2026-09/"
        var total = 0
        for kam in ["kam-ana", "kam-luis", "kam-marta", "kam-jorge"] {
            let open = try Self.lines(month + "\(kam)/abiertos.csv")
            for row in try Self.lines(month + "\(kam)/resumen.csv") where !row[0].isEmpty {
                #expect(open.filter { $0[1] == row[0] }.count == Int(row[5]), "\(row[0])")
                total += Int(row[5]) ?? 0
            }
            #expect(Set(open.map { $0[0] }).count == open.count, "each case once")
        }
        #expect(total > 0)
    }

    /// A client's workbook is the KAM's restricted to it: the same figures, and no other client's
    /// id or name anywhere in the file — cells, charts, document properties.
    @Test func eachClientGetsAWorkbookWithOnlyItsOwnFigures() throws {
        let folder = try TemporaryDirectory()
        let database = try database(folder)
        try report(database, try #require(ReportMonth("2026-10")), into: folder.path, policy: Self.agreements)
        let kam = folder.path + "/monthly/2026-10/kam-luis"
        let summary = try Self.lines(kam + "/resumen.csv").filter { !$0[0].isEmpty }
        #expect(summary.map { $0[0] } == ["CLI-003", "CLI-004", "CLI-009"])
        for client in summary {
            let workbook = kam + "/clientes/\(client[0].lowercased()).xlsx"
            let cells = try WorkbookCells(sheet: 1, of: workbook)
            #expect((0...12).map { cells[6, $0]?.description ?? "" }.prefix(2) == [client[0], client[1]])
            #expect(cells[7, 1]?.description != "Total", "one client: its row is its total")
            for (column, field) in client.enumerated() where column >= 2 {
                #expect(MonthlyReportTests.same(field, cells[6, column]), "\(client[0]) column \(column)")
            }
            let strangers = DemoDataClients.all.filter { $0.id != client[0] }
            for part in try WorkbookReader.partNames(of: workbook) {
                let xml = try WorkbookReader.part(part, of: workbook)
                for stranger in strangers {
                    #expect(
                        !xml.contains(stranger.id) && !xml.contains(stranger.name) && !xml.contains(stranger.escapedName),
                        "\(client[0]): \(stranger.id) in \(part)")
                }
            }
            let core = try WorkbookReader.part("docProps/core.xml", of: workbook)
            #expect(core.contains("<dc:title>Niveles de servicio (ANS) de octubre de 2026 — \(client[1])</dc:title>"))
        }
    }
}

/// The demo's clients, as they appear in a workbook's XML.
enum DemoDataClients {
    struct Client {
        var id: String
        var name: String
        var escapedName: String {
            name.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
        }
    }

    static var all: [Client] {
        KAMPackTests.data.clients.split(separator: "\n").dropFirst().map { line in
            let fields = CSVFields.split(String(line))
            return Client(id: fields[0], name: fields[1])
        }
    }
}
