import Foundation
import SLATestSupport
import Testing

/// The time by support level and the OLAs through the command line: the status files and the
/// export (their columns found by name), the breach list's mark, `sla explain` and `sla policy check`.
///
/// SmallFixture as of 2026-11-23 14:30 with two escalations: C1 (P1 SaaS, 24×7) goes to level 3 on
/// Friday 20 November at 00:00 — 122 h at level 1 since Saturday 14 at 22:00, then 86.5 h at level
/// 3; C3 (P2, business) goes to level 2 at 09:00 — 1 h at level 1, 5.5 h at level 2. OLAs: 8 h at
/// level 1, 5 h at level 2, 80 h at level 3.
@Suite struct TimeByLevelCommandTests {
    static let escalations = """
        event_id,case_id,at,kind,level,note
        4,C1,2026-11-20T00:00,escalated,3,proveedor
        5,C3,2026-11-23T09:00,escalated,2,especialista

        """
    static let policy = "ola: { level_1: 8, level_2: 5, level_3: 80 }\n"

    /// A CSV file's rows as dictionaries by header name.
    static func rows(_ path: String) throws -> [[String: String]] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        guard let header = lines.first else { return [] }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    @Test func theLevelsInTheFilesTheBreachListExplainAndPolicyCheck() throws {
        let folder = try TemporaryDirectory()
        let database = try SmallFixture.importedDatabase(in: folder)
        let imported = try BuiltBinary.run(["import", "--db", database, "--events", folder.write("more.csv", Self.escalations)])
        #expect(imported.status == 0, "\(imported.standardError)")
        let policy = try folder.write("acuerdos.yaml", Self.policy)

        let night = try BuiltBinary.run(
            [
                "nightly", "--db", database, "--as-of", "2026-11-23T14:30", "--reports", "out",
                "--policy", policy
            ], in: folder.path)
        #expect(night.status == 1, "\(night.standardError)")  // C4 is unclassified
        let daily = folder.path + "/out/daily/2026-11-23/"
        let status = Dictionary(uniqueKeysWithValues: try Self.rows(daily + "sla-status.csv").map { ($0["case_id"] ?? "", $0) })
        let levels = ["level1_seconds", "level2_seconds", "level3_seconds"]
        #expect(levels.map { status["C1"]?[$0] } == ["439200", "0", "311400"])
        #expect(levels.map { status["C3"]?[$0] } == ["3600", "19800", "0"])
        #expect(levels.map { status["C6"]?[$0] } == ["3600", "0", "0"], "not while waiting on the client")
        #expect(status["C1"]?["support_level"] == "3" && status["C3"]?["support_level"] == "2")

        // The export: the same columns for every case, the closed C5 included (1 h to its solution).
        let export = try BuiltBinary.run([
            "export", "--db", database, "--as-of", "2026-11-23T14:30", "--policy", policy,
            "--out", folder.path + "/export.csv"
        ])
        #expect(export.status == 0, "\(export.standardError)")
        let exported = Dictionary(
            uniqueKeysWithValues: try Self.rows(folder.path + "/export.csv").map { ($0["case_id"] ?? "", $0) })
        #expect(levels.map { exported["C5"]?[$0] } == ["3600", "0", "0"])
        for id in status.keys { #expect(levels.map { exported[id]?[$0] } == levels.map { status[id]?[$0] }, "\(id)") }

        // The breach list marks the level holding each case when it is over its OLA.
        let breaches = try WorkbookCells(sheet: 2, of: daily + "breaches.xlsx")
        let ola = try #require((0...20).first { breaches[10, $0]?.description == "OLA del nivel" })
        #expect(breaches[10, ola - 1]?.description == "Nivel de soporte")
        #expect((11...13).map { breaches[$0, 0]?.description } == ["C1", "C2", "C3"])
        #expect(
            (11...13).map { breaches[$0, ola]?.description } == [
                "OLA nivel 3 excedida: +6.5 h", "OLA nivel 1 excedida: +41 h", "OLA nivel 2 excedida: +0.5 h"
            ])

        let explained = try BuiltBinary.run(["explain", "C1", "--db", database, "--as-of", "2026-11-23T14:30", "--policy", policy]
        )
        #expect(explained.status == 0, "\(explained.standardError)")
        let lines = explained.standardOutput.split(separator: "\n").map(String.init)
        let level1 = try #require(lines.first { $0.hasPrefix("  level 1  ") })
        #expect(
            level1.contains("439200 s (122:00:00)") && level1.contains("OLA 8 h: over by 114 h since 2026-11-15T06:00:01-05:00"))
        let level2 = try #require(lines.first { $0.hasPrefix("  level 2  ") })
        #expect(level2.contains("0 s (0:00:00)") && level2.hasSuffix("OLA 5 h: within, 5 h left"))
        let level3 = try #require(lines.first { $0.hasPrefix("  level 3  ") })
        #expect(
            level3.contains("311400 s (86:30:00)")
                && level3.hasSuffix("OLA 80 h: over by 6.5 h since 2026-11-23T08:00:01-05:00  (the level now)"))
        #expect(lines.contains("  total    750600 s (208:30:00)"))
        #expect(lines.contains("    OLA per support level: level 1 8 h, level 2 5 h, level 3 80 h"))

        let check = try BuiltBinary.run(["policy", "check", "--policy", policy, "--db", database, "--on", "2026-11-25"])
        #expect(check.status == 0, "\(check.standardError)")
        let header = try #require(check.standardOutput.split(separator: "\n").first { $0.hasPrefix("client ") })
        #expect(header.hasSuffix("OLA hours: level 1 · 2 · 3"))
        #expect(check.standardOutput.split(separator: "\n").first { $0.hasPrefix("K1 ") }?.hasSuffix("8 · 5 · 80") == true)
    }
}
