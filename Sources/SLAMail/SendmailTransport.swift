import Foundation

/// The sendmail interface (SPEC §12): `<program> -i -f <from> -- <recipients>` with the message on
/// standard input; exit status 0 is delivery. msmtp, Postfix and Exim all provide it, and cron
/// itself sends through it, so the relay, TLS and passwords stay in that program's configuration.
package struct SendmailTransport: Sendable {
    package var program: String
    /// How long the program may take before the message counts as not delivered.
    package var timeout: Duration

    package init(program: String, timeout: Duration = .seconds(60)) {
        self.program = program
        self.timeout = timeout
    }

    /// Why the program did not take a message.
    package struct Failure: Error, Sendable, CustomStringConvertible {
        package var description: String
        /// The program could not be started or did not answer: the next message would fare no
        /// better, and each would hold the run for the whole time limit.
        package var relayDown = false
    }

    /// The arguments after the program: `-i` (a line with a lone dot is text, not the end), the
    /// envelope sender, and `--` so that no recipient can be read as an option.
    package static func arguments(from sender: String, to recipients: [String]) -> [String] {
        ["-i", "-f", sender, "--"] + recipients
    }

    /// Hands `message` to the program. The message and the program's output go through files,
    /// not pipes, so neither a program that does not read nor one that writes a lot can block
    /// this process; a program that has not finished within `timeout` is killed, with whatever
    /// it started (its own process group).
    ///
    /// `posix_spawn` and `waitpid`, not Foundation's `Process`, whose termination handler on Linux
    /// is never called for a child killed by a signal (seen with Swift 6.3).
    ///
    /// - Parameter beside: the database: the message's scratch folder is made beside it (never in
    ///   `$TMPDIR`, which may be shared), mode 0700 with files of mode 0600, as
    ///   `.<database>.sendmail.<pid>.<random>`; `removeScratch(beside:)` cleans what a killed run
    ///   left. Nil: the system's temporary folder (tests).
    package func send(_ message: String, from sender: String, to recipients: [String], beside database: String? = nil)
        -> Result<Void, Failure>
    {
        let name = "sendmail.\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString)"
        let scratch =
            database.map { Self.scratchPrefix(beside: $0) + name }.map(URL.init(fileURLWithPath:))
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("sla-" + name)
        // The message holds the clients' figures: the folder and its files are the user's alone,
        // and no folder above it is made.
        guard mkdir(scratch.path, 0o700) == 0 else {
            return .failure(
                Failure(
                    description: "the message could not be written for \(program) (\(scratch.path)): "
                        + String(cString: strerror(errno))))
        }
        let written = Array(message.utf8).withUnsafeBufferPointer { bytes -> Int32 in
            let descriptor = open(scratch.path + "/message.eml", O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { return errno }
            defer { close(descriptor) }
            var next = bytes.baseAddress
            var left = bytes.count
            while left > 0, let pointer = next {
                let count = write(descriptor, pointer, left)
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                next = pointer + count
                left -= count
            }
            return 0
        }
        guard written == 0 else {
            try? FileManager.default.removeItem(at: scratch)
            return .failure(
                Failure(
                    description: "the message could not be written for \(program) (\(scratch.path)): "
                        + String(cString: strerror(written))))
        }
        defer { try? FileManager.default.removeItem(at: scratch) }
        let input = scratch.appendingPathComponent("message.eml").path
        let output = scratch.appendingPathComponent("output.txt").path

        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_addopen(&actions, 0, input, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Its own process group, to stop it whole; the default handling of every signal sla or
        // whoever started it may ignore (SIGPIPE, nohup's SIGHUP), and no signal blocked.
        var defaults = sigset_t()
        var none = sigset_t()
        sigemptyset(&defaults)
        sigemptyset(&none)
        for signal in [SIGPIPE, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGCHLD, SIGALRM, SIGUSR1, SIGUSR2] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let arguments = [program] + Self.arguments(from: sender, to: recipients)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, program, &actions, &attributes, &argv, environ)
        guard spawned == 0 else {
            return .failure(
                Failure(
                    description: "\(program) could not be started (\(String(cString: strerror(spawned)))): "
                        + "install a mail transfer agent (msmtp, Postfix) or correct delivery.sendmail",
                    relayDown: true))
        }

        let deadline = ContinuousClock.now + timeout
        var status: Int32 = 0
        while true {
            let waited = waitpid(pid, &status, WNOHANG)
            if waited == pid { break }
            if waited == -1, errno != EINTR {
                return .failure(Failure(description: "\(program) could not be waited for: \(String(cString: strerror(errno)))"))
            }
            if ContinuousClock.now >= deadline {
                kill(-pid, SIGTERM)
                let grace = ContinuousClock.now + .seconds(2)
                var ended = false
                while ContinuousClock.now < grace {
                    if waitpid(pid, &status, WNOHANG) == pid {
                        ended = true
                        break
                    }
                    usleep(20_000)
                }
                kill(-pid, SIGKILL)
                if !ended { _ = waitpid(pid, &status, 0) }
                // Finished with 0 as it was being stopped: it took the message.
                if ended, status & 0x7F == 0, (status >> 8) & 0xFF == 0 { return .success(()) }
                return .failure(
                    Failure(
                        description: "\(program) did not answer within \(timeout.components.seconds) s: it was stopped",
                        relayDown: true))
            }
            usleep(10_000)
        }
        let exited = status & 0x7F == 0
        let code = (status >> 8) & 0xFF
        let signal = status & 0x7F
        guard exited, code == 0 else {
            let said = Self.excerpt(of: URL(fileURLWithPath: output))
            let how = exited ? "exited with status \(code)" : "was killed by signal \(signal)"
            return .failure(Failure(description: "\(program) \(how)" + (said.isEmpty ? "" : ": \(said)")))
        }
        return .success(())
    }

    /// `/srv/sla/.sla.sqlite.` for `/srv/sla/sla.sqlite`: the start of every scratch folder's path.
    static func scratchPrefix(beside database: String) -> String {
        let url = URL(fileURLWithPath: database)
        return url.deletingLastPathComponent().path + "/." + url.lastPathComponent + "."
    }

    /// Removes the scratch folders a killed run left beside `database`. Call it holding the run lock.
    package static func removeScratch(beside database: String) {
        let prefix = scratchPrefix(beside: database)
        let folder = URL(fileURLWithPath: prefix).deletingLastPathComponent().path
        let start = URL(fileURLWithPath: database).lastPathComponent
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix("." + start + ".sendmail.") {
            try? FileManager.default.removeItem(atPath: folder + "/" + name)
        }
    }

    /// What the program said, on one line and short enough for the log.
    private static func excerpt(of file: URL) -> String {
        guard let data = try? Data(contentsOf: file) else { return "" }
        let text = String(decoding: data.prefix(2000), as: UTF8.self)
            .split(whereSeparator: \.isNewline).joined(separator: " | ")
        return text.count > 500 ? String(text.prefix(500)) + "…" : text
    }
}
