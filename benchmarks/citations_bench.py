"""Benchmark of in-text citation finding, linking, speakers and the ``check`` audit (prints, does not assert).

Runs the real pipeline (``citegraph.api.extract_file``) on the hand-annotated
documents of ``benchmarks/data/citations/<set>/`` and compares with their
``.gold.json`` files (format in that folder's README):

- citations are matched to gold by (line, normalised marker): author-year items
  on (first author surname, year + suffix), numeric items on the number; a line
  off by one is accepted when nothing matches on the exact line;
- a link is a (citation, entry) pair; precision is over found links, recall
  over gold links; status accuracy is over matched citations;
- ``check``: problems reported on the clean manuscripts, and problems reported
  anywhere that the gold does not expect, are false alarms; planted problems are
  found when a problem of the same kind is reported on their line;
- news documents: attributed statements (speaker + line) against the gold;
- timing: extraction of a generated ~50-page document with ~400 citations.

Run: ``.venv/bin/python benchmarks/citations_bench.py --set test`` (or ``--set dev``).
The ``test`` set is held out: measure on it, never tune to it.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from citegraph.api import extract_file  # noqa: E402
from citegraph.cli.check import audit  # noqa: E402
from citegraph.resources import Resources  # noqa: E402

DATA = Path(__file__).resolve().parent / "data" / "citations"
_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "del", "dos", "das", "ten", "ter", "d"}
_PREFIXES = {"e", "g", "eg", "see", "also", "cf", "i", "ie", "for", "example", "and"}
_WORD = re.compile(r"[^\W\d_][\w'’-]{0,60}")
_YEAR = re.compile(r"(1[5-9]\d\d|20\d\d)([a-z]?)(?![\w])")


def surname_key(text: str) -> str:
    """The first author's surname of a marker or name, lower-cased, without particles or possessive."""
    for w in _WORD.findall(text):
        lw = w.lower()
        if lw in _PARTICLES or lw in _PREFIXES:
            continue
        return re.sub(r"['’]s$", "", lw)
    return ""


def marker_key(marker: str) -> tuple[str, str]:
    """(surname, year+suffix) of a marker as written."""
    m = _YEAR.search(marker)
    return surname_key(marker), (m.group(1) + m.group(2)) if m else ""


def found_key(c: Any) -> tuple[str, str]:
    """The match key of a found citation."""
    if c.key.number is not None:
        return ("#", str(c.key.number))
    name = surname_key(c.key.authors[0]) if c.key.authors else surname_key(c.marker)
    year = (c.key.year + c.key.suffix) if c.key.year else marker_key(c.marker)[1]
    return name, year


def gold_key(g: dict) -> tuple[str, str]:
    """The match key of a gold citation."""
    if "number" in g:
        return ("#", str(g["number"]))
    return marker_key(g["marker"])


def match(gold: list[dict], found: list[Any]) -> tuple[dict[int, int], list[int], list[int]]:
    """Pair gold items with found citations: same key, same line first, then a line off by one."""
    pairs: dict[int, int] = {}
    free = set(range(len(found)))
    fk = [found_key(c) for c in found]
    for tol in (0, 1):
        for gi, g in enumerate(gold):
            if gi in pairs:
                continue
            k = gold_key(g)
            for fi in sorted(free):
                if fk[fi] == k and abs(found[fi].source.line - g["line"]) <= tol:
                    pairs[gi] = fi
                    free.discard(fi)
                    break
    missed = [gi for gi in range(len(gold)) if gi not in pairs]
    return pairs, missed, sorted(free)


def entry_numbers(x: Any, gold: dict) -> dict[str, int]:
    """Map each found reference id to a gold entry number by the line it starts on."""
    lines = [(e["line"], e["n"]) for e in gold["entries"]]
    out: dict[str, int] = {}
    for r in x.references:
        best = 0
        for ln, n in lines:
            if ln <= r.source.line:
                best = n
        if best:
            out[r.id] = best
    return out


