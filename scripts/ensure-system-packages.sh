#!/usr/bin/env bash
# Makes sure the Debian packages sla builds and tests against are installed: installs the missing
# ones with apt-get when run as root (CI, a fresh machine), otherwise names them and stops.
set -euo pipefail

# msmtp and python3-venv: the end-to-end mail test (a real SMTP server on the loopback address).
# Arguments add packages a target needs beside them (make deb: dpkg-dev, lintian).
packages=(libxlsxwriter-dev libsqlite3-dev sqlite3 unzip msmtp python3-venv "$@")
missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    echo "Installing missing system packages: ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
else
    echo "Missing system packages: ${missing[*]}" >&2
    echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi
