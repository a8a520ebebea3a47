import Foundation
public import SLACore
import Yams

/// The installation file (SPEC §11): what an installation decides once — where the database, the
/// reports, the calendars and the policy are, and whom the reports are sent to. Paths are relative
/// to the file's folder; a command-line option wins over the file.
public struct Installation: Sendable, Equatable {
    public var database: String?
    public var reports: String?
    public var calendars: String?
    public var policy: String?
    /// The import profile `sla import` reads the exports through (its `--profile`).
    public var importProfile: String?
    public var delivery: Delivery?

    /// The `delivery` section (SPEC §12): checked now, used by the deliveries.
    public struct Delivery: Sendable, Equatable {
        package var sendmail: String
        /// The sender, `Mesa de Experiencia Técnica <met@example.co>` or a bare address.
        public var from: String
        public var dailyTo: [String]
        public var monthlyToKAMs: Bool

        package init(sendmail: String = "/usr/sbin/sendmail", from: String, dailyTo: [String] = [], monthlyToKAMs: Bool = false) {
            self.sendmail = sendmail
            self.from = from
            self.dailyTo = dailyTo
            self.monthlyToKAMs = monthlyToKAMs
        }
    }

    package init(
        database: String? = nil, reports: String? = nil, calendars: String? = nil, policy: String? = nil,
        delivery: Delivery? = nil
    ) {
        self.database = database
        self.reports = reports
        self.calendars = calendars
        self.policy = policy
        self.delivery = delivery
    }
}

public enum InstallationFile {
    static let keys = ["database", "reports", "calendars", "policy", "import_profile", "delivery"]
    static let deliveryKeys = ["sendmail", "from", "daily_to", "monthly_to_kams"]

    /// Reads the file `file`, whose folder relative paths start from.
    /// Keys of the other file, to say which file was given.
    static let hints = Dictionary(
        uniqueKeysWithValues: PolicyFile.topKeys.map { ($0, "the terms are in the policy file: give its path with policy:") })

    public static func parse(_ text: String, file: String) throws(Finding) -> Installation {
        let reader = YAMLReader(file: file)
        guard let root = try reader.document(text) else { return Installation() }
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
        func path(_ node: Node, _ name: String) throws(Finding) -> String {
            let text = try reader.string(node, name)
            // The shell's ~ means nothing to cron or to us: a folder literally named "~" would be created.
            if text.hasPrefix("~") {
                throw reader.fail(node, "\(name) '\(text)' starts with ~, which is not expanded here: give the full path")
            }
            return text.hasPrefix("/") ? text : folder.appendingPathComponent(text).standardizedFileURL.path
        }
        var installation = Installation()
        for (key, _, value) in try reader.mapping(root, "the installation file", allowed: keys, hints: hints) {
            switch key {
            case "database": installation.database = try path(value, key)
            case "reports": installation.reports = try path(value, key)
            case "calendars": installation.calendars = try path(value, key)
            case "policy": installation.policy = try path(value, key)
            case "import_profile": installation.importProfile = try path(value, key)
            case "delivery": installation.delivery = try delivery(value, reader, path: path)
            default: break
            }
        }
        return installation
    }

    private static func delivery(
        _ node: Node, _ reader: YAMLReader,
        path: (Node, String) throws(Finding) -> String
    ) throws(Finding)
        -> Installation.Delivery
    {
        var delivery = Installation.Delivery(sendmail: "/usr/sbin/sendmail", from: "", dailyTo: [], monthlyToKAMs: false)
        var fromGiven = false
        for (key, _, value) in try reader.mapping(node, "delivery", allowed: deliveryKeys) {
            switch key {
            case "sendmail":
                // A program, not a file of the installation: relative would depend on cron's PATH and folder.
                let program = try reader.string(value, "delivery.sendmail")
                guard program.hasPrefix("/") else {
                    throw reader.fail(value, "delivery.sendmail '\(program)' must be an absolute path such as /usr/sbin/sendmail")
                }
                delivery.sendmail = program
            case "from":
                delivery.from = try address(value, "delivery.from", reader, named: true)
                fromGiven = true
            case "daily_to":
                for (text, element) in try reader.strings(value, "delivery.daily_to") {
                    delivery.dailyTo.append(try address(element, "delivery.daily_to '\(text)'", reader, named: true))
                }
            case "monthly_to_kams": delivery.monthlyToKAMs = try reader.bool(value, "delivery.monthly_to_kams")
            default: break
            }
        }
        if !fromGiven, !delivery.dailyTo.isEmpty || delivery.monthlyToKAMs {
            throw reader.fail(node, "delivery has no from: give the sender's address (from: \"Mesa <met@example.co>\")")
        }
        return delivery
    }

    /// An address, bare or with a display name (`Name <user@host>`), checked by the one rule the
    /// mailer sends by (`MailAddressRule`): an address this file accepts is one the mailer takes.
    static func address(_ node: Node, _ name: String, _ reader: YAMLReader, named: Bool) throws(Finding) -> String {
        let text = try reader.string(node, name)
        guard text.unicodeScalars.allSatisfy({ !MailAddressRule.isBreaking($0) }) else {
            throw reader.fail(node, "\(name) holds a line break or another control character")
        }
        guard let parts = named ? MailAddressRule.split(text) : (nil, text) else {
            throw reader.fail(node, "\(name) '\(text)': a display name's address ends with >")
        }
        guard MailAddressRule.addressProblem(parts.address) == nil else {
            throw reader.fail(
                node, "\(name) '\(text)' is not an e-mail address such as met@example.co or \"Mesa <met@example.co>\"")
        }
        if let displayName = parts.name, let problem = MailAddressRule.nameProblem(displayName) {
            throw reader.fail(node, "\(name) '\(text)': the display name \(problem)")
        }
        return text
    }
}
