#!/usr/bin/env python3
"""Make a realistic sample of treated patches (subject data) inside the Ordos layout.

Writes DIR/NAME.shp (+ .shx .dbf .prj and .cpg) — an ESRI Shapefile the way bureau data
often arrives:

  * CGCS2000 / 3-degree Gauss-Krüger zone 36 WITH the zone prefix in the easting
    (EPSG:4524, central meridian 108°E, false easting 36 500 000 m), with a .prj;
  * attributes in GBK, declared by a .cpg containing "GBK" and by the DBF language-driver
    byte 0x4D (code page 936) — or, with --no-cpg, without the .cpg (bureau files often lack it);
  * polygons that do not overlap one another, of 1-500 亩 (1 亩 = 10000/15 m²), irregular
    (8-30 vertices), about 8 % with a hole.

Fields: id (N), landuse (GB/T 21010-2017 code, C), lu_name (its name, C), treatment (C),
year (N, 2021-2025), banner (the banner the patch lies in, C), area_mu (geodesic area on
GRS80 in 亩, 2 decimals — what a bureau's own 面积 field would hold).

Patches are placed with some logic: 光伏治沙 mostly in the Kubuqi PV belt, 水土保持 in the ten
kongdui and the hilly-gully zone, 工程固沙 / 封沙育林 / 飞播造林 in the Kubuqi and Mu Us sands,
退化草原修复 on the western plateau and in Mu Us, 矿区复绿 in the mining districts, 人工造林
everywhere but mostly on the plain and in the hills. Each patch lies wholly inside one banner.

Deterministic: numpy's PCG64 generator seeded with --seed; the same arguments give
byte-identical files.

Usage:
  python3 Scripts/make_sample_patches.py --count 2000 --seed 20240601 --out Layers/ordos/sample
  python3 Scripts/make_sample_patches.py --count 50000 --seed 7 --out /tmp/big --no-cpg

Reads the layout written by Scripts/build_ordos_layers.py (default Layers/ordos).
Requires (Scripts/requirements.txt): numpy, shapely, pyproj.
"""
from __future__ import annotations

import argparse
import json
import math
import struct
import sys
from pathlib import Path

import numpy as np
import shapely
import shapely.affinity
from pyproj import CRS, Geod, Transformer
from shapely.geometry import Point, Polygon
from shapely.geometry.polygon import orient

REPO = Path(__file__).resolve().parent.parent
LAYOUT = REPO / "Layers" / "ordos"
MU = 10000.0 / 15.0                 # m² per 亩
GEOD = Geod(ellps="GRS80")
EPSG_OUT = 4524                     # CGCS2000 / 3-degree GK zone 36 (CM 108°E), zone prefix in the easting
ZONE_PREFIX = 36_000_000.0          # EPSG:4524 easting = EPSG:4545 easting + 36 000 000 (same TM, CM 108°E)
TO_M = Transformer.from_crs(4490, 4545, always_xy=True)
TO_LL = Transformer.from_crs(4545, 4490, always_xy=True)
DBF_DATE = (2025, 1, 1)             # fixed DBF "last update" date, for reproducible files
LDID_GBK = 0x4D                     # DBF language-driver id for code page 936

LANDUSE = {  # GB/T 21010-2017 codes used by the sample
    "0101": "水田", "0103": "旱地", "0301": "乔木林地", "0305": "灌木林地", "0307": "其他林地",
    "0401": "天然牧草地", "0403": "人工牧草地", "0404": "其他草地", "0602": "采矿用地",
    "1205": "沙地", "1206": "裸土地",
}

