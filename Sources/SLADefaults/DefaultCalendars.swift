/// The files of `calendars/` as they were when `sla` was built, so the binary works from any
/// folder; `--calendars DIR` replaces them file by file.
public enum DefaultCalendars {
    /// A calendar file: its name in `calendars/` and its text.
    public struct File: Sendable {
        public let name: String
        public let text: String

        public init(name: String, text: String) {
            self.name = name
            self.text = text
        }
    }

    public static let holidayRulesFileName = "colombia-holidays.txt"
    public static let organisationDaysFileName = "organisation-days.txt"
    public static let serviceWindowFileName = "service-window.txt"

    public static let holidayRules = File(
        name: holidayRulesFileName, text: String(decoding: PackageResources.colombia_holidays_txt, as: UTF8.self))
    public static let organisationDays = File(
        name: organisationDaysFileName, text: String(decoding: PackageResources.organisation_days_txt, as: UTF8.self))
    public static let serviceWindow = File(
        name: serviceWindowFileName, text: String(decoding: PackageResources.service_window_txt, as: UTF8.self))
}

/// The built-in policy (SPEC §10): the SPEC's default terms, and the documentation of the format.
public enum DefaultPolicy {
    public static let fileName = "default-policy.yaml"
    public static let text = String(decoding: PackageResources.default_policy_yaml, as: UTF8.self)
}
