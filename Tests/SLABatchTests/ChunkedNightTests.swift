import Foundation
import SLABatch
import SLACore
import SLATestSupport
import Testing

/// A night read a few dozen cases at a time — closures, evaluation and settling page by page, a
/// few pages to a transaction — writes, file for file and row for row, what a night read in one
/// piece writes on the same database (issue 17); so do a rerun of a past night, which also reads
/// the cases settled since, and a dry run.
@Suite struct ChunkedNightTests {
    static let data = DemoData(cases: 3_000)

    /// Two copies of the demo's history, and the night of each: one read 37 cases at a time, three
    /// pages a transaction; the other in one page.
    struct Pair {
        let folder: TemporaryDirectory
        let paged: String
        let whole: String

        let casesPerPage: Int

        init(
            casesPerPage: Int = 37, clients: String = ChunkedNightTests.data.clients,
            cases: String = ChunkedNightTests.data.cases,
            events: String = ChunkedNightTests.data.events, then sql: String? = nil
        ) throws {
            folder = try TemporaryDirectory()
            self.casesPerPage = casesPerPage
            paged = try TestImport.database(in: folder, named: "paged", clients: clients, cases: cases, events: events)
            if let sql { try DatabaseDump.execute(paged, sql) }
            whole = folder.path + "/whole.sqlite"
            try DatabaseDump.copy(paged, to: whole)
        }

        func reports(_ database: String) -> String { folder.path + "/" + (database == paged ? "paged" : "whole") + "-reports" }

        @discardableResult
        func night(_ database: String, asOf: Instant, dryRun: Bool = false) throws -> NightlyJob.Outcome {
            var request = NightlyJob.Request(asOf: asOf, reportsDirectory: reports(database), dryRun: dryRun)
            if database == paged {
                request.casesPerPage = casesPerPage
                request.pagesPerTransaction = 3
            } else {
                request.casesPerPage = 1_000_000
            }
            return try NightlyJob.run(
                request, runner: .test(database, now: .bogota("2026-12-02T03:00")),
                calendar: TestCalendars.standard, policy: .standard)
        }
    }

