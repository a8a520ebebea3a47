import Foundation
import SLATestSupport
import Testing

/// `sla report` and the nightly run's monthly reports, through the built binary.
@Suite struct ReportCommandTests {
    func database(_ folder: TemporaryDirectory) throws -> String {
        let database = folder.path + "/sla.sqlite"
        let imported = try BuiltBinary.run([
            "import", "--db", database, "--clients", folder.write("clients.csv", MonthFixture.clients),
            "--cases", folder.write("cases.csv", MonthFixture.cases), "--events", folder.write("events.csv", MonthFixture.events)
        ])
        #expect(imported.status == 0, "\(imported.standardError)")
        return database
    }

    @Test func writesEveryKAMsWorkbookAndFolder() throws {
        let folder = try TemporaryDirectory()
        let database = try database(folder)
        let report = try BuiltBinary.run(["report", "--db", database, "--month", "2026-10", "--reports", "out"], in: folder.path)
        #expect(report.status == 0, "\(report.standardError)")
        #expect(report.standardOutput.contains("monthly reports 2026-10 in "))
        let month = folder.path + "/out/monthly/2026-10/"
        #expect(try String(contentsOfFile: month + "kam-ana/resumen.csv", encoding: .utf8) == MonthFixture.octoberSummaryOfAna)
        #expect(FileManager.default.fileExists(atPath: month + "kam-luis.xlsx"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/out/monthly") == ["2026-10"])
    }

    @Test(arguments: [["--month", "2026-13"], ["--month", "oct"], ["--month", "2999-01"], []])
    func aBadOrUnfinishedMonthIsAUsageError(arguments: [String]) throws {
        let folder = try TemporaryDirectory()
        let database = try database(folder)
        let report = try BuiltBinary.run(["report", "--db", database] + arguments, in: folder.path)
        #expect(report.status == 2, "\(report.standardError)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/reports"))
    }

    @Test func theFirstNightOfAMonthWritesThePreviousMonthOnce() throws {
        let folder = try TemporaryDirectory()
        let database = try database(folder)
        let night = ["nightly", "--db", database, "--as-of", "2026-11-01T02:00", "--reports", "out"]
        let first = try BuiltBinary.run(night, in: folder.path)
        #expect(first.status == 1, "\(first.standardError)")  // M7 is unclassified
        #expect(first.standardOutput.contains("; monthly reports 2026-10 in "))
        let workbook = folder.path + "/out/monthly/2026-10/kam-ana.xlsx"
        let written = try FileManager.default.attributesOfItem(atPath: workbook)[.systemFileNumber] as? Int

        let rerun = try BuiltBinary.run(night, in: folder.path)
        #expect(!rerun.standardOutput.contains("monthly reports"))
        #expect(try FileManager.default.attributesOfItem(atPath: workbook)[.systemFileNumber] as? Int == written)

        let forced = try BuiltBinary.run(night + ["--force"], in: folder.path)
        #expect(forced.standardOutput.contains("; monthly reports 2026-10 in "))
        #expect(try FileManager.default.attributesOfItem(atPath: workbook)[.systemFileNumber] as? Int != written)
        #expect(
            try String(contentsOfFile: folder.path + "/out/monthly/2026-10/kam-ana/resumen.csv", encoding: .utf8)
                == MonthFixture.octoberSummaryOfAna)
        let monthly = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/out/monthly")
        #expect(monthly == ["2026-10"])  // nothing left aside
    }
}
