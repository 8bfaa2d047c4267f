#!/usr/bin/env python3
"""Independent reference values and small input fixtures for the Swift tests.

Writes into Tests/Fixtures/ (or --out DIR):

  geodesic_reference.json   geodesic areas on GRS80 computed with GeographicLib (pyproj.Geod),
                            independent of the PROJ geod_polygonarea the Swift code calls
  planar_reference.json     polygons in EPSG:4545 with exact shoelace areas, and the same
                            polygons transformed to EPSG:4490 with their geodesic area
  expected_areas.json       expected areas for every vector fixture below, keyed by name
  README.md                 what each file is, how it was made and what a test should expect
  *.geojson, *.shp, ...     tiny vector fixtures (zones, patches, GK copies, GBK attributes)
  bad/...                   broken or awkward inputs for the error-path tests

Everything is deterministic: no randomness, fixed DBF dates, OGR_CURRENT_DATE and
OPENFILEGDB_REPRODUCIBLE_UUID for the files GDAL writes. Running the script twice gives
byte-identical output (`--check` regenerates into a temporary directory and compares).

GeoJSON, Shapefiles (.shp/.shx/.dbf/.prj/.cpg) and the reference JSON are written by this
script byte by byte, so the DBF encoding (GBK) and the language-driver byte are under our
control. KML, DXF, GeoPackage (curves) and FileGDB are written by the system `ogr2ogr`
(gdal-bin, the same GDAL the Swift code links), which must be on PATH.

Requires the pinned packages in Scripts/requirements.txt (shapely, pyproj, pyogrio).

Usage: python3 Scripts/make_test_fixtures.py [--out Tests/Fixtures] [--check]
"""
from __future__ import annotations

import argparse
import filecmp
import json
import math
import os
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pyogrio
import pyproj
import shapely
from pyproj import CRS, Geod, Transformer
from shapely.geometry import LineString, MultiPolygon, Point, Polygon

GEOD = Geod(ellps="GRS80")          # what the Swift side uses through PROJ (geod_polygonarea)
GEOD_WGS84 = Geod(ellps="WGS84")    # only to document the 4326-vs-4490 difference
REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "Tests" / "Fixtures"
DBF_DATE = (2024, 1, 1)             # fixed "last update" date in every DBF header
OGR_DATE = "2024-01-01T00:00:00Z"   # OGR_CURRENT_DATE for GeoPackage / FileGDB

TO_4545 = Transformer.from_crs(4490, 4545, always_xy=True)
TO_4524 = Transformer.from_crs(4490, 4524, always_xy=True)
FROM_4545 = Transformer.from_crs(4545, 4490, always_xy=True)
FROM_4524 = Transformer.from_crs(4524, 4490, always_xy=True)
TO_3857 = Transformer.from_crs(4326, 3857, always_xy=True)
FROM_3857 = Transformer.from_crs(3857, 4490, always_xy=True)


# --------------------------------------------------------------------------- areas

def ring_area(coords) -> float:
    """Signed geodesic area of one ring (positive counter-clockwise), GRS80, m²."""
    lons = [c[0] for c in coords]
    lats = [c[1] for c in coords]
    area, _ = GEOD.polygon_area_perimeter(lons, lats)
    return area


def geod_area(geom, geod: Geod = GEOD) -> float:
    """Geodesic area, m², of a (multi)polygon in lon/lat degrees; winding does not matter.

    |exterior| minus |holes| per polygon, summed over parts. Cross-checked against
    pyproj's own geometry_area_perimeter on the oriented geometry."""
    if geom is None or geom.is_empty:
        return 0.0
    if geom.geom_type == "Polygon":
        parts = [geom]
    elif geom.geom_type == "MultiPolygon":
        parts = list(geom.geoms)
    elif geom.geom_type == "GeometryCollection":
        return sum(geod_area(g, geod) for g in geom.geoms if g.geom_type in ("Polygon", "MultiPolygon"))
    else:
        return 0.0
    total = 0.0
    for p in parts:
        a = abs(geod.polygon_area_perimeter(*p.exterior.coords.xy)[0])
        for h in p.interiors:
            a -= abs(geod.polygon_area_perimeter(*h.coords.xy)[0])
        total += a
    # pyproj sums SIGNED ring areas, so it needs shells CCW and holes CW:
    check = geod.geometry_area_perimeter(shapely.orient_polygons(geom))[0]
    assert math.isclose(total, check, rel_tol=1e-12, abs_tol=1e-6), (total, check)
    return total


def graticule_cell_area(lat1: float, lat2: float, dlon: float) -> float:
    """Closed-form GRS80 area between two parallels over dlon degrees (edges ALONG parallels)."""
    a = 6378137.0
    f = 1 / 298.257222101
    e2 = f * (2 - f)
    e = math.sqrt(e2)
    b2 = a * a * (1 - e2)

    def F(phi):
        s = math.sin(phi)
        return s / (1 - e2 * s * s) + math.log((1 + e * s) / (1 - e * s)) / (2 * e)

    return math.radians(dlon) * b2 / 2 * (F(math.radians(lat2)) - F(math.radians(lat1)))


# --------------------------------------------------------------------------- WKT / GeoJSON text

def num(x: float) -> str:
    """Shortest round-trip text for a double (what Swift's Double(String) reads back exactly)."""
    x = float(x)
    if x == 0:
        return "0"
    s = repr(x)
    if "e" in s or "E" in s:
        s = f"{x:.17f}".rstrip("0").rstrip(".")
        assert float(s) == x
    if s.endswith(".0"):
        s = s[:-2]
    return s


def ring_wkt(coords) -> str:
    return "(" + ", ".join(" ".join(num(v) for v in c) for c in coords) + ")"


def poly_wkt_body(p: Polygon) -> str:
    return "(" + ", ".join([ring_wkt(p.exterior.coords)] + [ring_wkt(h.coords) for h in p.interiors]) + ")"


def to_wkt(g) -> str:
    if g.geom_type == "Polygon":
        return ("POLYGON Z " if g.has_z else "POLYGON ") + poly_wkt_body(g)
    if g.geom_type == "MultiPolygon":
        return "MULTIPOLYGON (" + ", ".join(poly_wkt_body(p) for p in g.geoms) + ")"
    raise ValueError(g.geom_type)


def rnd(v: float, nd: int = 10) -> float:
    return round(v, nd)


def closed(coords):
    coords = [tuple(c) for c in coords]
    return coords if coords[0] == coords[-1] else coords + [coords[0]]


def gj_coords(g):
    """GeoJSON coordinates (lists) for a Polygon / MultiPolygon / Point / LineString."""
    def ring(r):
        return [list(c) for c in r.coords]
    if g.geom_type == "Polygon":
        return [ring(g.exterior)] + [ring(h) for h in g.interiors]
    if g.geom_type == "MultiPolygon":
        return [gj_coords(p) for p in g.geoms]
    if g.geom_type == "Point":
        return list(g.coords[0])
    if g.geom_type == "LineString":
        return [list(c) for c in g.coords]
    raise ValueError(g.geom_type)


