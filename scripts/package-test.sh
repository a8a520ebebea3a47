#!/usr/bin/env bash
# make package-test: the Debian package on this machine, as an operator would use it.
#
#   1. installs sla_<version>_amd64.deb with apt, and checks the user, the folders, the files;
#   2. makes the demo's data set (its CSV files) and imports it as the user sla with the packaged
#      installation file into /var/lib/sla/sla.sqlite;
#   3. copies the packaged /etc/cron.d/sla with only its schedule changed, to the next minute,
#      starts Debian's cron daemon (unless one runs) and waits, at most WAIT_SECONDS, for the
#      night to end in the run journal;
#   4. checks the summary line in /var/log/sla/nightly.log, the breach list against `sla export`
#      of the same instant, the month's reports and the journal;
#   5. removes the package (data and configuration stay), then purges it (the configuration, the
#      logs and the user go; /var/lib/sla stays) and checks what remains.
#
# Run as root, on a machine without sla installed and without /var/lib/sla: it refuses otherwise,
# so it never touches a real installation. What it made (the test's /var/lib/sla included) is
# removed at the end; a cron daemon it started is stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
WAIT_SECONDS=${WAIT_SECONDS:-240}
started=$(date +%s)

fail() {
    echo "package-test: FAILED: $*" >&2
    exit 1
}
step() { printf '\n== %s (%ds)\n' "$*" "$(($(date +%s) - started))"; }
as_sla() { runuser -u sla -- "$@"; }
# The number on the summary line before a word: `… 12 breached …` → 12.
count_before() { grep -o "[0-9]* $1" <<<"$2" | head -1 | cut -d' ' -f1; }

[ "$(id -u)" -eq 0 ] || fail "run as root: it installs a package and starts cron"
package=${1:-$(ls -t sla_*_amd64.deb 2>/dev/null | head -1)}
[ -n "$package" ] && [ -f "$package" ] || fail "no sla_*_amd64.deb here: run make deb first"
package=$(realpath "$package")
if dpkg-query -W -f='${Status}' sla 2>/dev/null | grep -q 'installed\|config-files'; then
    fail "the package sla is installed on this machine: this test installs and purges it; not touching it"
fi
[ ! -e /var/lib/sla ] || fail "/var/lib/sla exists: a real installation's data? Not touching it"
! getent passwd sla >/dev/null || fail "a user sla exists: not touching it"
for tool in cron sqlite3 logrotate runuser; do
    command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || fail "$tool is missing (make package-test installs it)"
done

work=$(mktemp -d /tmp/sla-package-test.XXXXXX)
chmod 0755 "$work"
test_entry=/etc/cron.d/sla-package-test
cron_pid=
cleanup() {
    local status=$?
    rm -f "$test_entry"
    if [ -n "$cron_pid" ]; then kill "$cron_pid" 2>/dev/null || true; fi
    if [ "$status" -ne 0 ]; then
        echo "--- /var/log/sla/nightly.log" >&2
        cat /var/log/sla/nightly.log >&2 2>/dev/null || true
        if dpkg-query -W -f='${Status}' sla 2>/dev/null | grep -q 'installed\|config-files'; then
            apt-get purge -y -qq sla >/dev/null 2>&1 || true
        fi
    fi
    rm -rf /var/lib/sla "$work"
    echo "package-test: $([ "$status" -eq 0 ] && echo passed || echo failed) in $(($(date +%s) - started)) s"
}
trap cleanup EXIT

step "apt-get install $package"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >"$work/apt-install.log" 2>&1 \
    || { cat "$work/apt-install.log"; fail "apt-get install"; }
