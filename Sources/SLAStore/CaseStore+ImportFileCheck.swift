import Foundation
import Logging
import SLACore

extension CaseStore {
    /// Opens an interchange file and reads its header; a file that cannot be read, or whose
    /// header lacks a required column, stops the import before anything is written.
    static func open(_ file: ImportFile, logger: Logger) throws(StoreError)
        -> (reader: CSVReader, header: [String], size: Int)
    {
        let path = file.path
        let kind = file.kind
        let descriptor = Foundation.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StoreError.input(path, errno: errno) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) != S_IFDIR else {
            Foundation.close(descriptor)
            throw StoreError.input(path, errno: EISDIR)
        }
        var reader = CSVReader(file: FileHandle(fileDescriptor: descriptor, closeOnDealloc: true))
        guard let header = reader.next() else {
            throw StoreError(
                .malformedInput, "\(path): the file is empty; expected a header row: \(kind.columns.joined(separator: ","))")
        }
        let names = header.fields.map { String($0.trimmingBlanksAndTabs()).lowercased() }
        let missing = kind.requiredColumns.subtracting(names)
        if !missing.isEmpty, header.fields.contains(where: { $0.contains("\u{0}") || $0.contains("\u{FFFD}") }) {
            throw StoreError(
                .malformedInput,
                """
                \(path):1: the file is not UTF-8 (it looks like UTF-16 or another encoding): save it as UTF-8 \
                with the header \(kind.expectedHeader)
                """)
        }
        guard missing.isEmpty else {
            throw StoreError(
                .malformedInput,
                """
                \(path):1: the header lacks \(missing.sorted().joined(separator: ", ")); \
                expected \(kind.expectedHeader)
                """)
        }
        // A column given twice: which one holds the values is anybody's guess, so neither is read.
        for (position, name) in names.enumerated() where kind.columns.contains(name) {
            if let first = names.firstIndex(of: name), first < position {
                throw StoreError(
                    .malformedInput,
                    """
                    \(path):1: the header gives the column \(name) twice (columns \(first + 1) and \(position + 1)): \
                    keep one of them
                    """)
            }
        }
        let unknown = names.filter { !kind.columns.contains($0) }
        if !unknown.isEmpty { logger.warning("\(path): ignoring unknown columns \(unknown.joined(separator: ", "))") }
        return (reader, header.fields, max(1, Int(status.st_size)))
    }
}
