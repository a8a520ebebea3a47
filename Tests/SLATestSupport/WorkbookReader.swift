import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads the XML parts of an .xlsx file (a zip) with `unzip -p`, to check what a workbook holds.
public enum WorkbookReader {
    public static func part(_ name: String, of workbook: String) throws -> String {
        try unzip(["-p", workbook, name])
    }

    /// What `unzip` with `arguments` prints.
    static func unzip(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

extension WorkbookReader {
    /// The names of every part of `workbook`.
    public static func partNames(of workbook: String) throws -> [String] {
        try unzip(["-Z1", workbook]).split(separator: "\n").map(String.init)
    }

    /// The XML parts of `workbook` an XML parser refuses, with the parser's reason: what Excel
    /// would call a damaged file.
    public static func malformedParts(of workbook: String) throws -> [String] {
        try partNames(of: workbook).filter { $0.hasSuffix(".xml") || $0.hasSuffix(".rels") }.compactMap { name in
            let parser = XMLParser(data: Data(try part(name, of: workbook).utf8))
            return parser.parse() ? nil : "\(name): \(parser.parserError.map { "\($0)" } ?? "unknown error")"
        }
    }
}
