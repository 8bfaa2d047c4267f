#!/usr/bin/env python3
"""Tests/Fixtures/zonal: two small GeoTIFFs, their zones and expected.json, the figures computed with
exactextract (the reference implementation of exact cell coverage) and pyproj/GeographicLib, independently
of Shelterbelt's code.

- landcover_lonlat.tif: CGCS2000 lon/lat (EPSG:4490), uint8 classes 1-6, nodata 255, 0.001° cells, tiled 16x16.
- ndvi_gk.tif: CGCS2000 / 3-degree Gauss-Krüger CM 108°E (EPSG:4545), float32 NDVI (multiples of 1/1024, exact
  in float32), nodata -9999, 30 m cells.
- rotated.vrt, no_crs.vrt: the land cover with a rotated geotransform, and without a CRS (both refused).
- zones_lonlat.geojson / zones_gk.geojson: zones in each raster's CRS (so no reprojection stands between the
  two implementations): an irregular polygon, one with a hole, a multipolygon, one reaching beyond the raster.

expected.json holds, per raster and zone: exactextract's coverage-weighted statistics; per class Σ coverage and
Σ coverage × cell area (lon/lat: the exact area between two parallels on GRS80, checked here against
GeographicLib's geodesic area of the densified cell row; projected: each cell's four corners to lon/lat, geodesic
area); Σ coverage of nodata cells and the count of nodata cells touched.

Run: python3 -m venv /tmp/zonal-venv && /tmp/zonal-venv/bin/pip install -r Scripts/requirements.txt
     /tmp/zonal-venv/bin/python Scripts/make_zonal_fixtures.py   (needs gdal_translate from gdal-bin)
"""
import json
import math
import os
import subprocess
import tempfile

import numpy as np
from exactextract import exact_extract
from exactextract.feature import JSONFeatureSource
from exactextract.raster import NumPyRasterSource
from pyproj import Geod, Transformer

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Fixtures", "zonal")
GEOD = Geod(ellps="GRS80")
A = 6378137.0
F = 1 / 298.257222101
E2 = F * (2 - F)
E = math.sqrt(E2)


def q(phi):
    """The authalic function q(φ) (Snyder, Map Projections, eq. 3-12)."""
    s = math.sin(math.radians(phi))
    return (1 - E2) * (s / (1 - E2 * s * s) - 1 / (2 * E) * math.log((1 - E * s) / (1 + E * s)))


def row_area(south, north, width):
    """Area in m² of the quadrangle between two parallels over `width` degrees: Δλ·a²·(q(φ2) − q(φ1))/2."""
    return math.radians(width) * A * A * (q(north) - q(south)) / 2


def check_row_area():
    """The closed form against GeographicLib: a row with its parallels densified into short geodesics."""
    south, north, west, width = 39.75, 39.8, 109.0, 0.06
    n = 200000
    lons = np.linspace(west, west + width, n)
    ring_lon = np.concatenate([lons, lons[::-1]])
    ring_lat = np.concatenate([np.full(n, south), np.full(n, north)])
    geodesic, _ = GEOD.polygon_area_perimeter(ring_lon, ring_lat)
    exact = row_area(south, north, width)
    assert abs(abs(geodesic) - exact) / exact < 1e-9, (geodesic, exact)


def ascii_grid(path, values, xll, yll, cell, nodata):
    rows, cols = values.shape
    with open(path, "w") as f:
        f.write(f"ncols {cols}\nnrows {rows}\nxllcorner {xll!r}\nyllcorner {yll!r}\ncellsize {cell!r}\n")
        f.write(f"NODATA_value {nodata}\n")
        for row in values:
            f.write(" ".join(repr(float(v)) if values.dtype.kind == "f" else str(int(v)) for v in row) + "\n")


def geotiff(name, values, xll, yll, cell, nodata, epsg, gdal_type):
    with tempfile.TemporaryDirectory() as tmp:
        asc = os.path.join(tmp, "grid.asc")
        ascii_grid(asc, values, xll, yll, cell, nodata)
        subprocess.run(
            ["gdal_translate", "-q", "-of", "GTiff", "-ot", gdal_type, "-a_srs", f"EPSG:{epsg}", "-a_nodata",
             str(nodata), "-co", "TILED=YES", "-co", "BLOCKXSIZE=16", "-co", "BLOCKYSIZE=16", "-co",
             "COMPRESS=DEFLATE", asc, os.path.join(OUT, name)], check=True)


