import SLACore
import SLATestSupport
import Testing

/// The official holiday lists of several years, written out by hand from Ley 51 de 1983 and the
/// calendars the Colombian government published, against what the rules file gives.
@Suite struct OfficialHolidayListTests {
    static let officialLists: [Int: [String]] = [
        // Easter 22 April. San Pedro (Friday 29 June) and Sagrado Corazón share Monday 2 July.
        1984: [
            "1984-01-01 Año Nuevo", "1984-01-09 Día de los Reyes Magos", "1984-03-19 Día de San José",
            "1984-04-19 Jueves Santo", "1984-04-20 Viernes Santo", "1984-05-01 Día del Trabajo",
            "1984-06-04 Ascensión del Señor", "1984-06-25 Corpus Christi",
            "1984-07-02 Sagrado Corazón de Jesús", "1984-07-02 San Pedro y San Pablo",
            "1984-07-20 Día de la Independencia", "1984-08-07 Batalla de Boyacá",
            "1984-08-20 La Asunción de la Virgen", "1984-10-15 Día de la Raza",
            "1984-11-05 Día de Todos los Santos", "1984-11-12 Independencia de Cartagena",
            "1984-12-08 Día de la Inmaculada Concepción", "1984-12-25 Día de Navidad"
        ],
        // Easter 4 April.
        1999: [
            "1999-01-01 Año Nuevo", "1999-01-11 Día de los Reyes Magos", "1999-03-22 Día de San José",
            "1999-04-01 Jueves Santo", "1999-04-02 Viernes Santo", "1999-05-01 Día del Trabajo",
            "1999-05-17 Ascensión del Señor", "1999-06-07 Corpus Christi", "1999-06-14 Sagrado Corazón de Jesús",
            "1999-07-05 San Pedro y San Pablo", "1999-07-20 Día de la Independencia", "1999-08-07 Batalla de Boyacá",
            "1999-08-16 La Asunción de la Virgen", "1999-10-18 Día de la Raza", "1999-11-01 Día de Todos los Santos",
            "1999-11-15 Independencia de Cartagena", "1999-12-08 Día de la Inmaculada Concepción",
            "1999-12-25 Día de Navidad"
        ],
        // Easter 31 March.
        2024: [
            "2024-01-01 Año Nuevo", "2024-01-08 Día de los Reyes Magos", "2024-03-25 Día de San José",
            "2024-03-28 Jueves Santo", "2024-03-29 Viernes Santo", "2024-05-01 Día del Trabajo",
            "2024-05-13 Ascensión del Señor", "2024-06-03 Corpus Christi", "2024-06-10 Sagrado Corazón de Jesús",
            "2024-07-01 San Pedro y San Pablo", "2024-07-20 Día de la Independencia", "2024-08-07 Batalla de Boyacá",
            "2024-08-19 La Asunción de la Virgen", "2024-10-14 Día de la Diversidad Étnica y Cultural de la Nación Colombiana",
            "2024-11-04 Día de Todos los Santos",
            "2024-11-11 Independencia de Cartagena", "2024-12-08 Día de la Inmaculada Concepción",
            "2024-12-25 Día de Navidad"
        ],
        // Easter 20 April. San Pedro (Sunday 29 June) and Sagrado Corazón share Monday 30 June.
        2025: [
            "2025-01-01 Año Nuevo", "2025-01-06 Día de los Reyes Magos", "2025-03-24 Día de San José",
            "2025-04-17 Jueves Santo", "2025-04-18 Viernes Santo", "2025-05-01 Día del Trabajo",
            "2025-06-02 Ascensión del Señor", "2025-06-23 Corpus Christi", "2025-06-30 Sagrado Corazón de Jesús",
            "2025-06-30 San Pedro y San Pablo", "2025-07-20 Día de la Independencia", "2025-08-07 Batalla de Boyacá",
            "2025-08-18 La Asunción de la Virgen", "2025-10-13 Día de la Diversidad Étnica y Cultural de la Nación Colombiana",
            "2025-11-03 Día de Todos los Santos",
            "2025-11-17 Independencia de Cartagena", "2025-12-08 Día de la Inmaculada Concepción",
            "2025-12-25 Día de Navidad"
        ],
        // Easter 5 April. Monday 16 November is the holiday of the SPEC's closure example. The first
        // year of Ley 2578 de 2026: Thursday 9 July is kept on Monday 13 July.
        2026: [
            "2026-01-01 Año Nuevo", "2026-01-12 Día de los Reyes Magos", "2026-03-23 Día de San José",
            "2026-04-02 Jueves Santo", "2026-04-03 Viernes Santo", "2026-05-01 Día del Trabajo",
            "2026-05-18 Ascensión del Señor", "2026-06-08 Corpus Christi", "2026-06-15 Sagrado Corazón de Jesús",
            "2026-06-29 San Pedro y San Pablo",
            "2026-07-13 Día de Nuestra Señora del Rosario de Chiquinquirá", "2026-07-20 Día de la Independencia",
            "2026-08-07 Batalla de Boyacá",
            "2026-08-17 La Asunción de la Virgen", "2026-10-12 Día de la Diversidad Étnica y Cultural de la Nación Colombiana",
            "2026-11-02 Día de Todos los Santos",
            "2026-11-16 Independencia de Cartagena", "2026-12-08 Día de la Inmaculada Concepción",
            "2026-12-25 Día de Navidad"
        ],
        // Easter 28 March. Friday 9 July is kept on Monday 12 July.
        2027: [
            "2027-01-01 Año Nuevo", "2027-01-11 Día de los Reyes Magos", "2027-03-22 Día de San José",
            "2027-03-25 Jueves Santo", "2027-03-26 Viernes Santo", "2027-05-01 Día del Trabajo",
            "2027-05-10 Ascensión del Señor", "2027-05-31 Corpus Christi", "2027-06-07 Sagrado Corazón de Jesús",
            "2027-07-05 San Pedro y San Pablo",
            "2027-07-12 Día de Nuestra Señora del Rosario de Chiquinquirá", "2027-07-20 Día de la Independencia",
            "2027-08-07 Batalla de Boyacá",
            "2027-08-16 La Asunción de la Virgen", "2027-10-18 Día de la Diversidad Étnica y Cultural de la Nación Colombiana",
            "2027-11-01 Día de Todos los Santos",
            "2027-11-15 Independencia de Cartagena", "2027-12-08 Día de la Inmaculada Concepción",
            "2027-12-25 Día de Navidad"
        ]
    ]

