#!/usr/bin/env python3
"""Speed and memory benchmark of `shelterbelt zonal` against exactextract and rasterstats (issue 14).

Generates, deterministically (same --seed, same bytes):
  landcover.tif  10 000 x 4 000 uint8 land cover (classes 1-8, nodata 255) in EPSG:4490 over the ten watersheds
                 of make_synthetic.py, tiled 256 x 256, deflate; a smooth random field cut into classes, with
                 field-sized noise, so tiles compress as real land cover does
  zones.gpkg     the ten watersheds WS01..WS10 of make_synthetic.py (7 000-9 700 vertices each)
  patches.gpkg   20 000 treatment patches of make_synthetic.py (1-500 亩, 8-30 vertices), named P00001..
  huge.vrt       40 000 x 40 000 cells (1.6 G) over the same ground: a VRT tiling landcover.tif 4 x 10 times,
                 a real raster GDAL reads block by block, for the memory bound (Shelterbelt only)

and runs, one at a time, each tool on the same raster and zones:
  few   ten watersheds, class areas: shelterbelt --categorical; exactextract ["unique", "frac"];
        rasterstats zonal_stats(categorical=True) (cell centres)
  many  20 000 patches, class fractions per patch: the same three
  huge  ten watersheds on huge.vrt: shelterbelt only, against the 500 MB bound
Wall time and peak RSS of each child (wait4), ratios, and the agreement of the figures: each zone's class fractions
by coverage (Shelterbelt's Σ coverage per class / Σ coverage) against exactextract's frac (both exact, so they
agree to exactextract's single precision) and rasterstats' cell-centre counts (which differ by the boundary cells).

Run: Scripts/bench/zonal_benchmark.py --bin .build/release/shelterbelt [--workdir /tmp/shelterbelt-zonal-bench]
     with a Python holding the pins of Scripts/requirements.txt (exactextract, rasterstats, rasterio, shapely, pyproj)
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_synthetic  # noqa: E402  (the watersheds and patches of the stats benchmark)

COLS, ROWS = 10_000, 4_000
HUGE_TILES = (4, 10)  # landcover.tif repeated 4 across and 10 down: 40 000 x 40 000 cells
NODATA = 255


# --------------------------------------------------------------------------- data

def write_zones(path, geoms, names):
    """A GeoPackage layer (as make_synthetic.py writes, version 1.2 for Debian's GDAL 3.6) with a `name` field."""
    import shapely
    from pyogrio.raw import write

    if os.path.exists(path):
        os.remove(path)
    write(path, shapely.to_wkb(geoms), [np.array(names, dtype=object)], ["name"], driver="GPKG", crs="EPSG:4490",
          geometry_type="MultiPolygon", promote_to_multi=True, dataset_options={"VERSION": "1.2"}, layer="zones")


def land_cover(rng):
    """Classes 1-8 from a smooth field (bilinear upsampling of a coarse random grid) plus fine noise, 2 % nodata
    in a few blocks (cloud): deterministic for the seed."""
    coarse = rng.normal(size=(ROWS // 50 + 2, COLS // 50 + 2))
    ys = np.linspace(0, coarse.shape[0] - 1.001, ROWS)
    xs = np.linspace(0, coarse.shape[1] - 1.001, COLS)
    y0, x0 = ys.astype(int), xs.astype(int)
    fy, fx = (ys - y0)[:, None], (xs - x0)[None, :]
    field = ((1 - fy) * (1 - fx) * coarse[np.ix_(y0, x0)] + (1 - fy) * fx * coarse[np.ix_(y0, x0 + 1)]
             + fy * (1 - fx) * coarse[np.ix_(y0 + 1, x0)] + fy * fx * coarse[np.ix_(y0 + 1, x0 + 1)])
    field += rng.normal(scale=0.25, size=(ROWS, COLS))
    classes = np.digitize(field, np.quantile(field, np.linspace(0, 1, 9)[1:-1])).astype(np.uint8) + 1
    for _ in range(12):
        r, c = rng.integers(0, ROWS - 200), rng.integers(0, COLS - 300)
        classes[r:r + 120, c:c + 240] = NODATA
    return classes


def generate(data, seed):
    import rasterio
    from rasterio.transform import from_bounds
    import shapely

    os.makedirs(data, exist_ok=True)
    zone_rng, patch_rng = (np.random.default_rng([seed, i]) for i in (0, 1))
    zones = make_synthetic.to_lonlat(make_synthetic.make_zones(zone_rng, 1.0))
    patches, _, _ = make_synthetic.make_patches(patch_rng, 20_000, 1.0)
    patches = make_synthetic.to_lonlat(patches)
    write_zones(os.path.join(data, "zones.gpkg"), zones, [f"WS{i + 1:02d}" for i in range(len(zones))])
    write_zones(os.path.join(data, "patches.gpkg"), patches, [f"P{i + 1:05d}" for i in range(len(patches))])
    # The raster spans the zones' bounds (plus a margin), so every zone lies inside it.
    west, south, east, north = (float(v) for v in shapely.total_bounds(zones))
    west, south, east, north = west - 0.01, south - 0.01, east + 0.01, north + 0.01
    profile = dict(driver="GTiff", width=COLS, height=ROWS, count=1, dtype="uint8", crs="EPSG:4490", nodata=NODATA,
                   transform=from_bounds(west, south, east, north, COLS, ROWS), tiled=True, blockxsize=256,
                   blockysize=256, compress="deflate")
    with rasterio.open(os.path.join(data, "landcover.tif"), "w", **profile) as out:
        out.write(land_cover(np.random.default_rng([seed, 2])), 1)
    across, down = HUGE_TILES
    width, height = COLS * across, ROWS * down
    cell_x, cell_y = (east - west) / width, (north - south) / height
    sources = "".join(
        f'<SimpleSource><SourceFilename relativeToVRT="1">landcover.tif</SourceFilename><SourceBand>1</SourceBand>'
        f'<SrcRect xOff="0" yOff="0" xSize="{COLS}" ySize="{ROWS}"/>'
        f'<DstRect xOff="{i * COLS}" yOff="{j * ROWS}" xSize="{COLS}" ySize="{ROWS}"/></SimpleSource>'
        for j in range(down) for i in range(across))
    with open(os.path.join(data, "huge.vrt"), "w") as f:
        f.write(f'<VRTDataset rasterXSize="{width}" rasterYSize="{height}"><SRS>EPSG:4490</SRS>'
                f'<GeoTransform>{west!r}, {cell_x!r}, 0.0, {north!r}, 0.0, {-cell_y!r}</GeoTransform>'
                f'<VRTRasterBand dataType="Byte" band="1"><NoDataValue>{NODATA}</NoDataValue>'
                f'<ColorInterp>Gray</ColorInterp>{sources}</VRTRasterBand></VRTDataset>\n')


# --------------------------------------------------------------------------- runs

# Both peers read the zones as a GeoPandas user's code does (pyogrio, shapely) and the raster through rasterio;
# each writes {zone: {class: fraction}}: exactextract's frac is by coverage, rasterstats' by cell centres.
READ_ZONES = """
import json, sys
import shapely
from pyogrio.raw import read
_, _, wkb, fields = read(sys.argv[2])
zones = [{"type": "Feature", "properties": {"name": n}, "geometry": g.__geo_interface__}
         for n, g in zip(fields[0], shapely.from_wkb(wkb))]
"""
PEER = {
    "exactextract": READ_ZONES + """
from exactextract import exact_extract
rows = exact_extract(sys.argv[1], zones, ["unique", "frac"], include_cols=["name"], output="geojson")
out = {r["properties"]["name"]: {str(int(v)): float(f) for v, f in zip(r["properties"]["unique"],
                                                                      r["properties"]["frac"])} for r in rows}
json.dump(out, open(sys.argv[3], "w"))
""",
    "rasterstats": READ_ZONES + """
from rasterstats import zonal_stats
out = {}
for zone, counts in zip(zones, zonal_stats(zones, sys.argv[1], categorical=True, nodata=255)):
    total = sum(counts.values())
    out[zone["properties"]["name"]] = {str(k): v / total for k, v in counts.items()} if total else {}
json.dump(out, open(sys.argv[3], "w"))
""",
}


def run(command, log, timeout):
    """Wall time (s) and peak RSS (MB) of one child, by GNU time (the child's own RSS, not this process's)."""
    measured = log + ".time"
    with open(log, "w") as err:
        completed = subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", measured] + command, stdout=err,
                                   stderr=subprocess.STDOUT, timeout=timeout)
    if completed.returncode != 0:
        raise RuntimeError(f"{command[0]} failed (status {completed.returncode}); see {log}")
    with open(measured) as f:
        wall, rss_kb = f.read().split()[-2:]
    return float(wall), int(rss_kb) / 1024


def shelterbelt_fractions(path):
    """Class fractions by coverage per zone from `shelterbelt zonal --format json` (Σ coverage per class)."""
    with open(path) as f:
        zones = json.load(f)["zones"]
    out = {}
    for zone in zones:
        total = sum(c["cells"] for c in zone["classes"])
        out[zone["zone"]] = {str(int(c["class"])): c["cells"] / total for c in zone["classes"]} if total else {}
    return out


def agreement(ours, theirs):
    """Largest difference of a class fraction over all zones and classes, and the zones compared."""
    worst = 0.0
    for name, fractions in ours.items():
        other = theirs.get(name, {})
        for key in set(fractions) | set(other):
            worst = max(worst, abs(fractions.get(key, 0.0) - other.get(key, 0.0)))
    return worst, len(set(ours) & set(theirs))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=".build/release/shelterbelt")
    ap.add_argument("--workdir", default="/tmp/shelterbelt-zonal-bench")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--workloads", default="few,many,huge")
    ap.add_argument("--tools", default="shelterbelt,exactextract,rasterstats")
    ap.add_argument("--skip-generate", action="store_true")
    ap.add_argument("--timeout", type=float, default=3600)
    args = ap.parse_args(argv)
    data = os.path.join(args.workdir, f"data-s{args.seed}")
    if not args.skip_generate:
        started = time.perf_counter()
        generate(data, args.seed)
        print(f"generated {data} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    workloads = {
        "few": ("landcover.tif", "zones.gpkg"),
        "many": ("landcover.tif", "patches.gpkg"),
        "huge": ("huge.vrt", "zones.gpkg"),
    }
    results = {}
    for workload in args.workloads.split(","):
        raster, zones = (os.path.join(data, name) for name in workloads[workload])
        figures, rows = {}, {}
        for tool in args.tools.split(","):
            if workload == "huge" and tool != "shelterbelt":
                continue
            out = os.path.join(args.workdir, f"out-{workload}-{tool}.json")
            log = os.path.join(args.workdir, f"{workload}-{tool}.log")
            if tool == "shelterbelt":
                command = [args.bin, "zonal", raster, "--zones", zones, "--categorical", "--format", "json",
                           "-o", out, "--threads", str(args.threads), "--quiet"]
            else:
                command = [sys.executable, "-c", PEER[tool], raster, zones, out]
            wall, rss = run(command, log, args.timeout)
            figures[tool] = shelterbelt_fractions(out) if tool == "shelterbelt" else json.load(open(out))
            rows[tool] = {"seconds": round(wall, 2), "peak_rss_mb": round(rss, 1)}
            print(f"{workload:5} {tool:13} {wall:8.2f} s {rss:8.1f} MB", file=sys.stderr)
        if "shelterbelt" in rows:
            for tool in rows:
                if tool == "shelterbelt":
                    continue
                worst, compared = agreement(figures["shelterbelt"], figures[tool])
                rows[tool].update({
                    "speedup_of_shelterbelt": round(rows[tool]["seconds"] / rows["shelterbelt"]["seconds"], 2),
                    "max_fraction_difference": worst, "zones_compared": compared})
        results[workload] = rows
    versions = {}
    for package in ("exactextract", "rasterstats", "rasterio", "numpy"):
        try:
            from importlib.metadata import version
            versions[package] = version(package)
        except Exception:  # a tool left out of --tools need not be installed
            versions[package] = None
    report = {"results": results, "threads": args.threads, "cpus": os.cpu_count(), "versions": versions}
    with open(os.path.join(args.workdir, "zonal-results.json"), "w") as f:
        json.dump(report, f, indent=2)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
