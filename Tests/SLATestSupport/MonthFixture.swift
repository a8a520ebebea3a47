/// October 2026 worked by hand for the monthly KAM report (SPEC §8): every figure of its table,
/// a breach in October of a case that stops in November, an automatic closure written by a night
/// and one only due, a reopening, a pause, an unclassified case, and a KAM without activity.
/// Monday 12 October and Monday 2 November 2026 are holidays.
public enum MonthFixture {
    public static let clients = """
        client_id,client_name,contract,kam_id,kam_name,kam_email
        K1,Clínica del Norte,saas,Kam.Ana,Ana Ruiz,ana@example.co
        K2,Alcaldía de Chía,on_premise,Kam.Ana,Ana Ruiz,ana@example.co
        K3,Cooperativa Andina,on_premise,kam-luis,Luis Gómez,luis@example.co

        """

    public static let cases = """
        case_id,client_id,product,type,priority,impact,urgency,created_at,summary
        M1,K1,KACTUS,incidente,P2,alta,alta,2026-10-01T08:00,diagnosed in 2 h
        M2,K1,SEVEN,incidente,P3,media,media,2026-09-28T08:00,breached 1 October 08:30; diagnosed in November
        M3,K1,BPM,solicitud,P4,baja,baja,2026-10-20T09:00,solved; closed automatically 28 October
        M4,K2,HOSVITAL,incidente,P1,,,2026-10-30T16:00,open at month end
        M5,K2,SEVEN,consulta,P2,media,alta,2026-10-05T08:00,paused; reopened; solved again
        M6,K2,BPM,acceso,P3,alta,media,2026-09-10T08:00,closed automatically 7 October
        M7,K1,KACTUS,consulta,P3,,alta,2026-10-15T08:00,=unclassified
        L1,K3,KACTUS,incidente,P4,baja,baja,2026-08-03T08:00,August

        """

    public static let events = """
        event_id,case_id,at,kind,level,note
        1,M1,2026-10-01T10:00,diagnosed,,
        2,M1,2026-10-02T09:00,solved,,
        3,M1,2026-10-05T10:00,closed,,
        4,M2,2026-11-03T09:00,diagnosed,,
        5,M3,2026-10-21T10:00,solved,,
        6,M5,2026-10-05T09:00,waiting_client,,
        7,M5,2026-10-07T09:00,client_responded,,
        8,M5,2026-10-07T10:00,solved,,
        9,M5,2026-10-08T08:00,reopened,,
        10,M5,2026-10-29T09:00,solved,,
        11,M6,2026-09-30T10:00,solved,,
        12,M7,2026-10-15T09:00,diagnosed,,
        13,L1,2026-08-03T09:00,solved,,
        14,L1,2026-08-04T09:00,closed,,

        """

    /// K1: registered M1 M3 M7; solved M1 M3; auto-closed M3 (due 28 Oct, no night wrote it); open M2
    /// M7; met M1 M3 (M7 has no target); breached M2 (due 1 Oct 08:30); attention 2, 11.5, 1 h;
    /// resolution M1 11.5 h, M3 11.5 h. K2: registered M4 M5; solved M5; auto-closed M6 (written by
    /// the night of 8 Oct); open M4 M5 (its deadline is 6 Nov); met M5 (1 + 1 h, 21 h paused);
    /// resolution M5 2 h + 148 h after the reopening.
    /// The total row by hand: attention over M1 2 h, M3 11.5 h, M7 1 h, M5 2 h (mean 4.125, median
    /// 2); resolution over M1 11.5 h, M3 11.5 h, M5 150 h (mean 57.67, median 11.5) — not the
    /// clients' rows averaged.
    public static let octoberSummaryOfAna = """
        client_id,client_name,registered,solved,auto_closed,open_at_month_end,met,breached,compliance_pct,mean_attention_hours,median_attention_hours,mean_resolution_hours,median_resolution_hours,commitments_kept,commitments_missed,commitment_pct,replans
        K1,Clínica del Norte,3,2,1,2,2,1,66.67,4.83,2.00,11.50,11.50,0,0,,0
        K2,Alcaldía de Chía,2,1,1,2,1,0,100.00,2.00,2.00,150.00,150.00,0,0,,0
        ,Total,5,3,2,4,3,1,75.00,4.13,2.00,57.67,11.50,0,0,,0

        """
}
