package import SLACore

/// The month's ledger: every interval of every attention clock the month counts, with its counted
/// seconds and why — `ledger.csv`, and (for a client's breaches) the sheet *Detalle de
/// incumplimientos* of its workbook.
package enum LedgerTable {
    /// One clock: its case and its intervals, in time order.
    package struct Clock: Sendable {
        package var caseID: String
        /// The clock's target, shown on the sheet (nil: none).
        package var targetSeconds: Int64?
        package var intervals: [LedgerInterval]

        package init(caseID: String, targetSeconds: Int64?, intervals: [LedgerInterval]) {
            self.caseID = caseID
            self.targetSeconds = targetSeconds
            self.intervals = intervals
        }
    }

    package static let columns: [ReportTable.Column] = [
        .init("case_id", "Caso"), .init("from", "Desde"), .init("to", "Hasta"), .init("counted_seconds", nil),
        .init(nil, "Contado (h:mm:ss)"), .init(nil, "Acumulado (h:mm:ss)"), .init(nil, "Objetivo (h:mm:ss)"),
        .init("reason", "Motivo")
    ]

    /// The clocks' intervals, clock after clock; on the sheet, the counted time, its running total
    /// and the target per case as hours, minutes and seconds, the rows past the target coloured, so
    /// a reader sees where the target was crossed.
    package static func table(_ clocks: [Clock]) -> ReportTable {
        var rows: [[ReportValue]] = []
        var tones: [ReportTable.Tone] = []
        for clock in clocks {
            var total: Int64 = 0
            for interval in clock.intervals {
                total += interval.countedSeconds
                rows.append([
                    .text(clock.caseID), .dateTime(interval.from), .dateTime(interval.to),
                    .seconds(interval.countedSeconds), .text(clockText(interval.countedSeconds)),
                    .text(clockText(total)), clock.targetSeconds.map { .text(clockText($0)) } ?? .empty,
                    .text(interval.reason.text)
                ])
                tones.append(clock.targetSeconds.map { total > $0 } == true ? .breached : .plain)
            }
        }
        return ReportTable(columns, rows: rows, tones: tones)
    }

    /// `37:30:05`: hours (any number), minutes and seconds.
    static func clockText(_ seconds: Int64) -> String {
        let minutes = seconds / 60 % 60
        let rest = seconds % 60
        return "\(seconds / 3600):\(minutes < 10 ? "0" : "")\(minutes):\(rest < 10 ? "0" : "")\(rest)"
    }
}

/// What the *Control* sheet of a KAM's workbook says: what the figures were computed with and
/// their control totals, as the month's `manifest.json` records them.
package struct ControlFacts: Sendable {
    package var inputs: EvidenceInputs
    package var asOf: Instant
    /// How many cases the manifest gives a digest of.
    package var cases: Int

    package init(inputs: EvidenceInputs, asOf: Instant, cases: Int) {
        self.inputs = inputs
        self.asOf = asOf
        self.cases = cases
    }
}
