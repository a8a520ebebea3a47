package import SLACore
import SLAReports

/// The HTML part of the supervisors' morning message: the night's counts and the two lists a
/// supervisor acts on before nine — the attention clocks that breach today and the work plan's
/// solution commitments due today (case, client, due, assignee, level) — so the list reads on a
/// phone without opening the workbook.
///
/// Written for mail clients, which strip what a browser would allow: one column, inline styles,
/// tables no wider than the screen, no images, no links, nothing fetched from anywhere. Every
/// text from the data is escaped; each table keeps its header when it has no rows.
package enum DailyMailHTML {
    /// Rows shown per table: a phone is not the place for a thousand; the workbook has them all.
    static let rowLimit = 200

    /// One line of a table.
    /// One row of a table: a promise falling due today.
    package struct Line: Sendable, Equatable {
        package var caseID: String
        package var client: String
        package var due: Instant
        package var assignee: String?
        package var level: Int

        package init(caseID: String, client: String, due: Instant, assignee: String?, level: Int) {
            self.caseID = caseID
            self.client = client
            self.due = due
            self.assignee = assignee
            self.level = level
        }
    }

    /// The attention clocks and the solution commitments of `lists` that fall due today, as the
    /// page's two tables list them.
    package static func lines(_ lists: DailyLists) -> (attention: [Line], solution: [Line]) {
        let attention = lists.dueToday.compactMap { row in
            row.evaluation.dueAt.map {
                Line(
                    caseID: row.snapshot.serviceCase.id, client: client(row), due: $0,
                    assignee: row.snapshot.assignee, level: row.supportLevel)
            }
        }
        let solution = lists.commitmentsDueToday.compactMap { row in
            row.commitments.latest.map {
                Line(
                    caseID: row.snapshot.serviceCase.id, client: client(row), due: $0.due,
                    assignee: row.snapshot.assignee, level: row.supportLevel)
            }
        }
        return (attention, solution)
    }

    package static func page(asOf: Instant, lists: DailyLists, evaluated: Int, closures: Int, dataProblems: Int) -> String {
        let (attention, solution) = lines(lists)
        return page(
            asOf: asOf, counts: lists.counts, evaluated: evaluated, closures: closures, dataProblems: dataProblems,
            attention: attention, solution: solution)
    }

    /// The page from the night's counts and the two tables' rows: what a message is rebuilt from
    /// when it is sent.
    package static func page(
        asOf: Instant, counts: DailyLists.Counts, evaluated: Int, closures: Int, dataProblems: Int,
        attention: [Line], solution: [Line]
    ) -> String {
        var html: [String] = []
        html.append("<!DOCTYPE html>")
        html.append("<html lang=\"es\"><head><meta charset=\"utf-8\">")
        html.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        html.append("<title>\(escape(MailTexts.dailySubject(date: asOf.localDate, counts: counts)))</title></head>")
        html.append(
            "<body style=\"margin:0;padding:12px;background:#ffffff;color:#1f1f1f;"
                + "font-family:-apple-system,'Segoe UI',Roboto,Arial,sans-serif;font-size:15px;line-height:1.4\">")
        html.append("<div style=\"max-width:640px;margin:0 auto\">")
        html.append("<h1 style=\"font-size:19px;margin:0 0 4px 0\">Incumplimientos y riesgos</h1>")
        html.append(
            "<p style=\"margin:0 0 12px 0;color:#555555;font-size:13px\">Corte: \(escape(SpanishDates.cutOff(asOf))); "
                + "\(evaluated) casos abiertos evaluados.</p>")

        var figures: [(String, Int, Bool)] = [
            ("Incumplidos", counts.breached, counts.breached > 0),
            ("atendidos tarde", counts.breachedAndStopped, false),
            ("esperando al cliente", counts.breachedWaitingOnClient, false),
            ("En riesgo", counts.atRisk, counts.atRisk > 0),
            ("Vencen hoy (atención)", counts.dueToday, counts.dueToday > 0),
            ("Compromisos de solución incumplidos, sin solución", counts.commitmentsMissed, counts.commitmentsMissed > 0),
            ("Compromisos de solución que vencen hoy", counts.commitmentsDueToday, counts.commitmentsDueToday > 0),
            ("Cierres automáticos de la noche", closures, false)
        ]
        if dataProblems > 0 { figures.append(("Casos con problemas de datos", dataProblems, true)) }
        html.append("<table role=\"presentation\" style=\"border-collapse:collapse;width:100%;margin:0 0 16px 0\">")
        for (label, value, stands) in figures {
            let indent = label.first?.isLowercase == true ? "padding-left:18px;color:#555555;" : ""
            html.append(
                "<tr><td style=\"\(indent)padding-top:3px;padding-bottom:3px;border-bottom:1px solid #eeeeee\">"
                    + "\(escape(label))</td><td style=\"text-align:right;padding:3px 0 3px 8px;border-bottom:1px solid #eeeeee;"
                    + "font-weight:\(stands ? "bold" : "normal")\">\(value)</td></tr>")
        }
        html.append("</table>")

        html += table(
            title: "Vencen hoy: tiempo de atención",
            note: "Casos con el reloj de atención corriendo que cruzan su objetivo antes de la medianoche si nadie actúa.",
            lines: attention, empty: "Ningún caso vence hoy.")
        html += table(
            title: "Vencen hoy: compromisos de solución",
            note: "Compromisos del plan de trabajo pendientes que vencen antes de la medianoche.",
            lines: solution, empty: "Ningún compromiso vence hoy.")
        html.append(
            "<p style=\"margin:16px 0 0 0;color:#555555;font-size:13px\">El detalle, caso por caso — incumplidos, "
                + "en riesgo y compromisos incumplidos —, está en el libro adjunto breaches.xlsx.</p>")
        html.append(
            "<p style=\"margin:12px 0 0 0;color:#888888;font-size:12px\">sla, Mesa de Experiencia Técnica "
                + "(mensaje automático)</p>")
        html.append("</div></body></html>")
        return html.joined(separator: "\n") + "\n"
    }

    private static func client(_ row: StatusRow) -> String {
        row.snapshot.clientName.isEmpty ? row.snapshot.serviceCase.clientID : row.snapshot.clientName
    }

    /// A titled table with its header row always, a row saying so when it is empty, and a note
    /// when rows were left for the workbook.
    static func table(title: String, note: String, lines: [Line], empty: String) -> [String] {
        let cell = "padding:6px 4px;border-bottom:1px solid #dddddd;vertical-align:top;word-break:break-word"
        let head = "padding:6px 4px;border-bottom:2px solid #999999;text-align:left;font-size:13px;color:#333333"
        var html = [
            "<h2 style=\"font-size:16px;margin:18px 0 2px 0\">\(escape(title)) (\(lines.count))</h2>",
            "<p style=\"margin:0 0 6px 0;color:#555555;font-size:13px\">\(escape(note))</p>",
            "<table style=\"border-collapse:collapse;width:100%;table-layout:auto;font-size:14px\">",
            "<thead><tr>"
                + ["Caso", "Cliente", "Vence", "Responsable", "Nivel"].map { "<th style=\"\(head)\">\($0)</th>" }.joined()
                + "</tr></thead>",
            "<tbody>"
        ]
        if lines.isEmpty {
            html.append("<tr><td colspan=\"5\" style=\"\(cell);color:#555555\">\(escape(empty))</td></tr>")
        }
        for line in lines.prefix(rowLimit) {
            html.append(
                "<tr><td style=\"\(cell);white-space:nowrap;font-weight:bold\">\(escape(line.caseID))</td>"
                    + "<td style=\"\(cell)\">\(escape(line.client))</td>"
                    + "<td style=\"\(cell);white-space:nowrap\">\(escape(time(line.due)))</td>"
                    + "<td style=\"\(cell)\">\(escape(line.assignee ?? "—"))</td>"
                    + "<td style=\"\(cell);text-align:center\">\(line.level)</td></tr>")
        }
        html.append("</tbody></table>")
        if lines.count > rowLimit {
            html.append(
                "<p style=\"margin:4px 0 0 0;color:#555555;font-size:13px\">… y \(lines.count - rowLimit) más en el "
                    + "libro adjunto.</p>")
        }
        return html
    }

    /// `16:00` for a due today (all are: before the next midnight).
    static func time(_ instant: Instant) -> String { String(SpanishDates.dateTime(instant).suffix(5)) }

    /// Text as HTML shows it and nothing else: the five characters that could open markup or
    /// close an attribute, and control characters (which no mail client should be handed) as
    /// U+FFFD.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default:
                if scalar.isLineBreaking {
                    result += "\u{FFFD}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
