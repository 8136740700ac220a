"""Linking in-text citations to reference entries: exact, fuzzy, dangling, ambiguous, uncited."""

from __future__ import annotations

from pathlib import Path

import pytest

from citegraph.model import Citation, CiteKey, Extraction, Line, Reference, Span
from citegraph.resources import Resources
from citegraph.stages import citations, linking

CORPUS = Path(__file__).resolve().parent.parent / "references"


def ref(rid: str, authors: list, year: int | None, suffix: str = "", title: str = "T", line: int = 0, label=None) -> Reference:
    """A reference with a hand-written CSL item; authors are "Family, G." strings or {"literal": ...} dicts."""
    people = []
    for a in authors:
        if isinstance(a, dict):
            people.append(a)
        else:
            fam, _, given = a.partition(", ")
            people.append({"family": fam, "given": given})
    csl: dict = {"id": rid, "title": title}
    if people:
        csl["author"] = people
    if year is not None:
        csl["issued"] = {"date-parts": [[year]]}
    if suffix:
        csl["year-suffix"] = suffix
    if label:
        csl["citation-number"] = label
    raw = f"{'; '.join(str(a) for a in authors)} {year or 'n.d.'}{suffix}. {title}."
    return Reference(rid, raw, csl, Span("doc.md", line), label)


def cite(marker: str, *authors: str, year: str = "", suffix: str = "", et_al: bool = False, number=None) -> Citation:
    key = CiteKey(authors=tuple(authors), et_al=et_al, year=year, suffix=suffix, number=number)
    return Citation(marker, key, "A sentence.", Span("doc.md", 1))


REFS = (
    ref("smith2001", ["Smith, John"], 2001),
    ref("mueller1999", ["Müller, Anna", "O'Neil, Bob"], 1999),
    ref("gao2012a", ["Gao, Qi", "Abel, F.", "Houben, G."], 2012, "a"),
    ref("lee2002a", ["Lee, K."], 2002, "a"),
    ref("lee2002b", ["Lee, K."], 2002, "b"),
    ref("dijck2018", [{"family": "Dijck", "given": "José", "non-dropping-particle": "van"}, "Poell, T.", "de Waal, M."], 2018),
    ref("alhabash2017", ["Alhabash, S.", "Ma, M."], 2017),
    ref("pew2024", [{"literal": "Pew Research Center"}], 2024),
    ref("statista2025", [{"literal": "Statista"}], 2025),
    ref("who2020", [{"literal": "World Health Organization"}], 2020),
    ref("tiktok2017", [], 2017, title="Tik Tok, a global music video platform and social network, launches in Indonesia"),
    ref("rettberg2014", ["Rettberg, J.W."], 2014),
    ref("li2022z", ["Li, Z."], 2022),
    ref("li2022y", ["Li, Y."], 2022),
    ref("wang2020", ["Wang, A.", "Chen, B."], 2020),
    ref("wang2020b", ["Wang, C."], 2020),
    ref("undated", ["Nobody, N."], None),
)

LINK_CASES = [
    # exact
    (cite("Smith, 2001", "Smith", year="2001"), "resolved", ("smith2001",)),
    (cite("Muller and ONeil (1999)", "Muller", "ONeil", year="1999"), "resolved", ("mueller1999",)),
    (cite("van Dijck et al., 2018", "van Dijck", year="2018", et_al=True), "resolved", ("dijck2018",)),
    (cite("Dijck et al., 2018", "Dijck", year="2018", et_al=True), "resolved", ("dijck2018",)),
    (cite("Gao et al., 2012a", "Gao", year="2012", suffix="a", et_al=True), "resolved", ("gao2012a",)),
    (cite("Gao et al., 2012", "Gao", year="2012", et_al=True), "resolved", ("gao2012a",)),
    (cite("Lee, 2002b", "Lee", year="2002", suffix="b"), "resolved", ("lee2002b",)),
    (cite("Nobody, n.d.", "Nobody", year="n.d."), "resolved", ("undated",)),
    # fuzzy, disciplined
    (cite("Alhabash Ma,2017", "Alhabash Ma", year="2017"), "resolved", ("alhabash2017",)),
    (cite("Retberg, 2014", "Retberg", year="2014"), "resolved", ("rettberg2014",)),
    (cite("Pew Research Center (2024)", "Pew Research Center", year="2024"), "resolved", ("pew2024",)),
    (cite("Statista", "Statista"), "resolved", ("statista2025",)),
    (cite("WHO, 2020", "WHO", year="2020"), "resolved", ("who2020",)),
    (cite("World Health Organization, 2020", "World Health Organization", year="2020"), "resolved", ("who2020",)),
    (cite("Who, 2020", "Who", year="2020"), "dangling", ()),
    (cite("Tik Tok, 2017", "Tik Tok", year="2017"), "resolved", ("tiktok2017",)),
    (cite("Wang & Chen, 2020", "Wang", "Chen", year="2020"), "resolved", ("wang2020",)),
    # never across suffix, first author or year
    (cite("Gao et al., 2012b", "Gao", year="2012", suffix="b", et_al=True), "dangling", ()),
    (cite("Smith, 2002", "Smith", year="2002"), "dangling", ()),
    (cite("Smyth, 2001", "Smyth", year="2001"), "resolved", ("smith2001",)),
    (cite("Lin, 2022", "Lin", year="2022"), "dangling", ()),
    (cite("Abel, 2012", "Abel", year="2012"), "dangling", ()),
    (cite("Aldama (2022)", "Aldama", year="2022"), "dangling", ()),
    # ambiguous
    (cite("Li, 2022", "Li", year="2022"), "ambiguous", ("li2022z", "li2022y")),
    (cite("Lee, 2002", "Lee", year="2002"), "ambiguous", ("lee2002a", "lee2002b")),
    (cite("Wang, 2020", "Wang", year="2020"), "resolved", ("wang2020b",)),
    # a suffix the list does not have names nothing ("2001a" when only "2001" is listed)
    (cite("Smith, 2001a", "Smith", year="2001", suffix="a"), "dangling", ()),
]


