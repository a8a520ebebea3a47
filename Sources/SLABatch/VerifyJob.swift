import Foundation
public import SLACore
import SLAReports
import SLAStore

/// `sla verify`: recomputes a month's reports from the database, into a temporary folder of its
/// own (never the month's), and compares them with what was written then — every CSV figure, the
/// digest of every file, of every counted case's data and of the policy and calendar files.
public enum VerifyJob {
    /// Which month to verify: by its month under the reports folder, or a month folder anywhere.
    public enum Target: Sendable {
        case month(ReportMonth, reportsDirectory: String)
        case folder(String)
    }

    /// What the comparison found; empty lists mean identical.
    public struct Outcome: JobOutcome {
        package var month: String
        package var folder: String
        package var writtenBy: String
        /// The policy or calendar files whose digest differs from the manifest's, in words.
        package var inputs: [String] = []
        /// Files of the month's folder that are not as they were written: edited, missing or added.
        package var editedFiles: [String] = []
        /// Each figure that differs: file, row, column, then → now.
        package var figures: [String] = []
        /// The cases whose data changed since, or that are counted now and were not then (or the reverse).
        package var cases: [String] = []
        package var seconds = 0.0

        public var isIdentical: Bool { inputs.isEmpty && editedFiles.isEmpty && figures.isEmpty && cases.isEmpty }
        /// The differences are the verdict, printed by the command; exit 1 comes from `isIdentical`.
        public var findings: [Finding] { [] }
        public var files: [String] { [] }

        public var summaryLine: String {
            isIdentical
                ? "identical"
                : "different: \(figures.count) figures, \(editedFiles.count) files, "
                    + "\(cases.count) cases, \(inputs.count) policy or calendar files"
        }

        /// What `sla verify` prints: `identical`, or every difference, one a line, by kind.
        public var report: String {
            guard !isIdentical else { return "identical\n" }
            var lines = ["\(month) in \(folder) differs from what sla \(writtenBy) wrote:"]
            if !inputs.isEmpty {
                lines.append("Policy and calendar files whose digest differs from the manifest's:")
                lines += inputs.map { "  " + $0 }
            }
            if !editedFiles.isEmpty {
                lines.append("Files of the month's folder not as they were written:")
                lines += editedFiles.map { "  " + $0 }
            }
            if !figures.isEmpty {
                lines.append("Figures that differ (file, row, column: then → now):")
                lines += figures.map { "  " + $0 }
            }
            if !cases.isEmpty {
                lines.append("Cases whose data changed since (by their digests):")
                lines += cases.map { "  " + $0 }
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    public static func run(
        _ target: Target, runner: JobRunner, calendar: BusinessCalendar, policy: Policy,
        inputs: EvidenceInputs
    ) throws(SLAError) -> Outcome {
        let started = ContinuousClock.now
        let folder: String
        switch target {
        case .month(let month, let reportsDirectory): folder = MonthlyReportJob.folder(of: month, in: reportsDirectory)
        case .folder(let path): folder = path
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            let what =
                if case .month(let month, _) = target { "no reports of \(month): \(folder) does not exist" } else {
                    "\(folder): no such month folder"
                }
            throw SLAError(.reportsMissing, what)
        }
        let manifestPath = folder + "/" + MonthManifest.fileName
        guard FileManager.default.fileExists(atPath: manifestPath) else {
            throw SLAError(
                .evidenceMissing,
                """
                \(folder) has no \(MonthManifest.fileName): its reports were written before sla kept the evidence \
                of a month, so there is nothing to verify them against (rewrite them with sla report to start now)
                """)
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: manifestPath))
        } catch {
            throw SLAError(
                .permissionDenied,
                """
                \(manifestPath): cannot be read (\(ReportError.systemReason(of: error)); check its permissions)
                """, underlying: error)
        }
        let manifest: MonthManifest
        switch MonthManifest.parse(data) {
        case .success(let parsed): manifest = parsed
        case .failure(let error): throw SLAError(.invalidConfiguration, "\(manifestPath): \(error.reason)")
        }
        guard let month = ReportMonth(manifest.month) else {
            throw SLAError(.invalidConfiguration, "\(manifestPath): \"month\" is not a month")
        }
        if case .month(let asked, _) = target, asked != month {
            throw SLAError(.invalidConfiguration, "\(manifestPath): it is the manifest of \(month), not of \(asked)")
        }

        var outcome = Outcome(month: month.description, folder: folder, writtenBy: manifest.slaVersion)
        outcome.inputs = compare(inputs: inputs, with: manifest)
        outcome.editedFiles = try reportCall { () throws(ReportError) in try editedFiles(in: folder, manifest: manifest) }

        // The month recomputed into a folder of its own, removed afterwards.
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent(
                "sla-verify-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max))"
            ).path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let recomputed = try runner.read { context throws(SLAError) in
            try MonthlyReportJob.write(
                month, context: context, reportsDirectory: scratch, calendar: calendar, policy: policy,
                inputs: inputs, workbooks: false)
        }
        let now = MonthlyReportJob.folder(of: month, in: scratch)
        let nowFiles = try reportCall { () throws(ReportError) in try MonthManifest.files(in: now) }.filter {
            $0.hasSuffix(".csv")
        }
        let thenFiles = Set(manifest.files.keys.filter { $0.hasSuffix(".csv") })
        for file in Set(nowFiles).union(thenFiles).sorted() {
            outcome.figures += try compareCSV(
                file, then: thenFiles.contains(file) ? folder + "/" + file : nil,
                now: nowFiles.contains(file) ? now + "/" + file : nil)
        }
        if let recorded = recomputed.manifest {
            outcome.cases = compare(cases: manifest.cases, now: recorded.cases)
        }
        outcome.seconds = seconds(since: started)
        return outcome
    }

