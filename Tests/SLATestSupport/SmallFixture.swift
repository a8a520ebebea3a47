/// A small hand-checked data set in the three interchange files: two KAMs, both contracts, a P1
/// at night, a formula-looking summary, an unclassified case, a closed case.
public enum SmallFixture {
    public static let clients = """
        client_id,client_name,contract,kam_id,kam_name,kam_email
        K1,Clínica del Norte,saas,kam-ana,Ana Ruiz,ana@example.co
        K2,Alcaldía de Chía,on_premise,kam-luis,Luis Gómez,luis@example.co

        """

    public static let cases = #"""
        case_id,client_id,product,type,priority,impact,urgency,created_at,summary
        C1,K1,KACTUS,incidente,P1,,,2026-11-14T22:00,Caída total
        C2,K2,SEVEN,incidente,P1,,,2026-11-14T22:00,Caída on-premise
        C3,K2,BPM,consulta,P2,alta,alta,2026-11-23T08:00,"=HYPERLINK(""http://x"")"
        C4,K2,BPM,solicitud,P3,,alta,2026-11-23T08:00,Sin impacto
        C5,K1,HOSVITAL,acceso,P4,baja,baja,2026-11-20T08:00,Cerrado
        C6,K1,KACTUS,consulta,P3,media,media,2026-11-23T08:00,Esperando al cliente

        """#

    public static let events = """
        event_id,case_id,at,kind,level,note
        1,C5,2026-11-20T09:00,solved,,
        2,C5,2026-11-20T10:00,closed,,
        3,C6,2026-11-23T09:00,waiting_client,,sin VPN

        """

    /// `sla-status.csv` as of 2026-11-23T14:30, worked by hand: C1 is 8 days 16.5 h on the 24×7
    /// clock; C2 counts from Tuesday 17 (Monday 16 is a holiday): 4 × 10.5 h + 7 h. Nobody
    /// escalated (level 1: all the handling time there), no assignee or group; C6 waits on the client
    /// since its event 3.
    public static let statusAt20261123T1430 = """
        case_id,client_id,kam_id,product,type,priority,impact,urgency,clock,target_seconds,elapsed_seconds,paused_seconds,state,due_at,stopped_at,resolution_seconds,escalation_level,support_level,assignee,group,waiting_since,commitment_due,commitment_state,replans,level1_seconds,level2_seconds,level3_seconds
        C1,K1,kam-ana,KACTUS,incidente,P1,,,24x7,14400,750600,0,breached,2026-11-15T02:00:00-05:00,,,3,1,,,,,,0,750600,0,0
        C2,K2,kam-luis,SEVEN,incidente,P1,,,business,14400,176400,0,breached,2026-11-17T11:30:00-05:00,,,3,1,,,,,,0,176400,0,0
        C3,K2,kam-luis,BPM,consulta,P2,alta,alta,business,28800,23400,0,at_risk,2026-11-23T16:00:00-05:00,,,2,1,,,,,,0,23400,0,0
        C4,K2,kam-luis,BPM,solicitud,P3,,alta,business,,23400,0,unclassified,,,,,1,,,,,,0,23400,0,0
        C6,K1,kam-ana,KACTUS,consulta,P3,media,media,business,115200,3600,19800,paused,,,,,1,,,2026-11-23T09:00:00-05:00,,,0,3600,0,0

        """
}

extension SmallFixture {
    /// Writes the fixture's files into `folder` and imports them with the built binary into
    /// `folder/sla.sqlite`, whose path it returns.
    public static func importedDatabase(in folder: TemporaryDirectory) throws -> String {
        let database = folder.path + "/sla.sqlite"
        let result = try BuiltBinary.run([
            "import", "--db", database, "--clients", folder.write("clients.csv", clients),
            "--cases", folder.write("cases.csv", cases), "--events", folder.write("events.csv", events)
        ])
        guard result.status == 0 else { throw FixtureError(message: result.standardError) }
        return database
    }

    struct FixtureError: Error {
        var message: String
    }
}
