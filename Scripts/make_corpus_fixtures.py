#!/usr/bin/env python3
"""Reference areas for the polygon inputs of the public GIS test suites (GEOS, JTS, Turf, chrieke).

Writes Tests/Fixtures/corpus/expected.json (or --out FILE): one line per entry, compact JSON.

  XML suites (GEOS xmltester, JTS testxml): every polygonal <a>/<b> input of every <case>, mapped
      near Ordos by a per-case affine map and stored as WKT, with its expected areas.
  GeoJSON suites (Turf test inputs, chrieke_geojson_invalid_geometry examples): one entry per
      feature, areas from the file's own lon/lat coordinates. The files themselves stay in
      ../shared/data/testsuites (tests read them from there and skip when absent).

Expected areas (m², GRS80, pyproj.Geod.geometry_area_perimeter, |shell| - |holes|, parts summed):
  area_geodesic_edges  make_valid(method="structure", keep_collapsed=False) if invalid, polygonal
                       part only, edges geodesics between the stored vertices
  area_lonlat_edges    the same, then shapely.segmentize(.., 0.0009 deg): edges straight in lon/lat

Deterministic: running twice gives byte-identical output (`--check` compares with the file).
Requires shapely 2.2.0, pyproj 3.7.2 (pins in Scripts/requirements.txt) and gdal-bin (ogrinfo, ogr2ogr).

Usage:
  python3 -m venv /tmp/corpus-venv && /tmp/corpus-venv/bin/pip install shapely==2.2.0 pyproj==3.7.2 numpy==2.4.6
  /tmp/corpus-venv/bin/python Scripts/make_corpus_fixtures.py [--suites DIR] [--out FILE] [--check]
"""
from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import warnings
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import numpy as np
import pyproj
import shapely
from pyproj import Geod

GEOD = Geod(ellps="GRS80")          # what the Swift side uses through PROJ (geod_polygonarea)
REPO = Path(__file__).resolve().parent.parent
DEFAULT_SUITES = REPO.parent / "shared" / "data" / "testsuites"
DEFAULT_OUT = REPO / "Tests" / "Fixtures" / "corpus" / "expected.json"

CENTRE = (109.5, 39.5)              # lon, lat the XML cases are moved to (central Ordos)
MAX_SPAN = 0.05                     # degrees: larger envelope side after the map, never enlarged
SEGMENT = 0.0009                    # degrees: shapely.segmentize threshold for area_lonlat_edges
WKT_DECIMALS = 10                   # 1e-10 deg ~ 0.01 mm; WKT is re-read before measuring, so exact
SUSPICIOUS_RATIO = 0.5              # flag repairs that keep < 50 % or > 200 % of the unrepaired area

XML_SUITES = {"geos": "geos/tests/xmltester", "jts": "jts/modules/tests"}
TURF_PACKAGES = ["turf-intersect", "turf-union", "turf-difference", "turf-kinks", "turf-boolean-valid"]
CHRIEKE = "chrieke_geojson_invalid_geometry/examples"


# --------------------------------------------------------------------------- areas

def polygon_parts(g) -> list:
    """Every Polygon inside g (recursing into multi-geometries and collections); lines/points dropped."""
    if g is None or g.is_empty:
        return []
    if g.geom_type == "Polygon":
        if any(h.is_empty for h in g.interiors):
            # an EMPTY hole adds no area, and shapely.segmentize (GEOS 3.14.1) segfaults on it
            return [shapely.Polygon(g.exterior, [h for h in g.interiors if not h.is_empty])]
        return [g]
    if g.geom_type in ("MultiPolygon", "GeometryCollection"):
        return [p for part in g.geoms for p in polygon_parts(part)]
    return []


def polygon_parts_raw(g) -> list:
    """Like polygon_parts, but the polygons exactly as stored."""
    if g is None or g.is_empty:
        return []
    if g.geom_type == "Polygon":
        return [g]
    if g.geom_type in ("MultiPolygon", "GeometryCollection"):
        return [p for part in g.geoms for p in polygon_parts_raw(part)]
    return []


def geod_area(parts) -> float:
    """Geodesic area (m²) of a list of polygons: per part |shell| - |holes|, summed.

    geometry_area_perimeter sums SIGNED ring areas, so each part is oriented first (shell CCW,
    holes CW), which makes the signed sum exactly |shell| - |holes|."""
    total = 0.0
    for p in parts:
        a = GEOD.geometry_area_perimeter(shapely.orient_polygons(p))[0]
        total += abs(a)
    return total


