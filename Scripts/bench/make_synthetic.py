#!/usr/bin/env python3
"""Deterministic synthetic Ordos-like layers for the `shelterbelt stats` benchmark.

Writes, in EPSG:4490 (CGCS2000 lon/lat):
  patches.gpkg  N non-overlapping treated patches (irregular 8-30 vertex polygons,
                1-500 亩, small gaps, a few with holes; id, landuse, treatment, year)
  zones.gpkg    ten watershed-like zones partitioning a ~100 km x 80 km region,
                bounded by meandering lines with thousands of vertices (name WS01..WS10)
  patches.shp   a Shapefile copy of the patches (skip with --no-shapefile)

Everything is built in metres in EPSG:4545 (CGCS2000 / 3-degree Gauss-Kruger CM 108E)
and transformed to lon/lat once at the end, so "non-overlapping" and "area in 亩" are
exact by construction. The same --seed always gives byte-identical geometry.

Usage: make_synthetic.py --patches 200000 --seed 1 --out /tmp/shelterbelt-bench/data
"""
from __future__ import annotations

import argparse
import json
import math
import os
import time

import numpy as np
import shapely
from pyproj import Transformer

MU_M2 = 10000.0 / 15.0          # 1 亩 in square metres
MIN_MU, MAX_MU = 1.0, 500.0     # patch size range asked for by the bureaus' data
WORK_EPSG = 4545                # metric frame the layers are designed in
OUT_EPSG = 4490                 # CGCS2000 geographic, what the bureaus deliver

# Zone region in EPSG:4545 metres: ~108.58-109.76 E, 39.33-40.04 N (Ordos, Dongsheng/Ejin Horo).
REGION = (550_000.0, 4_355_000.0, 650_000.0, 4_435_000.0)
# Patches cover a slightly larger rectangle so a few fall (partly) outside every zone.
PATCH_MARGIN_M = 400.0
# Above ~330 000 patches the region would get too crowded for the 1 亩 floor: then the
# whole layout (zones and patches) is scaled up about its centre instead, keeping this
# mean area per patch. 1 000 000 patches -> ~175 km x 140 km, still 108-110 E, 39-40.5 N.
MIN_MEAN_CELL_M2 = 25_000.0

# GB/T 21010-2017 land-use codes found in treated areas of the Ordos, with rough weights.
LANDUSE = np.array(["0103", "0102", "0301", "0305", "0307", "0401", "0403", "0404", "1205", "1206"])
LANDUSE_P = np.array([0.08, 0.04, 0.12, 0.18, 0.06, 0.14, 0.08, 0.12, 0.12, 0.06])
TREATMENT = np.array(["造林", "封育", "飞播", "草方格沙障", "退耕还林", "人工种草"])
TREATMENT_P = np.array([0.30, 0.20, 0.10, 0.15, 0.10, 0.15])


# --------------------------------------------------------------------------- patches

def split_cells(rng: np.random.Generator, bounds, n: int) -> np.ndarray:
    """Partition `bounds` into exactly n rectangles by repeated random binary splits.

    Splitting the longer side at 38-62 % keeps cells compact while giving a log-normal
    spread of sizes (real parcels are not a regular grid). Vectorised per level.
    Returns an (n, 4) array of x0, y0, x1, y1.
    """
    cells = np.array([bounds], dtype=np.float64)
    while len(cells) < n:
        # On the last level split only the largest cells, to land exactly on n.
        k = min(len(cells), n - len(cells))
        if k < len(cells):
            area = (cells[:, 2] - cells[:, 0]) * (cells[:, 3] - cells[:, 1])
            order = np.argsort(-area, kind="stable")
            keep, cut = cells[order[k:]], cells[order[:k]]
        else:
            keep, cut = cells[:0], cells
        w, h = cut[:, 2] - cut[:, 0], cut[:, 3] - cut[:, 1]
        frac = rng.uniform(0.38, 0.62, len(cut))
        vertical = w >= h                    # cut across the longer side
        a, b = cut.copy(), cut.copy()
        xm = cut[:, 0] + frac * w
        ym = cut[:, 1] + frac * h
        a[vertical, 2] = xm[vertical]
        b[vertical, 0] = xm[vertical]
        a[~vertical, 3] = ym[~vertical]
        b[~vertical, 1] = ym[~vertical]
        cells = np.concatenate([keep, a, b])
    return cells


