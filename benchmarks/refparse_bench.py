"""Benchmark of the reference-string parser on the held-out AnyStyle split (prints, does not assert).

    .venv/bin/python benchmarks/refparse_bench.py [--errors N] [--model PATH] [--no-speed]

Gold items are the gold segments passed through the same normaliser as the
predictions; values are compared normalised (case, punctuation and spacing
ignored; authors as the set of their name words). Speed is measured on
3,000 *distinct* reference strings (the first of ``good.xml``, then the other
files; distinct lines so that the per-word feature cache is not flattered by
repetition) by running ``citegraph parse-ref FILE`` in a fresh interpreter,
start-up and JSON output included: wall time and CPU time (user + system),
since other processes may load the machine.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from citegraph.refparse import load_parser  # noqa: E402
from citegraph.refparse.data import joined, load_sequences, split  # noqa: E402
from citegraph.refparse.normalize import to_csl  # noqa: E402

FIELDS = ("author", "title", "date", "container", "volume", "pages", "publisher")
_NON = re.compile(r"[\W_]+")


def _norm(s: str) -> str:
    return _NON.sub("", s.lower())


def values(item: dict) -> dict[str, object]:
    """The compared fields of a CSL item, normalised (absent fields left out)."""
    out: dict[str, object] = {}
    words = set()
    for n in item.get("author", []):
        for part in (n.get("family", ""), n.get("given", ""), n.get("literal", "")):
            words.update(w for w in (_norm(x) for x in part.split()) if w)
    if words:
        out["author"] = frozenset(words)
    for field, key in (("title", "title"), ("container", "container-title"), ("volume", "volume"), ("pages", "page"), ("publisher", "publisher")):
        v = _norm(str(item.get(key, "")))
        if v:
            out[field] = v
    if item.get("issued"):
        out["date"] = item["issued"]["date-parts"][0][0]
    return out


def evaluate(show_errors: int = 0, model: str | None = None) -> dict[str, float]:
    """Print per-field P/R/F1, micro-F1 and whole-entry accuracy on the test split; returns the F1s."""
    _, test = split(load_sequences())
    parser = load_parser(model)
    scores: dict[str, float] = {}
    tp = dict.fromkeys(FIELDS, 0)
    fp = dict.fromkeys(FIELDS, 0)
    fn = dict.fromkeys(FIELDS, 0)
    whole = 0
    shown = 0
    for segs in test:
        text = joined(segs)
        gold = values(to_csl(segs, text))
        pred = values(parser.parse(text))
        ok = True
        for f in FIELDS:
            g, p = gold.get(f), pred.get(f)
            if g is not None and p == g:
                tp[f] += 1
                continue
            if p is not None:
                fp[f] += 1
            if g is not None:
                fn[f] += 1
            if g is not None or p is not None:
                ok = False
        whole += ok
        if not ok and shown < show_errors:
            shown += 1
            print("--", text)
            print("   ", parser.label(text))
    print(f"held-out entries: {len(test)}")
    print(f"{'field':<10} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5}")
    for f in FIELDS:
        p = tp[f] / max(tp[f] + fp[f], 1)
        r = tp[f] / max(tp[f] + fn[f], 1)
        f1 = 2 * p * r / max(p + r, 1e-9)
        scores[f] = f1
        print(f"{f:<10} {p:6.3f} {r:6.3f} {f1:6.3f} {tp[f] + fn[f]:5d}")
    T, P, N = sum(tp.values()), sum(fp.values()), sum(fn.values())
    mp, mr = T / max(T + P, 1), T / max(T + N, 1)
    scores["micro"] = 2 * mp * mr / max(mp + mr, 1e-9)
    scores["whole"] = whole / len(test)
    print(f"micro      {mp:6.3f} {mr:6.3f} {scores['micro']:6.3f}")
    print(f"whole-entry accuracy: {scores['whole']:.3f}")
    return scores


def distinct_lines(n: int = 3000) -> list[str]:
    """``n`` distinct reference strings (``good.xml`` first), one line each."""
    lines = [joined(s) for s in load_sequences(("good.xml", "core.xml", "bad.xml"))]
    return lines[:n]


def speed(n: int = 3000, model: str | None = None) -> float:
    """Time ``citegraph parse-ref`` on ``n`` distinct lines in a fresh interpreter; returns CPU references/s."""
    lines = distinct_lines(n)
    n = len(lines)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
        path = fh.name
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = dict(os.environ)
    if model:
        env["CITEGRAPH_REFPARSE_MODEL"] = model
    try:
        cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        with open(os.devnull, "wb") as sink:
            subprocess.run([sys.executable, "-c", "from citegraph.cli import main; main()", "parse-ref", path], check=True, cwd=root, stdout=sink, env=env)
        dt = time.perf_counter() - t0
        cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    finally:
        os.unlink(path)
    cpu = (cpu1.ru_utime + cpu1.ru_stime) - (cpu0.ru_utime + cpu0.ru_stime)
    t1 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "from citegraph.refparse import load_parser; load_parser()"], check=True, cwd=root, env=env)
    print(f"speed (citegraph parse-ref, {n} distinct lines, start-up and JSON included): {dt:.2f} s wall = {n / dt:.0f} references/s; CPU {cpu:.2f} s = {n / cpu:.0f} references/s")
    print(f"start-up + model load alone: {time.perf_counter() - t1:.2f} s wall")
    return n / cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--errors", type=int, default=0, help="print this many wrong entries with their labels")
    ap.add_argument("--model", default=None, help="model file (default: the committed model)")
    ap.add_argument("--no-speed", action="store_true")
    args = ap.parse_args()
    evaluate(args.errors, args.model)
    if not args.no_speed:
        speed(model=args.model)


if __name__ == "__main__":
    main()