    /// The policy and calendar files, by name, whose digest is not the manifest's.
    static func compare(inputs: EvidenceInputs, with manifest: MonthManifest) -> [String] {
        var differences: [String] = []
        let then = [manifest.policy] + manifest.calendars
        let now = [MonthManifest.Input(inputs.policy)] + inputs.calendars.map(MonthManifest.Input.init)
        if manifest.policy.sha256 != inputs.policy.sha256 {
            differences.append(
                "policy \(inputs.policy.name) (\(inputs.policy.origin)): SHA-256 \(manifest.policy.sha256) "
                    + "(\(manifest.policy.name), \(manifest.policy.origin)) → \(inputs.policy.sha256)")
        }
        for calendar in now.dropFirst() {
            guard let recorded = then.dropFirst().first(where: { $0.name == calendar.name }) else {
                differences.append("calendar \(calendar.name) (\(calendar.origin)): not in the manifest")
                continue
            }
            if recorded.sha256 != calendar.sha256 {
                differences.append(
                    "calendar \(calendar.name) (\(calendar.origin)): SHA-256 \(recorded.sha256) "
                        + "(\(recorded.origin)) → \(calendar.sha256)")
            }
        }
        for recorded in then.dropFirst() where !now.dropFirst().contains(where: { $0.name == recorded.name }) {
            differences.append("calendar \(recorded.name): in the manifest, not used now")
        }
        return differences
    }

    /// The files of `folder` whose digest is not the manifest's, missing, or not in it.
    static func editedFiles(in folder: String, manifest: MonthManifest) throws(ReportError) -> [String] {
        var edited: [String] = []
        let present = try MonthManifest.files(in: folder)
        let presentSet = Set(present)
        for (file, digest) in manifest.files.sorted(by: { $0.key < $1.key }) {
            guard presentSet.contains(file) else {
                edited.append("\(file): missing")
                continue
            }
            if try FileDigest.sha256(ofFileAt: folder + "/" + file) != digest {
                edited.append("\(file): edited since it was written")
            }
        }
        for file in present where manifest.files[file] == nil { edited.append("\(file): added since (not in the manifest)") }
        return edited
    }