def unrepaired_area(parts) -> float:
    """What a reader that never repairs gets: |ring| per ring, holes subtracted, no make-valid."""
    total = 0.0
    for p in parts:
        a = abs(GEOD.polygon_area_perimeter(*p.exterior.coords.xy)[0])
        for h in p.interiors:
            a -= abs(GEOD.polygon_area_perimeter(*h.coords.xy)[0])
        total += a
    return total


def measure(g) -> dict:
    """The expected-values block for one lon/lat geometry (already in its final coordinates)."""
    valid = bool(g.is_valid)
    repaired = g if valid else shapely.make_valid(g, method="structure", keep_collapsed=False)
    parts = polygon_parts(repaired)
    # segmentize AFTER make-valid: the repair works on the stored vertices, densifying only
    # changes which edge (geodesic or lon/lat straight line) joins two consecutive vertices
    dense = [shapely.segmentize(p, SEGMENT) for p in parts]
    out = {
        "expected": {"area_geodesic_edges": geod_area(parts), "area_lonlat_edges": geod_area(dense)},
        "valid_input": valid,
        "empty_after_repair": not parts,
    }
    notes = []
    if any(h.is_empty for p in polygon_parts_raw(g) for h in p.interiors):
        notes.append("polygon with an EMPTY hole: measured without it (shapely.segmentize segfaults on it)")
    if not valid:
        out["invalid_reason"] = shapely.is_valid_reason(g)
        raw = unrepaired_area(polygon_parts(g))
        out["area_unrepaired"] = raw
        rep = out["expected"]["area_geodesic_edges"]
        if raw > 0 and not (SUSPICIOUS_RATIO <= rep / raw <= 1 / SUSPICIOUS_RATIO):
            notes.append(f"make-valid changes the area strongly: repaired/unrepaired = {rep / raw:.4g}")
    if len(parts) > 1:
        # collections may hold overlapping polygons that stay separate after repair: summed, not unioned
        planar_sum = sum(p.area for p in parts)
        planar_union = shapely.union_all(parts).area
        if planar_sum > planar_union * (1 + 1e-9) + 1e-18:
            notes.append("overlapping polygon parts (a collection): areas summed, overlap counted twice")
    if notes:
        out["notes"] = notes
    return out


# --------------------------------------------------------------------------- XML suites

def affine_for(geoms) -> tuple[float, float, float] | None:
    """(s, cx, cy) mapping the case's joint envelope centre to CENTRE, scale s = min(1, MAX_SPAN / side)."""
    boxes = [g.bounds for g in geoms if g is not None and not g.is_empty]
    if not boxes:
        return None
    b = np.array(boxes)
    xmin, ymin, xmax, ymax = b[:, 0].min(), b[:, 1].min(), b[:, 2].max(), b[:, 3].max()
    side = max(xmax - xmin, ymax - ymin)
    s = 1.0 if side <= MAX_SPAN else MAX_SPAN / side   # side 0 (all points equal): translate only
    return s, (xmin + xmax) / 2, (ymin + ymax) / 2


def apply_affine(g, m):
    if m is None or g.is_empty:
        return g                    # empty inputs are kept as they come
    s, cx, cy = m
    # 2D only (include_z=False): a Z value does not take part in an area
    return shapely.transform(g, lambda xy: np.column_stack(
        (CENTRE[0] + s * (xy[:, 0] - cx), CENTRE[1] + s * (xy[:, 1] - cy))))


def read_xml_geom(text: str):
    """WKT, or hex WKB as a few JTS cases use. Raises for what shapely can't read (curves)."""
    text = " ".join(text.split())
    if text and all(c in "0123456789abcdefABCDEF" for c in text):
        return shapely.from_wkb(text)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)   # TestValid.xml has NaN on purpose
        return shapely.from_wkt(text)


def is_polygonal_input(g) -> bool:
    """Polygon / MultiPolygon (also EMPTY), or a collection holding at least one of them."""
    if g.geom_type in ("Polygon", "MultiPolygon"):
        return True
    if g.geom_type == "GeometryCollection":
        return any(is_polygonal_input(p) for p in g.geoms)
    return False


