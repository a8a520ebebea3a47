import Foundation
import SLAConfig
import Testing

/// The installation file the Debian package installs as /etc/sla/sla.yaml (packaging/sla.yaml): it
/// must read as it says, and every key it shows commented out must still be a key sla accepts, so
/// that an operator who uncomments one gets what the comment promises.
@Suite struct PackagedInstallationFileTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("packaging/sla.yaml")

    static func text() throws -> String { try String(contentsOf: file, encoding: .utf8) }

    @Test func theDataLivesUnderVarLibSlaAndThePolicyBesideTheFile() throws {
        let installation = try InstallationFile.parse(try Self.text(), file: "/etc/sla/sla.yaml")
        #expect(
            installation
                == Installation(
                    database: "/var/lib/sla/sla.sqlite", reports: "/var/lib/sla/reports",
                    policy: "/etc/sla/acuerdos.yaml"))
    }

    /// `# key: value` lines (a comment's prose has no `key:` right after the `#`) become the keys.
    @Test func everyCommentedOutKeyIsAccepted() throws {
        let lines = try Self.text().split(separator: "\n", omittingEmptySubsequences: false)
        var uncommented = 0
        let text = lines.map { line -> String in
            guard line.hasPrefix("# "), let colon = line.firstIndex(of: ":") else { return String(line) }
            let key = line[line.index(line.startIndex, offsetBy: 2)..<colon].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, key.allSatisfy({ $0.isLowercase || $0 == "_" }) else {
                return String(line)
            }
            uncommented += 1
            return String(line.dropFirst(2))
        }.joined(separator: "\n")
        #expect(uncommented == 7, "calendars, import_profile, delivery and its four keys")
        let installation = try InstallationFile.parse(text, file: "/etc/sla/sla.yaml")
        #expect(installation.calendars == "/etc/sla/calendars")
        #expect(
            installation.delivery
                == Installation.Delivery(
                    sendmail: "/usr/sbin/sendmail", from: "Mesa de Experiencia Técnica <met@example.co>",
                    dailyTo: ["coordinacion.met@example.co"], monthlyToKAMs: true))
    }
}
