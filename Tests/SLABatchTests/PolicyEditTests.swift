import Foundation
import SLABatch
import SLACore
import SLATestSupport
import Testing

/// A policy edit recomputes as if it had always been so (SPEC §10), the settled history included:
/// a closure written under five days is withdrawn when the client's agreement gives ten, written
/// again at the new deadline, and moved back when the edit is undone.
@Suite struct PolicyEditTests {
    static let cases = """
        case_id,client_id,product,type,priority,impact,urgency,created_at,summary
        A1,K1,KACTUS,incidente,P3,media,media,2026-11-02T08:00,solved on Monday 2 November

        """
    static let events = """
        event_id,case_id,at,kind,level,note
        1,A1,2026-11-02T10:00,solved,,

        """

    /// Ten business days for K1: from Tuesday 3 November, without Monday 16 (a holiday), the
    /// tenth is Tuesday 17.
    static let tenDays: Policy = {
        var changes = TermsChanges()
        changes.acceptanceBusinessDays = 10
        return Policy(
            defaults: .standard,
            agreements: [
                Agreement(
                    name: "Diez días", clients: ["K1"], changes: changes,
                    over: .standard)
            ])
    }()

    func night(_ database: String, _ asOf: String, _ policy: Policy, _ folder: TemporaryDirectory, dryRun: Bool = false)
        throws -> NightlyJob.Outcome
    {
        try NightlyJob.run(
            .init(asOf: .bogota(asOf), reportsDirectory: folder.path + "/reports", dryRun: dryRun),
            runner: .test(database), calendar: TestCalendars.standard, policy: policy)
    }

    func closures(_ database: String) throws -> [String] {
        try DatabaseDump.events(database).filter { $0.contains("|auto_closed|") }.map { line in
            String(line.split(separator: "|")[2])
        }
    }

    @Test func aSettledClosureFollowsAnEditOfTheAcceptancePeriod() throws {
        let folder = try TemporaryDirectory()
        let database = try TestImport.database(
            in: folder, clients: NightlyClosureTests.clients, cases: Self.cases,
            events: Self.events)
        let first = try night(database, "2026-11-10T02:00", .standard, folder)
        #expect(first.closures.map(\.deadline) == [.bogota("2026-11-09T18:00")])
        #expect(first.evaluated == 0, "closed, and settled")
        let quiet = try night(database, "2026-11-11T02:00", .standard, folder)
        #expect(quiet.closures.isEmpty && quiet.evaluated == 0)

        // Under ten days, a dry run already sees the case open again; it writes nothing.
        let preview = try night(database, "2026-11-11T02:00", Self.tenDays, folder, dryRun: true)
        #expect(preview.evaluated == 1)
        #expect(try closures(database) == [String(Instant.bogota("2026-11-09T18:00").secondsSince1970)])

        let edited = try night(database, "2026-11-11T02:00", Self.tenDays, folder)
        #expect(edited.evaluated == 1, "awaiting the client until 17 November")
        #expect(try closures(database).isEmpty, "the closure no period stands behind is withdrawn")
        let later = try night(database, "2026-11-18T02:00", Self.tenDays, folder)
        #expect(later.closures.map(\.deadline) == [.bogota("2026-11-17T18:00")])
        #expect(try night(database, "2026-11-19T02:00", Self.tenDays, folder).evaluated == 0)

        // The edit undone: the closure goes back to 9 November.
        let undone = try night(database, "2026-11-19T03:00", .standard, folder)
        #expect(undone.closures.map(\.deadline) == [.bogota("2026-11-09T18:00")])
        #expect(try closures(database) == [String(Instant.bogota("2026-11-09T18:00").secondsSince1970)])
        // A target edit moves no deadline: the settled history is not read again.
        var targets = Policy.standard.defaults
        targets.matrix[1][1] = 3600
        let retargeted = try night(database, "2026-11-20T02:00", Policy(defaults: targets), folder)
        #expect(retargeted.evaluated == 0)
        #expect(try DatabaseDump.count(database, "case_watch") == 0)
    }
}
