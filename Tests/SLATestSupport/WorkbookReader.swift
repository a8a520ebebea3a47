import Foundation

/// Reads the XML parts of an .xlsx file (a zip) with `unzip -p`, to check what a workbook holds.
public enum WorkbookReader {
    public static func part(_ name: String, of workbook: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        process.arguments = ["-p", workbook, name]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
