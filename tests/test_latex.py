"""The exported .bib compiles: every key cited, BibTeX (plain) and biber (biblatex), no error and no warning.

Two corpora: the sample corpus (``references/``) and a varied synthetic one
(a .bib of every entry type plus a paper whose reference list mixes styles,
web pages, newspapers, organisations, missing years and accents). Skipped
only when pdflatex, bibtex or biber is not installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import bibtexparser
import pytest

from citegraph.api import bib_items, load_graph
from citegraph.readwrite.bibtex_write import to_bibtex

from .conftest import CORPUS
from .test_bib_roundtrip import VARIED_BIB

PAPER = """# Platforms and the press: a synthetic paper

Jane Doe, University of Somewhere

## Introduction

Platforms matter (Curran, 2007; Pew Research Center, 2025). Others disagree (Müller & Ørsted, 2019).
News coverage was intense (Fan, 2025) and web sources abound (Xiaohongshu, n.d.; BBC News, 2024).
Reports exist (OECD, 2021) as do theses (Dubois, 2016) and datasets (Zhang et al., 2022).
Some works are old (Habermas, 1989) or forthcoming (Nakamura, in press).

## References

BBC News. (2024, January 14). TikTok users flock to RedNote. https://www.bbc.com/news/articles/c_x1?y=2&z=3
Curran, J. (2007). Media and cultural theory. Routledge.
Dubois, É. (2016). Les plateformes numériques et la presse [Doctoral dissertation, Université de Montréal].
Fan, F. (2025, January 17). As demand grows, apps urged to improve content, services. China Daily.
Habermas, J. (1989). The structural transformation of the public sphere (T. Burger, Trans.). MIT Press.
Müller, K., & Ørsted, H. C. (2019). Über Öffentlichkeit & platforms: 100% of users_online. Journal of Media Studies, 12(3), 45–67. https://doi.org/10.1000/jms.2019.12_3
Nakamura, Y. (in press). Platform capitalism in Japan. New Media & Society.
OECD. (2021). The digital economy outlook (Report No. 7). OECD Publishing.
Pew Research Center. (2025). State of the news media. https://www.pewresearch.org/~news/
Xiaohongshu. (n.d.). About us. Retrieved March 1, 2025, from https://www.xiaohongshu.com/about
Zhang, W., Li, N., & Chen, G. (2022). Weibo posts 2020–2021 [Data set]. Zenodo. https://doi.org/10.5281/zenodo.12345
"""

#: Reference lines like those of AnyStyle's data that once gave BibTeX warnings or LaTeX errors (benchmarks/bib_bench.py).
MESSY = """# Messy references

## References

Жуков, А. В. (2001). Экономика и общество. Москва: Наука.
Nguyễn, V. Ạ. (2015). Kinh tế học phát triển. Hà Nội: Nhà xuất bản.
김, 철수 (2010). 한국 사회의 변화. 서울: 학지사.
ASH. (2009). Accompagnateurs du quotidien. ASH, 2630, 28–31.
Arrow, {\\sc K. J., Hurwicz, L., & Uzawa}, H. (1961). Constraint qualifications in maximization problems. {\\em Naval Research Logistics Quarterly}, 8, 175–191.
Lamarque J.F.‚ T. C. Bond‚ V. Eyring (2010). Historical gridded emissions. Atmospheric Chemistry and Physics‚ 10(15), 7017–7039.
Smith, J. (n.d.). Untitled working notes. Retrieved from http://example.org/a_b%20c#frag
"""

TOOLS = ("pdflatex", "bibtex", "biber", "kpsewhich")
missing = [t for t in TOOLS if not shutil.which(t)]
pytestmark = pytest.mark.skipif(bool(missing), reason=f"LaTeX tools not installed: {', '.join(missing)} (CI installs texlive-latex-base, texlive-bibtex-extra, biber)")


def _latex_packages_missing(names: tuple[str, ...]) -> list[str]:
    if missing:
        return []
    return [n for n in names if subprocess.run(["kpsewhich", n], capture_output=True, text=True).returncode != 0]


#: biblatex needs etoolbox (Debian: texlive-latex-recommended), which texlive-bibtex-extra does not pull in.
BIBLATEX_MISSING = _latex_packages_missing(("biblatex.sty", "etoolbox.sty", "logreq.sty", "kvoptions.sty"))
needs_biblatex = pytest.mark.skipif(bool(BIBLATEX_MISSING), reason=f"LaTeX packages for biblatex not installed: {', '.join(BIBLATEX_MISSING)} (Debian: texlive-latex-recommended)")
BIBLATEX = [False, pytest.param(True, marks=needs_biblatex)]

BIBTEX_DOC = r"""\documentclass{article}
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\begin{document}
%s
\bibliographystyle{plain}
\bibliography{refs}
\end{document}
"""
BIBLATEX_DOC = r"""\documentclass{article}
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage[backend=biber,style=authoryear]{biblatex}
\addbibresource{refs.bib}
\begin{document}
%s
\printbibliography
\end{document}
"""
#: Lines of the LaTeX log that concern citations and the bibliography (or any error).
LOG_MARKERS = ("Citation", "undefined references", "Package biblatex Warning", "Empty bibliography", "Unicode character", "Missing character")


def log_problems(log: str) -> list[str]:
    """Errors (``! ...``) and citation/bibliography/encoding warnings in a LaTeX log."""
    return [ln for ln in log.splitlines() if ln.startswith("! ") or any(m in ln for m in LOG_MARKERS)]


def _run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, errors="replace", timeout=120)


def compile_bib(bib: str, keys: list[str], workdir: Path, biblatex: bool, reruns: int = 2) -> dict[str, list[str]]:
    """Compile a document citing each key; the bibliography's warnings and errors found in each log."""
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "refs.bib").write_text(bib, encoding="utf-8")
    cites = "\n".join(f"\\cite{{{k}}}" for k in keys)
    (workdir / "doc.tex").write_text((BIBLATEX_DOC if biblatex else BIBTEX_DOC) % cites, encoding="utf-8")
    latex = ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"]
    first = _run(latex, workdir)
    backend = _run(["biber", "doc"] if biblatex else ["bibtex", "doc"], workdir)
    for _ in range(reruns):
        last = _run(latex, workdir)
    found: dict[str, list[str]] = {}
    blg = (workdir / "doc.blg").read_text(encoding="utf-8", errors="replace") if (workdir / "doc.blg").exists() else ""
    if biblatex:
        found["biber"] = [ln for ln in blg.splitlines() if re.search(r"\b(WARN|ERROR)\b", ln)]
    else:
        found["bibtex"] = [ln for ln in blg.splitlines() if "Warning--" in ln or "error message" in ln or "---line" in ln]
    log = (workdir / "doc.log").read_text(encoding="utf-8", errors="replace")
    found["latex"] = log_problems(log)
    found["exit"] = [f"{name} exited {p.returncode}" for name, p in (("pdflatex 1", first), ("backend", backend), ("pdflatex", last)) if p.returncode]
    return found


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    root = tmp_path_factory.mktemp("latex")
    synthetic = root / "synthetic"
    synthetic.mkdir()
    (synthetic / "library.bib").write_text(VARIED_BIB, encoding="utf-8")
    (synthetic / "doe-2025-platforms.md").write_text(PAPER, encoding="utf-8")
    messy = root / "messy"
    messy.mkdir()
    (messy / "messy.md").write_text(MESSY, encoding="utf-8")
    return {"sample": [str(CORPUS)], "synthetic": [str(synthetic)], "messy": [str(messy)]}