def score_doc(path: Path, gold: dict, res: Resources) -> dict:
    """Everything measured on one document."""
    t0 = time.perf_counter()
    x = extract_file(str(path), res)
    secs = time.perf_counter() - t0
    emap = entry_numbers(x, gold)
    found = list(x.citations)
    gitems = gold["citations"]
    pairs, missed, spurious = match(gitems, found)
    g_links = sum(len(g["refs"]) for g in gitems)
    f_links = ok_links = 0
    status_ok = 0
    errors: list[str] = []
    inv = {fi: gi for gi, fi in pairs.items()}
    for fi, c in enumerate(found):
        ents = {emap.get(rid, -1) for rid in c.references}
        f_links += len(ents)
        if fi in inv:
            g = gitems[inv[fi]]
            good = ents & set(g["refs"])
            ok_links += len(good)
            status_ok += c.status == g["status"]
            if ents != set(g["refs"]) or c.status != g["status"]:
                errors.append(f"  line {g['line']}: {g['marker']!r} gold {g['status']} {g['refs']} -> found {c.status} {sorted(ents)} ({c.marker!r})")
        elif ents:
            errors.append(f"  line {c.source.line}: spurious {c.marker!r} -> {sorted(ents)}")
        else:
            errors.append(f"  line {c.source.line}: spurious {c.marker!r} ({c.status})")
    for gi in missed:
        g = gitems[gi]
        errors.append(f"  line {g['line']}: missed {g['marker']!r} {gold_key(g)}")
    # the audit
    problems = audit(x)
    expected: list[tuple[str, int]] = [(g["status"], g["line"]) for g in gitems if g["status"] != "resolved"]
    by_n = {e["n"]: e["line"] for e in gold["entries"]}
    expected += [("uncited", by_n[n]) for n in gold.get("uncited", [])]
    false_alarms = []
    for p in problems:
        if gold.get("clean") or not any(k == p.code and abs(ln - p.line) <= 1 for k, ln in expected):
            false_alarms.append(p)
    planted = gold.get("problems", [])
    planted_found = sum(any(p.code == pl["kind"] and abs(p.line - pl["line"]) <= 1 for p in problems) for pl in planted)
    for pl in planted:
        if not any(p.code == pl["kind"] and abs(p.line - pl["line"]) <= 1 for p in problems):
            errors.append(f"  planted {pl['kind']} at line {pl['line']} not reported")
    for p in false_alarms:
        errors.append(f"  false alarm: {p}")
    out = {
        "doc": path.name, "gold": len(gitems), "found": len(found), "matched": len(pairs),
        "g_links": g_links, "f_links": f_links, "ok_links": ok_links, "status_ok": status_ok,
        "clean": bool(gold.get("clean")), "alarms": len(false_alarms), "planted": len(planted),
        "planted_found": planted_found, "secs": secs, "errors": errors,
    }
    if "speakers" in gold:
        out.update(score_speakers(x, gold["speakers"], errors))
    return out


def score_speakers(x: Any, gold: list[dict], errors: list[str]) -> dict:
    """Attributed statements: a gold speaker is found when a claim on its line names its surname.

    Speakers are counted once per (line, speaker), in the gold and in what is
    found: "X said ... He added ..." on one line is one attributed speaker.
    """
    firm: dict[tuple[int, str], dict] = {}
    for g in gold:
        k = (g["line"], g["speaker"].split()[-1].lower())
        if k not in firm or firm[k].get("optional"):
            firm[k] = g
    gold = list(firm.values())
    said = list({(c.source.line, c.speaker or ""): (c.source.line, c.speaker or "", c.speaker_role or "") for c in x.claims if c.speaker}.values())
    used: set[int] = set()
    hit = need = 0
    for g in gold:
        last = g["speaker"].split()[-1].lower()
        k = next((i for i, (ln, sp, _) in enumerate(said) if i not in used and ln == g["line"] and last in sp.lower()), None)
        if k is not None:
            used.add(k)
        if not g.get("optional"):
            need += 1
            hit += k is not None
            if k is None:
                errors.append(f"  line {g['line']}: speaker {g['speaker']!r} missed")
    for i, (ln, sp, role) in enumerate(said):
        if i not in used:
            errors.append(f"  line {ln}: spurious speaker {sp!r} ({role})")
    return {"sp_gold": need, "sp_hit": hit, "sp_found": len(said), "sp_ok": len(used)}