def star_rings(rng, cx, cy, ax, ay, nverts, rmin, rmax, squareness=4.0):
    """Star-shaped rings around (cx, cy) inside the superellipse with semi-axes (ax, ay).

    A superellipse (|x/a|^p + |y/b|^p = 1) reaches into the cell corners, so patches
    fill most of their cell and the gaps between neighbours stay small. The radius is
    a smooth random lobe (2nd/3rd harmonic) plus a little vertex noise: fields look
    irregular but not spiky. One vertex per angular sector, parameter strictly
    increasing, so every ring is simple (no self-intersection) and counter-clockwise.
    Returns flat x, y (ring closed: first vertex repeated) and per-ring counts.
    """
    m = len(cx)
    ring = np.repeat(np.arange(m), nverts)
    starts = np.cumsum(nverts) - nverts
    pos = np.arange(len(ring)) - np.repeat(starts, nverts)      # 0..k-1 within ring
    k = nverts[ring]
    t = rng.uniform(0, 2 * np.pi, m)[ring] + (pos + rng.uniform(0.15, 0.85, len(ring))) * (2 * np.pi / k)
    lobe = (np.sin(2 * t + rng.uniform(0, 2 * np.pi, m)[ring]) * rng.uniform(0, 1, m)[ring]
            + np.sin(3 * t + rng.uniform(0, 2 * np.pi, m)[ring]) * rng.uniform(0, 0.6, m)[ring])
    u = (lobe + 1.6) / 3.2 * 0.85 + rng.uniform(0, 0.15, len(ring))  # 0..1
    rho = rmin + (rmax - rmin) * np.clip(u, 0.0, 1.0)
    c, s = np.cos(t), np.sin(t)
    e = 2.0 / squareness
    x = cx[ring] + rho * ax[ring] * np.sign(c) * np.abs(c) ** e
    y = cy[ring] + rho * ay[ring] * np.sign(s) * np.abs(s) ** e
    return close_rings(x, y, nverts)


def close_rings(x, y, counts):
    """Append each ring's first vertex after its last one; returns x, y, closed counts."""
    starts = np.cumsum(counts) - counts
    ins = np.cumsum(counts)                         # insert before index = end of ring
    x = np.insert(x, ins, x[starts])
    y = np.insert(y, ins, y[starts])
    return x, y, counts + 1


def ring_areas(x, y, counts):
    """Shoelace area of each closed ring in flat arrays (positive for CCW)."""
    cross = x[:-1] * y[1:] - x[1:] * y[:-1]
    starts = np.cumsum(counts) - counts
    # The last vertex of a ring pairs with the next ring's first: mask those terms.
    valid = np.ones(len(x), bool)
    valid[np.cumsum(counts) - 1] = False
    cross = np.where(valid[:-1], cross, 0.0)
    cross = np.append(cross, 0.0)
    return 0.5 * np.add.reduceat(cross, starts)


def layout_scale(n: int) -> float:
    """Factor by which the whole layout grows so n patches keep MIN_MEAN_CELL_M2 each."""
    x0, y0, x1, y1 = REGION
    return max(1.0, math.sqrt(n * MIN_MEAN_CELL_M2 / ((x1 - x0) * (y1 - y0))))


def scaled_region(grow: float, margin: float = 0.0):
    """REGION (plus margin) scaled by grow about its centre."""
    x0, y0, x1, y1 = REGION
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    hw, hh = ((x1 - x0) / 2 + margin) * grow, ((y1 - y0) / 2 + margin) * grow
    return cx - hw, cy - hh, cx + hw, cy + hh


