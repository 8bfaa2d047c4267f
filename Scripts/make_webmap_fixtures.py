#!/usr/bin/env python3
"""Independent reference values for the GCJ-02 / BD-09 web-map offsets (WebMapOffset in Swift).

Writes Tests/Fixtures/webmap/offsets.json (or --out FILE): for each WGS84 point in and around Ordos the
GCJ-02 and BD-09 coordinates computed by the PyPI package `coordtransform` (pure-Python scalar path; it
uses the published constants: Krasovsky a = 6378245.0, ee = 0.00669342162296594323, x_pi = pi*3000/180).

The package's "out of China" box (73.66-135.05 E, 3.86-53.55 N) is tighter than the one the Swift code
uses (72.004-137.8347 E, 0.8293-55.8271 N); every point here lies inside both or outside both. Outside
China the package returns GCJ-02 unchanged but still applies the Baidu step to BD-09; the Swift code, as
the rough-box algorithm does, leaves both unchanged, so for points outside only `gcj02` is written.

Usage (in a throwaway venv, never system-wide):
    python3 -m venv /tmp/webmap-venv && /tmp/webmap-venv/bin/pip install coordtransform==0.2.1
    /tmp/webmap-venv/bin/python Scripts/make_webmap_fixtures.py [--out Tests/Fixtures/webmap/offsets.json]
"""
from __future__ import annotations

import argparse
import importlib.metadata
import json
from pathlib import Path

import coordTransform

PACKAGE = "coordtransform"

# (name, lon, lat): banner seats, the corners and edges of the Ordos box, and one point outside China.
POINTS = [
    ("dongsheng", 109.9630, 39.8225),
    ("kangbashi", 109.7811, 39.6080),
    ("dalad-shulinzhao", 110.0400, 40.4034),
    ("jungar-xuejiawan", 111.2391, 39.8555),
    ("otog-front-aolezhaoqi", 107.4770, 38.1830),
    ("otog-wulanzhen", 107.9760, 39.0960),
    ("hanggin-xini", 108.7360, 39.8420),
    ("uxin-galutu", 108.8420, 38.5980),
    ("ejin-horo-altan-xire", 109.7430, 39.5650),
    ("box-sw", 107.0, 37.5),
    ("box-se", 111.5, 37.5),
    ("box-nw", 107.0, 40.9),
    ("box-ne", 111.5, 40.9),
    ("box-centre", 109.25, 39.2),
    ("yellow-river-longkou", 111.4300, 39.4500),
    ("yellow-river-mengxi", 106.7800, 39.3500),
    ("kubuqi", 108.5000, 40.2000),
    ("mu-us", 108.9000, 38.2000),
    ("wuhai", 106.8250, 39.6730),
    ("baotou", 109.8400, 40.6580),
    ("tokyo-outside", 139.6917, 35.6895),
]


def inside_rough_box(lon: float, lat: float) -> bool:
    return 72.004 <= lon <= 137.8347 and 0.8293 <= lat <= 55.8271


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parent.parent / "Tests/Fixtures/webmap/offsets.json"
    parser.add_argument("--out", default=str(default))
    args = parser.parse_args()
    points = []
    for name, lon, lat in POINTS:
        inside = inside_rough_box(lon, lat)
        assert inside != coordTransform.out_of_china(lon, lat), f"{name}: the two out-of-China boxes disagree"
        entry = {"name": name, "wgs84": [lon, lat], "inside_china": inside,
                 "gcj02": list(coordTransform.wgs84_to_gcj02(lon, lat))}
        if inside:
            entry["bd09"] = list(coordTransform.wgs84_to_bd09(lon, lat))
        points.append(entry)
    document = {
        "script": "Scripts/make_webmap_fixtures.py",
        "package": PACKAGE,
        "package_version": importlib.metadata.version(PACKAGE),
        "notes": "Forward WGS84 -> GCJ-02 and WGS84 -> BD-09 as [lon, lat] degrees; "
                 "bd09 only inside China's rough box.",
        "points": points,
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    # One point per line: readable in a diff, and repr-exact floats as json writes them.
    body = json.dumps({**document, "points": []}, indent=1, ensure_ascii=False)
    rows = ",\n  ".join(json.dumps(point, ensure_ascii=False) for point in points)
    out.write_text(body.replace('"points": []', '"points": [\n  ' + rows + "\n ]") + "\n", encoding="utf-8")
    print(f"wrote {out} ({len(points)} points, {PACKAGE} {document['package_version']})")


if __name__ == "__main__":
    main()
