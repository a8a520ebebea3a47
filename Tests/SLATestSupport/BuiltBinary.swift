public import Foundation

/// The `sla` executable built beside the test binary, run as a user would run it.
public enum BuiltBinary {
    /// What one run printed and how it ended.
    public struct Result: Sendable {
        public var status: Int32
        public var standardOutput: String
        public var standardError: String
        /// The signal that ended it, when one did (then `status` is that signal's number).
        public var signal: Int32?
    }

    /// `sla` in the same products folder as the running test executable; `SLA_BINARY` overrides it.
    public static var path: String {
        if let override = ProcessInfo.processInfo.environment["SLA_BINARY"] { return override }
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
        // On macOS the test executable sits inside an .xctest bundle.
        while folder.pathComponents.contains(where: { $0.hasSuffix(".xctest") }) {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("sla").path
    }

    /// Starts `sla` with `arguments` and returns at once, for tests that kill it or race it; its
    /// output is discarded.
    public static func start(_ arguments: [String], in directory: String? = nil) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs `sla` with `arguments` in `directory` and waits for it. Its output goes to files rather
    /// than pipes, so no amount of output can block it.
    ///
    /// - Parameters:
    ///   - via: a command to run `sla` through (e.g. `setpriv` to run it as another user).
    ///   - environment: variables set for this run, beside the test's own environment.
    public static func run(
        _ arguments: [String], in directory: String? = nil, via: [String] = [],
        environment: [String: String] = [:]
    ) throws -> Result {
        let scratch = try TemporaryDirectory()
        let outputPath = try scratch.write("stdout", "")
        let errorPath = try scratch.write("stderr", "")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: via.first ?? path)
        process.arguments = via.isEmpty ? arguments : Array(via.dropFirst()) + [path] + arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, given in given }
        }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            standardOutput: try String(contentsOfFile: outputPath, encoding: .utf8),
            standardError: try String(contentsOfFile: errorPath, encoding: .utf8),
            signal: process.terminationReason == .uncaughtSignal ? process.terminationStatus : nil)
    }
}
