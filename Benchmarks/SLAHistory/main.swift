// `SLAHistory DIR [CASES] [--commitments]`: the benchmark's seeded ten-year history as interchange
// files — 20 KAMs, 200 clients, CASES cases (default 1,000,000) registered evenly from 23 November
// 2016 to 23 November 2026 with about three events each, nearly every case older than a month
// closed. With `--commitments`, every other diagnosed case also gets a work plan's solution
// commitment (a third of them re-planned once), from a random stream of its own: the history is
// otherwise the same. Deterministic: the same arguments write the same bytes.
import Foundation
import SLACore

let withCommitments = CommandLine.arguments.contains("--commitments")
let arguments = CommandLine.arguments.filter { $0 != "--commitments" }
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: SLAHistory DIR [CASES] [--commitments]\n".utf8))
    exit(2)
}
let folder = arguments[1]
let caseCount = arguments.count > 2 ? Int(arguments[2]) ?? 1_000_000 : 1_000_000
var plans = SeededRandom(seed: 29)
try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)

/// Appends lines to a file through a 4 MB buffer.
final class LineFile {
    let handle: FileHandle
    var buffer: [UInt8] = []

    init(_ path: String, header: String) throws {
        FileManager.default.createFile(atPath: path, contents: nil)
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        buffer.reserveCapacity(1 << 22)
        append(header)
    }

    func append(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 22 { flush() }
    }

    func flush() {
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        flush()
        try handle.close()
    }
}

var random = SeededRandom(seed: 20_261_123)
let products = ["KACTUS", "SEVEN", "HOSVITAL", "BPM"]
let types = ["incidente", "consulta", "solicitud", "acceso"]
let grades = ["alta", "media", "baja"]

let clients = try LineFile(folder + "/clients.csv", header: "client_id,client_name,contract,kam_id,kam_name,kam_email")
for index in 1...200 {
    let kam = (index - 1) % 20 + 1
    let kamID = "kam-" + (kam < 10 ? "0" : "") + String(kam)
    clients.append(
        "CLI-\(String(format: "%03d", index)),Cliente \(index),\(index % 3 == 0 ? "saas" : "on_premise"),"
            + "\(kamID),KAM \(kam),\(kamID)@example.co")
}
try clients.close()

let cases = try LineFile(
    folder + "/cases.csv", header: "case_id,client_id,product,type,priority,impact,urgency,created_at,summary")
let events = try LineFile(folder + "/events.csv", header: "event_id,case_id,at,kind,level,note" + (withCommitments ? ",due" : ""))
let first = Instant(LocalDate(year: 2016, month: 11, day: 23)!).secondsSince1970
let last = Instant(LocalDate(year: 2026, month: 11, day: 23)!).secondsSince1970
let span = last - first
var eventID = 0

@MainActor func event(_ caseID: String, _ at: Int64, _ kind: String, level: String = "") {
    eventID += 1
    events.append(
        "\(eventID),\(caseID),\(Timestamp.format(Instant(secondsSince1970: at))),\(kind),\(level),"
            + (withCommitments ? "," : ""))
}

/// A `committed` event at `at` promising the solution by `due`.
@MainActor func commitment(_ caseID: String, _ at: Int64, due: Int64) {
    eventID += 1
    events.append(
        "\(eventID),\(caseID),\(Timestamp.format(Instant(secondsSince1970: at))),committed,,,"
            + Timestamp.format(Instant(secondsSince1970: due)))
}

for index in 0..<caseCount {
    let caseID = "C" + String(format: "%07d", index + 1)
    let created = first + span * Int64(index) / Int64(caseCount) + Int64(random.below(3600))
    let client = "CLI-" + String(format: "%03d", random.below(200) + 1)
    let priorityDraw = random.below(100)
    let priority = priorityDraw < 5 ? "P1" : priorityDraw < 25 ? "P2" : priorityDraw < 70 ? "P3" : "P4"
    let impact = random.below(100) == 0 ? "" : grades[random.below(3)]
    let urgency = grades[random.below(3)]
    cases.append(
        "\(caseID),\(client),\(products[random.below(4)]),\(types[random.below(4)]),\(priority),\(impact),"
            + "\(urgency),\(Timestamp.format(Instant(secondsSince1970: created))),Caso de prueba \(index + 1)")

    let age = last - created
    var at = created + Int64(1800 + random.below(20 * 3600))
    let stage = age > 31 * 86_400 ? 4 : random.below(5)
    if stage == 0 { continue }
    if random.below(10) == 0 {
        event(caseID, at, "waiting_client")
        at += Int64(3600 + random.below(48 * 3600))
        event(caseID, at, "client_responded")
        at += Int64(600 + random.below(4 * 3600))
    }
    event(caseID, at, "diagnosed")
    if withCommitments, index % 2 == 0 {
        let made = at + 600
        let due = at + Int64(3600 + plans.below(72 * 3600))
        commitment(caseID, made, due: due)
        if plans.below(3) == 0 { commitment(caseID, made + Int64(plans.below(Int(due - made))), due: due + 86_400) }
    }
    if stage == 1 { continue }
    at += Int64(3600 + random.below(72 * 3600))
    event(caseID, at, "solved")
    if stage == 2 || random.below(5) == 0 { continue }  // left to the automatic closure
    at += Int64(3600 + random.below(4 * 86_400))
    event(caseID, at, "closed")
}
try cases.close()
try events.close()
print("\(caseCount) cases, \(eventID) events in \(folder)")
