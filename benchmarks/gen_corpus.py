"""Synthetic corpora for the benchmarks: a pool of works, and text documents that cite them.

``work_pool(rng, n)`` makes CSL items for ``n`` distinct works, including hard
negatives (same first-author surname and year, different work; same surname,
different first initial). ``write_corpus(out, n_docs, refs_per_doc, seed)``
writes ``n_docs`` documents (Markdown and plain text) with author-year
citations in the body and a reference list in one of a few styles (APA,
Harvard without parentheses, Chicago author-date). A few documents are
themselves works of the pool (so references cite a corpus document) and a
few are excerpts of another document.

Run ``python benchmarks/gen_corpus.py OUT_DIR [N_DOCS] [REFS] [SEED]``.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

__all__ = ["SURNAMES", "GIVEN", "JOURNALS", "work_pool", "write_corpus", "render_reference", "year_of"]

SURNAMES = """Smith Johnson Li Wang Zhang Chen Liu Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo
Garcia Martinez Rodriguez Lopez Gonzalez Muller Schmidt Schneider Fischer Weber Meyer Wagner Becker Rossi
Russo Ferrari Esposito Bianchi Romano Dubois Moreau Laurent Simon Michel Lefebvre Leroy Nakamura Tanaka
Suzuki Takahashi Watanabe Ito Yamamoto Kobayashi Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Nguyen Tran
Pham Hoang Phan Vu Dang Bui Do Ho Ngo Duong Ly Brown Taylor Wilson Davies Evans Thomas Roberts Walker
Wright Thompson White Hughes Edwards Green Hall Wood Harris Lewis Martin Jackson Clarke Clark Turner Hill
Scott Cooper Morris Ward Moore King Watson Baker Harrison Morgan Patel Young Allen Mitchell James Anderson
Phillips Lee Bell Parker Davis Kelly Cunningham Flew Curran Boffone Alhabash Iosifidis Kaye Tone Pandith
Dixon Miao Liang Fan Jiang Abidin Burgess Gillespie Helmond Nieborg Poell Plantin Srnicek Zuboff Couldry
Hepp Livingstone Jenkins Castells Bourdieu Habermas Appadurai Thussu Iwabuchi Keane Lotz Jin Kraidy""".split()

GIVEN = """Anna Ben Carla David Elena Frank Grace Hiro Ines James Kai Lena Marco Nora Omar Paula Qiang Rosa
Sven Tara Umar Vera Wei Xin Yuki Zoe Alice Bruno Chloe Dmitri Emma Felix Gina Hugo Iris Jonas Karin Leo
Maya Nils Olga Pedro Rui Sara Tom Ugo Viktor Wen Yan Zhen Yi Zhi Jun Hao Min Li Ying""".split()

JOURNALS = [
    ("Journal of Communication", "J. Commun."),
    ("New Media & Society", "New Media Soc."),
    ("Media, Culture & Society", "Media Cult. Soc."),
    ("International Journal of Communication", "Int. J. Commun."),
    ("Social Media + Society", "Soc. Media Soc."),
    ("Information, Communication & Society", "Inf. Commun. Soc."),
    ("Journal of Computer-Mediated Communication", "J. Comput.-Mediat. Commun."),
    ("Global Media and China", "Glob. Media China"),
    ("Chinese Journal of Communication", "Chin. J. Commun."),
    ("Convergence", "Convergence"),
    ("Television & New Media", "Telev. New Media"),
    ("Digital Journalism", "Digit. J."),
    ("Journalism Studies", "J. Stud."),
    ("Political Communication", "Polit. Commun."),
    ("Communication Research", "Commun. Res."),
]
PUBLISHERS = ["Routledge", "Polity Press", "Oxford University Press", "MIT Press", "Sage", "Palgrave Macmillan", "Springer"]

TOPIC = """platform platforms media social global globalization communication culture cultural audiences users
video short-form algorithm algorithms recommendation attention economy influencer influencers creators
labour digital network networks public sphere news journalism politics policy regulation governance data
privacy surveillance identity youth mobile apps internet China Chinese transnational flows soft power
diplomacy brands marketing advertising commerce e-commerce livestreaming fandom memes visibility trust
misinformation moderation content community participation engagement infrastructure markets capitalism""".split()
PATTERNS = [
    "{A} and {B}: {C} in the age of {D}",
    "The {A} of {B} {C}",
    "Understanding {A} {B} on {C} {D}",
    "{A} {B} and the politics of {C}",
    "How {A} shape {B} {C}",
    "Rethinking {A} {B}: evidence from {C} {D}",
    "{A}, {B} and {C}: a study of {D}",
    "Towards a theory of {A} {B}",
    "Beyond {A}: {B} {C} and {D}",
    "Mapping {A} {B} across {C} {D}",
]

BODY_WORDS = """the a of and to in that is for on with as by this it are be from at or an which these their
study paper analysis results findings evidence data sample interviews survey users platform platforms media
social global local market markets growth strategy strategies content creators audiences attention culture
cultural policy regulation state companies firms brands trust news public private online offline network
networks algorithm algorithms visibility video videos short long early late new old first second several many
few most often rarely argue argues suggest suggests show shows find finds claim claims note notes describe
describes compare compares examine examines explore explores across between within among during after before
while because although however therefore moreover thus still also only even more less""".split()


def year_of(csl: dict[str, Any]) -> int:
    return csl["issued"]["date-parts"][0][0]


def _title(rng: random.Random) -> str:
    words = rng.sample(TOPIC, 4)
    t = rng.choice(PATTERNS).format(A=words[0], B=words[1], C=words[2], D=words[3])
    return t[0].upper() + t[1:]


def _person(rng: random.Random, family: str | None = None) -> dict[str, str]:
    given = rng.choice(GIVEN)
    if rng.random() < 0.3:
        given += " " + rng.choice(GIVEN)
    return {"family": family or rng.choice(SURNAMES), "given": given}


def work_pool(rng: random.Random, n: int, hard_share: float = 0.3) -> list[dict[str, Any]]:
    """``n`` distinct works as CSL items (``id`` = ``w<i>``); about ``hard_share`` are hard negatives of another."""
    works: list[dict[str, Any]] = []
    while len(works) < n:
        i = len(works)
        if works and rng.random() < hard_share:
            base = rng.choice(works)
            first = dict(base["author"][0])
            if rng.random() < 0.5:  # same surname, different first initial
                letters = [g for g in GIVEN if g[0] != first["given"][0]]
                first["given"] = rng.choice(letters)
            authors = [first] + [_person(rng) for _ in range(rng.randint(0, 2))]
            year = year_of(base) if rng.random() < 0.8 else year_of(base) + rng.choice([-1, 1])
        else:
            authors = [_person(rng) for _ in range(rng.choice([1, 1, 2, 2, 3, 4]))]
            year = rng.randint(1995, 2025)
        csl: dict[str, Any] = {"id": f"w{i}", "author": authors, "issued": {"date-parts": [[year]]}, "title": _title(rng)}
        if rng.random() < 0.75:
            journal = rng.choice(JOURNALS)
            first_page = rng.randint(1, 900)
            csl.update(
                {
                    "type": "article-journal",
                    "container-title": journal[0],
                    "container-abbr": journal[1],
                    "volume": str(rng.randint(1, 40)),
                    "issue": str(rng.randint(1, 12)),
                    "page": f"{first_page}–{first_page + rng.randint(8, 30)}",
                }
            )
            if rng.random() < 0.5:
                csl["DOI"] = f"10.{rng.randint(1000, 9999)}/{rng.randint(10**6, 10**7 - 1)}"
        else:
            csl.update({"type": "book", "publisher": rng.choice(PUBLISHERS)})
        works.append(csl)
    return works


def _initials(given: str) -> str:
    return " ".join(p[0] + "." for p in given.split())


def render_reference(csl: dict[str, Any], style: str) -> str:
    """A reference-list entry for ``csl`` in ``style`` (apa | harvard | chicago)."""
    names = csl["author"]
    year = f"{year_of(csl)}{csl.get('year-suffix', '')}"
    if style == "chicago":
        parts = [f"{names[0]['family']}, {names[0]['given']}"] + [f"{n['given']} {n['family']}" for n in names[1:]]
        who = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + ", and " + parts[-1]
    else:
        parts = [f"{n['family']}, {_initials(n['given'])}" for n in names]
        who = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + ", & " + parts[-1]
    title = csl["title"]
    if csl.get("type") == "article-journal":
        vol, iss, page = csl["volume"], csl["issue"], csl["page"]
        if style == "apa":
            s = f"{who} ({year}). {title}. {csl['container-title']}, {vol}({iss}), {page}."
        elif style == "harvard":
            s = f"{who} {year}. {title}. {csl['container-title']} {vol}({iss}): {page}."
        else:
            s = f'{who}. {year}. "{title}." {csl["container-title"]} {vol} ({iss}): {page}.'
        if csl.get("DOI"):
            s += f" https://doi.org/{csl['DOI']}"
        return s
    if style == "apa":
        return f"{who} ({year}). {title}. {csl['publisher']}."
    if style == "harvard":
        return f"{who} {year}. {title}. {csl['publisher']}."
    return f"{who}. {year}. {title}. {csl['publisher']}."


def _marker(csl: dict[str, Any], narrative: bool) -> str:
    fam = [n["family"] for n in csl["author"]]
    who = fam[0] if len(fam) == 1 else f"{fam[0]} and {fam[1]}" if len(fam) == 2 and narrative else f"{fam[0]} & {fam[1]}" if len(fam) == 2 else f"{fam[0]} et al."
    year = f"{year_of(csl)}{csl.get('year-suffix', '')}"
    return f"{who} ({year})" if narrative else f"({who}, {year})"


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(BODY_WORDS) for _ in range(rng.randint(10, 22))]
    return words[0].capitalize() + " " + " ".join(words[1:])


def _suffixes(refs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Year suffixes (2012a, 2012b) for entries that share first author and year within one list."""
    groups: dict[tuple[str, int], list[int]] = {}
    for i, r in enumerate(refs):
        groups.setdefault((r["author"][0]["family"], year_of(r)), []).append(i)
    out = [dict(r) for r in refs]
    for idx in groups.values():
        if len(idx) > 1:
            for n, i in enumerate(sorted(idx, key=lambda i: out[i]["title"])):
                out[i]["year-suffix"] = "abcdefghij"[n]
    return out


