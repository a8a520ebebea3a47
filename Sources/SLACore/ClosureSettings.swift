/// What the automatic closures of a history depend on besides its events: the business days and
/// hours of the calendar, and which acceptance period (SPEC §6, §10) each client's cases get when.
///
/// A night settles a closed case once and does not read it again; a calendar or policy edit that
/// moves a closure deadline must make the next night read the settled history once more, so that
/// its closures are as if the edit had always been so (SPEC §4, §10). The fingerprint says whether
/// that is needed: it changes with the calendar and with the agreements' clients, dates and
/// acceptance days, not with the attention targets, which no stored event depends on.
package enum ClosureSettings {
    /// Sixteen hexadecimal digits, the same on every machine and run.
    package static func fingerprint(calendar: BusinessCalendar, policy: Policy) -> String {
        var hash = StableHash()
        hash.combine(calendar.firstDayNumber)
        hash.combine(calendar.days.count)
        for day in calendar.days {
            hash.combine(Int(day.opens))
            hash.combine(Int(day.closes))
        }
        hash.combine(policy.defaults.acceptanceBusinessDays)
        hash.combine(policy.agreements.count)
        for agreement in policy.agreements {
            hash.combine(agreement.clients.count)
            for client in agreement.clients { hash.combine(client) }
            hash.combine(agreement.from?.dayNumber ?? Int.min)
            hash.combine(agreement.until?.dayNumber ?? Int.max)
            hash.combine(agreement.terms.acceptanceBusinessDays)
        }
        let digits = String(hash.value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// FNV-1a over 64 bits, fed with integers and text: stable across runs and machines, where Swift's
/// `Hasher` is seeded per process.
struct StableHash {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func combine(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01b3
        }
    }

    mutating func combine(_ number: Int) {
        withUnsafeBytes(of: Int64(number).littleEndian) { combine($0) }
    }

    /// Text, with its length first, so that ["ab", "c"] and ["a", "bc"] differ.
    mutating func combine(_ text: String) {
        combine(text.utf8.count)
        combine(text.utf8)
    }
}
