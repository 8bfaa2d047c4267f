#!/usr/bin/env python3
"""Benchmark `shelterbelt change` (issue 13) against geopandas, DuckDB spatial and hand-tuned shapely.

    change_benchmark.py --cells 200000 [--seed 1] [--skip-generate] [--workdir DIR] [--bin PATH]
                        [--tools shelterbelt,geopandas,duckdb,shapely] [--timeout S] [--repeat N]

One run, the same files for every tool (make_change_synthetic.py: two complete partitions of N Voronoi cells and
the ten watersheds, all in EPSG:4546, so nobody reprojects). Each tool runs in its own child process, measured as
run_benchmark.py measures `stats`: wall time around it, peak RSS from the kernel's rusage of that very child, and
the CPU time other processes took meanwhile. shelterbelt runs with `--area planar:EPSG:4546`, the peers' method;
its transition matrix, per zone and in total, is compared cell by cell with shapely's (relative difference, a cell
one tool lacks counting as 1) and the others' with shapely's too.

Prints a table and writes WORKDIR/change-results-N.json. Default workdir /tmp/shelterbelt-bench.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import sys

from run_benchmark import (HERE, REPO, cpu_model, find_shelterbelt, fmt, log_tail, measure, run_repeated,
                           versions)

EPSG = 4546
PEERS = ("geopandas", "duckdb", "shapely")


def shelterbelt_cmd(binary, data, out) -> list[str]:
    return [binary, "change", os.path.join(data, "before.gpkg"), os.path.join(data, "after.gpkg"),
            "--class-field", "DLBM", "--zones", os.path.join(data, "zones.gpkg"), "--zone-field", "name",
            "--area", f"planar:EPSG:{EPSG}", "--format", "json", "-o", out]


def peer_cmd(python, tool, data, out) -> list[str]:
    return [python, os.path.join(HERE, "change_peers.py"), tool, os.path.join(data, "before.gpkg"),
            os.path.join(data, "after.gpkg"), os.path.join(data, "zones.gpkg"), "-o", out]


def load_matrix(path: str) -> dict[tuple, float] | None:
    """{(zone or "total", before, after): m²} from shelterbelt's `--format json` or a peer's output."""
    try:
        with open(path) as f:
            doc = json.load(f)
    except (OSError, ValueError):
        return None
    if "rows" in doc:  # shelterbelt: the area outside every zone is not one of the peers' cells
        cells = {(row["zone"], t["before"], t["after"]): t["area_m2"]
                 for row in doc["rows"] for t in row["transitions"]}
        cells.update({("total", t["before"], t["after"]): t["area_m2"] for t in doc["total"]["transitions"]})
    else:
        cells = {(z, b, a): m for z, b, a, m in doc["cells"]}
        cells.update({("total", b, a): m for b, a, m in doc["total"]})
    return {k: v for k, v in cells.items() if v > 0}


def compare(mine, ref) -> dict | None:
    if mine is None or ref is None:
        return None
    keys = set(mine) | set(ref)
    rel = [abs(mine.get(k, 0.0) - ref.get(k, 0.0)) / max(abs(mine.get(k, 0.0)), abs(ref.get(k, 0.0)))
           for k in keys]
    return {"cells": len(keys), "only_in_one": len(set(mine) ^ set(ref)), "max_rel_diff": max(rel, default=0.0)}


def print_table(results: dict):
    base = results.get("shelterbelt")
    base_wall = base["wall_s"] if base and base["status"] == "ok" else None
    head = (f"{'tool':<12} {'wall s':>8} {'CPU s':>7} {'peak RSS MiB':>13} {'÷ shelterbelt':>14} "
            f"{'max rel Δ vs shapely':>21} {'other CPU s':>11}  status")
    print("\n" + head + "\n" + "-" * len(head))
    for name, r in results.items():
        ok = r["status"] == "ok"
        ratio = r["wall_s"] / base_wall if ok and base_wall else None
        cpu = r["user_s"] + r["sys_s"] if ok else None
        diff = (r.get("vs_shapely") or {}).get("max_rel_diff")
        print(f"{name:<12} {fmt(r['wall_s'] if ok else None, '8.2f')} {fmt(cpu, '7.1f')} "
              f"{fmt(r['peak_rss_mib'] if ok else None, '13.0f')} {fmt(ratio, '14.2f')} {fmt(diff, '21.1e')} "
              f"{fmt(r.get('foreign_cpu_s'), '11.1f')}  {r['status']}")
    print("\n÷ shelterbelt = tool wall time / shelterbelt wall time (>1: shelterbelt is faster)."
          "\nother CPU s = CPU time other processes took during the run (contention; ~0 is clean).")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cells", type=int, default=200_000, help="cells per layer")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workdir", default="/tmp/shelterbelt-bench")
    ap.add_argument("--skip-generate", action="store_true", help="reuse WORKDIR/change-N-sS (fail if missing)")
    ap.add_argument("--bin", help="shelterbelt binary (default .build/release/shelterbelt)")
    ap.add_argument("--build", action="store_true", help="if no binary is found, swift build one")
    ap.add_argument("--python", default=sys.executable, help="interpreter for the peers")
    ap.add_argument("--tools", default="shelterbelt,geopandas,duckdb,shapely", help="comma-separated subset")
    ap.add_argument("--repeat", type=int, default=1, help="runs per tool; fastest kept")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds per tool run")
    ap.add_argument("--idle-wait", type=float, default=300,
                    help="before each run, wait up to this many seconds for other processes to go quiet")
    a = ap.parse_args(argv)

    workdir = os.path.abspath(a.workdir)
    if workdir == REPO or workdir.startswith(REPO + os.sep):
        sys.exit("refusing to write benchmark data inside the repository: pick another --workdir")
    os.makedirs(workdir, exist_ok=True)
    data = os.path.join(workdir, f"change-{a.cells}-s{a.seed}")
    tools = [t.strip() for t in a.tools.split(",") if t.strip()]

    if a.skip_generate:
        if not os.path.exists(os.path.join(data, "after.gpkg")):
            sys.exit(f"--skip-generate: {data} has no after.gpkg")
        gen = None
    else:
        print(f"generating two layers of {a.cells} cells into {data} ...", flush=True)
        gen = measure([a.python, os.path.join(HERE, "make_change_synthetic.py"), "--cells", str(a.cells),
                       "--seed", str(a.seed), "--out", data], os.path.join(workdir, "change-generate.log"), 3600)
        if gen["rc"] != 0:
            sys.exit(f"generation failed: {log_tail(gen['log'], 5)}")
    with open(os.path.join(data, "synthetic.json")) as f:
        synthetic = json.load(f)

    out = lambda name: os.path.join(workdir, f"change-out-{a.cells}-{name}.json")  # noqa: E731
    results: dict[str, dict] = {}
    sb_note = None
    if "shelterbelt" in tools:
        binary, sb_note = find_shelterbelt(a.bin, a.build, workdir)
        if binary is None:
            results["shelterbelt"] = {"status": sb_note, "wall_s": None, "peak_rss_mib": None}
        else:
            results["shelterbelt"] = run_repeated("shelterbelt", shelterbelt_cmd(binary, data, out("shelterbelt")),
                                                  out("shelterbelt"), workdir, a.repeat, a.timeout, a.idle_wait)
    for tool in PEERS:
        if tool in tools:
            results[tool] = run_repeated(tool, peer_cmd(a.python, tool, data, out(tool)), out(tool), workdir,
                                         a.repeat, a.timeout, a.idle_wait)

    matrices = {n: load_matrix(r["out"]) if r.get("status") == "ok" else None for n, r in results.items()}
    for n, r in results.items():
        if n != "shapely":
            r["vs_shapely"] = compare(matrices[n], matrices.get("shapely"))

    print(f"\n{a.cells} cells per layer (seed {a.seed}), planar CRS EPSG:{EPSG}")
    print_table(results)
    doc = {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": {"cpu": cpu_model(), "cores": os.cpu_count(), "platform": platform.platform(),
                    "loadavg": os.getloadavg()},
        "versions": versions(a.python), "cells": a.cells, "seed": a.seed, "data": data, "synthetic": synthetic,
        "generate": gen, "shelterbelt_binary": sb_note, "results": results,
    }
    path = os.path.join(workdir, f"change-results-{a.cells}.json")
    with open(path, "w") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False, default=str)
    print(f"\nresults: {path}")


if __name__ == "__main__":
    main()
