import Foundation
import SLACore
import Testing

/// The manifest's SHA-256 against the published test vectors and against `sha256sum` on many
/// inputs of every length around the block and padding edges.
@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        )
    ])
    func publishedVectors(input: String, digest: String) {
        #expect(SHA256.hex(of: input) == digest)
    }

    @Test func aMillionAs() {
        var hash = SHA256()
        let chunk = [UInt8](repeating: 0x61, count: 1_000)
        for _ in 0..<1_000 { hash.update(chunk) }
        #expect(hash.finalHex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Random bytes of lengths 0 to 300 and a few large ones, each fed whole and in random pieces,
    /// against the system's `sha256sum`.
    @Test func matchesSha256sum() throws {
        var random = SeededRandom(seed: 31)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sla-sha-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let lengths = Array(0...300) + [1_000, 4_095, 4_096, 65_537, 1_048_583]
        var paths: [String] = []
        var ours: [String] = []
        for (index, length) in lengths.enumerated() {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let path = folder.appendingPathComponent("\(index).bin").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            paths.append(path)
            let whole = SHA256.hex(of: bytes)
            var pieces = SHA256()
            var offset = 0
            while offset < bytes.count {
                let size = min(bytes.count - offset, 1 + random.below(150))
                pieces.update(Array(bytes[offset..<(offset + size)]))
                offset += size
            }
            #expect(pieces.finalHex() == whole, "length \(length) in pieces")
            ours.append(whole)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = paths
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let theirs = output.split(separator: "\n").map { String($0.prefix(64)) }
        #expect(theirs.count == lengths.count)
        for (index, (mine, system)) in zip(ours, theirs).enumerated() {
            #expect(mine == system, "length \(lengths[index])")
        }
    }
}
