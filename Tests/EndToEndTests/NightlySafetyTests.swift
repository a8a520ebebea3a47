import Foundation
import SLABatch
import SLACore
import SLATestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The nightly run as cron runs it: killed with SIGKILL mid-run and healed by the next run, kept
/// to one run at a time by its lock, and sharing the database with a ticketing tool writing to it.
@Suite(.serialized) struct NightlySafetyTests {
    static let asOf = "2026-11-24T07:00"

    /// A database of 4,000 demo cases, imported by the real binary once for the whole suite.
    static let base: (folder: TemporaryDirectory, database: String) = {
        do {
            let folder = try TemporaryDirectory()
            let data = DemoData(cases: 4_000)
            let inputs = try [("clients.csv", data.clients), ("cases.csv", data.cases), ("events.csv", data.events)]
                .map { try folder.write($0.0, $0.1) }
            let database = folder.path + "/base.sqlite"
            let imported = try BuiltBinary.run([
                "import", "--db", database, "--clients", inputs[0], "--cases", inputs[1],
                "--events", inputs[2]
            ])
            guard imported.status == 0 else { fatalError("the demo data did not import: \(imported.standardError)") }
            // Without a terminal (as under cron) there is no progress bar, only the log.
            guard !imported.standardError.contains("\r") else { fatalError("a progress bar without a terminal") }
            return (folder, database)
        } catch {
            fatalError("cannot build the test database: \(error)")
        }
    }()

    func copyOfBase(_ name: String, in folder: TemporaryDirectory) throws -> String {
        let database = folder.path + "/" + name
        try DatabaseDump.copy(Self.base.database, to: database)
        return database
    }