def xml_entries(suites: Path, suite: str, counts: Counter) -> list[dict]:
    entries = []
    for f in sorted((suites / XML_SUITES[suite]).rglob("*.xml")):
        rel = f.relative_to(suites).as_posix()
        root = ET.parse(f).getroot()
        counts["files"] += 1
        for ci, case in enumerate(root.iter("case"), start=1):
            counts["cases"] += 1
            desc = " ".join((case.findtext("desc") or "").split())
            geoms = {}
            for role in ("a", "b"):
                el = case.find(role)
                if el is None or not (el.text or "").strip():
                    continue
                counts["inputs"] += 1
                try:
                    geoms[role] = read_xml_geom(el.text)
                except (shapely.errors.GEOSException, NotImplementedError) as e:
                    counts["unreadable_inputs"] += 1   # shapely reads no curves (CURVEPOLYGON, ...)
                    kind = "curve geometry" if "Nonlinear" in str(e) else str(e)
                    counts[f"unreadable: {kind}"] += 1
            m = affine_for(geoms.values())
            for role, g in geoms.items():
                if not is_polygonal_input(g):
                    counts["non_polygonal_inputs_skipped"] += 1
                    continue
                counts["polygonal_inputs"] += 1
                if not np.isfinite(shapely.get_coordinates(g)).all():
                    # GEOS reads NaN and make_valid even "repairs" it into an area: a reader must refuse
                    counts["reader_should_refuse"] += 1
                    entries.append({"source": rel, "case": {"index": ci, "desc": desc}, "role": role,
                                    "input_type": g.geom_type, "wkt": shapely.to_wkt(apply_affine(g, m),
                                    rounding_precision=WKT_DECIMALS, trim=True),
                                    "reader_should_refuse": "coordinates: non-finite value"})
                    continue
                wkt = shapely.to_wkt(apply_affine(g, m), rounding_precision=WKT_DECIMALS, trim=True)
                mapped = shapely.from_wkt(wkt)   # measure exactly what the fixture stores
                e = {"source": rel, "case": {"index": ci, "desc": desc}, "role": role,
                     "input_type": g.geom_type, "wkt": wkt}
                e.update(measure(mapped))
                counts["invalid_inputs"] += not e["valid_input"]
                counts["empty_after_repair"] += e["empty_after_repair"]
                entries.append(e)
    return entries


# --------------------------------------------------------------------------- GeoJSON suites

class Broken(Exception):
    """The file's structure or coordinates are not usable as GeoJSON longitude/latitude."""


class Notes(set):
    """Notes collected while reading one feature, plus the transformation from the file's declared
    (legacy 'crs' member) CRS to lon/lat, or None for plain RFC 7946 lon/lat."""

    def __init__(self, xform=None):
        super().__init__()
        self.xform = xform


DEPTH = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2, "Polygon": 2, "MultiPolygon": 3}


def position(p, notes) -> tuple[float, float]:
    if not isinstance(p, list) or len(p) < 2:
        raise Broken(f"structure: position is not an array of >= 2 numbers: {json.dumps(p)[:60]}")
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in p):
        raise Broken(f"structure: position holds a non-number: {json.dumps(p)[:60]}")
    x, y = float(p[0]), float(p[1])
    if notes.xform is not None:
        x, y = notes.xform.transform(x, y)
    if not (math.isfinite(x) and math.isfinite(y)):
        raise Broken("coordinates: non-finite value")
    if abs(y) > 90:
        raise Broken(f"coordinates: latitude {y} outside [-90, 90]")
    if abs(x) > 180:
        raise Broken(f"coordinates: longitude {x} outside [-180, 180]")
    if len(p) > 2:
        notes.add(f"{len(p)}D positions: only lon/lat used")
    return x, y


def path(coords, notes) -> list[tuple[float, float]]:
    if not isinstance(coords, list):
        raise Broken("structure: coordinates nested too shallow")
    pts = [position(p, notes) for p in coords]
    for (x0, _), (x1, _) in zip(pts, pts[1:]):
        if abs(x1 - x0) > 180:
            raise Broken(f"coordinates: crosses the antimeridian (longitude jumps {x0} -> {x1})")
    return pts


