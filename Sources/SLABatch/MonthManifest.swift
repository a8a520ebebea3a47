import Foundation
import SLACore
import SLAReports

/// `reports/monthly/M/manifest.json`: what a month's figures were computed with and from, so
/// that anyone can check them later (`sla verify`) — the version, the as-of, the digest of the
/// policy and of each calendar file, of each counted case's data, the KAMs' control totals, and
/// the digest of every other file written for the month. The format is in `docs/evidence.md`.
package struct MonthManifest: Codable, Sendable, Equatable {
    package static let fileName = "manifest.json"
    /// The format of this file; a later program that changes it raises the number.
    package static let currentFormat = 1

    package struct Input: Codable, Sendable, Equatable {
        package var name: String
        package var origin: String
        package var sha256: String
    }

    /// A KAM's control totals: the counts of the total row of its `resumen.csv`.
    package struct KAMTotals: Codable, Sendable, Equatable {
        package var kamID: String
        package var folder: String
        package var registered: Int
        package var solved: Int
        package var autoClosed: Int
        package var openAtMonthEnd: Int
        package var met: Int
        package var breached: Int

        enum CodingKeys: String, CodingKey {
            case kamID = "kam_id"
            case folder, registered, solved
            case autoClosed = "auto_closed"
            case
                openAtMonthEnd = "open_at_month_end"
            case met, breached
        }
    }

    package var format: Int
    package var slaVersion: String
    package var month: String
    package var asOf: String
    package var policy: Input
    package var calendars: [Input]
    package var kams: [KAMTotals]
    /// Each counted case's id and the SHA-256 of its canonical text.
    package var cases: [String: String]
    /// Each file of the month's folder (this one excepted), by its path in the folder, and its SHA-256.
    public var files: [String: String]

    enum CodingKeys: String, CodingKey {
        case format
        case slaVersion = "sla_version"
        case month
        case asOf = "as_of"
        case policy, calendars, kams, cases, files
    }

    init(month: ReportMonth, inputs: EvidenceInputs) {
        format = Self.currentFormat
        slaVersion = inputs.version
        self.month = month.description
        asOf = month.end.description
        policy = Input(inputs.policy)
        calendars = inputs.calendars.map(Input.init)
        kams = []
        cases = [:]
        files = [:]
    }

    mutating func add(kamID: String, folder: String, total: ClientFigures, caseDigests: [(caseID: String, sha256: String)]) {
        kams.append(
            KAMTotals(
                kamID: kamID, folder: folder, registered: total.registered, solved: total.solved,
                autoClosed: total.autoClosed, openAtMonthEnd: total.openAtMonthEnd, met: total.met,
                breached: total.breached))
        for (caseID, digest) in caseDigests { cases[caseID] = digest }
    }

    /// Records the digest of every file in `folder` and below, hidden temporaries and the manifest
    /// itself excepted.
    mutating func recordFiles(in folder: String) throws(ReportError) {
        for path in try Self.files(in: folder) { files[path] = try FileDigest.sha256(ofFileAt: folder + "/" + path) }
    }

    /// The files of a month's folder, by path inside it, sorted: what the manifest covers.
    static func files(in folder: String) throws(ReportError) -> [String] {
        var found: [String] = []
        func walk(_ relative: String) throws(ReportError) {
            let path = relative.isEmpty ? folder : folder + "/" + relative
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: path)
            } catch {
                throw ReportError(
                    .ioFailure, "\(path): the folder cannot be listed (\(ReportError.systemReason(of: error)))",
                    underlying: error)
            }
            for name in names.sorted() where !name.hasPrefix(".") {
                let child = relative.isEmpty ? name : relative + "/" + name
                var isFolder: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: folder + "/" + child, isDirectory: &isFolder)
                if isFolder.boolValue {
                    try walk(child)
                } else if child != fileName {
                    found.append(child)
                }
            }
        }
        try walk("")
        return found.sorted()
    }

    /// The JSON text, keys sorted and indented, so two manifests of the same month compare line by line.
    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Strings and numbers only: encoding cannot fail (and `verify` would refuse an empty manifest).
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// A manifest read back, every value checked: a file edited by hand, truncated or not JSON is
    /// a reason in words (what is wrong, where), never a crash.
    static func parse(_ data: Data) -> Result<MonthManifest, ManifestError> {
        let manifest: MonthManifest
        do {
            manifest = try JSONDecoder().decode(MonthManifest.self, from: data)
        } catch let error as DecodingError {
            if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
                return .failure(ManifestError("it is empty"))
            }
            do {
                _ = try JSONSerialization.jsonObject(with: data)
            } catch {
                let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
                return .failure(
                    ManifestError("it is not valid JSON (truncated, or edited by hand?)" + (detail.map { ": \($0)" } ?? "")))
            }
            return .failure(ManifestError(Self.describe(error)))
        } catch {
            return .failure(ManifestError("it cannot be read as JSON: \(error.localizedDescription)"))
        }
        guard manifest.format == currentFormat else {
            return .failure(ManifestError("\"format\" is \(manifest.format); this sla reads format \(currentFormat)"))
        }
        guard ReportMonth(manifest.month) != nil else {
            return .failure(ManifestError("\"month\" is \(String(reflecting: manifest.month)), not a month YYYY-MM"))
        }
        let digests =
            [("policy", manifest.policy.sha256)] + manifest.calendars.map { ("calendars: \($0.name)", $0.sha256) }
            + manifest.cases.sorted { $0.key < $1.key }.map { ("cases: \($0.key)", $0.value) }
            + manifest.files.sorted { $0.key < $1.key }.map { ("files: \($0.key)", $0.value) }
        if let bad = digests.first(where: { !isDigest($0.1) }) {
            return .failure(ManifestError("\(bad.0): \(String(reflecting: bad.1)) is not a SHA-256 (64 hexadecimal digits)"))
        }
        if let bad = manifest.files.keys.sorted().first(where: {
            $0.isEmpty || $0.hasPrefix("/") || $0.split(separator: "/").contains("..")
        }) {
            return .failure(ManifestError("files: \(String(reflecting: bad)) is not a path inside the month's folder"))
        }
        return .success(manifest)
    }

    static func isDigest(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "the top level" : "\"" + keys.joined(separator: ".") + "\""
        }
        switch error {
        case .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "\(path(context)) lacks the key \"\(key.stringValue)\""
        case .typeMismatch(let type, let context):
            return "\(path(context)) is not \(describe(type))"
        case .valueNotFound(let type, let context):
            return "\(path(context)) is null where \(describe(type)) belongs"
        @unknown default:
            return "it cannot be read: \(error)"
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: "a whole number"
        case is String.Type: "text"
        case is [String: String].Type, is [String: Any].Type: "an object"
        case is [Input].Type, is [KAMTotals].Type, is [Any].Type: "a list"
        default: "of the right kind (\(type))"
        }
    }
}

/// What is wrong with a manifest, in words.
struct ManifestError: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}

extension MonthManifest.Input {
    init(_ digest: InputDigest) {
        self.init(name: digest.name, origin: digest.origin, sha256: digest.sha256)
    }
}

/// SHA-256 of a file, read a megabyte at a time.
enum FileDigest {
    static func sha256(ofFileAt path: String) throws(ReportError) -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ReportError.system(errno, path, doing: "read") }
        defer { close(descriptor) }
        var hash = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ReportError.system(errno, path, doing: "read")
            }
            if count == 0 { break }
            buffer.withUnsafeBufferPointer { hash.update(UnsafeBufferPointer(rebasing: $0[0..<count])) }
        }
        return hash.finalHex()
    }
}