def zones_geojson(name, features, epsg):
    collection = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": f"urn:ogc:def:crs:EPSG::{epsg}"}},
        "features": [{"type": "Feature", "properties": {"name": n}, "geometry": g} for n, g in features],
    }
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(collection, f, indent=1)


def extract(raster, features, ops):
    """exactextract's figures for each zone, as a dict per zone (its properties)."""
    source = JSONFeatureSource([{"type": "Feature", "properties": {"name": n}, "geometry": g} for n, g in features])
    return [f["properties"] for f in exact_extract(raster, source, ops, include_cols=["name"])]


def cell_figures(raster, features, cell_area, xmin, ymax, cell):
    """Per zone: exactextract's coverage, values and cell centres, summed per class (Σ c and Σ c·a)."""
    figures = {}
    for row in extract(raster, features, ["coverage", "values", "center_x", "center_y"]):
        classes, cover, area = {}, 0.0, 0.0
        for c, v, x, y in zip(row["coverage"], row["values"], row["center_x"], row["center_y"]):
            column, r = int(math.floor((x - xmin) / cell)), int(math.floor((ymax - y) / cell))
            a = cell_area(r, column)
            key = str(int(v)) if float(v).is_integer() else repr(float(v))
            entry = classes.setdefault(key, {"coverage": 0.0, "area_m2": 0.0})
            entry["coverage"] += float(c)
            entry["area_m2"] += float(c) * a
            cover += float(c)
            area += float(c) * a
        figures[row["name"]] = {"classes": classes, "coverage": cover, "area_m2": area}
    return figures


def nodata_figures(nodata, raster_source, features):
    """Σ coverage of nodata cells and their number, from exactextract's coverage over a raster without nodata."""
    figures = {}
    for row in extract(raster_source, features, ["coverage", "values"]):
        pairs = [(float(c), v) for c, v in zip(row["coverage"], row["values"]) if v == nodata and c > 0]
        figures[row["name"]] = {"nodata_coverage": sum(c for c, _ in pairs), "nodata_cells": len(pairs)}
    return figures


