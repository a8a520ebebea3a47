/// The file name of a KAM's report (SPEC §8): the id in lower case with every character outside
/// `a-z0-9` replaced by `-`, character by character (Unicode scalar by scalar, as most tools
/// count them). Nothing else from the input reaches a path, so no id can escape the report folder:
/// `../x` becomes `---x`.
public enum KAMFileName {
    public static func name(for kamID: String) -> String {
        String(String.UnicodeScalarView(kamID.lowercased().unicodeScalars.map { scalar in
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) ? scalar : "-"
        }))
    }
}
