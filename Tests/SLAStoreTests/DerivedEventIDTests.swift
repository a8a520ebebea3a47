import SLACore
import Testing

@testable import SLAStore

/// A history row's derived id, written byte by byte: the case, the instant in Bogotá time, the
/// position among the case's rows at that instant (its digit count first) and the digest.
@Suite struct DerivedEventIDTests {
    @Test(arguments: [(0, "10"), (9, "19"), (10, "210"), (123, "3123")])
    func writesThePositionWithItsDigitCount(position: Int, written: String) throws {
        let at = try Timestamp.parse("2026-11-13T07:05:09-05:00")
        let out = ByteArena()
        Array("C-1".utf8).withUnsafeBufferPointer {
            DerivedEventID.historyEvent(case: $0, at: at, position: position, digest: 0x00A1_B2C3, into: out)
        }
        #expect(String(decoding: out.bytes(0..<out.count), as: UTF8.self) == "C-1~1~20261113070509~\(written)~00a1b2c3")
    }
}
