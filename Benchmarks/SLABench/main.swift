// `make bench`: nanoseconds per business-clock query on random inputs, release build.
//
// Each figure is the median of several runs over the same million seeded queries; the spread
// (min–max) is printed beside it because this machine is shared and noisy.
import Logging
import SLABatch
import SLACore

let queries = 1_000_000
let runs = 9
let calendar = try CalendarLoader.load(directory: nil, logger: Logger(label: "bench"))
let clock = BusinessClock(calendar: calendar)

var random = SeededRandom(seed: 2026)
let first = Instant(LocalDate(year: 2000, month: 1, day: 1)!).secondsSince1970
let last = Instant(LocalDate(year: 2090, month: 12, day: 31)!).secondsSince1970
let starts = (0..<queries).map { _ in Instant(secondsSince1970: Int64.random(in: first...last, using: &random)) }
let ends = starts.map { $0.adding(seconds: Int64.random(in: 0...(30 * 86_400), using: &random)) }
let durations = (0..<queries).map { _ in Int64.random(in: 1...96, using: &random) * 3600 }

func measure(_ name: String, _ body: () throws -> Int64) rethrows -> Double {
    var samples: [Double] = []
    var checksum: Int64 = 0
    for _ in 0..<runs {
        let started = ContinuousClock.now
        checksum &+= try body()
        let elapsed = ContinuousClock.now - started
        let nanoseconds = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
        samples.append(nanoseconds / Double(queries))
    }
    samples.sort()
    let median = samples[runs / 2]
    print(
        pad(name, 38) + pad(format(median), 10)
            + "  (min \(format(samples.first!)), max \(format(samples.last!)), checksum \(checksum % 1000))")
    return median
}

func format(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    return "\(rounded) ns"
}

func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}

print("Business clock, \(queries) random queries in 2000–2090, median of \(runs) runs (release build)")
let elapsed = try measure("elapsed (from, to ≤ 30 days later)") {
    var sum: Int64 = 0
    for index in 0..<queries { sum &+= try clock.elapsedSeconds(from: starts[index], to: ends[index]) }
    return sum
}
let due = try measure("due (from, 1–96 business hours)") {
    var sum: Int64 = 0
    for index in 0..<queries { sum &+= try clock.dueInstant(from: starts[index], after: durations[index]).secondsSince1970 }
    return sum
}
let target = 200.0
print(
    "target: under \(Int(target)) ns per query — elapsed \(elapsed < target ? "met" : "NOT MET"), due \(due < target ? "met" : "NOT MET")"
)
print("BENCH elapsed_ns=\(elapsed) due_ns=\(due)")
