#!/usr/bin/env python3
"""The peers `shelterbelt stats` is benchmarked against, one per invocation.

    peers.py {geopandas,duckdb,shapely} PATCHES ZONES --zone-field name --epsg 4545 -o OUT.json

Each computes, in the planar projection EPSG:<epsg>, the area of the patches falling in
each zone, and writes it in the same JSON shape as `shelterbelt stats --format json`:

    {"rows": [{"zone": "WS01", "area_m2": ..., "features": ...}, ...],
     "total": {"area_m2": ..., "features": ...},
     "outside": {"area_m2": ..., "features": ...},
     "area_method": "planar:EPSG:4545", "tool": ..., "timings": {...}}

`features` of a zone counts the patches whose intersection with it has positive area;
`outside` is the area of the patches outside every zone and the number of patches that
share positive area with no zone (shelterbelt counts differently: not compared). The run_benchmark.py harness runs each peer in its own process and
measures wall time and peak RSS from outside; `timings` are the peer's own phases.
Exit status 3 means the tool is unavailable here (reason on stderr).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time

UNAVAILABLE = 3


class Phases:
    """Wall-clock phase timer: phases.mark("read") after each step."""

    def __init__(self):
        self.t = time.perf_counter()
        self.times: dict[str, float] = {}

    def mark(self, name: str):
        now = time.perf_counter()
        self.times[name] = round(now - self.t, 3)
        self.t = now


def write_result(path, tool, epsg, rows, total_area, n_patches, outside_features, phases):
    """rows: iterable of (zone, area_m2, features), in any order."""
    rows = sorted(rows)
    inside = sum(a for _, a, _ in rows)
    doc = {
        "rows": [{"zone": z, "area_m2": float(a), "features": int(f)} for z, a, f in rows],
        "total": {"area_m2": float(total_area), "features": int(n_patches)},
        "outside": {"area_m2": float(total_area - inside), "features": int(outside_features)},
        "area_method": f"planar:EPSG:{epsg}",
        "tool": tool,
        "timings": phases.times,
    }
    with open(path, "w") as f:
        json.dump(doc, f, indent=1, ensure_ascii=False)


# --------------------------------------------------------------------------- geopandas

def run_geopandas(a):
    """What a GIS analyst writes: read, reproject, overlay, group by."""
    import geopandas as gpd

    ph = Phases()
    patches = gpd.read_file(a.patches)
    zones = gpd.read_file(a.zones)[[a.zone_field, "geometry"]]
    ph.mark("read")
    patches = patches.to_crs(epsg=a.epsg)
    zones = zones.to_crs(epsg=a.epsg)
    ph.mark("transform")
    pieces = gpd.overlay(patches, zones, how="intersection")
    ph.mark("overlay")
    pieces["area_m2"] = pieces.geometry.area
    pieces = pieces[pieces["area_m2"] > 0]
    per_zone = pieces.groupby(a.zone_field)["area_m2"].agg(["sum", "count"])
    total = patches.geometry.area.sum()
    touched = pieces["id"].nunique()
    ph.mark("aggregate")
    rows = [(z, r["sum"], r["count"]) for z, r in per_zone.iterrows()]
    write_result(a.out, "geopandas", a.epsg, rows, total, len(patches), len(patches) - touched, ph)


# --------------------------------------------------------------------------- duckdb

def load_duckdb_spatial(con):
    """Load DuckDB's spatial extension, trying, in order: one already installed,
    the PyPI wheel `duckdb-extension-spatial` (its binary must match the duckdb
    version exactly), and a download (fails here: no network beyond PyPI).
    Returns how it was loaded; raises RuntimeError with every reason otherwise."""
    import duckdb

    reasons = []
    try:
        con.load_extension("spatial")
        return "installed extension"
    except Exception as e:                               # noqa: BLE001 - any failure: next way
        reasons.append(f"not installed ({first_line(e)})")
    try:
        import duckdb_extension_spatial as pkg
        path = os.path.join(os.path.dirname(pkg.__file__), "extensions",
                            f"v{duckdb.__version__}", "spatial.duckdb_extension")
        if not os.path.exists(path):
            shipped = os.listdir(os.path.join(os.path.dirname(pkg.__file__), "extensions"))
            raise RuntimeError(f"wheel ships {shipped}, duckdb is v{duckdb.__version__}")
        con.load_extension(path)
        return f"PyPI duckdb-extension-spatial ({path})"
    except Exception as e:                               # noqa: BLE001
        reasons.append(f"PyPI wheel: {first_line(e)}")
    try:
        con.install_extension("spatial")
        con.load_extension("spatial")
        return "downloaded"
    except Exception as e:                               # noqa: BLE001
        reasons.append(f"download: {first_line(e)}")
    raise RuntimeError("; ".join(reasons))


def first_line(e: Exception) -> str:
    return str(e).strip().splitlines()[0][:200] if str(e).strip() else type(e).__name__


def duckdb_with_spatial():
    """A DuckDB connection with the spatial extension loaded; exits UNAVAILABLE when it cannot be."""
    import duckdb

    con = duckdb.connect()
    try:
        how = load_duckdb_spatial(con)
    except RuntimeError as e:
        print(f"unavailable: {e}", file=sys.stderr)
        sys.exit(UNAVAILABLE)
    print(f"duckdb {duckdb.__version__}, spatial from {how}", file=sys.stderr)
    return con


def run_duckdb(a):
    """What a SQL user writes: ST_Read, ST_Transform, join on ST_Intersects, group by."""
    import duckdb  # noqa: F401 -- imported before the clock starts

    ph = Phases()
    con = duckdb_with_spatial()
    ph.mark("load_extension")
    src, dst = f"EPSG:{a.src_epsg}", f"EPSG:{a.epsg}"
    # always_xy: the files store lon/lat, whatever EPSG's axis order says.
    con.execute(f"""
        CREATE TABLE p AS SELECT id, ST_Transform({geom_column(con, a.patches)}, '{src}', '{dst}',
                                                  always_xy := true) AS g
        FROM ST_Read(?)""", [a.patches])
    con.execute(f"""
        CREATE TABLE z AS SELECT "{a.zone_field}" AS zone,
               ST_Transform({geom_column(con, a.zones)}, '{src}', '{dst}', always_xy := true) AS g
        FROM ST_Read(?)""", [a.zones])
    ph.mark("read_transform")
    con.execute("""
        CREATE TABLE pieces AS
        SELECT z.zone, p.id, ST_Area(ST_Intersection(p.g, z.g)) AS a
        FROM p JOIN z ON ST_Intersects(p.g, z.g)""")
    ph.mark("join")
    rows = con.execute("SELECT zone, SUM(a), COUNT(*) FILTER (WHERE a > 0) "
                       "FROM pieces GROUP BY zone").fetchall()
    total, n = con.execute("SELECT SUM(ST_Area(g)), COUNT(*) FROM p").fetchone()
    touched = con.execute("SELECT COUNT(DISTINCT id) FROM pieces WHERE a > 0").fetchone()[0]
    ph.mark("aggregate")
    write_result(a.out, "duckdb", a.epsg, rows, total, n, n - touched, ph)


def geom_column(con, path: str) -> str:
    """Name of the geometry column ST_Read exposes (`geom` for GeoPackage)."""
    cols = con.execute("DESCRIBE SELECT * FROM ST_Read(?)", [path]).fetchall()
    return next(f'"{c[0]}"' for c in cols if c[1].upper().startswith("GEOMETRY"))


# --------------------------------------------------------------------------- shapely

def read_geometries(path: str, src_epsg: int, dst_epsg: int):
    """Geometry column only (no attributes), reprojected with one vectorised PROJ call."""
    import numpy as np
    import pyogrio.raw
    import shapely
    from pyproj import Transformer

    _, _, wkb, _ = pyogrio.raw.read(path, columns=[])
    geoms = shapely.from_wkb(wkb)
    tr = Transformer.from_crs(src_epsg, dst_epsg, always_xy=True)
    return shapely.transform(geoms, lambda xy: np.column_stack(tr.transform(xy[:, 0], xy[:, 1])))


def run_shapely(a):
    """Hand-tuned shapely 2: the best a Python expert does without leaving numpy.

    Zones are few and huge, patches many and small, so the tree is built on the patches
    and queried with the zones: shapely then prepares each zone once, and every
    predicate below runs against a prepared zone. Wholly-contained patches take their
    own area (no overlay); only the few % that cross a boundary get an intersection.
    """
    import numpy as np
    import pyogrio
    import shapely

    ph = Phases()
    patches = read_geometries(a.patches, a.src_epsg, a.epsg)
    zones = read_geometries(a.zones, a.src_epsg, a.epsg)
    names = pyogrio.read_dataframe(a.zones, columns=[a.zone_field], read_geometry=False)[a.zone_field]
    ph.mark("read_transform")

    shapely.prepare(zones)       # kept on the objects: every zones[zi] below reuses it
    tree = shapely.STRtree(patches)
    zi, pi = tree.query(zones, predicate="intersects")
    inside = shapely.contains_properly(zones[zi], patches[pi])
    patch_area = shapely.area(patches)
    ph.mark("classify")

    nz = len(zones)
    area = np.bincount(zi[inside], weights=patch_area[pi[inside]], minlength=nz)
    feats = np.bincount(zi[inside], minlength=nz)
    cz, cp = zi[~inside], pi[~inside]
    cut = shapely.area(shapely.intersection(patches[cp], clip_to_patches(zones[cz], patches[cp])))
    area += np.bincount(cz, weights=cut, minlength=nz)
    feats += np.bincount(cz[cut > 0], minlength=nz)
    ph.mark("intersect")

    touched = len(np.union1d(pi[inside], cp[cut > 0]))
    rows = [(str(names[i]), area[i], feats[i]) for i in range(nz)]
    write_result(a.out, "shapely", a.epsg, rows, patch_area.sum(), len(patches),
                 len(patches) - touched, ph)


def clip_to_patches(zones, patches):
    """Each zone cut down to its patch's bounding box (plus 1 m).

    An overlay costs time in the vertices of both inputs, and a zone has ~10 000 of
    them; clip_by_rect is a cheap linear pass that leaves a few dozen, making the
    intersections ~4x faster. clip_by_rect does not promise valid output: any clipped
    piece that is not valid falls back to the whole zone.
    """
    import numpy as np
    import shapely

    b = shapely.bounds(patches)
    b[:, :2] -= 1.0
    b[:, 2:] += 1.0
    clipped = np.array([shapely.clip_by_rect(z, *r) for z, r in zip(zones, b)], dtype=object)
    bad = ~shapely.is_valid(clipped)
    clipped[bad] = zones[bad]
    return clipped


# --------------------------------------------------------------------------- main

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("tool", choices=["geopandas", "duckdb", "shapely"])
    ap.add_argument("patches")
    ap.add_argument("zones")
    ap.add_argument("--zone-field", default="name")
    ap.add_argument("--epsg", type=int, default=4545, help="planar CRS for the areas")
    ap.add_argument("--src-epsg", type=int, default=4490, help="CRS of both input files")
    ap.add_argument("-o", "--out", required=True)
    a = ap.parse_args(argv)
    {"geopandas": run_geopandas, "duckdb": run_duckdb, "shapely": run_shapely}[a.tool](a)


if __name__ == "__main__":
    main()
