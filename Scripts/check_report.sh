#!/usr/bin/env bash
# Checks a `shelterbelt report` folder with independent readers:
#   1. every GeoJSON file through GDAL (ogrinfo: opens, no warning, read as WGS 84);
#   2. every GeoJSON file through two Python validators from PyPI (pinned in Scripts/requirements.txt):
#      geojson-validator (GeoJSON schema, no crs member, closed rings, counter-clockwise exteriors,
#      clockwise holes) and geojson (is_valid); then report.xlsx through openpyxl: every sheet has a frozen
#      header row, columns of different widths, a number format on every number, and shares (占比) as
#      fractions under a percent format;
#   3. report.html in headless Chromium (Debian's `chromium`): no console error or warning, the maps with
#      their legend and scale bar, patches, conflicts and progress bars in the rendered DOM, and a screenshot.
#      Then a report of a hostile layer set (Scripts/make_hostile_layers.py: markup, script and formulas in
#      every name, id, class value, note and file name) in Chromium: no console message (the page's CSP
#      reports any script it blocks), the title unchanged, no script, img or event-handler attribute in
#      the DOM. Skipped, with a message, when Chromium is not installed.
# Usage: Scripts/check_report.sh [REPORT_FOLDER]
#   Without a folder, the debug build writes one of the bundled sample into a temporary folder.
#   SCREENSHOT=file.png keeps the screenshot (default: in the temporary folder, deleted at the end);
#   WINDOW=1280,2400 sets the browser window.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
say() { echo "check_report: $*" >&2; }
fail() { say "FAILED: $*"; exit 1; }

command -v ogrinfo >/dev/null || fail "ogrinfo is missing (Scripts/setup.sh installs gdal-bin)"
browser=$(command -v chromium || command -v chromium-browser || true)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

report=${1:-}
if [ -z "$report" ]; then
    export PATH="/opt/swift/usr/bin:$PATH"
    swift build >/dev/null
    report="$work/report"
    say "writing a report of the bundled sample with .build/debug/shelterbelt"
    .build/debug/shelterbelt report --out "$report" --quiet >/dev/null
