#!/usr/bin/env python3
"""Fixtures and independent reference values for the `shelterbelt screen` tests.

Writes into Tests/Fixtures/screening/ (or --out DIR):

  layers.toml, screening-rules.toml   a tiny layer manifest and rules file in the bundled format
  redlines.geojson                    two red-line squares: RL-KBQ (Kubuqi pilot, pilot_new_energy=true)
                                      and RL-HJ (no pilot)
  reserves.geojson                    a reserve: core zone (zone=核心区) and a buffer zone around it (zone=缓冲区,
                                      a polygon whose hole is the core)
  corridors.geojson                   a river corridor polygon (rule: restricted within 100 m)
  wells.geojson                       a water-source well (point) and a pipeline (line); rule: advisory within 300 m,
                                      named by path = "wells.geojson" instead of a layer id
  sites.geojson                       candidate sites (fields id, project_type), see SITES below
  sites_gk36.geojson                  the PARTIAL site again, in EPSG:4524 (GK zone 36 with prefix; GDAL reads
                                      the old-style "crs" member)
  sites_points.geojson                a point site 0.005° east of RL-KBQ's east edge (≈ 424 m)
  ring-rules.toml, sites_ring.geojson the red-line rule again with a 500 m advisory ring around the same file
                                      (path = "./redlines.geojson"), and sites inside, touching, 200 m outside
                                      and 1 km outside RL-HJ, and a PV site inside the RL-KBQ pilot: see RING_SITES
  boundary/*.txt                      well-formed 界址点坐标 files (UTF-8 with zone prefix; GBK, CRLF, no prefix)
  boundary/bad/*.txt                  one broken file per kind of error the parser must name
  expected.json                       reference values (m², m) from pyproj.Geod(ellps="GRS80") and shapely
  README.md                           this text and the list of sites

Every value is made under both of Shelterbelt's edge rules. expected.json "values" follow the default,
EdgeRule.straight: an edge is straight in the CRS the layer is stored in, so after make-valid, if any
edge (Euclidean, in the layer's own coordinates) is longer than the step -- 0.00001 deg for lon/lat,
1 m for a projected CRS (the GK sites and 界址点 parcels), fine enough that the reference follows straight
edges to 1e-12 -- shapely.segmentize(geometry, step) is applied in that CRS before reprojecting to EPSG:4490. "values_geodesic_edges" hold the same keys with
edges taken as geodesics between the stored vertices (EdgeRule.geodesic). Widths and the meridian arc
are point-to-point distances, the same under both.

Overlaps are shapely intersections in lon/lat (as GEOS computes them) measured geodesically with
pyproj (GeographicLib), so the Swift values should agree to ~1e-9 relative. Distances are between
polygon edges as read under the rule, each segment a geodesic between its vertices: the minimum over
the segment pairs nearest in lon/lat, each by nested golden-section search with Geod.fwd/Geod.inv.
(With geodesic edges the corridor's 1.7 km east-west edge at 40.4 N bulges 48 mm north of its
parallel; with straight edges it follows the parallel.)

Usage: python3 Scripts/make_screening_fixtures.py [--out Tests/Fixtures/screening]
"""
from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

import numpy as np
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import LineString, Point, Polygon, box, mapping
from shapely.geometry.polygon import orient

GEOD = Geod(ellps="GRS80")
REPO = Path(__file__).resolve().parent.parent
TO_4524 = Transformer.from_crs(4490, 4524, always_xy=True)
FROM_4524 = Transformer.from_crs(4524, 4490, always_xy=True)
TO_4545 = Transformer.from_crs(4490, 4545, always_xy=True)
FROM_4545 = Transformer.from_crs(4545, 4490, always_xy=True)


def area(geometry) -> float:
    """Geodesic area; pyproj sums signed ring areas, so holes must wind against their shell."""
    return abs(GEOD.geometry_area_perimeter(orient(geometry, 1.0))[0])


