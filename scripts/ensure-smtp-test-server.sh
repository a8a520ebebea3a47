#!/usr/bin/env bash
# The end-to-end mail test's SMTP server: aiosmtpd (PyPI) in a virtual environment of its own under
# .build/, made once. Needs python3-venv (scripts/ensure-system-packages.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.build/smtp-test-venv
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import aiosmtpd" 2>/dev/null; then
    exit 0
fi
rm -rf "$venv"
mkdir -p .build
/usr/bin/python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "aiosmtpd==1.4.6"