fi
report=$(cd "$report" && pwd)
[ -f "$report/report.html" ] && [ -f "$report/summary.json" ] || fail "$report is not a report folder"
shopt -s nullglob
files=("$report"/geojson/*.geojson)
((${#files[@]})) || fail "no GeoJSON in $report/geojson"

# 1. GDAL
for file in "${files[@]}"; do
    if ! ogrinfo -ro -al -so "$file" >"$work/ogrinfo.txt" 2>"$work/ogrinfo.err"; then
        cat "$work/ogrinfo.err" >&2; fail "ogrinfo cannot read $file"
    fi
    [ ! -s "$work/ogrinfo.err" ] || { cat "$work/ogrinfo.err" >&2; fail "ogrinfo warns about $file"; }
    grep -q 'GEOGCRS\["WGS 84"' "$work/ogrinfo.txt" || fail "ogrinfo does not read $file as WGS 84 lon/lat"
done
say "GDAL (ogrinfo) reads ${#files[@]} GeoJSON files as WGS 84, without warnings"

# 2. Python validators, in a virtual environment under .build (ignored by git).
venv="$repo/.build/check-report-venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
pins=$(grep -E '^(geojson-validator|geojson|shapely|numpy|loguru|requests|openpyxl|et-xmlfile)==' \
    Scripts/requirements.txt | sort -u)
if ! "$venv/bin/python" -c 'import geojson_validator, geojson, openpyxl' 2>/dev/null; then
    say "installing $(echo $pins) into $venv"
    # shellcheck disable=SC2086
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check $pins
fi
"$venv/bin/python" - "${files[@]}" <<'PY'
import json, sys
import geojson
import geojson_validator
if hasattr(geojson_validator, "configure_logging"):
    geojson_validator.configure_logging(enabled=False)
failed = False
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    data = json.loads(text)
    structure = geojson_validator.validate_structure(data, check_crs=True)
    geometries = geojson_validator.validate_geometries(data)
    invalid = geometries.get("invalid", {})
    parsed = geojson.loads(text)
    problems = []
    if structure:
        problems.append(f"structure: {structure}")
    if invalid:
        problems.append(f"invalid geometries: {invalid}")
    if not parsed.is_valid:
        problems.append(f"geojson.is_valid: {parsed.errors()}")
    if problems:
        failed = True
        print(f"check_report: {path}: " + "; ".join(problems), file=sys.stderr)
sys.exit(1 if failed else 0)
PY
say "geojson-validator and geojson find the ${#files[@]} files valid (RFC 7946 winding, no crs member)"

"$venv/bin/python" - "$report/report.xlsx" <<'PY' || fail "report.xlsx is not formatted (above)"
import sys
import openpyxl
book = openpyxl.load_workbook(sys.argv[1])
problems = []
for sheet in book.worksheets:
    where = f"report.xlsx, sheet {sheet.title!r}"
    if sheet.freeze_panes != "A2":
        problems.append(f"{where}: header not frozen (freeze_panes {sheet.freeze_panes!r})")
    widths = {sheet.column_dimensions[cell.column_letter].width for cell in sheet[1]}
    if sheet.max_column > 1 and len(widths) < 2:
        problems.append(f"{where}: every column is {widths} wide")
    headers = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if not isinstance(cell.value, (int, float)):
                continue
            if cell.number_format.lower() == "general":
                problems.append(f"{where}, {cell.coordinate}: {cell.value} has no number format")
            elif "占比" in str(headers[cell.column - 1]) and not (
                cell.number_format.endswith("%") and 0 <= cell.value <= 1
            ):
                problems.append(f"{where}, {cell.coordinate}: share {cell.value} as {cell.number_format!r}")
for problem in problems[:20]:
    print(f"check_report: {problem}", file=sys.stderr)
sys.exit(1 if problems else 0)
PY
say "openpyxl: every sheet of report.xlsx has a frozen header, fitted widths, number formats; shares are fractions"

# 3. Chromium: the rendered DOM, the console, a screenshot.
if [ -z "$browser" ]; then
    say "chromium is not installed, so the browser check is skipped (apt-get install -y chromium to run it)"
    say "ok (without the browser check): $report"
    exit 0
fi
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --no-default-browser-check
       --disable-extensions --disable-background-networking --user-data-dir="$work/profile")
page="file://$report/report.html"
"$browser" "${flags[@]}" --enable-logging=stderr --v=0 --dump-dom "$page" >"$work/dom.html" 2>"$work/console.log" \
    || { tail -20 "$work/console.log" >&2; fail "chromium could not open $page"; }
if grep -E 'CONSOLE|Uncaught|Refused to|Failed to load' "$work/console.log" >&2; then
    fail "the page logged console messages (above)"
fi
[ -s "$work/dom.html" ] || fail "chromium dumped no DOM"
missing=()
for map in layout patches screening; do
    for id in "map-$map" "map-$map-legend" "map-$map-scalebar"; do
        grep -q "id=\"$id\"" "$work/dom.html" || missing+=("#$id")
    done
done
for class in patch conflict progress; do
    grep -q "class=\"$class\"" "$work/dom.html" || missing+=(".$class")
done
((${#missing[@]} == 0)) || fail "missing in the rendered page: ${missing[*]}"
say "chromium renders the page without console messages; maps, legends, scale bars, patches, conflicts and progress bars are there"

# 4. Hostile values: the debug build writes a report of them, and Chromium must run nothing of it.
export PATH="/opt/swift/usr/bin:$PATH"
swift build >/dev/null
hostile="$work/hostile-in"
python3 Scripts/make_hostile_layers.py "$hostile"
field() {
    python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$hostile/payloads.json" "$1"
}
.build/debug/shelterbelt report --layers "$hostile" --subject "$hostile/$(field subject)" \
    --sites "$hostile/sites.geojson" --by "$(field by_field)" --lang en --out "$work/hostile" --quiet >/dev/null
# An alert() left to run blocks headless Chromium for good, hence the timeout.
timeout 60 "$browser" "${flags[@]}" --enable-logging=stderr --v=0 --virtual-time-budget=2000 \
    --dump-dom "file://$work/hostile/report.html" >"$work/hostile-dom.html" 2>"$work/hostile-console.log" \
    || { tail -5 "$work/hostile-console.log" >&2; fail "chromium did not finish the hostile report (a dialog?)"; }
if grep -E 'CONSOLE|Uncaught|Refused to|Failed to load' "$work/hostile-console.log" >&2; then
    fail "the hostile report logged console messages (above): something tried to run or load"
fi
python3 - "$work/hostile/report.html" "$work/hostile-dom.html" <<'PY' || fail "the hostile report injects markup"
import html.parser, re, sys
source, dom = (open(path, encoding="utf-8").read() for path in sys.argv[1:])
title = lambda text: (re.findall(r"<title>(.*?)</title>", text, re.S) or [None])[0]
class Tags(html.parser.HTMLParser):
    found = []
    def handle_starttag(self, tag, attributes):
        self.found.append((tag, [name for name, _ in attributes]))
parser = Tags()
parser.feed(dom)
problems = [f"<{tag}>" for tag, _ in parser.found if tag in ("script", "img", "iframe", "object", "embed", "b")]
problems += [f"<{tag} {name}>" for tag, names in parser.found for name in names
             if name.startswith("on") or name in ("autofocus", "tabindex", "src", "href")]
if title(dom) != title(source):
    problems.append(f"the title changed: {title(source)!r} became {title(dom)!r}")
if 'http-equiv="Content-Security-Policy"' not in dom:
    problems.append("no Content-Security-Policy")
for problem in problems:
    print(f"check_report: hostile report: {problem}", file=sys.stderr)
sys.exit(1 if problems else 0)
PY
say "chromium runs nothing of a report made of hostile names, ids, class values, notes and file names"

shot=${SCREENSHOT:-$work/report.png}
"$browser" "${flags[@]}" --screenshot="$shot" --window-size="${WINDOW:-1280,2400}" "$page" >/dev/null 2>"$work/shot.log" \
    || { tail -20 "$work/shot.log" >&2; fail "chromium could not take a screenshot"; }
size=$(stat -c %s "$shot" 2>/dev/null || echo 0)
((size > 10000)) || fail "the screenshot $shot is empty ($size bytes)"
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
    say "note: no Chinese font is installed, so the screenshot shows boxes for Chinese text (apt-get install -y fonts-wqy-microhei)"
fi
say "screenshot: $shot ($size bytes)"
say "ok: $report"
