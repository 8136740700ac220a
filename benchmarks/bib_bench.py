"""Benchmark: the exported .bib of real, messy reference lists compiles without warnings (prints, does not assert).

Two corpora made from AnyStyle's annotated data (never seen by the writer's tests):

* ``finder``: the five finder dissertations (``finder/*.ttx``), each turned into
  a plain ``.txt`` (the text after the tag on each line);
* ``parser``: the parser data (``parser/*.xml``), each sequence's text joined
  into one reference line, ``--limit`` of them (spread over the files) in
  documents under a "References" heading.

Each is built with ``citegraph build DIR -o OUT``; ``OUT/references.bib`` is
compiled (``\\nocite{*}``) with pdflatex + bibtex in the styles plain, plainnat
and apalike (those installed), and ``citegraph bib --biblatex`` with biber
(biblatex). Printed per corpus and style: entries, errors, warnings, then the
warnings and errors grouped by kind (with one example each, ``-v`` for all).

Run: ``.venv/bin/python benchmarks/bib_bench.py [--data DIR] [--limit 3000] [--keep DIR] [-v]``.
Skips with a message when pdflatex, bibtex or biber is missing.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = os.environ.get("CITEGRAPH_ANYSTYLE_DIR", "/work/shared/data/anystyle")
CITEGRAPH = [sys.executable, "-m", "citegraph.cli"] if not (ROOT / ".venv/bin/citegraph").exists() else [str(ROOT / ".venv/bin/citegraph")]

BIBTEX_DOC = r"""\documentclass{article}
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
%s
\begin{document}
\nocite{*}
\bibliographystyle{%s}
\bibliography{refs}
\end{document}
"""
BIBLATEX_DOC = r"""\documentclass{article}
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage[backend=biber,style=authoryear]{biblatex}
\addbibresource{refs.bib}
\begin{document}
\nocite{*}
\printbibliography
\end{document}
"""
#: bibtex style -> (preamble, .bst file that must be installed)
#: (plainnat prints url fields with \url: natbib's documentation asks for the url package.)
STYLES = {"plain": ("", "plain.bst"), "plainnat": (r"\usepackage[numbers]{natbib}\usepackage{url}", "plainnat.bst"), "apalike": ("", "apalike.bst")}
#: LaTeX log lines that come from the bibliography and matter (errors, characters that cannot be typeset).
LOG_MARKERS = ("Unicode character", "Missing character", "Empty bibliography")


def ttx_to_text(path: Path) -> str:
    """The plain text of a finder ``.ttx`` file: the text after the tag on each line."""
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        _, sep, text = raw.partition("|")
        text = text if sep else raw
        lines.append(text[1:] if text.startswith(" ") else text)
    return "\n".join(lines) + "\n"


def parser_refs(path: Path) -> list[str]:
    """Each ``<sequence>`` of an AnyStyle parser file as one reference line."""
    refs = []
    for seq in ET.parse(path).getroot().iter("sequence"):
        text = " ".join(" ".join((child.text or "").split()) for child in seq)
        text = " ".join(text.split())
        if text:
            refs.append(text)
    return refs


def make_corpora(data: Path, root: Path, limit: int) -> dict[str, Path]:
    """Write the two corpora under ``root``; {name: directory}."""
    corpora: dict[str, Path] = {}
    finder = sorted((data / "finder").glob("*.ttx"))
    if finder:
        d = root / "finder"
        d.mkdir(parents=True)
        for f in finder:
            (d / (f.stem + ".txt")).write_text(ttx_to_text(f), encoding="utf-8")
        corpora["finder"] = d
    xmls = sorted((data / "parser").glob("*.xml"))
    if xmls:
        d = root / "parser"
        d.mkdir(parents=True)
        lists = {f.stem: parser_refs(f) for f in xmls}
        total = sum(len(v) for v in lists.values())
        for name, refs in lists.items():
            share = refs if total <= limit else refs[:: max(1, round(total / limit))]
            # several smaller documents: a reference list of a few hundred lines is the realistic case
            for n in range(0, len(share), 500):
                body = "\n".join(share[n : n + 500])
                (d / f"anystyle-{name}-{n // 500 + 1}.txt").write_text(
                    f"AnyStyle {name} references, part {n // 500 + 1}\n\nIntroduction\n\nSee the list below.\n\nReferences\n\n{body}\n", encoding="utf-8")
        corpora["parser"] = d
    return corpora


def _run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, errors="replace", timeout=1800, env=env)


def kind_of(line: str) -> str:
    """A warning or error with its entry-specific parts (keys, names, numbers, quoted text) removed."""
    line = re.sub(r"^\[\d{1,9}\] \S{1,80}> ", "", line.strip())
    line = re.sub(r" l\.\d{1,9} .{0,200}$", "", line)  # a LaTeX error's context
    line = re.sub(r"(Unicode character) (\S{1,4}) \(U\+[0-9A-F]{1,6}\)", lambda m: f"{m.group(1)} ({_script(m.group(2))})", line)
    line = re.sub(r"\bin \S{1,200}$", "in KEY", line)
    line = re.sub(r"Entry '[^']{0,200}'", "Entry 'KEY'", line)
    line = re.sub(r"entry \S{1,200}$", "entry KEY", line)
    line = re.sub(r'"[^"]{0,300}"', '"..."', line)
    line = re.sub(r"'[^']{0,300}'", "'...'", line)
    line = re.sub(r"\d{1,9}", "N", line)
    return line[:140]


def _script(ch: str) -> str:
    """The first word of a character's Unicode name (CJK, HANGUL, CYRILLIC...): the script it needs."""
    return unicodedata.name(ch[:1], "?").split()[0]


