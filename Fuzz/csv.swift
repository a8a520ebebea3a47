// libFuzzer target `csv`: the CSV reader of SLAStore on any bytes, read whole from an array and
// from a file in small windows, which must give the same records.
//
// The first byte of the input chooses the file reader's chunk, 1…7 bytes (the whole input,
// first byte included, is the CSV text).
//
// Built by scripts/fuzz.sh in one module with Sources/SLAStore/CSVReader.swift alone (it needs
// only Foundation), so no `import SLAStore`. Its checks are Fuzz/Checks/CSVCheck.swift, which
// `make test` also runs on every file of Fuzz/corpus/csv/ and Fuzz/regressions/csv/, with every
// chunk size.

import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    let chunk = 1 + Int(input.first ?? 0) % 7
    CSVFuzzCheck.run(input, chunk: chunk, scratch: scratchFile)
    return 0
}

/// The file the input is written to for the file reader: one per process, removed at once.
let scratchFile: FileHandle = {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("sla-fuzz-csv-\(getpid())").path
    guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forUpdatingAtPath: path) else {
        fatalError("cannot create \(path)")
    }
    unlink(path)
    return handle
}()
