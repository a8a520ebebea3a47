/// One meaningful line of a calendar file, split into whitespace-separated fields that remember
/// their column, so every complaint can point at the exact place.
struct CalendarFileLine {
    struct Field {
        var text: Substring
        var column: Int
    }

    var number: Int
    var fields: [Field]
    /// The text from the start of field `index` to the end of the line, for free-text names.
    var rest: (Int) -> Substring

    /// The non-blank, non-comment lines of `text`. A `#` at the start of a line or after a blank
    /// starts a comment.
    static func lines(of text: String) -> [CalendarFileLine] {
        var result: [CalendarFileLine] = []
        var lineNumber = 0
        // "\r\n" is one Character in Swift: split on both kinds of line end.
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            var line = rawLine
            if line.last == "\r" { line = line.dropLast() }
            if lineNumber == 1, line.first == "\u{FEFF}" { line = line.dropFirst() }
            var content = line[...]
            var previous: Character = " "
            for index in line.indices {
                let character = line[index]
                if character == "#", previous == " " || previous == "\t" {
                    content = line[..<index]
                    break
                }
                previous = character
            }
            var fields: [Field] = []
            var index = content.startIndex
            while index < content.endIndex {
                while index < content.endIndex, content[index] == " " || content[index] == "\t" {
                    index = content.index(after: index)
                }
                guard index < content.endIndex else { break }
                let start = index
                while index < content.endIndex, content[index] != " ", content[index] != "\t" {
                    index = content.index(after: index)
                }
                let column = line.distance(from: line.startIndex, to: start) + 1
                fields.append(Field(text: content[start..<index], column: column))
            }
            guard !fields.isEmpty else { continue }
            let captured = content
            let starts = fields.map { line.index(line.startIndex, offsetBy: $0.column - 1) }
            result.append(
                CalendarFileLine(number: lineNumber, fields: fields) { field in
                    captured[starts[field]...].trimmingTrailingBlanks()
                })
        }
        return result
    }
}
