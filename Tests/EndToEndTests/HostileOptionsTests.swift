import Foundation
import SLATestSupport
import Testing

/// The built binary on options a tired operator, a typo or a script can give it (issue 12): every
/// run ends with one of the SPEC's exit statuses (§9) and a message — never a signal, a backtrace
/// or a Foundation error dump. `sla report --month 9999-12` and `sla nightly --as-of 0001-01-15`
/// used to crash with exit 132.
@Suite struct HostileOptionsTests {
    /// The files the options point at, made once: `$DB` sla's database (SmallFixture) — `$DB2` a
    /// copy, for the one row that takes its lock beside `sla demo`'s refusal — `$TEXT` a
    /// text file, `$FOREIGN` another program's SQLite database, `$FOLDER` a folder, `$CLIENTS` a
    /// clients file, `$NEW` a path where nothing is yet, `$NEWDB1`… new databases (one per row: the
    /// rows run at once, and two imports of one database would meet at its lock).
    static let places: [String: String] = {
        do {
            let folder = try TemporaryDirectory()
            let database = try SmallFixture.importedDatabase(in: folder)
            let second = folder.path + "/second.sqlite"
            try DatabaseDump.copy(database, to: second)
            let foreign = folder.path + "/foreign.sqlite"
            try DatabaseDump.execute(foreign, "CREATE TABLE invoice (id INTEGER PRIMARY KEY, total REAL)")
            keep.append(folder)
            return [
                "$DB": database, "$DB2": second, "$TEXT": try folder.write("notes.txt", "not a database\n"), "$FOREIGN": foreign,
                "$FOLDER": folder.path, "$CLIENTS": folder.path + "/clients.csv", "$NEW": folder.path + "/new/x.sqlite",
                "$NEWDB1": folder.path + "/new1.sqlite", "$NEWDB2": folder.path + "/new2.sqlite",
                "$NEWDB3": folder.path + "/new3.sqlite", "$NEWDB4": folder.path + "/new4.sqlite",
                "$BADPOLICY": try folder.write("policy.yaml", "at_risk_percent: 75\nmatrix:\n  alta: { alta: 0.3333 }\n"),
                "$BADCONFIG": try folder.write("sla.yaml", "database: sla.sqlite\ndelivery:\n  from: nobody\n"),
                "$BOMB": try folder.write(
                    "bomb.yaml",
                    (1...40).reduce("a0: &a0 {x: 1}\n") { text, level in
                        text
                            + "a\(level): &a\(level) {*a\(level - 1) : 1, [*a\(level - 1)] : 2, [*a\(level - 1), *a\(level - 1)] : 3}\n"
                    }),
                "$WIDEBOMB": try folder.write(
                    "wide.yaml",
                    (1...40).reduce("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n") { text, level in
                        text + "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
                            + "]\n"
                    }),
                "$TAGGED": try folder.write("tagged.yaml", "at_risk_percent: !!str 50\n"),
                "$FIFO": try fifo(folder.path + "/policy-fifo.yaml")
            ]
        } catch {
            fatalError("cannot make the places: \(error)")
        }
    }()
    nonisolated(unsafe) static var keep: [TemporaryDirectory] = []

    /// A FIFO nobody writes to: reading it would wait for ever.
    static func fifo(_ path: String) throws -> String {
        guard mkfifo(path, 0o644) == 0 else { throw CocoaError(.fileWriteUnknown) }
        return path
    }