def main():
    os.makedirs(OUT, exist_ok=True)
    check_row_area()
    rng = np.random.default_rng(14)
    expected = {}

    # Land cover, lon/lat.
    cols, rows, cell, west, north = 60, 50, 0.001, 109.0, 39.8
    classes = rng.integers(1, 7, size=(rows, cols)).astype(np.uint8)
    classes[10:14, 20:26] = 255
    geotiff("landcover_lonlat.tif", classes, west, north - rows * cell, cell, 255, 4490, "Byte")
    lonlat_zones = [
        ("沙地", {"type": "Polygon", "coordinates": [[[109.0032, 39.7601], [109.0317, 39.7622], [109.0291, 39.7893],
                                                      [109.0123, 39.7951], [109.0052, 39.7787], [109.0032, 39.7601]]]}),
        ("ring", {"type": "Polygon", "coordinates": [
            [[109.0305, 39.7555], [109.0583, 39.7555], [109.0583, 39.7905], [109.0305, 39.7905], [109.0305, 39.7555]],
            [[109.0401, 39.7651], [109.0401, 39.7802], [109.0499, 39.7802], [109.0499, 39.7651],
             [109.0401, 39.7651]]]}),
        ("parts", {"type": "MultiPolygon", "coordinates": [
            [[[109.0011, 39.7511], [109.0096, 39.7511], [109.0071, 39.7583], [109.0011, 39.7511]]],
            [[[109.0203, 39.7504], [109.0288, 39.7531], [109.0241, 39.7589], [109.0203, 39.7504]]]]}),
        ("edge", {"type": "Polygon", "coordinates": [[[109.0504, 39.7956], [109.0707, 39.7931], [109.0688, 39.8123],
                                                      [109.0504, 39.7956]]]}),
    ]
    zones_geojson("zones_lonlat.geojson", lonlat_zones, 4490)
    extent = (west, north - rows * cell, west + cols * cell, north)
    raster = NumPyRasterSource(classes.astype(np.float64), *extent, nodata=255)
    figures = cell_figures(raster, lonlat_zones,
                           lambda r, c: row_area(north - (r + 1) * cell, north - r * cell, cell), west, north, cell)
    nodata = nodata_figures(255, NumPyRasterSource(classes.astype(np.float64), *extent), lonlat_zones)
    for name in figures:
        figures[name].update(nodata[name])
    row_areas = [row_area(north - (r + 1) * cell, north - r * cell, cell) for r in range(rows)]
    expected["landcover_lonlat"] = {"zones": figures, "row_areas_m2": row_areas}

    # NDVI, Gauss-Krüger.
    cols, rows, cell, west, north = 80, 60, 30.0, 560000.0, 4400000.0
    ndvi = (rng.integers(-100, 900, size=(rows, cols)) / 1024.0).astype(np.float32)
    ndvi[40:45, 5:15] = -9999
    geotiff("ndvi_gk.tif", ndvi, west, north - rows * cell, cell, -9999, 4545, "Float32")
    gk_zones = [
        ("west", {"type": "Polygon", "coordinates": [[[560123.4, 4398345.6], [561011.1, 4398402.2],
                                                       [560877.7, 4399876.5], [560301.9, 4399501.3],
                                                       [560123.4, 4398345.6]]]}),
        ("east", {"type": "Polygon", "coordinates": [
            [[561200.5, 4398260.0], [562350.0, 4398260.0], [562350.0, 4399700.0], [561200.5, 4399700.0],
             [561200.5, 4398260.0]],
            [[561500.0, 4398700.0], [561500.0, 4399200.0], [561900.0, 4399200.0], [561900.0, 4398700.0],
             [561500.0, 4398700.0]]]}),
        ("outside", {"type": "Polygon", "coordinates": [[[562200.0, 4399800.0], [562700.0, 4399900.0],
                                                          [562300.0, 4400400.0], [562200.0, 4399800.0]]]}),
    ]
    zones_geojson("zones_gk.geojson", gk_zones, 4545)
    to_lonlat = Transformer.from_crs("EPSG:4545", "EPSG:4490", always_xy=True)

    def gk_cell_area(r, c):
        xs = [west + c * cell, west + (c + 1) * cell, west + (c + 1) * cell, west + c * cell]
        ys = [north - r * cell, north - r * cell, north - (r + 1) * cell, north - (r + 1) * cell]
        lon, lat = to_lonlat.transform(xs, ys)
        return abs(GEOD.polygon_area_perimeter(lon, lat)[0])

    extent = (west, north - rows * cell, west + cols * cell, north)
    raster = NumPyRasterSource(ndvi.astype(np.float64), *extent, nodata=-9999)
    ops = ["mean", "min", "max", "sum", "count", "stdev", "median", "quantile(q=0.9)"]
    stats = extract(raster, gk_zones, ops)
    figures = cell_figures(raster, gk_zones, gk_cell_area, west, north, cell)
    nodata = nodata_figures(-9999, NumPyRasterSource(ndvi.astype(np.float64), *extent), gk_zones)
    zones = {}
    for row in stats:
        name = row["name"]
        at_least = sum(e["area_m2"] for v, e in figures[name]["classes"].items() if float(v) >= 0.5)
        zones[name] = {
            "mean": row["mean"], "min": row["min"], "max": row["max"], "sum": row["sum"], "count": row["count"],
            "stdev": row["stdev"], "median": row["median"], "p90": row["quantile_90"],
            "coverage>=0.5": at_least / figures[name]["area_m2"], "area_m2": figures[name]["area_m2"],
            **nodata[name],
        }
    expected["ndvi_gk"] = {"zones": zones}
    # Two rasters that must be refused: a rotated geotransform, and no CRS (VRTs over the land cover).
    for name, transform, srs in [
        ("rotated.vrt", "109.0, 0.001, 0.0002, 39.8, 0.0001, -0.001", "<SRS>EPSG:4490</SRS>"),
        ("no_crs.vrt", "109.0, 0.001, 0.0, 39.8, 0.0, -0.001", ""),
    ]:
        with open(os.path.join(OUT, name), "w") as f:
            f.write(f'<VRTDataset rasterXSize="60" rasterYSize="50">{srs}<GeoTransform>{transform}</GeoTransform>'
                    '<VRTRasterBand dataType="Byte" band="1"><NoDataValue>255</NoDataValue><SimpleSource>'
                    '<SourceFilename relativeToVRT="1">landcover_lonlat.tif</SourceFilename><SourceBand>1</SourceBand>'
                    '</SimpleSource></VRTRasterBand></VRTDataset>\n')
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
