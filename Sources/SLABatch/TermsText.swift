package import SLACore

/// Terms said in words, for `sla explain` and `sla policy check`.
package enum TermsText {
    /// `4 h`, `1.5 h`, `0.25 h`, or `1 h 0 m 1 s` for hours no short decimal says.
    package static func hours(_ seconds: Int64) -> String {
        if seconds % 3600 == 0 { return "\(seconds / 3600) h" }
        if seconds % 36 == 0 {
            let hundredths = seconds / 36
            let fraction = hundredths % 100
            let digits = fraction % 10 == 0 ? "\(fraction / 10)" : (fraction < 10 ? "0\(fraction)" : "\(fraction)")
            return "\(hundredths / 100).\(digits) h"
        }
        return "\(seconds / 3600) h \(seconds / 60 % 60) m \(seconds % 60) s"
    }

    /// The terms, a line for P1, one for P2–P4 and one for the rest.
    package static func lines(_ terms: Terms) -> [String] {
        let p1 = Contract.allCases.map { "\($0.rawValue) \(hours(terms.p1($0).seconds)) \(terms.p1($0).clock.rawValue)" }
        return [
            "P1: " + p1.joined(separator: ", "),
            "P2–P4 on the \(terms.matrixClock.rawValue) clock: \(matrix(terms))",
            "at risk from \(terms.atRiskPercent) % of the target; \(terms.acceptanceBusinessDays) business days to accept "
                + "a solution; compliance target \(terms.complianceTargetPercent.map { "\(percent($0)) %" } ?? "none")",
            "OLA per support level: " + ola(terms)
        ]
    }

    /// The OLAs of levels 1–3: `level 1 8 h, level 2 24 h, level 3 none`, or `none` when no level has one.
    package static func ola(_ terms: Terms) -> String {
        guard terms.ola.contains(where: { $0 != nil }) else { return "none" }
        return Terms.supportLevels.map { "level \($0) " + (terms.ola(level: $0).map(hours) ?? "none") }
            .joined(separator: ", ")
    }

    /// The matrix by urgency, then impact: `urgency alta 8/16/32 h, … (impact alta/media/baja)`.
    package static func matrix(_ terms: Terms) -> String {
        Grade.allCases.map { urgency in
            "urgency \(urgency.rawValue) "
                + Grade.allCases.map { number(terms.matrixSeconds(urgency: urgency, impact: $0)) }
                .joined(separator: "/") + " h"
        }.joined(separator: ", ") + " (impact alta/media/baja)"
    }

    /// Hours without their unit: `4`, `1.5`, or `1 h 0 m 1 s` spelled out when no short decimal says it.
    package static func number(_ seconds: Int64) -> String {
        let text = hours(seconds)
        return text.hasSuffix(" s") ? "(\(text))" : String(text.dropLast(2))
    }

    static func percent(_ value: Double) -> String {
        value == value.rounded() ? String(Int64(value)) : String(value)
    }
}