version=$(dpkg-query -W -f='${Version}' sla)
[ "$(sla --version | awk '{ print $2 }')" = "$version" ] || fail "sla --version is not the package's version $version"
getent passwd sla | grep -q ':/var/lib/sla:/usr/sbin/nologin$' || fail "user sla: $(getent passwd sla)"
[ "$(stat -c %U:%G:%a /var/lib/sla)" = sla:sla:750 ] || fail "/var/lib/sla is $(stat -c %U:%G:%a /var/lib/sla)"
[ "$(stat -c %U:%G:%a /var/log/sla)" = sla:adm:2750 ] || fail "/var/log/sla is $(stat -c %U:%G:%a /var/log/sla)"
cmp -s /etc/sla/acuerdos.yaml policy/default-policy.yaml || fail "/etc/sla/acuerdos.yaml is not the built-in policy"
for conffile in /etc/sla/sla.yaml /etc/sla/acuerdos.yaml /etc/cron.d/sla /etc/logrotate.d/sla; do
    dpkg-query -W -f='${Conffiles}\n' sla | grep -q " $conffile " || fail "$conffile is not a conffile"
done
if ldd /usr/bin/sla | grep -E 'libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime'; then
    fail "/usr/bin/sla links the Swift runtime dynamically"
fi
for file in /usr/share/bash-completion/completions/sla /usr/share/zsh/vendor-completions/_sla \
    /usr/share/fish/vendor_completions.d/sla.fish; do
    [ -s "$file" ] || fail "$file is missing"
done
# Debian's minimal images exclude manual pages from every package (dpkg path-exclude): look at
# the package's list instead of the disk there.
dpkg -L sla | grep -q '^/usr/share/man/man1/sla.nightly.1.gz$' || fail "the manual page of sla nightly is missing"
as_sla sla policy check --config /etc/sla/sla.yaml >"$work/policy-check.txt" || fail "sla policy check of the packaged files"
logrotate --debug /etc/logrotate.d/sla >"$work/logrotate.txt" 2>&1 || { cat "$work/logrotate.txt"; fail "logrotate rejects /etc/logrotate.d/sla"; }
echo "installed sla $version: user, folders, conffiles, completions, manual pages, policy and logrotate checked"

step "the demo's data set, imported as the user sla with the packaged installation file"
install -d -o sla -g sla "$work/demo"
status=0
as_sla sla demo --db "$work/demo/demo.sqlite" --cases 400 --reports "$work/demo/reports" >"$work/demo.txt" 2>&1 || status=$?
[ "$status" -le 1 ] || { cat "$work/demo.txt"; fail "sla demo exited $status"; }
data=$work/demo/demo-data
as_sla sla import --config /etc/sla/sla.yaml --clients "$data/clients.csv" --cases "$data/cases.csv" \
    --events "$data/events.csv" || fail "sudo -u sla sla import"
[ "$(stat -c %U /var/lib/sla/sla.sqlite)" = sla ] || fail "/var/lib/sla/sla.sqlite is not the user sla's"

step "the packaged cron entry, scheduled for the next minute, under the real cron daemon"
entry=$(grep -E '^[0-9*]' /etc/cron.d/sla | grep ' sla nightly ')
[ "$(grep -c . <<<"$entry")" -eq 1 ] || fail "/etc/cron.d/sla has no single nightly line"
command=$(sed -E 's/^([^ ]+ +){6}//' <<<"$entry")
[ "$command" = "test -x /usr/bin/sla && sla nightly --config /etc/sla/sla.yaml >>/var/log/sla/nightly.log 2>&1" ] \
    || fail "the packaged command is: $command"
