"""In-text citation finding: author-year and numeric styles, tricky negatives, sample corpus, speed limits."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from citegraph.citefind import find_citations
from citegraph.model import CiteKey, Extraction, Line, Reference, Span
from citegraph.resources import Resources
from citegraph.stages import citations

CORPUS = Path(__file__).resolve().parent.parent / "references"


def keys(text: str, **kw) -> list[tuple]:
    """(first author, et al., year+suffix) or number for each found item."""
    out = []
    for f in find_citations(text, **kw):
        k = f.key
        out.append(k.number if k.number is not None else (k.authors, k.et_al, k.year + k.suffix))
    return out


def markers(text: str, **kw) -> list[str]:
    return [f.marker for f in find_citations(text, **kw)]


# --- author-year -------------------------------------------------------------------------------------

AUTHOR_YEAR = [
    # APA
    ("Media travel fast (Curran, 2007).", [(("Curran",), False, "2007")]),
    ("It grew (Li,2022) quickly.", [(("Li",), False, "2022")]),
    ("It grew (Wan et al. 2025).", [(("Wan",), True, "2025")]),
    ("Survey (Alhabash Ma,2017).", [(("Alhabash Ma",), False, "2017")]),
    ("Content (RMMD,2019).", [(("RMMD",), False, "2019")]),
    ("Aldama (2022) claimed that.", [(("Aldama",), False, "2022")]),
    ("As Gillespie (2010) argues, platforms.", [(("Gillespie",), False, "2010")]),
    ("In Schellewald's (2021) study.", [(("Schellewald",), False, "2021")]),
    ("According to Pew Research Center (2024), teens.", [(("Pew Research Center",), False, "2024")]),
    ("Su and Kaye (2023) found.", [(("Su", "Kaye"), False, "2023")]),
    ("Gao et al. (2012b) compared.", [(("Gao",), True, "2012b")]),
    ("Both (Smith, 2001; Jones & Lee, 2002a, 2002b).",
     [(("Smith",), False, "2001"), (("Jones", "Lee"), False, "2002a"), (("Jones", "Lee"), False, "2002b")]),
    ("Fans (Jenkins, 2006a, 2006b).", [(("Jenkins",), False, "2006a"), (("Jenkins",), False, "2006b")]),
    ("Fans (Jenkins 2006a, b).", [(("Jenkins",), False, "2006a"), (("Jenkins",), False, "2006b")]),
    ("Data (Smith and Jones, 2001).", [(("Smith", "Jones"), False, "2001")]),
    ("Data (Smith, Jones, & Lee, 2001).", [(("Smith", "Jones", "Lee"), False, "2001")]),
    ("Data (Smith, et al., 2001).", [(("Smith",), True, "2001")]),
    ("Platforms (van Dijck et al., 2018).", [(("van Dijck",), True, "2018")]),
    ("Memory (de la Cruz, 2019).", [(("de la Cruz",), False, "2019")]),
    ("Health (World Health Organization [WHO], 2020).", [(("World Health Organization",), False, "2020")]),
    ("Quote (Smith, 2018, p. 4).", [(("Smith",), False, "2018")]),
    ("Prior work (e.g., Smith, 2018).", [(("Smith",), False, "2018")]),
    ("Prior work (see also Smith, 2018).", [(("Smith",), False, "2018")]),
    ("Undated (Smith, n.d.).", [(("Smith",), False, "n.d.")]),
    ("Smith, Jones, and Lee (2001) showed.", [(("Smith", "Jones", "Lee"), False, "2001")]),
    ("Müller and O'Neil (1999) showed.", [(("Müller", "O'Neil"), False, "1999")]),
    # Harvard
    ("Media change (Curran 2007: 45).", [(("Curran",), False, "2007")]),
    ("As shown by Smith (2001, p. 4) and later.", [(("Smith",), False, "2001")]),
    ("Early work (Smith 2001, 2002; Jones 1999).",
     [(("Smith",), False, "2001"), (("Smith",), False, "2002"), (("Jones",), False, "1999")]),
    # Chicago author-date
    ("Argued before (Smith 2001, 45).", [(("Smith",), False, "2001")]),
    ("Argued before (Smith and Jones 2001, 45-47; cf. Brown 2003).",
     [(("Smith", "Jones"), False, "2001"), (("Brown",), False, "2003")]),
    ("Forthcoming work (Smith, in press).", [(("Smith",), False, "in press")]),
    ("Effects (Armstrong (2006), Rochet and Tirole (2006)).",
     [(("Armstrong",), False, "2006"), (("Rochet", "Tirole"), False, "2006")]),
    ("Berry and Waldfogel (2001) and Sweeting (2008) document it.",
     [(("Berry", "Waldfogel"), False, "2001"), (("Sweeting",), False, "2008")]),
    ("Gao et al.'s (2012) model.", [(("Gao",), True, "2012")]),
    ("Research by the OECD (2019) shows.", [(("OECD",), False, "2019")]),
    ("Missing space (Zhang et al.2020).", [(("Zhang",), True, "2020")]),
    ("Earlier (Smith 2001a; 2001b) work.", [(("Smith",), False, "2001a"), (("Smith",), False, "2001b")]),
    ("研究表明（Smith, 2001）。", [(("Smith",), False, "2001")]),
    ("Fong et al., (2013, 2012) showed.", [(("Fong",), True, "2013"), (("Fong",), True, "2012")]),
    ("Game. Source: A.Richter (2006)", [(("Richter",), False, "2006")]),
    ("Waves (Hu\u0308ttemann & Hutter, 2001).", [(("Hu\u0308ttemann", "Hutter"), False, "2001")]),
    ("Design ([Bobinis 2006], [Bar-Yam 2003]).", [(("Bobinis",), False, "2006"), (("Bar-Yam",), False, "2003")]),
    # ACM / author-year in square brackets
    ("Prior [Smith et al. 2001; Jones 2002] work.", [(("Smith",), True, "2001"), (("Jones",), False, "2002")]),
    # figure sources
    ("Figure 2. Downloads by quarter. Source: Statista.", [(("Statista",), False, "")]),
    ("the world. Data Source: Statista. Alt Text: the bars (Smith, 2001).",
     [(("Statista",), False, ""), (("Smith",), False, "2001")]),
    ("Data Source: Team, B. (2025, March 8).", [(("Team",), False, "2025")]),
    ("Intro.\n\nData Source: Statista.\n\nNext.", [(("Statista",), False, "")]),
    ("Source: World Bank, 2021\n", [(("World Bank",), False, "2021")]),
]


@pytest.mark.parametrize("text,expected", AUTHOR_YEAR)
def test_author_year_found(text: str, expected: list[tuple]) -> None:
    assert keys(text) == expected


NEGATIVES = [
    "TikTok was launched (2016) in China.",  # year after a lower-case word
    "The pandemic of COVID-19 (2020) changed it.",
    "In 2017, TikTok started to enter the international market.",
    "A survey of 150 users (100 females and 50 males) aged 18-30 in Beijing.",
    "Growth was fastest in the period (2020–2021) of lockdowns.",
    "Growth was fastest (2016-2018) in Asia.",
    "As Table 2 shows (Table 2), and Figure 1 (Figure 1).",
    "It was launched in Indonesia (2017) and grew.",
    "The app (launched in China in 2016) grew fast.",
    "It peaked (March 8, 2025) and fell (January 2025).",
    "Released (Spring 2020) to the public.",
    "Source: Author's own elaboration.",
    "Source: Own calculations based on 2020 data.",
    "See https://example.org/news/2020/05/story (accessed 2021).",
    "Equation (3) gives x = 2 (2).",
    "He wrote [citation needed] here.",
    "In [2020] the law passed.",
    "Monthly users reached 1,000 million (2025 figures).",
    "Users in the US (2020) and the UK (2021) grew.",
    "It is similar to TikTok (2016) in spirit.",
    "Release 3.2020 (v. 2020) of the software.",
    "Data were obtained (n = 150, 2020 survey).",
    "In China, (2020) was a hard year.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_not_citations(text: str) -> None:
    assert find_citations(text) == []


def test_doubtful_narrative_kept_when_reference_author_known() -> None:
    text = "The method is described in Smith (2001) and launched in Indonesia (2017)."
    assert keys(text) == []
    assert keys(text, known_names={"smith"}) == [(("Smith",), False, "2001")]


def test_markers_as_written_and_offsets() -> None:
    text = "Earlier (e.g., Gao et al., 2012b; Chen,\n2012) and Gao et al. (2012a) agree."
    found = find_citations(text)
    assert [f.marker for f in found] == ["Gao et al., 2012b", "Chen, 2012", "Gao et al. (2012a)"]
    assert text[found[0].start : found[0].end] == "Gao et al., 2012b"
    assert text[found[2].start : found[2].end] == "Gao et al. (2012a)"


def test_locator_kept() -> None:
    (f,) = find_citations("Quote (Smith, 2018, pp. 4–5).")
    assert f.key == CiteKey(authors=("Smith",), year="2018", locator="pp. 4–5")
    assert f.marker == "Smith, 2018, pp. 4–5"


# --- numeric ---------------------------------------------------------------------------------------------

NUMERIC = [
    ("communication abilities[1]. Its objective is [2].", [1, 2]),
    ("Shown before [1], [7].", [1, 7]),
    ("Shown before [2]–[4] and [9].", [2, 3, 4, 9]),
    ("Shown before [2-4] and [9].", [2, 3, 4, 9]),
    ("Shown before [5, 6].", [5, 6]),
    ("In written order [93,68,73,98] and [8- 10].", [93, 68, 73, 98, 8, 9, 10]),
    ("IEEE with page [3, p. 5] and [4].", [3, 4]),
    ("Vancouver superscripts<sup>1,2</sup> and<sup>4</sup>.", [1, 2, 4]),
    ("Pandoc superscripts.^1^ And more,^2,3^ so.", [1, 2, 3]),
    ("Unicode superscripts.¹ Ranges.²⁻⁴ Lists,⁵,⁶ et al.¹⁰", [1, 2, 3, 4, 5, 6, 10]),
    # powers, units and numbers are not superscript citations
    ("The fit r² = 0.4, an area of 3 km², 10⁶ users and x² terms; cited.¹ again.²", [1, 2]),
    # negatives mixed in
    ("Set x[2] = 1 and a[i][3] for [1] and [2].", [1, 2]),
    ("In [2020] the law [1] and [2].", [1, 2]),
    ("See the link [1](http://a.b) and [2]: http://c.d and [3], [4].", [3, 4]),
    ("He wrote [citation needed] and cited [1] and [2].", [1, 2]),
    # a short variable glued to an index, read on in prose or code, is no citation
    ("The array is indexed as res[3] for the fourth platform [1] and [2].", [1, 2]),
    ("Then arr[3] holds it, scores[2] too, as in [1] and [2].", [1, 2]),
    ("Shown for recommender systems[4] and feeds [1].", [4, 1]),
]


@pytest.mark.parametrize("text,expected", NUMERIC)
def test_numeric_found(text: str, expected: list[int]) -> None:
    assert keys(text) == expected


def test_single_numeric_marker_needs_numbered_list() -> None:
    text = "This was reported once [1]."
    assert keys(text) == []
    assert keys(text, numbered=True) == [1]
    assert keys("Cited [1] and [2].", numbered=False) == []


PAREN_NUMERIC = [
    ("Smoking causes cancer (1). Later work (2, 3) agreed.", [1, 2, 3]),
    ("Three goals: (1) speed, (2) cost and (3) safety.", []),
    ("We solve y = ax + b (3) for x.", []),
    ("As shown in Equation (4) and Table (2).", []),
]


@pytest.mark.parametrize("text,expected", PAREN_NUMERIC)
def test_vancouver_parenthesised(text: str, expected: list[int]) -> None:
    assert keys(text, numbered=True, paren_numeric=True) == expected
    assert keys(text, numbered=True) == []  # "(1)" only on request


MORE_AUTHOR_YEAR = [
    # a page locator after a suffixed year is not another suffix
    ("Trust (see Smith, 2020b, p. 3).", [(("Smith",), False, "2020b")], {}),
    # surnames the reference list writes in lower case
    ("As boyd (2014) showed, teens (boyd, 2014; Marwick, 2013).", [(("boyd",), False, "2014"), (("boyd",), False, "2014"), (("Marwick",), False, "2013")], {"lower_names": {"boyd"}}),
    ("Teens hooks (2014) nothing.", [], {}),
]


@pytest.mark.parametrize("text,expected,kw", MORE_AUTHOR_YEAR)
def test_author_year_edge_cases(text: str, expected: list, kw: dict) -> None:
    assert keys(text, **kw) == expected


KNOWN = frozenset({"baym", "abidin", "marwick", "boyd", "senft", "loviglio"})
AUTHOR_PAGE = [
    ("Intimacy (Baym 112-14).", [(("Baym",), "112-14")]),
    ("Imagined (Marwick and boyd 115; Senft 25).", [(("Marwick", "boyd"), "115"), (("Senft",), "25")]),
    ('Calibrated (Abidin, "Internet Celebrity" 89).', [(("Abidin",), '"Internet Celebrity" 89')]),
    # not author-page: unknown names, document parts, author-year
    ("See (Table 2), (Figure 3), (Smith 45) and (Protocol 117).", []),
    ("Known name but not asked for", []),
    ("Already dated (Baym, 2015).", [(("Baym",), "")]),
    # Roman page numbers (front matter); a word made of the same letters is no numeral
    ("Intimate public (Baym xv). Again (Baym xv-xvii) and (Baym ix, 12).", [(("Baym",), "xv"), (("Baym",), "xv-xvii"), (("Baym",), "ix, 12")]),
    ("A civil war (Baym civil) and (Baym mix).", []),
]


@pytest.mark.parametrize("text,expected", AUTHOR_PAGE)
def test_mla_author_page(text: str, expected: list) -> None:
    found = find_citations(text, known_names=KNOWN, author_page=True, lower_names={"boyd"})
    assert [(f.key.authors, f.key.locator) for f in found] == expected


# --- sample corpus --------------------------------------------------------------------------------------


def _body(name: str, heading: str) -> str:
    raw = (CORPUS / name).read_text(encoding="utf-8")
    return raw.split(heading)[0]


MIAO_MARKERS = [
    "Tone, 2018", "Pandith & Dixon, 2025", "Team, B. (2025, March 8)", "Li,2022", "Boffone, 2022",
    "Aldama (2022)", "Statista", "RMMD,2019", "Wan et al. 2025", "Liu et al., 2025", "Yang,2025",
    "Alhabash Ma,2017", "Rettberg, 2014", "Cunningham & Craig, 2016", "Hu & Liang, 2023",
    "Flew & Iosifidis, 2019", "Curran, 2007", "He et al., 2021", "Su & Kaye, 2023", "Gao et al., 2012b",
    "Gao et al., 2012a", "Chen, 2012",
]  # fmt: skip


def test_miao_every_citation_found() -> None:
    assert markers(_body("miao-2025-global-promotion.md", "#### REFERENCES")) == MIAO_MARKERS


def test_hu_liang_numeric_markers() -> None:
    body = _body("hu-liang-2023-tiktok-international-communication.md", "\nReferences\n")
    found = find_citations(body)
    assert [f.key.number for f in found] == [1, 2, 3, 4, 5]
    context = [body[f.start - 14 : f.end] for f in found]
    assert context[0].endswith("abilities[1]") and context[1].endswith("registrations[2]")
    assert context[2].endswith("reputation [3]") and context[4].endswith("TikTok [5]")
    assert "1) Mobile evolution" in body and "2.1.2" in body  # present, yet not taken


def test_news_article_has_no_citations() -> None:
    assert find_citations((CORPUS / "fan-2025-china-daily-apps-urged.txt").read_text(encoding="utf-8")) == []


# --- stage ------------------------------------------------------------------------------------------------


def _extraction(text: str, refs: tuple[Reference, ...] = ()) -> Extraction:
    lines, offset = [], 0
    for i, line in enumerate(text.split("\n")):
        lines.append(Line(line, i + 1, offset))
        offset += len(line) + 1
    return Extraction(path="doc.md", text=text, lines=tuple(lines), references=refs)


def test_run_builds_dangling_citations_with_sentence_and_line() -> None:
    text = "Intro line.\n\nPlatforms spread culture (Curran, 2007). Later, Aldama (2022) disagreed."
    x = citations.run(_extraction(text), Resources())
    assert [c.marker for c in x.citations] == ["Curran, 2007", "Aldama (2022)"]
    assert x.citations[0].sentence == "Platforms spread culture (Curran, 2007)."
    assert x.citations[1].sentence == "Later, Aldama (2022) disagreed."
    assert all(c.status == "dangling" and c.references == () for c in x.citations)
    assert x.citations[0].source.line == 3 and x.citations[0].source.file == "doc.md"


def test_run_reads_parenthesised_numbers_for_numbered_list() -> None:
    ref = Reference("r1", "1. Doll R. Smoking. BMJ. 1950.", {"id": "r1", "citation-number": "1"}, Span("doc.md", 9), "1")
    x = citations.run(_extraction("Smoking causes cancer (1)."), Resources())
    assert x.citations == ()
    x = citations.run(_extraction("Smoking causes cancer (1).", (ref,)), Resources())
    assert [c.key.number for c in x.citations] == [1]


def test_run_ignores_note_numbers_in_author_year_document() -> None:
    ref = Reference("r1", "Smith, J. 2001. T.", {"id": "r1", "author": [{"family": "Smith"}]}, Span("d", 9))
    x = citations.run(_extraction("Shown (Smith, 2001) [1] and [2]."), Resources())
    assert len(x.citations) == 3
    x = citations.run(_extraction("Shown (Smith, 2001) [1] and [2].", (ref,)), Resources())
    assert [c.marker for c in x.citations] == ["Smith, 2001"]


# --- scale ------------------------------------------------------------------------------------------------

HOSTILE = [
    ("(" * 1_000_000, 0),
    ("[" * 1_000_000, 0),
    ("(Smith, " * 130_000, 0),
    ("Smith and " * 100_000 + "(2001)", 0),
    ("Smith, " * 140_000 + "Lee (2001)", 1),
    ("(" + "a" * 999 + " " + "x" * 1_000_000, 0),
    ("[1, " * 250_000, 0),
    ("Source: " + "Smith " * 200_000, 0),
    (("(Smith, 2001; " * 70 + ")") * 1000, 1000),  # only the innermost group closes
    ("2001a, " * 150_000, 0),
    ("(2001) " * 150_000, 0),
]


@pytest.mark.parametrize("text,count", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_megabyte_line(text: str, count: int) -> None:
    assert len(find_citations(text)) == count


def test_hostile_line_of_parenthesised_numbers() -> None:
    text = "word (1) " * 100_000  # one 900 kB line, no newline to bound a look-back
    assert len(find_citations(text, numbered=True, paren_numeric=True)) == 100_000


def test_fifty_page_document() -> None:
    para = (
        "Platforms grew (Smith, 2001; Jones & Lee, 2002a, 2002b). Gao et al. (2012b) disagreed, "
        "as did van Dijck et al. (2018, p. 4). In 2017, TikTok (100 females and 50 males) aged 18-30. "
    )
    text = "\n\n".join(re.sub(r"20(\d\d)", lambda m: str(1900 + i % 99), para) for i in range(100))
    found = find_citations(text)
    assert len(found) == 500


# --- lower-case surnames from the reference list (danah boyd, bell hooks) -------------------------------------

def _entry(raw: str, authors: list[dict]) -> Reference:
    return Reference("r1", raw, {"id": "r1", "author": authors}, Span("d", 9))


LOWER_NAMES = [
    # second author, parsed as a name the parser could not split
    ("Caplan, R., & boyd, d. (2018). Isomorphism through algorithms.", [{"family": "Caplan", "given": "R."}, {"literal": "boyd"}], {"boyd"}),
    # first author, parsed as a family name; Chicago entry start
    ("hooks, b. (1994). Teaching to transgress. Routledge.", [{"family": "hooks", "given": "b."}], {"hooks"}),
    ("boyd, danah. It's Complicated. New Haven: Yale University Press, 2014.", [], {"boyd"}),
    # lower-case words that are no surnames: a title word, a literal that is a phrase, a particle
    ("Smith, J. (2001). the power of media, and more. Press.", [{"family": "Smith", "given": "J."}], set()),
    ("Smith, J., & van Dijck, J. (2001). Platforms.", [{"family": "Smith"}, {"family": "van Dijck"}], set()),
    ("Lee, K. (2019). Title, in press, edited volume.", [{"family": "Lee"}, {"literal": "in press"}], set()),
]


@pytest.mark.parametrize("raw,authors,expected", LOWER_NAMES)
def test_lowercase_names_of_the_reference_list(raw: str, authors: list[dict], expected: set[str]) -> None:
    assert citations.lowercase_names([_entry(raw, authors)]) == expected


@pytest.mark.parametrize(
    "text,refs,expected",
    [
        ("A process that Caplan and boyd (2018) describe.",
         [("Caplan, R., & boyd, d. (2018). Isomorphism.", [{"family": "Caplan"}, {"literal": "boyd"}])], ["Caplan and boyd (2018)"]),
        # without an entry naming boyd, a lower-case word before a year is never an author
        ("A process that Caplan and boyd (2018) describe.", [("Caplan, R. (2018). Isomorphism.", [{"family": "Caplan"}])], []),
        ("Tools that scale (2018) fail.", [("Caplan, R., & boyd, d. (2018). Isomorphism.", [{"family": "Caplan"}, {"literal": "boyd"}])], []),
    ],
)
def test_run_reads_lower_case_second_author(text: str, refs: list, expected: list[str]) -> None:
    entries = tuple(Reference(f"r{i}", raw, {"id": f"r{i}", "author": a}, Span("d", 9 + i)) for i, (raw, a) in enumerate(refs))
    x = citations.run(_extraction(text, entries), Resources())
    assert [c.marker for c in x.citations] == expected