# Edge rules, as in Scripts/make_test_fixtures.py (Shelterbelt's EdgeRule). "straight", the default: after
# make-valid, if any edge (Euclidean, in the layer's own coordinates) is longer than the step (0.00001 deg for a
# geographic CRS, 1 m for a projected one: straight to 1e-12), shapely.segmentize(geometry, step) in the layer's
# own CRS, before reprojecting to EPSG:4490. "geodesic": edges are geodesics between the stored vertices.
from make_test_fixtures import RULES, edges  # one definition of the edge rules for every fixture script


def ll(g, rule: str):
    """A lon/lat layer's geometry as Shelterbelt reads it under `rule`."""
    return edges(g, rule, True)


def projected(g, back: Transformer, rule: str):
    """A projected layer's geometry as read under `rule`: edges applied in its CRS, then to lon/lat."""
    g = edges(g, rule, False)
    return shapely.transform(g, lambda xy: np.column_stack(back.transform(xy[:, 0], xy[:, 1])))


def feature_collection(features, crs: str | None = None) -> str:
    document = {"type": "FeatureCollection"}
    if crs:
        document["crs"] = {"type": "name", "properties": {"name": crs}}
    document["features"] = [
        {"type": "Feature", "properties": props, "geometry": mapping(geom)} for geom, props in features
    ]
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


# Constraints
RL_KBQ = box(108.60, 40.40, 108.62, 40.42)
RL_HJ = box(108.70, 40.40, 108.72, 40.42)
CORE = box(108.80, 40.40, 108.81, 40.41)
BUFFER_ZONE = Polygon(box(108.795, 40.395, 108.815, 40.415).exterior.coords, [CORE.exterior.coords])
CORRIDOR = box(108.90, 40.40, 108.92, 40.41)
WELL = Point(108.95, 40.45)
PIPELINE_COORDS = [(109.05, 40.40), (109.05, 40.46)]

# Sites: id -> (geometry, project_type)
SITES = {
    "PV-PILOT": (box(108.605, 40.405, 108.610, 40.410), "光伏"),
    "MINE-PILOT": (box(108.605, 40.405, 108.610, 40.410), "矿山"),
    "PV-HJ": (box(108.705, 40.405, 108.710, 40.410), "PV"),
    "PARTIAL": (box(108.715, 40.405, 108.725, 40.410), "道路"),
    "TOUCH": (box(108.72, 40.405, 108.73, 40.41), "道路"),
    "SLIVER": (box(108.719999, 40.405, 108.73, 40.41), "道路"),
    "STRIP3M": (box(108.71997, 40.405, 108.73, 40.41), "道路"),
    "NARROW-IN": (box(108.611, 40.405, 108.611005, 40.410), "管线"),
    "NEAR-CORRIDOR": (box(108.905, 40.4105, 108.91, 40.415), "光伏"),
    "BEYOND-CORRIDOR": (box(108.905, 40.412, 108.91, 40.415), "光伏"),
    "CORE": (box(108.802, 40.402, 108.805, 40.405), "旅游"),
    "BUFFERZONE": (box(108.796, 40.396, 108.799, 40.399), "旅游"),
    "WELL-NEAR": (box(108.952, 40.449, 108.954, 40.451), "光伏"),
    "PIPE-CROSS": (box(109.04, 40.42, 109.06, 40.43), "光伏"),
    "FAR": (box(109.50, 39.50, 109.51, 39.51), "光伏"),
}
POINT_SITE = Point(108.625, 40.41)
# 200 m and 1 km east of RL-HJ's east edge (108.72) at 40.4075, along the parallel.
NEAR_200_LON = round(GEOD.fwd(108.72, 40.4075, 90, 200)[0], 6)
FAR_1KM_LON = round(GEOD.fwd(108.72, 40.4075, 90, 1000)[0], 6)
RING_SITES = {
    "IN-HJ": (box(108.705, 40.405, 108.710, 40.410), "道路"),
    "TOUCH-HJ": (box(108.72, 40.405, 108.73, 40.41), "道路"),
    "NEAR-HJ": (box(NEAR_200_LON, 40.405, NEAR_200_LON + 0.005, 40.41), "道路"),
    "FAR-HJ": (box(FAR_1KM_LON, 40.405, FAR_1KM_LON + 0.005, 40.41), "道路"),
    "PV-PILOT": (box(108.605, 40.405, 108.610, 40.410), "光伏"),
}

