"""Scale benchmark: a generated corpus of 1,000 documents with 30 references each.

Prints four figures, each measured end to end through the ``citegraph``
command (process start included): cold build (empty cache), warm rebuild
after changing one file, a ``cited-by`` query on the cached corpus, and
``citegraph --help``; then where the warm rebuild spends its time.

    python benchmarks/scale_bench.py [--docs 1000] [--refs 30] [--dir /tmp/cg-scale]

Not part of the test suite (the cold build takes a while).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from gen_corpus import write_corpus  # noqa: E402

CLI = [sys.executable, "-c", "import sys; from citegraph.cli import main; sys.argv[0] = 'citegraph'; main()"]


def _run(args: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    proc = subprocess.run([*CLI, *args], env=env, capture_output=True, text=True, cwd=env["CITEGRAPH_CACHE"])  # not the source tree: the snapshot is imported
    elapsed = time.perf_counter() - t
    if proc.returncode != 0:
        sys.exit(f"citegraph {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return elapsed


def _breakdown(corpus: Path, out: Path) -> list[tuple[str, float]]:
    """Where a warm rebuild (everything extracted and cached) spends its time, in this process."""
    from citegraph.api import _CacheMemo, _no_gc, collect_files, extract_all
    from citegraph.batch import options_key
    from citegraph.outputs import bib_text, page_text
    from citegraph.cache import Cache, default_dir
    from citegraph.qindex import write_index
    from citegraph.readwrite.nodelink import assemble, item_lines
    from citegraph.corpus import build_corpus
    from citegraph.graph import build_graph
    from citegraph.readwrite.bibtex_write import to_bibtex
    from citegraph.readwrite.html import to_html
    from citegraph.resources import Resources
    from citegraph.outputs import bib_items

    res = Resources()
    steps: list[tuple[str, float]] = []

    def step(name, fn, *args):
        t = time.perf_counter()
        value = fn(*args)
        steps.append((name, time.perf_counter() - t))
        return value

    files, _ = step("collect files", collect_files, [str(corpus)])
    cache = Cache(default_dir())
    with _no_gc():  # as the build does
        xs = step("extractions from the cache", extract_all, files, res, cache)
        corpus_ = step("corpus merge, from scratch", build_corpus, xs)
        step("corpus merge, remembered (same references)", build_corpus, xs, _CacheMemo(cache))
        g = step("graph", build_graph, corpus_, res.gazetteer)
        lines = step("node-link lines", item_lines, g)
        step("node-link JSON text", assemble, g.graph, *lines)
        index_dir = Path(default_dir()) / "bench-index"
        shutil.rmtree(index_dir, ignore_errors=True)
        step("query index, written whole", write_index, str(index_dir), "0" * 64, g, lines)
        step("query index, updated from the last one", write_index, str(index_dir), "1" * 64, g, lines)
        step("BibTeX, from scratch", lambda: to_bibtex(bib_items(g)))
        step("BibTeX, cached entries", bib_text, g, cache)
        step("HTML page", to_html, g)
        page_text(g, "citegraph", cache)
        step("HTML page, large components' layouts remembered", page_text, g, "citegraph", cache)
        step("corpus cache key", cache.corpus_key, files, options_key(res))
    return steps


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--refs", type=int, default=30)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--dir", help="work folder (default: a temporary one, removed at the end)")
    args = ap.parse_args()
    work = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="cg-scale-"))
    corpus, out, cache = work / "corpus", work / "out", work / "cache"
    for p in (corpus, out, cache):
        shutil.rmtree(p, ignore_errors=True)
    files = write_corpus(corpus, args.docs, args.refs, args.seed)
    # a snapshot of the code: edits made to the tree during the run must not invalidate the cache
    snap = work / "code"
    shutil.rmtree(snap, ignore_errors=True)
    shutil.copytree(HERE.parent / "citegraph", snap / "citegraph", ignore=shutil.ignore_patterns("__pycache__"))
    cache.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "CITEGRAPH_CACHE": str(cache), "PYTHONPATH": str(snap)}
    os.environ["CITEGRAPH_CACHE"] = str(cache)
    sys.path.insert(0, str(snap))
    print(f"corpus: {len(files)} documents x {args.refs} references in {corpus}; {os.cpu_count()} CPUs")

    cold = _run(["build", str(corpus), "-o", str(out)], env)
    print(f"cold build                  {cold:7.2f} s   (target <= 60 s on 2 cores)")

    touched = files[len(files) // 2]
    with open(touched, "a", encoding="utf-8") as f:
        f.write("\nA sentence added to change this file.\n")
    warm = _run(["build", str(corpus), "-o", str(out)], env)
    print(f"warm rebuild, 1 file changed {warm:6.2f} s   (target <= 2 s)")
    os.utime(touched)  # a newer time, the same content
    same = _run(["build", str(corpus), "-o", str(out)], env)
    print(f"rebuild, 1 file touched, same content {same:6.2f} s")

    import json

    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    cited = sorted((n for n in data["nodes"] if n.get("kind") == "work"), key=lambda n: -n.get("cited_by", 0))
    query = cited[0]["key"]
    _run(["cited-by", query, "-C", str(corpus)], env)  # the graph is cached by the build; this warms the OS cache
    q = statistics.median(_run(["cited-by", query, "-C", str(corpus)], env) for _ in range(5))
    print(f"query (cited-by {query})  {q * 1000:7.0f} ms  (target <= 300 ms; a {cited[0].get('cited_by')}-document table)")
    qj = statistics.median(_run(["cited-by", query, "-C", str(corpus), "--json"], env) for _ in range(5))
    print(f"same query, --json            {qj * 1000:5.0f} ms")
    typical = cited[len(cited) // 2]
    qt = statistics.median(_run(["cited-by", typical["key"], "-C", str(corpus)], env) for _ in range(5))
    print(f"query (cited-by {typical['key']}, cited by {typical.get('cited_by')}) {qt * 1000:5.0f} ms")

    h = statistics.median(_run(["--help"], env) for _ in range(7))
    print(f"citegraph --help            {h * 1000:7.0f} ms  (target <= 200 ms)")

    print("warm rebuild breakdown (in process, nothing to extract):")
    for name, seconds in _breakdown(corpus, out):
        print(f"  {name:42s} {seconds:6.2f} s")
    if not args.dir:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