# At least 15 seconds ahead, so that cron reads the file before that minute begins.
at=$(date -d "@$(($(date +%s) + 75))" '+%M %H')
at_minute=${at% *}
at_hour=${at#* }
sed -E "s/^0 2 (\* \* \* sla .* sla nightly )/$((10#$at_minute)) $((10#$at_hour)) \1/" /etc/cron.d/sla >"$work/entry"
diff /etc/cron.d/sla "$work/entry" | grep '^[<>]' >"$work/entry.diff" || true
[ "$(grep -c . "$work/entry.diff")" -eq 2 ] || { cat "$work/entry.diff"; fail "the copy differs by more than its schedule"; }
install -m 0644 "$work/entry" "$test_entry"
sed 's/^/  /' "$work/entry.diff"
if pgrep -x cron >/dev/null; then
    echo "cron already runs (pid $(pgrep -x cron | head -1)); it reads $test_entry at the next minute"
else
    /usr/sbin/cron
    for _ in $(seq 50); do [ -s /run/crond.pid ] && break; sleep 0.1; done
    cron_pid=$(cat /run/crond.pid)
    echo "started cron, pid $cron_pid"
fi
deadline=$(($(date +%s) + WAIT_SECONDS + 75))
# As sla, like every command on its database: a reader of a WAL database may create its -shm file.
journal() { as_sla sqlite3 -readonly /var/lib/sla/sla.sqlite "$1"; }
nights_ended() { journal "select count(*) from run where command = 'nightly' and finished_at is not null" 2>/dev/null || echo 0; }
until [ "$(nights_ended)" -ge 1 ]; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "no night ended within $WAIT_SECONDS s of $at_hour:$at_minute"
    sleep 2
done
echo "the night ran at $(date '+%H:%M:%S'), as scheduled for $at_hour:$at_minute"
rm -f "$test_entry"

step "the log line, the breach list, the month's reports, the journal"
log=/var/log/sla/nightly.log
[ "$(stat -c %U "$log")" = sla ] || fail "$log is not the user sla's"
summary=$(grep '^nightly as of ' "$log" | tail -1)
[ -n "$summary" ] || fail "no summary line in $log"
echo "$log: $summary"
grep -E '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}-05:00 info sla\.nightly: ' "$log" >/dev/null || fail "no Bogotá-stamped log line in $log"
as_of=$(sed -E 's/^nightly as of ([0-9T:+-]+): .*/\1/' <<<"$summary")
IFS='|' read -r run_outcome run_as_of run_pid run_summary < <(journal \
    "select outcome, datetime(as_of, 'unixepoch', '-5 hours'), pid, summary from run where command = 'nightly'")
echo "journal: $run_outcome, as of $run_as_of (Bogotá), pid $run_pid"
[ "$run_summary" = "$summary" ] || fail "the journal's summary is not the log's: $run_summary"
# The demo holds cases without impact or urgency on purpose: the night lists them and exits 1.
[ "$run_outcome" = rejected_input ] || fail "the night's outcome is $run_outcome, not rejected_input"
[ "$(count_before unclassified "$summary")" -gt 0 ] || fail "the demo's unclassified cases are not listed"
day=${as_of%%T*}
[ "${run_as_of%% *}" = "$day" ] || fail "the journal's as-of ($run_as_of) is not the log's ($as_of)"
daily=/var/lib/sla/reports/daily/$day
for file in breaches.csv breaches.xlsx sla-status.csv due-today.csv closures.csv; do
    [ -s "$daily/$file" ] || fail "$daily/$file is missing"
done
[ "$(find /var/lib/sla/reports ! -user sla | wc -l)" -eq 0 ] || fail "files under /var/lib/sla/reports not the user sla's"
# The list is what someone must act on: the breached cases, less those attended late (their
# clock stopped after the target; nothing left to do in time).
breached=$(count_before breached "$summary")
late=$(count_before 'attended late' "$summary")
listed=$(($(wc -l <"$daily/breaches.csv") - 1))
echo "breaches.csv lists $listed cases; the summary says $breached breached, $late of them attended late"
[ "$listed" -eq $((breached - late)) ] || fail "breaches.csv lists $listed cases, the summary $breached - $late"
# Every case the demo left open in November is long past its target by now.
[ "$breached" -gt 0 ] || fail "no breached case as of $as_of"
# The same instant through another path: every case `sla export` finds breached and still open.
as_sla sla export --config /etc/sla/sla.yaml --as-of "$as_of" --out "$work/demo/export.csv"
python3 - "$work/demo/export.csv" "$daily/breaches.csv" "$daily/sla-status.csv" <<'PYTHON' || fail "the breach list is not what sla export finds"
import csv, sys
def rows(path):
    with open(path, encoding="utf-8") as file:
        return list(csv.DictReader(file))
export, listed, status = rows(sys.argv[1]), rows(sys.argv[2]), rows(sys.argv[3])
open_cases = {r["case_id"] for r in status}
breached = {r["case_id"] for r in export
            if r["state"] == "breached" and r["case_id"] in open_cases and not r["stopped_at"]}
ids = [r["case_id"] for r in listed]
assert len(ids) == len(set(ids)), "a case listed twice"
assert set(ids) == breached, (f"listed, not breached: {sorted(set(ids) - breached)[:5]}; "
                              f"breached, not listed: {sorted(breached - set(ids))[:5]}")
print(f"the {len(ids)} listed cases are the open cases sla export finds breached, clock running, at that instant "
      f"(of {len(open_cases)} open, {len(export)} in all)")
PYTHON
previous_month=$(date -d "${day:0:7}-01 -1 day" +%Y-%m)
if [ "$previous_month" \> 2026-02 ] && [ "$previous_month" \< 2026-12 ]; then
    ls /var/lib/sla/reports/monthly/"$previous_month"/*.xlsx >/dev/null 2>&1 \
        || fail "the first night after $previous_month ended wrote no KAM workbook"
    echo "reports/monthly/$previous_month: $(ls /var/lib/sla/reports/monthly/"$previous_month"/*.xlsx | wc -l) KAM workbooks"
fi

step "apt-get remove: the data and the configuration stay"
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq sla >"$work/apt-remove.log" 2>&1 || { cat "$work/apt-remove.log"; fail "apt-get remove"; }
[ ! -e /usr/bin/sla ] || fail "/usr/bin/sla is still there"
for kept in /etc/sla/sla.yaml /etc/sla/acuerdos.yaml /etc/cron.d/sla /etc/logrotate.d/sla /var/lib/sla/sla.sqlite \
    "$daily/breaches.xlsx" "$log"; do
    [ -e "$kept" ] || fail "remove deleted $kept"
done
getent passwd sla >/dev/null || fail "remove deleted the user sla"
# The entry left behind does nothing without the binary.
(cd / && sh -c "$command") && fail "the cron entry's command succeeds without /usr/bin/sla"
echo "kept: /etc/sla, /etc/cron.d/sla (inert without the binary), /var/lib/sla, /var/log/sla, the user sla"

step "apt-get purge: the configuration, the logs and the user go, the data stays"
DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq sla >"$work/apt-purge.log" 2>&1 || { cat "$work/apt-purge.log"; fail "apt-get purge"; }
for gone in /etc/sla /etc/cron.d/sla /etc/logrotate.d/sla /var/log/sla; do
    [ ! -e "$gone" ] || fail "purge left $gone"
done
! getent passwd sla >/dev/null || fail "purge left the user sla"
! getent group sla >/dev/null || fail "purge left the group sla"
[ -s /var/lib/sla/sla.sqlite ] && [ -s "$daily/breaches.xlsx" ] || fail "purge deleted the data in /var/lib/sla"
# The user is gone: read it as root, as immutable (nothing written beside it).
nights=$(sqlite3 "file:/var/lib/sla/sla.sqlite?immutable=1" "select count(*) from run where command = 'nightly'")
[ "$nights" -eq 1 ] || fail "the database after purge is not the night's"
former_uid=$(stat -c %u /var/lib/sla)
echo "kept: /var/lib/sla ($(du -sh /var/lib/sla | cut -f1), owned by the former uid $former_uid)"

step "apt-get install again: the new user sla gets the data back"
# The new user sla may get another id than the former one (taken meanwhile): the data's owner is
# then an id no user has. Made so here, with an id no user has.
orphan=4242
while getent passwd "$orphan" >/dev/null || getent group "$orphan" >/dev/null; do orphan=$((orphan + 1)); done
chown -R "$orphan:$orphan" /var/lib/sla
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >"$work/apt-reinstall.log" 2>&1 \
    || { cat "$work/apt-reinstall.log"; fail "apt-get install after purge"; }
[ "$(find /var/lib/sla ! -user sla -o ! -group sla | wc -l)" -eq 0 ] || fail "files under /var/lib/sla not the new user sla's"
status=0
as_sla sla nightly --config /etc/sla/sla.yaml --dry-run >/dev/null || status=$?
[ "$status" -le 1 ] || fail "a night after reinstalling exited $status"
DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq sla >"$work/apt-purge.log" 2>&1 || { cat "$work/apt-purge.log"; fail "apt-get purge"; }
echo "the data of uid $orphan is the new user sla's; a night reads it; purged again"
