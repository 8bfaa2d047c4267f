#!/usr/bin/env bash
# Installs what Shelterbelt needs on Debian 12 (idempotent): the C libraries with their headers (GDAL, GEOS,
# PROJ, and libxlsxwriter for the workbooks), GDAL's command-line tools and Python's venv (used by the test,
# fixture and benchmark scripts), valgrind (Scripts/leakcheck.sh), and checks the Swift toolchain.
set -euo pipefail

packages=(libgdal-dev libgeos-dev libproj-dev libxlsxwriter-dev gdal-bin pkg-config valgrind python3 python3-venv)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}" >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v swift >/dev/null 2>&1; then
    if [ -x /opt/swift/usr/bin/swift ]; then
        echo "setup: add /opt/swift/usr/bin to PATH" >&2
    else
        echo "setup: Swift 6 is not installed; get it from swift.org (Debian 12 toolchain) into /opt/swift" >&2
    fi
    exit 1
fi
