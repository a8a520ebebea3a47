// The checks of the `calendar` fuzz target (Fuzz/calendar.swift), compiled into the fuzzer with the
// sources it checks, and into the FuzzChecks module that `make test` runs on every seed and every
// input a fuzzer ever crashed on (Fuzz/corpus/calendar/, Fuzz/regressions/calendar/).
//
// A broken invariant is reported through `fuzzCheck`: the fuzzer aborts, the tests record it.

#if canImport(SLACore)
    import SLACore
#endif

public enum CalendarFuzzCheck {
    public static func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let selector = bytes.first else { return }
        let rest = bytes.dropFirst()
        switch selector % 4 {
        case 0: _ = holidayRules(String(decoding: rest, as: UTF8.self))
        case 1: _ = organisationDays(String(decoding: rest, as: UTF8.self))
        case 2: _ = serviceWindow(String(decoding: rest, as: UTF8.self))
        default:
            var parts = rest.split(separator: 0x0C, maxSplits: 2, omittingEmptySubsequences: false)
                .map { String(decoding: $0, as: UTF8.self) }
            while parts.count < 3 { parts.append("") }
            let rules = holidayRules(parts[0])
            let days = organisationDays(parts[1])
            let window = serviceWindow(parts[2])
            guard let rules, let days, let window else { return }
            businessCalendar(rules: rules, days: days, window: window, size: bytes.count)
        }
    }

    static func holidayRules(_ text: String) -> [HolidayRule]? {
        let rules: [HolidayRule]
        do {
            rules = try HolidayRulesFile.parse(text, file: "holidays.txt")
        } catch {
            checkError(error, text: text, file: "holidays.txt")
            return nil
        }
        fuzzCheck(!rules.isEmpty, "no rules accepted")
        for rule in rules {
            fuzzCheck(rule.years.lowerBound >= 1583 && rule.years.upperBound <= 9999, "years \(rule.years)")
            checkName(rule.name)
            switch rule.dateRule {
            case .fixed(let month, let day), .nextMonday(let month, let day):
                fuzzCheck(LocalDate(year: 2000, month: month, day: day) != nil, "rule on \(month)-\(day)")
            case .easter(let offset), .easterNextMonday(let offset):
                fuzzCheck((-200...200).contains(offset), "Easter offset \(offset)")
            }
            let first = rule.years.lowerBound
            fuzzCheck(rule.date(in: first - 1) == nil, "\(rule) applies before its years")
            guard let date = rule.date(in: first) else { continue }
            fuzzCheck(abs(date.year - first) <= 1, "\(rule) in \(first) falls on \(date)")
            switch rule.dateRule {
            case .nextMonday, .easterNextMonday: fuzzCheck(date.weekday == .monday, "\(rule) in \(first) falls on \(date)")
            case .fixed, .easter: break
            }
        }
        return rules
    }

    static func organisationDays(_ text: String) -> [Holiday]? {
        let days: [Holiday]
        do {
            days = try OrganisationDaysFile.parse(text, file: "days.txt")
        } catch {
            checkError(error, text: text, file: "days.txt")
            return nil
        }
        fuzzCheck(days.count <= text.utf8.count / 11, "\(days.count) days from \(text.utf8.count) bytes")
        for day in days {
            fuzzCheck(day.origin == .organisation, "\(day) has origin \(day.origin)")
            checkName(day.name)
        }
        return days
    }

    static func serviceWindow(_ text: String) -> ServiceWindow? {
        let window: ServiceWindow
        do {
            window = try ServiceWindowFile.parse(text, file: "window.txt")
        } catch {
            checkError(error, text: text, file: "window.txt")
            return nil
        }
        fuzzCheck(Weekday.allCases.contains { window.hours(on: $0) != nil }, "a window without service hours")
        for weekday in Weekday.allCases {
            guard let hours = window.hours(on: weekday) else { continue }
            fuzzCheck(
                0 <= hours.opens && hours.opens < hours.closes && hours.closes <= 86_400,
                "\(weekday.name) \(hours.opens)–\(hours.closes)")
        }
        return window
    }

    static func checkError(_ error: Finding, text: String, file: String) {
        guard case .file(_, let line, let column?) = error.source else {
            fuzzCheck(false, "error without a line and column: \(error)")
            return
        }
        let lines = text.utf8.count { $0 == UInt8(ascii: "\n") } + 1
        fuzzCheck(error.file == file, "error names \(error.file), not \(file)")
        fuzzCheck((1...lines).contains(line), "\(error) is past the last line (\(lines))")
        fuzzCheck(column >= 1 && column <= text.count + 1, "\(error): column out of the text")
        fuzzCheck(!error.reason.isEmpty, "\(error) without a reason")
        fuzzCheck(error.description.hasPrefix("\(file):\(line):\(column): "), "\(error.description)")
    }

    /// A name runs to the end of its line: never empty, never with blanks around it.
    static func checkName(_ name: String) {
        fuzzCheck(!name.isEmpty, "an empty name")
        fuzzCheck(!name.utf8.contains(UInt8(ascii: "\n")), "name \(name.debugDescription) spans lines")
        let blanks: [Character] = [" ", "\t"]
        if let first = name.first, let last = name.last {
            fuzzCheck(!blanks.contains(first) && !blanks.contains(last), "name \(name.debugDescription)")
        }
    }

    static func businessCalendar(rules: [HolidayRule], days: [Holiday], window: ServiceWindow, size: Int) {
        let calendar = BusinessCalendar(holidays: HolidayCalendar(rules: rules, organisationDays: days), window: window)
        let years = calendar.years
        let year = years.lowerBound + size % years.count

        let holidays = calendar.holidayCalendar.holidays(in: year)
        for (earlier, later) in zip(holidays, holidays.dropFirst()) {
            fuzzCheck(!(later.date < earlier.date), "holidays(in: \(year)) out of order: \(earlier), \(later)")
        }
        fuzzCheck(holidays.count { $0.origin == .law } <= rules.count, "more holidays in \(year) than rules")
        fuzzCheck(
            holidays.count { $0.origin == .organisation } == days.count { $0.date.year == year },
            "organisation days of \(year) lost or added")
        for holiday in holidays where years.contains(holiday.date.year) {
            fuzzCheck(!calendar.isBusinessDay(holiday.date), "\(holiday) is a business day")
            fuzzCheck(calendar.holidays(on: holiday.date).contains(holiday), "\(holiday) not found on its date")
        }

        // Every date of the year: a business day exactly when it is no holiday and the window opens.
        var date = LocalDate(year: year, month: 1, day: 1)!
        while date.year == year {
            let hours = calendar.serviceHours(on: date)
            let expected = calendar.holidays(on: date).isEmpty ? window.hours(on: date.weekday) : nil
            fuzzCheck(
                hours == expected, "\(date): service hours \(String(describing: hours)), expected \(String(describing: expected))"
            )
            fuzzCheck(calendar.isBusinessDay(date) == (hours != nil), "\(date): isBusinessDay disagrees with serviceHours")
            date = date.adding(days: 1)
        }
        let before = LocalDate(year: years.lowerBound, month: 1, day: 1)!.adding(days: -1)
        let after = LocalDate(year: years.upperBound, month: 12, day: 31)!.adding(days: 1)
        fuzzCheck(!calendar.isBusinessDay(before) && !calendar.isBusinessDay(after), "a business day outside \(years)")
    }
}