def ring(coords, notes):
    """A closed ring (GDAL closes unclosed rings, so do we), or None if it has < 4 positions."""
    pts = path(coords, notes)
    if pts and pts[0] != pts[-1]:
        notes.add("unclosed ring: closed, as GDAL does (it warns 'Non closed ring detected')")
        pts = pts + [pts[0]]
    if len(pts) < 4:
        notes.add("ring with fewer than 4 positions: collapsed, contributes no area")
        return None
    return pts


def polygon(coords, notes):
    if not isinstance(coords, list):
        raise Broken("structure: Polygon coordinates are not an array of rings")
    rings = [ring(r, notes) for r in coords]
    if not rings or rings[0] is None:
        return shapely.Polygon()
    return shapely.Polygon(rings[0], [r for r in rings[1:] if r is not None])


def geometry(obj, notes):
    """shapely geometry (2D) from a GeoJSON geometry object, checking structure and lon/lat."""
    if obj is None:
        return None
    if not isinstance(obj, dict):
        raise Broken(f"structure: geometry is a {type(obj).__name__}, not an object")
    t = obj.get("type")
    if t == "GeometryCollection":
        gs = obj.get("geometries")
        if not isinstance(gs, list):
            raise Broken("structure: GeometryCollection without a 'geometries' array")
        if any(g is None for g in gs):
            raise Broken("structure: null member in a GeometryCollection")
        if any(isinstance(g, dict) and g.get("type") == "GeometryCollection" for g in gs):
            notes.add("nested GeometryCollection (RFC 7946 discourages it)")
        return shapely.GeometryCollection([geometry(g, notes) for g in gs])
    if t not in DEPTH:
        raise Broken(f"structure: unknown geometry type {t!r}")
    c = obj.get("coordinates")
    if not isinstance(c, list):
        raise Broken(f"structure: {t} without a 'coordinates' array")
    # every leaf must sit at exactly the nesting depth the type calls for
    def depth_ok(v, d):
        if d == 0:
            return isinstance(v, list) and all(not isinstance(x, list) for x in v)
        return isinstance(v, list) and all(depth_ok(x, d - 1) for x in v)
    if not depth_ok(c, DEPTH[t]):
        raise Broken(f"structure: {t} coordinates not nested {DEPTH[t] + 1} deep")
    if t == "Point":
        return shapely.Point(position(c, notes))
    if t == "MultiPoint":
        return shapely.MultiPoint([position(p, notes) for p in c]) if c else shapely.MultiPoint()
    if t == "LineString":
        pts = path(c, notes)
        return shapely.LineString(pts) if len(pts) >= 2 else shapely.LineString()
    if t == "MultiLineString":
        return shapely.MultiLineString([path(l, notes) for l in c if len(l) >= 2])
    if t == "Polygon":
        return polygon(c, notes)
    polys = [polygon(p, notes) for p in c]
    return shapely.MultiPolygon([p for p in polys if not p.is_empty])


def raw_features(doc) -> list:
    """Features as GDAL lists them: a FeatureCollection's features, one Feature, or one bare geometry."""
    # GDAL also takes a lowercase 'featurecollection' (RFC 7946 is case-sensitive)
    if isinstance(doc, dict) and str(doc.get("type")).lower() == "featurecollection":
        return doc.get("features") or []
    if isinstance(doc, dict) and doc.get("type") == "Feature":
        return [doc]
    return [{"type": "Feature", "geometry": doc, "_bare": True}]


def gdal_open(f: Path) -> tuple[bool, str, list | None]:
    """(opens, first error line, GDAL's features as GeoJSON dicts) using the system gdal-bin."""
    r = subprocess.run(["ogrinfo", "-ro", "-so", str(f)], capture_output=True, text=True)
    err = next((l.strip() for l in (r.stderr + r.stdout).splitlines() if l.startswith(("ERROR", "FAILURE"))), "")
    if r.returncode != 0:
        return False, err or f"ogrinfo exit status {r.returncode}", None
    r = subprocess.run(["ogr2ogr", "-f", "GeoJSON", "/vsistdout/", str(f)], capture_output=True, text=True)
    feats = json.loads(r.stdout)["features"] if r.returncode == 0 and r.stdout.strip() else None
    return True, err, feats