    static let cases: [(arguments: [String], status: Int32)] = [
        (["report", "--db", "$DB", "--month", "9999-12"], 2),
        (["report", "--db", "$DB", "--month", "0000-01"], 2),
        (["report", "--db", "$DB", "--month", "1983-12"], 2),
        (["report", "--db", "$DB", "--month", "2101-01"], 2),
        (["report", "--db", "$DB", "--month", "2026-13"], 2),
        (["report", "--db", "$DB", "--month", "2099-01"], 2),
        (["report", "--db", "$DB"], 2),
        (["nightly", "--db", "$DB", "--as-of", "0001-01-15"], 2),
        (["nightly", "--db", "$DB", "--as-of", "9999-12-31T23:59:59"], 2),
        (["nightly", "--db", "$DB", "--as-of", "2099-01-01", "--reports", "$FOLDER/r"], 2),
        (["nightly", "--db", "$DB", "--as-of", "2099-01-01", "--dry-run"], 1),
        (["nightly", "--db", "$DB", "--as-of", "yesterday"], 2),
        (["nightly", "--db", "$DB", "--as-of", "2026-02-30"], 2),
        (["nightly", "--db", "$DB", "--as-of", "2026-11-23T25:00"], 2),
        (["nightly", "--db", "$DB", "--as-of", ""], 2),
        (["nightly", "--db", "$DB", "--as-of", "2026-11-23T14:30+99:00"], 2),
        (["nightly", "--db", "$DB", "--bogus"], 2),
        (["nightly", "--db", "$DB", "--calendars", "$FOLDER/none"], 2),
        (["nightly", "--db", "$DB", "--calendars", "$TEXT"], 2),
        (["export", "--db", "$DB", "--as-of", "0001-01-15"], 2),
        (["explain", "nope", "--db", "$DB"], 2),
        (["explain", "", "--db", "$DB"], 2),
        (["explain", "C1\nforged log line", "--db", "$DB"], 2),
        (["calendar", "holidays", "--year", "99999999999999999999"], 2),
        (["calendar", "holidays", "--year", "-5"], 2),
        (["calendar", "holidays", "--year", "2026", "--to", "9999"], 2),
        (["calendar", "due", "--from", "2100-12-31T17:00", "--hours", "96"], 2),
        (["calendar", "due", "--from", "2026-11-13", "--hours", "9999999"], 2),
        (["calendar", "due", "--from", "2026-11-13", "--hours", "1e309"], 2),
        (["calendar", "elapsed", "--from", "0001-01-01", "--to", "9999-12-31"], 2),
        (["demo", "--db", "$FOLDER/demo.sqlite", "--cases", "0"], 2),
        (["demo", "--db", "$FOLDER/demo.sqlite", "--cases", "99999999999999999999"], 2),
        (["demo", "--db", "$DB"], 2),
        (["nightly", "--db", "/nonexistent/sla.sqlite"], 2),
        (["nightly", "--db", "/dev/null"], 2),
        (["import", "--db", "/nonexistent/folder/x.sqlite", "--clients", "$CLIENTS"], 2),
        (["import", "--db", "$NEWDB1", "--clients", "/nonexistent.csv"], 2),
        (["import", "--db", "$NEWDB2", "--clients", "$FOLDER"], 2),
        (["import", "--db", "$NEWDB3", "--clients", "$TEXT"], 2),
        (["nightly", "--db", "$TEXT"], 4),
        (["export", "--db", "$TEXT"], 4),
        (["nightly", "--db", "$FOREIGN"], 4),
        (["nightly", "--db", "$FOREIGN", "--dry-run"], 4),
        (["export", "--db", "$FOREIGN"], 4),
        (["explain", "C1", "--db", "$FOREIGN"], 4),
        (["import", "--db", "$FOREIGN", "--clients", "$CLIENTS"], 4),
        (["nightly", "--db", "$FOLDER"], 2),
        (["export", "--db", "$FOLDER"], 2),
        (["explain", "C1", "--db", "$FOLDER"], 2),
        (["import", "--db", "$FOLDER", "--clients", "$CLIENTS"], 2),
        (["nightly", "--db", "$DB", "--policy", "/dev/null"], 2),
        (["policy", "check", "--policy", "$FIFO"], 2),
        (["nightly", "--config", "/dev/null"], 2),
        (["nightly", "--db", "$DB2", "--as-of", "2026-11-23T14:30", "--reports", "$TEXT"], 4),
        (["export", "--db", "$DB", "--as-of", "2026-11-23T14:30", "--out", "$TEXT/x.csv"], 4),
        (["nightly", "--db", "$DB", "--policy", "$FOLDER/none.yaml"], 2),
        (["nightly", "--db", "$DB", "--policy", "$TEXT"], 2),
        (["nightly", "--db", "$DB", "--policy", "$FOLDER"], 2),
        (["report", "--db", "$DB", "--month", "2026-11", "--policy", "$BADPOLICY"], 2),
        (["export", "--db", "$DB", "--policy", "$BADPOLICY"], 2),
        (["explain", "C1", "--db", "$DB", "--policy", "$BADPOLICY"], 2),
        (["demo", "--db", "$NEWDB4", "--policy", "$BADPOLICY"], 2),
        (["policy", "check", "--policy", "$BADPOLICY"], 2),
        (["policy", "check", "--policy", "$DB"], 2),
        (["policy", "check", "--on", "2026-02-30"], 2),
        (["policy", "check", "--db", "$FOREIGN"], 4),
        (["policy", "check", "--db", "$FOLDER/none.sqlite"], 2),
        (["nightly", "--config", "$FOLDER/none.yaml"], 2),
        (["nightly", "--config", "$TEXT"], 2),
        (["import", "--config", "$BADCONFIG", "--clients", "$CLIENTS"], 2),
        (["calendar", "holidays", "--year", "2026", "--config", "$BADCONFIG"], 2),
        (["policy", "check", "--on", "+026-01-01"], 2),
        (["policy", "check", "--on", "0026-01-01"], 2),
        (["policy", "check", "--on", "2026-1-01"], 2),
        (["policy", "check", "--policy", "$BOMB"], 2),
        (["policy", "check", "--policy", "$WIDEBOMB"], 2),
        (["nightly", "--db", "$DB", "--policy", "$BOMB"], 2),
        (["nightly", "--config", "$BOMB"], 2),
        (["export", "--db", "$DB", "--config", "$WIDEBOMB"], 2),
        (["policy", "check", "--policy", "$TAGGED"], 2),
        (["export", "--db", "$DB", "--as-of", "2026-11-23T14:30", "--out", "$DB"], 2),
        (["export", "--db", "$DB", "--as-of", "2026-11-23T14:30", "--out", "$DB-wal"], 2),
        (["nightly", "--db", "$DB2", "--as-of", "2026-11-23T14:30", "--reports", "$DB2"], 2),
        (["report", "--db", "$DB2", "--month", "2026-10", "--reports", "$DB2.lock"], 2),
        (["--version"], 0)
    ]