LAYERS_TOML = """# Test manifest: layer ids for the screening rules beside it.
[[layer]]
id = "redlines"
path = "redlines.geojson"

[[layer]]
id = "reserves"
path = "reserves.geojson"

[[layer]]
id = "corridors"
path = "corridors.geojson"
"""

RULES_TOML = """# Test rules in the bundled format (Layers/ordos/screening-rules.toml).
tolerance_m = 1.0

[[rule]]
layer = "redlines"
severity = "forbidden"
buffer_m = 0.0
name_zh = "生态保护红线"
name_en = "Ecological protection red line"
reason_zh = "生态保护红线内禁止开发性、生产性建设活动"
reason_en = "No development or production construction inside the red line"
source = "test:1"
[rule.conditional_when]
constraint_field = "pilot_new_energy"
site_field = "project_type"
site_values = ["PV", "光伏", "光伏治沙"]

[[rule]]
layer = "reserves"
severity = "forbidden"
where_field = "zone"
where_values = ["核心区"]
name_zh = "自然保护区核心区"
name_en = "Nature reserve core zone"
source = "test:2"

[[rule]]
layer = "reserves"
severity = "restricted"
where_field = "zone"
where_values = ["缓冲区", "实验区"]
name_zh = "自然保护区缓冲区"
name_en = "Nature reserve buffer zone"
source = "test:3"

[[rule]]
layer = "corridors"
severity = "restricted"
buffer_m = 100
name_zh = "河道管理范围"
name_en = "River corridor"
source = "test:4"

[[rule]]
path = "wells.geojson"
severity = "advisory"
buffer_m = 300.0
name_zh = "水源地"
name_en = "Water source"
source = "test:5"
"""

# The red-line rule of RULES_TOML, then a 500 m advisory ring that names the same file by another spelling.
RING_RULES_TOML = RULES_TOML[:RULES_TOML.index("[[rule]]\nlayer = \"reserves\"")] + """[[rule]]
path = "./redlines.geojson"
severity = "advisory"
buffer_m = 500.0
name_zh = "生态保护红线周边500米"
name_en = "Within 500 m of an ecological red line"
source = "test:6"
"""


def gk36(lon: float, lat: float, decimals: int = 3) -> tuple[float, float]:
    """(northing X, easting Y with zone prefix), rounded as a surveyor's file would be."""
    e, n = TO_4524.transform(lon, lat)
    return round(n, decimals), round(e, decimals)


def ring_lines(ring, start: int, ring_number: int, to, decimals=3):
    """Point lines for a closed ring, ids J<start>…, and the rounded coordinates back in lon/lat."""
    coords = list(ring.coords)[:-1]
    lines, back, grid = [], [], []
    for index, (lon, lat) in enumerate(coords):
        e, n = to[0].transform(lon, lat)
        n, e = round(n, decimals), round(e, decimals)
        lines.append(f"J{start + index},{ring_number},{n:.3f},{e:.3f}")
        back.append(to[1].transform(e, n))
        grid.append((e, n))
    lines.append(lines[0].replace(f"J{start},", f"J{start},", 1))
    back.append(back[0])
    grid.append(grid[0])
    return lines, back, grid


