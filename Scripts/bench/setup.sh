#!/usr/bin/env bash
# Makes .venv (repo root, gitignored) hold every pin in Scripts/requirements.txt.
# Idempotent: pip runs only when some pinned package is missing or at another version.
# Usage: Scripts/bench/setup.sh   then   .venv/bin/python Scripts/bench/run_benchmark.py
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
venv="$repo/.venv"
req="$repo/Scripts/requirements.txt"

if [ ! -x "$venv/bin/python" ]; then
    # --system-site-packages: reuse globally installed wheels (GEOS, PROJ and GDAL are
    # bundled in them, ~150 MB) wherever their version already matches the pin.
    "${PYTHON:-python3}" -m venv --system-site-packages "$venv"
fi

# Exit 0 if every `name==version` line of the requirements file is installed as pinned.
pins_satisfied() {
    "$venv/bin/python" - "$req" <<'PY'
import re, sys
from importlib.metadata import version, PackageNotFoundError
bad = []
for line in open(sys.argv[1]):
    m = re.match(r"\s*([A-Za-z0-9_.\-]+)\s*==\s*([^\s;#]+)", line)
    if not m:
        continue
    try:
        have = version(m[1])
    except PackageNotFoundError:
        have = None
    if have != m[2]:
        bad.append(f"{m[1]} (want {m[2]}, have {have})")
if bad:
    print("setup: to install: " + ", ".join(bad), file=sys.stderr)
sys.exit(1 if bad else 0)
PY
}

if ! pins_satisfied; then
    "$venv/bin/python" -m pip install --quiet -r "$req"
    pins_satisfied
fi
"$venv/bin/python" -c 'import geopandas, shapely, pyproj, pyogrio, duckdb, duckdb_extension_spatial'
echo "setup: $venv ready" >&2
