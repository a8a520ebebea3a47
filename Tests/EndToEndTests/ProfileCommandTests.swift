import Foundation
import SLATestSupport
import Testing

/// `sla import --profile`, `import_profile:` and `sla profile check` on real files: exit 1 with the
/// rejects in the export's terms, exit 2 for a profile that cannot be used (nothing read), and
/// `profile check` writing nothing.
@Suite struct ProfileCommandTests {
    static let profile = """
        cases:
          delimiter: ";"
          header_row: 2
          timestamps: ["dd/MM/yyyy HH:mm"]
          columns: { case_id: Número, client_id: Cliente, type: Tipo, priority: Prioridad, created_at: Apertura }
          values:
            priority: { "Alta": P2 }
            type: { "Incidencia": incidente }

        """
    static let clients = "client_id,client_name,contract,kam_id\nK1,Uno,saas,kam-1\n"
    static let cases =
        "Casos de la semana\nNúmero;Cliente;Tipo;Prioridad;Apertura\nA1;K1;Incidencia;Alta;13/11/2026 09:00\nA2;K1;Incidencia;Urgente;13/11/2026 10:00\n"

    @Test func importThroughAProfile() throws {
        let folder = try TemporaryDirectory()
        let profile = try folder.write("perfil.yaml", Self.profile)
        let clients = try folder.write("clientes.csv", Self.clients)
        let cases = try folder.write("casos.csv", Self.cases)
        let database = folder.path + "/sla.sqlite"
        let run = try BuiltBinary.run(["import", "--db", database, "--profile", profile, "--clients", clients, "--cases", cases])
        #expect(run.status == 1, "\(run.standardError)")
        #expect(run.standardError.contains("casos.csv: 2 rows read = 1 accepted + 1 rejected"))
        let rejects = try String(contentsOfFile: cases + ".rejects.csv", encoding: .utf8)
        #expect(rejects.hasPrefix("line,column,reason,Número,Cliente,Tipo,Prioridad,Apertura\n4,Prioridad,"))
        #expect(rejects.contains(",A2,K1,Incidencia,Urgente,13/11/2026 10:00\n"))

        // The installation's import_profile, relative to its folder.
        let config = try folder.write("sla.yaml", "database: sla.sqlite\nimport_profile: perfil.yaml\n")
        let again = try BuiltBinary.run(["import", "--config", config, "--cases", cases])
        #expect(again.status == 1)
        #expect(again.standardError.contains("casos.csv: 2 rows read = 1 accepted + 1 rejected"))
    }

    @Test func aProfileThatCannotBeUsedIsExitTwo() throws {
        let folder = try TemporaryDirectory()
        let profile = try folder.write(
            "perfil.yaml", Self.profile.replacingOccurrences(of: "header_row: 2", with: "header_rows: 2"))
        let cases = try folder.write("casos.csv", Self.cases)
        let database = folder.path + "/sla.sqlite"
        let run = try BuiltBinary.run(["import", "--db", database, "--profile", profile, "--cases", cases])
        #expect(run.status == 2)
        #expect(run.standardError.contains("perfil.yaml:3:3: unknown key 'header_rows' in cases"))
        #expect(!FileManager.default.fileExists(atPath: database))
        let check = try BuiltBinary.run(["profile", "check", "--profile", profile, "--cases", cases])
        #expect(check.status == 2)
        // An export without a column the profile names.
        let other = try folder.write("otro.csv", "Casos\nNúmero;Cliente;Tipo;Prioridad\n")
        let good = try folder.write("bueno.yaml", Self.profile)
        let missing = try BuiltBinary.run(["import", "--db", database, "--profile", good, "--cases", other])
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("the export has no column 'Apertura'"))
    }

    @Test func profileCheckWritesNothing() throws {
        let folder = try TemporaryDirectory()
        let profile = try folder.write("perfil.yaml", Self.profile)
        let cases = try folder.write("casos.csv", Self.cases)
        let run = try BuiltBinary.run(["profile", "check", "--profile", profile, "--cases", cases])
        #expect(run.status == 1, "\(run.standardError)")
        #expect(run.standardOutput.contains("priority \"Urgente\": 1 row, first at line 4"))
        #expect(
            run.standardOutput.contains(
                "line 3: case_id=A1, client_id=K1, type=incidente, priority=P2, created_at=2026-11-13T09:00:00-05:00"))
        #expect(!FileManager.default.fileExists(atPath: cases + ".rejects.csv"))
        let clean = try folder.write(
            "limpio.csv", "Casos\nNúmero;Cliente;Tipo;Prioridad;Apertura\nA1;K1;Incidencia;Alta;13/11/2026 09:00\n")
        #expect(try BuiltBinary.run(["profile", "check", "--profile", profile, "--cases", clean]).status == 0)
    }
}
