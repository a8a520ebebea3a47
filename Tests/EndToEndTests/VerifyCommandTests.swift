import Foundation
import SLATestSupport
import Testing

/// `sla verify` through the built binary: its output and its exit status for an identical month,
/// an edited one, another policy or calendar, and months it cannot verify.
@Suite struct VerifyCommandTests {
    /// The fixture imported and October reported into `out`.
    func reported(_ folder: TemporaryDirectory) throws -> String {
        let database = folder.path + "/sla.sqlite"
        let imported = try BuiltBinary.run([
            "import", "--db", database, "--clients", folder.write("clients.csv", MonthFixture.clients),
            "--cases", folder.write("cases.csv", MonthFixture.cases), "--events", folder.write("events.csv", MonthFixture.events)
        ])
        #expect(imported.status == 0, "\(imported.standardError)")
        let report = try BuiltBinary.run(["report", "--db", database, "--month", "2026-10", "--reports", "out"], in: folder.path)
        #expect(report.status == 0, "\(report.standardError)")
        return database
    }

    @Test func anUntouchedMonthIsIdentical() throws {
        let folder = try TemporaryDirectory()
        let database = try reported(folder)
        let byMonth = try BuiltBinary.run(["verify", "--db", database, "--reports", "out", "--month", "2026-10"], in: folder.path)
        #expect(byMonth.status == 0, "\(byMonth.standardError)")
        #expect(byMonth.standardOutput == "identical\n")
        let byFolder = try BuiltBinary.run(["verify", "--db", database, "out/monthly/2026-10"], in: folder.path)
        #expect(byFolder.status == 0 && byFolder.standardOutput == "identical\n", "\(byFolder.standardError)")
    }

