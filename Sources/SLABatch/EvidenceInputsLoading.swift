import Foundation
public import SLACore
import SLADefaults

/// The version of sla the reports and `--version` name.
public enum SLAVersion {
    public static let current = "0.1.0"
}

extension InputDigest {
    /// The digest of a file's text (its UTF-8 bytes, as read), named by its file name.
    /// - Parameter path: the file read, or nil for a built-in file (`name` is then its name).
    init(name: String, path: String?, text: String) {
        self.init(
            name: path.map { URL(fileURLWithPath: $0).lastPathComponent } ?? name, origin: path ?? "built-in",
            sha256: SHA256.hex(of: text))
    }
}

extension EvidenceInputs {
    /// The built-in policy and calendars: their texts as written out (`sla policy check` and the
    /// package install the same texts).
    public static let builtIn = EvidenceInputs(
        version: SLAVersion.current,
        policy: InputDigest(name: DefaultPolicy.fileName, path: nil, text: DefaultPolicy.text),
        calendars: [DefaultCalendars.holidayRules, DefaultCalendars.organisationDays, DefaultCalendars.serviceWindow].map {
            InputDigest(name: $0.name, path: nil, text: $0.text)
        })

    /// These inputs with the policy file at `path` (nil: the built-in one).
    package func withPolicy(at path: String?) throws(SLAError) -> EvidenceInputs {
        var inputs = self
        inputs.policy = try ConfigLoader.policyDigest(at: path)
        return inputs
    }
}
