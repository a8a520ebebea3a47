public import Foundation

/// A message as a real parser reads it: Python's `email` package (the standard library, on every
/// machine here) decodes the headers, the text body and every attachment.
public struct ParsedMail: Decodable, Sendable {
    public var from: String
    public var to: String
    public var subject: String
    public var date: String
    public var messageID: String
    public var body: String
    /// The HTML part, when there is one.
    public var html: String?
    /// Every part's content type, in the order a walk of the message meets them.
    public var structure: [String]
    /// Each attachment's file name, content type and bytes (hex).
    public var attachments: [[String]]
    /// What the parser found wrong, in every part.
    public var defects: Int

    /// An attachment's bytes, by file name.
    public func attachment(_ name: String) -> [UInt8]? {
        guard let hex = attachments.first(where: { $0.first == name })?.last else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(hex.utf8.count / 2)
        var high: UInt8?
        for character in hex.utf8 {
            let value = character <= 57 ? character - 48 : character - 87
            if let first = high {
                bytes.append(first << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        return bytes
    }

    public var attachmentNames: [String] { attachments.compactMap(\.first) }

    static let parser = #"""
        import email, email.policy, json, sys
        from email.header import decode_header, make_header
        raw = sys.stdin.buffer.read()
        message = email.message_from_bytes(raw, policy=email.policy.default)
        def text(name):
            return str(make_header(decode_header(message[name] or "")))
        attachments, body, html, structure, defects = [], None, None, [], len(message.defects)
        for part in message.walk():
            defects += len(part.defects)
            structure.append(part.get_content_type())
            if part.get_content_maintype() == "multipart":
                continue
            if part.get_filename():
                attachments.append([part.get_filename(), part.get_content_type(), part.get_payload(decode=True).hex()])
            elif part.get_content_type() == "text/plain":
                body = part.get_content()
            elif part.get_content_type() == "text/html":
                html = part.get_content()
        json.dump({"from": text("From"), "to": text("To"), "subject": text("Subject"), "date": message["Date"],
                   "messageID": message["Message-ID"], "body": body, "html": html, "structure": structure, "attachments": attachments, "defects": defects},
                  sys.stdout)
        """#

    /// Parses `message` with Python's parser.
    public static func parse(_ message: String) throws -> ParsedMail {
        try parse(Data(message.utf8))
    }

    public static func parse(_ message: Data) throws -> ParsedMail {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", parser]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // Python reads the whole message before it writes a byte: no deadlock on large messages.
        input.fileHandleForWriting.write(message)
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try JSONDecoder().decode(ParsedMail.self, from: data)
    }
}
