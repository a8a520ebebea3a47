import Foundation
import SLABatch
import SLACore
import SLAStore
import SLATestSupport
import Testing

/// `sla import` as a job: the rejects files, and an import that cannot list its rejected rows.
@Suite struct ImportJobTests {
    static let clients = """
        client_id,client_name,contract,kam_id,kam_name,kam_email
        K1,Clínica,saas,kam-ana,Ana,ana@example.co
        K2,Alcaldía,mixto,kam-ana,Ana,ana@example.co

        """
    static let cases = """
        case_id,client_id,type,priority,created_at
        C1,K1,incidente,P1,2026-11-13T08:00
        C2,K9,incidente,P1,2026-11-13T08:00

        """

    @Test func rejectedRowsGoToARejectsFileAndACleanImportRemovesIt() throws {
        let folder = try TemporaryDirectory()
        let database = folder.path + "/sla.sqlite"
        let clients = try folder.write("clients.csv", Self.clients)
        let cases = try folder.write("cases.csv", Self.cases)
        let outcome = try TestImport.more(database, clients: clients, cases: cases)
        #expect(outcome.files == [clients + ".rejects.csv", cases + ".rejects.csv"])
        #expect(
            outcome.findings.map(\.description) == [
                "\(clients):3: contract: contract 'mixto' is not one of saas, on_premise",
                "\(cases):3: client_id: unknown client 'K9': import it in clients.csv first"
            ])
        let rejects = try String(contentsOfFile: cases + ".rejects.csv", encoding: .utf8)
        #expect(
            rejects == """
                line,column,reason,case_id,client_id,type,priority,created_at
                3,client_id,unknown client 'K9': import it in clients.csv first,C2,K9,incidente,P1,2026-11-13T08:00

                """)
        try folder.write("cases.csv", "case_id,client_id,type,priority,created_at\nC3,K1,consulta,P2,2026-11-14T08:00\n")
        let clean = try TestImport.more(database, cases: cases)
        #expect(clean.findings.isEmpty && clean.files.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: cases + ".rejects.csv"))
        #expect(FileManager.default.fileExists(atPath: clients + ".rejects.csv"))  // another file's stays
    }

    /// The rejects file is written before the import commits: when it cannot be, nothing of any
    /// file is imported (it used to commit the clients and cases and never read the events).
    @Test func anUnwritableRejectsFileStopsTheImportWithNothingCommitted() throws {
        let folder = try TemporaryDirectory()
        let database = folder.path + "/sla.sqlite"
        try CaseStore.open(database, for: .create).close()  // an import into a database that is there
        let clients = try folder.write("clients.csv", Self.clients)
        let cases = try folder.write("cases.csv", Self.cases)
        // Where the clients' rejects are written first, a folder stands (root may write anywhere,
        // but nobody can open a folder as a file).
        let temporary = folder.path + "/.clients.csv.rejects.csv.\(ProcessInfo.processInfo.processIdentifier).tmp"
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        let error = #expect(throws: SLAError.self) { try TestImport.more(database, clients: clients, cases: cases) }
        #expect(error?.code == .permissionDenied)
        #expect(error?.message.contains("nothing was imported") == true)
        #expect(try DatabaseDump.count(database, "client") == 0)
        #expect(try DatabaseDump.count(database, "service_case") == 0)
        #expect(try DatabaseDump.runs(database) == ["import failed"])
        #expect(!FileManager.default.fileExists(atPath: cases + ".rejects.csv"))
    }

    /// A folder where the rejects file should go is found before the import commits (it used to
    /// be found by the rename after it, and the rejected rows were listed nowhere).
    @Test func aFolderInTheRejectsFilesPlaceStopsTheImport() throws {
        let folder = try TemporaryDirectory()
        let database = folder.path + "/sla.sqlite"
        let clients = try folder.write("clients.csv", Self.clients)
        try FileManager.default.createDirectory(atPath: clients + ".rejects.csv/keep", withIntermediateDirectories: true)
        let error = #expect(throws: SLAError.self) { try TestImport.more(database, clients: clients) }
        #expect(error?.code == .permissionDenied)
        #expect(error?.message.contains("cannot write the rejects file \(clients).rejects.csv") == true)
        // The first import, which was to create the database, leaves none, as if it never ran.
        #expect(!FileManager.default.fileExists(atPath: database))
        #expect(!FileManager.default.fileExists(atPath: CaseStore.buildingPath(for: database)))
    }
}
