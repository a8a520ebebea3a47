import Foundation
package import SLACore

/// `closures.csv` (SPEC §7): the acceptance periods a night closed, by deadline.
package enum ClosureTable {
    package static let header = ["case_id", "client_id", "solved_at", "deadline", "closed_at"]

    package static func csv(_ closures: [CaseClosure]) -> String {
        var writer = CSVWriter(header: header)
        for closure in closures {
            writer.appendRow([
                closure.caseID, closure.clientID, closure.solvedAt.description,
                closure.deadline.description, closure.closedAt.description
            ])
        }
        return writer.text
    }

    /// Writes `closures.csv` to `path` from the closures `produce` hands on (see the generic form).
    package static func write(to path: String, _ produce: (_ row: (CaseClosure) -> Bool) throws(ReportError) -> Void)
        throws(ReportError)
    {
        try write(to: path, failure: { $0 }, produce)
    }

    /// Writes `closures.csv` to `path` as `csv` makes it, a closure at a time: `produce` hands
    /// each to the function it is given, which returns false once writing failed (`produce` should
    /// then stop). The file holds a megabyte at a time, whatever the number of closures.
    /// `produce`'s own error (the database's, as it streams the closures) passes through as it is;
    /// the file's failures become the caller's error by `failure`.
    package static func write<E: Error>(
        to path: String, failure: (ReportError) -> E,
        _ produce: (_ row: (CaseClosure) -> Bool) throws(E) -> Void
    ) throws(E) {
        try ReportFile.write(to: path, failure: failure) { temporary throws(E) in
            let descriptor = try ReportFile.converting(failure) { () throws(ReportError) in try ReportFile.create(temporary) }
            defer { close(descriptor) }
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 20 + 4096)
            CSVWriter.appendRow(header, to: &buffer)
            var writeFailure: ReportError?
            func flush() {
                guard writeFailure == nil else { return }
                do throws(ReportError) {
                    try buffer.withUnsafeBufferPointer { bytes throws(ReportError) in
                        try ReportFile.writeAll(bytes, to: descriptor, path: temporary)
                    }
                } catch {
                    writeFailure = error
                }
                buffer.removeAll(keepingCapacity: true)
            }
            try produce { closure in
                CSVWriter.appendRow(
                    [
                        closure.caseID, closure.clientID, closure.solvedAt.description,
                        closure.deadline.description, closure.closedAt.description
                    ], to: &buffer)
                if buffer.count >= 1 << 20 { flush() }
                return writeFailure == nil
            }
            flush()
            if let writeFailure { throw failure(writeFailure) }
        }
    }
}
