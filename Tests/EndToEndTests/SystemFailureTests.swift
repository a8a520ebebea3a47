import Foundation
import SLATestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The system failing under sla (SPEC §9, exit 4): a full disk, a folder it may not write, a file
/// that is not its database. Each is named with its path and what to do — no Foundation error dump
/// — and what was committed is consistent, so the rerun after the fix completes the work.
@Suite(.serialized) struct SystemFailureTests {
    /// The files of a folder with their bytes.
    func contents(_ folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            files[name] = FileManager.default.contents(atPath: folder + "/" + name) ?? Data()
        }
        return files
    }

    /// `sla export` and `sla nightly --dry-run` used to add sla's tables to another program's
    /// SQLite file and exit 0.
    @Test func anotherProgramsDatabaseIsRefusedUntouched() throws {
        let folder = try TemporaryDirectory()
        let foreign = folder.path + "/inventory.sqlite"
        try DatabaseDump.execute(
            foreign, "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO item VALUES (1, 'x')")
        let before = try contents(folder.path)
        for arguments in [
            ["export"], ["nightly", "--dry-run"], ["nightly"], ["explain", "C1"], ["report", "--month", "2026-10"],
            ["import", "--clients", try folder.write("c.csv", "client_id,client_name,contract,kam_id\n")]
        ] {
            let result = try BuiltBinary.run(arguments + ["--db", foreign], in: folder.path)
            #expect(result.status == 4, "\(arguments): \(result.standardError)")
            #expect(
                result.standardError.contains("\(foreign) is an SQLite database of another program (tables item)"),
                "\(result.standardError)")
        }
        var after = try contents(folder.path)
        after["c.csv"] = nil
        #expect(after == before)  // not a byte changed, no lock file, no journal files
    }

    @Test func aFileThatIsNotADatabaseIsNamed() throws {
        let folder = try TemporaryDirectory()
        let notes = try folder.write("sla.sqlite", String(repeating: "minutes of the meeting\n", count: 100))
        for arguments in [["nightly"], ["export"], ["import", "--clients", try folder.write("c.csv", "client_id\n")]] {
            let result = try BuiltBinary.run(arguments + ["--db", notes], in: folder.path)
            #expect(result.status == 4, "\(arguments): \(result.standardError)")
            #expect(result.standardError.contains("\(notes) is not an SQLite database"), "\(result.standardError)")
            #expect(!result.standardError.contains("NSCocoaErrorDomain"))
        }
        #expect(try String(contentsOfFile: notes, encoding: .utf8).hasPrefix("minutes of the meeting"))
    }

    /// What a failed night leaves behind (README, "Running it from cron"): its closures committed,
    /// the journal saying it failed and why, no daily folder half written; the rerun completes it.
    @Test func aNightThatCannotWriteItsReportsFailsAndTheRerunCompletesIt() throws {
        let folder = try TemporaryDirectory()
        let database = try copyOfDemo(in: folder)
        let blocked = try folder.write("reports", "a file where the report folder should be\n")
        let failed = try BuiltBinary.run(["nightly", "--db", database, "--as-of", "2026-11-24T07:00", "--reports", blocked])
        #expect(failed.status == 4, "\(failed.standardError)")
        #expect(failed.standardError.contains("cannot create the folder \(blocked)"), "\(failed.standardError)")
        #expect(failed.standardError.contains("Check the report folder (--reports)"))
        let closures = try DatabaseDump.events(database).filter { $0.hasPrefix("sla-auto-closed:") }
        #expect(!closures.isEmpty)  // committed before the files
        #expect(try DatabaseDump.runs(database).last == "nightly failed")

        let reports = folder.path + "/good"
        let rerun = try BuiltBinary.run(["nightly", "--db", database, "--as-of", "2026-11-24T07:00", "--reports", reports])
        #expect(rerun.status == 1, "\(rerun.standardError)")  // the demo's unclassified cases
        #expect(try DatabaseDump.events(database).filter { $0.hasPrefix("sla-auto-closed:") } == closures)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: reports + "/daily/2026-11-24").sorted()
                == ["breaches.csv", "breaches.xlsx", "closures.csv", "due-today.csv", "sla-status.csv"])
        #expect(
            try String(contentsOfFile: reports + "/daily/2026-11-24/closures.csv", encoding: .utf8)
                .split(separator: "\n").count == closures.count + 1)
        #expect(FileManager.default.fileExists(atPath: reports + "/monthly/2026-10"))
    }

    /// `export`, `explain` and a dry run only read: a read-only database in a read-only folder is
    /// enough (they used to fail with an internal migration message). A night that writes says why
    /// it cannot.
    @Test(.enabled(if: getuid() != 0 || SystemFailureTests.hasUnprivilegedUser))
    func readOnlyCommandsWorkOnAReadOnlyDatabase() throws {
        let folder = try TemporaryDirectory()
        let database = try copyOfDemo(in: folder, named: "readonly/sla.sqlite")
        let readOnly = folder.path + "/readonly"
        chmod(database, 0o444)
        chmod(readOnly, 0o555)
        defer { chmod(readOnly, 0o755) }
        let export = try Self.runUnprivileged(["export", "--db", database, "--as-of", "2026-11-23T07:00"], in: folder.path)
        #expect(export.status == 0, "\(export.standardError)")
        #expect(export.standardOutput.split(separator: "\n").count > 100)
        let explain = try Self.runUnprivileged(
            ["explain", "CASO-10001", "--db", database, "--as-of", "2026-11-23T07:00"],
            in: folder.path)
        #expect(explain.status == 0, "\(explain.standardError)")
        let dryRun = try Self.runUnprivileged(
            ["nightly", "--dry-run", "--db", database, "--as-of", "2026-11-24T07:00"],
            in: folder.path)
        #expect(dryRun.status == 1, "\(dryRun.standardError)")
        #expect(dryRun.standardOutput.contains("would be closed automatically"))
        let night = try Self.runUnprivileged(
            [
                "nightly", "--db", database, "--as-of", "2026-11-24T07:00", "--reports",
                folder.path + "/r"
            ], in: folder.path)
        #expect(night.status == 4, "\(night.standardError)")
        #expect(night.standardError.contains("cannot create the lock file \(database).lock"), "\(night.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: readOnly) == ["sla.sqlite"])
    }

    /// A full disk is named as one (it used to be exit 2 with an NSCocoaErrorDomain dump). Needs
    /// a small file system of its own: a tmpfs, which root can mount here.
    @Test(.enabled(if: SystemFailureTests.canMountTmpfs))
    func aFullDiskIsNamedAndTheRerunCompletesTheWork() throws {
        let folder = try TemporaryDirectory()
        let database = try copyOfDemo(in: folder)
        let small = folder.path + "/small"
        try FileManager.default.createDirectory(atPath: small, withIntermediateDirectories: true)
        #expect(Self.shell("mount -t tmpfs -o size=2m tmpfs \(small)") == 0)
        defer { _ = Self.shell("umount \(small)") }
        // Fill it, leaving too little for the breach workbook.
        _ = Self.shell("dd if=/dev/zero of=\(small)/filler bs=1k count=2040 2>/dev/null")
        let full = try BuiltBinary.run(["nightly", "--db", database, "--as-of", "2026-11-24T07:00", "--reports", small])
        #expect(full.status == 4, "\(full.standardError)")
        #expect(full.standardError.contains("the disk is full"), "\(full.standardError)")
        // libxlsxwriter's own "[ERROR] workbook_close(): …" lines are stamped like the rest.
        #expect(full.standardError.split(separator: "\n").allSatisfy(HostileOptionsTests.isStamped), "\(full.standardError)")
        #expect(!full.standardError.contains("NSCocoaErrorDomain"))
        #expect(!FileManager.default.fileExists(atPath: small + "/daily/2026-11-24"))  // never half a folder
        _ = Self.shell("rm -f \(small)/filler")
        let rerun = try BuiltBinary.run(["nightly", "--db", database, "--as-of", "2026-11-24T07:00", "--reports", small])
        #expect(rerun.status == 1, "\(rerun.standardError)")
        #expect(FileManager.default.fileExists(atPath: small + "/daily/2026-11-24/breaches.xlsx"))
    }

    /// `--out` names a file: through a symbolic link, the file it points at is written (the link
    /// stays); a FIFO or a device is written into, never replaced by a regular file.
    @Test func theExportWritesWhereOutPoints() throws {
        let folder = try TemporaryDirectory()
        let database = try copyOfDemo(in: folder)
        let target = try folder.write("target.csv", "old\n")
        #expect(Self.shell("ln -s \(target) \(folder.path)/link.csv") == 0)
        let linked = try BuiltBinary.run([
            "export", "--db", database, "--as-of", "2026-11-23T07:00", "--out", folder.path + "/link.csv"
        ])
        #expect(linked.status == 0, "\(linked.standardError)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder.path + "/link.csv") == target)
        #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("case_id,client_id,"))

        #expect(Self.shell("mkfifo \(folder.path)/fifo") == 0)
        #expect(
            Self.shell(
                """
                cat \(folder.path)/fifo > \(folder.path)/from-fifo.csv & reader=$! ; \
                \(BuiltBinary.path) export --db \(database) --as-of 2026-11-23T07:00 --out \(folder.path)/fifo 2>/dev/null ; \
                status=$? ; wait $reader ; exit $status
                """) == 0)
        #expect(Self.shell("test -p \(folder.path)/fifo") == 0)  // still a FIFO
        #expect(try String(contentsOfFile: folder.path + "/from-fifo.csv", encoding: .utf8).hasPrefix("case_id,"))
    }

    /// Standard output that cannot be written is a failure with a message and exit 4: a reader that
    /// stops early (`| head`) used to kill sla with SIGPIPE (141), and a full disk went unnoticed.
    @Test func standardOutputThatCannotBeWrittenIsExitFour() throws {
        let folder = try TemporaryDirectory()
        let database = try copyOfDemo(in: folder)
        let sla = BuiltBinary.path
        #expect(
            Self.shell(
                "\(sla) export --db \(database) --as-of 2026-11-23T07:00 2>/dev/null | true; exit ${PIPESTATUS[0]}",
                bash: true) == 4)
        #expect(Self.shell("\(sla) explain CASO-10001 --db \(database) --as-of 2026-11-23T07:00 >/dev/full 2>/dev/null") == 4)
        #expect(Self.shell("\(sla) calendar holidays --year 2026 >/dev/full 2>/dev/null") == 4)
        // Nor does a strange progress setting stop anything.
        #expect(Self.shell("SLA_PROGRESS_AFTER=inf \(sla) export --db \(database) --as-of 2026-11-23T07:00 >/dev/null 2>&1") == 0)
    }

    /// A log that cannot be written never stops a night: `2>&1 | head -1`, a closed standard error
    /// and a full disk under both used to kill sla with SIGILL (exit 132) after the closures were
    /// committed — no daily folder, no mail, the journal saying `running`. Now the night finishes
    /// its work and its journal; standard output that cannot be written is exit 4.
    ///
    /// A reader that went away (`| head -1` once it has its line) is a pipe whose read end is
    /// closed before the night starts, so every write fails whatever the machine's speed.
    @Test(arguments: [
        ("\(closedPipe) \"NIGHT\"", Int32(4)),
        ("NIGHT 2>&-", Int32(1)),
        ("NIGHT >/dev/full 2>/dev/full", Int32(4)),
        ("NIGHT 2>/dev/full", Int32(1))
    ])
    func aLogThatCannotBeWrittenNeverStopsTheNight(redirection: String, status: Int32) throws {
        let folder = try TemporaryDirectory()
        let database = try copyOfDemo(in: folder)
        let reports = folder.path + "/reports"
        let night = "\(BuiltBinary.path) nightly --db \(database) --as-of 2026-11-24T07:00 --reports \(reports)"
        let ended = Self.shell(redirection.replacingOccurrences(of: "NIGHT", with: night), bash: true)
        #expect(ended == status, "\(redirection)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: reports + "/daily/2026-11-24").sorted()
                == ["breaches.csv", "breaches.xlsx", "closures.csv", "due-today.csv", "sla-status.csv"])
        let journal = try DatabaseDump.runs(database).last ?? ""
        #expect(journal == "nightly rejected_input", "\(journal)")
        // The journal's summary says the log lost lines (a closed standard error is /dev/null: none lost).
        let summary = try DatabaseDump.rows(database, "SELECT summary FROM run ORDER BY id DESC LIMIT 1").first ?? ""
        #expect(summary.contains("could not be written to standard error") == !redirection.contains("2>&-"), "\(summary)")
    }

    /// Runs the command after it with standard output and error on a pipe nobody reads any more.
    static let closedPipe = """
        python3 -c 'import os, sys; r, w = os.pipe(); os.close(r); os.dup2(w, 1); os.dup2(w, 2); \
        os.execv("/bin/sh", ["sh", "-c", sys.argv[1]])'
        """

    /// `--help` and `--version` whose output cannot be written say so (exit 4), never trap.
    @Test func helpThatCannotBeWrittenIsExitFour() {
        #expect(Self.shell("\(BuiltBinary.path) --version >/dev/full 2>/dev/null") == 4)
        #expect(Self.shell("\(BuiltBinary.path) --version 2>&-") == 0)
        #expect(Self.shell("\(BuiltBinary.path) nightly --bogus 2>/dev/full") == 2)
        // A closed standard output is one that cannot be written, never a file opened in its place.
        #expect(Self.shell("\(BuiltBinary.path) --version >&-") == 4)
        #expect(Self.shell("\(BuiltBinary.path) calendar holidays --year 2026 >&- 2>/dev/null") == 4)
    }

    /// `--out` (and the report folder) that is the database, or a file SQLite and sla keep beside
    /// it, reached by any path — a symbolic link, a hard link — is a usage error: `sla export --out`
    /// on the database used to replace it with CSV and exit 0.
    @Test func anOutputThatIsTheDatabaseIsRefusedUntouched() throws {
        let folder = try TemporaryDirectory()
        let database = try copyOfDemo(in: folder)
        #expect(Self.shell("ln -s \(database) \(folder.path)/symlink.csv && ln \(database) \(folder.path)/hardlink.csv") == 0)
        _ = try folder.write("sla.sqlite.lock", "")
        let before = try Data(contentsOf: URL(fileURLWithPath: database))
        let journal = try DatabaseDump.runs(database)
        for out in [
            database, folder.path + "/symlink.csv", folder.path + "/hardlink.csv", database + "-wal", database + "-shm",
            database + ".lock", database + ".building", folder.path + "/./sla.sqlite"
        ] {
            let result = try BuiltBinary.run(
                ["export", "--db", database, "--as-of", "2026-11-23T07:00", "--out", out], in: folder.path)
            #expect(result.status == 2, "\(out): \(result.standardError)")
            #expect(result.standardError.contains("is the database's"), "\(result.standardError)")
        }
        let relative = try BuiltBinary.run(
            ["export", "--db", "sla.sqlite", "--as-of", "2026-11-23T07:00", "--out", "hardlink.csv"],
            in: folder.path)
        #expect(relative.status == 2, "\(relative.standardError)")
        for reports in [database, folder.path + "/hardlink.csv", database + ".lock"] {
            let night = try BuiltBinary.run(["nightly", "--db", database, "--as-of", "2026-11-24T07:00", "--reports", reports])
            #expect(night.status == 2, "\(reports): \(night.standardError)")
            #expect(night.standardError.contains("the report folder (--reports)"), "\(night.standardError)")
            let report = try BuiltBinary.run(["report", "--db", database, "--month", "2026-10", "--reports", reports])
            #expect(report.status == 2, "\(reports): \(report.standardError)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)
        #expect(try DatabaseDump.runs(database) == journal)
    }

    /// Two runs reach one database through a hard link: the lock was keyed by the path, so both
    /// ran at once. The database file itself is locked as well (flock, as a run holds it).
    @Test func aHardLinkToTheDatabaseMeetsTheLock() throws {
        let folder = try TemporaryDirectory()
        let database = try copyOfDemo(in: folder)
        let link = folder.path + "/other-name.sqlite"
        #expect(Self.shell("ln \(database) \(link)") == 0)
        let held = Self.shell(
            "flock -o \(database) \(BuiltBinary.path) nightly --db \(link) --as-of 2026-11-24T07:00 "
                + "--reports \(folder.path)/r 2>\(folder.path)/err")
        let said = try String(contentsOfFile: folder.path + "/err", encoding: .utf8)
        #expect(held == 3, "\(said)")
        #expect(said.contains("another sla run holds the database"), "\(said)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/r"))
        // Once free, the link is as good a name as any.
        let free = try BuiltBinary.run(["nightly", "--db", link, "--as-of", "2026-11-24T07:00", "--reports", folder.path + "/r"])
        #expect(free.status == 1, "\(free.standardError)")
    }

    /// The message handed to the sendmail program is written beside the database, never in
    /// $TMPDIR (which was created with its parents when missing, and kept the clients' figures
    /// after a SIGKILL): mode 0600 in a 0700 folder, and a killed run's folder is removed by the next.
    @Test func theMessageScratchLivesBesideTheDatabase() throws {
        let folder = try TemporaryDirectory()
        let database = try copyOfDemo(in: folder)
        let seen = folder.path + "/seen"
        let sendmail = try folder.write(
            "sendmail.sh",
            """
            #!/bin/sh
            input="$(readlink /proc/$$/fd/0)"
            printf '%s %s %s\\n' "$input" "$(stat -c %a "$input")" "$(stat -c %a "$(dirname "$input")")" >> \(seen)
            cat > /dev/null

            """)
        chmod(sendmail, 0o755)
        let config = try folder.write(
            "sla.yaml",
            """
            database: sla.sqlite
            reports: reports
            delivery:
              sendmail: \(sendmail)
              from: met@example.co
              daily_to: [coordinacion@example.co]

            """)
        let leftover = folder.path + "/.sla.sqlite.sendmail.99999.killed"
        try FileManager.default.createDirectory(atPath: leftover, withIntermediateDirectories: false)
        _ = try folder.write(".sla.sqlite.sendmail.99999.killed/message.eml", "figures")
        let tmp = folder.path + "/no-such-tmp/deeper"
        let result = try BuiltBinary.run(
            ["nightly", "--config", config, "--as-of", "2026-11-24T07:00"], in: folder.path,
            via: ["/usr/bin/env", "TMPDIR=\(tmp)"])
        #expect(result.status == 1, "\(result.standardError)")
        #expect(result.standardError.contains("sent daily 2026-11-24"), "\(result.standardError)")
        let line = try String(contentsOfFile: seen, encoding: .utf8).split(separator: " ")
        try #require(line.count == 3)
        #expect(line[0].hasPrefix(folder.path + "/.sla.sqlite.sendmail."), "\(line)")
        #expect(line[1] == "600")
        #expect(line[2] == "700\n")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/no-such-tmp"))
        #expect(!FileManager.default.fileExists(atPath: leftover))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".sendmail.") }.isEmpty)
    }

    /// Writing `--out` or a rejects file that fails names that file's place, not "the report folder
    /// (--reports)", which neither command has.
    @Test func aFailureBlamesThePlaceItWasWriting() throws {
        let folder = try TemporaryDirectory()
        let database = try copyOfDemo(in: folder)
        let notes = try folder.write("notes.txt", "a file\n")
        let export = try BuiltBinary.run(["export", "--db", database, "--as-of", "2026-11-23T07:00", "--out", notes + "/x.csv"])
        #expect(export.status == 4, "\(export.standardError)")
        #expect(export.standardError.contains("Check --out"), "\(export.standardError)")
        #expect(!export.standardError.contains("--reports"), "\(export.standardError)")

        let clients = try folder.write("clients.csv", "client_id,client_name,contract,kam_id\nK9,Nueve,cloud,kam-x\n")
        try FileManager.default.createDirectory(atPath: clients + ".rejects.csv", withIntermediateDirectories: false)
        let imported = try BuiltBinary.run(["import", "--db", database, "--clients", clients])
        #expect(imported.status == 4, "\(imported.standardError)")
        #expect(imported.standardError.contains("the folder of the input file"), "\(imported.standardError)")
        #expect(!imported.standardError.contains("--reports"), "\(imported.standardError)")
    }

    /// `sla explain` of a case without a target (P2–P4 without impact or urgency) explains it and
    /// exits 1, as the night lists it: a data problem.
    @Test func explainingACaseWithADataProblemExitsOne() throws {
        let folder = try TemporaryDirectory()
        let database = try SmallFixture.importedDatabase(in: folder)
        try DatabaseDump.execute(database, "UPDATE service_case SET impact = NULL WHERE id = 'C3'")
        let result = try BuiltBinary.run(["explain", "C3", "--db", database, "--as-of", "2026-11-23T14:30"])
        #expect(result.status == 1, "\(result.standardError)")
        #expect(result.standardOutput.contains("no target: P2 without impact or urgency"), "\(result.standardOutput)")
        #expect(result.standardError.contains(" warning sla.explain: data problem: "), "\(result.standardError)")
        let fine = try BuiltBinary.run(["explain", "C2", "--db", database, "--as-of", "2026-11-23T14:30"])
        #expect(fine.status == 0, "\(fine.standardError)")
    }

    /// The sendmail program took the message, then the database refused to record it: the log
    /// said nothing of the delivery, and the rerun sent it again unknowingly. Now the log says it was
    /// sent before the record is tried, the record is tried again as the run goes on, and the run
    /// ends saying which messages went out unrecorded.
    @Test func aDeliveryTheDatabaseCannotRecordIsSaid() throws {
        let folder = try TemporaryDirectory()
        let database = try copyOfDemo(in: folder)
        let capture = try MailCapture()
        let config = try folder.write(
            "sla.yaml",
            """
            database: sla.sqlite
            reports: reports
            delivery:
              sendmail: \(capture.program)
              from: met@example.co
              daily_to: [coordinacion@example.co]

            """)
        try DatabaseDump.execute(
            database,
            """
            CREATE TRIGGER refuse_delivery BEFORE UPDATE OF delivered_at ON outbox WHEN NEW.delivered_at IS NOT NULL
            BEGIN SELECT RAISE(ABORT, 'database is locked'); END;
            """)
        let night = try BuiltBinary.run(["nightly", "--config", config, "--as-of", "2026-11-24T07:00"], in: folder.path)
        #expect(night.status == 4, "\(night.standardError)")
        #expect(try capture.handed().count == 1)
        #expect(night.standardError.contains("sent daily 2026-11-24 to coordinacion@example.co"), "\(night.standardError)")
        #expect(night.standardError.contains("daily 2026-11-24 was handed to the sendmail program at"), "\(night.standardError)")
        #expect(night.standardError.contains("sent but not recorded as delivered: daily 2026-11-24"), "\(night.standardError)")

        // The database allows it again: the next run records the delivery first, and sends nothing twice.
        try DatabaseDump.execute(database, "DROP TRIGGER refuse_delivery")
        let deliver = try BuiltBinary.run(["deliver", "--config", config], in: folder.path)
        #expect(deliver.status == 0, "\(deliver.standardError)")
        #expect(deliver.standardError.contains("recorded the delivery of daily 2026-11-24"), "\(deliver.standardError)")
        #expect(try capture.handed().count == 1)
        #expect(try DatabaseDump.rows(database, "SELECT deliveries FROM outbox WHERE message = 'daily 2026-11-24'") == ["1"])
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/.sla.sqlite.delivered"))
    }

    // MARK: Helpers

    /// A copy of a 600-case demo database, made once by the binary.
    func copyOfDemo(in folder: TemporaryDirectory, named name: String = "sla.sqlite") throws -> String {
        let path = folder.path + "/" + name
        try FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path,
            withIntermediateDirectories: true)
        try DatabaseDump.copy(Self.demo.database, to: path)
        return path
    }

    static let demo: (folder: TemporaryDirectory, database: String) = {
        do {
            let folder = try TemporaryDirectory()
            let database = folder.path + "/demo.sqlite"
            let made = try BuiltBinary.run(["demo", "--db", database, "--cases", "600", "--reports", folder.path + "/reports"])
            guard made.status <= 1 else { fatalError("sla demo failed: \(made.standardError)") }
            // Reset to the imported state: no night run yet.
            try DatabaseDump.execute(
                database,
                """
                DELETE FROM case_event WHERE origin = 'sla'; DELETE FROM settled_case;
                INSERT OR IGNORE INTO case_watch (case_id) SELECT id FROM service_case;
                """)
            return (folder, database)
        } catch {
            fatalError("cannot make the demo database: \(error)")
        }
    }()

    /// Whether this machine has the user `nobody` to run the binary as, when the tests run as root
    /// (root may write anything, so a read-only file proves nothing for it).
    static let hasUnprivilegedUser = getpwnam("nobody") != nil && FileManager.default.fileExists(atPath: "/usr/bin/setpriv")

    /// Runs the binary as `nobody` when the tests run as root, as this user otherwise.
    static func runUnprivileged(_ arguments: [String], in directory: String) throws -> BuiltBinary.Result {
        guard getuid() == 0 else { return try BuiltBinary.run(arguments, in: directory) }
        return try BuiltBinary.run(
            arguments, in: directory,
            via: [
                "/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"
            ])
    }

    /// Whether a tmpfs can be mounted (root with the capability; containers may refuse).
    static let canMountTmpfs: Bool = {
        guard getuid() == 0, let folder = try? TemporaryDirectory() else { return false }
        guard shell("mount -t tmpfs -o size=64k tmpfs \(folder.path) 2>/dev/null") == 0 else { return false }
        _ = shell("umount \(folder.path)")
        return true
    }()

    @discardableResult
    static func shell(_ command: String, bash: Bool = false) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: bash ? "/bin/bash" : "/bin/sh")
        process.arguments = ["-c", command]
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
