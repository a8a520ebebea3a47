import Foundation
public import Logging
public import SLAConfig
public import SLACore
import SLADefaults

/// The policy file and the installation file, read and checked before anything else is done: a
/// file that cannot be used is `invalidConfiguration` (exit 2) with `file:line:column: reason`.
public enum ConfigLoader {
    /// The policy of the file at `path`, or the built-in one (SPEC §10) when nil; its warnings
    /// are logged.
    public static func policy(at path: String?, logger: Logger) throws(SLAError) -> Policy {
        let parsed = try parsedPolicy(at: path)
        for warning in parsed.warnings { logger.warning("\(warning)") }
        return parsed.policy
    }

    /// The policy file parsed, with its warnings (for `sla policy check`).
    package static func parsedPolicy(at path: String?) throws(SLAError) -> PolicyFile.Parsed {
        let (name, text) = try read(path, what: "policy file", builtIn: (DefaultPolicy.fileName, DefaultPolicy.text))
        do {
            return try PolicyFile.parse(text, file: name)
        } catch {
            throw SLAError(.invalidConfiguration, "malformed policy file: \(error)", underlying: error)
        }
    }

    /// The digest of the policy file at `path`, or of the built-in policy's text when nil.
    public static func policyDigest(at path: String?) throws(SLAError) -> InputDigest {
        let (_, text) = try read(path, what: "policy file", builtIn: (DefaultPolicy.fileName, DefaultPolicy.text))
        return InputDigest(name: DefaultPolicy.fileName, path: path, text: text)
    }

    /// The installation file at `path`; an empty installation when nil.
    public static func installation(at path: String?) throws(SLAError) -> Installation {
        guard let path else { return Installation() }
        let (name, text) = try read(path, what: "installation file", builtIn: nil)
        do {
            return try InstallationFile.parse(text, file: name)
        } catch {
            throw SLAError(.invalidConfiguration, "malformed installation file: \(error)", underlying: error)
        }
    }

    /// The import profile at `path`, checked whole before any export is read.
    public static func profile(at path: String) throws(SLAError) -> ImportProfile {
        let (name, text) = try read(path, what: "import profile", builtIn: nil)
        do {
            return try ProfileFile.parse(text, file: name)
        } catch {
            throw SLAError(.invalidConfiguration, "malformed import profile: \(error)", underlying: error)
        }
    }

    /// The text of a configuration file, or the built-in text when `path` is nil.
    private static func read(_ path: String?, what: String, builtIn: (String, String)?) throws(SLAError) -> (String, String) {
        guard let path else {
            guard let builtIn else { throw SLAError(.invalidConfiguration, "no \(what) given") }
            return builtIn
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw SLAError(.invalidConfiguration, "\(path): no such \(what); check the path")
        }
        guard !isFolder.boolValue else {
            throw SLAError(.invalidConfiguration, "\(path): is a folder; the \(what) is a YAML file")
        }
        // A FIFO would block the read, a device is no file: refused for what they are.
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
            throw SLAError(.invalidConfiguration, "\(path): is not a regular file (a FIFO, a device); the \(what) is a YAML file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SLAError(.permissionDenied, "\(path): the \(what) cannot be read; check its permissions")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SLAError(.invalidConfiguration, "\(path): the \(what) is not UTF-8 text; save it as UTF-8")
        }
        return (path, text)
    }
}