def test_messy_references_compile_in_plain_bibtex(corpora, tmp_path):
    """Cyrillic, Vietnamese, Hangul, LaTeX markup and OCR'd commas in references: no BibTeX warning, no LaTeX error."""
    items = bib_items(load_graph(corpora["messy"], cache_dir=None))
    bib = to_bibtex(items)
    keys = [e.key for e in bibtexparser.parse_string(bib).entries]
    assert len(keys) >= 6
    assert found_clean(compile_bib(bib, keys, tmp_path, False))


def found_clean(found: dict[str, list[str]]) -> bool:
    assert found == {"bibtex": [], "latex": [], "exit": []}
    return True


@pytest.mark.parametrize("biblatex", BIBLATEX, ids=["bibtex-plain", "biber-biblatex"])
@pytest.mark.parametrize("corpus", ["sample", "synthetic"])
def test_bibliography_compiles_without_warnings(corpora, corpus, biblatex, tmp_path):
    items = bib_items(load_graph(corpora[corpus], cache_dir=None))
    bib = to_bibtex(items, biblatex=biblatex)
    keys = [e.key for e in bibtexparser.parse_string(bib).entries]
    assert len(keys) == len(items) >= (20 if corpus == "sample" else 15)
    found = compile_bib(bib, keys, tmp_path, biblatex)
    assert found == {("biber" if biblatex else "bibtex"): [], "latex": [], "exit": []}
    assert (tmp_path / "doc.pdf").stat().st_size > 0
    bbl = (tmp_path / "doc.bbl").read_text(encoding="utf-8")
    cited = re.findall(r"\\bibitem\{([^}]{1,200})\}", bbl) if not biblatex else re.findall(r"\\entry\{([^}]{1,200})\}", bbl)
    assert sorted(cited) == sorted(keys)  # every exported key made it into the bibliography


@pytest.mark.parametrize(
    "biblatex, bib, expected",
    [
        (False, "@article{bad,\n  author = {Doe, Jane},\n  title = {Untitled},\n}\n", "empty journal"),
        pytest.param(True, "@book{bad,\n  author = {Doe, Jane},\n  title = {Untitled},\n  date = {2001},\n  isbn = {978-0-415-31705-0},\n}\n",
                     "ISBN", marks=needs_biblatex),
    ],
    ids=["bibtex-plain", "biber-biblatex"],
)
def test_the_check_catches_a_bad_entry(tmp_path, biblatex, bib, expected):
    """The check can fail: BibTeX warns on an article without journal, biber on an invalid ISBN; an unknown key is seen in both logs."""
    found = compile_bib(bib, ["bad", "nokey"], tmp_path, biblatex, reruns=1)
    backend = found["biber" if biblatex else "bibtex"]
    assert any(expected in ln for ln in backend)
    assert any("nokey" in ln for ln in backend)
    assert found["latex"] and found["exit"] == []
