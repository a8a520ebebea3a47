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

                Exit status: 0 success; 1 finished with rejected input, data problems or messages not delivered (listed); 2 usage \
                or configuration error (nothing was done); 3 another run holds the lock; 4 a system \
                failure — a file or the database could not be read or written (disk full, permissions, \
                a damaged or foreign database).
                """,
            version: "sla \(SLAVersion.current) (libxlsxwriter \(XlsxWriterLibrary.version))",
            subcommands: [
                NightlyCommand.self, ImportCommand.self, ReportCommand.self, ExportCommand.self,
                ExplainCommand.self, PolicyCommand.self, ProfileCommand.self, CalendarCommand.self, DemoCommand.self,
                DeliverCommand.self, VerifyCommand.self
            ]
        )
    }

    /// Parses, runs, and ends the process with the SPEC's exit status (§9): argument errors are 2,
    /// not swift-argument-parser's 64.
    static func main() {
        // A reader that stops early (`sla export | head`) is a write error to report, not a signal.
        signal(SIGPIPE, SIG_IGN)
        // Before any file is opened: a closed standard descriptor must not become the database's.
        StandardError.guardStandardDescriptors()
        // Started with SIGCHLD ignored (some supervisors do), the kernel would reap the sendmail
        // program itself and its exit status — delivered or not — would be lost.
        signal(SIGCHLD, SIG_DFL)
        LoggingSystem.bootstrap { label in BogotaLogHandler(label: label) }
        // libxlsxwriter's own error lines, stamped like every other line of the log.
        LibraryLog.capture { line in
            let logger = Logger(label: "sla.libxlsxwriter")
            if line.hasPrefix("[WARNING]") { logger.warning("\(line)") } else { logger.error("\(line)") }
        }
        var command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exit(reporting: error, parsing: true)
        }
        do {
            try command.run()
        } catch {
            exit(reporting: error)
        }
    }

    /// - Parameter parsing: whether the error was met reading the options: then, whatever it is, it
    ///   is a usage error (exit 2). A command's `validate()` refuses a value or a combination with
    ///   an `SLAError`, which ArgumentParser hands on as an error of status 1 with its message
    ///   alone (no usage text after it, as when the same check was made in `run()`).
    private static func exit(reporting error: any Error, parsing: Bool = false) -> Never {
        if let error = error as? SLAError {
            Logger(label: "sla").error("\(error.message)")
            Foundation.exit(ExitStatus.of(error.code))
        }
        let code = exitCode(for: error)
        let message = fullMessage(for: error)
        if code == .success {
            if !message.isEmpty {
                do {
                    try StandardOutput.write(message + "\n")
                } catch {
                    Logger(label: "sla").error("\(error.message)")
                    Foundation.exit(ExitStatus.of(error.code))
                }
            }
            Foundation.exit(ExitStatus.success)
        }
        if let exit = error as? ExitCode { Foundation.exit(exit.rawValue) }
        // The error itself is a log line, stamped like every other; the usage after it is help text.
        let lines = message.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        if let first = lines.first, !first.isEmpty {
            Logger(label: "sla").error("\(first.hasPrefix("Error: ") ? first.dropFirst(7) : first)")
        }
        if lines.count > 1 { StandardError.write(String(lines[1]) + "\n") }
        Foundation.exit(code == .validationFailure || (parsing && code == .failure) ? ExitStatus.usage : code.rawValue)
    }
}

/// The runner of a command's job: its database, its logger.
func makeRunner(database: String, label: String) -> JobRunner {
    JobRunner(database: database, logger: Logger(label: label), crashPoint: CrashPoint.fromEnvironment())
}

/// Ends the command: the outcome's summary line on standard output, exit status 1 when it has findings.
func finish(_ outcome: some JobOutcome, printing line: Bool = true) throws {
    if line { try StandardOutput.write(outcome.summaryLine + "\n") }
    let status = ExitStatus.of(outcome)
    if status != ExitStatus.success { throw ExitCode(status) }
}