def compile_bibtex(bib: Path, work: Path, style: str) -> tuple[list[str], list[str]]:
    """(errors, warnings) of compiling ``bib`` with pdflatex + bibtex in ``style``."""
    work.mkdir(parents=True, exist_ok=True)
    shutil.copy(bib, work / "refs.bib")
    (work / "doc.tex").write_text(BIBTEX_DOC % (STYLES[style][0], style), encoding="utf-8")
    latex = ["pdflatex", "-interaction=nonstopmode", "doc.tex"]
    _run(latex, work)
    backend = _run(["bibtex", "doc"], work)
    _run(latex, work)
    blg = (work / "doc.blg").read_text(encoding="utf-8", errors="replace") if (work / "doc.blg").exists() else ""
    errors, warnings = [], []
    lines = blg.splitlines()
    for i, ln in enumerate(lines):
        if ln.startswith("Warning--"):
            warnings.append(ln)
        elif "---line" in ln or ln.startswith("I was expecting") or ln.startswith("I'm skipping") or "---this can't happen" in ln:
            errors.append(ln + (" | " + lines[i + 1] if i + 1 < len(lines) and ln.startswith("I") else ""))
    if backend.returncode >= 2 and not errors:
        errors.append(f"bibtex exited {backend.returncode}")
    errors += _latex_errors(work)
    return errors, warnings


def compile_biber(bib: Path, work: Path) -> tuple[list[str], list[str]]:
    """(errors, warnings) of compiling ``bib`` with pdflatex + biber (biblatex, authoryear)."""
    work.mkdir(parents=True, exist_ok=True)
    shutil.copy(bib, work / "refs.bib")
    (work / "doc.tex").write_text(BIBLATEX_DOC, encoding="utf-8")
    latex = ["pdflatex", "-interaction=nonstopmode", "doc.tex"]
    _run(latex, work)
    backend = _run(["biber", "doc"], work)
    _run(latex, work)
    blg = (work / "doc.blg").read_text(encoding="utf-8", errors="replace") if (work / "doc.blg").exists() else ""
    errors = [ln for ln in blg.splitlines() if " ERROR - " in ln]
    warnings = [ln for ln in blg.splitlines() if " WARN - " in ln]
    if backend.returncode and not errors:
        errors.append(f"biber exited {backend.returncode}")
    errors += _latex_errors(work)
    return errors, warnings