    @Test(arguments: cases.indices)
    func endsWithAnExitStatusAndAMessage(index: Int) throws {
        let (template, status) = Self.cases[index]
        let arguments = template.map { argument in
            // Longest name first: $DB must not eat the start of $DB2.
            Self.places.sorted { $0.key.count > $1.key.count }.reduce(argument) {
                $0.replacingOccurrences(of: $1.key, with: $1.value)
            }
        }
        let result = try BuiltBinary.run(arguments, in: Self.places["$FOLDER"])
        let shown = "sla \(arguments.joined(separator: " ")) → \(result.status)\n\(result.standardError)"
        #expect(result.status == status, "\(shown)")
        #expect(result.status < 128, "\(shown)")
        for crash in ["Fatal error", "backtrace", "Backtrace", "NSCocoaErrorDomain", "Stack dump", "Crash"] {
            #expect(!result.standardError.contains(crash), "\(shown)")
        }
        if status != 0 {
            // A stamped line says what went wrong (an error; for exit 1, the data problems), in Bogotá time.
            let level = status == 1 ? " warning " : " error "
            #expect(
                result.standardError.split(separator: "\n").contains { Self.isStamped($0) && $0.contains(level) },
                "\(shown)")
        }
    }

    /// `2026-11-24T02:00:03-05:00 error sla: …`.
    static func isStamped(_ line: Substring) -> Bool {
        line.wholeMatch(
            of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-05:00 (trace|debug|info|notice|warning|error|critical) [a-z.]+: .*/) != nil
    }
}
