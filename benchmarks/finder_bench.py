"""Benchmark of the reference-section finder (prints, does not assert).

Leave-one-document-out over AnyStyle's finder documents: for each document a
CRF is trained on the other four and the finder is run on it. Reports the
share of reference lines found (recall, target >= 0.95), the share of taken
lines that are not references (false share, target <= 0.03) and lines per
second. Run: ``.venv/bin/python benchmarks/finder_bench.py [--data DIR]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from citegraph.finder.data import default_ttx_files  # noqa: E402
from citegraph.finder.train import cross_validate  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", default=None, help="directory of .ttx files")
    args = ap.parse_args()
    files = default_ttx_files(args.data)
    if len(files) < 2:
        print("need at least two .ttx files")
        return 1
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        results = cross_validate(files, tmp)
    print(f"{'document':<20}{'lines':>7}{'refs':>6}{'taken':>7}{'recall':>8}{'false':>8}{'lines/s':>9}")
    for r in results:
        print(f"{r['doc']:<20}{r['lines']:>7}{r['gold']:>6}{r['taken']:>7}{r['recall']:>8.3f}{r['false']:>8.3f}{r['lines_per_s']:>9.0f}")
    gold = sum(r["gold"] for r in results)
    found = sum(r["recall"] * r["gold"] for r in results)
    taken = sum(r["taken"] for r in results)
    false = sum(r["false"] * r["taken"] for r in results)
    lines = sum(r["lines"] for r in results)
    secs = sum(r["lines"] / r["lines_per_s"] for r in results if r["lines_per_s"])
    print(f"overall: recall {found / gold:.3f} (target >= 0.95), false share {false / max(taken, 1):.3f} (target <= 0.03), "
          f"{lines / secs:.0f} lines/s; total time {time.perf_counter() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
