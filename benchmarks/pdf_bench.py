"""Benchmark of what a user gets from real, typeset PDFs (prints, does not assert).

Typesets the LaTeX papers of ``benchmarks/data/pdf/*.tex`` with pdflatex (twice,
for the citation labels), runs :func:`citegraph.api.extract_file` on each PDF
and compares with the truth read from the LaTeX source:

- header: the title (folded) and the authors' surnames (``% truth-authors:`` line);
- references: entries found vs true, and true entries matched by an extracted
  entry with the same first-author surname and year (``% Surname Year`` after
  each ``\\bibitem``);
- citations: every key of every ``\\cite``/``\\citep``/``\\citet`` is one true
  citation of that entry; a found citation is right when it resolved to one
  entry that matches it (multiset match per entry): precision and recall;
- furniture left in the cleaned text: running heads/feet (``% truth-furniture:``
  strings, ``|``-separated) and "Page n"; page numbers glued into a sentence
  (a bare number between two lower-case words); footnotes and float captions
  merged into a paragraph of body text; words that are not in the source
  (broken by hyphenation, ligatures lost, words glued together);
- continuity: the share of the body's word pairs (citations, footnotes and
  floats removed) found as consecutive words in the cleaned text (column order,
  sentences interrupted by furniture).

Files named ``test_*.tex`` are held out: written before any tuning, measured
only at the end. Run: ``.venv/bin/python benchmarks/pdf_bench.py`` (``--set dev``,
``--set test``, ``-v`` lists leftovers, ``--out DIR`` keeps the PDFs).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from citegraph.api import extract_file  # noqa: E402
from citegraph.model import Extraction  # noqa: E402

DATA = Path(__file__).resolve().parent / "data" / "pdf"
_CITE = re.compile(r"\\cite(?:t|p|alp|alt)?\*?(?:\[[^\]]{0,80}\]){0,2}\{([^}]{1,300})\}")
_BIBITEM = re.compile(r"\\bibitem(?:\[[^\]]{0,300}\])?\{([^}]{1,100})\}\s{0,5}%\s{0,5}(.{1,80})")
_FOOTNOTE = re.compile(r"\\footnote\{((?:[^{}]|\{[^{}]{0,300}\}){1,1500})\}")
_CAPTION = re.compile(r"\\caption\{((?:[^{}]|\{[^{}]{0,300}\}){1,600})\}")
_FLOAT = re.compile(r"\\begin\{(table|figure)\*?\}.{0,5000}?\\end\{\1\*?\}", re.S)
_WORDS = re.compile(r"[^\W\d_]{1,60}")
_GLUED_NUMBER = re.compile(r"[a-z,;] \d{1,3} [a-z]")
_PAGE = re.compile(r"\bPage \d{1,3}\b")


def fold(text: str) -> str:
    """Case, accents, punctuation and spacing folded."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", s).split())


def detex(src: str) -> str:
    """Plain text of some LaTeX (pylatexenc)."""
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text().latex_to_text(src)


@dataclass
class Truth:
    """What the LaTeX source says the PDF contains."""

    title: str
    authors: list[str]
    refs: dict[str, tuple[str, str]]  # key -> (surname, year)
    cites: Counter
    furniture: list[str]
    apart: list[str]  # footnotes and captions: text that must not sit inside a body paragraph
    vocab: set[str]
    pairs: set[tuple[str, str]]


