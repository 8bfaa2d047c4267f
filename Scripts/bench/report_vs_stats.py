#!/usr/bin/env python3
"""`shelterbelt report` against `shelterbelt stats` on the same synthetic patches (issue 11, scale).

Both run in their own child process on the same N patches of make_synthetic.py, inside Ordos:
`stats PATCHES --zones Layers/ordos/zones5.geojson --by treatment` (one zone layer) and
`report --subject PATCHES --sites none --by treatment` (five zone tables, the targets, the maps and
patches.gpkg). Prints wall time and peak RSS of each, the time ratio, the size of the page and
writes DIR/report-vs-stats-N.json. The bar: report within 2.5x the time of stats, under 1 GiB.
Usage: .venv/bin/python Scripts/bench/report_vs_stats.py --patches 1000000 [--workdir DIR]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run_benchmark import measure, wait_for_idle  # noqa: E402  (same child-process measurement)

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patches", type=int, default=200000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", default="/tmp/shelterbelt-bench")
    parser.add_argument("--bin", default=os.path.join(REPO, ".build/release/shelterbelt"))
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the fastest is kept, the highest RSS")
    parser.add_argument("--idle-wait", type=float, default=300)
    parser.add_argument("--timeout", type=float, default=3600)
    args = parser.parse_args(argv)
    if not os.path.exists(args.bin):
        sys.exit(f"report_vs_stats: no binary at {args.bin} (swift build -c release)")
    data = os.path.join(args.workdir, f"data-{args.patches}-s{args.seed}")
    patches = os.path.join(data, "patches.gpkg")
    if not os.path.exists(patches):
        subprocess.run([sys.executable, os.path.join(REPO, "Scripts/bench/make_synthetic.py"), "--patches",
                        str(args.patches), "--seed", str(args.seed), "--out", data, "--no-shapefile"], check=True)
    out = os.path.join(args.workdir, f"report-{args.patches}")
    commands = {
        "stats": [args.bin, "stats", patches, "--zones", os.path.join(REPO, "Layers/ordos/zones5.geojson"),
                  "--zone-field", "id", "--by", "treatment", "--quiet"],
        "report": [args.bin, "report", "--subject", patches, "--sites", "none", "--by", "treatment",
                   "--out", out, "--quiet"],
    }
    results = {}
    for name, cmd in commands.items():
        runs = []
        for _ in range(args.repeat):
            if args.idle_wait > 0:
                wait_for_idle(args.idle_wait)
            run = measure(cmd, os.path.join(args.workdir, f"{name}-{args.patches}.log"), args.timeout)
            if run["rc"] != 0:
                sys.exit(f"report_vs_stats: {name} failed (rc {run['rc']}), see {run['log']}")
            runs.append(run)
        best = min(runs, key=lambda r: r["wall_s"])
        results[name] = dict(best, peak_rss_mib=max(r["peak_rss_mib"] for r in runs),
                             wall_all_s=[r["wall_s"] for r in runs])
    sizes = {name: os.path.getsize(os.path.join(out, name)) for name in ("report.html", "patches.gpkg")}
    ratio = results["report"]["wall_s"] / results["stats"]["wall_s"]
    summary = {"patches": args.patches, "seed": args.seed, "results": results, "time_ratio": round(ratio, 2),
               "bytes": sizes}
    with open(os.path.join(args.workdir, f"report-vs-stats-{args.patches}.json"), "w") as f:
        json.dump(summary, f, indent=1)
    print(f"{args.patches} patches")
    for name, run in results.items():
        print(f"  {name:6}  {run['wall_s']:8.1f} s  {run['peak_rss_mib']:8.1f} MiB peak RSS"
              f"  (other processes used {run['foreign_cpu_s']:.1f} CPU s meanwhile)")
    print(f"  report / stats time: {ratio:.2f}x; report.html {sizes['report.html'] / 1e6:.1f} MB,"
          f" patches.gpkg {sizes['patches.gpkg'] / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