@pytest.mark.parametrize("citation,status,ids", LINK_CASES, ids=[c.marker for c, _, _ in LINK_CASES])
def test_link(citation: Citation, status: str, ids: tuple) -> None:
    (got,) = linking.link([citation], REFS)
    assert got.status == status
    assert set(got.references) == set(ids)
    if status != "resolved":
        assert got.note


def test_dangling_suffix_suggests_near_miss() -> None:
    (got,) = linking.link([cite("Gao et al., 2012b", "Gao", year="2012", suffix="b", et_al=True)], REFS)
    assert got.note == "no entry; did you mean Gao, Q. et al. 2012a?"


MLA = (
    ref("abidin2015", ["Abidin, Crystal"], 2015, title="Communicative Intimacies"),
    ref("abidin2018", ["Abidin, Crystal"], 2018, title="Internet Celebrity: Understanding Fame Online"),
    ref("baym2015", ["Baym, Nancy"], 2015, title="Personal Connections"),
)


@pytest.mark.parametrize(
    "locator,status,ids",
    [
        ("3", "ambiguous", ("abidin2015", "abidin2018")),
        ('"Internet Celebrity" 89', "resolved", ("abidin2018",)),
        ('"Communicative Intimacies" 4', "resolved", ("abidin2015",)),
        ('"Unknown Title" 4', "ambiguous", ("abidin2015", "abidin2018")),
    ],
)
def test_author_page_short_title_picks_the_work(locator: str, status: str, ids: tuple) -> None:
    c = Citation("Abidin " + locator, CiteKey(authors=("Abidin",), locator=locator), "A sentence.", Span("doc.md", 1))
    (got,) = linking.link([c], MLA)
    assert (got.status, set(got.references)) == (status, set(ids))


def test_entries_read_twice_are_not_ambiguous() -> None:
    twice = (ref("a1", ["Smith, John"], 2001, label="1"), ref("a2", ["Smith, John"], 2001, label="1"))
    twice = (twice[0], Reference("a2", twice[0].raw, twice[1].csl, twice[1].source, "1"))
    for c in (cite("[1]", number=1), cite("Smith, 2001", "Smith", year="2001")):
        (got,) = linking.link([c], twice)
        assert got.status == "resolved" and got.references == ("a1",)


def _run(refs: tuple, cites: list) -> Extraction:
    x = Extraction(path="doc.md", text="x", references=refs, citations=tuple(cites))
    return linking.run(x, Resources())


def test_uncited_reported_once_with_suggestion() -> None:
    refs = (ref("s", ["Smith, John"], 2001, line=10), ref("m", ["Marwick, A."], 2013, line=11))
    x = _run(refs, [cite("Smith, 2001", "Smith", year="2001")])
    (p,) = [p for p in x.problems if p.code == "uncited"]
    assert (p.line, p.suggestion) == (11, "cite it in the text or remove it from the list")
    assert "Marwick" in p.message


def test_most_entries_uncited_is_one_note_not_a_flood() -> None:
    refs = tuple(ref(f"r{i}", [f"Author{i}, A."], 2000 + i, line=10 + i) for i in range(8))
    x = _run(refs, [cite("Author0, 2000", "Author0", year="2000")])
    codes = [p.code for p in x.problems]
    assert "uncited" not in codes and codes.count("uncited-many") == 1


NUMBERED = tuple(ref(f"n{i}", [f"Author{i}, A."], 2020, label=str(i)) for i in range(1, 6))


