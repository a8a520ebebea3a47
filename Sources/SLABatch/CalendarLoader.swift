import Foundation
public import Logging
public import SLACore
import SLADefaults

/// Builds the business calendar from the files of `calendars/`: the copies built into the binary,
/// or, file by file, those of a folder given with `--calendars DIR`.
public enum CalendarLoader {
    /// The calendar to use; `directory` overrides the built-in files it contains.
    ///
    /// A folder that lacks one of the three files keeps the built-in copy of that file, and the log
    /// says so, so that an organisation can ship only its own `organisation-days.txt`.
    /// - Parameter origin: where the folder was named, for the message when it does not exist
    ///   (the command line gives its option, or the installation file's `calendars:`).
    public static func load(directory: String?, origin: String = "the calendars folder", logger: Logger) throws(SLAError)
        -> BusinessCalendar
    {
        try loadWithDigests(directory: directory, origin: origin, logger: logger).calendar
    }

    /// The calendar, and the digest of each of the three files it was built from (for the
    /// month's evidence): a file of the folder by its name and path, a built-in one as `built-in`.
    package static func loadWithDigests(directory: String?, origin: String = "the calendars folder", logger: Logger)
        throws(SLAError)
        -> (calendar: BusinessCalendar, digests: [InputDigest])
    {
        let rulesFile = try file(DefaultCalendars.holidayRules, in: directory, origin: origin, logger: logger)
        let daysFile = try file(DefaultCalendars.organisationDays, in: directory, origin: origin, logger: logger)
        let windowFile = try file(DefaultCalendars.serviceWindow, in: directory, origin: origin, logger: logger)
        do {
            let rules = try HolidayRulesFile.parse(rulesFile.text, file: rulesFile.name)
            let days = try OrganisationDaysFile.parse(daysFile.text, file: daysFile.name)
            let window = try ServiceWindowFile.parse(windowFile.text, file: windowFile.name)
            let digests = zip(
                [DefaultCalendars.holidayRules, DefaultCalendars.organisationDays, DefaultCalendars.serviceWindow],
                [rulesFile, daysFile, windowFile]
            ).map { builtIn, file in
                InputDigest(name: builtIn.name, path: file.name == builtIn.name ? nil : file.name, text: file.text)
            }
            return (BusinessCalendar(holidays: HolidayCalendar(rules: rules, organisationDays: days), window: window), digests)
        } catch {
            throw SLAError(.invalidConfiguration, "malformed calendar file: \(error)", underlying: error)
        }
    }

    private static func file(_ builtIn: DefaultCalendars.File, in directory: String?, origin: String, logger: Logger)
        throws(SLAError)
        -> DefaultCalendars.File
    {
        guard let directory else { return builtIn }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SLAError(.invalidConfiguration, "\(origin) \(directory): no such folder")
        }
        let path = URL(fileURLWithPath: directory).appendingPathComponent(builtIn.name).path
        guard FileManager.default.fileExists(atPath: path) else {
            logger.notice("no \(builtIn.name) in \(directory): using the built-in one")
            return builtIn
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SLAError(.permissionDenied, "\(path): cannot be read (check its permissions)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SLAError(.invalidConfiguration, "\(path): is not UTF-8 text; save it as UTF-8")
        }
        return DefaultCalendars.File(name: path, text: text)
    }
}