    /// The summary without its durations and the reports' folder.
    static func summary(_ outcome: NightlyJob.Outcome) -> String {
        outcome.summaryLine.replacing(/, [0-9.]+ s/, with: "").replacing(#/ in /[^ ]*-reports//#, with: " in ")
    }

    /// Every file under `folder`, by its path there; a workbook as its XML parts, without the
    /// document properties (when it was made).
    static func files(under folder: String) throws -> [String: String] {
        var files: [String: String] = [:]
        let paths = try #require(FileManager.default.subpathsOfDirectory(atPath: folder) as [String]?)
        for path in paths.sorted() {
            let full = folder + "/" + path
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            if path.hasSuffix(".xlsx") {
                for part in try WorkbookReader.partNames(of: full) where !part.hasPrefix("docProps/") {
                    files[path + ":" + part] = try WorkbookReader.part(part, of: full)
                }
            } else if path.hasSuffix("manifest.json") {
                // A workbook's bytes carry the instant it was written: its digest is not compared.
                files[path] = try String(contentsOfFile: full, encoding: .utf8).split(separator: "\n")
                    .filter { !$0.contains(".xlsx\"") }.joined(separator: "\n")
            } else {
                files[path] = try String(contentsOfFile: full, encoding: .utf8)
            }
        }
        return files
    }

    /// What a night leaves in the database: the events (the closures), the cases under watch and
    /// settled, and the settings.
    static func state(_ database: String) throws -> [String] {
        try DatabaseDump.events(database)
            + DatabaseDump.rows(database, "SELECT 'watch', case_id, version FROM case_watch ORDER BY case_id")
            + DatabaseDump.rows(database, "SELECT 'settled', case_id, settled_from FROM settled_case ORDER BY case_id")
            + DatabaseDump.rows(database, "SELECT 'setting', name, value FROM setting ORDER BY name")
    }

    static func expectSame(_ pair: Pair) throws {
        let paged = try files(under: pair.reports(pair.paged))
        let whole = try files(under: pair.reports(pair.whole))
        #expect(paged.keys.sorted() == whole.keys.sorted())
        for (path, content) in whole.sorted(by: { $0.key < $1.key }) {
            #expect(paged[path] == content, "\(path) differs")
        }
        #expect(try state(pair.paged) == state(pair.whole))
    }

    @Test func theFirstNightReadInPagesWritesWhatItWritesInOnePiece() throws {
        let pair = try Pair()
        let paged = try pair.night(pair.paged, asOf: DemoData.asOf)
        let whole = try pair.night(pair.whole, asOf: DemoData.asOf)
        // Enough of everything for the pages to matter: closures, open cases, settled cases.
        #expect(whole.closed > 50)
        #expect(whole.evaluated > 100)
        #expect(try DatabaseDump.count(pair.whole, "settled_case") > 1_000)
        #expect(Self.summary(paged) == Self.summary(whole))
        #expect(paged.closed == whole.closed)  // closures.csv lists them: the same file (expectSame)
        // Over a hundred: the outcome counts them, closures.csv lists each, from the database.
        #expect(whole.closed > 100 && whole.closures.isEmpty)
        let closuresCSV = try String(contentsOfFile: pair.reports(pair.whole) + "/daily/2026-11-23/closures.csv", encoding: .utf8)
        #expect(closuresCSV.split(separator: "\n").count == whole.closed + 1)
        #expect(paged.problems.map(\.caseID) == whole.problems.map(\.caseID))
        try Self.expectSame(pair)

        // A rerun of a past night reads the cases settled after it, also in pages.
        let pastNight = Instant.bogota("2026-09-15T02:00")
        let pagedPast = try pair.night(pair.paged, asOf: pastNight)
        let wholePast = try pair.night(pair.whole, asOf: pastNight)
        #expect(wholePast.evaluated > 100)
        #expect(Self.summary(pagedPast) == Self.summary(wholePast))
        try Self.expectSame(pair)

        // The next night, a day later: in steady state as well.
        let next = Instant.bogota("2026-11-24T07:00")
        #expect(Self.summary(try pair.night(pair.paged, asOf: next)) == Self.summary(try pair.night(pair.whole, asOf: next)))
        try Self.expectSame(pair)
    }

    /// Ids as SQLite orders them, a page boundary between any two: a BLOB id, a NUL, an invalid
    /// UTF-8 byte, accents, prefixes of one another, events of a case registered after the night.
    @Test(arguments: [1, 2, 3])
    func oddIdsAcrossPagesAreReadAsInOnePiece(casesPerPage: Int) throws {
        let created = Instant.bogota("2026-11-20T08:00").secondsSince1970
        let columns = "id, client_id, product, type, priority, impact, urgency, created_at, summary"
        let pair = try Pair(
            casesPerPage: casesPerPage, clients: SmallFixture.clients, cases: SmallFixture.cases,
            events: SmallFixture.events,
            then: """
                INSERT INTO service_case (\(columns)) VALUES
                    (CAST('C1' AS BLOB), 'K1', 'KACTUS', 'incidente', 'P1', NULL, NULL, \(created), 'a BLOB id'),
                    (CAST(X'43350031' AS TEXT), 'K1', 'KACTUS', 'incidente', 'P1', NULL, NULL, \(created), 'a NUL in the id'),
                    (CAST(X'4336FF' AS TEXT), 'K1', 'KACTUS', 'incidente', 'P1', NULL, NULL, \(created), 'invalid UTF-8'),
                    ('C', 'K2', 'SEVEN', 'consulta', 'P3', 'alta', 'alta', \(created), 'a prefix of every id'),
                    ('C10', 'K2', 'SEVEN', 'consulta', 'P3', 'alta', 'alta', \(created), 'after C1, before C2'),
                    ('Ñandú', 'K2', 'SEVEN', 'consulta', 'P3', 'alta', 'alta', \(created), 'after every ASCII id'),
                    ('C55', 'K2', 'SEVEN', 'consulta', 'P3', 'alta', 'alta', \(created + 30 * 86400), 'registered after the night');
                INSERT INTO case_event (id, case_id, at, kind) VALUES
                    ('b1', CAST('C1' AS BLOB), \(created + 60), 'diagnosed'),
                    ('p1', 'C', \(created + 60), 'solved'),
                    ('p2', 'C10', \(created + 60), 'diagnosed'),
                    ('p3', 'C10', \(created + 120), 'waiting_client'),
                    ('n1', 'Ñandú', \(created + 60), 'solved'),
                    ('l1', 'C55', \(created + 30 * 86400 + 60), 'solved');
                """)
        let asOf = Instant.bogota("2026-12-01T07:00")
        let paged = try pair.night(pair.paged, asOf: asOf)
        let whole = try pair.night(pair.whole, asOf: asOf)
        #expect(whole.problems.count == 3)
        #expect(whole.closures.map(\.caseID) == ["C", "Ñandú"])
        #expect(Self.summary(paged) == Self.summary(whole))
        #expect(paged.problems.map(\.caseID) == whole.problems.map(\.caseID))
        #expect(paged.problems.map(\.reason) == whole.problems.map(\.reason))
        try Self.expectSame(pair)
    }

    @Test func aDryRunReadInPagesFindsWhatItFindsInOnePiece() throws {
        let pair = try Pair()
        let paged = try pair.night(pair.paged, asOf: DemoData.asOf, dryRun: true)
        let whole = try pair.night(pair.whole, asOf: DemoData.asOf, dryRun: true)
        #expect(whole.closures.count > 50)
        #expect(Self.summary(paged) == Self.summary(whole))
        #expect(paged.closures == whole.closures)
        #expect(try Self.state(pair.paged) == Self.state(pair.whole))
    }
}
