"""pandas' CustomBusinessHour on the Colombian calendar: the reference for `make bench`.

Times `timestamp + CustomBusinessHour(n)` (n whole hours, 1-96, the SLA targets' range) on random
starts in 2000-2090, median of several runs, and checks a sample of its answers against
`sla calendar due` so that the two are known to answer the same question.
"""
import csv
import random
import statistics
import subprocess
import sys
import time

import pandas as pd

holidays_csv, sla = sys.argv[1], sys.argv[2]
with open(holidays_csv, newline="", encoding="utf-8") as f:
    holidays = sorted({row["date"] for row in csv.DictReader(f)})

offsets = {n: pd.offsets.CustomBusinessHour(n=n, start="07:30", end="18:00", holidays=holidays) for n in range(1, 97)}
rng = random.Random(2026)
first = pd.Timestamp("2000-01-01").value // 10**9
last = pd.Timestamp("2090-12-31").value // 10**9
queries = [(pd.Timestamp(rng.randint(first, last), unit="s"), rng.randint(1, 96)) for _ in range(2000)]

samples = []
for _ in range(5):
    started = time.perf_counter_ns()
    for start, hours in queries:
        start + offsets[hours]
    samples.append((time.perf_counter_ns() - started) / len(queries))
median = statistics.median(samples)

# Agreement on a sample: our due instant for the same start (Bogota wall time) and hours. pandas
# rolls a result that lands on the window's end (18:00) to the next opening when the start was
# outside the window; SPEC section 2 says the end itself is the due instant, so those are counted apart.
agree = window_end = other = 0
checked = 100
for start, hours in queries[:checked]:
    ours = subprocess.run([sla, "calendar", "due", "--from", start.strftime("%Y-%m-%dT%H:%M:%S"), "--hours", str(hours)],
                          capture_output=True, text=True, check=True).stdout.strip()
    result = start + offsets[hours]
    theirs = result.strftime("%Y-%m-%dT%H:%M:%S") + "-05:00"
    if ours == theirs:
        agree += 1
    elif ours.endswith("T18:00:00-05:00") and result.strftime("%H:%M") == "07:30" \
            and (result - pd.offsets.CustomBusinessHour(n=1, start="07:30", end="18:00", holidays=holidays)
                 + pd.Timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%S") + "-05:00" == ours:
        window_end += 1
    else:
        other += 1
        print(f"  differs: from {start} + {hours} h: sla {ours}, pandas {theirs}")

print(f"pandas {pd.__version__} CustomBusinessHour due, {len(queries)} queries, median of {len(samples)} runs: "
      f"{median:,.0f} ns (min {min(samples):,.0f}, max {max(samples):,.0f})")
print(f"pandas and sla, {checked} sampled due instants: {agree} equal, {window_end} on a window's end "
      f"(pandas: next opening; SPEC: the end), {other} other differences")
print(f"BENCH pandas_due_ns={median}")

# The ratio against sla's own figures of the same run, when given.
if len(sys.argv) > 3:
    with open(sys.argv[3], encoding="utf-8") as f:
        figures = dict(item.split("=") for line in f if line.startswith("BENCH ") for item in line.split()[1:])
    due, elapsed = float(figures["due_ns"]), float(figures["elapsed_ns"])
    print(f"ratio: pandas due / sla due = {median / due:,.0f}x; pandas due / sla elapsed = {median / elapsed:,.0f}x "
          f"(target: 300x)")
