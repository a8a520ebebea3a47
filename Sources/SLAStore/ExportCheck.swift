import Foundation
package import SLACore

/// How a profile reads one export, without writing anything: each field's column, the first rows
/// as sla reads them, the export's columns nothing uses, the words no mapping or spelling
/// understands, and the rows the import would reject (what a row can be judged on by itself: a
/// client or case the database lacks is for the import to say).
package struct ExportCheck: Sendable {
    package struct UnknownValue: Sendable, Equatable {
        package var field: String
        package var value: String
        package var count: Int
        package var firstLine: Int
    }

    package var kind: InterchangeFile
    package var path: String
    package var header: [String]
    /// sla's field and where it comes from (`Fecha de apertura`, `saas (constant)`), for every field mapped.
    package var mapping: [(field: String, source: String)]
    package var unusedColumns: [String]
    /// The first rows as the interchange file's rows: line, then field=value pairs.
    package var firstRows: [(line: Int, values: [(String, String)])]
    package var unknownValues: [UnknownValue]
    package var read = 0
    package var rejected = 0
    package var skipped = 0
    /// The first rejections: line, column, reason.
    package var rejections: [(line: Int, column: String, reason: String)] = []

    /// Reads `path` through `layout`.
    package static func run(path: String, kind: InterchangeFile, layout: ExportLayout, sampleRows: Int = 5) throws(StoreError)
        -> ExportCheck
    {
        let rows = try ExportRows(path: path, kind: kind, layout: layout)
        let specs = ExportKind(rawValue: kind.rawValue)?.fields ?? []
        var mapping: [(String, String)] = []
        var used = Set<String>()
        for spec in specs {
            switch layout.columns[spec.name] {
            case .column(let name)?:
                mapping.append((spec.name, rows.shownName(spec.name)))
                used.insert(ExportLayout.key(name))
            case .constant(let value)?: mapping.append((spec.name, "\(value) (constant)"))
            case nil:
                if kind == .events, layout.isHistory, ["event_id", "kind", "level"].contains(spec.name) {
                    mapping.append((spec.name, spec.name == "event_id" ? "(derived from the row)" : "(from the rules)"))
                } else if kind == .events, spec.name == "event_id" {
                    mapping.append((spec.name, "(derived from the row)"))
                }
            }
        }
        for field in ExportKind.historyFields {
            if case .column(let name)? = layout.columns[field] {
                mapping.append((field, name))
                used.insert(ExportLayout.key(name))
            }
        }
        for event in layout.rowEvents {
            mapping.append(("event \(event.kind.rawValue)", event.column))
            used.insert(ExportLayout.key(event.column))
        }
        var check = ExportCheck(
            kind: kind, path: path, header: rows.header, mapping: mapping,
            unusedColumns: rows.header.filter { !$0.isEmpty && !used.contains(ExportLayout.key($0)) },
            firstRows: [], unknownValues: [])
        var unknown: [String: UnknownValue] = [:]
        var unknownOrder: [String] = []
        var record = CSVReader.RawRecord()
        var source = rows
        while source.next(into: &record) {
            check.read += 1
            var problem: (String, String)?
            if let reason = record.problem { problem = (rows.shownName(record.problemColumn ?? ""), reason) }
            var values: [(String, String)] = []
            var kindValue = ""
            var levelValue = ""
            for (index, spec) in specs.enumerated() {
                let bytes = ExportRows.trimmed(
                    index < record.fields.count ? record.fields[index] : UnsafeBufferPointer(start: nil, count: 0))
                let text = String(decoding: bytes, as: UTF8.self)
                values.append((spec.name, text.isEmpty ? text : spec.canonical(text) ?? text))
                if spec.name == "kind" { kindValue = text }
                if spec.name == "level" { levelValue = text }
                let shown = rows.shownName(spec.name)
                if text.isEmpty {
                    if spec.required, layout.columns[spec.name] != nil || spec.name == "event_id", problem == nil {
                        problem = (shown, "\(spec.name) is empty: it is required")
                    }
                    continue
                }
                if String(validating: bytes, as: UTF8.self) == nil, problem == nil {
                    problem = (
                        shown,
                        "'\(Finding.printable(text, limit: 60))' is not valid text in the profile's encoding (\(layout.encoding.rawValue))"
                    )
                }
                if spec.isVocabulary, spec.canonical(text) == nil {
                    let key = "\(spec.name)\u{0}\(text)"
                    if unknown[key] == nil {
                        unknown[key] = UnknownValue(field: spec.name, value: text, count: 0, firstLine: record.line)
                        unknownOrder.append(key)
                    }
                    unknown[key]?.count += 1
                    if problem == nil {
                        problem = (
                            shown,
                            "\(spec.name) '\(Finding.printable(text, limit: 60))' is not a value sla knows: map it under values.\(spec.name) in the profile"
                        )
                    }
                }
            }
            if problem == nil, kindValue == "escalated", levelValue.isEmpty {
                problem = (rows.shownName("level"), "an escalated event needs the level reached (1, 2 or 3)")
            }
            if let problem {
                check.rejected += 1
                if check.rejections.count < 20 { check.rejections.append((record.line, problem.0, problem.1)) }
            }
            if check.firstRows.count < sampleRows { check.firstRows.append((record.line, values)) }
        }
        check.skipped = rows.skipped
        check.read += rows.skipped
        check.unknownValues = unknownOrder.compactMap { unknown[$0] }
        return check
    }

    /// The check as the operator reads it.
    package var text: String {
        var lines: [String] = ["\(kind.rawValue): \(path)"]
        lines.append("  fields:")
        let width = (mapping.map(\.field.count).max() ?? 0) + 2
        for (field, source) in mapping {
            lines.append("    " + field + String(repeating: " ", count: max(1, width - field.count)) + "← " + source)
        }
        lines.append("  first rows as sla reads them:")
        if firstRows.isEmpty { lines.append("    (none)") }
        for row in firstRows {
            lines.append(
                "    line \(row.line): " + row.values.filter { !$0.1.isEmpty }.map { "\($0.0)=\($0.1)" }.joined(separator: ", "))
        }
        lines.append(
            "  columns nothing uses: "
                + (unusedColumns.isEmpty ? "none" : unusedColumns.map { "'\($0)'" }.joined(separator: ", ")))
        if unknownValues.isEmpty {
            lines.append("  values nothing understands: none")
        } else {
            lines.append("  values nothing understands (map them under values in the profile):")
            for value in unknownValues {
                lines.append(
                    "    \(value.field) \"\(value.value)\": \(value.count) row\(value.count == 1 ? "" : "s"), first at line \(value.firstLine)"
                )
            }
        }
        lines.append(
            "  rows: \(read) read, \(read - rejected - skipped) readable, \(rejected) would be rejected, \(skipped) skipped (no rule)"
        )
        for rejection in rejections {
            lines.append("    line \(rejection.line), \(rejection.column): \(rejection.reason)")
        }
        if rejected > rejections.count { lines.append("    … and \(rejected - rejections.count) more") }
        return lines.joined(separator: "\n") + "\n"
    }
}
