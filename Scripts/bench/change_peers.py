#!/usr/bin/env python3
"""The peers `shelterbelt change` is benchmarked against, one per invocation.

    change_peers.py {geopandas,duckdb,shapely} BEFORE AFTER ZONES --class-field DLBM --epsg 4546 -o OUT.json

Each computes, in the planar CRS of the files (make_change_synthetic.py writes all three in EPSG:4546, so nobody
reprojects), the land-use transition matrix per zone: the area of BEFORE ∩ AFTER ∩ zone per (zone, before class,
after class), and the same without zones as the total. Written as

    {"cells": [["WS01", "0301", "0305", area_m2], ...], "total": [["0301", "0305", area_m2], ...],
     "tool": ..., "timings": {...}}

The peers assume what the synthetic data guarantees: neither layer overlaps itself (shelterbelt checks it).
Exit status 3 means the tool is unavailable here (reason on stderr).
"""
from __future__ import annotations

import argparse
import json
import sys

from peers import UNAVAILABLE, Phases, duckdb_with_spatial, first_line, geom_column


def write_result(path, tool, cells, total, phases):
    """cells: (zone, before, after, area) rows; total: (before, after, area) rows; any order."""
    doc = {"cells": sorted([str(z), str(b), str(a), float(m)] for z, b, a, m in cells if m > 0),
           "total": sorted([str(b), str(a), float(m)] for b, a, m in total if m > 0),
           "tool": tool, "timings": phases.times}
    with open(path, "w") as f:
        json.dump(doc, f, indent=0)


def run_geopandas(a):
    """What a GIS analyst writes: overlay the layers, overlay the result with the zones, group by."""
    import geopandas as gpd

    ph = Phases()
    before = gpd.read_file(a.before)[[a.class_field, "geometry"]].rename(columns={a.class_field: "before"})
    after = gpd.read_file(a.after)[[a.class_field, "geometry"]].rename(columns={a.class_field: "after"})
    zones = gpd.read_file(a.zones)[[a.zone_field, "geometry"]].rename(columns={a.zone_field: "zone"})
    ph.mark("read")
    pieces = gpd.overlay(before, after, how="intersection", keep_geom_type=True)
    ph.mark("overlay_layers")
    zoned = gpd.overlay(pieces, zones, how="intersection", keep_geom_type=True)
    ph.mark("overlay_zones")
    pieces["area"] = pieces.geometry.area
    zoned["area"] = zoned.geometry.area
    total = pieces.groupby(["before", "after"])["area"].sum()
    cells = zoned.groupby(["zone", "before", "after"])["area"].sum()
    ph.mark("aggregate")
    write_result(a.out, "geopandas", [(*k, v) for k, v in cells.items()], [(*k, v) for k, v in total.items()], ph)


def run_duckdb(a):
    """What a SQL user writes: ST_Intersection join of the layers, joined again with the zones, GROUP BY."""
    import duckdb  # noqa: F401 -- imported before the clock starts

    ph = Phases()
    con = duckdb_with_spatial()
    ph.mark("load_extension")
    for table, path in (("b", a.before), ("a", a.after)):
        con.execute(f'CREATE TABLE {table} AS SELECT "{a.class_field}" AS c, {geom_column(con, path)} AS g '
                    "FROM ST_Read(?)", [path])
    con.execute(f'CREATE TABLE z AS SELECT "{a.zone_field}" AS zone, {geom_column(con, a.zones)} AS g '
                "FROM ST_Read(?)", [a.zones])
    ph.mark("read")
    con.execute("""
        CREATE TABLE pieces AS
        SELECT b.c AS before, a.c AS after, ST_Intersection(b.g, a.g) AS g
        FROM b JOIN a ON ST_Intersects(b.g, a.g)""")
    ph.mark("join_layers")
    con.execute("""
        CREATE TABLE zoned AS
        SELECT z.zone, p.before, p.after, ST_Area(ST_Intersection(p.g, z.g)) AS area
        FROM pieces p JOIN z ON ST_Intersects(p.g, z.g)""")
    ph.mark("join_zones")
    cells = con.execute("SELECT zone, before, after, SUM(area) FROM zoned GROUP BY ALL").fetchall()
    total = con.execute("SELECT before, after, SUM(ST_Area(g)) FROM pieces GROUP BY ALL").fetchall()
    ph.mark("aggregate")
    write_result(a.out, "duckdb", cells, total, ph)


def run_shapely(a):
    """Hand-tuned shapely 2: STR-tree pairs, one vectorised intersection of all pairs, then the pieces against
    prepared zones: a piece properly inside a zone takes its own area, only the rest is intersected."""
    import numpy as np
    import pandas as pd
    import pyogrio
    import shapely

    ph = Phases()
    frames = [pyogrio.read_dataframe(path, columns=[field]) for path, field in
              ((a.before, a.class_field), (a.after, a.class_field), (a.zones, a.zone_field))]
    before, after, zones = (f.geometry.values._data if hasattr(f.geometry.values, "_data") else
                            np.asarray(f.geometry.values) for f in frames)
    before_class, after_class = frames[0][a.class_field].to_numpy(), frames[1][a.class_field].to_numpy()
    names = frames[2][a.zone_field].to_numpy()
    ph.mark("read")
    tree = shapely.STRtree(before)
    ai, bi = tree.query(after, predicate="intersects")
    pieces = shapely.intersection(after[ai], before[bi])
    area = shapely.area(pieces)
    keep = area > 0
    ai, bi, pieces, area = ai[keep], bi[keep], pieces[keep], area[keep]
    ph.mark("overlay_layers")
    shapely.prepare(zones)
    zi, pi = shapely.STRtree(pieces).query(zones, predicate="intersects")
    inside = shapely.contains_properly(zones[zi], pieces[pi])
    zone_area = np.where(inside, area[pi], 0.0)
    cut = ~inside
    zone_area[cut] = shapely.area(shapely.intersection(pieces[pi[cut]], zones[zi[cut]]))
    ph.mark("overlay_zones")
    frame = pd.DataFrame({"zone": names[zi], "before": before_class[bi[pi]], "after": after_class[ai[pi]],
                          "area": zone_area})
    cells = frame.groupby(["zone", "before", "after"])["area"].sum()
    total = pd.DataFrame({"before": before_class[bi], "after": after_class[ai], "area": area}).groupby(
        ["before", "after"])["area"].sum()
    ph.mark("aggregate")
    write_result(a.out, "shapely", [(*k, v) for k, v in cells.items()], [(*k, v) for k, v in total.items()], ph)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("tool", choices=["geopandas", "duckdb", "shapely"])
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("zones")
    ap.add_argument("--class-field", default="DLBM")
    ap.add_argument("--zone-field", default="name")
    ap.add_argument("-o", "--out", required=True)
    a = ap.parse_args(argv)
    try:
        {"geopandas": run_geopandas, "duckdb": run_duckdb, "shapely": run_shapely}[a.tool](a)
    except ImportError as e:
        print(f"unavailable: {first_line(e)}", file=sys.stderr)
        sys.exit(UNAVAILABLE)


if __name__ == "__main__":
    main()