def boundary_files(out: Path, expected: dict):
    folder = out / "boundary"
    bad = folder / "bad"
    bad.mkdir(parents=True, exist_ok=True)

    # 1. UTF-8, eastings with the zone prefix (EPSG:4524), 界址点数 counting the closing points.
    partial = SITES["PARTIAL"][0]
    p1, p1_back, p1_grid = ring_lines(partial.exterior, 1, 1, (TO_4524, FROM_4524))
    holed_outer = box(108.602, 40.402, 108.618, 40.418)
    holed_hole = box(108.606, 40.406, 108.612, 40.412)
    p2a, p2a_back, p2a_grid = ring_lines(holed_outer.exterior, 1, 1, (TO_4524, FROM_4524))
    p2b, p2b_back, p2b_grid = ring_lines(holed_hole.exterior, 5, 2, (TO_4524, FROM_4524))
    partial_back = Polygon(p1_back)
    holed_back = Polygon(p2a_back, [p2b_back])
    text = "\n".join([
        "[属性描述]",
        "格式版本号=1.01",
        "数据产生单位=鄂尔多斯市自然资源局",
        "数据产生日期=2024-6-1",
        "坐标系=2000国家大地坐标系",
        "几度分带=3",
        "投影类型=高斯克吕格",
        "计量单位=米",
        "带号=36",
        "精度=0.001",
        "转换参数=,,,,,,",
        "[地块坐标]",
        f"{len(p1)},{area(partial_back) / 10000:.4f},D1,跨红线道路,面,K49G012034,公路用地,1003,@",
        *p1,
        f"{len(p2a) + len(p2b)},{area(holed_back) / 10000:.4f},D2,试点区光伏,面,K49G012034,光伏,,@",
        *p2a,
        *p2b,
        "",
    ])
    (folder / "prefix36_utf8.txt").write_text(text, encoding="utf-8")
    for rule in RULES:
        # The parcels are read in their own CRS (EPSG:4524, with the zone prefix), edges per rule there.
        parcel = projected(Polygon(p1_grid), FROM_4524, rule)
        expected[rule]["boundary.prefix36.D1.area"] = area(parcel)
        expected[rule]["boundary.prefix36.D1.overlap_RL-HJ"] = area(ll(RL_HJ, rule).intersection(parcel))
        expected[rule]["boundary.prefix36.D2.area"] = area(projected(Polygon(p2a_grid, [p2b_grid]), FROM_4524, rule))

    # 2. GBK, CRLF, eastings without the prefix (EPSG:4545), 界址点数 without the closing point.
    q, q_back, q_grid = ring_lines(partial.exterior, 1, 1, (TO_4545, FROM_4545))
    lines = [
        "[属性描述]",
        "坐标系=2000国家大地坐标系",
        "几度分带=3",
        "投影类型=高斯克吕格",
        "计量单位=米",
        "带号=36",
        "精度=0.01",
        "[地块坐标]",
        f"{len(q) - 1},{area(Polygon(q_back)) / 10000:.4f},1,跨红线道路,面,,公路用地,@",
        *q,
        "",
    ]
    (folder / "noprefix_gbk_crlf.txt").write_bytes("\r\n".join(lines).encode("gbk"))
    for rule in RULES:
        parcel = projected(Polygon(q_grid), FROM_4545, rule)
        expected[rule]["boundary.noprefix.1.area"] = area(parcel)
        expected[rule]["boundary.noprefix.1.overlap_RL-HJ"] = area(ll(RL_HJ, rule).intersection(parcel))

    # Broken files: (name, header overrides, parcel lines) — each has exactly one fault.
    header = ["[属性描述]", "坐标系=2000国家大地坐标系", "几度分带=3", "投影类型=高斯克吕格", "计量单位=米", "带号=36", "精度=0.001", "[地块坐标]"]
    good_parcel = [f"{len(p1)},{area(partial_back) / 10000:.4f},D1,地块,面,,,@"] + p1

    def write_bad(name, lines):
        (bad / name).write_text("\n".join(lines) + "\n", encoding="utf-8")

    p = list(good_parcel)
    p[2] = p[2] + ",1.0"
    write_bad("field_count.txt", header + p)                       # line 11: 5 fields
    p = list(good_parcel)
    n, e = p[2].split(",")[2:]
    p[2] = f"J2,1,{n.replace('4', 'l', 1)},{e}"
    write_bad("not_numeric.txt", header + p)                       # line 11: X not a number
    write_bad("not_closed.txt", header + [f"{len(p1) - 1},1.0,D1,地块,面,,,@"] + p1[:-1])  # ring 1 not closed
    write_bad("count_mismatch.txt", header + [f"9,1.0,D1,地块,面,,,@"] + p1)  # line 9: declares 9, lists 5
    swapped = [f"{len(p1)},1.0,D1,地块,面,,,@"] + [",".join(l.split(",")[:2] + l.split(",")[2:][::-1]) for l in p1]
    write_bad("swapped.txt", header + swapped)                     # line 10: swapped
    write_bad("zone_mismatch.txt", [l if l != "带号=36" else "带号=37" for l in header] + good_parcel)
    write_bad("xian80.txt", [l if not l.startswith("坐标系") else "坐标系=1980西安坐标系" for l in header] + good_parcel)
    noprefix = [f"{len(q)},1.0,D1,地块,面,,,@"] + q
    write_bad("no_zone.txt", [l for l in header if not l.startswith("带号")] + noprefix)
    write_bad("meridian_zone.txt", [l if l != "带号=36" else "带号=108" for l in header] + good_parcel)
    jumped = list(good_parcel) + [l.replace(",2,", ",3,", 1) for l in p2b]
    jumped[0] = f"{len(p1) + len(p2b)},1.0,D1,地块,面,,,@"
    write_bad("ring_jump.txt", header + jumped)                    # line 15: ring goes from 1 to 3
    write_bad("point_before_header.txt", header + p1[:1] + good_parcel)  # line 9
    p = list(good_parcel)
    p[1] = p[1].replace(",", "，", 1)
    write_bad("fullwidth_comma.txt", header + p)                   # line 10
    bow = list(good_parcel)
    bow[2], bow[3] = bow[3].replace("J3", "J2"), bow[2].replace("J2", "J3")
    write_bad("bowtie.txt", header + bow)                          # parcel on line 9: self-intersection
    write_bad("no_section.txt", good_parcel)                       # line 1: text before the first section


