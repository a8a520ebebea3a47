import Foundation
package import SLACore

/// An e-mail message as RFC 5322 and MIME (RFC 2045–2047, 2231) say, for the sendmail interface
/// (SPEC §12): UTF-8 text, non-ASCII display names and subjects as encoded words, attachments in
/// base64 with their file names. There is no MIME library in the package mirror; this is the small
/// part of one that the reports need.
///
/// A header value cannot carry a line break: every text that goes into a header is checked by
/// `MailAddress` (addresses and names) or folded into encoded words (the subject), so no data can
/// add a header of its own.
package struct MailMessage: Sendable {
    package struct Attachment: Sendable {
        package var fileName: String
        package var contentType: String
        package var bytes: [UInt8]

        package init(fileName: String, contentType: String, bytes: [UInt8]) {
            self.fileName = fileName
            self.contentType = contentType
            self.bytes = bytes
        }

        /// An .xlsx workbook.
        package static func workbook(_ fileName: String, bytes: [UInt8]) -> Attachment {
            Attachment(
                fileName: fileName,
                contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes: bytes)
        }
    }

    package var from: MailAddress
    package var to: [MailAddress]
    package var subject: String
    package var body: String
    /// The same text as HTML: with it, the body is `multipart/alternative` — the plain text, then
    /// the HTML, which a mail client that can shows instead.
    package var html: String?
    package var attachments: [Attachment]
    package var date: Instant
    /// What the message is (`daily 2026-11-23`, `monthly 2026-10 kam-ana`): the Message-ID is made
    /// from it, so the same message sent twice carries the same id and a mail system can tell.
    package var identity: String

    package init(
        from: MailAddress, to: [MailAddress], subject: String, body: String, html: String? = nil,
        attachments: [Attachment] = [], date: Instant, identity: String
    ) {
        self.html = html
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.attachments = attachments
        self.date = date
        self.identity = identity
    }

    /// The message as the sendmail interface takes it on standard input: LF line ends (the
    /// transfer agent writes CRLF on the wire), lines under 78 characters.
    package var text: String {
        let boundary = "=_sla_" + Self.hex(Self.fingerprint(identity + subject)) + "_"
        var lines: [String] = []
        lines.append("From: " + from.header)
        lines.append(Self.fold("To: " + to.map(\.header).joined(separator: ", ")))
        lines.append("Subject: " + Self.encodedWords(subject, room: 78 - "Subject: ".count))
        lines.append("Date: " + Self.rfc5322Date(date))
        lines.append("Message-ID: <sla." + Self.hex(Self.fingerprint(identity)) + "@" + from.domain + ">")
        lines.append("MIME-Version: 1.0")
        lines.append("Content-Type: multipart/mixed; boundary=\"\(boundary)\"")
        lines.append("")
        lines.append("This is a MIME message.")
        lines.append("--" + boundary)
        if let html {
            // Two views of one text, the richest last (RFC 2046 §5.1.4).
            let alternative = "=_sla_alt_" + Self.hex(Self.fingerprint(identity + subject)) + "_"
            lines.append("Content-Type: multipart/alternative; boundary=\"\(alternative)\"")
            lines.append("")
            lines.append("--" + alternative)
            lines += Self.textPart("plain", body)
            lines.append("--" + alternative)
            lines += Self.textPart("html", html)
            lines.append("--" + alternative + "--")
        } else {
            lines += Self.textPart("plain", body)
        }
        for attachment in attachments {
            lines.append("--" + boundary)
            // Folded after the colon: the workbook's type alone is 66 characters.
            lines.append("Content-Type:")
            lines.append(" \(attachment.contentType);")
            lines.append(" name=\"\(Self.asciiFallback(attachment.fileName))\"")
            lines.append("Content-Transfer-Encoding: base64")
            lines.append("Content-Disposition: attachment;")
            lines += Self.fileNameParameters(attachment.fileName)
            lines.append("")
            lines += Self.base64Lines(attachment.bytes)
        }
        lines.append("--" + boundary + "--")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A UTF-8 text part's headers and its base64 lines.
    static func textPart(_ subtype: String, _ text: String) -> [String] {
        ["Content-Type: text/\(subtype); charset=utf-8", "Content-Transfer-Encoding: base64", ""] + base64Lines(Array(text.utf8))
    }

    // MARK: Headers

    /// `Mon, 23 Nov 2026 07:00:00 -0500`, Bogotá time (RFC 5322 §3.3).
    static func rfc5322Date(_ instant: Instant) -> String {
        let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let date = instant.localDate
        let second = instant.localSecondOfDay
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(days[date.weekday.rawValue - 1]), \(date.day) \(months[date.month - 1]) \(date.year) "
            + "\(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60)) -0500"
    }

    /// `text` as it is when it is printable ASCII; else RFC 2047 encoded words (`=?utf-8?B?…?=`),
    /// each under 76 characters, on folded lines, cut between characters, never inside one.
    static func encodedWords(_ text: String, room: Int) -> String {
        if text.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) }) && text.count <= room {
            return text
        }
        // 39 bytes of UTF-8 give 52 characters of base64: `=?utf-8?B?` + 52 + `?=` is 64, which
        // leaves room for the header's name on the first line.
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 39, !chunk.isEmpty {
                words.append("=?utf-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append("=?utf-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words.joined(separator: "\n ")
    }

    /// A long header folded at its commas, each line under 78 characters where it can be.
    static func fold(_ header: String) -> String {
        guard header.count > 78 else { return header }
        var lines: [String] = []
        var line = ""
        for part in header.components(separatedBy: ", ") {
            let piece = line.isEmpty ? part : line + ", " + part
            if !line.isEmpty, piece.count > 76 {
                lines.append(line + ",")
                line = part
            } else {
                line = piece
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n ")
    }

    /// `filename*=utf-8''…` (RFC 2231), percent-encoded and split in numbered parts when long;
    /// `filename="…"` alone when the name is plain ASCII.
    static func fileNameParameters(_ name: String) -> [String] {
        if name.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) && $0 != "\"" && $0 != "\\" }), name.count < 60 {
            return [" filename=\"\(name)\""]
        }
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
        let encoded = Array(name.utf8).map { allowed.contains($0) ? String(UnicodeScalar($0)) : String(format: "%%%02X", $0) }
        var parts: [String] = []
        var part = ""
        for piece in encoded {
            if part.count + piece.count > 50 {
                parts.append(part)
                part = ""
            }
            part += piece
        }
        parts.append(part)
        return parts.enumerated().map { index, text in
            " filename*\(index)*=\(index == 0 ? "utf-8''" : "")\(text)\(index == parts.count - 1 ? "" : ";")"
        }
    }

    /// The name with every character outside printable ASCII replaced by `_`, for readers that do
    /// not know RFC 2231.
    static func asciiFallback(_ name: String) -> String {
        let plain = String(
            name.unicodeScalars.map { (0x20...0x7E).contains($0.value) && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        // Short enough for one header line; the extension kept, so the file still opens.
        guard plain.count > 60 else { return plain }
        let dot = plain.lastIndex(of: ".").map { String(plain[$0...]) } ?? ""
        return String(plain.prefix(60 - dot.count)) + dot
    }

    static func base64Lines(_ bytes: [UInt8]) -> [String] {
        let text = Data(bytes).base64EncodedString()
        var lines: [String] = []
        var start = text.startIndex
        while start < text.endIndex {
            let end = text.index(start, offsetBy: 76, limitedBy: text.endIndex) ?? text.endIndex
            lines.append(String(text[start..<end]))
            start = end
        }
        return lines
    }

    /// FNV-1a, 64 bits: a stable id from the message's identity (not a security measure).
    static func fingerprint(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// An address with an optional display name, checked so it cannot break a header: no line break
/// or control character anywhere, exactly one `@` with text on both sides, no space or bracket in
/// the address.
package struct MailAddress: Sendable, Equatable {
    package var name: String?
    package var address: String

    /// Why `name` and `address` cannot be a header's address, or nil when they can: the one rule
    /// the installation file is checked by too (`MailAddressRule`).
    package static func problem(name: String?, address: String) -> String? {
        if ((name ?? "") + address).unicodeScalars.contains(where: MailAddressRule.isBreaking) {
            return "holds a line break or a control character"
        }
        if MailAddressRule.addressProblem(address) != nil {
            return "'\(address)' is not an e-mail address such as ana.ruiz@example.co"
        }
        if let name, let problem = MailAddressRule.nameProblem(name) { return "has a display name that \(problem)" }
        return nil
    }

    /// The address, or nil when `problem` has something to say.
    package init?(name: String?, address: String) {
        let trimmedName = name?.trimmingCharacters(in: .whitespaces)
        let trimmed = address.trimmingCharacters(in: .whitespaces)
        guard Self.problem(name: trimmedName, address: trimmed) == nil else { return nil }
        self.name = trimmedName?.isEmpty == false ? trimmedName : nil
        self.address = trimmed
    }

    /// `Name <address>`, `"Name" <address>` or `address` as the installation file writes it.
    package init?(parsing text: String) {
        guard let (name, address) = MailAddressRule.split(text) else { return nil }
        self.init(name: name, address: address)
    }

    var domain: String { address.split(separator: "@").last.map(String.init) ?? "localhost" }

    /// The header form: the name as a quoted string when it is plain ASCII and short, as encoded
    /// words when not — folded, so no header line is longer than RFC 5322 allows (998).
    var header: String {
        guard let name else { return address }
        let plain = name.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) } && name.count <= 60
        let shown =
            plain
            ? "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
            : MailMessage.encodedWords(name, room: 0)
        return "\(shown) <\(address)>"
    }
}
