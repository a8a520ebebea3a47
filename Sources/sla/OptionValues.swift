import ArgumentParser
import SLABatch
import SLACore

// The values of options, read when the options are (`ExpressibleByArgument`) rather than inside a
// command's `run()` or the library. A text that does not read is kept with its reason, and the
// command's `validate()` refuses it with the message its option gives — ArgumentParser's own
// "The value '…' is invalid for '--month <YYYY-MM>'" would drop the accepted forms the message
// shows. A refusal is a usage error (exit 2), before anything is read or written.

/// An instant: ISO 8601, without an offset Bogotá time (`--as-of`, `--from`, `--to`).
struct InstantArgument: ExpressibleByArgument, Sendable {
    let text: String
    let parsed: Result<Instant, TimestampError>

    init(argument: String) {
        text = argument
        parsed = Result { () throws(TimestampError) -> Instant in try Timestamp.parse(argument) }
    }

    /// The instant, or the usage error that names `option` and shows the accepted forms.
    func instant(_ option: String) throws(SLAError) -> Instant {
        switch parsed {
        case .success(let instant): return instant
        case .failure(let error): throw SLAError(.invalidOption, "\(option) '\(text)': \(error)", underlying: error)
        }
    }
}

/// A month, `YYYY-MM`, of the calendar (`--month`).
struct MonthArgument: ExpressibleByArgument, Sendable {
    let text: String
    /// Nil when the text is not a month of the calendar.
    let month: ReportMonth?

    init(argument: String) {
        text = argument
        month = ReportMonth(argument)
    }

    /// The month, or the usage error `refusal` says of the text.
    func value(_ refusal: (String) -> String) throws(SLAError) -> ReportMonth {
        guard let month else { throw SLAError(.invalidOption, refusal(text)) }
        return month
    }

    /// `sla report` and `sla verify`'s refusal.
    static func notAMonthOfTheCalendar(_ text: String) -> String {
        "--month \(text) is not a month of the calendar: write it YYYY-MM, from 1984-01 to 2100-12, e.g. 2026-10"
    }
}

/// A date, `YYYY-MM-DD` exactly (`--date`, `--on`).
struct DateArgument: ExpressibleByArgument, Sendable {
    let text: String
    /// Nil when the text is not a date written YYYY-MM-DD; any year.
    let date: LocalDate?

    init(argument: String) {
        text = argument
        date = LocalDate(iso8601: Substring(argument))
    }
}

/// A number of hours (`4`, `0.5`, `96`) as whole seconds (`--hours`): hours that are not a whole
/// number of seconds are refused rather than rounded.
struct HoursArgument: ExpressibleByArgument, Sendable {
    let text: String
    let seconds: (value: Int64, whole: Bool)?

    init(argument: String) {
        text = argument
        seconds = DecimalText.seconds(ofHours: argument)
    }

    /// The seconds, or the usage error that says why not.
    func wholeSeconds() throws(SLAError) -> Int64 {
        guard let seconds else {
            throw SLAError(.invalidOption, "--hours '\(text)': expected a number of hours such as 4, 0.5 or 96")
        }
        guard seconds.whole else { throw SLAError(.invalidOption, "--hours '\(text)' is not a whole number of seconds") }
        return seconds.value
    }
}
