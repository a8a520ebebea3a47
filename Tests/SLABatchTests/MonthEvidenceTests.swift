import Foundation
import SLABatch
import SLACore
import SLATestSupport
import Testing

/// The evidence of October (MonthFixture): the ledger worked by hand, the manifest recomputed from
/// the files and the documented canonical form, and `sla verify` against edits of the files, of
/// the data and of the policy.
@Suite struct MonthEvidenceTests {
    func database(_ folder: TemporaryDirectory) throws -> String {
        let database = try TestImport.database(
            in: folder, clients: MonthFixture.clients, cases: MonthFixture.cases,
            events: MonthFixture.events)
        _ = try NightlyJob.run(
            .init(asOf: .bogota("2026-10-08T07:00"), reportsDirectory: folder.path + "/nights", dryRun: false),
            runner: .test(database), calendar: TestCalendars.standard, policy: .standard)
        return database
    }

    func report(_ database: String, into reports: String) throws -> MonthlyReportJob.Outcome {
        try MonthlyReportJob.run(
            month: try #require(ReportMonth("2026-10")), reportsDirectory: reports,
            runner: .test(database, now: .bogota("2026-12-02T03:00")),
            calendar: TestCalendars.standard, policy: .standard)
    }

    func verify(
        _ database: String, _ target: VerifyJob.Target, policy: Policy = .standard,
        inputs: EvidenceInputs = .builtIn
    ) throws -> VerifyJob.Outcome {
        try VerifyJob.run(
            target, runner: .test(database, now: .bogota("2026-12-02T03:00")), calendar: TestCalendars.standard,
            policy: policy, inputs: inputs)
    }

    func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    static let header = "case_id,from,to,counted_seconds,reason"
    /// M1 met in 2 h; M3 met over a night; M5 met around two days waiting on the client (event 6).
    static let m1 = ["M1,2026-10-01T08:00:00-05:00,2026-10-01T10:00:00-05:00,7200,servicio"]
    static let m3 = [
        "M3,2026-10-20T09:00:00-05:00,2026-10-20T18:00:00-05:00,32400,servicio",
        "M3,2026-10-20T18:00:00-05:00,2026-10-21T07:30:00-05:00,0,fuera de horario",
        "M3,2026-10-21T07:30:00-05:00,2026-10-21T10:00:00-05:00,9000,servicio"
    ]
    static let m5 = [
        "M5,2026-10-05T08:00:00-05:00,2026-10-05T09:00:00-05:00,3600,servicio",
        "M5,2026-10-05T09:00:00-05:00,2026-10-07T09:00:00-05:00,0,en espera del cliente (6)",
        "M5,2026-10-07T09:00:00-05:00,2026-10-07T10:00:00-05:00,3600,servicio"
    ]

