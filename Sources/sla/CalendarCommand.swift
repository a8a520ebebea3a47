public import ArgumentParser
import Logging
import SLABatch
public import SLACore

struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Print the holiday calendar, or check a due date or an elapsed time by hand.",
        subcommands: [Holidays.self, Due.self, Elapsed.self]
    )
}

/// The start and the clock of `calendar due` and `calendar elapsed`.
struct ClockQueryOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The start: an ISO 8601 timestamp; without an offset, Bogotá time.", valueName: "timestamp"))
    var from: InstantArgument

    @Option(help: "business (Monday–Friday service hours without holidays) or 24x7.")
    var clock: ClockKind = .business

    @OptionGroup var settings: Settings
}

extension ClockKind: ExpressibleByArgument {}

extension CalendarCommand {
    struct Holidays: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the holidays of a year, or of a range of years, as CSV (date,name).",
            discussion: "Public holidays by law and the organisation's own days off; two on one date are two rows."
        )

        @Option(help: "The year (1984–2100).")
        var year: Int

        @Option(help: "The last year of a range, included.")
        var to: Int?

        @OptionGroup var settings: Settings

        func validate() throws {
            if let to, to < year { throw ValidationError("--to \(to) is before --year \(year)") }
        }

        func run() throws {
            let calendar = try settings.calendar()
            try StandardOutput.write(try CalendarQueries.holidaysCSV(calendar: calendar, years: year...(to ?? year)))
        }
    }

    struct Due: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the instant at which a number of hours have elapsed on a clock.",
            discussion: """
                A start outside the service window counts from the next opening; a due instant on a \
                window's end is that end. Example: sla calendar due --from 2026-11-13T17:00 --hours 8
                """
        )

        @Option(help: "Hours to count, e.g. 4, 0.5 or 96.")
        var hours: HoursArgument

        @OptionGroup var query: ClockQueryOptions

        func validate() throws {
            _ = try query.from.instant("--from")
            _ = try hours.wholeSeconds()
        }

        func run() throws {
            let calendar = try query.settings.calendar()
            let due = try CalendarQueries.due(
                calendar: calendar, from: try query.from.instant("--from"),
                seconds: try hours.wholeSeconds(), clock: query.clock)
            try StandardOutput.write(due + "\n")
        }
    }

    struct Elapsed: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the seconds a clock counts between two instants."
        )

        @Option(help: ArgumentHelp("The end, not before the start.", valueName: "timestamp"))
        var to: InstantArgument

        @OptionGroup var query: ClockQueryOptions

        func validate() throws {
            let start = try query.from.instant("--from")
            let end = try to.instant("--to")
            guard start <= end else { throw SLAError(.invalidOption, "--to \(to.text) is before --from \(query.from.text)") }
        }

        func run() throws {
            let calendar = try query.settings.calendar()
            let elapsed = try CalendarQueries.elapsed(
                calendar: calendar, from: try query.from.instant("--from"),
                to: try to.instant("--to"), clock: query.clock)
            try StandardOutput.write(elapsed + "\n")
        }
    }
}