def _latex_errors(work: Path) -> list[str]:
    log = (work / "doc.log").read_text(encoding="utf-8", errors="replace") if (work / "doc.log").exists() else ""
    lines = log.splitlines()
    out = []
    for i, ln in enumerate(lines):
        if ln.startswith("! "):
            context = next((c for c in lines[i + 1 : i + 4] if c.startswith("l.")), "")
            out.append("LaTeX " + ln + (" " + context[:120] if context else ""))
        elif any(m in ln for m in LOG_MARKERS):
            out.append("LaTeX " + ln)
    return out


def count_entries(bib: Path) -> int:
    return len(re.findall(r"(?m)^@[A-Za-z]{1,20}\{", bib.read_text(encoding="utf-8", errors="replace")))


def report(name: str, style: str, entries: int, errors: list[str], warnings: list[str], verbose: bool) -> None:
    print(f"{name:<8}{style:<10}{entries:>8}{len(errors):>8}{len(warnings):>10}")
    for label, lines in (("error", errors), ("warning", warnings)):
        kinds = Counter(kind_of(ln) for ln in lines)
        examples = {}
        for ln in lines:
            examples.setdefault(kind_of(ln), ln)
        for kind, n in kinds.most_common():
            print(f"    {n:>5} {label}: {kind}")
            for ln in (lines if verbose else [examples[kind]]):
                if verbose and kind_of(ln) != kind:
                    continue
                print(f"          e.g. {ln[:200]}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=DEFAULT_DATA, help="AnyStyle data directory (with finder/ and parser/)")
    ap.add_argument("--limit", type=int, default=3000, help="parser references to use (default 3000)")
    ap.add_argument("--keep", help="work in this directory and keep it (default: a temporary one)")
    ap.add_argument("--corpus", action="append", choices=["finder", "parser"], help="only this corpus (repeatable)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every warning, not one example per kind")
    args = ap.parse_args()
    missing = [t for t in ("pdflatex", "bibtex", "biber") if not shutil.which(t)]
    if missing:
        print(f"skipped: not installed: {', '.join(missing)} (Debian: texlive-latex-base texlive-bibtex-extra biber)")
        return 0
    styles = [s for s, (_, bst) in STYLES.items() if _run(["kpsewhich", bst], Path(".")).returncode == 0]
    biblatex = _run(["kpsewhich", "biblatex.sty"], Path(".")).returncode == 0
    tmp = None if args.keep else tempfile.TemporaryDirectory()
    root = Path(args.keep or tmp.name)
    if args.keep and root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    env = dict(os.environ, CITEGRAPH_CACHE=str(root / "cache"))
    corpora = make_corpora(Path(args.data), root / "corpora", args.limit)
    if args.corpus:
        corpora = {k: v for k, v in corpora.items() if k in args.corpus}
    if not corpora:
        print(f"no AnyStyle data under {args.data}")
        return 1
    print(f"{'corpus':<8}{'style':<10}{'entries':>8}{'errors':>8}{'warnings':>10}")
    totals = Counter()
    for name, src in corpora.items():
        out = root / "out" / name
        t0 = time.perf_counter()
        built = _run(CITEGRAPH + ["build", str(src), "-o", str(out)], ROOT, env)
        if built.returncode:
            print(f"{name}: citegraph build failed: {built.stderr[-500:]}")
            continue
        bib = out / "references.bib"
        bbl = out / "references-biblatex.bib"
        made = _run(CITEGRAPH + ["bib", "-o", str(bbl), "--biblatex", "-C", str(src)], ROOT, env)
        print(f"# {name}: {len(list(src.iterdir()))} documents, built in {time.perf_counter() - t0:.0f}s")
        for style in styles:
            errors, warnings = compile_bibtex(bib, root / "tex" / name / style, style)
            report(name, style, count_entries(bib), errors, warnings, args.verbose)
            totals["errors"] += len(errors)
            totals["warnings"] += len(warnings)
        if biblatex and made.returncode == 0:
            errors, warnings = compile_biber(bbl, root / "tex" / name / "biblatex")
            report(name, "biblatex", count_entries(bbl), errors, warnings, args.verbose)
            totals["errors"] += len(errors)
            totals["warnings"] += len(warnings)
        elif made.returncode:
            print(f"{name}: citegraph bib --biblatex failed: {made.stderr[-500:]}")
    print(f"total: {totals['errors']} errors, {totals['warnings']} warnings")
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
