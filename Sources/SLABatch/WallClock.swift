/// Seconds of wall time since `start`, for summary lines.
func seconds(since start: ContinuousClock.Instant) -> Double {
    let took = ContinuousClock.now - start
    return Double(took.components.seconds) + Double(took.components.attoseconds) / 1e18
}
