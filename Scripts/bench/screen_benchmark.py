#!/usr/bin/env python3
"""Benchmark `shelterbelt screen`: N random candidate sites against the bundled Ordos rules.

    screen_benchmark.py [--sites 10000] [--seed 1] [--points 0.2] [--bin PATH] [--build]
                        [--threads T] [--repeat R] [--workdir DIR]

Generates N candidate sites scattered over the Ordos extent (106.7-111.5 E, 37.6-40.9 N) in
EPSG:4490 GeoJSON: quadrilaterals of 1-200 ha, randomly rotated and skewed, with a project type
(光伏, 造林, 矿山, 道路); with --points, that fraction of them as points instead, screened with
--buffer 200. Then times `shelterbelt screen SITES --rules Layers/ordos/screening-rules.toml
--format json -o ... --conflicts ...` (the whole command: reading the rules and constraint
layers, screening, writing both outputs) and prints the seconds and the verdict counts.

Needs only the Python standard library. Skips with a message when Layers/ordos is absent.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
RULES = os.path.join(REPO, "Layers", "ordos", "screening-rules.toml")
CANDIDATE_BINS = [os.path.join(REPO, ".build", "release", "shelterbelt"), "/tmp/sb-screen-bench-build/release/shelterbelt"]
# A build of our own goes here, never into the .build other engineers are using.
SCRATCH_BUILD = "/tmp/sb-screen-bench-build"
EXTENT = (106.7, 37.6, 111.5, 40.9)
TYPES = ["光伏", "造林", "矿山", "道路"]


def make_sites(count: int, seed: int, points: float) -> dict:
    rng = random.Random(seed)
    features = []
    for index in range(count):
        lon = rng.uniform(EXTENT[0], EXTENT[2])
        lat = rng.uniform(EXTENT[1], EXTENT[3])
        props = {"id": f"c{index:05d}", "project_type": rng.choice(TYPES)}
        if rng.random() < points:
            geometry = {"type": "Point", "coordinates": [round(lon, 7), round(lat, 7)]}
        else:
            hectares = math.exp(rng.uniform(math.log(1), math.log(200)))
            side = math.sqrt(hectares * 10_000)
            aspect = rng.uniform(0.5, 2.0)
            w, h = side * math.sqrt(aspect), side / math.sqrt(aspect)
            angle = rng.uniform(0, math.pi)
            metres_lon = 111_320 * math.cos(math.radians(lat))
            ring = []
            for dx, dy in ((-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)):
                dx, dy = dx * rng.uniform(0.85, 1.15), dy * rng.uniform(0.85, 1.15)
                x = dx * math.cos(angle) - dy * math.sin(angle)
                y = dx * math.sin(angle) + dy * math.cos(angle)
                ring.append([round(lon + x / metres_lon, 7), round(lat + y / 110_950, 7)])
            ring.append(ring[0])
            geometry = {"type": "Polygon", "coordinates": [ring]}
        features.append({"type": "Feature", "properties": props, "geometry": geometry})
    return {"type": "FeatureCollection",
            "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4490"}},
            "features": features}


def find_binary(given: str | None, build: bool) -> str | None:
    if given:
        return given if os.path.exists(given) else None
    for path in CANDIDATE_BINS:
        if os.path.exists(path):
            return path
    if build:
        print(f"building shelterbelt (release) in {SCRATCH_BUILD} …", flush=True)
        subprocess.run(["swift", "build", "-c", "release", "--scratch-path", SCRATCH_BUILD, "--product", "shelterbelt"],
                       cwd=REPO, check=True)
        return os.path.join(SCRATCH_BUILD, "release", "shelterbelt")
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--points", type=float, default=0.0, help="fraction of sites that are points (screened with --buffer 200)")
    parser.add_argument("--bin", help="shelterbelt binary (default .build/release/shelterbelt)")
    parser.add_argument("--build", action="store_true", help=f"build a release binary in {SCRATCH_BUILD} if none is found")
    parser.add_argument("--threads", type=int, help="passed to --threads (default: every core)")
    parser.add_argument("--repeat", type=int, default=3, help="runs; the fastest is reported")
    parser.add_argument("--workdir", default="/tmp/shelterbelt-screen-bench")
    args = parser.parse_args()

    if not os.path.exists(RULES):
        print(f"skipped: {RULES} is absent (the bundled Ordos layers are not here)")
        return 0
    binary = find_binary(args.bin, args.build)
    if binary is None:
        print("skipped: no shelterbelt binary; pass --bin PATH or --build")
        return 0
    os.makedirs(args.workdir, exist_ok=True)
    sites = os.path.join(args.workdir, f"sites-{args.sites}-s{args.seed}-p{args.points}.geojson")
    with open(sites, "w", encoding="utf-8") as handle:
        json.dump(make_sites(args.sites, args.seed, args.points), handle, ensure_ascii=False)
    out = os.path.join(args.workdir, "screen.json")
    conflicts = os.path.join(args.workdir, "conflicts.geojson")
    command = [binary, "screen", sites, "--rules", RULES, "--format", "json", "-o", out, "--conflicts", conflicts, "--quiet"]
    if args.points > 0:
        command += ["--buffer", "200"]
    if args.threads:
        command += ["--threads", str(args.threads)]
    times = []
    for _ in range(max(1, args.repeat)):
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        times.append(time.perf_counter() - started)
        if done.returncode not in (0, 3):
            print(done.stderr, file=sys.stderr)
            print(f"shelterbelt screen failed with exit status {done.returncode}", file=sys.stderr)
            return 1
    with open(out, encoding="utf-8") as handle:
        result = json.load(handle)
    summary = result["summary"]
    rows = sum(len(site["rows"]) for site in result["sites"])  # one per site and constraint feature met
    print(f"binary: {binary}")
    print(f"sites: {args.sites} (seed {args.seed}, {args.points:.0%} points), rules: {len(result['rules'])}, cores: {os.cpu_count()}")
    print("verdicts: " + ", ".join(f"{summary[k]} {k}" for k in ("clear", "advisory", "conditional", "restricted", "forbidden")))
    print(f"rows: {rows}; engine {result['seconds']:.2f} s")
    print(f"seconds: {min(times):.2f} (fastest of {len(times)}: {', '.join(f'{t:.2f}' for t in times)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
