import Logging
import SLABatch
import SLACore
import SLATestSupport
import Testing

@Suite struct CalendarLoaderTests {
    let logger = testLogger

    @Test func aFolderReplacesTheFilesItHas() throws {
        let folder = try TemporaryDirectory()
        try folder.write("organisation-days.txt", "2026-12-24 Nochebuena\n")
        let calendar = try CalendarLoader.load(directory: folder.path, logger: logger)
        #expect(calendar.holidays(on: .ymd("2026-12-24")).map(\.name) == ["Nochebuena"])
        #expect(calendar.holidays(on: .ymd("2026-11-16")).map(\.name) == ["Independencia de Cartagena"])
        #expect(calendar.window == .standard)
    }

    @Test func aMalformedFileIsAUsageErrorNamingFileLineAndColumn() throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write("service-window.txt", "monday 07:30 18:00\ntuesday 7.30 18:00\n")
        do {
            _ = try CalendarLoader.load(directory: folder.path, logger: logger)
            Issue.record("loaded")
        } catch {
            #expect(error.code == .invalidConfiguration)
            #expect(error.message.contains("\(path):2:9: '7.30' is not a time"), "\(error.message)")
        }
    }

    @Test func aMissingFolderOrUnreadableTextIsAUsageError() throws {
        #expect(throws: SLAError.self) { try CalendarLoader.load(directory: "/nonexistent/calendars", logger: logger) }
        let folder = try TemporaryDirectory()
        try folder.write("colombia-holidays.txt", bytes: [0x66, 0x69, 0x78, 0xFF, 0xFE])
        do {
            _ = try CalendarLoader.load(directory: folder.path, logger: logger)
            Issue.record("loaded")
        } catch {
            #expect(error.code == .invalidConfiguration)
            #expect(error.message.contains("is not UTF-8"))
        }
    }

    @Test(
        arguments: [
            ("4", 14_400), ("0.5", 1_800), ("96", 345_600), ("10.5", 37_800), ("0", 0), ("1.25", 4_500),
            ("0.0001", -1), ("-4", -1), ("4h", -1), ("", -1), (".5", -1), ("5.", -1), ("1e3", -1)
        ] as [(String, Int64)])
    func hoursAreWholeSeconds(text: String, seconds: Int64) {
        do {
            #expect(try CalendarQueries.parseHours(text) == seconds)
        } catch {
            #expect(seconds == -1, "\(error)")
            #expect(error.code == .invalidOption)
        }
    }

    @Test func queriesAnswerAndRefuse() throws {
        let calendar = TestCalendars.standard
        let csv = try CalendarQueries.holidaysCSV(calendar: calendar, years: 2025...2026)
        #expect(csv.hasPrefix("date,name\n2025-01-01,Año Nuevo\n"))
        #expect(csv.split(separator: "\n").count == 1 + 18 + 19)
        #expect(throws: SLAError.self) { try CalendarQueries.holidaysCSV(calendar: calendar, years: 1983...1984) }
        #expect(throws: SLAError.self) { try CalendarQueries.holidaysCSV(calendar: calendar, years: 2100...2101) }
        #expect(
            try CalendarQueries.due(calendar: calendar, from: "2026-11-13T17:00", hours: "2", clock: .business)
                == "2026-11-17T08:30:00-05:00")
        #expect(
            try CalendarQueries.elapsed(
                calendar: calendar, from: "2026-11-13T17:00", to: "2026-11-17T08:30",
                clock: .business) == "7200")
        #expect(throws: SLAError.self) {
            try CalendarQueries.elapsed(calendar: calendar, from: "2026-11-17T08:30", to: "2026-11-13T17:00", clock: .business)
        }
        #expect(throws: SLAError.self) {
            try CalendarQueries.due(calendar: calendar, from: "2100-12-30T08:00", hours: "96", clock: .business)
        }
    }
}