    /// What a night leaves behind: every event, the daily files (the workbook by its sheets) and the
    /// month's files.
    func endState(_ database: String, reports: String) throws -> [String] {
        let daily = reports + "/daily/2026-11-24/"
        var state = try DatabaseDump.events(database)
        let names = try FileManager.default.contentsOfDirectory(atPath: daily).sorted()
        state.append("files: \(names)")
        for name in names where name.hasSuffix(".csv") {
            state.append(try String(contentsOfFile: daily + name, encoding: .utf8))
        }
        for part in ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/sharedStrings.xml"] {
            state.append(try WorkbookReader.part(part, of: daily + "breaches.xlsx"))
        }
        let monthly = reports + "/monthly/2026-10"
        let monthFiles = FileManager.default.enumerator(atPath: monthly)?.compactMap { $0 as? String }.sorted() ?? []
        state.append("monthly: \(monthFiles)")
        for name in monthFiles where name.hasSuffix("resumen.csv") {
            state.append(try String(contentsOfFile: monthly + "/" + name, encoding: .utf8))
        }
        // No temporary file or folder is left beside them.
        for parent in [reports, reports + "/daily", reports + "/monthly"] {
            state.append(
                "\(parent.dropFirst(reports.count)): \(try FileManager.default.contentsOfDirectory(atPath: parent).sorted())")
        }
        return state
    }

    /// Pages of 250 cases, 8 to a transaction: the 4,000 cases' first night commits twice.
    static let smallPages = ["SLA_TEST_CASES_PER_PAGE": "250"]

    /// Killed (SIGKILL, as a power cut) at each chosen moment of the night — inside a transaction of
    /// closures, after one committed, with the night's or the month's files written but not yet in
    /// place, with everything in place but the journal — and healed by the next run: the same
    /// events, files and month as one clean run, the killed run told apart in the journal.
    @Test(arguments: [
        "page:3", "page:12", "transaction:1", "transaction:2", "daily-folder", "daily-published",
        "monthly-folder", "before-journal"
    ])
    func aKilledRunIsHealedByTheNextRun(killedAt point: String) throws {
        let folder = try TemporaryDirectory()
        let clean = try copyOfBase("clean.sqlite", in: folder)
        let cleanRun = try BuiltBinary.run(
            ["nightly", "--db", clean, "--as-of", Self.asOf, "--reports", folder.path + "/clean"],
            environment: Self.smallPages)
        #expect(cleanRun.status == 1, "\(cleanRun.standardError)")  // the demo has unclassified cases
        #expect(cleanRun.standardOutput.contains(" closed automatically"))
        let expected = try endState(clean, reports: folder.path + "/clean")
        #expect(expected.contains { $0.hasPrefix("sla-auto-closed:") })

        let database = try copyOfBase("killed.sqlite", in: folder)
        let reports = folder.path + "/killed"
        let killed = try BuiltBinary.run(
            ["nightly", "--db", database, "--as-of", Self.asOf, "--reports", reports],
            environment: Self.smallPages.merging(["SLA_TEST_CRASH_AT": point]) { $1 })
        #expect(killed.signal == SIGKILL, "not killed at \(point): \(killed.standardError)")
        #expect(try DatabaseDump.runs(database) == ["import succeeded", "nightly running"])

        let rerun = try BuiltBinary.run(["nightly", "--db", database, "--as-of", Self.asOf, "--reports", reports])
        #expect(rerun.status == 1, "\(rerun.standardError)")
        #expect(try endState(database, reports: reports) == expected, "killed at \(point)")
        #expect(try DatabaseDump.runs(database) == ["import succeeded", "nightly interrupted", "nightly rejected_input"])
    }

    @Test func onATerminalALongImportShowsAProgressBar() throws {
        let folder = try TemporaryDirectory()
        let database = try copyOfBase("terminal.sqlite", in: folder)
        // script(1) runs the command on a pseudo-terminal and copies what it printed.
        let command =
            "SLA_PROGRESS_AFTER=0 \(BuiltBinary.path) import --db \(database) --events \(Self.base.folder.path)/events.csv"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        let output = folder.url.appendingPathComponent("terminal.txt")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let printed = try String(contentsOf: output, encoding: .utf8)
        #expect(process.terminationStatus == 0, "\(printed)")
        #expect(printed.contains("\rimporting events.csv ["), "\(printed)")
        #expect(printed.contains(" rows, ") && printed.contains("/s"))
    }

    @Test func aSecondRunExitsAtOnceNamingTheHolder() throws {
        let folder = try TemporaryDirectory()
        let database = try copyOfBase("locked.sqlite", in: folder)
        try RunLock.withLock(database: database, command: "nightly", startedAt: .bogota("2026-11-30T02:00")) {
            () throws(SLAError) in
            do {
                let second = try BuiltBinary.run(["nightly", "--db", database, "--as-of", Self.asOf, "--reports", folder.path])
                #expect(second.status == 3)
                #expect(
                    second.standardError.contains(
                        "pid \(getpid()), sla nightly, started 2026-11-30T02:00:00-05:00"), "\(second.standardError)")
                let importing = try BuiltBinary.run([
                    "import", "--db", database, "--clients", Self.base.folder.path + "/clients.csv"
                ])
                #expect(importing.status == 3)
                let report = try BuiltBinary.run(["report", "--db", database, "--month", "2026-10", "--reports", folder.path])
                #expect(report.status == 3)
                // A dry run writes nothing and takes no lock: it works while a night runs.
                let dryRun = try BuiltBinary.run(["nightly", "--db", database, "--as-of", Self.asOf, "--dry-run"])
                #expect(dryRun.status == 0 || dryRun.status == 1, "\(dryRun.standardError)")
                #expect(
                    (dryRun.standardOutput + dryRun.standardError).contains("would be closed automatically"),
                    "\(dryRun.standardOutput)")
            } catch {
                Issue.record(error)
            }
        }
        #expect(try DatabaseDump.runs(database) == ["import succeeded"])  // the refused runs wrote nothing
        // Released with its holder: the next run goes ahead.
        let after = try BuiltBinary.run(["nightly", "--db", database, "--as-of", Self.asOf, "--reports", folder.path])
        #expect(after.status == 1, "\(after.standardError)")
    }

    /// While the first import builds the database, there is none at its path yet: a night is
    /// refused as locked (exit 3, what a wrapper retries on), and once the import is gone (killed)
    /// it is told the import left an unfinished database.
    @Test func aNightDuringTheFirstImportIsLocked() throws {
        let folder = try TemporaryDirectory()
        let database = folder.path + "/new.sqlite"
        _ = try folder.write("new.sqlite.building", "being built")
        try RunLock.withLock(database: database, command: "import", startedAt: .bogota("2026-11-30T02:00")) {
            () throws(SLAError) in
            do {
                let night = try BuiltBinary.run(["nightly", "--db", database, "--as-of", Self.asOf, "--reports", folder.path])
                #expect(night.status == 3, "\(night.standardError)")
                #expect(night.standardError.contains("sla import, started 2026-11-30T02:00:00-05:00"), "\(night.standardError)")
            } catch {
                Issue.record(error)
            }
        }
        let after = try BuiltBinary.run(["nightly", "--db", database, "--as-of", Self.asOf, "--reports", folder.path])
        #expect(after.status == 2, "\(after.standardError)")
        #expect(after.standardError.contains("or was killed while it did"), "\(after.standardError)")
    }

    @Test func aTicketingToolWritingMeanwhileLosesNothing() async throws {
        let folder = try TemporaryDirectory()
        let database = try copyOfBase("shared.sqlite", in: folder)
        let night = try BuiltBinary.start(["nightly", "--db", database, "--as-of", Self.asOf, "--reports", folder.path])
        let written = 300
        for index in 0..<written {
            // One transaction per row, as a ticketing tool commits them, while the night runs.
            try DatabaseDump.execute(
                database,
                """
                INSERT INTO case_event (id, case_id, at, kind, note)
                SELECT 'tool-\(index)', id, created_at + 60, 'escalated', 'from the tool' FROM service_case
                ORDER BY id LIMIT 1 OFFSET \(index)
                """)
        }
        night.waitUntilExit()
        #expect(night.terminationStatus == 1)
        let events = try DatabaseDump.events(database)
        #expect(events.filter { $0.hasPrefix("tool-") }.count == written)
        #expect(try DatabaseDump.runs(database) == ["import succeeded", "nightly rejected_input"])
    }
}