def truth_of(tex: Path) -> Truth:
    """Parse the truth out of a LaTeX source written for this bench."""
    src = tex.read_text(encoding="utf-8")
    meta = dict(re.findall(r"^% truth-(\w+):[ \t]*(.*)$", src, re.M))
    title = detex(re.search(r"\\title\{(.{1,400}?)\}\n", src).group(1)).strip()
    refs = {}
    for key, note in _BIBITEM.findall(src):
        surname, year = note.split()[:2]
        refs[key] = (surname, year)
    doc = src.split("\\begin{document}", 1)[1]
    body_src = doc.split("\\begin{thebibliography}", 1)[0]
    cites = Counter(k.strip() for group in _CITE.findall(body_src) for k in group.split(","))
    apart = [detex(t) for t in _FOOTNOTE.findall(body_src) + _CAPTION.findall(body_src)]
    vocab = {"abstract", "references", "contents", "table", "figure"} | {w.casefold() for w in _WORDS.findall(unicodedata.normalize("NFC", detex(src.replace("\\\\", " "))))}
    body = body_src.split("\\end{abstract}", 1)[-1]
    body = _FLOAT.sub(" ", _FOOTNOTE.sub(" ", body))
    body = _CITE.sub(" QQCITEQQ ", body)
    words = _WORDS.findall(detex(body))
    pairs = {(a.casefold(), b.casefold()) for a, b in zip(words, words[1:]) if "QQCITEQQ" not in (a, b)}
    furniture = [s.strip() for s in meta.get("furniture", "").split("|") if s.strip()]
    return Truth(title, meta.get("authors", "").replace(";", " ").split(), refs, cites, furniture, apart, vocab, pairs)


def build(tex: Path, out: Path) -> Path | None:
    """Typeset ``tex`` into ``out`` (pdflatex twice); the PDF, or None on failure."""
    for _ in range(2):
        r = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", f"-output-directory={out}", str(tex)], cwd=tex.parent, capture_output=True, text=True)
        if r.returncode:
            print(f"  {tex.name}: pdflatex failed:\n{r.stdout[-800:]}")
            return None
    return out / (tex.stem + ".pdf")


@dataclass
class Score:
    """Per-document figures."""

    name: str
    title_ok: bool = False
    title: str = ""
    authors: str = ""
    authors_found: int = 0
    authors_true: int = 0
    refs_found: int = 0
    refs_true: int = 0
    refs_matched: int = 0
    cites_found: int = 0
    cites_true: int = 0
    cites_right: int = 0
    heads: int = 0
    numbers: int = 0
    merged: int = 0
    apart: int = 0
    nonwords: list[str] = field(default_factory=list)
    continuity: float = 0.0
    leftovers: list[str] = field(default_factory=list)


def _ref_key(csl: dict, t: Truth) -> str | None:
    """The true entry an extracted entry stands for (first-author surname + year), if any."""
    authors = csl.get("author") or csl.get("editor") or []
    fam = fold(authors[0].get("family") or authors[0].get("literal") or "") if authors else ""
    year = str(((csl.get("issued") or {}).get("date-parts") or [[""]])[0][0])
    for key, (surname, y) in t.refs.items():
        s = fold(surname)
        if y == year and fam and (s == fam or s in fam.split()):
            return key
    return None