# treatment: share of all patches, where it goes ((layer, feature id or "", weight), ...),
# land-use codes with weights, and year weights 2021..2025.
TREATMENTS = {
    "光伏治沙": (0.12, [("pv", "kubuqi-pv-belt", 0.8), ("zones5", "kubuqi", 0.2)],
             {"1205": 0.7, "0404": 0.3}, [0.10, 0.15, 0.20, 0.25, 0.30]),
    "水土保持": (0.14, [("kongdui", "", 0.7), ("zones5", "hilly-gully", 0.3)],
             {"0404": 0.4, "0305": 0.3, "1206": 0.2, "0307": 0.1}, [0.2] * 5),
    "工程固沙": (0.10, [("zones5", "kubuqi", 0.6), ("zones5", "muus", 0.4)],
             {"1205": 0.9, "0404": 0.1}, [0.2] * 5),
    "封沙育林": (0.12, [("zones5", "muus", 0.6), ("zones5", "kubuqi", 0.4)],
             {"0305": 0.6, "0307": 0.3, "1205": 0.1}, [0.2] * 5),
    "飞播造林": (0.08, [("zones5", "muus", 0.5), ("zones5", "west-plateau", 0.3), ("zones5", "kubuqi", 0.2)],
             {"0305": 0.5, "1205": 0.3, "0404": 0.2}, [0.2] * 5),
    "人工造林": (0.18, [("zones5", "yellow-river-plain", 0.35), ("zones5", "hilly-gully", 0.35),
                    ("zones5", "muus", 0.15), ("kongdui", "xiliu", 0.15)],
             {"0301": 0.45, "0305": 0.25, "0307": 0.30}, [0.2] * 5),
    "退化草原修复": (0.18, [("zones5", "west-plateau", 0.6), ("zones5", "muus", 0.4)],
               {"0401": 0.55, "0403": 0.15, "0404": 0.30}, [0.2] * 5),
    "矿区复绿": (0.08, [("banners", "jungar", 0.35), ("banners", "ejin-horo", 0.25), ("banners", "dongsheng", 0.15),
                    ("banners", "otog", 0.25)],
             {"0602": 0.4, "0307": 0.3, "0404": 0.2, "1206": 0.1}, [0.2] * 5),
}


# =============================================================================== layout

def load_layer(layout: Path, name: str) -> dict[str, object]:
    data = json.loads((layout / f"{name}.geojson").read_text(encoding="utf-8"))
    return {f["properties"]["id"]: shapely.geometry.shape(f["geometry"]) for f in data["features"]}


def to_m(g):
    return shapely.transform(g, lambda xy: np.column_stack(TO_M.transform(xy[:, 0], xy[:, 1])))


class Region:
    """A placement region in metres (EPSG:4545) with a fast point sampler."""

    def __init__(self, geom_m):
        self.geom = geom_m
        shapely.prepare(self.geom)
        self.bounds = geom_m.bounds

    def sample(self, rng) -> tuple[float, float]:
        x0, y0, x1, y1 = self.bounds
        while True:   # rejection sampling; every region is a sizeable share of its box
            x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
            if shapely.contains_xy(self.geom, x, y):
                return x, y


def load_regions(layout: Path):
    layers = {n: load_layer(layout, n) for n in ("pv", "zones5", "kongdui", "banners")}
    regions = {}
    for spec in TREATMENTS.values():
        for layer, fid, _ in spec[1]:
            if (layer, fid) not in regions:
                g = shapely.union_all(list(layers[layer].values())) if fid == "" else layers[layer][fid]
                regions[(layer, fid)] = Region(to_m(g))
    banners = {}
    names = json.loads((layout / "banners.geojson").read_text(encoding="utf-8"))
    for f in names["features"]:
        g = to_m(shapely.geometry.shape(f["geometry"]))
        shapely.prepare(g)
        banners[f["properties"]["name_zh"]] = g
    return regions, banners


# =============================================================================== patch shapes

def star_polygon(rng, cx, cy, n, radius, roughness):
    """A simple polygon: n vertices at sorted random angles, each at a jittered radius.

    Star-shaped about (cx, cy), hence never self-intersecting; roughness 0..1 sets how
    irregular the outline is."""
    gaps = rng.uniform(0.5, 1.5, n)
    angles = np.cumsum(gaps) / gaps.sum() * 2 * math.pi + rng.uniform(0, 2 * math.pi)
    radii = radius * (1 - roughness * rng.uniform(0, 1, n))
    stretch, tilt = rng.uniform(0.5, 1.0), rng.uniform(0, math.pi)   # elongated, like real parcels
    x = radii * np.cos(angles)
    y = radii * np.sin(angles) * stretch
    xr = cx + x * math.cos(tilt) - y * math.sin(tilt)
    yr = cy + x * math.sin(tilt) + y * math.cos(tilt)
    return Polygon(np.column_stack([xr, yr]))


def make_patch(rng, cx, cy, area_m2):
    """An irregular polygon of about area_m2 (8-30 vertices, sometimes with a hole), rounded to cm."""
    n = int(rng.integers(8, 31))
    outer = star_polygon(rng, cx, cy, n, 1.0, rng.uniform(0.15, 0.45))
    k = math.sqrt(area_m2 / outer.area)
    outer = shapely.affinity.scale(outer, k, k, origin=(cx, cy))
    holes = []
    if rng.uniform() < 0.08:   # a hole: an enclave of other land (a building plot, a pond)
        hn = int(rng.integers(5, 10))
        hole = star_polygon(rng, cx, cy, hn, math.sqrt(area_m2) * rng.uniform(0.08, 0.15), 0.3)
        if outer.buffer(-1.0).contains(hole):
            holes = [hole.exterior.coords]
    poly = Polygon(outer.exterior.coords, holes)
    return shapely.set_precision(poly, 0.01)   # centimetre coordinates, as GK survey data


