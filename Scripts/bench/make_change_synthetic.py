#!/usr/bin/env python3
"""Deterministic synthetic land-use layers of two survey dates for the `shelterbelt change` benchmark.

Writes, in EPSG:4546 (CGCS2000 / 3-degree Gauss-Kruger CM 111E):
  before.gpkg  a complete partition of the benchmark's region into N Voronoi cells (layer before, field DLBM)
  after.gpkg   another complete partition into N cells from other seed points, over the region shifted 600 m
               east and 300 m south, so a strip of each layer is not covered by the other (layer after, DLBM)
  zones.gpkg   the ten watersheds of make_synthetic.py (WS01..WS10), taken to EPSG:4546 vertex by vertex

Classes (GB/T 21010 codes) come from one coarse class map (Voronoi regions of N/60 seeds, weighted as
make_synthetic.py's LANDUSE_P): a cell takes the class of the map region its seed point falls in. For the later
date 12 % of the map regions change class (sand and bare land mostly to shrub land and grass, as treatment does)
and 2 % of the cells change on their own, so the matrix is mostly diagonal with realistic off-diagonal cells.
Both layers, the zones and every tool's areas are in the one planar CRS: nobody reprojects anything.

Usage: make_change_synthetic.py --cells 200000 --seed 1 --out /tmp/shelterbelt-bench/change-200000-s1
"""
from __future__ import annotations

import argparse
import json
import os
import time

import numpy as np
import shapely
from pyproj import Transformer

from make_synthetic import LANDUSE, LANDUSE_P, PATCH_MARGIN_M, WORK_EPSG, layout_scale, make_zones

EPSG = 4546
AFTER_SHIFT_M = (600.0, -300.0)
# Treatment: what a changed map region of each class becomes at the later date.
TREATED = {"1205": ["0305", "0404", "0301"], "1206": ["0404", "0305"], "0404": ["0305", "0301"],
           "0103": ["0404", "0305"]}


def partition(rng, bounds, n: int):
    """n Voronoi cells of uniform random seeds, clipped to bounds: a complete partition, neighbours sharing their
    vertices exactly; and the seeds, in the cells' order."""
    x0, y0, x1, y1 = bounds
    seeds = shapely.points(np.column_stack([rng.uniform(x0, x1, n), rng.uniform(y0, y1, n)]))
    frame = shapely.box(*bounds)
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(seeds), extend_to=frame, ordered=True))
    return shapely.intersection(cells, frame), seeds


def class_map(rng, bounds, n: int):
    """The coarse class map of the earlier date and of the later one: region seeds and each region's class."""
    x0, y0, x1, y1 = bounds
    seeds = shapely.points(np.column_stack([rng.uniform(x0, x1, n), rng.uniform(y0, y1, n)]))
    before = rng.choice(LANDUSE, size=n, p=LANDUSE_P)
    after = before.copy()
    for index in np.flatnonzero(rng.random(n) < 0.12):
        after[index] = rng.choice(TREATED.get(before[index], list(LANDUSE)))
    return shapely.STRtree(seeds), before, after


def classes(rng, tree, regions, seeds, flip: float):
    """Each cell's class: its seed's map region's class, a share `flip` of the cells redrawn."""
    nearest = tree.query_nearest(seeds, all_matches=False)[1]
    drawn = regions[nearest]
    flipped = rng.random(len(drawn)) < flip
    drawn[flipped] = rng.choice(LANDUSE, size=int(flipped.sum()), p=LANDUSE_P)
    return drawn


def write(path, layer, geometries, attributes):
    import geopandas as gpd  # imported late: only needed to write
    import pyogrio

    if os.path.exists(path):
        os.remove(path)
    frame = gpd.GeoDataFrame(attributes, geometry=geometries, crs=f"EPSG:{EPSG}")
    pyogrio.write_dataframe(frame, path, layer=layer, driver="GPKG", dataset_options={"VERSION": "1.2"})


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cells", type=int, default=200_000, help="cells per layer (default 200000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    zone_rng, before_rng, after_rng, map_rng = (np.random.default_rng([args.seed, i]) for i in (0, 2, 3, 4))
    grow = layout_scale(args.cells)
    to_4546 = Transformer.from_crs(WORK_EPSG, EPSG, always_xy=True)
    zones = shapely.transform(
        make_zones(zone_rng, grow), lambda xy: np.column_stack(to_4546.transform(xy[:, 0], xy[:, 1])))
    x0, y0, x1, y1 = shapely.total_bounds(zones)
    margin = PATCH_MARGIN_M * grow
    region = (x0 - margin, y0 - margin, x1 + margin, y1 + margin)
    dx, dy = AFTER_SHIFT_M
    shifted = (region[0] + dx, region[1] + dy, region[2] + dx, region[3] + dy)

    tree, map_before, map_after = class_map(map_rng, (min(region[0], shifted[0]), min(region[1], shifted[1]),
                                                      max(region[2], shifted[2]), max(region[3], shifted[3])),
                                            max(args.cells // 60, 10))
    before, before_seeds = partition(before_rng, region, args.cells)
    after, after_seeds = partition(after_rng, shifted, args.cells)
    before_class = classes(before_rng, tree, map_before, before_seeds, 0.0)
    after_class = classes(after_rng, tree, map_after, after_seeds, 0.02)
    t_build = time.perf_counter() - t0

    os.makedirs(args.out, exist_ok=True)
    write(os.path.join(args.out, "before.gpkg"), "before", before, {"DLBM": before_class})
    write(os.path.join(args.out, "after.gpkg"), "after", after, {"DLBM": after_class})
    write(os.path.join(args.out, "zones.gpkg"), "zones", zones, {"name": [f"WS{i + 1:02d}" for i in range(10)]})
    summary = {
        "cells": args.cells, "seed": args.seed, "crs": f"EPSG:{EPSG}",
        "before_vertices": int(shapely.get_num_coordinates(before).sum()),
        "after_vertices": int(shapely.get_num_coordinates(after).sum()),
        "all_valid": bool(shapely.is_valid(before).all() and shapely.is_valid(after).all()),
        "mean_cell_m2": round(float(shapely.area(before).mean()), 1),
        "build_seconds": round(t_build, 2), "total_seconds": round(time.perf_counter() - t0, 2),
    }
    with open(os.path.join(args.out, "synthetic.json"), "w") as f:
        json.dump(summary, f, indent=2)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