def score(name: str, x: Extraction, t: Truth) -> Score:
    """Compare one extraction with its truth."""
    sc = Score(name)
    csl = dict(x.document.csl) if x.document else {}
    sc.title = csl.get("title", "")
    sc.title_ok = fold(sc.title) == fold(t.title)
    fams = [fold(a.get("family") or a.get("literal") or "") for a in csl.get("author", [])]
    sc.authors = "; ".join(fams)
    sc.authors_true = len(t.authors)
    sc.authors_found = sum(1 for a in t.authors if any(fold(a) in f.split() or fold(a) == f for f in fams))
    sc.refs_found, sc.refs_true = len(x.references), len(t.refs)
    keys = {r.id: _ref_key(dict(r.csl), t) for r in x.references}
    sc.refs_matched = len({k for k in keys.values() if k})
    found = Counter(keys.get(c.references[0]) for c in x.citations if c.status == "resolved" and len(c.references) == 1)
    found.pop(None, None)
    sc.cites_found, sc.cites_true = len(x.citations), sum(t.cites.values())
    sc.cites_right = sum(min(n, t.cites[k]) for k, n in found.items())
    text = x.text
    ftext = fold(text)
    for s in t.furniture:
        n = ftext.count(fold(s))
        if n:
            sc.heads += n
            sc.leftovers.append(f"running head x{n}: {s!r}")
    for m in _PAGE.finditer(text):
        sc.heads += 1
        sc.leftovers.append(f"page foot: {text[max(0, m.start() - 30):m.end() + 30]!r}")
    for m in _GLUED_NUMBER.finditer(text):
        if re.search(r"(?i)(?:table|figure|fig\.|section|page|of|and)$", text[max(0, m.start() - 8) : m.start() + 1]):
            continue  # "Table 1 shows", "Page 2 of 4" (counted above)
        sc.numbers += 1
        sc.leftovers.append(f"page number: {text[max(0, m.start() - 30):m.end() + 30]!r}")
    paras = [fold(p) for p in text.split("\n\n")]
    for a in t.apart:
        probe = fold(a)[:60]
        hit = next((p for p in paras if probe in p), None)
        sc.apart += 1
        if hit is not None and len(hit) > len(fold(a)) + 25:
            sc.merged += 1
            sc.leftovers.append(f"footnote/caption inside body text: {a[:60]!r}")
    words = _WORDS.findall(unicodedata.normalize("NFC", text))
    sc.nonwords = sorted({w for w in words if w.casefold() not in t.vocab})
    if sc.nonwords:
        sc.leftovers.append(f"not words of the source: {', '.join(sc.nonwords[:25])}")
    got = {(a.casefold(), b.casefold()) for a, b in zip(words, words[1:])}
    sc.continuity = len(t.pairs & got) / max(len(t.pairs), 1)
    return sc


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--set", choices=("dev", "test", "all"), default="all")
    ap.add_argument("--out", help="folder for the PDFs (default: a temporary folder)")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    if not shutil.which("pdflatex"):
        print("pdflatex not found: install texlive-latex-base/-recommended to run this benchmark; skipped")
        return 0
    texs = sorted(DATA.glob("*.tex"))
    texs = [t for t in texs if args.set == "all" or (t.stem.startswith("test_") == (args.set == "test"))]
    out = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="pdf-bench-"))
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for tex in texs:
        pdf = build(tex, out)
        if pdf is None:
            continue
        sc = score(tex.stem, extract_file(str(pdf)), truth_of(tex))
        rows.append(sc)
        print(f"{sc.name}  ({'test' if sc.name.startswith('test_') else 'dev'})")
        print(f"  title {'ok ' if sc.title_ok else 'NO '} {sc.title[:90]!r}")
        print(f"  authors {sc.authors_found}/{sc.authors_true}: {sc.authors[:90]}")
        print(f"  references found {sc.refs_found} / true {sc.refs_true}, matched (surname+year) {sc.refs_matched}")
        p = sc.cites_right / sc.cites_found if sc.cites_found else 0.0
        r = sc.cites_right / sc.cites_true if sc.cites_true else 0.0
        print(f"  citations found {sc.cites_found} / true {sc.cites_true}, linked right {sc.cites_right}: P {p:.2f} R {r:.2f}")
        print(f"  leftovers: running heads/feet {sc.heads}, page numbers in sentences {sc.numbers}, footnotes/captions merged {sc.merged}/{sc.apart}, non-words {len(sc.nonwords)}; continuity {sc.continuity:.3f}")
        if args.verbose:
            for s in sc.leftovers:
                print(f"    - {s}")
    if not rows:
        return 0
    tot = {k: sum(getattr(s, k) for s in rows) for k in ("refs_found", "refs_true", "refs_matched", "cites_found", "cites_true", "cites_right", "heads", "numbers", "merged")}
    print(
        f"TOTAL {len(rows)} docs: titles {sum(s.title_ok for s in rows)}/{len(rows)}, authors {sum(s.authors_found for s in rows)}/{sum(s.authors_true for s in rows)}, "
        f"refs matched {tot['refs_matched']}/{tot['refs_true']} (found {tot['refs_found']}), "
        f"citations P {tot['cites_right'] / max(tot['cites_found'], 1):.3f} R {tot['cites_right'] / max(tot['cites_true'], 1):.3f}, "
        f"heads {tot['heads']}, page numbers {tot['numbers']}, merged notes/captions {tot['merged']}, non-words {sum(len(s.nonwords) for s in rows)}, "
        f"continuity {sum(s.continuity for s in rows) / len(rows):.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
