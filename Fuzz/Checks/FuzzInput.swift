public import Foundation

/// One file of Fuzz/corpus/<target>/ (the seeds) or Fuzz/regressions/<target>/ (every input a
/// fuzzer ever crashed on, kept forever), for the tests that run the checks on each.
public struct FuzzInput: Sendable, CustomStringConvertible {
    /// The path from the repository's root.
    public var path: String

    public var description: String { path }

    public func bytes() throws -> [UInt8] { try Array(Data(contentsOf: FuzzInput.root.appendingPathComponent(path))) }

    /// The repository: three levels above this file (Fuzz/Checks/FuzzInput.swift).
    public static let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The seeds and the regressions of `target`, by path.
    public static func all(of target: String) -> [FuzzInput] {
        ["Fuzz/corpus/\(target)", "Fuzz/regressions/\(target)"].flatMap { folder in
            let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
            return names.filter { !$0.hasPrefix(".") }.sorted().map { FuzzInput(path: "\(folder)/\($0)") }
        }
    }
}
