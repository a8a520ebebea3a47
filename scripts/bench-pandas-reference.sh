#!/usr/bin/env bash
# The reference of issue 2's benchmark: pandas' CustomBusinessHour answering the same kind of due
# query on the same calendar, timed on this machine in the same `make bench` run. pandas lives in a
# virtual environment under .build/ so the system Python is left alone.
set -euo pipefail
sla=${1:-.build/release/sla}
swift_results=${2:-}
venv=.build/bench-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import pandas" 2>/dev/null; then
    python3 -m venv "$venv"
    if ! "$venv/bin/pip" install --quiet pandas; then
        echo "pandas could not be installed: the reference is skipped" >&2
        exit 0
    fi
fi
"$sla" calendar holidays --year 2000 --to 2100 > .build/bench-holidays.csv
"$venv/bin/python" scripts/bench_pandas_reference.py .build/bench-holidays.csv "$sla" $swift_results