def golden(f, a, b, tol=1e-12):
    phi = (math.sqrt(5) - 1) / 2
    c, d = b - phi * (b - a), a + phi * (b - a)
    while abs(b - a) > tol:
        if f(c) < f(d):
            b, d = d, c
            c = b - phi * (b - a)
        else:
            a, c = c, d
            d = a + phi * (b - a)
    return f((a + b) / 2)


def geodesic_point(a, b, t):
    """The point a fraction t along the geodesic from a to b (lon, lat)."""
    if a == b:
        return a
    azimuth, _, length = GEOD.inv(a[0], a[1], b[0], b[1])
    lon, lat, _ = GEOD.fwd(a[0], a[1], azimuth, length * t)
    return lon, lat


def segment_distance(a, b, c, d) -> float:
    """Minimum geodesic distance between geodesic segments ab and cd (nested golden-section search)."""
    def from_point(s):
        p = geodesic_point(a, b, s)
        return golden(lambda t: GEOD.inv(p[0], p[1], *geodesic_point(c, d, t))[2], 0.0, 1.0)
    return golden(from_point, 0.0, 1.0)


def polyline_distance(a, b) -> float:
    """Minimum geodesic distance between two polylines (lon/lat vertex lists) whose segments are geodesics:
    segment_distance over the segment pairs within 1e-7 deg of the planar minimum."""
    pairs = []
    for i in range(max(len(a) - 1, 1)):
        sa = LineString([a[i], a[i + 1]]) if len(a) > 1 else Point(a[0])
        for j in range(max(len(b) - 1, 1)):
            sb = LineString([b[j], b[j + 1]]) if len(b) > 1 else Point(b[0])
            pairs.append((sa.distance(sb), i, j))
    least = min(d for d, _, _ in pairs)
    best = math.inf
    for d, i, j in pairs:
        if d <= least + 1e-7:
            a0, a1 = a[i], a[min(i + 1, len(a) - 1)]
            b0, b1 = b[j], b[min(j + 1, len(b) - 1)]
            best = min(best, segment_distance(a0, a1, b0, b1))
    return best


