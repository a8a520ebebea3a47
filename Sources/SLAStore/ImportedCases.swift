/// The cases a cases file inserted in this import, with their registration instants: the events
/// file after it finds its cases here instead of asking the database, a million lookups (about
/// 1.1 s) on the first import of ten years.
///
/// Only a file whose every accepted row was a new case is kept: a new row is exactly the values
/// the file gave it, and nothing else writes the table within the import's transaction. Any row
/// that was already there, or another cases file, and the events look in the database again.
final class ImportedCases {
    /// The cases file's ids and the line each was accepted on.
    private var lines: FirstLines?
    /// Each accepted line's registration, in seconds since 1970 — four bytes a line, which every
    /// instant of the calendar (1984–2100) fits; `unknown` for no line, or a registration that
    /// does not fit (its case is then looked up in the database).
    private var registrations: [UInt32] = []
    private static let unknown = UInt32.max
    /// Whether every accepted row so far inserted a new case.
    private var everyRowNew = true

    /// A cases file begins: what an earlier one kept no longer holds.
    func beginFile() {
        lines = nil
        registrations = []
        everyRowNew = true
    }

    /// The row of `line`, accepted, registers its case at `seconds`.
    func accept(line: Int, registeredAt seconds: Int64) {
        // FirstLines keeps no line above UInt32.max: nor do the registrations.
        guard line >= 0, line <= UInt32.max else { return }
        if registrations.count <= line {
            registrations.append(contentsOf: repeatElement(Self.unknown, count: line + 1 - registrations.count))
        }
        registrations[line] = UInt32(exactly: seconds) ?? Self.unknown
    }

    /// Some row of the file was not inserted as a new case (it was there already, or refused).
    func sawRowNotNew() { everyRowNew = false }

    /// The file ended, its ids accepted on the lines `lines` says.
    func endFile(_ lines: FirstLines) {
        if everyRowNew { self.lines = lines } else { registrations = [] }
    }

    /// The registration of case `id`, inserted by the cases file; nil when it must be looked up.
    func registration(of id: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard let line = lines?.line(of: id), line < registrations.count, registrations[line] != Self.unknown else { return nil }
        return Int64(registrations[line])
    }
}
