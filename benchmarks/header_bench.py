"""Benchmark of document-header extraction: title, authors, year, venue, kind (prints, does not assert).

Runs the real header stage (``read`` then ``header.run``) on the hand-written
first pages of ``benchmarks/data/headers/<set>/`` and compares with their
``.gold.json`` files (format in that folder's README):

- title: exact match after Unicode/whitespace/case folding (curly quotes and
  dashes folded, trailing punctuation ignored); a missing title is wrong;
- authors: F1 of the set of family names (case-folded, accents kept), per
  document, averaged; no gold authors and none found counts 1.0;
- year: the year of ``issued`` equals the gold year (both absent counts right);
- venue: ``container-title`` equals the gold venue after folding ("&" = "and",
  punctuation and parenthesised parts dropped); both absent counts right;
- kind: ``paper`` or ``news``.

Run: ``.venv/bin/python benchmarks/header_bench.py --set dev`` (or ``--set test``,
``--set all``; ``-v`` lists every mismatch). The ``test`` set is held out.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from citegraph.resources import Resources  # noqa: E402
from citegraph.stages import header  # noqa: E402
from citegraph.stages.read import read  # noqa: E402

DATA = Path(__file__).resolve().parent / "data" / "headers"
FIELDS = ("title", "authors", "year", "venue", "kind")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‐": "-"})


def fold(text: str | None) -> str:
    """Whitespace/case/quote folding for titles."""
    if not text:
        return ""
    s = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return " ".join(s.split()).casefold().rstrip(" .")


def fold_venue(text: str | None) -> str:
    """Folding for venues: "&" is "and", parenthesised parts and punctuation dropped."""
    s = fold(text).replace("&", " and ")
    s = re.sub(r"\([^()]{0,80}\)", " ", s)
    s = re.sub(r"[^\w\s]", " ", s)
    return " ".join(s.split())


def found_fields(path: Path) -> dict[str, Any]:
    """What the header stage extracts from one document."""
    doc = header.run(read(str(path)), Resources()).document
    csl = doc.csl if doc else {}
    parts = (csl.get("issued") or {}).get("date-parts") or [[None]]
    return {
        "title": csl.get("title"),
        "authors": [a.get("family") or a.get("literal") or "" for a in csl.get("author", [])],
        "year": parts[0][0] if parts and parts[0] else None,
        "venue": csl.get("container-title"),
        "kind": doc.kind if doc else None,
    }


def author_f1(gold: list[str], found: list[str]) -> float:
    """F1 of the sets of family names (case-folded)."""
    g = {fold(a) for a in gold}
    f = {fold(a) for a in found if a}
    if not g and not f:
        return 1.0
    tp = len(g & f)
    if not tp:
        return 0.0
    p, r = tp / len(f), tp / len(g)
    return 2 * p * r / (p + r)


def score(gold: dict[str, Any], found: dict[str, Any]) -> dict[str, float]:
    """Per-field scores of one document (1.0 right, 0.0 wrong; authors is an F1)."""
    return {
        "title": float(bool(found["title"]) and fold(found["title"]) == fold(gold["title"])),
        "authors": author_f1(gold["authors"], found["authors"]),
        "year": float(found["year"] == gold["year"]),
        "venue": float(fold_venue(found["venue"]) == fold_venue(gold["venue"])),
        "kind": float(found["kind"] == gold["kind"]),
    }


def documents(name: str) -> list[Path]:
    """The documents of one set (each has a ``.gold.json`` next to it)."""
    folder = DATA / name
    return sorted(p for p in folder.iterdir() if p.suffix in {".txt", ".md"} and p.with_suffix(".gold.json").exists())


def run_set(name: str, verbose: bool) -> dict[str, float]:
    """Score every document of a set; print the mismatches when ``verbose``."""
    totals = {f: 0.0 for f in FIELDS}
    docs = documents(name)
    for path in docs:
        gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
        found = found_fields(path)
        s = score(gold, found)
        for f in FIELDS:
            totals[f] += s[f]
        if verbose:
            for f in FIELDS:
                if s[f] < 1.0:
                    g = gold["authors"] if f == "authors" else gold[f]
                    print(f"  {path.name:32} {f:8} gold={g!r}  found={found[f]!r}")
    n = max(len(docs), 1)
    return {"docs": len(docs), **{f: totals[f] / n for f in FIELDS}}


def main(argv: list[str] | None = None) -> None:
    """Print per-field accuracy for the chosen set(s)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", default="dev", choices=["dev", "test", "all"])
    ap.add_argument("-v", "--verbose", action="store_true", help="list every mismatch")
    args = ap.parse_args(argv)
    sets = ["dev", "test"] if args.set == "all" else [args.set]
    print(f"{'set':5} {'docs':>4}  {'title':>6} {'authF1':>6} {'year':>6} {'venue':>6} {'kind':>6}")
    for name in sets:
        r = run_set(name, args.verbose)
        print(f"{name:5} {r['docs']:>4}  {r['title']:6.3f} {r['authors']:6.3f} {r['year']:6.3f} {r['venue']:6.3f} {r['kind']:6.3f}")


if __name__ == "__main__":
    main()
