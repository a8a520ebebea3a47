/// Reads the holiday rules file (`calendars/colombia-holidays.txt`): one rule a line,
///
///     rule                 when     years        name
///     fixed                01-01    1984+        Año Nuevo
///     next-monday          01-06    1984+        Día de los Reyes Magos
///     easter               -3       1984+        Jueves Santo
///     easter-next-monday   +39      1984+        Ascensión del Señor
///
/// `years` is `1984+` (from 1984 on), `1984-2030` (both included) or `2026` (that year only).
public enum HolidayRulesFile {
    public static func parse(_ text: String, file: String) throws(Finding) -> [HolidayRule] {
        var rules: [HolidayRule] = []
        for line in CalendarFileLine.lines(of: text) {
            func fail(_ column: Int, _ reason: String) -> Finding {
                Finding(file: file, line: line.number, column: column, reason: reason)
            }
            guard line.fields.count >= 4 else {
                throw fail(
                    line.fields.last.map { $0.column + $0.text.count } ?? 1,
                    "expected four fields: rule, when, years, name (e.g. 'fixed 01-01 1984+ Año Nuevo')")
            }
            let kind = line.fields[0]
            let when = line.fields[1]
            let dateRule: HolidayRule.DateRule
            switch kind.text {
            case "fixed", "next-monday":
                guard let (month, day) = parseMonthDay(when.text) else {
                    throw fail(when.column, "'\(when.text)' is not a month and day as MM-DD (e.g. 07-20)")
                }
                dateRule = kind.text == "fixed" ? .fixed(month: month, day: day) : .nextMonday(month: month, day: day)
            case "easter", "easter-next-monday":
                guard let offset = parseOffset(when.text) else {
                    throw fail(
                        when.column,
                        "'\(when.text)' is not a number of days from Easter Sunday between -200 and +200 (e.g. -3, +39)")
                }
                dateRule = kind.text == "easter" ? .easter(offset: offset) : .easterNextMonday(offset: offset)
            default:
                throw fail(kind.column, "unknown rule '\(kind.text)': expected fixed, next-monday, easter or easter-next-monday")
            }
            let yearsField = line.fields[2]
            guard let years = parseYears(yearsField.text) else {
                throw fail(
                    yearsField.column, "'\(yearsField.text)' is not a year range: write 1984+ (from 1984 on), 1984-2030 or 2026")
            }
            rules.append(HolidayRule(dateRule: dateRule, years: years, name: String(line.rest(3))))
        }
        guard !rules.isEmpty else {
            throw Finding(file: file, line: 1, column: 1, reason: "the file has no holiday rules")
        }
        return rules
    }

    static func parseMonthDay(_ text: Substring) -> (Int, Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCIIDigit) }),
            let month = Int(parts[0]), let day = Int(parts[1]),
            (1...12).contains(month), (1...LocalDate.daysInMonth(year: 2000, month: month)).contains(day)
        else { return nil }
        return (month, day)
    }

    static func parseOffset(_ text: Substring) -> Int? {
        guard let value = Int(text), (-200...200).contains(value) else { return nil }
        return value
    }

    static func parseYears(_ text: Substring) -> ClosedRange<Int>? {
        func year(_ part: Substring) -> Int? {
            guard part.count == 4, part.allSatisfy(\.isASCIIDigit), let value = Int(part), value >= 1583 else { return nil }
            return value
        }
        if text.hasSuffix("+") {
            return year(text.dropLast()).map { $0...9999 }
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            return year(parts[0]).map { $0...$0 }
        case 2:
            guard let from = year(parts[0]), let to = year(parts[1]), from <= to else { return nil }
            return from...to
        default:
            return nil
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