def _document(rng: random.Random, meta: dict[str, Any], refs: list[dict[str, Any]], style: str) -> str:
    refs = _suffixes(refs)
    authors = ", ".join(f"{n['given']} {n['family']}" for n in meta["author"])
    lines = [f"# {meta['title']}", "", authors, "", f"Abstract: {' '.join(_sentence(rng) for _ in range(4))}.", ""]
    order = list(range(len(refs)))
    rng.shuffle(order)
    for sec in range(4):
        lines += [f"## {sec + 1} {rng.choice(['Introduction', 'Background', 'Method', 'Findings', 'Discussion'])}", ""]
        para: list[str] = []
        for _ in range(rng.randint(6, 9)):
            s = _sentence(rng)
            if order and rng.random() < 0.9:
                r = refs[order.pop()]
                s = f"{_marker(r, True)} {s[0].lower()}{s[1:]}" if rng.random() < 0.3 else f"{s} {_marker(r, False)}"
            para.append(s + ".")
        lines += [" ".join(para), ""]
    if order:  # every entry is cited at least once
        lines += [" ".join(f"{_sentence(rng)} {_marker(refs[i], False)}." for i in order), ""]
    lines += ["## References", ""]
    entries = sorted(refs, key=lambda r: (r["author"][0]["family"], year_of(r), r.get("year-suffix", "")))
    lines += [render_reference(r, style) for r in entries]
    return "\n".join(lines) + "\n"


