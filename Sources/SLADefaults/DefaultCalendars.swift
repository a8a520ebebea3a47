/// The files of `calendars/` as they were when `sla` was built, so the binary works from any
/// folder; `--calendars DIR` replaces them file by file.
package enum DefaultCalendars {
    /// A calendar file: its name in `calendars/` and its text.
    package struct File: Sendable {
        package let name: String
        package let text: String

        package init(name: String, text: String) {
            self.name = name
            self.text = text
        }
    }

    package static let holidayRulesFileName = "colombia-holidays.txt"
    package static let organisationDaysFileName = "organisation-days.txt"
    package static let serviceWindowFileName = "service-window.txt"

    package static let holidayRules = File(
        name: holidayRulesFileName, text: String(decoding: PackageResources.colombia_holidays_txt, as: UTF8.self))
    package static let organisationDays = File(
        name: organisationDaysFileName, text: String(decoding: PackageResources.organisation_days_txt, as: UTF8.self))
    package static let serviceWindow = File(
        name: serviceWindowFileName, text: String(decoding: PackageResources.service_window_txt, as: UTF8.self))
}

/// The built-in policy (SPEC §10): the SPEC's default terms, and the documentation of the format.
package enum DefaultPolicy {
    package static let fileName = "default-policy.yaml"
    package static let text = String(decoding: PackageResources.default_policy_yaml, as: UTF8.self)
}
