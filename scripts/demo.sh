#!/usr/bin/env bash
# The demo: this year's holiday calendar and a few due dates worked through on both clocks.
set -euo pipefail
sla=${1:-.build/debug/sla}
year=$(date +%Y)

run() {
    printf '\n$ sla %s\n' "$*"
    "$sla" "$@"
}

echo "== Colombian public holidays of $year (CSV) =="
run calendar holidays --year "$year"

echo
echo "== Worked due dates (the week of Monday 16 November 2026, a holiday) =="
echo "P2, impact alta x urgency alta = 8 business hours, registered Friday 13 November at 17:00:"
echo "one hour on Friday, nothing on the weekend or the holiday, seven hours from Tuesday 07:30."
run calendar due --from 2026-11-13T17:00 --hours 8
echo
echo "P1 of a SaaS client, 4 hours on the 24x7 clock, reported Saturday 14 November at 22:00:"
run calendar due --from 2026-11-14T22:00 --hours 4 --clock 24x7
echo
echo "P1 of an on-premise client, 4 business hours, same report: counts from Tuesday's opening."
run calendar due --from 2026-11-14T22:00 --hours 4
echo
echo "A full day on the business clock ends at 18:00, not at the next opening:"
run calendar due --from 2026-11-23T07:30 --hours 10.5
echo
echo "P4, baja x baja = 96 business hours, across Holy Week 2026 (Thursday 2 and Friday 3 April):"
run calendar due --from 2026-03-30T09:00 --hours 96
echo
echo "Business seconds between Friday 13 November 17:00 and Tuesday 17 November 08:30:"
run calendar elapsed --from 2026-11-13T17:00 --to 2026-11-17T08:30
