#!/usr/bin/env python3
"""A layer set whose every shown value is hostile, for the escaping checks of `shelterbelt report`.

Usage: Scripts/make_hostile_layers.py OUT_DIR

Writes into OUT_DIR (standard library only, no fixed coordinates beyond a 1° square near Ordos):

  layers.toml, targets.toml, screening-rules.toml   names, ids, notes, sources and the layout's title
  city.geojson, redlines.geojson, sites.geojson      ids and names
  z"<svg onload=alert(1)>.geojson                    the 五区 zones (layer id and file name hostile too)
  p"><img src=x onerror=alert(1)>.geojson            the patches: one per payload as the class value of the
                                                     field named in BY_FIELD (itself hostile)
  payloads.json                                      {"payloads": [...], "by_field", "subject", "zones_layer"}

Used by Tests/ShelterbeltTests/HostileReportTests.swift and Scripts/check_report.sh, so both test the same
values. The payloads break out of attributes, elements, titles and CDATA, are spreadsheet formulas
(OWASP's CSV-injection list), escape themselves in a JSON Pointer, or reorder text (U+202E).
"""
import json
import os
import sys

PAYLOADS = [
    'x" tabindex=1 autofocus onfocus="document.title=\'PWNED\'" y="',
    "</title><script>document.title='PWNED'</script>",
    "<img src=x onerror=alert(1)>",
    "]]></svg><script>alert(1)</script>",
    '=HYPERLINK("http://x","y")',
    "+1+1",
    "@SUM(1)",
    "-2+3",
    "~1/~0",
    "report\u202efdp.exe",
    "' onmouseover='alert(1)",
    "\tx\r=1",
]
BY_FIELD = 'kind"><b onmouseover=alert(1)>'
ZONES_LAYER = 'zones"><script>alert(1)</script>'
ZONES_FILE = 'z"<svg onload=alert(1)>.geojson'
SUBJECT = 'p"><img src=x onerror=alert(1)>.geojson'


def toml(text):
    """A TOML basic string (json.dumps escapes exactly what TOML needs, as \\uXXXX)."""
    return json.dumps(text)


def square(x, y, size):
    return [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]]


def write(path, features):
    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": properties, "geometry": {"type": "Polygon", "coordinates": rings}}
            for properties, rings in features
        ],
    }
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(collection, handle, ensure_ascii=False, sort_keys=True)


def main(out):
    os.makedirs(out, exist_ok=True)
    p = PAYLOADS
    path = lambda name: os.path.join(out, name)
    write(path("city.geojson"), [({"id": p[0], "name_zh": p[1], "name_en": p[2]}, square(108, 39, 1))])
    write(path(ZONES_FILE), [
        ({"id": p[3], "name_zh": p[4], "name_en": p[5]}, square(108, 39, 0.5)),
        ({"id": p[9], "name_zh": p[10], "name_en": p[8]}, square(108.5, 39, 0.5)),
    ])
    write(path("redlines.geojson"), [({"id": p[6], "name_zh": p[7], "name_en": p[11]}, square(108.6, 39.6, 0.1))])
    write(path(SUBJECT), [
        ({BY_FIELD: value, "year": 2022}, square(108.05 + index * 0.07, 39.3, 0.02)) for index, value in enumerate(p)
    ])
    write(path("sites.geojson"), [
        ({"id": p[0], "name": p[3]}, square(108.62, 39.62, 0.01)),
        ({"id": p[4], "name": p[9]}, square(108.2, 39.8, 0.01)),
        ({"id": p[8], "name": p[6]}, square(108.3, 39.8, 0.01)),
    ])
    with open(path("layers.toml"), "w", encoding="utf-8") as handle:
        handle.write(f"""name_zh = {toml(p[1])}
name_en = {toml(p[0])}

[[layer]]
id = "city"
path = "city.geojson"
kind = "city"
name_zh = {toml(p[2])}
name_en = {toml(p[3])}

[[layer]]
id = {toml(ZONES_LAYER)}
path = {toml(ZONES_FILE)}
kind = "zone5"
partition = true
name_zh = {toml(p[4])}
name_en = {toml(p[10])}

[[layer]]
id = "redlines"
path = "redlines.geojson"
kind = "redline"
name_zh = {toml(p[5])}
name_en = {toml(p[6])}
""")
    with open(path("targets.toml"), "w", encoding="utf-8") as handle:
        handle.write(f"""[[target]]
id = {toml(p[7])}
name_zh = {toml(p[0])}
name_en = {toml(p[1])}
value = 1
unit = "万亩"
measure = "area"
scope_layer = {toml(ZONES_LAYER)}
scope_feature = {toml(p[3])}
bureau_zh = {toml(p[4])}
bureau_en = {toml(p[9])}
source = {toml(p[5])}
note = {toml(p[2])}
""")
    with open(path("screening-rules.toml"), "w", encoding="utf-8") as handle:
        handle.write(f"""tolerance_m = 1.0

[[rule]]
layer = "redlines"
severity = "forbidden"
buffer_m = 0.0
name_zh = {toml(p[8])}
name_en = {toml(p[0])}
reason_zh = {toml(p[2])}
reason_en = {toml(p[3])}
source = {toml(p[4])}
""")
    with open(path("payloads.json"), "w", encoding="utf-8") as handle:
        json.dump(
            {"payloads": p, "by_field": BY_FIELD, "subject": SUBJECT, "zones_layer": ZONES_LAYER},
            handle, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
