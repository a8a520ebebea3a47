import CXlsxWriter
import Foundation
import Synchronization

/// libxlsxwriter's own error lines (`[ERROR] workbook_close(): … No space left on device`) went to
/// standard error as the library printed them: without the Bogotá stamp, breaking the log's one
/// format. The C library's `stderr` stream is pointed at `LibraryLog.line`, which hands each
/// complete line to the handler the command installed (its logger). Nothing of sla's own writes
/// to that stream: the log goes through `write(2)` on descriptor 2.
public enum LibraryLog {
    private static let state = Mutex<(pending: [UInt8], handler: (@Sendable (String) -> Void)?)>(([], nil))

    /// Sends every line the C libraries print on `stderr` to `handler`.
    public static func capture(_ handler: @escaping @Sendable (String) -> Void) {
        state.withLock { $0.handler = handler }
        _ = sla_redirect_c_stderr { _, buffer, size in
            guard let buffer else { return 0 }
            let bytes = UnsafeRawBufferPointer(start: buffer, count: size)
            LibraryLog.received(Array(bytes))
            return size
        }
    }

    static func received(_ bytes: [UInt8]) {
        let (lines, handler) = state.withLock { state -> ([String], (@Sendable (String) -> Void)?) in
            state.pending += bytes
            var lines: [String] = []
            while let end = state.pending.firstIndex(of: UInt8(ascii: "\n")) {
                lines.append(String(decoding: state.pending[..<end], as: UTF8.self))
                state.pending.removeSubrange(...end)
            }
            return (lines, state.handler)
        }
        for line in lines where !line.isEmpty { handler?(line) }
    }
}
