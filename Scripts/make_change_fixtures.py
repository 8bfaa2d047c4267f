#!/usr/bin/env python3
"""Fixtures and independent reference values for `shelterbelt change` (Tests/Fixtures/change).

Two land-use layers of one small area near 108.93°E 39.62°N for two survey dates, and two zones:

  before.shp (+.shx .dbf .prj .cpg)  a complete partition of 108.90–108.96°E × 39.60–39.64°N into 6 cells,
                                     EPSG:4490 (lon/lat), class field DLMC with GBK-encoded Chinese names
  after.gpkg (layer after)           a complete partition of a shifted rectangle into 12 cells with other
                                     boundaries, stored in EPSG:4545 (Gauss-Krüger CM 108°E), class field LUCLASS
  zones.geojson                      two zones (name: Zone A, Zone B) with a slanted common boundary; the east
                                     strip of both layers lies outside every zone
  expected.json                      the matrix per zone, outside and total, for the geodesic and the
                                     planar:EPSG:4545 area methods

The reference is computed here with shapely 2 (overlay) and pyproj, not with anything Shelterbelt uses:
geodesic areas with pyproj.Geod(ellps="GRS80") on rings whose edges are densified every 0.00001° in lon/lat (so
they follow edges straight in lon/lat, as Shelterbelt's default does, to ~1e-12), planar areas with shapely's
shoelace in EPSG:4545. Each layer's edges are straight in the CRS it is stored in: the Gauss-Krüger cells of
AFTER are densified every 1 m in EPSG:4545 before they are taken to lon/lat, the lon/lat cells of BEFORE and the
zones every 0.00001° before they are taken to EPSG:4545.

Deterministic (no randomness; OGR_CURRENT_DATE fixes the DBF and GeoPackage dates). Needs the pinned shapely,
pyproj and pyogrio of Scripts/requirements.txt (Scripts/bench/setup.sh makes such a .venv) and ogr2ogr (gdal-bin).

Usage: .venv/bin/python Scripts/make_change_fixtures.py [--out Tests/Fixtures/change]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
from pathlib import Path

import shapely
from pyproj import Geod, Transformer
from shapely.geometry import Polygon, mapping
from shapely.ops import unary_union

GEOD = Geod(ellps="GRS80")
TO_GK = Transformer.from_crs(4490, 4545, always_xy=True)
FROM_GK = Transformer.from_crs(4545, 4490, always_xy=True)
STEP_DEGREES = 0.00001
STEP_METRES = 1.0


def grid(x0, y0, dx, dy, columns, rows, shift):
    """Grid nodes with the inner ones moved by `shift(i, j)` (degrees), so cell edges are slanted."""
    nodes = {}
    for i in range(columns + 1):
        for j in range(rows + 1):
            sx, sy = shift(i, j)
            inner_x = 0 < i < columns
            inner_y = 0 < j < rows
            x = x0 + i * dx + (sx if inner_x else 0)
            y = y0 + j * dy + (sy if inner_y else 0)
            nodes[i, j] = (round(x, 6), round(y, 6))
    return nodes


def cells(nodes, columns, rows, classes):
    out = []
    for j in range(rows):
        for i in range(columns):
            ring = [nodes[i, j], nodes[i + 1, j], nodes[i + 1, j + 1], nodes[i, j + 1], nodes[i, j]]
            out.append((Polygon(ring), classes[j * columns + i]))
    return out


BEFORE_CLASSES = ["沙地", "沙地", "其他草地", "灌木林地", "裸土地", "其他草地"]
AFTER_CLASSES = [
    "灌木林地", "其他草地", "其他草地", "乔木林地",
    "沙地", "灌木林地", "灌木林地", "其他草地",
    "其他草地", "裸土地", "乔木林地", "沙地",
]


def before_layer():
    nodes = grid(108.90, 39.60, 0.02, 0.02, 3, 2, lambda i, j: (0.003 * (-1) ** (i + j), 0.002 * (-1) ** i))
    return cells(nodes, 3, 2, BEFORE_CLASSES)


def after_layer_lonlat():
    """AFTER's vertices, chosen in lon/lat and then stored in EPSG:4545 (where its edges are straight)."""
    nodes = grid(108.905, 39.595, 0.015, 0.0143, 4, 3, lambda i, j: (0.002 * (-1) ** j, 0.0025 * (-1) ** (i + 1)))
    return cells(nodes, 4, 3, AFTER_CLASSES)


ZONES = [
    ("Zone A", Polygon([(108.895, 39.59), (108.937, 39.59), (108.931, 39.65), (108.895, 39.65)])),
    ("Zone B", Polygon([(108.937, 39.59), (108.952, 39.59), (108.950, 39.65), (108.931, 39.65)])),
]


def to_gk(g):
    return shapely.transform(g, lambda x, y: TO_GK.transform(x, y), interleaved=False)


def to_lonlat(g):
    return shapely.transform(g, lambda x, y: FROM_GK.transform(x, y), interleaved=False)


