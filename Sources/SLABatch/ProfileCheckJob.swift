import Foundation
public import SLACore
package import SLAStore

/// `sla profile check`: how a profile reads the desk's exports, without writing anything — what the
/// desk runs on its first day, before the first import.
public enum ProfileCheckJob {
    public struct Outcome: JobOutcome {
        package var checks: [ExportCheck]

        /// A row that would be rejected is a finding (exit 1).
        public var findings: [Finding] {
            checks.flatMap { check in
                check.rejections.map { Finding(.file(path: check.path, line: $0.line), field: $0.column, $0.reason) }
                    + (check.rejected > check.rejections.count
                        ? [
                            Finding(
                                .file(path: check.path, line: 0),
                                "\(check.rejected - check.rejections.count) more rows would be rejected")
                        ]
                        : [])
            }
        }

        public var files: [String] { [] }

        public var summaryLine: String {
            checks.map { "\($0.path): \($0.read) read, \($0.rejected) would be rejected, \($0.skipped) skipped" }
                .joined(separator: "; ")
        }

        public var text: String { checks.map(\.text).joined(separator: "\n") }
    }

    /// Checks each file given; a file whose section the profile leaves out is read as sla's own CSV.
    public static func run(profile: ImportProfile, clients: String?, cases: String?, events: String?) throws(SLAError) -> Outcome
    {
        var checks: [ExportCheck] = []
        for (kind, path) in [(InterchangeFile.clients, clients), (.cases, cases), (.events, events)] {
            guard let path else { continue }
            let layout = profile.layout(ExportKind(rawValue: kind.rawValue) ?? .cases) ?? ownForm(kind)
            do {
                checks.append(try ExportCheck.run(path: path, kind: kind, layout: layout))
            } catch {
                throw SLAError(error)
            }
        }
        guard !checks.isEmpty else {
            throw SLAError(.invalidOption, "nothing to check: give a clients, cases and/or events export")
        }
        return Outcome(checks: checks)
    }

    /// sla's own CSV as a layout: every field in the column of its name.
    static func ownForm(_ kind: InterchangeFile) -> ExportLayout {
        var layout = ExportLayout()
        for field in ExportKind(rawValue: kind.rawValue)?.fields ?? [] { layout.columns[field.name] = .column(field.name) }
        return layout
    }
}
