public import SLACore

/// `breaches.xlsx`, the list a MET supervisor opens at 8 a.m.: breached and at-risk cases still
/// running, most overdue first, red and amber; and the data problems (unclassified cases) on a
/// second sheet.
public enum BreachWorkbook {
    static let breachColumns = [
        "Caso", "Estado", "Vence", "Exceso (+) / margen (−), horas", "Transcurrido, horas", "Objetivo, horas", "Reloj",
        "Escalamiento sugerido", "Cliente", "KAM", "Producto", "Tipo", "Prioridad", "Impacto", "Urgencia",
        "Registrado", "Resumen",
    ]
    static let problemColumns = ["Caso", "Problema", "Cliente", "KAM", "Producto", "Tipo", "Prioridad", "Impacto",
                                 "Urgencia", "Registrado", "Transcurrido, horas", "Resumen"]

    /// Writes the workbook to `path` (atomically: a temporary file renamed into place).
    public static func write(breaches: [StatusRow], problems: [StatusRow], asOf: Instant, to path: String)
        throws(ReportError)
    {
        try ReportFile.write(to: path) { temporary throws(ReportError) in
            let workbook = try XlsxWorkbook(path: temporary)
            try workbook.setProperties(title: "Casos incumplidos y en riesgo al \(asOf.localDate)", author: "sla")
            let header = workbook.format(bold: true, background: 0xD9E1F2)
            let red = RowStyle(workbook, background: 0xF8CBAD)
            let amber = RowStyle(workbook, background: 0xFFE699)
            let plain = RowStyle(workbook, background: nil)

            let sheet = try workbook.addSheet("Incumplimientos")
            var widths = breachColumns.map { Double($0.count) + 4 }
            for (column, title) in breachColumns.enumerated() { try sheet.write(title, row: 0, column: column, format: header) }
            for (index, row) in breaches.enumerated() {
                let r = index + 1
                let e = row.evaluation, s = row.snapshot, c = s.serviceCase
                let style = e.state == .breached ? red : amber
                let cells: [Cell] = [
                    .text(c.id), .text(e.state == .breached ? "Incumplido" : "En riesgo"),
                    e.dueAt.map { .date($0) } ?? .empty,
                    e.targetSeconds.map { .hours(Double(e.elapsedSeconds - $0) / 3600) } ?? .empty,
                    .number(Double(e.elapsedSeconds) / 3600), e.targetSeconds.map { .number(Double($0) / 3600) } ?? .empty,
                    .text(e.clock == .business ? "hábil" : "24x7"), e.escalationLevel.map { .text(String($0)) } ?? .empty,
                    .text(s.clientName), .text(s.kamName), .text(s.product), .text(c.type.rawValue),
                    .text(c.priority.rawValue), .text(c.impact?.rawValue ?? ""), .text(c.urgency?.rawValue ?? ""),
                    .date(c.createdAt), .text(s.summary),
                ]
                try write(cells, row: r, sheet: sheet, style: style, widths: &widths)
            }
            for (column, width) in widths.enumerated() { try sheet.setColumn(column, width: min(width, 60)) }
            try sheet.makeTable(rows: breaches.count + 1, columns: breachColumns.count)

            let problemSheet = try workbook.addSheet("Problemas de datos")
            var problemWidths = problemColumns.map { Double($0.count) + 4 }
            for (column, title) in problemColumns.enumerated() {
                try problemSheet.write(title, row: 0, column: column, format: header)
            }
            for (index, row) in problems.enumerated() {
                let s = row.snapshot, c = s.serviceCase
                let missing = [c.impact == nil ? "impacto" : nil, c.urgency == nil ? "urgencia" : nil].compactMap { $0 }
                let cells: [Cell] = [
                    .text(c.id), .text("Sin \(missing.joined(separator: " ni ")): no tiene objetivo de atención"),
                    .text(s.clientName), .text(s.kamName), .text(s.product), .text(c.type.rawValue),
                    .text(c.priority.rawValue), .text(c.impact?.rawValue ?? ""), .text(c.urgency?.rawValue ?? ""),
                    .date(c.createdAt), .number(Double(row.evaluation.elapsedSeconds) / 3600), .text(s.summary),
                ]
                try write(cells, row: index + 1, sheet: problemSheet, style: plain, widths: &problemWidths)
            }
            for (column, width) in problemWidths.enumerated() { try problemSheet.setColumn(column, width: min(width, 60)) }
            try problemSheet.makeTable(rows: problems.count + 1, columns: problemColumns.count)
            try workbook.close()
        }
    }

    /// The formats of one kind of row: text, date-time, signed hours, plain numbers.
    struct RowStyle {
        let text, date, signedHours, number: OpaquePointer?

        init(_ workbook: XlsxWorkbook, background: UInt32?) {
            text = workbook.format(background: background)
            date = workbook.format(numberFormat: "yyyy-mm-dd hh:mm", background: background)
            signedHours = workbook.format(numberFormat: "+0.00;-0.00;0.00", background: background)
            number = workbook.format(numberFormat: "0.00", background: background)
        }
    }

    enum Cell {
        case text(String), number(Double), hours(Double), date(Instant), empty
    }

    private static func write(_ cells: [Cell], row: Int, sheet: XlsxSheet,
                              style: RowStyle,
                              widths: inout [Double]) throws(ReportError)
    {
        for (column, cell) in cells.enumerated() {
            switch cell {
            case let .text(text):
                try sheet.write(text, row: row, column: column, format: style.text)
                widths[column] = max(widths[column], Double(text.count) + 2)
            case let .number(number):
                try sheet.write(number, row: row, column: column, format: style.number)
            case let .hours(number):
                try sheet.write(number, row: row, column: column, format: style.signedHours)
            case let .date(instant):
                try sheet.write(excelSerial(instant), row: row, column: column, format: style.date)
                widths[column] = max(widths[column], 18)
            case .empty:
                try sheet.write("", row: row, column: column, format: style.text)
            }
        }
    }
}