def geodesic_area(g) -> float:
    """GRS80 area of a (multi)polygon in lon/lat with edges straight in lon/lat (densified first)."""
    total = 0.0
    for part in shapely.get_parts(shapely.segmentize(g, STEP_DEGREES)):
        if part.geom_type != "Polygon" or part.is_empty:
            continue
        rings = [part.exterior] + list(part.interiors)
        for index, ring in enumerate(rings):
            xs, ys = ring.coords.xy
            area = abs(GEOD.polygon_area_perimeter(list(xs), list(ys))[0])
            total += area if index == 0 else -area
    return total


def polygonal(g):
    parts = [p for p in shapely.get_parts(g) if p.geom_type in ("Polygon", "MultiPolygon")]
    return unary_union(parts) if parts else Polygon()


def matrix(before, after, zones, area):
    """{scope: {"cells": [[before, after, m2]], "not_in_after": {class: m2}, "not_in_before": {class: m2}}}."""
    before_union = unary_union([g for g, _ in before])
    after_union = unary_union([g for g, _ in after])
    zone_union = unary_union([g for _, g in zones])
    everything = unary_union([before_union, after_union])
    scopes = list(zones) + [("outside", everything.difference(zone_union)), ("total", everything)]
    result = {}
    for name, region in scopes:
        cells = {}
        for b, bc in before:
            for a, ac in after:
                piece = polygonal(b.intersection(a).intersection(region))
                if not piece.is_empty:
                    cells[bc, ac] = cells.get((bc, ac), 0.0) + area(piece)
        not_after, not_before = {}, {}
        for b, bc in before:
            piece = polygonal(b.intersection(region).difference(after_union))
            not_after[bc] = not_after.get(bc, 0.0) + (area(piece) if not piece.is_empty else 0.0)
        for a, ac in after:
            piece = polygonal(a.intersection(region).difference(before_union))
            not_before[ac] = not_before.get(ac, 0.0) + (area(piece) if not piece.is_empty else 0.0)
        result[name] = {
            "cells": [[bc, ac, value] for (bc, ac), value in sorted(cells.items())],
            "not_in_after": dict(sorted(not_after.items())),
            "not_in_before": dict(sorted(not_before.items())),
        }
    return result


def write_feature_collection(path, features, crs=None):
    document = {"type": "FeatureCollection"}
    if crs:
        document["crs"] = {"type": "name", "properties": {"name": crs}}
    document["features"] = [
        {"type": "Feature", "properties": props, "geometry": mapping(geometry)} for geometry, props in features
    ]
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "Tests/Fixtures/change"))
    out = Path(parser.parse_args().out)
    out.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, OGR_CURRENT_DATE="2026-01-01T00:00:00Z")

    before = before_layer()
    after_gk = [(to_gk(g), c) for g, c in after_layer_lonlat()]  # as stored: straight edges in EPSG:4545

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "before.geojson"
        write_feature_collection(source, [(g, {"DLMC": c}) for g, c in before], "urn:ogc:def:crs:EPSG::4490")
        for ext in ["shp", "shx", "dbf", "prj", "cpg"]:
            (out / f"before.{ext}").unlink(missing_ok=True)
        subprocess.run(
            ["ogr2ogr", "-f", "ESRI Shapefile", "-lco", "ENCODING=CP936", "-a_srs", "EPSG:4490",
             str(out / "before.shp"), str(source)], check=True, env=env)
        source = Path(tmp) / "after.geojson"
        write_feature_collection(source, [(g, {"LUCLASS": c}) for g, c in after_gk], "urn:ogc:def:crs:EPSG::4545")
        (out / "after.gpkg").unlink(missing_ok=True)
        subprocess.run(
            ["ogr2ogr", "-f", "GPKG", "-nln", "after", "-a_srs", "EPSG:4545", str(out / "after.gpkg"), str(source)],
            check=True, env=env)
    write_feature_collection(out / "zones.geojson", [(g, {"name": n}) for n, g in ZONES])

    # Each layer's edges straight in its own CRS, followed into the other CRS by dense vertices.
    after_lonlat = [(to_lonlat(shapely.segmentize(g, STEP_METRES)), c) for g, c in after_gk]
    before_gk = [(to_gk(shapely.segmentize(g, STEP_DEGREES)), c) for g, c in before]
    zones_gk = [(n, to_gk(shapely.segmentize(g, STEP_DEGREES))) for n, g in ZONES]
    expected = {
        "about": "made by Scripts/make_change_fixtures.py (shapely overlay, pyproj.Geod GRS80, shoelace in "
        "EPSG:4545); areas in m²",
        "geodesic": matrix(before, after_lonlat, ZONES, geodesic_area),
        "planar_4545": matrix(before_gk, after_gk, zones_gk, lambda g: g.area),
        "before_area_m2": {"geodesic": sum(geodesic_area(g) for g, _ in before)},
        "after_area_m2": {"geodesic": sum(geodesic_area(g) for g, _ in after_lonlat)},
    }
    (out / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