@pytest.mark.parametrize("number,status,ids", [(1, "resolved", ("n1",)), (5, "resolved", ("n5",)), (9, "dangling", ())])
def test_numeric_links_by_label(number: int, status: str, ids: tuple) -> None:
    (got,) = linking.link([cite(f"[{number}]", number=number)], NUMBERED)
    assert (got.status, got.references) == (status, ids)


# --- sample corpus through both stages ---------------------------------------------------------------------


def _extraction(path: Path, heading: str, refs: tuple[Reference, ...]) -> Extraction:
    raw = path.read_text(encoding="utf-8").split("\n")
    end = raw.index(heading)
    text = "\n".join(raw[:end])
    lines, offset = [], 0
    for i, line in enumerate(raw[:end]):
        lines.append(Line(line, i + 1, offset))
        offset += len(line) + 1
    return Extraction(path=str(path), raw_lines=tuple(raw), text=text, lines=tuple(lines), references=refs)


def _refs_from_lines(path: Path, heading: str, entries: list[tuple]) -> tuple[Reference, ...]:
    """References whose source line is the line in the file that starts the same way as the entry."""
    raw = path.read_text(encoding="utf-8").split("\n")
    start = raw.index(heading)
    out = []
    for rid, authors, year, suffix, title, starts in entries:
        line = next(i + 1 for i in range(start, len(raw)) if raw[i].lstrip("- ").startswith(starts))
        r = ref(rid, authors, year, suffix, title, line)
        out.append(Reference(r.id, raw[line - 1].lstrip("- "), r.csl, r.source))
    return tuple(out)


MIAO = CORPUS / "miao-2025-global-promotion.md"
MIAO_ENTRIES = [
    ("alhabash2017", ["Alhabash, S.", "Ma, M."], 2017, "", "A tale of four platforms", "Alhabash"),
    ("boffone2022", ["Boffone, T."], 2022, "", "TikTok cultures in the United States", "Boffone"),
    ("chen2012", ["Chen, G."], 2012, "", "The Impact of New Media", "Chen"),
    ("cunningham2016", ["Cunningham, S.", "Craig, D."], 2016, "", "Online entertainment", "Cunningham"),
    ("curran2007", ["Curran, J."], 2007, "", "Media and cultural theory", "Curran"),
    ("flew2019", ["Flew, T.", "Iosifidis, P."], 2019, "", "Populism, globalisation and social media", "Flew"),
    ("gao2012a", ["Gao, Q.", "Abel, F.", "Houben, G.", "Yu, Y."], 2012, "a", "A comparative study", "Gao"),
    ("he2021", ["He, X.", "Hua, K.", "Ji, C.", "Lin, H.", "Ren, Z.", "Zhang, W."], 2021, "", "Overview", "He,"),
    ("hu2023", ["Hu, J.", "Liang, R."], 2023, "", "The overseas social media platform", "Hu,"),
    ("li2022", ["Li, Z."], 2022, "", "Strategies behind Tik Tok's global rise", "Li, Z."),
    ("liu2025", ["Liu, G.L.", "Zhao, X.", "Feng, M.T."], 2025, "", "TikTok Refugees", "Liu,"),
    ("pandith2025", ["Pandith, F.", "Dixon, R."], 2025, "", "With TikTok refugees", "Pandith"),
    ("rettberg2014", ["Rettberg, J.W."], 2014, "", "Seeing ourselves through technology", "Rettberg"),
    ("rmmd2019", ["RMMD, P."], 2019, "", "Impact of Xiaohongshu", "RMMD"),
    ("statista2025", [{"literal": "Statista"}], 2025, "", "Xiaohongshu (RedNote) quarterly", "Statista"),
    ("su2023", ["Su, C.", "Kaye, B.V."], 2023, "", "Borderline practices on Douyin/ TikTok", "Su,"),
    ("team2025", ["Team, B."], 2025, "", "TikTok Statistics You need to know", "Team"),
    ("tiktok2017", [], 2017, "", "Tik Tok, a global music video platform and social network, launches in Indonesia-PR Newswire APAC", "Tik Tok"),
    ("tone2018", ["Tone, S."], 2018, "", "The app that launched a thousand memes", "Tone"),
    ("wan2025", ["Wan, R.", "Tong, L.", "Knearem, T.", "Li, T.J.-J.", "Huang, T.-H.", "Wu, Q."], 2025, "", "Hashtag Re-Appropriation", "Wan"),
]  # fmt: skip


@pytest.fixture(scope="module")
def miao() -> Extraction:
    refs = _refs_from_lines(MIAO, "#### REFERENCES", MIAO_ENTRIES)
    x = _extraction(MIAO, "#### REFERENCES", refs)
    x = citations.run(x, Resources())
    return linking.run(x, Resources())