def make_patches(rng, n: int, grow: float):
    """Return (geometries in EPSG:4545, attribute dict, summary dict)."""
    x0, y0, x1, y1 = scaled_region(grow, PATCH_MARGIN_M)
    cells = split_cells(rng, (x0, y0, x1, y1), n)
    rng.shuffle(cells)           # ids must not follow the split order
    w, h = cells[:, 2] - cells[:, 0], cells[:, 3] - cells[:, 1]
    # Gap: every cell is inset by 2-6 m, so neighbours never touch.
    inset = rng.uniform(2.0, 6.0, n)
    cx, cy = (cells[:, 0] + cells[:, 2]) / 2, (cells[:, 1] + cells[:, 3]) / 2
    ax, ay = w / 2 - inset, h / 2 - inset

    nverts = rng.integers(8, 31, n)
    sx, sy, scount = star_rings(rng, cx, cy, ax, ay, nverts, 0.6, 1.0, 3.5)

    # Shrink each shell about its centre by a random 0-40 % of its area (uneven gaps),
    # then clamp its area to 1-500 亩 - growing it only as far as it still fits inside
    # the inset cell.
    area = ring_areas(sx, sy, scount)
    target = np.clip(area * rng.uniform(0.6, 1.0, n), MIN_MU * MU_M2, MAX_MU * MU_M2)
    ring_of = np.repeat(np.arange(n), scount)
    reach_x = np.maximum.reduceat(np.abs(sx - cx[ring_of]), np.cumsum(scount) - scount) / ax
    reach_y = np.maximum.reduceat(np.abs(sy - cy[ring_of]), np.cumsum(scount) - scount) / ay
    s_max = 1.0 / np.maximum(reach_x, reach_y)
    s = np.minimum(np.sqrt(target / area), s_max)
    sx = cx[ring_of] + (sx - cx[ring_of]) * s[ring_of]
    sy = cy[ring_of] + (sy - cy[ring_of]) * s[ring_of]
    shell_area = area * s * s

    # A few (0.5 %) of the larger patches get one hole around their centre (a pond,
    # an untreated dune): well inside the shell since every shell vertex is >= 0.6 R.
    big = np.flatnonzero(shell_area > 30 * MU_M2)
    holed = np.sort(rng.choice(big, size=min(len(big), max(1, n // 200)), replace=False))
    hcount = np.full(len(holed), 8)
    r_in = 0.25 * np.minimum(ax[holed], ay[holed]) * s[holed]
    hx, hy, hcount = star_rings(rng, cx[holed], cy[holed], r_in, r_in, hcount, 0.6, 1.0, 2.0)
    if len(holed):   # holes run clockwise (OGC convention): reverse each ring
        hx = hx.reshape(len(holed), -1)[:, ::-1].ravel()
        hy = hy.reshape(len(holed), -1)[:, ::-1].ravel()

    geoms = assemble_polygons(sx, sy, scount, hx, hy, hcount, holed, n)
    attrs = {
        "id": np.arange(1, n + 1, dtype=np.int64),
        "landuse": rng.choice(LANDUSE, n, p=LANDUSE_P),
        "treatment": rng.choice(TREATMENT, n, p=TREATMENT_P),
        "year": rng.integers(2000, 2025, n).astype(np.int32),
    }
    hole_area = -ring_areas(hx, hy, hcount) if len(holed) else np.zeros(0)
    mu = shell_area.copy()
    mu[holed] -= hole_area
    mu /= MU_M2
    summary = {
        "patch_extent_4545": [x0, y0, x1, y1],
        "vertices_total": int(scount.sum() + hcount.sum()),
        "with_holes": int(len(holed)),
        "area_mu_min": float(mu.min()),
        "area_mu_median": float(np.median(mu)),
        "area_mu_max": float(mu.max()),
        "below_1_mu": int((mu < MIN_MU * (1 - 1e-9)).sum()),
    }
    return geoms, attrs, summary


def assemble_polygons(sx, sy, scount, hx, hy, hcount, holed, n):
    """Build all polygons at once from ragged coordinates (shapely 2, no Python loop)."""
    # Rings in polygon order: each shell, followed by its hole if it has one.
    has_hole = np.zeros(n, bool)
    has_hole[holed] = True
    rings_per_poly = 1 + has_hole
    # Coordinates: interleave shell blocks and hole blocks by building an index.
    shell_starts = np.cumsum(scount) - scount
    hole_starts = np.cumsum(hcount) - hcount
    ring_counts = np.empty(n + len(holed), np.int64)
    ring_src = np.empty(n + len(holed), np.int64)      # start in its source array
    ring_is_hole = np.zeros(n + len(holed), bool)
    poly_first_ring = np.cumsum(rings_per_poly) - rings_per_poly
    ring_counts[poly_first_ring] = scount
    ring_src[poly_first_ring] = shell_starts
    hole_slot = poly_first_ring[holed] + 1
    ring_counts[hole_slot] = hcount
    ring_src[hole_slot] = hole_starts
    ring_is_hole[hole_slot] = True
    total = int(ring_counts.sum())
    ring_id = np.repeat(np.arange(len(ring_counts)), ring_counts)
    within = np.arange(total) - np.repeat(np.cumsum(ring_counts) - ring_counts, ring_counts)
    src = ring_src[ring_id] + within
    coords = np.empty((total, 2))
    is_h = ring_is_hole[ring_id]
    coords[~is_h, 0], coords[~is_h, 1] = sx[src[~is_h]], sy[src[~is_h]]
    coords[is_h, 0], coords[is_h, 1] = hx[src[is_h]], hy[src[is_h]]
    ring_offsets = np.concatenate([[0], np.cumsum(ring_counts)])
    poly_offsets = np.concatenate([[0], np.cumsum(rings_per_poly)])
    return shapely.from_ragged_array(shapely.GeometryType.POLYGON, coords,
                                     (ring_offsets, poly_offsets))


# --------------------------------------------------------------------------- zones

def meander(rng, n: int, std_m: float, beta: float = 1.0) -> np.ndarray:
    """A 1-D fractal profile of n samples with standard deviation std_m.

    Random phases with amplitude ~ k**-beta: large bends from the low frequencies and
    fine wiggles down to the sample spacing, like a digitised watershed divide.
    """
    k = np.arange(n // 2 + 1, dtype=np.float64)
    amp = np.zeros_like(k)
    amp[1:] = k[1:] ** -beta
    spec = amp * np.exp(1j * rng.uniform(0, 2 * np.pi, len(k)))
    prof = np.fft.irfft(spec, n)
    return prof * (std_m / prof.std())


def divide_lines(rng):
    """The meandering lines that split REGION into 2 rows x 5 columns of watersheds."""
    x0, y0, x1, y1 = REGION
    ext = 2_000.0                                  # lines overshoot the region; cut later
    step = 12.0                                    # metres between vertices
    # West-east main divide: y = ym + f(x); a graph of x, so it cannot self-cross.
    hx = np.arange(x0 - ext, x1 + ext, step)
    hy = (y0 + y1) / 2 + meander(rng, len(hx), 2_500.0)
    lines = [np.column_stack([hx, hy])]
    for south in (True, False):
        # Four north-south divides per row: x = xi + g(y), at jittered 20 km spacing.
        xs = x0 + (x1 - x0) * (np.arange(1, 5) / 5) + rng.uniform(-3_000, 3_000, 4)
        for xi in xs:
            vy = np.arange(y0 - ext, y1 + ext, step)
            if not south:
                vy = vy[::-1]                     # walk from the region edge inwards
            vx = xi + meander(rng, len(vy), 1_600.0)
            # Stop one vertex after the first crossing of the main divide, so the line
            # ends in a short dangle that polygonize() drops.
            side = vy - np.interp(vx, hx, hy)
            past = np.flatnonzero(side > 0 if south else side < 0)
            end = past[0] + 2 if len(past) else len(vy)
            lines.append(np.column_stack([vx[:end], vy[:end]]))
    return lines


def make_zones(rng, grow: float = 1.0):
    """Ten watershed polygons (EPSG:4545) sharing their boundaries exactly, the layout
    scaled by `grow` about the region centre (the shapes do not depend on it)."""
    x0, y0, x1, y1 = REGION
    frame = shapely.segmentize(shapely.box(x0, y0, x1, y1).exterior, 25.0)
    # Noding all lines together computes every crossing once and inserts it into both
    # lines, so neighbouring faces share identical vertices: an exact partition.
    noded = shapely.union_all([frame] + [shapely.linestrings(c) for c in divide_lines(rng)])
    faces = list(shapely.get_parts(shapely.polygonize(shapely.get_parts(noded))))
    faces = merge_slivers(faces, min_area=1e6)
    if len(faces) != 10:
        raise RuntimeError(f"expected 10 watersheds, got {len(faces)}: try another --seed")
    # Name WS01.. from north-west to south-east: northern row first, then west to east.
    cent = shapely.centroid(faces)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    mid = cy
    order = sorted(range(10), key=lambda i: (shapely.get_y(cent[i]) < mid, shapely.get_x(cent[i])))
    faces = np.array([faces[i] for i in order])
    if grow != 1.0:
        faces = shapely.transform(faces, lambda xy: (xy - [cx, cy]) * grow + [cx, cy])
    return faces


def merge_slivers(faces, min_area):
    """Merge tiny faces (where two wiggly divides cross more than once) into the
    neighbour they share most boundary with."""
    faces = list(faces)
    while True:
        areas = shapely.area(faces)
        small = int(np.argmin(areas))
        if areas[small] >= min_area:
            return faces
        edge = faces[small].boundary
        shared = [shapely.length(shapely.intersection(edge, f.boundary)) if i != small else -1
                  for i, f in enumerate(faces)]
        into = int(np.argmax(shared))
        faces[into] = shapely.union(faces[into], faces[small])
        del faces[small]


# --------------------------------------------------------------------------- output

def to_lonlat(geoms):
    """Transform EPSG:4545 geometries to EPSG:4490 lon/lat in one vectorised call."""
    tr = Transformer.from_crs(WORK_EPSG, OUT_EPSG, always_xy=True)
    return shapely.transform(geoms, lambda xy: np.column_stack(tr.transform(xy[:, 0], xy[:, 1])))


def crossing_stats(patches, zones):
    """Shares of patches cut by any zone boundary (incl. the outer edge), spanning two
    or more zones, and lying wholly outside every zone."""
    tree = shapely.STRtree(patches)
    # Query with the (few, big) zones as input: shapely prepares each of them once.
    cut = np.unique(tree.query(shapely.boundary(zones), predicate="intersects")[1])
    hits = np.bincount(tree.query(zones, predicate="intersects")[1], minlength=len(patches))
    n = len(patches)
    return {"crossing_share": round(len(cut) / n, 5),
            "multi_zone_share": round(float((hits >= 2).mean()), 5),
            "outside_share": round(float((hits == 0).mean()), 5)}


def write_layers(out, patches, attrs, zones, shapefile: bool):
    import geopandas as gpd        # imported late: only needed to write
    import pyogrio

    os.makedirs(out, exist_ok=True)
    pdf = gpd.GeoDataFrame(attrs, geometry=patches, crs=f"EPSG:{OUT_EPSG}")
    zdf = gpd.GeoDataFrame({"name": [f"WS{i + 1:02d}" for i in range(len(zones))]},
                           geometry=zones, crs=f"EPSG:{OUT_EPSG}")
    for name in ("patches.gpkg", "zones.gpkg", "patches.shp", "patches.shx", "patches.dbf",
                 "patches.prj", "patches.cpg"):
        if os.path.exists(os.path.join(out, name)):
            os.remove(os.path.join(out, name))
    # GeoPackage 1.2: readable without warnings by older GDAL (Debian 12 ships 3.6).
    gpkg = {"driver": "GPKG", "dataset_options": {"VERSION": "1.2"}}
    pyogrio.write_dataframe(pdf, os.path.join(out, "patches.gpkg"), layer="patches", **gpkg)
    pyogrio.write_dataframe(zdf, os.path.join(out, "zones.gpkg"), layer="zones", **gpkg)
    if shapefile:
        pyogrio.write_dataframe(pdf, os.path.join(out, "patches.shp"), driver="ESRI Shapefile",
                                encoding="UTF-8")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--patches", type=int, default=200_000, help="number of patches (default 200000)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--no-shapefile", action="store_true", help="skip the Shapefile copy")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    # Independent streams, so changing N does not change the zones.
    zone_rng, patch_rng = (np.random.default_rng([args.seed, i]) for i in (0, 1))
    grow = layout_scale(args.patches)
    zones_m = make_zones(zone_rng, grow)
    patches_m, attrs, summary = make_patches(patch_rng, args.patches, grow)
    t_build = time.perf_counter() - t0

    crossing = crossing_stats(patches_m, zones_m)
    valid = bool(shapely.is_valid(patches_m).all() and shapely.is_valid(zones_m).all())
    patches, zones = to_lonlat(patches_m), to_lonlat(zones_m)
    del patches_m
    write_layers(args.out, patches, attrs, zones, not args.no_shapefile)

    summary.update({
        "patches": args.patches,
        "seed": args.seed,
        "crs": f"EPSG:{OUT_EPSG}",
        "zone_vertices": [int(v) for v in shapely.get_num_coordinates(zones)],
        **crossing,
        "zone_boundary_km": round(float(shapely.length(shapely.boundary(zones_m)).sum()) / 2000, 1),
        "all_valid": valid,
        "lonlat_bounds": [round(v, 5) for v in shapely.total_bounds(zones)],
        "build_seconds": round(t_build, 2),
        "total_seconds": round(time.perf_counter() - t0, 2),
    })
    with open(os.path.join(args.out, "synthetic.json"), "w") as f:
        json.dump(summary, f, indent=2, ensure_ascii=False)
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
