"""Scale benchmark: a generated corpus of 1,000 documents with 30 references each.

Prints, each measured end to end through the ``citegraph`` command (process
start included): cold build (empty cache), rebuild after touching one file,
rebuilds after editing one file (a sentence, a citation, a reference, a new
document), a ``cited-by`` query on the cached corpus, and ``citegraph
--help``; then where a rebuild after an edit spends its time.

    python benchmarks/scale_bench.py [--docs 1000] [--refs 30] [--dir /tmp/cg-scale]

Not part of the test suite (the cold build takes a while).
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
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

CLI = [sys.executable, "-c", "import sys; from citegraph.cli import run; sys.argv[0] = 'citegraph'; run()"]  # what the citegraph script runs


def _run(args: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    proc = subprocess.run([*CLI, *args], env=env, capture_output=True, text=True, cwd=env["CITEGRAPH_CACHE"])  # not the source tree: the snapshot is imported
    elapsed = time.perf_counter() - t
    if proc.returncode != 0:
        sys.exit(f"citegraph {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return elapsed


def _breakdown(corpus: Path, out: Path) -> list[tuple[str, float]]:
    """Where a rebuild after an edit spends its time, stage by stage, in this process (the file edited again first)."""
    from citegraph import corpusbuild
    from citegraph.api import _CacheMemo, _no_gc, _page_graph, collect_files
    from citegraph.cache import Cache, default_dir
    from citegraph.outputs import bib_text, page_text
    from citegraph.qindex import write_rows
    from citegraph.resources import Resources

    res = Resources()
    steps: list[tuple[str, float]] = []
    timed: dict[str, float] = {}

    def step(name, fn, *args):
        t = time.perf_counter()
        value = fn(*args)
        steps.append((name, time.perf_counter() - t))
        return value

    def wrap(name, fn):
        def inner(*a, **k):
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                timed[name] = timed.get(name, 0.0) + time.perf_counter() - t
        return inner

    edited = sorted(corpus.iterdir())[len(list(corpus.iterdir())) // 3]
    with open(edited, "a", encoding="utf-8") as f:
        f.write("\nOne more sentence, for the breakdown.\n")
    saved = {n: getattr(corpusbuild, n) for n in ("_keys", "_facts", "excerpts", "_merge", "fragment", "shared_items")}
    for n, fn in saved.items():
        setattr(corpusbuild, n, wrap(n, fn))
    files, problems = step("collect files", collect_files, [str(corpus)])
    cache = Cache(default_dir())
    try:
        with _no_gc():  # as the build does
            built = step("corpus: documents' facts and items, merge", corpusbuild.assemble_corpus, files, res, cache, problems, None, _CacheMemo(cache))
            for name, label in (("_keys", "  file keys"), ("_facts", "  facts (the edited file extracted)"), ("excerpts", "  excerpts"),
                                ("_merge", "  merge"), ("fragment", "  items of changed documents"), ("shared_items", "  corpus-wide items")):
                steps.append((label, timed.get(name, 0.0)))
            known = cache.get("rows", "shared")
            shared = step("index rows of shared nodes (remembered)", built.shared_node_rows, known if isinstance(known, dict) else {}, {})
            nodes, edges, _ = step("node-link JSON text and row identities", built.rows, shared)
            index_dir = Path(default_dir()) / "bench-index"
            shutil.rmtree(index_dir, ignore_errors=True)
            step("query index, written whole", write_rows, str(index_dir), "0" * 64, nodes, edges, built.graph_facts)
            step("query index, updated from the last one", write_rows, str(index_dir), "1" * 64, nodes, edges, built.graph_facts)
            items = [dict(w.csl) for w in sorted(built.merged.works, key=lambda w: w.key)]
            step("BibTeX, cached entries", bib_text, items, cache)
            g = step("page graph (claims folded)", _page_graph, built)
            page_text(g, "citegraph", cache)
            step("HTML page, layouts and clusters remembered", page_text, g, "citegraph", cache)
    finally:
        for n, fn in saved.items():
            setattr(corpusbuild, n, fn)
    return steps


def _sentence(path: Path, rng: random.Random) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n\n", f"\n\nA sentence added to the body ({rng.random():.6f}).\n\n", 1), encoding="utf-8")


def _citation(path: Path, rng: random.Random) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    citing = [i for i, line in enumerate(lines) if "(" in line and (", 1" in line or ", 2" in line)]
    if citing:
        i, j = rng.choice(citing), rng.choice(citing)
        lines[i] = lines[i] + " " + lines[j]  # one more citing sentence
    path.write_text("\n".join(lines), encoding="utf-8")


def _reference(path: Path, rng: random.Random) -> None:
    text = path.read_text(encoding="utf-8").rstrip("\n")
    head, _, last = text.rpartition("\n")
    path.write_text(head + "\n" + last.replace(" ", " revised ", 1) + "\n", encoding="utf-8")  # the last entry of the reference list


#: The edits timed, each on a file picked at random: what a user does between two builds (and a new document, below).
EDITS = (("a sentence added to the body", _sentence), ("a citation added", _citation), ("a reference changed", _reference), ("a sentence added (again)", _sentence))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--refs", type=int, default=30)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--dir", help="work folder (default: a temporary one, removed at the end)")
    args = ap.parse_args()
    work = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="cg-scale-"))
    corpus, out, cache = work / "corpus", work / "out", work / "cache"
    for p in (corpus, out, cache, work / "more"):
        shutil.rmtree(p, ignore_errors=True)
    files = write_corpus(corpus, args.docs, args.refs, args.seed)
    # a snapshot of the code: edits made to the tree during the run must not invalidate the cache
    snap = work / "code"
    shutil.rmtree(snap, ignore_errors=True)
    shutil.copytree(HERE.parent / "citegraph", snap / "citegraph", ignore=shutil.ignore_patterns("__pycache__"))
    compileall.compile_dir(str(snap), quiet=1)  # as installing the package does (PYTHONDONTWRITEBYTECODE may be set here)
    cache.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "CITEGRAPH_CACHE": str(cache), "PYTHONPATH": str(snap)}
    os.environ["CITEGRAPH_CACHE"] = str(cache)
    sys.path.insert(0, str(snap))
    print(f"corpus: {len(files)} documents x {args.refs} references in {corpus}; {os.cpu_count()} CPUs")

    cold = _run(["build", str(corpus), "-o", str(out)], env)
    print(f"cold build                  {cold:7.2f} s   (target <= 60 s on 2 cores)")

    touched = files[len(files) // 2]
    os.utime(touched)  # a newer time, the same content
    same = _run(["build", str(corpus), "-o", str(out)], env)
    print(f"rebuild, 1 file touched (same content) {same:6.2f} s   (target <= 2 s)")
    rng = random.Random(args.seed)
    times = []
    for name, edit in EDITS:
        path = Path(rng.choice(files))
        edit(path, rng)
        seconds = _run(["build", str(corpus), "-o", str(out)], env)
        times.append(seconds)
        print(f"rebuild after an edit: {name:38s} {seconds:6.2f} s")
    extra = write_corpus(work / "more", args.docs + 1, args.refs, args.seed)[-1]  # the corpus's next document: new references among known works
    shutil.copyfile(extra, corpus / f"new-{extra.name}")
    seconds = _run(["build", str(corpus), "-o", str(out)], env)
    times.append(seconds)
    print(f"rebuild after an edit: {'a new document added to the folder':38s} {seconds:6.2f} s")
    print(f"rebuild after editing one file: median {statistics.median(times):.2f} s, worst {max(times):.2f} s (target <= 2 s)")

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

    print("rebuild after an edit, breakdown (in process; the page is made in a child process while the rest is written):")
    for name, seconds in _breakdown(corpus, out):
        print(f"  {name:42s} {seconds:6.2f} s")
    if not args.dir:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