    @Test(arguments: officialLists.keys.sorted())
    func rulesGiveTheOfficialList(year: Int) {
        let listed = TestCalendars.standard.holidayCalendar.holidays(in: year).map(\.description)
        #expect(listed == Self.officialLists[year])
    }

    /// 9 July 2029 is a Monday: the holiday stays on it.
    @Test func chiquinquiraOnAMondayStaysOnIt() {
        let july = TestCalendars.standard.holidayCalendar.holidays(in: 2029).filter { $0.date.month == 7 }
        #expect(
            july.map(\.description) == [
                "2029-07-02 San Pedro y San Pablo", "2029-07-09 Día de Nuestra Señora del Rosario de Chiquinquirá",
                "2029-07-20 Día de la Independencia"
            ])
    }

    @Test(arguments: [
        (1984, "1984-04-22"), (1999, "1999-04-04"), (2000, "2000-04-23"), (2008, "2008-03-23"),
        (2011, "2011-04-24"), (2019, "2019-04-21"), (2024, "2024-03-31"), (2025, "2025-04-20"),
        (2026, "2026-04-05"), (2027, "2027-03-28"), (2038, "2038-04-25"), (2100, "2100-03-28")
    ])
    func easterSunday(year: Int, expected: String) {
        #expect(Easter.sunday(of: year).description == expected)
    }

    /// Properties every year 1984–2100 must have under Ley 51 de 1983.
    @Test func everyYearFollowsTheLaw() {
        let movedToMonday: Set = [
            "Día de los Reyes Magos", "Día de San José", "Ascensión del Señor", "Corpus Christi",
            "Sagrado Corazón de Jesús", "San Pedro y San Pablo", "La Asunción de la Virgen", "Día de la Raza",
            "Día de la Diversidad Étnica y Cultural de la Nación Colombiana", "Día de Todos los Santos",
            "Independencia de Cartagena", "Día de Nuestra Señora del Rosario de Chiquinquirá"
        ]
        for year in BusinessCalendar.supportedYears {
            let holidays = TestCalendars.standard.holidayCalendar.holidays(in: year)
            // 18 by Ley 51 de 1983, 19 from 2026 with Ley 2578 de 2026.
            #expect(holidays.count == (year >= 2026 ? 19 : 18), "\(year)")
            #expect(holidays.allSatisfy { $0.date.year == year }, "\(year)")
            for holiday in holidays where movedToMonday.contains(holiday.name) {
                #expect(holiday.date.weekday == .monday, "\(holiday)")
            }
            let easter = Easter.sunday(of: year)
            #expect(easter.weekday == .sunday)
            #expect(holidays.contains { $0.name == "Viernes Santo" && $0.date == easter.adding(days: -2) })
        }
    }
}