def write_geojson(path: Path, features) -> None:
    """features: list of (properties dict, geometry dict or None). RFC 7946: lon/lat, no crs member."""
    lines = ['{"type": "FeatureCollection", "features": [']
    for i, (props, geom) in enumerate(features):
        f = {"type": "Feature", "properties": props, "geometry": geom}
        lines.append("  " + json.dumps(f, ensure_ascii=False, separators=(", ", ": "))
                     + ("," if i < len(features) - 1 else ""))
    lines.append("]}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def gj_geom(g) -> dict:
    return {"type": g.geom_type, "coordinates": gj_coords(g)}


# --------------------------------------------------------------------------- Shapefile writer

class Field:
    def __init__(self, name: bytes, ftype: str, length: int, decimals: int = 0):
        assert len(name) <= 10
        self.name, self.ftype, self.length, self.decimals = name, ftype, length, decimals


def _shp_header(file_len_bytes: int, shape_type: int, bbox) -> bytes:
    return (struct.pack(">7i", 9994, 0, 0, 0, 0, 0, file_len_bytes // 2)
            + struct.pack("<2i", 1000, shape_type)
            + struct.pack("<8d", bbox[0], bbox[1], bbox[2], bbox[3], 0.0, 0.0, 0.0, 0.0))


def _polygon_rings_for_shp(g):
    """Shapefile rings: outer rings clockwise, holes counter-clockwise."""
    polys = [g] if g.geom_type == "Polygon" else list(g.geoms)
    rings = []
    for p in polys:
        p = shapely.geometry.polygon.orient(p, sign=-1.0)  # exterior CW, interiors CCW
        rings.append([c[:2] for c in p.exterior.coords])
        rings.extend([c[:2] for c in h.coords] for h in p.interiors)
    return rings


def write_shapefile(base: Path, geoms, fields, records, *, prj: str | None, cpg: str | None,
                    ldid: int = 0, encoding: str = "utf-8") -> None:
    """Write base.shp/.shx/.dbf (+ .prj, .cpg) for Polygon/MultiPolygon geometries (None = null shape).

    records: list of tuples of str / int / float per field; strings are encoded with `encoding`
    into the DBF (so `encoding="gbk"` really puts GBK bytes on disk). `ldid` is the DBF
    language-driver byte (offset 29): 0 = none, 0x4D = code page 936 (GBK)."""
    contents = []
    for g in geoms:
        if g is None:
            contents.append(struct.pack("<i", 0))
            continue
        rings = _polygon_rings_for_shp(g)
        pts = [c for r in rings for c in r]
        xs = [c[0] for c in pts]
        ys = [c[1] for c in pts]
        body = struct.pack("<i4d2i", 5, min(xs), min(ys), max(xs), max(ys), len(rings), len(pts))
        start = 0
        for r in rings:
            body += struct.pack("<i", start)
            start += len(r)
        for c in pts:
            body += struct.pack("<2d", c[0], c[1])
        contents.append(body)
    allpts = [c for g in geoms if g is not None for c in g.bounds]
    bbox = (min(allpts[0::4]), min(allpts[1::4]), max(allpts[2::4]), max(allpts[3::4])) if allpts else (0, 0, 0, 0)

    shp_len = 100 + sum(8 + len(c) for c in contents)
    shp = bytearray(_shp_header(shp_len, 5, bbox))
    shx = bytearray(_shp_header(100 + 8 * len(contents), 5, bbox))
    for i, c in enumerate(contents):
        shx += struct.pack(">2i", len(shp) // 2, len(c) // 2)
        shp += struct.pack(">2i", i + 1, len(c) // 2) + c
    base.with_suffix(".shp").write_bytes(bytes(shp))
    base.with_suffix(".shx").write_bytes(bytes(shx))

    # DBF (dBASE III)
    rec_len = 1 + sum(f.length for f in fields)
    hdr_len = 32 + 32 * len(fields) + 1
    y, m, d = DBF_DATE
    dbf = bytearray(struct.pack("<4BIHH", 0x03, y - 1900, m, d, len(records), hdr_len, rec_len))
    dbf += bytes(17) + bytes([ldid]) + bytes(2)
    assert len(dbf) == 32
    for f in fields:
        dbf += f.name.ljust(11, b"\0") + f.ftype.encode() + bytes(4) + bytes([f.length, f.decimals]) + bytes(14)
    dbf += b"\x0d"
    for rec in records:
        dbf += b" "
        for f, v in zip(fields, rec):
            if f.ftype == "C":
                b = str(v).encode(encoding)
                assert len(b) <= f.length, (v, f.length)
                dbf += b.ljust(f.length, b" ")
            elif f.ftype == "N":
                s = (f"{v:.{f.decimals}f}" if f.decimals else str(int(v))).encode("ascii")
                assert len(s) <= f.length
                dbf += s.rjust(f.length, b" ")
            else:
                raise ValueError(f.ftype)
    dbf += b"\x1a"
    base.with_suffix(".dbf").write_bytes(bytes(dbf))
    for ext in (".prj", ".cpg"):
        base.with_suffix(ext).unlink(missing_ok=True)
    if prj is not None:
        base.with_suffix(".prj").write_text(prj, encoding="ascii")
    if cpg is not None:
        base.with_suffix(".cpg").write_text(cpg, encoding="ascii")


def esri_prj(epsg: int) -> str:
    return CRS.from_epsg(epsg).to_wkt("WKT1_ESRI")


# --------------------------------------------------------------------------- geometry helpers

def rect(x0, y0, x1, y1, extra_bottom=(), extra_top=()) -> Polygon:
    """Counter-clockwise lon/lat rectangle; extra vertices (longitudes) on the bottom/top edges."""
    bottom = [(x0, y0)] + [(x, y0) for x in sorted(extra_bottom)] + [(x1, y0)]
    top = [(x1, y1)] + [(x, y1) for x in sorted(extra_top, reverse=True)] + [(x0, y1)]
    return Polygon(bottom + top)


def transform_geom(g, tr: Transformer):
    return shapely.transform(g, lambda xy: _tr_array(xy, tr))


def _tr_array(xy, tr):
    x, y = tr.transform(xy[:, 0], xy[:, 1])
    return np.column_stack([x, y])


def same_area(a: float, b: float, rel: float = 1e-9, abs_: float = 1e-4) -> bool:
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_)


# --------------------------------------------------------------------------- edge rules (Shelterbelt's EdgeRule)
#
# "straight" (Shelterbelt's default): an edge between two stored vertices is straight in the CRS the layer is
# stored in. The reader makes it so by densifying: after make-valid, if any edge of the feature, measured in the
# layer's own coordinates (Euclidean), is longer than the step, GEOSDensify (= shapely.segmentize) with that step
# is applied in the layer's own CRS, BEFORE reprojecting into the working CRS. The reader's step is 0.0009° or
# 100 m (and a geodesic run takes lon/lat edges as straight exactly); the references here use 0.00001° or 1 m, so
# they follow straight edges to 1e-12. A planar run in the layer's own CRS is not densified.
# "geodesic" (EdgeRule.geodesic, the old behaviour): edges are geodesics between the stored vertices.

RULES = ("straight", "geodesic")
STEP_GEOGRAPHIC = 0.00001   # the reference: edges straight in lon/lat to 1e-12 (the reader is exact there)
STEP_PROJECTED = 1.0      # the reference: edges straight in the projected CRS to 1e-12


def longest_edge(g) -> float:
    """Longest edge of any ring or line of g, Euclidean in its own coordinates."""
    parts = shapely.get_parts(g)                          # polygons of a multipolygon, lines, ...
    parts = [r for p in parts for r in (shapely.get_rings(p) if p.geom_type == "Polygon" else [p])]
    longest = 0.0
    for part in parts:
        xy = shapely.get_coordinates(part)
        if len(xy) > 1:
            longest = max(longest, float(np.max(np.hypot(np.diff(xy[:, 0]), np.diff(xy[:, 1])))))
    return longest


def edges(g, rule: str, geographic: bool):
    """g (already valid) as Shelterbelt's reader has it under `rule`, still in the layer's own CRS."""
    if rule == "geodesic" or g is None or g.is_empty:
        return g
    step = STEP_GEOGRAPHIC if geographic else STEP_PROJECTED
    return shapely.segmentize(g, step) if longest_edge(g) > step else g


def ll(g, rule: str):
    """A lon/lat (EPSG:4490) layer's geometry as read under `rule`."""
    return edges(g, rule, True)


def projected(g, back: Transformer, rule: str):
    """A projected layer's geometry as read under `rule`: edges applied in its own CRS, then to EPSG:4490."""
    return transform_geom(edges(g, rule, False), back)


# --------------------------------------------------------------------------- 1. geodesic reference

def geodesic_reference(out: Path) -> list[dict]:
    cases = []

    def add(cid, geom, note, **extra):
        text = to_wkt(geom)
        parsed = shapely.from_wkt(text)          # the area is computed from exactly the text we ship
        area = geod_area(parsed)
        case = {"id": cid, "wkt": text, "area_m2": area,
                "area_straight_edges_m2": geod_area(ll(parsed, "straight")), "note": note}
        case.update(extra)
        cases.append(case)
        return area

    for lon, lat in [(108, 39), (110, 40), (0, 0), (0, 60), (0, -45)]:
        g = Polygon([(lon, lat), (lon + 1, lat), (lon + 1, lat + 1), (lon, lat + 1)])
        add(f"cell_{lon}_{lat}", g,
            f"1 deg x 1 deg cell, SW corner ({lon}, {lat}), 4 vertices, counter-clockwise. Edges are GEODESICS "
            f"(as in geod_polygonarea), not parallels: the graticule cell bounded by parallels has "
            f"{graticule_cell_area(lat, lat + 1, 1):.3f} m2 (closed form).",
            graticule_cell_area_m2=graticule_cell_area(lat, lat + 1, 1))

    # Parallel-densified version of the Ordos cell: approaches the graticule-cell area.
    n = 100
    bottom = [(108 + i / n, 39.0) for i in range(n + 1)]
    top = [(109 - i / n, 40.0) for i in range(n + 1)]
    add("cell_108_39_densified", Polygon(bottom + top),
        "cell_108_39 with both parallel edges split into 100 steps (204 vertices): within ~10 m2 of the "
        "graticule cell (closed form), differs from cell_108_39 because its edges follow the parallels. A tool that "
        "densifies edges before measuring would get this rather than cell_108_39.",
        graticule_cell_area_m2=graticule_cell_area(39, 40, 1))

    # 1 km square near Kangbashi, from geodesic forward steps.
    lon0, lat0 = 109.78, 39.61
    lon1, lat1, _ = GEOD.fwd(lon0, lat0, 90, 1000)
    lon2, lat2, _ = GEOD.fwd(lon1, lat1, 0, 1000)
    lon3, lat3, _ = GEOD.fwd(lon0, lat0, 0, 1000)
    sq = Polygon([(lon0, lat0), (rnd(lon1), rnd(lat1)), (rnd(lon2), rnd(lat2)), (rnd(lon3), rnd(lat3))])
    add("square_1km_ordos", sq,
        "SW (109.78, 39.61); SE = 1000 m at azimuth 90 from SW; NE = 1000 m at azimuth 0 from SE; "
        "NW = 1000 m at azimuth 0 from SW (coordinates rounded to 1e-10 deg). Close to, but not exactly, 1e6 m2.")

    outer = Polygon([(108.0, 39.0), (108.2, 39.0), (108.2, 39.2), (108.0, 39.2)])
    hole = [(108.05, 39.05), (108.05, 39.1), (108.1, 39.1), (108.1, 39.05)]      # clockwise
    g = Polygon(outer.exterior.coords, [hole])
    add("polygon_with_hole", g,
        "0.2 x 0.2 deg shell (108.0-108.2 x 39.0-39.2) minus a 0.05 x 0.05 deg hole (108.05-108.1 x 39.05-39.1); "
        "area = |shell| - |hole|.",
        shell_area_m2=geod_area(outer), hole_area_m2=geod_area(Polygon(hole)))

    p1 = Polygon([(108.0, 39.0), (108.1, 39.0), (108.1, 39.1), (108.0, 39.1)])
    p2 = Polygon([(108.3, 39.2), (108.4, 39.2), (108.4, 39.3), (108.3, 39.3)])
    add("multipolygon_two_parts", MultiPolygon([p1, p2]),
        "two disjoint 0.1 x 0.1 deg squares; area = sum of the parts.",
        part_areas_m2=[geod_area(p1), geod_area(p2)])

    cw = Polygon([(108, 39), (108, 40), (109, 40), (109, 39)])
    add("clockwise_cell_108_39", cw,
        "cell_108_39 wound CLOCKWISE: geod_polygonarea returns a negative signed area; the tool must report "
        "the same positive area as cell_108_39.")

    tri = Polygon([(108.0, 39.0), (108.0001, 39.5), (108.0, 40.0)])
    add("thin_triangle", tri,
        "thin triangle, base = meridian 108E from 39N to 40N (a geodesic), apex 0.0001 deg (~8.6 m) east at 39.5N. "
        "(A thin triangle along a parallel would be inverted: a 1-deg geodesic at 39N bulges ~120 m north.)")

    clon, clat, r, nv = 109.0, 39.5, 5000.0, 1000
    pts = []
    for k in range(nv):
        az = (360.0 - k * 360.0 / nv) % 360.0          # decreasing azimuth = counter-clockwise
        lo, la, _ = GEOD.fwd(clon, clat, az, r)
        pts.append((rnd(lo), rnd(la)))
    add("circle_1000_vertices", Polygon(pts),
        f"1000 vertices at geodesic distance 5000 m from (109.0, 39.5), counter-clockwise, rounded to 1e-10 deg. "
        f"Inscribed 1000-gon: ~ (n/2) r^2 sin(2 pi/n) = {nv / 2 * r * r * math.sin(2 * math.pi / nv):.1f} m2 "
        f"(pi r^2 = {math.pi * r * r:.1f}).")

    doc = {
        "about": "Geodesic polygon areas on the GRS80 ellipsoid (a = 6378137, 1/f = 298.257222101), computed "
                 "independently with GeographicLib through pyproj.Geod(ellps='GRS80').polygon_area_perimeter "
                 "(absolute value per ring, holes subtracted, parts summed). WKT is lon/lat degrees; area_m2 takes "
                 "the edges as geodesics (what geod_polygonarea computes: the reference for GeoKit's Geodesic area, "
                 "and for Shelterbelt's reader with EdgeRule.geodesic). Check PROJ geod_polygonarea results against "
                 "area_m2 with a relative tolerance of 1e-9 (the algorithms are the same; differences are rounding). "
                 "area_straight_edges_m2: the same WKT read as a lon/lat layer under Shelterbelt's default "
                 "EdgeRule.straight (shapely.segmentize every 0.00001 deg when an edge is longer, then geodesic area).",
        "generator": "Scripts/make_test_fixtures.py",
        "pyproj": pyproj.__version__, "proj": pyproj.proj_version_str,
        "cases": cases,
    }
    (out / "geodesic_reference.json").write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    return cases


# --------------------------------------------------------------------------- planar reference

def densify_gk(g, step=10.0):
    return shapely.segmentize(g, step)


def planar_reference(out: Path) -> list[dict]:
    defs = [
        ("rect_on_cm", Polygon([(500000, 4380000), (501000, 4380000), (501000, 4381000), (500000, 4381000)]), 1_000_000,
         "1 km x 1 km square on the central meridian 108E (~39.57N): GK scale ~1, planar ~= geodesic."),
        ("rect_100km_east", Polygon([(600000, 4400000), (602000, 4400000), (602000, 4401500), (600000, 4401500)]), 3_000_000,
         "2 km x 1.5 km rectangle ~100 km east of the CM (~109.17E): GK area scale ~(1 + x^2/2R^2)^2, "
         "planar is ~0.025 % larger than geodesic."),
        ("triangle", Polygon([(550000, 4390000), (553000, 4390000), (550000, 4394000)]), 6_000_000,
         "right triangle, legs 3 km and 4 km: 3000 * 4000 / 2."),
        ("rect_with_hole", Polygon([(520000, 4360000), (524000, 4360000), (524000, 4363000), (520000, 4363000)],
                                   [[(521000, 4361000), (521000, 4362000), (522000, 4362000), (522000, 4361000)]]),
         11_000_000, "4 km x 3 km minus a 1 km x 1 km hole: 12e6 - 1e6."),
        ("l_shape", Polygon([(540000, 4370000), (542000, 4370000), (542000, 4371000), (541000, 4371000),
                             (541000, 4372000), (540000, 4372000)]), 3_000_000,
         "L shape: 2 km x 1 km + 1 km x 1 km."),
    ]
    cases = []
    for cid, g, exact, note in defs:
        assert g.area == exact, (cid, g.area)
        ll = transform_geom(g, FROM_4545)
        ll_text = to_wkt(ll)
        geodesic = geod_area(shapely.from_wkt(ll_text))
        dens = geod_area(transform_geom(densify_gk(g), FROM_4545))
        straight = geod_area(projected(g, FROM_4545, "straight"))
        assert abs(dens - geodesic) < 1e-6 * geodesic, (cid, dens, geodesic)
        g36 = shapely.transform(g, lambda xy: xy + [36_000_000, 0])
        cases.append({
            "id": cid,
            "wkt_epsg4545": to_wkt(g),
            "planar_area_m2": float(exact),
            "wkt_epsg4524": to_wkt(g36),
            "wkt_epsg4490": ll_text,
            "geodesic_area_m2": geodesic,
            "geodesic_area_densified_m2": dens,
            "geodesic_area_straight_m2": straight,
            "note": note,
        })
    doc = {
        "about": "Polygons designed in EPSG:4545 (CGCS2000 / 3-degree Gauss-Kruger CM 108E, no zone prefix; x = "
                 "easting) with exact shoelace areas (planar_area_m2). wkt_epsg4524 is the same polygon in "
                 "EPSG:4524 (3-degree GK zone 36, easting with the 36 000 000 zone prefix): identical planar area. "
                 "All WKT is x = easting / longitude, y = northing / latitude, although EPSG defines 4545/4524 "
                 "northing-first and 4490 latitude-first (use OAMS_TRADITIONAL_GIS_ORDER). "
                 "wkt_epsg4490 is every vertex transformed by pyproj (EPSG:4545 -> EPSG:4490, lon/lat order); "
                 "geodesic_area_m2 is the GRS80 geodesic area of those vertices (geodesic edges). A tool that "
                 "transforms GK vertices to lon/lat and measures geodesically must get geodesic_area_m2 (tolerance "
                 "1e-9 relative + PROJ version noise ~1e-6 m). geodesic_area_densified_m2: the GK edges densified "
                 "every 10 m before transforming -- the ellipsoidal area of the straight-edged GK polygon; it "
                 "differs from geodesic_area_m2 by < 1e-6 relative here. geodesic_area_straight_m2: what Shelterbelt's "
                 "reader measures by default (EdgeRule.straight): edges segmentized every 1 m in EPSG:4545 when one "
                 "is longer, transformed to EPSG:4490, geodesic area; geodesic_area_m2 is its EdgeRule.geodesic "
                 "value.",
        "generator": "Scripts/make_test_fixtures.py",
        "pyproj": pyproj.__version__, "proj": pyproj.proj_version_str,
        "cases": cases,
    }
    (out / "planar_reference.json").write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    return cases


# --------------------------------------------------------------------------- vector fixtures

ZONE_A = rect(108.0, 39.0, 108.5, 39.5)
ZONE_B = rect(108.5, 39.0, 109.0, 39.5)
# Every polygon that crosses lon 108.5 has a vertex ON 108.5, and every point where two patches'
# edges cross is a vertex of both, so planar overlay in lon/lat inserts no vertex on a non-meridian
# edge: geodesic areas of the pieces then add up exactly (whole = in A + in B; union = P1 + P2 - overlap).
SQUARE = rect(108.40, 39.15, 108.65, 39.35, extra_bottom=[108.5], extra_top=[108.5])
P1 = rect(108.20, 39.10, 108.40, 39.30, extra_top=[108.30])
P2 = rect(108.30, 39.20, 108.60, 39.40, extra_bottom=[108.40, 108.50], extra_top=[108.50])
OUTSIDE = rect(109.20, 39.10, 109.30, 39.20)
PATCHES = [(1, "P1", P1), (2, "P2", P2), (3, "OUT", OUTSIDE)]
# The edge rule in GK (EPSG:4545): a 20 km square 100-120 km east of the CM, two zones split by a slanted line.
GK_SQUARE = Polygon([(600000, 4360000), (620000, 4360000), (620000, 4380000), (600000, 4380000)])
GK_WEST = Polygon([(590000, 4350000), (605000, 4350000), (615000, 4390000), (590000, 4390000)])
GK_EAST = Polygon([(605000, 4350000), (630000, 4350000), (630000, 4390000), (615000, 4390000)])


def vector_fixtures(out: Path, expected: dict, notes: dict, files: list, rule: str) -> None:
    def exp(name, value, note=""):
        expected[name] = value
        if note:
            notes[name] = note

    # ---- two zones, square_split, overlapping (GeoJSON, lon/lat) ----
    write_geojson(out / "two_zones.geojson",
                  [({"zone": "A", "name": "Zone A"}, gj_geom(ZONE_A)),
                   ({"zone": "B", "name": "Zone B"}, gj_geom(ZONE_B))])
    write_geojson(out / "square_split.geojson", [({"id": 1, "name": "square"}, gj_geom(SQUARE))])
    write_geojson(out / "overlapping.geojson",
                  [({"id": i, "name": n}, gj_geom(g)) for i, n, g in PATCHES])
    files += [("two_zones.geojson", "Zones A (108.0-108.5 E) and B (108.5-109.0 E), 39.0-39.5 N, sharing the meridian "
                                    "108.5. RFC 7946 (lon/lat, CCW, no crs member: GDAL reports WGS 84; values are "
                                    "for CGCS2000/GRS80, which differs by < 1e-9 relative). Fields zone, name.",
               "two_zones.A / .B / .total"),
              ("square_split.geojson", "One 0.25 x 0.20 deg polygon (108.40-108.65 x 39.15-39.35) straddling 108.5, "
                                       "with vertices on 108.5 so the split adds no vertex.",
               "square_split.whole = .in_A + .in_B"),
              ("overlapping.geojson", "P1 (108.20-108.40 x 39.10-39.30, in A), P2 (108.30-108.60 x 39.20-39.40, in A "
                                      "and B), P1 and P2 overlap in 108.30-108.40 x 39.20-39.30; OUT "
                                      "(109.20-109.30 x 39.10-39.20) outside both zones. Fields id, name.",
               "overlapping.*")]

    zone_a, zone_b = ll(ZONE_A, rule), ll(ZONE_B, rule)
    a_zone_a, a_zone_b = geod_area(zone_a), geod_area(zone_b)
    exp("two_zones.A", a_zone_a, "zone A 108.0-108.5 x 39.0-39.5 (4 vertices: under the straight rule its east-west "
        "edges follow the parallels, under the geodesic rule they are geodesics)")
    exp("two_zones.B", a_zone_b, "zone B 108.5-109.0 x 39.0-39.5")
    exp("two_zones.total", a_zone_a + a_zone_b,
        "A + B. NOTE: a dissolved A u B that drops the collinear vertices (108.5, 39.0)/(108.5, 39.5) has "
        f"{geod_area(ll(rect(108.0, 39.0, 109.0, 39.5), rule)):.1f} m2 instead (under the geodesic rule: one 1-deg "
        "geodesic per side)")
    exp("two_zones.A_wgs84", geod_area(zone_a, GEOD_WGS84), "zone A on the WGS84 ellipsoid, for comparison only")

    def split(prefix, g):
        g = ll(g, rule)
        ia, ib = g.intersection(zone_a), g.intersection(zone_b)
        whole, pa, pb = geod_area(g), geod_area(ia), geod_area(ib)
        outside = geod_area(g.difference(zone_a.union(zone_b)))
        assert same_area(whole, pa + pb + outside), (prefix, whole, pa + pb, outside)
        exp(prefix + ".whole", whole)
        exp(prefix + ".in_A", pa)
        exp(prefix + ".in_B", pb)
        if outside > 0:
            exp(prefix + ".outside", outside)
        return whole, pa, pb

    w, pa, pb = split("square_split", SQUARE)
    notes["square_split.whole"] = "in_A + in_B == whole to ~1e-6 m2"
    # The pieces as the test should find them:
    assert SQUARE.intersection(ZONE_A).normalize().equals_exact(rect(108.4, 39.15, 108.5, 39.35).normalize(), 0)

    for _, n, g in PATCHES:
        split(f"overlapping.{n}", g)
    assert P1.intersection(P2).normalize().equals_exact(rect(108.3, 39.2, 108.4, 39.3).normalize(), 0)
    p1, p2, outside_patch = ll(P1, rule), ll(P2, rule), ll(OUTSIDE, rule)
    overlap = p1.intersection(p2)
    union = p1.union(p2)
    a_ov, a_un = geod_area(overlap), geod_area(union)
    a1, a2 = geod_area(p1), geod_area(p2)
    assert same_area(a_un, a1 + a2 - a_ov), (a_un, a1 + a2 - a_ov)
    exp("overlapping.overlap", a_ov, "P1 n P2 = 108.30-108.40 x 39.20-39.30, entirely in zone A")
    exp("overlapping.union", a_un, "P1 u P2 = P1 + P2 - overlap (inclusion-exclusion holds exactly here)")
    exp("overlapping.union.in_A", geod_area(union.intersection(zone_a)))
    exp("overlapping.union.in_B", geod_area(union.intersection(zone_b)))
    exp("overlapping.outside", geod_area(outside_patch), "patch OUT, 109.20-109.30 x 39.10-39.20: in no zone")
    exp("overlapping.all_patches.sum", a1 + a2 + geod_area(outside_patch), "P1 + P2 + OUT, overlap counted twice")
    exp("overlapping.zone_A.sum", geod_area(p1.intersection(zone_a)) + geod_area(p2.intersection(zone_a)),
        "treated area in A counting the overlap twice")
    exp("overlapping.zone_A.dissolved", geod_area(union.intersection(zone_a)),
        "treated area in A with the overlap counted once")
    exp("overlapping.zone_B.sum", geod_area(p2.intersection(zone_b)))

    # The square as the planar tests see it: read as a lon/lat layer (edges per rule), projected to EPSG:4545.
    exp("square_split.planar_epsg4545", transform_geom(ll(SQUARE, rule), TO_4545).area,
        "square_split.geojson read as lon/lat (edges per rule) and projected to EPSG:4545, planar area "
        "(geodesic rule: = square_split_gk.planar)")
    # The same square delivered in Web Mercator (EPSG:3857), as StatsAreaTests builds it.
    merc = transform_geom(SQUARE, TO_3857)
    merc_ll = projected(merc, FROM_3857, rule)
    exp("square_split_3857.whole", geod_area(merc_ll),
        "square_split's vertices in EPSG:3857 (from EPSG:4326), edges per rule in EPSG:3857, back to lon/lat")
    exp("square_split_3857.in_A", geod_area(merc_ll.intersection(zone_a)))
    exp("square_split_3857.in_B", geod_area(merc_ll.intersection(zone_b)))

    # ---- GK copies (shapefiles) ----
    sq_fields = [Field(b"id", "N", 4), Field(b"name", "C", 16)]
    for suffix, tr, epsg, back in [("gk", TO_4545, 4545, FROM_4545), ("gk36", TO_4524, 4524, FROM_4524)]:
        for stem, items in [("square_split", [(1, "square", SQUARE)]), ("overlapping", PATCHES)]:
            gks = [transform_geom(g, tr) for _, _, g in items]
            write_shapefile(out / f"{stem}_{suffix}", gks, sq_fields, [(i, n) for i, n, _ in items],
                            prj=esri_prj(epsg), cpg="UTF-8")
            for (i, n, g), gk in zip(items, gks):
                key = f"{stem}_{suffix}" + ("" if stem == "square_split" else f".{n}")
                back_area = geod_area(projected(gk, back, rule))
                if rule == "geodesic":
                    assert same_area(back_area, geod_area(g), rel=1e-9), (key, back_area, geod_area(g))
                exp(key + ".planar", gk.area,
                    f"planar (shoelace) area in EPSG:{epsg}" + (" -- same as _gk" if suffix == "gk36" else ""))
                exp(key + ".geodesic", back_area,
                    "edges per rule in EPSG:" + str(epsg) + ", transformed to EPSG:4490, geodesic area (straight: "
                    "the GK-straight polygon, not the lon/lat one; geodesic: = lon/lat value within 1e-9 relative)")
    # ---- the edge rule in Gauss-Krueger: a 20 km GK square against two GK zones split by a straight GK line ----
    gk_pieces = [("West", GK_WEST), ("East", GK_EAST)]
    write_shapefile(out / "gk_square_20km", [GK_SQUARE], sq_fields, [(1, "square")], prj=esri_prj(4545), cpg="UTF-8")
    write_shapefile(out / "gk_split_zones", [g for _, g in gk_pieces], sq_fields,
                    [(i + 1, n) for i, (n, _) in enumerate(gk_pieces)], prj=esri_prj(4545), cpg="UTF-8")
    square_ll = projected(GK_SQUARE, FROM_4545, rule)
    whole = geod_area(square_ll)
    exp("gk_square_20km.whole", whole,
        "20 km GK square (EPSG:4545, 600-620 km E, 4360-4380 km N), edges per rule in EPSG:4545, to EPSG:4490, "
        "geodesic area (straight: segmentized every 1 m in GK first)")
    parts = 0.0
    for name, zone in gk_pieces:
        piece = geod_area(square_ll.intersection(projected(zone, FROM_4545, rule)))
        parts += piece
        exp(f"gk_square_20km.{name}", piece, f"the part in zone {name} of gk_split_zones (both layers edges per rule)")
    # Straight edges: the pieces add up. Geodesic edges: the overlay puts the crossing points on lon/lat chords,
    # which are not the geodesic edges, so they do not (the reason for the straight rule).
    if rule == "straight":
        assert same_area(parts, whole, rel=1e-12), (parts, whole)
    else:
        assert not same_area(parts, whole, rel=1e-8), (parts, whole)
    exp("gk_square_20km.planar", GK_SQUARE.area, "planar area in EPSG:4545 (4e8)")
    files += [("gk_square_20km.shp (+.shx .dbf .prj .cpg)", "a 20 km square in EPSG:4545 (600-620 km E, 4360-4380 km N, "
               "4 vertices)", "gk_square_20km.whole"),
              ("gk_split_zones.shp (+.shx .dbf .prj .cpg)", "two zones West / East in EPSG:4545 covering 590-630 km E x "
               "4350-4390 km N, split by the straight GK line (605000, 4350000)-(615000, 4390000), which crosses the "
               "square", "gk_square_20km.West / .East (sum = .whole)")]
    write_shapefile(out / "square_split_gk36_noprj", [transform_geom(SQUARE, TO_4524)], sq_fields,
                    [(1, "square")], prj=None, cpg="UTF-8")
    files += [("square_split_gk.shp (+.shx .dbf .prj .cpg)", "square_split reprojected to EPSG:4545 (GK CM 108E, "
               "no zone prefix, easting ~5.4e5). .prj = ESRI WKT 'CGCS2000_3_Degree_GK_CM_108E'.",
               "square_split_gk.planar / .geodesic"),
              ("overlapping_gk.shp (+...)", "overlapping patches in EPSG:4545.", "overlapping_gk.{P1,P2,OUT}.*"),
              ("square_split_gk36.shp (+...)", "square_split in EPSG:4524 (GK zone 36 WITH prefix: easting "
               "36 5xx xxx). .prj = 'CGCS2000_3_Degree_GK_Zone_36'.", "square_split_gk36.planar / .geodesic"),
              ("overlapping_gk36.shp (+...)", "overlapping patches in EPSG:4524.", "overlapping_gk36.{P1,P2,OUT}.*"),
              ("square_split_gk36_noprj.shp (+.shx .dbf .cpg)", "square_split_gk36 WITHOUT .prj: missing-CRS error "
               "test (or --crs EPSG:4524 / a prefix heuristic -> square_split_gk36.*).", "error: no CRS")]

    # ---- GBK shapefiles ----
    names = [("A", "杭锦旗", "150625", "Hanggin"), ("B", "达拉特旗", "150621", "Dalad")]
    gbk_fields = [Field(b"ZONE", "C", 1), Field(b"NAME", "C", 20), Field("名称".encode("gbk"), "C", 20),
                  Field(b"ADCODE", "C", 6), Field(b"PINYIN", "C", 10)]
    gbk_recs = [(z, n, n, c, p) for z, n, c, p in names]
    zones = [ZONE_A, ZONE_B]
    write_shapefile(out / "zones_gbk", zones, gbk_fields, gbk_recs, prj=esri_prj(4490), cpg="GBK",
                    ldid=0, encoding="gbk")
    write_shapefile(out / "zones_gbk_nocpg", zones, gbk_fields, gbk_recs, prj=esri_prj(4490), cpg=None,
                    ldid=0, encoding="gbk")
    write_shapefile(out / "zones_gbk_ldid", zones, gbk_fields, gbk_recs, prj=esri_prj(4490), cpg=None,
                    ldid=0x4D, encoding="gbk")
    for stem in ("zones_gbk", "zones_gbk_nocpg", "zones_gbk_ldid"):
        raw = (out / f"{stem}.dbf").read_bytes()
        for _, n, _, _ in names:
            assert n.encode("gbk") in raw and n.encode("utf-8") not in raw, stem
        assert "名称".encode("gbk") in raw
    files += [("zones_gbk.shp (+.shx .dbf .prj .cpg)", "two_zones in EPSG:4490 with GBK attributes: ZONE (A/B), NAME and "
               "名称 (field name itself GBK bytes C3FB B3C6) = 杭锦旗 (A, GBK BABC BDF5 C6EC) / 达拉特旗 (B, GBK B4EF "
               "C0AD CCD8 C6EC), ADCODE 150625/150621, PINYIN. .cpg = 'GBK', DBF language-driver byte 0.",
               "names decode to 杭锦旗/达拉特旗 with no option; areas = two_zones.*"),
              ("zones_gbk_nocpg.shp (+.shx .dbf .prj)", "same bytes, no .cpg, LDID 0: nothing says GBK. GDAL 3.6 "
               "then does no recoding at all: NAME comes back as the raw GBK bytes (BA BC BD F5 C6 EC), which "
               "are not valid UTF-8; the field name 名称 likewise.", "without an option: not the Chinese names "
               "(invalid UTF-8 / replacement characters). With --encoding GBK (GDAL open option ENCODING=GBK): "
               "杭锦旗/达拉特旗; areas = two_zones.*"),
              ("zones_gbk_ldid.shp (+.shx .dbf .prj)", "same bytes, no .cpg, DBF language-driver byte 0x4D (code page "
               "936), as ArcGIS writes for Chinese locales.", "GDAL decodes CP936 by itself: 杭锦旗/达拉特旗")]


def bad_fixtures(bad: Path, expected: dict, notes: dict, files: list, rule: str) -> None:
    def exp(name, value, note=""):
        expected[name] = value
        if note:
            notes[name] = note

    fields = [Field(b"id", "N", 4), Field(b"name", "C", 16)]

    # truncated.shp: 3 records, .shp cut in the middle of record 2 (header still claims full length).
    write_shapefile(bad / "truncated", [g for _, _, g in PATCHES], fields, [(i, n) for i, n, _ in PATCHES],
                    prj=esri_prj(4490), cpg="UTF-8")
    shp = (bad / "truncated.shp").read_bytes()
    shx = (bad / "truncated.shx").read_bytes()
    off2 = struct.unpack(">i", shx[108:112])[0] * 2
    len2 = struct.unpack(">i", shx[112:116])[0] * 2 + 8
    cut = off2 + len2 // 2
    (bad / "truncated.shp").write_bytes(shp[:cut])
    files.append(("bad/truncated.shp (+.shx .dbf .prj .cpg)", f"overlapping patches (3 records); .shp cut at byte {cut} "
                  f"of {len(shp)}, in the middle of record 2; .shx/.dbf intact, .shp header still claims full length.",
                  "error. GDAL 3.6 opens it, reads record 1 (P1) and returns records 2 and 3 with their attributes "
               "but a NULL geometry, emitting 'ERROR 1: Error in fread() reading object of size ... from .shp "
               "file' (CPLE_FileIO) for each: the tool must turn that into an error, never a silent 1-feature "
               "success"))
    exp("bad.truncated.record1", geod_area(ll(P1, rule)), "the only record that can be read whole (P1)")

    (bad / "not_json.geojson").write_text("this is not JSON {\"type\": \"FeatureCollection\", features: [ ]]\x01\n")
    files.append(("bad/not_json.geojson", "garbage text with a .geojson suffix", "open error"))
    (bad / "empty.geojson").write_text('{"type": "FeatureCollection", "features": []}\n')
    files.append(("bad/empty.geojson", "valid FeatureCollection with no features", "0 features, area 0, no error "
                  "(or a clear 'empty layer' message)"))

    poly = rect(108.10, 39.40, 108.15, 39.45)
    polyz = Polygon([(x, y, 1300.0) for x, y in rect(108.60, 39.40, 108.65, 39.45).exterior.coords])
    bow = Polygon([(108.70, 39.40), (108.80, 39.45), (108.80, 39.40), (108.70, 39.45)])
    bow_valid = shapely.make_valid(bow)
    assert bow_valid.geom_type == "MultiPolygon" and len(bow_valid.geoms) == 2
    feats = [
        ({"id": 1, "kind": "polygon"}, gj_geom(poly)),
        ({"id": 2, "kind": "point"}, gj_geom(Point(108.2, 39.4))),
        ({"id": 3, "kind": "linestring"}, gj_geom(LineString([(108.2, 39.3), (108.3, 39.35)]))),
        ({"id": 4, "kind": "null"}, None),
        ({"id": 5, "kind": "empty polygon"}, {"type": "Polygon", "coordinates": []}),
        ({"id": 6, "kind": "polygon z"}, gj_geom(polyz)),
        ({"id": 7, "kind": "bowtie"}, gj_geom(bow)),
    ]
    write_geojson(bad / "mixed.geojson", feats)
    a_poly, a_z, a_bow = geod_area(ll(poly, rule)), geod_area(ll(polyz, rule)), geod_area(ll(bow_valid, rule))
    exp("mixed.polygon", a_poly, "feature 1, 108.10-108.15 x 39.40-39.45")
    exp("mixed.polygon_z", a_z, "feature 6, Z = 1300 ignored: 2D geodesic area (108.60-108.65 x 39.40-39.45)")
    exp("mixed.bowtie.make_valid", a_bow, "feature 7 after GEOS make-valid: two triangles meeting at (108.75, 39.425)")
    exp("mixed.polygonal_total", a_poly + a_z + a_bow,
        "features 1 + 6 + 7 (made valid); point, linestring, null and empty contribute 0 / are skipped")
    files.append(("bad/mixed.geojson", "7 features: 1 polygon, 2 point, 3 linestring, 4 null geometry, 5 empty polygon, "
                  "6 polygon with Z, 7 self-intersecting bow-tie.",
                  "non-polygons skipped or reported; mixed.polygonal_total if the bow-tie is made valid"))

    bow1 = Polygon([(108.10, 39.10), (108.20, 39.20), (108.20, 39.10), (108.10, 39.20)])
    bow2 = Polygon([(108.30, 39.10), (108.40, 39.25), (108.40, 39.10), (108.30, 39.15)])
    write_geojson(bad / "bowtie.geojson", [({"id": 1, "name": "symmetric"}, gj_geom(bow1)),
                                           ({"id": 2, "name": "asymmetric"}, gj_geom(bow2))])
    for key, b in [("bowtie.symmetric", bow1), ("bowtie.asymmetric", bow2)]:
        mv = shapely.make_valid(b)
        assert mv.geom_type == "MultiPolygon" and len(mv.geoms) == 2
        exp(key + ".make_valid", geod_area(ll(mv, rule)),
            "two triangles (GEOS make_valid, crossing point computed in lon/lat)")
        exp(key + ".buffer0", geod_area(ll(b.buffer(0), rule)), "WRONG answer a buffer(0) repair gives (one lobe lost)")
    files.append(("bad/bowtie.geojson", "two self-intersecting bow-ties: symmetric (crossing at (108.15, 39.15)) and "
                  "asymmetric.", "invalid geometry reported; after make-valid bowtie.*.make_valid, not .buffer0"))

    write_shapefile(bad / "nocrs", [SQUARE], fields, [(1, "square")], prj=None, cpg="UTF-8")
    files.append(("bad/nocrs.shp (+.shx .dbf .cpg)", "square_split in lon/lat degrees, no .prj",
                  "missing-CRS error; with --crs EPSG:4490 the square_split.* areas"))
    write_shapefile(bad / "gk_noprj", [transform_geom(g, TO_4524) for _, _, g in PATCHES], fields,
                    [(i, n) for i, n, _ in PATCHES], prj=None, cpg="UTF-8")
    files.append(("bad/gk_noprj.shp (+.shx .dbf .cpg)", "overlapping patches in EPSG:4524 coordinates (easting with "
                  "zone prefix 36), no .prj", "missing-CRS error; the prefix 36 identifies EPSG:4524 -> overlapping_gk36.*"))
    write_shapefile(bad / "gk_noprefix_noprj", [transform_geom(g, TO_4545) for _, _, g in PATCHES], fields,
                    [(i, n) for i, n, _ in PATCHES], prj=None, cpg="UTF-8")
    files.append(("bad/gk_noprefix_noprj.shp (+.shx .dbf .cpg)", "overlapping patches in EPSG:4545 coordinates (no "
                  "prefix, easting ~5e5), no .prj", "missing-CRS error; the zone cannot be guessed; with --crs "
                  "EPSG:4545 -> overlapping_gk.*"))


# --------------------------------------------------------------------------- GDAL-written fixtures

def ogr2ogr(*args, cwd=None) -> None:
    exe = shutil.which("ogr2ogr")
    if exe is None:
        sys.exit("ogr2ogr not found: apt-get install gdal-bin")
    env = dict(os.environ, OGR_CURRENT_DATE=OGR_DATE, OPENFILEGDB_REPRODUCIBLE_UUID="YES",
               CPL_LOG="/dev/null")
    subprocess.run([exe, *args], check=True, cwd=cwd, env=env, stdout=subprocess.DEVNULL)


def gdal_fixtures(out: Path, bad: Path, expected: dict, notes: dict, files: list, unsupported: list,
                  rule: str) -> None:
    src = str(out / "two_zones.geojson")

    # KML
    try:
        (bad / "zones.kml").unlink(missing_ok=True)
        ogr2ogr("-f", "KML", str(bad / "zones.kml"), src, "-nln", "zones", "-dsco", "NameField=name")
        files.append(("bad/zones.kml", "two_zones as KML (ogr2ogr -f KML, NameField=name; KML is always WGS 84 "
                      "lon/lat). GDAL 3.6 opens it with the LIBKML driver: layer 'zones', fields Name ('Zone A'), "
                      "zone, plus tessellate/extrude/visibility.", "2 polygons, areas = two_zones.A / .B"))
    except subprocess.CalledProcessError as e:
        unsupported.append(f"KML: {e}")

    # DXF: closed LWPOLYLINEs, not HATCH
    try:
        (bad / "zones.dxf").unlink(missing_ok=True)
        ogr2ogr("-f", "DXF", str(bad / "zones.dxf"), src, "--config", "DXF_WRITE_HATCH", "NO")
        text = (bad / "zones.dxf").read_text(errors="replace")
        assert text.count("LWPOLYLINE") >= 2, "no LWPOLYLINE in DXF"
        files.append(("bad/zones.dxf", "two_zones as DXF (ogr2ogr -f DXF --config DXF_WRITE_HATCH NO): two closed "
                      "LWPOLYLINEs (group 70 = 1) in lon/lat degrees; DXF has no CRS and no attributes. GDAL "
                      "reads one layer 'entities' with fields Layer ('0'), SubClasses, EntityHandle, ...",
                      "GDAL reads them as closed LINESTRINGs (not polygons); polygonized with --crs EPSG:4490: "
                      "two_zones.A / .B"))
    except (subprocess.CalledProcessError, AssertionError) as e:
        unsupported.append(f"DXF: {e}")

    # Curves in a GeoPackage (EPSG:4545)
    r = 1000.0
    with tempfile.TemporaryDirectory() as td:
        csv = Path(td) / "curves.csv"
        csv.write_text(
            'id,name,WKT\n'
            '1,circle,"CURVEPOLYGON (CIRCULARSTRING (549000 4390000,551000 4390000,549000 4390000))"\n'
            '2,dshape,"CURVEPOLYGON (COMPOUNDCURVE (CIRCULARSTRING (554000 4390000,553000 4391000,552000 4390000),'
            '(552000 4390000,554000 4390000)))"\n')
        (Path(td) / "curves.csvt").write_text("Integer,String,String\n")
        try:
            (bad / "curve.gpkg").unlink(missing_ok=True)
            ogr2ogr("-f", "GPKG", str(bad / "curve.gpkg"), str(csv), "-oo", "GEOM_POSSIBLE_NAMES=WKT",
                    "-oo", "KEEP_GEOM_COLUMNS=NO", "-a_srs", "EPSG:4545", "-nlt", "CURVEPOLYGON",
                    "-nln", "curves", "-lco", "SPATIAL_INDEX=NO")
            # What GDAL's default linearisation (OGR_G_GetLinearGeometry(g, 0, NULL)) makes of it:
            lin = Path(td) / "lin.geojson"
            ogr2ogr("-f", "GeoJSON", str(lin), str(bad / "curve.gpkg"), "-nlt", "POLYGON",
                    "-lco", "COORDINATE_PRECISION=15")
            for feat in json.loads(lin.read_text())["features"]:
                name = feat["properties"]["name"]
                g = shapely.geometry.shape(feat["geometry"])
                exact = math.pi * r * r if name == "circle" else math.pi * r * r / 2
                exp_key = f"curve.{name}"
                expected[exp_key + ".planar_exact"] = exact
                expected[exp_key + ".planar_linearized"] = g.area
                expected[exp_key + ".geodesic_linearized"] = geod_area(projected(g, FROM_4545, rule))
                expected[exp_key + ".vertices_linearized"] = float(len(g.exterior.coords))
                notes[exp_key + ".planar_exact"] = ("pi r^2" if name == "circle" else "pi r^2 / 2") + \
                    ", r = 1000 m, in EPSG:4545"
                notes[exp_key + ".planar_linearized"] = "after GDAL 3.6 default linearisation (4-degree arc steps)"
                notes[exp_key + ".geodesic_linearized"] = ("linearised ring, edges per rule in EPSG:4545, to EPSG:4490, "
                                                           "geodesic area")
            files.append(("bad/curve.gpkg", "GeoPackage layer 'curves' (EPSG:4545, geometry type CURVEPOLYGON): "
                          "1 circle = CURVEPOLYGON(CIRCULARSTRING) r = 1000 m centred (550000, 4390000); 2 'D' shape = "
                          "CURVEPOLYGON(COMPOUNDCURVE(arc, line)), half disc r = 1000 m.",
                          "curves linearised (or rejected clearly); curve.*"))
        except subprocess.CalledProcessError as e:
            unsupported.append(f"GPKG curves: {e}")

    # File geodatabase
    gdb = bad / "zones.gdb"
    if gdb.exists():
        shutil.rmtree(gdb)
    try:
        ogr2ogr("-f", "OpenFileGDB", str(gdb), src, "-nln", "zones", "-a_srs", "EPSG:4490")
        files.append(("bad/zones.gdb/", "two_zones as an ESRI File Geodatabase (ogr2ogr -f OpenFileGDB, GDAL 3.6; "
                      "layer 'zones', EPSG:4490, fields zone, name; OPENFILEGDB_REPRODUCIBLE_UUID=YES)",
                      "2 polygons (MULTIPOLYGON), areas = two_zones.A / .B"))
    except subprocess.CalledProcessError as e:
        unsupported.append(f"OpenFileGDB: {e}")
        if gdb.exists():
            shutil.rmtree(gdb)


# --------------------------------------------------------------------------- read-back check

def verify(out: Path, expected: dict) -> None:
    """Read every fixture back with pyogrio (its own GDAL build) and check the recorded values."""
    from pyogrio.raw import read

    def load(path, **kw):
        meta, _, wkb, fields = read(str(path), **kw)
        return meta, list(shapely.from_wkb(wkb)), fields

    def close(a, b, rel=1e-9):
        assert math.isclose(a, b, rel_tol=rel, abs_tol=1e-4), (a, b)

    bad = out / "bad"
    for path in (out / "two_zones.geojson", bad / "zones.kml", bad / "zones.gdb"):
        if path.exists():
            meta, gs, _ = load(path)
            assert len(gs) == 2, path
            close(geod_area(gs[0]), expected["two_zones.A"])
            close(geod_area(gs[1]), expected["two_zones.B"])
    _, gs, _ = load(out / "square_split.geojson")
    close(geod_area(gs[0]), expected["square_split.whole"])
    _, gs, _ = load(out / "overlapping.geojson")
    for g, n in zip(gs, ("P1", "P2", "OUT")):
        close(geod_area(g), expected[f"overlapping.{n}.whole"])
    for stem, epsg, back in [("gk", 4545, FROM_4545), ("gk36", 4524, FROM_4524)]:
        meta, gs, _ = load(out / f"square_split_{stem}.shp")
        assert meta["crs"] == f"EPSG:{epsg}", meta["crs"]
        close(gs[0].area, expected[f"square_split_{stem}.planar"], 1e-12)
        close(geod_area(transform_geom(gs[0], back)), expected["square_split.whole"])
        meta, gs, _ = load(out / f"overlapping_{stem}.shp")
        assert meta["crs"] == f"EPSG:{epsg}", meta["crs"]
    meta, _, _ = load(out / "square_split_gk36_noprj.shp")
    assert meta["crs"] is None
    want = ["杭锦旗", "达拉特旗"]
    for stem, kw in [("zones_gbk", {}), ("zones_gbk_ldid", {}), ("zones_gbk_nocpg", {"encoding": "GBK"})]:
        meta, gs, fields = load(out / f"{stem}.shp", **kw)
        names = list(meta["fields"])
        assert "名称" in names, (stem, names)
        assert list(fields[names.index("NAME")]) == want, (stem, fields)
        assert list(fields[names.index("名称")]) == want, (stem, fields)
        close(geod_area(gs[0]), expected["two_zones.A"])
    meta, _, fields = load(out / "zones_gbk_nocpg.shp")
    assert list(fields[list(meta["fields"]).index("NAME")]) != want, "nocpg decoded without being told"
    if (bad / "zones.dxf").exists():
        _, gs, _ = load(bad / "zones.dxf")
        assert all(g.geom_type == "LineString" and g.is_closed for g in gs), [g.geom_type for g in gs]
        got = sorted(geod_area(Polygon(g.coords)) for g in gs)
        for a, b in zip(got, sorted([expected["two_zones.A"], expected["two_zones.B"]])):
            close(a, b, 1e-7)   # DXF stores coordinates as %.15g-ish text
    meta, gs, _ = load(bad / "mixed.geojson")
    assert len(gs) == 7
    _, gs, _ = load(bad / "bowtie.geojson")
    close(geod_area(shapely.make_valid(gs[0])), expected["bowtie.symmetric.make_valid"])
    meta, gs, _ = load(bad / "empty.geojson")
    assert len(gs) == 0


# --------------------------------------------------------------------------- README

def fmt_area(v: float) -> str:
    return f"{v:,.6f}".replace(",", " ")


def write_readme(out: Path, geo_cases, planar_cases, expected, notes, files, unsupported) -> None:
    ogr_version = subprocess.run(["ogr2ogr", "--version"], capture_output=True, text=True).stdout.strip()
    L = []
    L.append("# Test fixtures\n")
    L.append("Generated by `python3 Scripts/make_test_fixtures.py` (deterministic: the same pinned packages in "
             "`Scripts/requirements.txt` and the same GDAL give byte-identical files; `--check` verifies). "
             "Do not edit by hand: change the script and rerun.\n")
    L.append(f"Made with pyproj {pyproj.__version__} (PROJ {pyproj.proj_version_str}, GeographicLib geodesics), "
             f"shapely {shapely.__version__} (GEOS {shapely.geos_version_string}), system {ogr_version}.\n")
    L.append("All geodesic areas are on the **GRS80** ellipsoid (= CGCS2000's to 1e-9 relative), m², computed "
             "with `pyproj.Geod(ellps=\"GRS80\")`, absolute value per ring, holes subtracted, parts summed.\n")
    L.append("**Edge rule.** Two values are kept for every vector fixture. `areas_m2` in expected_areas.json follows "
             "Shelterbelt's default, `EdgeRule.straight`: an edge is straight in the CRS the layer is stored in. "
             "After make-valid, if any edge of the feature (Euclidean, in the layer's own coordinates) is longer "
             f"than the step ({STEP_GEOGRAPHIC} deg for a geographic CRS, {STEP_PROJECTED:g} m for a projected one), "
             "`shapely.segmentize(geom, step)` (= GEOSDensify) is applied in the layer's own CRS, before "
             "reprojecting to EPSG:4490; overlays are then done in lon/lat and measured geodesically. "
             "`areas_m2_geodesic_edges` holds the same keys with edges taken as geodesics between the stored "
             "vertices (`EdgeRule.geodesic`, no densification: what PROJ `geod_polygonarea` computes on the raw "
             "vertices). geodesic_reference.json `area_m2` and planar_reference.json `geodesic_area_m2` are "
             "geodesic-edge values (GeoKit references); their straight-rule values are beside them. Closed forms "
             "(graticule cells, pi r^2, shoelace areas) follow neither rule and are kept as they are. "
             "Suggested tolerance: 1e-9 relative for geodesic areas of stored "
             "coordinates, 1e-6 relative where a reprojection is involved (PROJ 9.1 vs 9.5 noise).\n")
    L.append("Tests find this directory from their own source path (it is not a SwiftPM resource), e.g. "
             "`URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()"
             ".appendingPathComponent(\"Fixtures\")` from `Tests/<Target>/X.swift`.\n")
    L.append("**Axis order.** EPSG:4545 and EPSG:4524 are defined by EPSG with northing (X) FIRST, EPSG:4490 "
             "with latitude first. Every fixture and every WKT here stores x = easting / longitude, y = northing / "
             "latitude (the GIS convention shapefiles use), so PROJ/OGR transformations must use "
             "OAMS_TRADITIONAL_GIS_ORDER (or `proj_normalize_for_visualization`). Checked when the fixtures were "
             "made: the system PROJ 9.1.1 (`geod_polygonarea`, `cs2cs`) reproduces the areas and transformed "
             "coordinates here bit for bit.\n")
    L.append("## Design rule that makes the split values exact\n")
    L.append("Every fixture polygon that crosses the zone boundary (meridian 108.5 E, a geodesic) already has "
             "vertices ON 108.5, and every point where two patch edges cross is a vertex of both patches. So a "
             "planar overlay in lon/lat (GEOS) inserts no new vertex on a non-meridian edge, and the geodesic "
             "areas add up exactly: `whole = in_A + in_B`, `union = P1 + P2 - overlap`. (A vertex inserted on an "
             "east-west edge would not lie on the geodesic edge: a 1-degree geodesic at 39 N bulges ~120 m north "
             "of the parallel.) Tools that drop collinear vertices while dissolving change the geodesic area "
             "slightly; see the note on `two_zones.total`.\n")

    L.append("## Files\n")
    L.append("| file | what it is / how made | what a test should expect |")
    L.append("| --- | --- | --- |")
    L.append("| geodesic_reference.json | independent GeographicLib areas for WKT cases (cells at (108,39), (110,40), "
             "(0,0), (0,60), (0,-45), densified cell, 1 km square, hole, multipolygon, clockwise ring, thin "
             "triangle, 1000-vertex circle) | `area_m2` per case, see table below |")
    L.append("| planar_reference.json | EPSG:4545 polygons with exact shoelace areas, the same in EPSG:4524 (prefix "
             "36) and transformed to EPSG:4490 | `planar_area_m2` (GK), `geodesic_area_m2` (lon/lat) |")
    L.append("| expected_areas.json | `areas_m2` (straight edges, the default) and `areas_m2_geodesic_edges`: name -> "
             "m² for the vector fixtures (and `notes`) | table below |")
    for f, what, expect in files:
        L.append(f"| {f} | {what} | {expect} |")
    L.append("")
    if unsupported:
        L.append("GDAL could not write: " + "; ".join(unsupported) + "\n")

    L.append("## geodesic_reference.json\n")
    L.append("| id | area m² (geodesic edges) | straight edges m² | note |")
    L.append("| --- | ---: | ---: | --- |")
    for c in geo_cases:
        L.append(f"| {c['id']} | {fmt_area(c['area_m2'])} | {fmt_area(c['area_straight_edges_m2'])} | {c['note']} |")
    L.append("")
    L.append("## planar_reference.json\n")
    L.append("| id | planar m² (EPSG:4545 / 4524) | geodesic m², geodesic edges (vertices in EPSG:4490) | geodesic m², "
             "straight GK edges | note |")
    L.append("| --- | ---: | ---: | ---: | --- |")
    for c in planar_cases:
        L.append(f"| {c['id']} | {fmt_area(c['planar_area_m2'])} | {fmt_area(c['geodesic_area_m2'])} | "
                 f"{fmt_area(c['geodesic_area_straight_m2'])} | {c['note']} |")
    L.append("")
    L.append("## expected_areas.json\n")
    L.append("`areas_m2` (straight edges, the default) and `areas_m2_geodesic_edges`; relative difference = "
             "straight / geodesic - 1.\n")
    L.append("| name | m², straight edges | m², geodesic edges | rel. difference | note |")
    L.append("| --- | ---: | ---: | ---: | --- |")
    for k, v in expected["straight"].items():
        g = expected["geodesic"][k]
        if k.endswith(".vertices_linearized"):
            shown, shown_g = f"{int(v)}", f"{int(g)}"
        else:
            shown, shown_g = fmt_area(v), fmt_area(g)
        rel = f"{v / g - 1:.2e}" if g else ""
        L.append(f"| {k} | {shown} | {shown_g} | {rel} | {notes.get(k, '')} |")
    L.append("")
    (out / "README.md").write_text("\n".join(L), encoding="utf-8")


# --------------------------------------------------------------------------- main

def generate(out: Path) -> list[str]:
    out.mkdir(parents=True, exist_ok=True)
    bad = out / "bad"
    bad.mkdir(exist_ok=True)
    geo = geodesic_reference(out)
    planar = planar_reference(out)
    expected: dict[str, dict[str, float]] = {}
    for rule in ("geodesic", "straight"):     # the files are the same both times; notes and files from the last
        expected[rule] = {}
        notes: dict[str, str] = {}
        files: list[tuple[str, str, str]] = []
        unsupported: list[str] = []
        vector_fixtures(out, expected[rule], notes, files, rule)
        bad_fixtures(bad, expected[rule], notes, files, rule)
        gdal_fixtures(out, bad, expected[rule], notes, files, unsupported, rule)
    assert list(expected["straight"]) == list(expected["geodesic"])
    doc = {
        "about": "Expected areas (m², GRS80 geodesic unless the name says planar) for the vector fixtures in this "
                 "directory; see README.md. Generated by Scripts/make_test_fixtures.py. areas_m2: edges STRAIGHT in "
                 "the CRS each layer is stored in (Shelterbelt's default, EdgeRule.straight: after make-valid, "
                 "shapely.segmentize in the layer's own CRS with step 0.00001 deg (geographic) / 1 m (projected) "
                 "when an edge is longer, then reprojected). areas_m2_geodesic_edges: the same keys with edges taken "
                 "as geodesics between the stored vertices (EdgeRule.geodesic).",
        "areas_m2": expected["straight"],
        "areas_m2_geodesic_edges": expected["geodesic"],
        "notes": notes,
    }
    (out / "expected_areas.json").write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    write_readme(out, geo, planar, expected, notes, files, unsupported)
    verify(out, expected["geodesic"])
    return unsupported


def tree_files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--check", action="store_true",
                    help="regenerate into a temporary directory and compare with --out byte for byte")
    args = ap.parse_args()
    if args.check:
        with tempfile.TemporaryDirectory() as td:
            generate(Path(td))
            a, b = tree_files(Path(td)), tree_files(args.out)
            diff = [f for f in a if f not in b or not filecmp.cmp(Path(td) / f, args.out / f, shallow=False)]
            diff += [f for f in b if f not in a]
            if diff:
                print("fixtures differ from a fresh run:", *diff, sep="\n  ")
                return 1
            print(f"{len(a)} fixture files identical to a fresh run")
            return 0
    unsupported = generate(args.out)
    total = sum((args.out / f).stat().st_size for f in tree_files(args.out))
    print(f"wrote {len(tree_files(args.out))} files, {total / 1024:.1f} KiB, into {args.out}")
    for u in unsupported:
        print("GDAL could not write:", u)
    return 0


if __name__ == "__main__":
    sys.exit(main())
