/// The values a case's fields take (SPEC §3), each with the spellings the import accepts.

/// What kind of case: incidents, questions, service requests (requerimientos), access changes.
package enum CaseType: String, Sendable, CaseIterable, Hashable {
    case incidente, consulta, solicitud, acceso

    /// The SPEC's names, `requerimiento` for `solicitud`, and the English words.
    package init?(accepting text: some StringProtocol) {
        switch normalizedEnum(text) {
        case "incidente", "incident": self = .incidente
        case "consulta", "query", "question": self = .consulta
        case "solicitud", "requerimiento", "request", "service_request": self = .solicitud
        case "acceso", "access": self = .acceso
        default: return nil
        }
    }

    package static let acceptedSpellings = "incidente, consulta, solicitud (requerimiento), acceso"
}

/// P1 Crítica (system down) to P4 Baja.
package enum Priority: String, Sendable, CaseIterable, Hashable, Comparable {
    case p1 = "P1"
    case p2 = "P2"
    case p3 = "P3"
    case p4 = "P4"

    /// `P1`…`P4`, in any case, or the bare digit.
    package init?(accepting text: some StringProtocol) {
        switch normalizedEnum(text) {
        case "p1", "1": self = .p1
        case "p2", "2": self = .p2
        case "p3", "3": self = .p3
        case "p4", "4": self = .p4
        default: return nil
        }
    }

    package static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.rawValue < rhs.rawValue }

    package static let acceptedSpellings = "P1, P2, P3, P4"
}

/// Impact and urgency: alta, media, baja.
package enum Grade: String, Sendable, CaseIterable, Hashable {
    case alta, media, baja

    /// The Spanish words and English `high`, `medium`, `low`.
    package init?(accepting text: some StringProtocol) {
        switch normalizedEnum(text) {
        case "alta", "alto", "high": self = .alta
        case "media", "medio", "medium": self = .media
        case "baja", "bajo", "low": self = .baja
        default: return nil
        }
    }

    package static let acceptedSpellings = "alta, media, baja (high, medium, low)"
}

/// The client's contract: SaaS clients may report P1 incidents around the clock.
package enum Contract: String, Sendable, CaseIterable, Hashable {
    case saas
    case onPremise = "on_premise"

    package init?(accepting text: some StringProtocol) {
        switch normalizedEnum(text) {
        case "saas": self = .saas
        case "on_premise", "onpremise": self = .onPremise
        default: return nil
        }
    }

    package static let acceptedSpellings = "saas, on_premise"
}

/// A lifecycle event of a case (SPEC §3).
public enum EventKind: String, Sendable, CaseIterable, Hashable {
    case diagnosed
    case waitingClient = "waiting_client"
    case clientResponded = "client_responded"
    case escalated
    case solved
    case reopened
    case closed
    case autoClosed = "auto_closed"
    /// The work plan's commitment to deliver the solution by the event's `due`.
    case committed

    package init?(accepting text: some StringProtocol) {
        let key = normalizedEnum(text)
        guard let kind = EventKind.allCases.first(where: { $0.rawValue == key }) else { return nil }
        self = kind
    }

    package static let acceptedSpellings = EventKind.allCases.map(\.rawValue).joined(separator: ", ")
}

/// Lower case, trimmed, with `-` and spaces read as `_`, so `On-Premise` and `waiting client` are
/// understood.
func normalizedEnum(_ text: some StringProtocol) -> String {
    var result = ""
    for character in text.trimmingBlanks().lowercased() {
        result.append(character == "-" || character == " " ? "_" : character)
    }
    return result
}

/// A vocabulary of the interchange files: its canonical spellings (the raw values, what the
/// database stores) and the others the import understands.
package protocol CaseVocabulary: RawRepresentable, CaseIterable, Sendable where RawValue == String {
    init?(accepting text: some StringProtocol)
    static var acceptedSpellings: String { get }
    /// Every value with its canonical spelling as bytes, made once.
    static var canonicalSpellings: [CanonicalSpelling<Self>] { get }
}

extension CaseVocabulary {
    /// The canonical spelling looked up directly (the common case, and cheap), any other through
    /// `init(accepting:)`.
    package init?(reading text: String) {
        guard let value = Self(rawValue: text) ?? Self(accepting: text) else { return nil }
        self = value
    }

    /// The value whose canonical spelling `bytes` are, compared as bytes: the import and the
    /// store read millions of values this way without making a String of any.
    ///
    /// - Complexity: a few byte comparisons, no allocation; inlined where it is used, so that the
    ///   store's and the import's millions of calls are not generic calls.
    @inlinable
    @_specialize(exported:true,where Self == EventKind)
    @_specialize(exported:true,where Self == CaseType)
    @_specialize(exported:true,where Self == Priority)
    @_specialize(exported:true,where Self == Grade)
    @_specialize(exported:true,where Self == Contract)
    package static func canonical(_ bytes: UnsafeBufferPointer<UInt8>) -> Self? {
        let spellings = canonicalSpellings
        for index in spellings.indices where spellings[index].bytes.count == bytes.count {
            if spellings[index].bytes.withUnsafeBufferPointer({ memcmpEqual($0, bytes) }) { return spellings[index].value }
        }
        return nil
    }

    static func spellings() -> [CanonicalSpelling<Self>] {
        allCases.map { CanonicalSpelling(bytes: Array($0.rawValue.utf8), value: $0) }
    }
}

/// A value of a vocabulary and its canonical spelling as bytes.
package struct CanonicalSpelling<Value: Sendable>: Sendable {
    package let bytes: [UInt8]
    package let value: Value
}

/// Whether two byte buffers of the same length hold the same bytes.
@inlinable
func memcmpEqual(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Bool {
    guard left.count == right.count else { return false }
    for index in 0..<left.count where left[index] != right[index] { return false }
    return true
}

extension CaseType: CaseVocabulary {
    package static let canonicalSpellings = spellings()
}

extension Priority: CaseVocabulary {
    package static let canonicalSpellings = spellings()
}

extension Grade: CaseVocabulary {
    package static let canonicalSpellings = spellings()
}

extension Contract: CaseVocabulary {
    package static let canonicalSpellings = spellings()
}

extension EventKind: CaseVocabulary {
    package static let canonicalSpellings = spellings()
}
