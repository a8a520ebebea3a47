import Foundation
import GRDB
import SLACore
import SLAStore
import SLATestSupport
import Testing

/// A database a run creates is built beside its path and put there only when it is complete:
/// until then nothing is at the path, and what appears there meanwhile is never replaced.
@Suite struct NewDatabaseTests {
    @Test func aNewDatabaseAppearsOnlyWhenItIsComplete() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path + "/sla.sqlite"
        let building = CaseStore.buildingPath(for: path)
        // What a killed run left is removed.
        _ = try folder.write("sla.sqlite.building", "half a database")
        _ = try folder.write("sla.sqlite.building-journal", "its journal")

        let store = try CaseStore.openToCreate(path)
        let run = try store.beginRun(command: "import", startedAt: .bogota("2026-11-23T02:00"), asOf: nil)
        try store.finishRun(run, at: .bogota("2026-11-23T02:01"), outcome: .succeeded, summary: "built")
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: building + "-journal"))
        // A night started meanwhile is told why there is no database yet.
        let meanwhile = #expect(throws: StoreError.self) { try CaseStore.check(path, for: .write) }
        #expect(meanwhile?.code == .databaseMissing)
        #expect(meanwhile?.message.contains("sla import is building it as \(building)") == true)
        try store.closeAndPublish()
        // A second close does nothing: it neither touches the closed connection nor removes a
        // file that now has the building file's name.
        _ = try folder.write("sla.sqlite.building", "another run's")
        store.close()
        #expect(FileManager.default.fileExists(atPath: building))
        try FileManager.default.removeItem(atPath: building)

        #expect(try files(folder) == ["sla.sqlite"])
        #expect(try DatabaseDump.rows(path, "PRAGMA journal_mode") == ["wal"])
        #expect(try DatabaseDump.rows(path, "PRAGMA integrity_check") == ["ok"])
        let reopened = try CaseStore.open(path, for: .read)
        defer { reopened.close() }
        #expect(try reopened.journal().map(\.summary) == ["built"])
    }

    @Test func whatAppearsAtThePathMeanwhileIsNeverReplaced() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path + "/sla.sqlite"
        let store = try CaseStore.openToCreate(path)
        _ = try folder.write("sla.sqlite", "someone else's file")
        #expect(throws: StoreError.self) { try store.closeAndPublish() }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "someone else's file")
        // The database built is left where the message says.
        #expect(try DatabaseDump.rows(CaseStore.buildingPath(for: path), "PRAGMA integrity_check") == ["ok"])
    }

    @Test func aRunThatFailsLeavesNoDatabase() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path + "/sla.sqlite"
        let store = try CaseStore.openToCreate(path)
        _ = try store.beginRun(command: "import", startedAt: .bogota("2026-11-23T02:00"), asOf: nil)
        store.close()  // without closeAndPublish: the run failed
        #expect(try files(folder) == [])
    }

    @Test func anExistingFileIsOpenedWhereItIs() throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write("sla.sqlite", "")
        let store = try CaseStore.openToCreate(path)
        #expect(!FileManager.default.fileExists(atPath: CaseStore.buildingPath(for: path)))
        try store.closeAndPublish()
        #expect(try DatabaseDump.rows(path, "PRAGMA journal_mode") == ["wal"])
    }

    func files(_ folder: TemporaryDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }
}
