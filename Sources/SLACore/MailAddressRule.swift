/// The one rule for an e-mail address and its display name, used by the installation file (which
/// refuses a bad one at its line and column) and by the mailer (which refuses a bad one from the
/// clients' rows as a data problem): an address the file accepts is one the mailer sends to.
///
/// An address is `local@domain` as RFC 5321 writes the common case: the local part dot-separated
/// atoms of ASCII letters, digits and ``!#$%&'*+/=?^_`{|}~-``; the domain two or more labels of
/// letters, digits and inner hyphens. No quoted local parts, comments, domain literals
/// (`[1.2.3.4]`) or non-ASCII: what no desk needs and some transfer agents read differently.
/// A display name may not hold a control character, a line or paragraph separator, a bidi
/// control (it can show a name reversed), or text that looks like an RFC 2047 encoded word.
package enum MailAddressRule {
    /// RFC 5321's limit on an address.
    package static let longestAddress = 254
    /// Longer display names are refused: they exist to deceive.
    package static let longestName = 200

    static let atomCharacters = Set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+/=?^_`{|}~-".unicodeScalars)
    static let labelCharacters = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-".unicodeScalars)

    /// Why `address` is not an address sla sends to, or nil.
    package static func addressProblem(_ address: String) -> String? {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, address.utf8.count <= longestAddress else { return "is not an e-mail address" }
        let local = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        let domain = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard local.allSatisfy({ !$0.isEmpty && $0.unicodeScalars.allSatisfy(atomCharacters.contains) }),
            domain.count >= 2,
            domain.allSatisfy({ label in
                !label.isEmpty && label.count <= 63 && label.unicodeScalars.allSatisfy(labelCharacters.contains)
                    && !label.hasPrefix("-") && !label.hasSuffix("-")
            })
        else { return "is not an e-mail address" }
        return nil
    }

    /// Why `name` cannot be a display name, or nil.
    package static func nameProblem(_ name: String) -> String? {
        if name.unicodeScalars.contains(where: isBreaking) { return "holds a line break or a control character" }
        if name.unicodeScalars.contains(where: isBidiControl) {
            return "holds a bidirectional control character, which can show the name reversed"
        }
        if name.contains("=?") && name.contains("?=") { return "looks like an encoded word (=?…?=)" }
        if name.count > longestName { return "is longer than \(longestName) characters" }
        return nil
    }

    /// A line break or another control character (C0, DEL, C1, U+2028, U+2029).
    package static func isBreaking(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isLineBreaking
    }

    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        [0x061C, 0x200E, 0x200F].contains(scalar.value) || (0x202A...0x202E).contains(scalar.value)
            || (0x2066...0x2069).contains(scalar.value)
    }

    /// `Name <address>`, `"Name" <address>` or a bare address, split; nil when a `<` has no closing
    /// `>` at the end. A quoted name loses its quotes and its backslash escapes, nothing else.
    package static func split(_ text: String) -> (name: String?, address: String)? {
        let text = text.trimmingWhitespace
        guard let open = text.lastIndex(of: "<") else { return (nil, text) }
        guard text.hasSuffix(">") else { return nil }
        var name = String(text[..<open]).trimmingWhitespace
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
            var unquoted = ""
            var escaped = false
            for character in name.dropFirst().dropLast() {
                if !escaped, character == "\\" {
                    escaped = true
                    continue
                }
                unquoted.append(character)
                escaped = false
            }
            name = unquoted
        }
        let address = String(text[text.index(after: open)..<text.index(before: text.endIndex)]).trimmingWhitespace
        return (name.isEmpty ? nil : name, address)
    }
}

extension String {
    /// Without the spaces and tabs at either end.
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
            let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })
        else { return "" }
        return String(scalars[first...last])
    }
}
