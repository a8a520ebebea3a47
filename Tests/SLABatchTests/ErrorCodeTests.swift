import Foundation
import SLABatch
import SLAConfig
import SLACore
import SLAMail
import SLAReports
import SLAStore
import SLATestSupport
import Testing

/// Failures that are not about an option have codes of their own (each still a usage error, exit
/// 2), and an error that wraps another names its cause once.
@Suite struct ErrorCodeTests {
    func failure(_ body: () throws(SLAError) -> Void) -> SLAError? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }

    @Test func demoOverADatabaseItDidNotMakeIsNotADemoDatabase() throws {
        let folder = try TemporaryDirectory()
        let database = try SmallFixture.importedDatabase(in: folder)
        let error = failure { () throws(SLAError) in
            _ = try DemoJob.run(
                cases: 10, reportsDirectory: folder.path + "/reports", runner: .test(database),
                calendar: TestCalendars.standard, policy: .standard)
        }
        #expect(error?.code == .notADemoDatabase)
        #expect(error?.message == "\(database) exists and was not made by sla demo: choose another --db")
        #expect(FileManager.default.fileExists(atPath: database))
    }

    @Test func deliveringADayOrMonthNoRunPreparedIsMessageNotPrepared() throws {
        let folder = try TemporaryDirectory()
        let capture = try MailCapture()
        let database = try SmallFixture.importedDatabase(in: folder)
        let mailer = Mailer(
            Installation.Delivery(
                sendmail: capture.program, from: "Mesa <met@example.co>",
                dailyTo: ["coordinacion@example.co"], monthlyToKAMs: true))
        let date = try #require(LocalDate(year: 2026, month: 11, day: 23))
        let october = try #require(ReportMonth(year: 2026, month: 10))
        let day = failure { () throws(SLAError) in
            _ = try DeliverJob.run(.init(date: date), mailer: mailer, runner: .test(database))
        }
        #expect(day?.code == .messageNotPrepared)
        #expect(day?.message.hasPrefix("no daily message of 2026-11-23 was prepared") == true, "\(String(describing: day))")
        let month = failure { () throws(SLAError) in
            _ = try DeliverJob.run(.init(month: october), mailer: mailer, runner: .test(database))
        }
        #expect(month?.code == .messageNotPrepared)
        #expect(month?.message.hasPrefix("no KAM message of 2026-10 was prepared") == true, "\(String(describing: month))")
    }

    @Test func verifyingReportsNeverWrittenOrWithoutManifestHasItsOwnCode() throws {
        let folder = try TemporaryDirectory()
        let database = try SmallFixture.importedDatabase(in: folder)
        func verify(_ target: VerifyJob.Target) -> SLAError? {
            failure { () throws(SLAError) in
                _ = try VerifyJob.run(
                    target, runner: .test(database), calendar: TestCalendars.standard, policy: .standard,
                    inputs: .builtIn)
            }
        }
        let missing = verify(.month(try #require(ReportMonth(year: 2026, month: 9)), reportsDirectory: folder.path + "/reports"))
        #expect(missing?.code == .reportsMissing)
        #expect(missing?.message.hasPrefix("no reports of 2026-09: ") == true)
        let noFolder = verify(.folder(folder.path + "/nowhere"))
        #expect(noFolder?.code == .reportsMissing)

        let written = folder.path + "/old-month"
        try FileManager.default.createDirectory(atPath: written, withIntermediateDirectories: true)
        let old = verify(.folder(written))
        #expect(old?.code == .evidenceMissing)
        #expect(old?.message.contains("has no manifest.json") == true)
    }

    /// The cause a file operation failed with is named, once: a manifest that cannot be read says why.
    @Test func aManifestThatCannotBeReadNamesTheCauseOnce() throws {
        let folder = try TemporaryDirectory()
        let database = try SmallFixture.importedDatabase(in: folder)
        let month = folder.path + "/month"
        // A folder where the manifest should be: read as a file, the system says why not.
        try FileManager.default.createDirectory(atPath: month + "/manifest.json", withIntermediateDirectories: true)
        let error = failure { () throws(SLAError) in
            _ = try VerifyJob.run(
                .folder(month), runner: .test(database), calendar: TestCalendars.standard, policy: .standard,
                inputs: .builtIn)
        }
        let message = try #require(error?.message)
        #expect(error?.code == .permissionDenied)
        #expect(error?.underlying != nil)
        let cause = ReportError.systemReason(of: try #require(error?.underlying))
        #expect(!cause.isEmpty)
        #expect(message == "\(month)/manifest.json: cannot be read (\(cause); check its permissions)")
        #expect(message.components(separatedBy: cause).count == 2, "\(message)")
    }

    /// A job's error that wraps the store's carries the store's message as it is: the cause (SQLite's
    /// own words) once, not again after it.
    @Test func aStoreErrorWrappedByAJobNamesItsCauseOnce() throws {
        let folder = try TemporaryDirectory()
        let database = try folder.write("not-a-database.sqlite", String(repeating: "not sqlite at all\n", count: 200))
        let error = failure { () throws(SLAError) in
            _ = try ExportJob.run(
                .init(asOf: .bogota("2026-11-23T14:30"), output: folder.path + "/out.csv"),
                runner: .test(database), calendar: TestCalendars.standard, policy: .standard)
        }
        let wrapped = try #require(error?.underlying as? StoreError)
        #expect(error?.message == wrapped.message)
        #expect(wrapped.message.contains("is not an SQLite database (file is not a database)"), "\(wrapped.message)")
        #expect(wrapped.message.components(separatedBy: "file is not a database").count == 2, "\(wrapped.message)")
    }

    /// A file's error, carried by the job's, is said once after what could not be read.
    @Test func aMalformedPolicyFileIsSaidOnce() throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write("policy.yaml", "p1: { saas: { hours: two } }\n")
        let error = failure { () throws(SLAError) in _ = try ConfigLoader.policy(at: path, logger: testLogger) }
        let finding = try #require(error?.underlying as? Finding)
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.message == "malformed policy file: \(finding)")
        #expect(finding.file == path && finding.line == 1 && finding.column > 1)
        #expect(finding.severity == .error)
    }
}
