import Foundation
package import SLACore
import SLAReports

/// The subjects and plain-text bodies of the messages of SPEC §12, in Spanish as their readers
/// read them: the figures someone acts on are in the subject and the first lines, the workbooks
/// carry the detail.
package enum MailTexts {
    /// `Incumplimientos y riesgos — 2026-11-24: 3 incumplidos, 2 en riesgo, 1 vencen hoy`.
    package static func dailySubject(date: LocalDate, counts: DailyLists.Counts) -> String {
        "Incumplimientos y riesgos — \(date): \(counts.breached) incumplidos, \(counts.atRisk) en riesgo, "
            + "\(counts.dueToday) vencen hoy"
    }

    /// The supervisors' morning: the counts of the breach workbook's header, and what else the
    /// night found.
    package static func dailyBody(
        asOf: Instant, counts: DailyLists.Counts, evaluated: Int, closures: Int,
        dataProblems: Int
    ) -> String {
        var lines = [
            "Buenos días:",
            "",
            "Corte: \(SpanishDates.cutOff(asOf)); \(evaluated) casos abiertos evaluados.",
            "",
            "  Incumplidos:        \(counts.breached)",
            "    atendidos tarde:  \(counts.breachedAndStopped)",
            "    esperando al cliente: \(counts.breachedWaitingOnClient)",
            "  En riesgo:          \(counts.atRisk)",
            "  Vencen hoy:         \(counts.dueToday)",
            "  Compromisos de solución incumplidos, sin solución: \(counts.commitmentsMissed)",
            "  Compromisos de solución que vencen hoy: \(counts.commitmentsDueToday)",
            "  Cierres automáticos de la noche: \(closures)"
        ]
        if dataProblems > 0 {
            lines.append("  Casos con problemas de datos: \(dataProblems) (hoja «Problemas de datos»)")
        }
        lines += ["", "El detalle, caso por caso, está en el libro adjunto breaches.xlsx.", "", signature]
        return lines.joined(separator: "\n") + "\n"
    }

    /// `Informe de niveles de servicio — octubre de 2026 — Ana Ruiz`.
    package static func monthlySubject(month: ReportMonth, kamName: String) -> String {
        "Informe de niveles de servicio — \(month.spanishName) — \(kamName)"
    }

    /// `Hola, Ana Ruiz:` and a blank line: put before a KAM's body when it is sent, with the name
    /// the database holds then.
    package static func greeting(_ kamName: String) -> String { "Hola, \(kamName):\n\n" }

    /// Each client's compliance against its target, the KAM's total, and the files attached
    /// (the greeting is `greeting`'s).
    package static func monthlyBody(
        month: ReportMonth, clients: [ClientFigures], total: ClientFigures,
        commitments: [String: CommitmentFigures] = [:], commitmentTotal: CommitmentFigures = .init(),
        attachments: [String]
    ) -> String {
        var lines = [
            "Adjunto el informe de niveles de servicio de \(month.spanishName) de sus clientes.",
            "",
            "Cumplimiento del tiempo de atención (casos con el plazo cumplido o vencido en el mes):",
            ""
        ]
        for client in clients {
            lines.append("  \(client.clientName) (\(client.clientID)): \(compliance(client))")
        }
        if clients.count > 1 {
            lines.append("  Total: \(compliance(total))")
        }
        lines += ["", "Compromisos de solución del plan de trabajo (cumplidos o incumplidos en el mes):", ""]
        for client in clients {
            lines.append(
                "  \(client.clientName) (\(client.clientID)): \(commitmentLine(commitments[client.clientID] ?? .init()))")
        }
        if clients.count > 1 {
            lines.append("  Total: \(commitmentLine(commitmentTotal))")
        }
        lines += ["", "Archivos adjuntos:"] + attachments.map { "  \($0)" }
        lines += ["", signature]
        return lines.joined(separator: "\n") + "\n"
    }

    /// `92,3 % (12 de 13), meta 90 %: cumple`; a client without cases that count says so.
    static func compliance(_ figures: ClientFigures) -> String {
        let target = figures.terms.complianceTargetPercent
        guard let percent = figures.compliancePercent else {
            return "sin casos que cuenten en el mes" + (target.map { ", meta \(decimal($0, whole: true)) %" } ?? "")
        }
        var text = "\(decimal(percent)) % (\(figures.met) de \(figures.met + figures.breached) a tiempo)"
        if let target {
            // Compared as both are shown, to the hundredth: "90,00 %" against "meta 90 %" meets it.
            let shown = ((percent * 100).rounded(.toNearestOrAwayFromZero), (target * 100).rounded(.toNearestOrAwayFromZero))
            text += ", meta \(decimal(target, whole: true)) %: " + (shown.0 >= shown.1 ? "cumple" : "no cumple")
        }
        return text
    }

    /// `80,00 % (4 de 5 cumplidos), 2 re-planificaciones`; a client without any says so.
    static func commitmentLine(_ figures: CommitmentFigures) -> String {
        let replans = figures.replans == 1 ? "1 re-planificación" : "\(figures.replans) re-planificaciones"
        guard let percent = figures.percent else { return "sin compromisos que cuenten en el mes, \(replans)" }
        return "\(decimal(percent)) % (\(figures.kept) de \(figures.kept + figures.missed) cumplidos), \(replans)"
    }

    /// The CSV files' two decimals with a decimal comma, as Colombia writes it: `82,35`; a whole
    /// target without them: `90`.
    static func decimal(_ value: Double, whole: Bool = false) -> String {
        let text = ReportValue.twoDecimals(value).replacingOccurrences(of: ".", with: ",")
        return whole && text.hasSuffix(",00") ? String(text.dropLast(3)) : text
    }

    static let signature = "—\nsla, Mesa de Experiencia Técnica (mensaje automático)"
}
