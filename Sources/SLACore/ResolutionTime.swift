/// Resolution time (SPEC §4, informational): the case's clock from registration to its latest
/// solution, without the time waiting on the client and without the time between each solution
/// and the reopening that followed it.
enum ResolutionTime {
    /// Seconds, or nil while the case is not solved (no `solved`, or reopened after the latest).
    ///
    /// A closure also stops the count until a reopening, like a solution: nobody works a closed case.
    static func seconds(start: Instant, history: [CaseEvent], clock: SLAClock) throws(ClockRangeError) -> Int64? {
        guard let latestSolved = CaseLifecycle.standingSolution(in: history) else { return nil }
        enum Phase { case working, waiting, solved }
        var phase = Phase.working
        var workingSince = start
        var total: Int64 = 0
        for event in history {
            let at = max(event.at, start)
            switch (event.kind, phase) {
            case (.waitingClient, .working):
                total += try clock.elapsedSeconds(from: workingSince, to: at)
                phase = .waiting
            case (.clientResponded, .waiting):
                workingSince = at
                phase = .working
            case (.solved, .working), (.closed, .working), (.autoClosed, .working):
                total += try clock.elapsedSeconds(from: workingSince, to: at)
                phase = .solved
            case (.solved, .waiting), (.closed, .waiting), (.autoClosed, .waiting):
                phase = .solved
            case (.reopened, .solved):
                workingSince = at
                phase = .working
            default:
                break
            }
            if event == latestSolved { break }
        }
        return total
    }
}