def geojson_entries(suites: Path, files: list[Path], counts: Counter) -> list[dict]:
    entries = []
    for f in files:
        rel = f.relative_to(suites).as_posix()
        counts["files"] += 1
        opens, err, gfeats = gdal_open(f)
        if not opens:
            counts["gdal_refuses"] += 1
            entries.append({"source": rel, "feature": None, "gdal_refuses": True, "gdal_error": err})
            continue
        try:
            doc = json.loads(f.read_text(encoding="utf-8"))
            feats = raw_features(doc)
        except (ValueError, UnicodeDecodeError) as e:
            feats, err = [], f"not JSON: {e}"
        file_notes = []
        xform = declared_crs(doc, file_notes)
        if not feats:
            counts["files_without_features"] += 1
            entries.append(add_notes({"source": rel, "feature": None, "features_read": 0}, set(), file_notes))
            continue
        if gfeats is None or len(gfeats) != len(feats):
            file_notes.append(f"GDAL reads {None if gfeats is None else len(gfeats)} features, "
                              f"the file has {len(feats)}")
        if err:
            file_notes.append(f"GDAL says: {err}")
        for i, feat in enumerate(feats):
            counts["features"] += 1
            notes = Notes(xform)
            e = {"source": rel, "feature": i}
            gdal_geom = gfeats[i]["geometry"] if gfeats is not None and i < len(gfeats) else "missing"
            try:
                if not isinstance(feat, dict):
                    raise Broken(f"structure: feature is {json.dumps(feat)}, not an object")
                if "geometry" not in feat:
                    notes.add("feature has no 'geometry' member: read as a null geometry")
                g = geometry(feat.get("geometry"), notes)
            except Broken as b:
                counts["reader_should_refuse"] += 1
                e["reader_should_refuse"] = str(b)
                e["gdal_reads"] = gdal_summary(gdal_geom)
                entries.append(add_notes(e, notes, file_notes))
                continue
            e["geometry_type"] = None if g is None else g.geom_type
            if g is None or not is_polygonal_input(g):
                counts["non_polygonal_features"] += 1
                e["polygonal"] = False
            else:
                counts["polygonal_features"] += 1
                e.update(measure(g))
                counts["invalid_inputs"] += not e["valid_input"]
            entries.append(add_notes(e, notes, file_notes))
    return entries


def declared_crs(doc, file_notes: list):
    """Transformer to lon/lat for a legacy 'crs' member that names a projected CRS (GDAL honours it)."""
    name = doc.get("crs", {}).get("properties", {}).get("name") if isinstance(doc, dict) else None
    if not name:
        return None
    crs = pyproj.CRS.from_user_input(name)
    if crs.is_geographic:
        file_notes.append(f"declares crs {name} (geographic): coordinates used as they are")
        return None
    file_notes.append(f"declares crs {name} (GDAL honours it): vertices transformed to EPSG:4326 lon/lat "
                      "with pyproj, then measured like the others")
    return pyproj.Transformer.from_crs(crs, 4326, always_xy=True)


def gdal_summary(g) -> str:
    if g == "missing":
        return "no such feature"
    if g is None:
        return "null geometry"
    return g.get("type", "?")


def add_notes(e: dict, notes: set, file_notes: list) -> dict:
    allnotes = sorted(notes) + file_notes
    if allnotes:
        e["notes"] = e.get("notes", []) + allnotes
    return e


def geojson_files(suites: Path) -> dict[str, list[Path]]:
    turf = []
    for pkg in TURF_PACKAGES:
        test = suites / "turf" / "packages" / pkg / "test"
        # turf-boolean-valid has no test/in: its inputs are test/true and test/false
        dirs = [test / "in"] if (test / "in").is_dir() else [test / "true", test / "false"]
        turf += [p for d in dirs if d.is_dir() for p in d.rglob("*") if p.suffix in (".geojson", ".json")]
    chrieke = [p for p in (suites / CHRIEKE).rglob("*") if p.suffix in (".geojson", ".json")]
    return {"turf": sorted(turf), "chrieke": sorted(chrieke)}


# --------------------------------------------------------------------------- output

