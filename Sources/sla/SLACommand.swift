import ArgumentParser
import Foundation
import Logging
import SLABatch
import SLAReports

@main
struct SLACommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "sla",
            abstract: "SLA clocks, breach lists, automatic closure and KAM reports for a Colombian service desk.",
            discussion: """
                Times are Bogotá time (UTC−05:00). The business clock runs Monday to Friday, 07:30 to \
                18:00, without Colombian public holidays; the calendar is built in and can be replaced \
                with --calendars DIR.

                Exit status: 0 success; 1 finished with rejected input or data problems; 2 usage or \
                configuration error; 3 another run holds the lock.
                """,
            version: "sla \(slaVersion) (libxlsxwriter \(XlsxWriterLibrary.version))",
            subcommands: [NightlyCommand.self, ImportCommand.self, ReportCommand.self, ExportCommand.self, ExplainCommand.self, CalendarCommand.self, DemoCommand.self]
        )
    }

    static let slaVersion = "0.1.0"

    /// Parses, runs, and ends the process with the SPEC's exit status (§9): argument errors are 2,
    /// not swift-argument-parser's 64.
    static func main() {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .info
            return handler
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(reporting: error)
        }
    }

    private static func exit(reporting error: any Error) -> Never {
        if let error = error as? SLAError {
            FileHandle.standardError.write(Data("sla: error: \(error.message)\n".utf8))
            Foundation.exit(error.code.exitStatus)
        }
        let code = exitCode(for: error)
        let message = fullMessage(for: error)
        if code == .success {
            if !message.isEmpty { print(message) }
            Foundation.exit(0)
        }
        if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
        Foundation.exit(code == .validationFailure ? SLAError.Code.usage.exitStatus : code.rawValue)
    }
}
