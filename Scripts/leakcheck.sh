#!/usr/bin/env bash
# Runs representative workloads of every command under valgrind and fails when any block is
# definitely lost. Covers: reprojection (Gauss-Krüger), GBK decoding, overlapping features,
# make-valid repairs, curves, --by classes, every output format (xlsx too), an error path, the layer set,
# targets, screening (including a 界址点 text file), a whole report and a land-use change matrix (two layers
# of different formats, CRSs and encodings, on worker threads, with its changed pieces). TOMLKit's own known
# leaks are suppressed by Scripts/valgrind/tomlkit.supp, and two false reports on the Swift runtime by
# Scripts/valgrind/swift-runtime.supp; each file says why.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "leakcheck: valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }
swift build -c debug >/dev/null
f=Tests/Fixtures
c=$f/change
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# valgrind 3.19 cannot read the DWARF 5 that Swift 6 emits; symbols are enough for the report.
bin="$out/shelterbelt"
strip --strip-debug -o "$bin" .build/debug/shelterbelt

runs=(
  "stats $f/overlapping_gk36.shp --zones $f/zones_gbk.shp --zone-field NAME --by name --format json -o $out/a.json"
  "stats $f/bad/mixed.geojson --zones $f/two_zones.geojson --format csv -o $out/b.csv"
  "stats $f/bad/curve.gpkg --zones $f/two_zones.geojson --area planar:EPSG:4545 --format geojson -o $out/c.geojson"
  "stats $f/square_split.geojson --zones $f/overlapping.geojson --format table -o $out/d.txt"
  "stats $f/square_split_gk.shp --zones $f/two_zones.geojson --by name --format xlsx -o $out/e.xlsx"
  "stats $f/bad/gk_noprj.shp --zones $f/two_zones.geojson"
  "layers check"
  "targets --subject $f/report/patches.shp --format json -o $out/t.json"
  "screen Layers/ordos/sample/sites.geojson --format json -o $out/s.json"
  "screen $f/screening/boundary/prefix36_utf8.txt --format csv -o $out/s.csv"
  "report --subject $f/report/patches.shp --out $out/report --lang en --quiet"
  "change $c/before.shp $c/after.gpkg --class-field DLMC --after-class-field LUCLASS --zones $c/zones.geojson
   --threads 2 --changes $out/ch.gpkg --format xlsx -o $out/ch.xlsx"
)
status=0
for run in "${runs[@]}"; do
  log="$out/valgrind.log"
  # shellcheck disable=SC2086
  code=0
  valgrind --leak-check=full --suppressions=Scripts/valgrind/tomlkit.supp --suppressions=Scripts/valgrind/swift-runtime.supp --errors-for-leak-kinds=definite --error-exitcode=99 --log-file="$log" "$bin" $run >/dev/null 2>&1 || code=$?
  if ! grep -q "LEAK SUMMARY\|All heap blocks were freed" "$log"; then
    echo "leakcheck: valgrind did not finish: shelterbelt $run" >&2; tail -5 "$log" >&2; status=1; continue
  fi
  lost=$(grep -E "definitely lost:" "$log" | sed -E 's/.*definitely lost: ([0-9,]+) bytes.*/\1/' | tr -d , || true)
  echo "leakcheck: definitely lost ${lost:-0} bytes (exit $code): shelterbelt $run"
  if [ "$code" = 99 ] || [ "${lost:-0}" != 0 ]; then
    status=1
    grep -A12 "definitely lost in" "$log" | head -60
  fi
done
exit $status