    /// The counted cases whose digest differs, and those counted only then or only now.
    static func compare(cases then: [String: String], now: [String: String]) -> [String] {
        var changed: [String] = []
        for id in Set(then.keys).union(now.keys).sorted() {
            switch (then[id], now[id]) {
            case (let before?, let after?) where before != after: changed.append("\(id): its data changed")
            case (.some, nil): changed.append("\(id): counted then, not now")
            case (nil, .some): changed.append("\(id): counted now, not then")
            default: break
            }
        }
        return changed
    }

    /// The differences between the CSV file written then and the one recomputed now: rows matched
    /// by their first column (the case or client id; the n-th row of an id with the n-th), then
    /// column by column.
    static func compareCSV(_ file: String, then: String?, now: String?) throws(SLAError) -> [String] {
        guard let then else { return ["\(file): not written then, produced now"] }
        guard let now else { return ["\(file): written then, not produced now"] }
        guard FileManager.default.fileExists(atPath: then) else { return [] }  // missing: listed with the files
        guard let thenData = FileManager.default.contents(atPath: then), let nowData = FileManager.default.contents(atPath: now)
        else {
            throw SLAError(.permissionDenied, "\(then): cannot be read (check its permissions)")
        }
        let before = CSVRows.parse(String(decoding: thenData, as: UTF8.self))
        let after = CSVRows.parse(String(decoding: nowData, as: UTF8.self))
        guard let header = after.first else { return [] }
        guard before.first == header else {
            return ["\(file), line 1 (header): \(CSVRows.line(before.first ?? [])) → \(CSVRows.line(header))"]
        }
        let keyName = header.first ?? ""
        func keyed(_ rows: [[String]]) -> [(key: String, line: Int, row: [String])] {
            var seen: [String: Int] = [:]
            return rows.dropFirst().enumerated().map { index, row in
                let id = row.first ?? ""
                seen[id, default: 0] += 1
                return ("\(id)#\(seen[id] ?? 1)", index + 2, row)
            }
        }
        let beforeRows = keyed(before)
        let afterRows = keyed(after)
        let afterByKey = Dictionary(afterRows.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let beforeKeys = Set(beforeRows.map(\.key))
        func label(_ key: String, line: Int, now: Bool = false) -> String {
            let id = String(key[..<(key.lastIndex(of: "#") ?? key.endIndex)])
            return "\(file), line \(line)\(now ? " now" : "") (\(keyName) \(id.isEmpty ? "empty" : Finding.printable(id)))"
        }
        var differences: [String] = []
        for row in beforeRows {
            guard let match = afterByKey[row.key] else {
                differences.append("\(label(row.key, line: row.line)): \(CSVRows.line(row.row)) → no such row now")
                continue
            }
            for (index, name) in header.enumerated() {
                let old = index < row.row.count ? row.row[index] : ""
                let new = index < match.row.count ? match.row[index] : ""
                if old != new { differences.append("\(label(row.key, line: row.line)), \(name): \(shown(old)) → \(shown(new))") }
            }
        }
        for row in afterRows where !beforeKeys.contains(row.key) {
            differences.append("\(label(row.key, line: row.line, now: true)): no such row then → \(CSVRows.line(row.row))")
        }
        return differences
    }

    private static func shown(_ value: String) -> String { value.isEmpty ? "(empty)" : Finding.printable(value) }
}

/// RFC 4180 rows, read leniently: the month's own CSV files, possibly edited by hand.
enum CSVRows {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var atFieldStart = true
        var characters = text.makeIterator()
        var pending: Character?
        func next() -> Character? {
            if let character = pending {
                pending = nil
                return character
            }
            return characters.next()
        }
        while let character = next() {
            if quoted {
                if character == "\"" {
                    if let following = next() {
                        if following == "\"" {
                            field.append("\"")
                        } else {
                            quoted = false
                            pending = following
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where atFieldStart:
                quoted = true
                atFieldStart = false
            case ",":
                row.append(field)
                field = ""
                atFieldStart = true
            case "\n", "\r\n", "\r":
                row.append(field)
                rows.append(row)
                row = []
                field = ""
                atFieldStart = true
            default:
                field.append(character)
                atFieldStart = false
            }
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }

    /// A row as one CSV line, to show it.
    static func line(_ row: [String]) -> String {
        row.map(CSVWriter.escape).joined(separator: ",")
    }
}