def edge(coords, rule):
    """An edge of a lon/lat polygon (its two stored vertices) as read under `rule`: its vertex list."""
    return list(ll(LineString(coords), rule).coords)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "Tests" / "Fixtures" / "screening")
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)

    (out / "layers.toml").write_text(LAYERS_TOML, encoding="utf-8")
    (out / "screening-rules.toml").write_text(RULES_TOML, encoding="utf-8")
    (out / "redlines.geojson").write_text(feature_collection([
        (RL_KBQ, {"id": "RL-KBQ", "name_zh": "库布其沙漠生态保护红线（试点区）", "pilot_new_energy": True}),
        (RL_HJ, {"id": "RL-HJ", "name_zh": "杭锦旗生态保护红线", "pilot_new_energy": False}),
    ]), encoding="utf-8")
    (out / "reserves.geojson").write_text(feature_collection([
        (CORE, {"id": "NR-1-core", "name_zh": "保护区核心区", "zone": "核心区"}),
        (BUFFER_ZONE, {"id": "NR-1-buffer", "name_zh": "保护区缓冲区", "zone": "缓冲区"}),
    ]), encoding="utf-8")
    (out / "corridors.geojson").write_text(feature_collection([
        (CORRIDOR, {"id": "RC-1", "name_zh": "河道管理范围"}),
    ]), encoding="utf-8")
    (out / "wells.geojson").write_text(feature_collection([
        (WELL, {"id": "W-1", "name_zh": "水源井"}),
        (LineString(PIPELINE_COORDS), {"id": "P-1", "name_zh": "输水管线"}),
    ]), encoding="utf-8")
    (out / "sites.geojson").write_text(feature_collection([
        (geometry, {"id": site, "project_type": kind}) for site, (geometry, kind) in SITES.items()
    ]), encoding="utf-8")
    partial = SITES["PARTIAL"][0]
    gk = Polygon([TO_4524.transform(x, y) for x, y in partial.exterior.coords])
    (out / "sites_gk36.geojson").write_text(feature_collection(
        [(gk, {"id": "PARTIAL-GK", "project_type": "道路"})], crs="urn:ogc:def:crs:EPSG::4524"), encoding="utf-8")
    (out / "ring-rules.toml").write_text(RING_RULES_TOML, encoding="utf-8")
    (out / "sites_ring.geojson").write_text(feature_collection([
        (geometry, {"id": site, "project_type": kind}) for site, (geometry, kind) in RING_SITES.items()
    ]), encoding="utf-8")
    (out / "sites_points.geojson").write_text(feature_collection([(POINT_SITE, {"id": "PT-1", "project_type": "矿山"})]),
                                              encoding="utf-8")

    expected = {rule: {} for rule in RULES}
    for rule, values in expected.items():
        rl_hj = ll(RL_HJ, rule)
        for site, (geometry, _) in SITES.items():
            values[f"site.{site}.area"] = area(ll(geometry, rule))
        values["overlap.PARTIAL.RL-HJ"] = area(rl_hj.intersection(ll(SITES["PARTIAL"][0], rule)))
        values["overlap.SLIVER.RL-HJ"] = area(rl_hj.intersection(ll(SITES["SLIVER"][0], rule)))
        values["overlap.STRIP3M.RL-HJ"] = area(rl_hj.intersection(ll(SITES["STRIP3M"][0], rule)))
        # The GK site is read in EPSG:4524, its edges per rule there.
        partial_gk = projected(gk, FROM_4524, rule)
        values["site.PARTIAL-GK.area"] = area(partial_gk)
        values["overlap.PARTIAL-GK.RL-HJ"] = area(rl_hj.intersection(partial_gk))
        # Widths and the meridian arc are distances between points: the same under both rules.
        values["width.SLIVER.m"] = GEOD.inv(108.719999, 40.41, 108.72, 40.41)[2]
        values["width.STRIP3M.m"] = GEOD.inv(108.71997, 40.41, 108.72, 40.41)[2]
        values["width.NARROW-IN.m"] = GEOD.inv(108.611, 40.41, 108.611005, 40.41)[2]
        # N-S: the corridor's north edge (108.90-108.92 at 40.41) and the sites' south edges, edges per rule
        # (geodesic: one geodesic each; straight: densified along the parallel, geodesic chords).
        north = edge(((108.90, 40.41), (108.92, 40.41)), rule)
        values["distance.NEAR-CORRIDOR.RC-1"] = polyline_distance(edge(((108.905, 40.4105), (108.91, 40.4105)), rule), north)
        values["distance.BEYOND-CORRIDOR.RC-1"] = polyline_distance(edge(((108.905, 40.412), (108.91, 40.412)), rule), north)
        values["distance.NEAR-CORRIDOR.RC-1.meridian_arc"] = GEOD.inv(108.91, 40.41, 108.91, 40.4105)[2]
        # E-W, point to a meridian edge (a geodesic under both rules).
        values["distance.WELL-NEAR.W-1"] = polyline_distance([(108.95, 40.45)], edge(((108.952, 40.449), (108.952, 40.451)), rule))
        hj_east = edge(((108.72, 40.40), (108.72, 40.42)), rule)
        near_west = edge(((NEAR_200_LON, 40.405), (NEAR_200_LON, 40.41)), rule)
        values["distance.NEAR-HJ.RL-HJ"] = polyline_distance(near_west, hj_east)
        values["distance.PT-1.RL-KBQ"] = polyline_distance([(108.625, 40.41)], edge(((108.62, 40.40), (108.62, 40.42)), rule))
    boundary_files(out, expected)
    document = {
        "made_by": "Scripts/make_screening_fixtures.py with pyproj.Geod(ellps='GRS80') and shapely",
        "units": "m2 for areas, m for distances",
        "edges": "values: edges straight in the CRS each layer is stored in (Shelterbelt's default EdgeRule.straight: "
                 "shapely.segmentize every 0.00001 deg / 1 m in the layer's own CRS when an edge is longer, before "
                 "reprojecting); values_geodesic_edges: the same keys with edges taken as geodesics between the "
                 "stored vertices (EdgeRule.geodesic)",
        "values": expected["straight"],
        "values_geodesic_edges": expected["geodesic"],
    }
    site_rows = "\n".join(f"| {site} | {kind} | {geometry.bounds} |" for site, (geometry, kind) in SITES.items())
    ring_rows = "\n".join(f"| {site} | {kind} | {geometry.bounds} |" for site, (geometry, kind) in RING_SITES.items())
    (out / "README.md").write_text(
        "# Screening fixtures\n\nGenerated by `python3 Scripts/make_screening_fixtures.py` (deterministic); do not edit by hand.\n\n"
        "```text\n" + __doc__.strip() + "\n```\n\n## Sites in sites.geojson\n\n| id | project_type | bounds (lon/lat) |\n| --- | --- | --- |\n"
        + site_rows + "\n\n## Sites in sites_ring.geojson\n\n"
        "| id | project_type | bounds (lon/lat) |\n| --- | --- | --- |\n"
        + ring_rows + "\n", encoding="utf-8")
    (out / "expected.json").write_text(json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