def patch_area_mu(rng) -> float:
    """Log-normal sizes: most patches 10-150 亩, a few near the 1 and 500 亩 limits."""
    return float(np.clip(rng.lognormal(mean=math.log(60.0), sigma=1.0), 1.5, 480.0))


# =============================================================================== generation

class Grid:
    """Bounding boxes on a coarse grid, to test a new patch only against its neighbours."""

    def __init__(self, cell=2000.0):
        self.cell, self.cells = cell, {}

    def _keys(self, b):
        c = self.cell
        for i in range(int(b[0] // c), int(b[2] // c) + 1):
            for j in range(int(b[1] // c), int(b[3] // c) + 1):
                yield i, j

    def clashes(self, g) -> bool:
        seen = set()
        for k in self._keys(g.bounds):
            for idx, other in self.cells.get(k, ()):
                if idx not in seen:
                    seen.add(idx)
                    if g.intersects(other):   # touching counts too: patches stay strictly apart
                        return True
        return False

    def add(self, idx, g):
        for k in self._keys(g.bounds):
            self.cells.setdefault(k, []).append((idx, g))


def geodesic_mu(g_m) -> float:
    ll = shapely.transform(g_m, lambda xy: np.column_stack(TO_LL.transform(xy[:, 0], xy[:, 1])))
    return abs(GEOD.geometry_area_perimeter(ll)[0]) / MU


def generate(count: int, seed: int, layout: Path):
    rng = np.random.Generator(np.random.PCG64(seed))
    regions, banners = load_regions(layout)
    names = list(TREATMENTS)
    shares = np.array([TREATMENTS[t][0] for t in names])
    grid, out = Grid(), []
    tries = 0
    while len(out) < count:
        tries += 1
        if tries > count * 50:
            sys.exit(f"could only place {len(out)} of {count} patches")
        tname = names[rng.choice(len(names), p=shares / shares.sum())]
        _, where, lu_w, yr_w = TREATMENTS[tname]
        w = np.array([x[2] for x in where])
        layer, fid, _ = where[rng.choice(len(where), p=w / w.sum())]
        cx, cy = regions[(layer, fid)].sample(rng)
        g = make_patch(rng, cx, cy, patch_area_mu(rng) * MU)
        if not g.is_valid or not 8 <= len(g.exterior.coords) - 1 <= 30:
            continue
        banner = next((b for b, bg in banners.items() if bg.contains(g)), None)
        if banner is None or grid.clashes(g):   # must lie in one banner and touch no other patch
            continue
        mu = geodesic_mu(g)
        if not 1.0 <= mu <= 500.0:
            continue
        codes = list(lu_w)
        lw = np.array([lu_w[c] for c in codes])
        code = codes[rng.choice(len(codes), p=lw / lw.sum())]
        yw = np.array(yr_w)
        year = 2021 + int(rng.choice(5, p=yw / yw.sum()))
        grid.add(len(out), g)
        out.append((g, {"id": len(out) + 1, "landuse": code, "lu_name": LANDUSE[code], "treatment": tname,
                        "year": year, "banner": banner, "area_mu": round(mu, 2)}))
    return out


# =============================================================================== shapefile writer
# Written byte by byte so the DBF really holds GBK bytes and the header fields are fixed.

FIELDS = [  # name, type, length, decimals
    ("id", "N", 9, 0), ("landuse", "C", 4, 0), ("lu_name", "C", 20, 0), ("treatment", "C", 20, 0),
    ("year", "N", 4, 0), ("banner", "C", 20, 0), ("area_mu", "N", 12, 2),
]


def shp_header(length_bytes: int, bbox) -> bytes:
    return (struct.pack(">7i", 9994, 0, 0, 0, 0, 0, length_bytes // 2) + struct.pack("<2i", 1000, 5)
            + struct.pack("<8d", *bbox, 0.0, 0.0, 0.0, 0.0))


def shp_record(g) -> bytes:
    """Polygon record: outer rings clockwise, holes counter-clockwise (ESRI convention)."""
    g = orient(g, -1.0)
    rings = [np.asarray(g.exterior.coords)] + [np.asarray(h.coords) for h in g.interiors]
    rings = [r + np.array([ZONE_PREFIX, 0.0]) for r in rings]
    pts = np.vstack(rings)
    body = struct.pack("<i4d2i", 5, pts[:, 0].min(), pts[:, 1].min(), pts[:, 0].max(), pts[:, 1].max(),
                       len(rings), len(pts))
    start = 0
    for r in rings:
        body += struct.pack("<i", start)
        start += len(r)
    return body + pts.astype("<f8").tobytes()


def write_shapefile(base: Path, patches, cpg: bool) -> None:
    base.parent.mkdir(parents=True, exist_ok=True)
    recs = [shp_record(g) for g, _ in patches]
    b = np.array([g.bounds for g, _ in patches])
    bbox = (b[:, 0].min() + ZONE_PREFIX, b[:, 1].min(), b[:, 2].max() + ZONE_PREFIX, b[:, 3].max())
    shp = bytearray(shp_header(100 + sum(8 + len(r) for r in recs), bbox))
    shx = bytearray(shp_header(100 + 8 * len(recs), bbox))
    for i, r in enumerate(recs):
        shx += struct.pack(">2i", len(shp) // 2, len(r) // 2)
        shp += struct.pack(">2i", i + 1, len(r) // 2) + r
    base.with_suffix(".shp").write_bytes(bytes(shp))
    base.with_suffix(".shx").write_bytes(bytes(shx))

    rec_len = 1 + sum(f[2] for f in FIELDS)
    y, m, d = DBF_DATE
    dbf = bytearray(struct.pack("<4BIHH", 0x03, y - 1900, m, d, len(patches), 32 + 32 * len(FIELDS) + 1, rec_len))
    dbf += bytes(17) + bytes([LDID_GBK]) + bytes(2)
    for name, typ, length, dec in FIELDS:
        dbf += name.encode("ascii").ljust(11, b"\0") + typ.encode() + bytes(4) + bytes([length, dec]) + bytes(14)
    dbf += b"\x0d"
    for _, p in patches:
        dbf += b" "
        for name, typ, length, dec in FIELDS:
            v = p[name]
            if typ == "C":
                raw = str(v).encode("gbk")
                assert len(raw) <= length, (name, v)
                dbf += raw.ljust(length, b" ")
            else:
                txt = (f"{v:.{dec}f}" if dec else str(int(v))).encode("ascii")
                assert len(txt) <= length, (name, v)
                dbf += txt.rjust(length, b" ")
    dbf += b"\x1a"
    base.with_suffix(".dbf").write_bytes(bytes(dbf))
    base.with_suffix(".prj").write_text(CRS.from_epsg(EPSG_OUT).to_wkt("WKT1_ESRI"), encoding="ascii")
    cpg_path = base.with_suffix(".cpg")
    if cpg:
        cpg_path.write_text("GBK", encoding="ascii")
    elif cpg_path.exists():
        cpg_path.unlink()


def self_check(patches) -> None:
    """Independent re-check: no two patches overlap (STR-tree), sizes and vertex counts in range."""
    geoms = [g for g, _ in patches]
    tree = shapely.STRtree(geoms)
    a, b = tree.query(geoms, predicate="intersects")
    assert not np.any(a != b), "overlapping patches"
    for g, p in patches:
        assert 1.0 <= p["area_mu"] <= 500.0 and g.is_valid, p
        assert 8 <= len(g.exterior.coords) - 1 <= 30, p


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=2000, help="number of patches (default 2000)")
    ap.add_argument("--seed", type=int, default=20240601, help="random seed (default 20240601)")
    ap.add_argument("--out", type=Path, required=True, help="output folder")
    ap.add_argument("--name", default="patches", help="file name without extension (default patches)")
    ap.add_argument("--no-cpg", action="store_true", help="omit the .cpg file (the DBF still holds GBK text)")
    ap.add_argument("--layout", type=Path, default=LAYOUT, help="layout folder (default Layers/ordos)")
    a = ap.parse_args()
    patches = generate(a.count, a.seed, a.layout)
    self_check(patches)
    write_shapefile(a.out / a.name, patches, cpg=not a.no_cpg)
    verts = [len(g.exterior.coords) - 1 for g, _ in patches]
    holes = sum(1 for g, _ in patches if g.interiors)
    total = sum(p["area_mu"] for _, p in patches)
    print(f"{len(patches)} patches, {total / 10000:.2f} 万亩, {holes} with a hole, "
          f"{min(verts)}-{max(verts)} vertices -> {a.out / a.name}.shp")
    return 0


if __name__ == "__main__":
    sys.exit(main())
