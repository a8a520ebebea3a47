#!/usr/bin/env python3
"""`make bench`'s tool export: the bench history's cases.csv and events.csv written as a desk's
ticketing tool exports them — a cases export in Windows-1252 with ";", Spanish column names and
dd/MM/yyyy HH:mm:ss dates, a title row above the header, Spanish words for type and priority; and a
status history, one row per change of "Estado" (with the value before it) — plus the profile that
reads them. The same data as the plain import's: both imports must give the same database.

    scripts/bench-export.py DATA_DIR PROFILE
"""
import csv, sys

data, profile_path = sys.argv[1], sys.argv[2]
types = {"incidente": "Incidencia", "consulta": "Consulta", "solicitud": "Petición", "acceso": "Acceso"}
priorities = {"P1": "Crítica", "P2": "Alta", "P3": "Media", "P4": "Baja"}
status = {"diagnosed": "Diagnosticado", "waiting_client": "En espera del cliente", "client_responded": "En curso",
          "solved": "Solucionado", "closed": "Cerrado", "reopened": "Reabierto"}


def local(iso):  # 2016-11-23T08:15:00-05:00 -> 23/11/2016 08:15:00
    return f"{iso[8:10]}/{iso[5:7]}/{iso[0:4]} {iso[11:19]}"


with open(f"{data}/cases.csv", newline="", encoding="utf-8") as source, \
        open(f"{data}/export-casos.csv", "w", newline="", encoding="cp1252") as target:
    reader = csv.DictReader(source)
    writer = csv.writer(target, delimiter=";", lineterminator="\r\n")
    target.write("Listado de casos;;;;;;;;\r\n")
    writer.writerow(["Número", "Título", "Cliente", "Categoría", "Tipo", "Prioridad", "Impacto", "Urgencia",
                     "Fecha de apertura"])
    for row in reader:
        writer.writerow([row["case_id"], row["summary"], row["client_id"], row["product"], types[row["type"]],
                         priorities[row["priority"]], row["impact"].capitalize(), row["urgency"].capitalize(),
                         local(row["created_at"])])

with open(f"{data}/events.csv", newline="", encoding="utf-8") as source, \
        open(f"{data}/export-historial.csv", "w", newline="", encoding="cp1252") as target:
    reader = csv.DictReader(source)
    writer = csv.writer(target, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Número", "Fecha", "Usuario", "Campo", "Valor anterior", "Valor nuevo"])
    last_case, before = None, "Nuevo"
    for row in reader:
        if row["case_id"] != last_case:
            last_case, before = row["case_id"], "Nuevo"
        if row["kind"] == "escalated":
            writer.writerow([row["case_id"], local(row["at"]), "Técnico", "Nivel", "", f"Nivel {row['level']}"])
            continue
        after = status[row["kind"]]
        writer.writerow([row["case_id"], local(row["at"]), "Técnico", "Estado", before, after])
        before = after

with open(profile_path, "w", encoding="utf-8") as profile:
    profile.write("""# The bench's tool export (scripts/bench-export.py)
cases:
  delimiter: ";"
  encoding: windows-1252
  header_row: 2
  timestamps: ["dd/MM/yyyy HH:mm:ss"]
  columns:
    case_id: "Número"
    client_id: "Cliente"
    product: "Categoría"
    type: "Tipo"
    priority: "Prioridad"
    impact: "Impacto"
    urgency: "Urgencia"
    created_at: "Fecha de apertura"
    summary: "Título"
  values:
    type: { "Incidencia": incidente, "Petición": solicitud }
    priority: { "Crítica": P1, "Alta": P2, "Media": P3, "Baja": P4 }
events:
  delimiter: ";"
  encoding: windows-1252
  timestamps: ["dd/MM/yyyy HH:mm:ss"]
  columns: { case_id: "Número", at: "Fecha", field: "Campo", previous: "Valor anterior", value: "Valor nuevo" }
  rules:
    - { field: Estado, to: "En espera del cliente", event: waiting_client }
    - { field: Estado, from: "En espera del cliente", event: client_responded }
    - { field: Estado, to: Diagnosticado, event: diagnosed }
    - { field: Estado, to: Solucionado, event: solved }
    - { field: Estado, to: Cerrado, event: closed }
    - { field: Estado, to: Reabierto, event: reopened }
    - { field: Nivel, to: "Nivel 2", event: escalated, level: 2 }
    - { field: Nivel, to: "Nivel 3", event: escalated, level: 3 }
""")
