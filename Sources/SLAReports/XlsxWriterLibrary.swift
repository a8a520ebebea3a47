import CXlsxWriter

/// The libxlsxwriter the binary is linked with.
public enum XlsxWriterLibrary {
    /// Its version, e.g. `1.1.4`; `sla --version` prints it so a bug report says which one wrote a workbook.
    public static var version: String { String(cString: lxw_version()) }
}