def write_corpus(out: str | Path, n_docs: int = 1000, refs_per_doc: int = 30, seed: int = 1, excerpt_share: float = 0.02) -> list[Path]:
    """Write a synthetic corpus into ``out`` and return the file paths (in order)."""
    rng = random.Random(seed)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    pool = work_pool(rng, max(n_docs * refs_per_doc // 5, refs_per_doc * 4))
    # Zipf-ish popularity: a few works are cited by many documents.
    cum, total = [], 0.0
    for i in range(len(pool)):
        total += 1.0 / (i + 10)
        cum.append(total)
    paths: list[Path] = []
    texts: list[str] = []
    for d in range(n_docs):
        if rng.random() < 0.05:  # the document is itself a work of the pool
            meta = pool[rng.randrange(len(pool))]
        else:
            meta = {"title": _title(rng), "author": [_person(rng) for _ in range(rng.randint(1, 3))], "issued": {"date-parts": [[2025]]}}
        chosen: dict[str, dict[str, Any]] = {}
        while len(chosen) < refs_per_doc:
            w = rng.choices(pool, cum_weights=cum)[0]
            if w is not meta:
                chosen[w["id"]] = w
        style = ("apa", "harvard", "chicago")[d % 3]
        if texts and rng.random() < excerpt_share:  # an excerpt: part of an earlier document's body
            parent = texts[rng.randrange(len(texts))]
            body = parent.split("## References")[0].splitlines()
            start = len(body) // 3
            text = "\n".join(body[start : start + len(body) // 2]) + "\n"
            path = out / f"doc{d:04d}-excerpt.txt"
        else:
            text = _document(rng, meta, list(chosen.values()), style)
            path = out / (f"doc{d:04d}.md" if d % 2 else f"doc{d:04d}.txt")
        path.write_text(text, encoding="utf-8")
        texts.append(text)
        paths.append(path)
    return paths


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    files = write_corpus(args[0], *(int(a) for a in args[1:4]))
    print(f"wrote {len(files)} documents to {args[0]}")