def generate(suites: Path, command: str) -> tuple[str, dict]:
    counts: dict[str, Counter] = {}
    entries = []
    for suite in XML_SUITES:
        counts[suite] = Counter()
        entries += xml_entries(suites, suite, counts[suite])
    for suite, files in geojson_files(suites).items():
        counts[suite] = Counter(gdal_refuses=0, reader_should_refuse=0)   # zeros listed too
        entries += geojson_entries(suites, files, counts[suite])
    gdal = subprocess.run(["ogrinfo", "--version"], capture_output=True, text=True).stdout.strip()
    header = {
        "what": "reference areas (m2, GRS80) for the polygon inputs of the GEOS/JTS XML tests, the Turf "
                "test inputs and chrieke/geojson-invalid-geometry examples",
        "script": "Scripts/make_corpus_fixtures.py",
        "command": command,
        "versions": {"shapely": shapely.__version__, "GEOS": shapely.geos_version_string,
                     "pyproj": pyproj.__version__, "PROJ": pyproj.proj_version_str, "gdal-bin": gdal},
        "suites_root": "../shared/data/testsuites (source paths are relative to it)",
        "areas": "pyproj.Geod(ellps='GRS80').geometry_area_perimeter per polygon, shell CCW holes CW, abs, "
                 "parts summed (overlapping parts of a collection count twice). Invalid inputs first go "
                 "through shapely.make_valid(g, method='structure', keep_collapsed=False); valid ones are "
                 "measured as they are; only the polygonal part counts (lines/points dropped).",
        "area_geodesic_edges": "edges are geodesics between the stored vertices (PROJ geod_polygonarea)",
        "area_lonlat_edges": f"make-valid, THEN shapely.segmentize(g, {SEGMENT}) in lon/lat, then measure: "
                             "edges straight in lon/lat as a map draws them",
        "segmentize_deg": SEGMENT,
        "area_unrepaired": "invalid inputs only: |ring| per ring, holes subtracted, no repair (for comparison)",
        "affine": {
            "applies_to": "XML suites only; GeoJSON entries use the file's own lon/lat",
            "rule": f"per case: c = centre of the joint envelope of the case's a and b (all geometry types); "
                    f"s = min(1, {MAX_SPAN} / larger side of that envelope); "
                    f"lon = {CENTRE[0]} + s*(x - cx), lat = {CENTRE[1]} + s*(y - cy); never enlarges; "
                    "side 0: translate only; EMPTY inputs kept as they come; Z dropped",
            "centre_lonlat": list(CENTRE), "max_span_deg": MAX_SPAN,
            "wkt_rounding": f"{WKT_DECIMALS} decimals; areas are measured on the WKT as stored (re-read)",
        },
        "xml_case_index": "1-based position of the <case> in its file",
        "geojson": "one entry per feature in file order (GDAL's order); 'reader_should_refuse': coordinates "
                   "not usable as lon/lat (|lat| > 90, |lon| > 180, non-finite, a ring/line whose consecutive "
                   "longitudes jump by > 180 deg = antimeridian) or structure broken beyond what GDAL reads "
                   "('gdal_reads' says what GDAL makes of it); a legacy 'crs' member naming a projected CRS "
                   "(GDAL honours it) is applied: vertices transformed to EPSG:4326 first; unclosed rings are "
                   "closed as GDAL does (noted); 'gdal_refuses': `ogrinfo -ro -so FILE` fails (one entry per "
                   "file, feature null); a file with no feature: one entry, feature null, features_read 0",
        "counts": {k: dict(sorted(v.items())) for k, v in counts.items()},
    }
    lines = ['{"header":' + json.dumps(header, ensure_ascii=False, separators=(",", ":")) + ',', '"entries":[']
    lines += [json.dumps(e, ensure_ascii=False, separators=(",", ":")) + ("," if i < len(entries) - 1 else "")
              for i, e in enumerate(entries)]
    lines.append("]}")
    return "\n".join(lines) + "\n", header["counts"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--suites", type=Path, default=DEFAULT_SUITES)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--check", action="store_true", help="regenerate and compare with --out byte for byte")
    args = ap.parse_args()
    if not args.suites.is_dir():
        print(f"no test suites at {args.suites}", file=sys.stderr)
        return 1
    text, counts = generate(args.suites.resolve(), "python3 Scripts/make_corpus_fixtures.py")
    if args.check:
        same = args.out.is_file() and args.out.read_text(encoding="utf-8") == text
        print("identical to a fresh run" if same else f"{args.out} differs from a fresh run")
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.1f} KiB)")
    print(json.dumps(counts, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