def prf(ok: int, found: int, gold: int) -> tuple[float, float, float]:
    p = ok / found if found else 1.0
    r = ok / gold if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def timing(res: Resources) -> tuple[float, int, int]:
    """Extraction time of a generated ~50-page manuscript with ~400 citations (warm models)."""
    rng = random.Random(4)
    names = ["Abidin", "Baym", "Bucher", "Chen", "Duffy", "Gillespie", "Helmond", "Jenkins", "Kaye", "Lessig", "Marwick", "Nieborg",
             "Poell", "Rieder", "Senft", "Terranova", "van Dijck", "Wood", "Zeng", "Zuboff"]
    refs = []
    for i in range(80):
        a = names[i % len(names)]
        year = 1995 + i
        refs.append((a, str(year)))
    words = ("platform users content media social algorithm visibility network data public culture research study "
             "analysis practice labour attention market policy governance community").split()
    paras, n_cites = [], 0
    for p in range(250):
        sents = []
        for s in range(6):
            body = " ".join(rng.choice(words) for _ in range(rng.randint(10, 22))).capitalize()
            if rng.random() < 0.27:
                a, y = rng.choice(refs)
                body += f" ({a}, {y})" if rng.random() < 0.6 else f", as {a} ({y}) argued"
                n_cites += 1
            sents.append(body + ".")
        paras.append(" ".join(sents))
        if p % 25 == 0:
            paras.append(f"## Section {p // 25 + 1}")
    ref_lines = [f"{a}, {a[0]}. ({y}). A study of {rng.choice(words)} and {rng.choice(words)}. Journal of {rng.choice(words).title()}, {i + 1}(2), 1-20."
                 for i, (a, y) in enumerate(refs)]
    text = "# A long manuscript\n\n" + "\n\n".join(paras) + "\n\n## References\n\n" + "\n\n".join(ref_lines) + "\n"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.md"
        path.write_text(text, encoding="utf-8")
        extract_file(str(path), res)  # warm-up: models loaded once per run
        t0 = time.perf_counter()
        x = extract_file(str(path), res)
        secs = time.perf_counter() - t0
    return secs, len(text.split()), len(x.citations)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--set", dest="which", default="test", choices=["test", "dev"], help="document set")
    ap.add_argument("--data", default=None, help="folder of documents + .gold.json (overrides --set)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every error")
    ap.add_argument("--no-timing", action="store_true", help="skip the long-document timing")
    args = ap.parse_args()
    folder = Path(args.data) if args.data else DATA / args.which
    res = Resources()
    rows = []
    for gold_path in sorted(folder.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc = folder / gold["file"]
        rows.append(score_doc(doc, gold, res))
    print(f"{'document':<22}{'gold':>5}{'found':>6}{'P':>7}{'R':>7}{'F1':>7}{'status':>8}{'alarms':>7}{'planted':>9}{'speakers':>10}")
    for r in rows:
        p, rc, f = prf(r["ok_links"], r["f_links"], r["g_links"])
        st = r["status_ok"] / r["matched"] if r["matched"] else 1.0
        sp = f"{r['sp_hit']}/{r['sp_gold']}" if "sp_gold" in r else ""
        print(f"{r['doc']:<22}{r['gold']:>5}{r['found']:>6}{p:>7.3f}{rc:>7.3f}{f:>7.3f}{st:>8.3f}{r['alarms']:>7}"
              f"{r['planted_found']:>5}/{r['planted']:<3}{sp:>10}")
        if args.verbose:
            for e in r["errors"]:
                print(e)
    ok = sum(r["ok_links"] for r in rows)
    p, rc, f = prf(ok, sum(r["f_links"] for r in rows), sum(r["g_links"] for r in rows))
    matched = sum(r["matched"] for r in rows)
    st = sum(r["status_ok"] for r in rows) / matched if matched else 1.0
    clean_alarms = sum(r["alarms"] for r in rows if r["clean"])
    alarms = sum(r["alarms"] for r in rows)
    planted = sum(r["planted"] for r in rows)
    pfound = sum(r["planted_found"] for r in rows)
    print(f"\nlinks: precision {p:.3f}  recall {rc:.3f}  F1 {f:.3f}   (targets P >= 0.98, R >= 0.95)")
    print(f"citations: gold {sum(r['gold'] for r in rows)}, found {sum(r['found'] for r in rows)}, matched {matched}; status accuracy {st:.3f}")
    print(f"check: false alarms on clean manuscripts {clean_alarms} (target 0); unexpected problems elsewhere {alarms - clean_alarms}; planted problems found {pfound}/{planted}")
    sg = sum(r.get("sp_gold", 0) for r in rows)
    if sg:
        sh = sum(r.get("sp_hit", 0) for r in rows)
        sf = sum(r.get("sp_found", 0) for r in rows)
        so = sum(r.get("sp_ok", 0) for r in rows)
        print(f"speakers: recall {sh}/{sg} = {sh / sg:.3f}, precision {so}/{sf} = {(so / sf if sf else 1):.3f}")
    if not args.no_timing:
        secs, words, n = timing(res)
        print(f"timing: {words} words, {n} citations extracted in {secs:.2f} s (target < 1 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