    @Test func anEditedFileIsNamedWithEachFigureThatDiffers() throws {
        let folder = try TemporaryDirectory()
        let database = try reported(folder)
        let resumen = folder.path + "/out/monthly/2026-10/kam-ana/resumen.csv"
        try String(contentsOfFile: resumen, encoding: .utf8).replacingOccurrences(of: ",Total,5,", with: ",Total,6,")
            .write(toFile: resumen, atomically: true, encoding: .utf8)
        let verify = try BuiltBinary.run(["verify", "--db", database, "out/monthly/2026-10"], in: folder.path)
        #expect(verify.status == 1, "\(verify.standardError)")
        #expect(verify.standardOutput.contains("  kam-ana/resumen.csv: edited since it was written\n"))
        #expect(
            verify.standardOutput.contains("  kam-ana/resumen.csv, line 4 (client_id empty), registered: 6 → 5\n"),
            "\(verify.standardOutput)")
    }

    @Test func anotherPolicyOrCalendarIsNamedByItsDigest() throws {
        let folder = try TemporaryDirectory()
        let database = try reported(folder)
        // The same terms as the built-in policy, in another text: the digest alone differs (exit 1).
        let policy = try folder.write("acuerdos.yaml", "at_risk_percent: 75\n")
        let byPolicy = try BuiltBinary.run(
            ["verify", "--db", database, "--policy", policy, "out/monthly/2026-10"], in: folder.path)
        #expect(byPolicy.status == 1, "\(byPolicy.standardError)")
        #expect(byPolicy.standardOutput.contains("  policy acuerdos.yaml (\(policy)): SHA-256 "), "\(byPolicy.standardOutput)")
        #expect(!byPolicy.standardOutput.contains("Figures that differ"))

        let calendars = folder.path + "/calendars"
        try FileManager.default.createDirectory(atPath: calendars, withIntermediateDirectories: true)
        try "2026-10-30   Día de la empresa\n".write(
            toFile: calendars + "/organisation-days.txt", atomically: true, encoding: .utf8)
        let byCalendar = try BuiltBinary.run(
            ["verify", "--db", database, "--calendars", calendars, "out/monthly/2026-10"],
            in: folder.path)
        #expect(byCalendar.status == 1, "\(byCalendar.standardError)")
        #expect(
            byCalendar.standardOutput.contains("  calendar organisation-days.txt (\(calendars)/organisation-days.txt): SHA-256 "),
            "\(byCalendar.standardOutput)")
        #expect(byCalendar.standardOutput.contains("Figures that differ"), "M4's clock no longer runs on 30 October")
    }

    /// The first night after the month writes it with the policy and calendars it was given, and
    /// the manifest names them: verified with the same, the month is identical.
    @Test func theNightsMonthRecordsItsPolicyAndCalendars() throws {
        let folder = try TemporaryDirectory()
        let database = folder.path + "/sla.sqlite"
        let imported = try BuiltBinary.run([
            "import", "--db", database, "--clients", folder.write("clients.csv", MonthFixture.clients),
            "--cases", folder.write("cases.csv", MonthFixture.cases), "--events", folder.write("events.csv", MonthFixture.events)
        ])
        #expect(imported.status == 0, "\(imported.standardError)")
        let policy = try folder.write("acuerdos.yaml", "at_risk_percent: 60\n")
        let calendars = folder.path + "/calendars"
        try FileManager.default.createDirectory(atPath: calendars, withIntermediateDirectories: true)
        try "2026-10-30   Día de la empresa\n".write(
            toFile: calendars + "/organisation-days.txt", atomically: true, encoding: .utf8)
        let given = ["--policy", policy, "--calendars", calendars]
        let night = try BuiltBinary.run(
            ["nightly", "--db", database, "--as-of", "2026-11-01T02:00", "--reports", "out"] + given,
            in: folder.path)
        #expect(night.standardOutput.contains("; monthly reports 2026-10 in "), "\(night.standardError)")
        let manifest = try String(contentsOfFile: folder.path + "/out/monthly/2026-10/manifest.json", encoding: .utf8)
        #expect(manifest.contains("\"origin\" : \"\(policy)\""))
        #expect(manifest.contains("\"origin\" : \"\(calendars)/organisation-days.txt\""))
        let verify = try BuiltBinary.run(
            ["verify", "--db", database, "--reports", "out", "--month", "2026-10"] + given,
            in: folder.path)
        #expect(verify.status == 0 && verify.standardOutput == "identical\n", "\(verify.standardOutput)\(verify.standardError)")
    }

    @Test func aMonthThatCannotBeVerifiedIsAUsageErrorThatSaysWhy() throws {
        let folder = try TemporaryDirectory()
        let database = try reported(folder)
        let none = try BuiltBinary.run(["verify", "--db", database, "--reports", "out", "--month", "2026-09"], in: folder.path)
        #expect(none.status == 2 && none.standardError.contains("no reports of 2026-09"), "\(none.standardError)")

        let manifest = folder.path + "/out/monthly/2026-10/manifest.json"
        let whole = try String(contentsOfFile: manifest, encoding: .utf8)
        try String(whole.prefix(300)).write(toFile: manifest, atomically: true, encoding: .utf8)
        let truncated = try BuiltBinary.run(["verify", "--db", database, "out/monthly/2026-10"], in: folder.path)
        #expect(truncated.status == 2, "\(truncated.standardError)")
        #expect(
            truncated.standardError.contains("out/monthly/2026-10/manifest.json: it is not valid JSON"),
            "\(truncated.standardError)")
        #expect(!truncated.standardError.contains("Fatal error"))

        try whole.replacingOccurrences(of: "\"kams\" : [", with: "\"kams\" : {\"x\": [")
            .write(toFile: manifest, atomically: true, encoding: .utf8)
        let edited = try BuiltBinary.run(["verify", "--db", database, "out/monthly/2026-10"], in: folder.path)
        #expect(edited.status == 2 && edited.standardError.contains("manifest.json: "), "\(edited.standardError)")

        try FileManager.default.removeItem(atPath: manifest)
        let old = try BuiltBinary.run(["verify", "--db", database, "out/monthly/2026-10"], in: folder.path)
        #expect(old.status == 2 && old.standardError.contains("written before sla kept the evidence"), "\(old.standardError)")

        let both = try BuiltBinary.run(["verify", "--db", database, "--month", "2026-10", "out/monthly/2026-10"], in: folder.path)
        #expect(both.status == 2, "\(both.standardError)")
    }
}
