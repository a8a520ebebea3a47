// libFuzzer target `calendar`: the three calendar-file parsers of SLACore on any text, and the
// business calendar built from what they accept.
//
// The first byte chooses the parser (its value modulo 4; the seed corpus uses the digits):
//     0  HolidayRulesFile.parse        (calendars/colombia-holidays.txt)
//     1  OrganisationDaysFile.parse    (calendars/organisation-days.txt)
//     2  ServiceWindowFile.parse       (calendars/service-window.txt)
//     3  all three: the rest is split at form feeds (0x0C) into holiday rules, organisation days
//        and service window; when all three parse, a BusinessCalendar is built and queried.
// The rest of the input is decoded as UTF-8 with `String(decoding:as:)`.
//
// Built by scripts/fuzz.sh in one module with Sources/SLACore/*.swift and its checks,
// Fuzz/Checks/CalendarCheck.swift, which `make test` also runs on every file of
// Fuzz/corpus/calendar/ and Fuzz/regressions/calendar/.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    CalendarFuzzCheck.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}
