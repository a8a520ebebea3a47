/// One row of a month's *Tiempo por nivel* (SPEC §16, `niveles.csv`): a client's (or, with an
/// empty client id, the KAM's) handling time at one support level.
package struct LevelFigures: Sendable, Equatable {
    package var clientID: String
    package var clientName: String
    package var level: Int
    /// The time at the level of each case counted in the month's resolution figures (SPEC §8) that
    /// spent more than 0 s at it, in seconds.
    package var seconds: [Int64] = []
    /// The level's OLA for a case registered on the month's last day; nil without one.
    package var olaSeconds: Int64?
    /// The OLA breaches of the level in the month among all the client's cases, resolved or not.
    package var olaBreaches = 0

    package init(clientID: String, clientName: String, level: Int, olaSeconds: Int64?) {
        self.clientID = clientID
        self.clientName = clientName
        self.level = level
        self.olaSeconds = olaSeconds
    }

    /// The cases counted at the level.
    package var cases: Int { seconds.count }
    package var meanHours: Double? { Statistics.mean(seconds).map { $0 / 3600 } }
    package var medianHours: Double? { Statistics.median(seconds).map { $0 / 3600 } }
    /// The hours of all the counted cases together, for the chart of where the time went.
    package var totalHours: Double { Double(seconds.reduce(0, +)) / 3600 }
}

/// A month's time by support level (SPEC §16): per client and level 1–3, the handling time of the
/// cases the month's resolution figures count, and the OLA breaches that happened in the month.
package enum TimeByLevel {
    /// Whether a case counts in the month's resolution figures (SPEC §8): its latest `solved` is in
    /// the month and it is still solved at the month's end — the same cases as the mean and median
    /// resolution hours of the summary.
    ///
    /// - Parameter row: the case evaluated as of `month.end`.
    package static func countsInResolution(_ row: StatusRow, month: ReportMonth) -> Bool {
        guard row.evaluation.resolutionSeconds != nil,
            let last = CaseLifecycle.standingSolution(in: row.snapshot.events, through: month.end)
        else { return false }
        return month.contains(last.at)
    }

    /// Whether the case's time at `level` went over its OLA in `month`: over as of the month's end,
    /// not yet as of its start — one breach per level and case, in the month it happened.
    ///
    /// - Parameter evaluation: the case's clock as of `month.end` or later.
    package static func olaBreached(_ evaluation: AttentionEvaluation, level: Int, in month: ReportMonth) -> Bool {
        guard let at = evaluation.handling.olaBreachedAt(level: level) else { return false }
        return month.start < at && at <= month.end
    }

    /// Three rows per client (levels 1, 2, 3), in the clients' order.
    ///
    /// - Parameters:
    ///   - clients: the month's clients with their terms for the month.
    ///   - rows: the clients' cases that may count (any superset of those solved, open or closed in
    ///     the month), evaluated as of `month.end`.
    package static func rows(month: ReportMonth, clients: [ClientFigures], rows: [StatusRow]) -> [LevelFigures] {
        var figures: [String: [LevelFigures]] = [:]
        for client in clients {
            figures[client.clientID] = Terms.supportLevels.map {
                LevelFigures(
                    clientID: client.clientID, clientName: client.clientName, level: $0,
                    olaSeconds: client.terms.ola(level: $0))
            }
        }
        for row in rows {
            let clientID = row.snapshot.serviceCase.clientID
            guard row.snapshot.serviceCase.createdAt < month.end, var levels = figures[clientID] else { continue }
            let resolved = countsInResolution(row, month: month)
            for index in levels.indices {
                let level = levels[index].level
                let seconds = row.evaluation.handling.seconds(atLevel: level)
                if resolved, seconds > 0 { levels[index].seconds.append(seconds) }
                if olaBreached(row.evaluation, level: level, in: month) { levels[index].olaBreaches += 1 }
            }
            figures[clientID] = levels
        }
        return clients.flatMap { figures[$0.clientID] ?? [] }
    }

    /// The KAM's total per level: the cases and breaches of all the clients, the mean and median
    /// over all their times (not averaged from the rows), and the OLA when every client has the
    /// same one (else none: the clients' rows say each).
    package static func total(_ rows: [LevelFigures]) -> [LevelFigures] {
        Terms.supportLevels.map { level in
            let own = rows.filter { $0.level == level }
            let olas = Set(own.map(\.olaSeconds))
            var total = LevelFigures(
                clientID: "", clientName: "Total", level: level,
                olaSeconds: olas.count == 1 ? olas.first ?? nil : nil)
            total.seconds = own.flatMap(\.seconds)
            total.olaBreaches = own.reduce(0) { $0 + $1.olaBreaches }
            return total
        }
    }
}