    @Test func theLedgerOfOctoberByHand() throws {
        let folder = try TemporaryDirectory()
        let database = try database(folder)
        _ = try report(database, into: folder.path + "/reports")
        let month = folder.path + "/reports/monthly/2026-10/"
        let ledger = try text(month + "kam-ana/ledger.csv").split(separator: "\n").map(String.init)
        #expect(ledger.first == Self.header)
        #expect(Array(ledger.prefix(2).dropFirst()) == Self.m1)
        #expect(Array(ledger.suffix(6)) == Self.m3 + Self.m5)
        // M2, breached 1 October and still running at the month's end: from its registration on
        // Monday 28 September to 1 November 00:00 — 36,000 s that Monday, then 2 September days and
        // 21 October business days of 37,800 s (Monday 12 October is a holiday).
        let m2 = ledger.filter { $0.hasPrefix("M2,") }
        #expect(m2.first == "M2,2026-09-28T08:00:00-05:00,2026-09-28T18:00:00-05:00,36000,servicio")
        #expect(m2.last == "M2,2026-10-31T00:00:00-05:00,2026-11-01T00:00:00-05:00,0,fin de semana")
        #expect(
            m2.contains(
                "M2,2026-10-12T00:00:00-05:00,2026-10-13T00:00:00-05:00,0,"
                    + "festivo: Día de la Diversidad Étnica y Cultural de la Nación Colombiana"))
        #expect(m2.contains("M2,2026-10-09T18:00:00-05:00,2026-10-10T00:00:00-05:00,0,fuera de horario"))
        #expect(m2.contains("M2,2026-10-10T00:00:00-05:00,2026-10-12T00:00:00-05:00,0,fin de semana"))
        let counted: [Int64] = m2.compactMap { line in Int64(line.split(separator: ",")[3]) }
        let expected: Int64 = 36_000 + 23 * 37_800
        #expect(counted.reduce(0, +) == expected)
        #expect(
            ledger.count == 1 + 1 + m2.count + 3 + 3, "M4, M6 and M7 are not counted: open within target, before, unclassified")

        #expect(
            try text(month + "kam-ana/clientes/k1/ledger.csv") == ([Self.header] + Self.m1 + m2 + Self.m3).joined(separator: "\n")
                + "\n")
        #expect(try text(month + "kam-ana/clientes/k2/ledger.csv") == ([Self.header] + Self.m5).joined(separator: "\n") + "\n")
        #expect(try text(month + "kam-luis/ledger.csv") == Self.header + "\n")

        // The client's workbook: its breach, interval by interval, with the running total.
        let k1 = month + "kam-ana/clientes/k1.xlsx"
        let book = try WorkbookReader.part("xl/workbook.xml", of: k1)
        let names = WorkbookCells.matches(#"<sheet name="([^"]+)""#, in: book).compactMap { $0[1] }
        #expect(names.last == "Detalle de incumplimientos" && !names.contains("Control"))
        let detail = try WorkbookCells(sheet: names.count, of: k1)
        #expect(
            (0..<7).compactMap { detail[1, $0]?.description }
                == ["Caso", "Desde", "Hasta", "Contado (h:mm:ss)", "Acumulado (h:mm:ss)", "Objetivo (h:mm:ss)", "Motivo"])
        #expect(
            detail[2, 0] == .text("M2") && detail[2, 3] == .text("10:00:00") && detail[2, 5] == .text("32:00:00")
                && detail[2, 6] == .text("servicio"))
        #expect(detail[1 + m2.count, 4] == .text("251:30:00") && detail[2 + m2.count, 0] == nil)
        let xml = try WorkbookReader.part("xl/worksheets/sheet\(names.count).xml", of: k1)
        #expect(xml.contains("orientation=\"landscape\"") && xml.contains("<pageSetUpPr fitToPage=\"1\"/>"))
        let k2 = try WorkbookCells(sheet: names.count, of: month + "kam-ana/clientes/k2.xlsx")
        #expect(k2[3, 0] == .text("Sin incumplimientos en el mes."))
    }

    @Test func theManifestCanBeRecomputedFromTheFilesAndTheData() throws {
        let folder = try TemporaryDirectory()
        let database = try database(folder)
        _ = try report(database, into: folder.path + "/reports")
        let month = folder.path + "/reports/monthly/2026-10"
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: month + "/manifest.json")))
                as? [String: Any])
        #expect(json["format"] as? Int == 1 && json["month"] as? String == "2026-10")
        #expect(json["sla_version"] as? String == SLAVersion.current)
        #expect(json["as_of"] as? String == "2026-11-01T00:00:00-05:00")
        let policy = try #require(json["policy"] as? [String: String])
        #expect(policy == ["name": "default-policy.yaml", "origin": "built-in", "sha256": EvidenceInputs.builtIn.policy.sha256])
        let calendars = try #require(json["calendars"] as? [[String: String]])
        #expect(calendars.map { $0["name"] } == ["colombia-holidays.txt", "organisation-days.txt", "service-window.txt"])

        // Every file of the folder but the manifest, each with its digest.
        let files = try #require(json["files"] as? [String: String])
        let enumerator = try #require(FileManager.default.enumerator(atPath: month))
        var listed: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: month + "/" + path, isDirectory: &isFolder), !isFolder.boolValue,
                path != "manifest.json"
            {
                listed.append(path)
            }
        }
        #expect(files.keys.sorted() == listed.sorted())
        #expect(files.keys.contains("kam-ana/clientes/k1/ledger.csv") && files.keys.contains("kam-ana/clientes/k1.xlsx"))
        for (path, digest) in files {
            #expect(SHA256.hex(of: [UInt8](try Data(contentsOf: URL(fileURLWithPath: month + "/" + path)))) == digest, "\(path)")
        }

        // The counted cases of October and M1's digest from the canonical form, written out by hand.
        let cases = try #require(json["cases"] as? [String: String])
        #expect(cases.keys.sorted() == ["M1", "M2", "M3", "M4", "M5", "M6", "M7"])
        let m1 = """
            case,M1,K1,Clínica del Norte,saas,Kam.Ana,Ana Ruiz,KACTUS,incidente,P2,alta,alta,2026-10-01T08:00:00-05:00,,,diagnosed in 2 h
            event,1,2026-10-01T10:00:00-05:00,diagnosed,
            event,2,2026-10-02T09:00:00-05:00,solved,
            event,3,2026-10-05T10:00:00-05:00,closed,

            """
        #expect(cases["M1"] == SHA256.hex(of: m1))
        // M3's closure, due 28 October, counted whether a night wrote it yet or not.
        let m3 = """
            case,M3,K1,Clínica del Norte,saas,Kam.Ana,Ana Ruiz,BPM,solicitud,P4,baja,baja,2026-10-20T09:00:00-05:00,,,solved; closed automatically 28 October
            event,5,2026-10-21T10:00:00-05:00,solved,
            event,sla-auto-closed:5,2026-10-28T18:00:00-05:00,auto_closed,

            """
        #expect(cases["M3"] == SHA256.hex(of: m3))

        let kams = try #require(json["kams"] as? [[String: Any]])
        #expect(kams.map { $0["kam_id"] as? String } == ["Kam.Ana", "kam-luis"])
        let ana = kams[0]
        #expect(
            ["registered", "solved", "auto_closed", "open_at_month_end", "met", "breached"].map { ana[$0] as? Int }
                == [5, 3, 2, 4, 3, 1])

        // The KAM's Control sheet says the same in words.
        let workbook = month + "/kam-ana.xlsx"
        let control = try WorkbookCells(sheet: 9, of: workbook)
        let lines = (0..<40).compactMap { row in control[row, 0].map { "\($0)|\(control[row, 1]?.description ?? "")" } }
        #expect(lines.contains("Versión de sla|\(SLAVersion.current)"))
        #expect(lines.contains("    SHA-256|\(EvidenceInputs.builtIn.policy.sha256)"))
        #expect(lines.contains("Casos con huella en manifest.json|7"))
        #expect(lines.contains("Incumplidos|1.0") && lines.contains("Registrados|5.0"))
    }

    @Test func verifyFindsTheMonthIdenticalAfterALaterNightWroteItsClosures() throws {
        let folder = try TemporaryDirectory()
        let database = try database(folder)
        _ = try report(database, into: folder.path + "/reports")
        let month = folder.path + "/reports/monthly/2026-10"
        let before = try snapshot(month)
        // The night of 2 November writes M3's closure, due 28 October: the data the month counted.
        _ = try NightlyJob.run(
            .init(asOf: .bogota("2026-11-02T07:00"), reportsDirectory: folder.path + "/nights", dryRun: false),
            runner: .test(database), calendar: TestCalendars.standard, policy: .standard)
        let outcome = try verify(
            database, .month(try #require(ReportMonth("2026-10")), reportsDirectory: folder.path + "/reports"))
        #expect(outcome.isIdentical, "\(outcome.report)")
        #expect(outcome.report == "identical\n")
        #expect(try verify(database, .folder(month)).isIdentical)
        #expect(try snapshot(month) == before, "verify never writes into the month's folder")
    }

    @Test func verifyNamesEveryDifference() throws {
        let folder = try TemporaryDirectory()
        let database = try database(folder)
        _ = try report(database, into: folder.path + "/reports")
        let month = folder.path + "/reports/monthly/2026-10"

        // A figure edited by hand, and a workbook touched.
        let resumen = month + "/kam-ana/resumen.csv"
        try text(resumen).replacingOccurrences(of: "K1,Clínica del Norte,3,", with: "K1,Clínica del Norte,4,")
            .write(toFile: resumen, atomically: true, encoding: .utf8)
        let handle = try #require(FileHandle(forWritingAtPath: month + "/kam-luis.xlsx"))
        handle.seekToEndOfFile()
        handle.write(Data("x".utf8))
        handle.closeFile()
        var outcome = try verify(database, .folder(month))
        #expect(
            outcome.editedFiles == [
                "kam-ana/resumen.csv: edited since it was written", "kam-luis.xlsx: edited since it was written"
            ])
        #expect(outcome.figures == ["kam-ana/resumen.csv, line 2 (client_id K1), registered: 4 → 3"])
        #expect(outcome.cases.isEmpty && outcome.inputs.isEmpty && !outcome.isIdentical)

        // The data changed since: M1 waited on the client for half an hour.
        _ = try report(database, into: folder.path + "/reports")
        let events = try folder.write(
            "more-events.csv",
            """
            event_id,case_id,at,kind,level,note
            20,M1,2026-10-01T09:00,waiting_client,,
            21,M1,2026-10-01T09:30,client_responded,,

            """)
        try TestImport.more(database, events: events)
        outcome = try verify(database, .folder(month))
        #expect(outcome.cases == ["M1: its data changed"])
        #expect(outcome.editedFiles.isEmpty)
        #expect(
            outcome.figures.contains("kam-ana/casos.csv, line 3 (case_id M1), elapsed_hours: 2.00 → 1.50"), "\(outcome.figures)")
        #expect(
            outcome.figures.contains(
                "kam-ana/ledger.csv, line 2 (case_id M1), to: 2026-10-01T10:00:00-05:00 → 2026-10-01T09:00:00-05:00"),
            "\(outcome.figures)")
        #expect(
            outcome.figures.contains(
                "kam-ana/ledger.csv, line 3 now (case_id M1): no such row then → "
                    + "M1,2026-10-01T09:00:00-05:00,2026-10-01T09:30:00-05:00,0,en espera del cliente (20)"), "\(outcome.figures)"
        )
        #expect(outcome.figures.contains("kam-ana/clientes/k1/ledger.csv, line 2 (case_id M1), counted_seconds: 7200 → 3600"))

        // Another policy: its digest differs, by name, and so do the figures it gives.
        _ = try report(database, into: folder.path + "/reports")
        let policyFile = try folder.write("acuerdos.yaml", "at_risk_percent: 50\nmatrix: { alta: { alta: 1 } }\n")
        var inputs = EvidenceInputs.builtIn
        inputs.policy = InputDigest(
            name: "acuerdos.yaml", origin: policyFile,
            sha256: SHA256.hex(of: try text(policyFile)))
        var terms = Policy.standard.defaults
        terms.matrix[0][0] = 3600
        let policy = Policy(defaults: terms)
        outcome = try verify(database, .folder(month), policy: policy, inputs: inputs)
        #expect(outcome.inputs.count == 1 && outcome.inputs[0].hasPrefix("policy acuerdos.yaml (\(policyFile)): SHA-256 "))
        #expect(
            outcome.figures.contains("kam-ana/casos.csv, line 3 (case_id M1), target_hours: 8.00 → 1.00"), "\(outcome.figures)")
    }

    @Test func aMonthWithoutManifestOrWithABrokenOneIsRefusedInWords() throws {
        let folder = try TemporaryDirectory()
        let database = try database(folder)
        _ = try report(database, into: folder.path + "/reports")
        let month = folder.path + "/reports/monthly/2026-10"
        let manifest = month + "/manifest.json"
        let whole = try text(manifest)
        for (broken, reason) in [
            (String(whole.prefix(whole.count / 2)), "it is not valid JSON (truncated, or edited by hand?)"),
            ("", "it is empty"),
            ("<html>", "it is not valid JSON"),
            (whole.replacingOccurrences(of: "\"format\" : 1", with: "\"format\" : \"one\""), "\"format\" is not a whole number"),
            (whole.replacingOccurrences(of: "\"as_of\"", with: "\"asof\""), "the top level lacks the key \"as_of\""),
            (
                whole.replacingOccurrences(of: "\"month\" : \"2026-10\"", with: "\"month\" : \"octubre\""),
                "\"month\" is \"octubre\""
            ),
            (whole.replacingOccurrences(of: "\"sha256\" : \"", with: "\"sha256\" : \"zz"), "is not a SHA-256")
        ] {
            try broken.write(toFile: manifest, atomically: true, encoding: .utf8)
            #expect {
                _ = try verify(database, .folder(month))
            } throws: { error in
                let error = error as? SLAError
                return error?.code == .invalidConfiguration && error?.message.hasPrefix(manifest + ": ") == true
                    && error?.message.contains(reason) == true
            }
        }
        try FileManager.default.removeItem(atPath: manifest)
        #expect {
            _ = try verify(database, .folder(month))
        } throws: { error in
            (error as? SLAError)?.message.contains("written before sla kept the evidence") == true
        }
        #expect(throws: SLAError.self) {
            _ = try verify(database, .month(try #require(ReportMonth("2026-09")), reportsDirectory: folder.path + "/reports"))
        }
    }

    /// Every file of a folder with its bytes and modification date.
    func snapshot(_ folder: String) throws -> [String: String] {
        var files: [String: String] = [:]
        let enumerator = try #require(FileManager.default.enumerator(atPath: folder))
        while let path = enumerator.nextObject() as? String {
            let attributes = try FileManager.default.attributesOfItem(atPath: folder + "/" + path)
            files[path] = "\(attributes[.modificationDate] ?? "") \(attributes[.size] ?? "")"
        }
        return files
    }
}
