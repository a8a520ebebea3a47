public import Foundation

/// A sendmail program for tests: a shell script that keeps what it was handed — its arguments and
/// the message on standard input — as an independent check would capture them. It can be told to
/// fail with an exit status or to take its time.
public final class MailCapture: Sendable {
    public let folder: TemporaryDirectory
    /// The script's path, for `delivery.sendmail`.
    public let program: String

    /// One message handed over.
    public struct Handed: Sendable {
        public var arguments: [String]
        public var message: Data
    }

    public init() throws {
        folder = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: folder.path + "/sent", withIntermediateDirectories: true)
        // Written as a plain file and copied into place by another process: a test forking a
        // child meanwhile (another test's sendmail, sla's binary) would otherwise inherit this
        // process's descriptor open for writing on the script, and running it would fail with
        // "Text file busy" (seen about once in ten test runs).
        let source = try folder.write(
            "sendmail.sh",
            """
            #!/bin/sh
            dir='\(folder.path)'
            if [ -f "$dir/sleep" ]; then sleep "$(cat "$dir/sleep")"; fi
            if [ -f "$dir/exit-status" ]; then cat >/dev/null; echo "relay refused the message" >&2; exit "$(cat "$dir/exit-status")"; fi
            name="$(date +%s%N)-$$"
            printf '%s\\n' "$@" > "$dir/sent/$name.args"
            cat > "$dir/sent/$name.eml"

            """)
        program = folder.path + "/sendmail"
        let copy = try Process.run(URL(fileURLWithPath: "/bin/cp"), arguments: [source, program])
        copy.waitUntilExit()
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: program)
    }

    /// Makes the program exit with `status` without keeping anything (nil: deliver again).
    public func fail(with status: Int32?) throws {
        let path = folder.path + "/exit-status"
        if let status {
            _ = try folder.write("exit-status", "\(status)\n")
        } else {
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    /// Makes the program sleep `seconds` before it does anything.
    public func delay(_ seconds: Int) throws { _ = try folder.write("sleep", "\(seconds)\n") }

    /// What the program was handed, oldest first.
    public func handed() throws -> [Handed] {
        let sent = folder.path + "/sent"
        let names = try FileManager.default.contentsOfDirectory(atPath: sent).filter { $0.hasSuffix(".eml") }.sorted()
        return try names.map { name in
            let stem = sent + "/" + name.dropLast(4)
            let arguments = try String(contentsOfFile: stem + ".args", encoding: .utf8).split(separator: "\n").map(String.init)
            return Handed(arguments: arguments, message: try Data(contentsOf: URL(fileURLWithPath: stem + ".eml")))
        }
    }

    /// What the program was handed, each message parsed by Python's `email` package.
    public func parsed() throws -> [(arguments: [String], mail: ParsedMail)] {
        try handed().map { ($0.arguments, try ParsedMail.parse($0.message)) }
    }
}
