package import SLACore

/// The Spanish words the KAMs and their clients read.
package enum SpanishLabels {
    package static func state(_ state: AttentionState) -> String {
        switch state {
        case .breached: "Incumplido"
        case .met: "Cumplido"
        case .paused: "En pausa"
        case .atRisk: "En riesgo"
        case .running: "En curso"
        case .unclassified: "Sin clasificar"
        }
    }

    /// What became of a solution commitment.
    package static func commitmentOutcome(_ outcome: SolutionCommitments.Outcome) -> String {
        switch outcome {
        case .pending: "Pendiente"
        case .kept: "Cumplido"
        case .missed: "Incumplido"
        case .replaced: "Re-planificado"
        }
    }

    package static func type(_ type: CaseType) -> String {
        switch type {
        case .incidente: "Incidente"
        case .consulta: "Consulta"
        case .solicitud: "Solicitud"
        case .acceso: "Acceso"
        }
    }

    package static func priority(_ priority: Priority) -> String {
        switch priority {
        case .p1: "P1 Crítica"
        case .p2: "P2 Alta"
        case .p3: "P3 Media"
        case .p4: "P4 Baja"
        }
    }

    package static func clock(_ clock: ClockKind) -> String {
        switch clock {
        case .business: "hábil"
        case .twentyFourSeven: "24x7"
        }
    }

    /// Hours as a Spanish reader writes them: `4`, `1,5`, `0,25`; `1 h 0 min 1 s` when no short
    /// decimal says them.
    package static func hours(_ seconds: Int64) -> String {
        if seconds % 3600 == 0 { return "\(seconds / 3600)" }
        if seconds % 36 == 0 {
            let hundredths = seconds / 36
            let fraction = hundredths % 100
            let digits = fraction % 10 == 0 ? "\(fraction / 10)" : (fraction < 10 ? "0\(fraction)" : "\(fraction)")
            return "\(hundredths / 100),\(digits)"
        }
        return "\(seconds / 3600) h \(seconds / 60 % 60) min \(seconds % 60) s"
    }

    /// A support level's time over its OLA, as the breach list marks it: `OLA nivel 2 excedida: +3.5 h`
    /// (hours to two decimals, trailing zeros left out; the decimal point as the agreement writes it).
    package static func olaExceeded(level: Int, seconds: Int64) -> String {
        let hundredths = seconds.addingReportingOverflow(18).partialValue / 36  // hundredths of an hour, rounded
        let whole = hundredths / 100
        let fraction = hundredths % 100
        let decimals =
            fraction == 0 ? "" : fraction % 10 == 0 ? ".\(fraction / 10)" : fraction < 10 ? ".0\(fraction)" : ".\(fraction)"
        return "OLA nivel \(level) excedida: +\(whole)\(decimals) h"
    }

    /// The suggested escalation (SPEC §4), as the vendor's procedure names its levels.
    package static func escalation(_ level: Int) -> String {
        EscalationRole(rawValue: level).map { "\(level) — \($0.spanishName)" } ?? String(level)
    }

    /// What is wrong with a case that cannot be evaluated, by the fields at fault.
    package static func problem(columns: [String]) -> String {
        var parts: [String] = []
        for column in columns {
            let part =
                switch column {
                case "case_id", "event_id": "identificador inválido (vacío, no UTF-8 o con caracteres de control)"
                case "client_id": "cliente inexistente"
                case "kam_id": "KAM inexistente"
                case "created_at": "fecha de registro inválida o fuera del calendario (1984–2100)"
                case "at": "fecha de un evento inválida o fuera del calendario (1984–2100)"
                case "type", "priority", "impact", "urgency", "contract", "kind": "\(column) fuera del vocabulario"
                case "level": "nivel de escalamiento inválido"
                case "acceptance": "plazo de aceptación fuera del calendario"
                default: column
                }
            if !parts.contains(part) { parts.append(part) }
        }
        let text = parts.isEmpty ? "no se pudo evaluar" : parts.joined(separator: "; ")
        return text.prefix(1).uppercased() + text.dropFirst()
    }
}