def test_miao_all_found_and_linked(miao: Extraction) -> None:
    assert len(miao.citations) == 22
    dangling = [c.marker for c in miao.citations if c.status == "dangling"]
    assert dangling == ["Aldama (2022)", "Yang,2025", "Gao et al., 2012b"]
    assert not [c for c in miao.citations if c.status == "ambiguous"]
    by_marker = {c.marker: c.references for c in miao.citations}
    assert by_marker["Gao et al., 2012a"] == ("gao2012a",)
    assert by_marker["Alhabash Ma,2017"] == ("alhabash2017",)
    assert by_marker["Statista"] == ("statista2025",)
    assert by_marker["Team, B. (2025, March 8)"] == ("team2025",)
    assert by_marker["Wan et al. 2025"] == ("wan2025",)


def test_miao_problems(miao: Extraction) -> None:
    dangling = [p for p in miao.problems if p.code == "dangling"]
    assert [p.message for p in dangling] == [
        "Aldama (2022): no entry",
        "Yang,2025: no entry",
        "Gao et al., 2012b: no entry",
    ]
    assert dangling[2].suggestion == "did you mean Gao, Q. et al. 2012a?"
    assert str(dangling[2]).endswith("Gao et al., 2012b: no entry; did you mean Gao, Q. et al. 2012a?")
    assert dangling[0].line == 40  # the line of "Aldama (2022) claimed"
    uncited = [p for p in miao.problems if p.code == "uncited"]
    assert len(uncited) == 1 and uncited[0].message.startswith("Tik Tok, a global music video platform")
    assert MIAO.read_text(encoding="utf-8").split("\n")[uncited[0].line - 1].startswith("- Tik Tok, a global")


HU = CORPUS / "hu-liang-2023-tiktok-international-communication.md"


def test_hu_liang_numeric_resolved() -> None:
    raw = HU.read_text(encoding="utf-8").split("\n")
    start = raw.index("References")
    refs = tuple(
        Reference(f"r{n}", raw[i].lstrip("- "), {"id": f"r{n}", "citation-number": str(n)}, Span(str(HU), i + 1), str(n))
        for n, i in enumerate((i for i in range(start, len(raw)) if raw[i].startswith("- [")), start=1)
    )
    x = linking.run(citations.run(_extraction(HU, "References", refs), Resources()), Resources())
    assert [(c.marker, c.status, c.references) for c in x.citations] == [
        (f"[{n}]", "resolved", (f"r{n}",)) for n in range(1, 6)
    ]
    assert not [p for p in x.problems if p.code in ("dangling", "uncited", "ambiguous")]


def test_no_uncited_report_without_citations() -> None:
    x = Extraction(path="d", text="No citations here.", references=REFS[:2])
    x = linking.run(citations.run(x, Resources()), Resources())
    assert x.citations == () and x.problems == ()


def test_ambiguous_problem_lists_candidates() -> None:
    x = Extraction(path="d", text="Both found it (Li, 2022).", references=REFS, lines=(Line("Both found it (Li, 2022).", 4, 0),))
    x = linking.run(citations.run(x, Resources()), Resources())
    (amb,) = [p for p in x.problems if p.code == "ambiguous"]
    assert amb.line == 4 and "Li, Z. 2022" in amb.message and "Li, Y. 2022" in amb.message


def test_link_does_not_mutate_input() -> None:
    c = cite("Smith, 2001", "Smith", year="2001")
    (got,) = linking.link([c], REFS)
    assert c.status == "dangling" and got.status == "resolved"


def test_author_year_labels_link_even_when_the_entry_is_title_first():
    from citegraph.model import CiteKey, Citation, Reference, Span
    from citegraph.stages.linking import link

    refs = [
        Reference("d:1", "[Bar-Yam 2004a] “A Mathematical Theory of Strong Emergence”, Bar-Yam, Yaneer, in Complexity, 2004.",
                  {"title": "A Mathematical Theory of Strong Emergence", "author": [{"family": "Yaneer"}]}, Span("d", 1), "Bar-Yam 2004a"),
        Reference("d:2", "[Bar-Yam 2004b] “About Engineering Complex Systems”, Yaneer Bar-Yam; ESOA 2004.",
                  {"title": "About Engineering Complex Systems", "author": [{"literal": "ESOA"}]}, Span("d", 2), "Bar-Yam 2004b"),
    ]
    cits = [
        Citation("Bar-Yam 2004b", CiteKey(("Bar-Yam",), year="2004", suffix="b"), "s", Span("d", 9)),
        Citation("Bar-Yam 2004", CiteKey(("Bar-Yam",), year="2004"), "s", Span("d", 9)),
        Citation("Bar-Yam 2004c", CiteKey(("Bar-Yam",), year="2004", suffix="c"), "s", Span("d", 9)),
    ]
    out = link(cits, refs)
    assert [(c.status, c.references) for c in out] == [("resolved", ("d:2",)), ("ambiguous", ("d:1", "d:2")), ("dangling", ())]
