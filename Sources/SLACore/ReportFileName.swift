/// The file name of a KAM's (or a client's) report (SPEC §8): the id in lower case with every
/// character outside `a-z0-9` replaced by `-`, character by character (Unicode scalar by scalar,
/// as most tools count them). Nothing else from the input reaches a path, so no id can escape the
/// report folder: `../x` becomes `---x`.
///
/// A name longer than `maximumLength` — file systems refuse names over 255 bytes, and the report's
/// temporary names add to it — is cut and ends with a hash of the whole id, so it stays short,
/// stable from month to month, and different for different ids.
package enum ReportFileName {
    /// The longest name, before the extension.
    package static let maximumLength = 100

    package static func name(for id: String) -> String {
        let name = String(
            String.UnicodeScalarView(
                id.lowercased().unicodeScalars.map { scalar in
                    ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) ? scalar : "-"
                }))
        guard name.utf8.count > maximumLength else { return name }
        let digest = String(fnv1a64(id.utf8), radix: 16)
        let hash = String(repeating: "0", count: 16 - digest.count) + digest
        return String(name.prefix(maximumLength - hash.count - 1)) + "-" + hash
    }

    static func fnv1a64(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash = StableHash()
        hash.combine(bytes)
        return hash.value
    }
}
