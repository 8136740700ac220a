"""Tests of the reference-section finder on the sample corpus and on synthetic documents."""

from __future__ import annotations

from pathlib import Path

import textwrap

import pytest

from citegraph.finder import Entry, find_reference_sections, split_entries
from citegraph.finder.split import join_lines


CORPUS = Path(__file__).resolve().parents[1] / "references"

# --- synthetic documents: body prose, a heading, a reference list in one style ---

import textwrap

SURNAMES = ["Smith", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Garcia", "Novak", "Haddad", "Kowalski", "Brennan",
            "Ferreira", "Ivanova", "Schultz", "Park", "Rossi", "Nguyen"]
TITLES = [
    "Measuring the diffusion of short video platforms across national markets",
    "Algorithmic curation and the politics of visibility in social media",
    "A comparative study of microblogging behaviour in two countries",
    "Cultural proximity and the reception of imported television formats",
    "Platform governance, content moderation and the regulation of speech",
    "Networked publics and the transformation of everyday communication",
    "User engagement metrics for mobile applications: a longitudinal analysis",
    "The economics of attention in two-sided digital markets",
]
JOURNALS = ["Journal of Communication", "New Media & Society", "Information, Communication & Society",
            "International Journal of Communication", "Media, Culture & Society"]

BODY = (
    "Digital platforms have changed the way people communicate across borders, and researchers have studied this "
    "change from several angles (Smith, 2019). The present study looks at how short video services adapt their "
    "content to local audiences, and how users respond to these adaptations over time. Earlier work argued that "
    "cultural distance slows adoption [2], while more recent findings suggest that algorithmic recommendation "
    "reduces this effect considerably (Okafor & Tanaka, 2021). We collected data from public sources and analysed "
    "it with standard methods. The results show that local partnerships matter more than advertising budgets, "
    "which has consequences for managers and regulators alike."
)


def body(paragraphs: int = 6, width: int = 78) -> list[str]:
    """Wrapped body prose with a couple of section headings."""
    out = ["Short Video Platforms and Cross-Border Communication", "", "1 Introduction", ""]
    for p in range(paragraphs):
        out.extend(textwrap.wrap(BODY, width))
        out.append("")
        if p == paragraphs // 2:
            out.extend(["2 Discussion", ""])
    return out


def entry(k: int, style: str) -> str:
    a, b = SURNAMES[k % len(SURNAMES)], SURNAMES[(k + 5) % len(SURNAMES)]
    i, j = "ABCDEFGHJKLMNPRS"[k % 16], "ABCDEFGHJKLMNPRS"[(k + 3) % 16]
    year = 1995 + (k * 7) % 29
    title, journal = TITLES[k % len(TITLES)], JOURNALS[k % len(JOURNALS)]
    vol, page = 3 + k, 10 + 13 * k
    if style == "ieee":
        return f"{i}. {a} and {j}. {b}, “{title},” {journal}, vol. {vol}, no. {k % 4 + 1}, pp. {page}–{page + 17}, {year}."
    if style == "mla":
        return f"{a}, {i}{'abcdef'[k % 6]}ne, and {j}. {b}. “{title}.” {journal}, vol. {vol}, {year}, pp. {page}-{page + 17}."
    return f"{a}, {i}., & {b}, {j}. ({year}). {title}. {journal}, {vol}({k % 4 + 1}), {page}–{page + 17}."


def wrap_entry(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    return textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False)


def _lines(name: str) -> list[str]:
    return (CORPUS / name).read_text(encoding="utf-8").splitlines()


def _entries(lines: list[str]) -> list[Entry]:
    return [e for start, end in find_reference_sections(lines) for e in split_entries(lines[start:end])]


def test_miao_markdown_has_20_entries_after_heading() -> None:
    lines = _lines("miao-2025-global-promotion.md")
    sections = find_reference_sections(lines)
    assert len(sections) == 1
    start, end = sections[0]
    assert lines[start - 2] == "#### REFERENCES"
    entries = split_entries(lines[start:end])
    assert len(entries) == 20
    assert entries[0].text.startswith("Alhabash, S., & Ma, M. 2017.")
    assert entries[3].text.startswith("Cunningham, S.")  # the blank line inside the list is not an entry
    assert all(not e.text.startswith("- ") and e.label is None for e in entries)
    assert "Li, T.J.-J." in entries[-1].text


def test_hu_liang_has_five_numbered_entries() -> None:
    entries = _entries(_lines("hu-liang-2023-tiktok-international-communication.md"))
    assert [e.label for e in entries] == ["1", "2", "3", "4", "5"]
    assert entries[0].text.startswith("[1] Xu, X.D.")
    assert all("References" not in e.text for e in entries)


@pytest.mark.parametrize("name", ["fan-2025-china-daily-apps-urged.txt", "miao-2025-global-promotion-pdf-excerpt.txt"])
def test_documents_without_a_list(name: str) -> None:
    assert find_reference_sections(_lines(name)) == []


def _doc(style: str, n: int = 12) -> tuple[list[str], list[str]]:
    """A synthetic document and the expected entry starts (first 20 characters)."""
    lines = body()
    starts = []
    if style == "ieee":
        lines += ["References", ""]
        for k in range(n):
            lab = f"[{k + 1}]"
            wrapped = wrap_entry(entry(k, "ieee"), 78, f"{lab:<5} ", " " * 6)
            lines += wrapped
            starts.append(wrapped[0].strip()[:20])
    elif style == "apa-hanging":
        lines += ["REFERENCES", ""]
        for k in range(n):
            wrapped = wrap_entry(entry(k, "apa"), 80, "", "    ")
            lines += wrapped
            starts.append(wrapped[0][:20])
    elif style == "pdf-flat":  # no indentation, a page break with furniture in the middle
        lines += ["7 References"]
        for k in range(n):
            wrapped = wrap_entry(entry(k, "apa"), 60)
            lines += wrapped
            starts.append(wrapped[0][:20])
            if k == n // 2:
                lines += ["", "14", "", "Short Video Platforms and Cross-Border Communication", ""]
    elif style == "no-heading":
        for k in range(n):
            wrapped = wrap_entry(entry(k, "ieee"), 78, f"{k + 1}. ", "   ")
            lines += wrapped
            starts.append(wrapped[0].strip()[:20])
    elif style == "bullets":
        lines += ["Bibliography", ""]
        for k in range(n):
            lines.append("• " + entry(k, "apa"))
            starts.append(entry(k, "apa")[:20])
    elif style == "works-cited":
        lines += ["Works Cited", ""]
        for k in range(n):
            wrapped = wrap_entry(entry(k, "mla"), 76, "", "     ")
            lines += wrapped + [""]
            starts.append(wrapped[0][:20])
    elif style == "chinese-heading":
        lines += ["参考文献", ""]
        for k in range(n):
            lines.append(f"[{k + 1}] " + entry(k, "apa"))
            starts.append(f"[{k + 1}] " + entry(k, "apa")[:20 - len(f'[{k + 1}] ')])
    return lines, starts


STYLES = ["ieee", "apa-hanging", "pdf-flat", "no-heading", "bullets", "works-cited", "chinese-heading"]


@pytest.mark.parametrize("style", STYLES)
def test_synthetic_styles_find_and_split(style: str) -> None:
    lines, starts = _doc(style)
    sections = find_reference_sections(lines)
    assert len(sections) == 1, sections
    start, end = sections[0]
    assert not any("platforms have changed" in ln for ln in lines[start:end])  # no body prose taken
    entries = split_entries(lines[start:end])
    assert [e.text[:20] for e in entries] == starts
    assert all(e.text.strip() != "14" and "Cross-Border" not in e.text for e in entries)  # no page furniture


@pytest.mark.parametrize(
    ("style", "labels"),
    [("ieee", [str(k) for k in range(1, 13)]), ("no-heading", [str(k) for k in range(1, 13)]), ("apa-hanging", [None] * 12)],
)
def test_labels(style: str, labels: list) -> None:
    lines, _ = _doc(style)
    assert [e.label for e in _entries(lines)] == labels


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["- [Bais 2010] “The Physics of Information”, F. Alexander Bais."], [("Bais 2010", "[Bais 2010] “The Physics")]),
        (["(1) Smith, J. 2010. A title.", "(2) Doe, K. 2011. Another."], [("1", "(1) Smith"), ("2", "(2) Doe")]),
        (["1) Smith, J. 2010. A title.", "2) Doe, K. 2011. Another."], [("1", "1) Smith"), ("2", "2) Doe")]),
        (["* Smith, J. 2010. A title.", "", "* Doe, K. 2011. Another."], [(None, "Smith, J."), (None, "Doe, K.")]),
        # flat PDF text: a new entry where a line starts like one after a line that ended one
        (["SMITH, J. 2010. A very long title that goes on and on and wraps onto the next",
          "line of the page. Journal of Things 3, 1-10.",
          "Doe K, Roe P. Another title that is also long enough to wrap onto a second line",
          "of text. Journal 4, 5-9.",
          "Mills, A. and Young, T. (2012). Third title. Press."],
         [(None, "SMITH, J."), (None, "Doe K, Roe"), (None, "Mills, A.")]),
        # numbering must follow in sequence: "2008." inside an entry is no label
        (["1. Smith, J. A title of a book published in", "2008. Publisher.", "2. Doe, K. 2011. Another."],
         [("1", "1. Smith"), ("2", "2. Doe")]),
    ],
)
def test_split_styles(lines: list[str], expected: list) -> None:
    entries = split_entries(lines)
    assert [(e.label, e.text[: len(t)]) for e, (_, t) in zip(entries, expected)] == expected
    assert len(entries) == len(expected)


def test_entry_line_ranges_and_blank_inside_entry() -> None:
    lines = ["[1] Smith, J. (2010). A title", "", "    that continues after a page break. Press.", "[2] Doe, K. (2011). B."]
    entries = split_entries(lines)
    assert [(e.start, e.end) for e in entries] == [(0, 3), (3, 4)]
    assert entries[0].text == "[1] Smith, J. (2010). A title that continues after a page break. Press."


@pytest.mark.parametrize(
    ("parts", "joined"),
    [
        (["the future of communi-", "cation studies"], "the future of communication studies"),
        (["Li, T.J.-", "J., & Huang, T."], "Li, T.J.-J., & Huang, T."),
        (["Bodoh-", "Creed, A."], "Bodoh-Creed, A."),
        (["pp. 1009–", "1025."], "pp. 1009–1025."),
        (["doi:10.1007/s10439-", "009-9852-5"], "doi:10.1007/s10439-009-9852-5"),
        (["three-dimensional system-", "on-a-chip"], "three-dimensional system-on-a-chip"),
        (["A title", "  and more"], "A title and more"),
    ],
)
def test_join_lines(parts: list[str], joined: str) -> None:
    assert join_lines(parts) == joined


def test_split_drops_furniture_and_headings() -> None:
    lines = ["Smith, J. (2010). A title. Press.", "", "12", "BIBLIOGRAPHY 13", "", "Doe, K. (2011). Another. Press."]
    assert [e.text for e in split_entries(lines)] == ["Smith, J. (2010). A title. Press.", "Doe, K. (2011). Another. Press."]


@pytest.mark.parametrize(
    "lines",
    [
        ["(" + "Aa, " * 250000],
        ["[" * 1_000_000],
        ["Smith, J. (2020). " * 55000],
        [f"Body line {i} with words, (Name, 2020) and more words here." for i in range(20000)],
        ["References"] + [f"Smith, J. ({1900 + i % 100}). Title {i}. Journal 3, 1-{i}." for i in range(20000)],
    ],
    ids=["1MB-parens", "1MB-brackets", "1MB-refs", "20k-body", "20k-refs"],
)
def test_hostile_input_completes(lines: list[str]) -> None:
    sections = find_reference_sections(lines)
    entries = [e for a, b in sections for e in split_entries(lines[a:b])]
    if lines[0] == "References":
        assert sections == [(1, len(lines))] and len(entries) == len(lines) - 1
    else:
        assert all(len(e.text) <= sum(len(x) for x in lines) for e in entries)


# --- numbered (IEEE-style) manuscripts: body paragraphs with "[n]" markers are not entries ---

NUM_NAMES = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Garcia", "Novak", "Haddad", "Kowalski", "Brennan", "Ivanova"]
NUM_TOPICS = ["Sensor fusion for indoor localisation", "Energy-aware scheduling of edge workloads",
              "A survey of federated optimisation", "Graph neural networks for traffic forecasting"]
NUM_VENUES = ["IEEE Trans. Mobile Comput.", "Proc. IEEE INFOCOM", "IEEE Commun. Surveys Tuts.", "ACM Comput. Surv."]


def numbered_entry(k: int) -> str:
    return (f"[{k + 1}] {'ABCDEFGH'[k % 8]}. {NUM_NAMES[k % 10]} and {'KLMNPRST'[k % 8]}. {NUM_NAMES[(k + 5) % 10]}, "
            f"“{NUM_TOPICS[k % 4]},” {NUM_VENUES[k % 4]}, vol. {k + 4}, no. {k % 4 + 1}, pp. {10 + k * 9}–{20 + k * 9}, {2001 + k}.")


PLAIN = "Indoor positioning remains difficult without infrastructure [1]. Earlier systems [2]-[4] combined radio and inertial data."
PROSE_SHAPES = {
    "opens-with-marker": "[3] showed that the drift of inertial sensors grows quickly, while [4] reduced it with map matching in 2019.",
    "opens-with-marker-list": "[6], [7] report similar findings for large buildings, and [8] extends them to outdoor settings.",
    "year-in-parens": "Latency ranged from 12 to 40 (2021–2022). Devices that had been profiled before [3], [7] performed better.",
    "many-markers": "Open data for researchers [1], [8] remains essential, as argued in [9], and audits [2]–[4] agree since 2018.",
}
LAYOUTS = {  # (reference heading, numbered section headings, wrap width or 0)
    "heading": ("REFERENCES", True, 0),
    "heading-wrapped": ("References", True, 70),
    "headless": ("", True, 0),
    "no-sections": ("REFERENCES", False, 0),
    "headless-wrapped-no-sections": ("", False, 70),
}


def numbered_doc(prose: str, layout: str, n: int = 10) -> tuple[list[str], int]:
    """A numbered manuscript whose last two body paragraphs have the given shape; the index of entry [1]."""
    heading, sections, width = LAYOUTS[layout]
    lines = ["Fusing Radio and Inertial Data for Indoor Positioning", ""]
    for head, para in zip(["I. INTRODUCTION", "II. RELATED WORK", "III. RESULTS", "IV. CONCLUSION"], [PLAIN, PLAIN, prose, prose]):
        lines += [head, ""] if sections else []
        lines += (textwrap.wrap(para, width) if width else [para]) + [""]
    lines += [heading, ""] if heading else []
    first = len(lines)
    for k in range(n):
        lines += textwrap.wrap(numbered_entry(k), width, subsequent_indent="    ") if width else [numbered_entry(k)]
    return lines, first


@pytest.mark.parametrize("layout", list(LAYOUTS))
@pytest.mark.parametrize("shape", list(PROSE_SHAPES))
def test_numbered_manuscript_body_paragraphs_are_not_entries(shape: str, layout: str) -> None:
    lines, first = numbered_doc(PROSE_SHAPES[shape], layout)
    assert find_reference_sections(lines) == [(first, len(lines))]
    assert [e.label for e in _entries(lines)] == [str(k) for k in range(1, 11)]


@pytest.mark.parametrize(
    ("first_entry", "style"),
    [
        # real entries that share a trait with the prose above must still be taken
        ("[1] van der Berg, A., “Drift of inertial sensors,” in Proc. IPIN, 2019, see also [2].", "numbered"),
        ("[1] de Souza, P. and K. Novak, “Map matching for pedestrians,” Sensors, vol. 3, 2018.", "numbered"),
        ("[1] European Union, “Regulation (EU) 2016/679,” Off. J. Eur. Union, L 119, 2016.", "numbered"),
        ("Ministry of Health and Welfare (2019). Indoor air quality report. Seoul: MOHW.", "author-year"),
        ("World Health Organization. 2017. Guidelines on indoor positioning of patients. Geneva: WHO.", "author-year"),
        ("Department of the Environment (2019). Indoor air and building sensors. London: HMSO.", "author-year"),
    ],
)
def test_entries_resembling_prose_are_kept(first_entry: str, style: str) -> None:
    lines, first = numbered_doc(PROSE_SHAPES["opens-with-marker"], "heading")
    if style == "numbered":
        lines[first] = first_entry
    else:  # an author-year list: entries without labels
        lines[first:] = [first_entry] + [f"{NUM_NAMES[k]}, {'ABCDEFGH'[k % 8]}. ({2001 + k}). {NUM_TOPICS[k % 4]}. "
                                         f"{NUM_VENUES[k % 4]}, {k + 4}, {10 + k}–{20 + k}." for k in range(9)]
    assert find_reference_sections(lines) == [(first, len(lines))]
    assert _entries(lines)[0].text == first_entry


@pytest.mark.parametrize(
    "after",
    [
        ["APPENDIX", "", PROSE_SHAPES["opens-with-marker"], "", PROSE_SHAPES["opens-with-marker-list"]],
        [PROSE_SHAPES["opens-with-marker-list"], "", PROSE_SHAPES["year-in-parens"]],
        ["Appendix A. Proofs", "", PROSE_SHAPES["many-markers"], "", PROSE_SHAPES["opens-with-marker"]],
    ],
    ids=["appendix-heading", "no-heading", "titled-appendix"],
)
@pytest.mark.parametrize("width", [0, 70])
def test_body_paragraphs_after_a_numbered_list_are_not_entries(after: list[str], width: int) -> None:
    lines, first = numbered_doc(PROSE_SHAPES["opens-with-marker"], "heading-wrapped" if width else "heading")
    end = len(lines)
    for part in [""] + after:
        lines += (textwrap.wrap(part, width) if width else [part]) if part else [""]
    assert find_reference_sections(lines) == [(first, end)]
    assert [e.label for e in _entries(lines)] == [str(k) for k in range(1, 11)]


# a wrapped line "In <editors> (Eds.)" or "Place: Publisher, Year." goes on with the entry above it
@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Parks, L. (2015). Signal traffic: Criti-", "cal studies of media infrastructures.", "In L. Parks & N. Starosielski (Eds.),",
          "Signal traffic (pp. 1–27). University", "of Illinois Press.", "Price, M. E. (2002). Media and", "sovereignty. MIT Press."],
         ["Parks, L. (2015)", "Price, M. E."]),
        (["Smith, J. (2010). A chapter title that ends here.", "In: K. Doe (ed.) A Handbook, pp. 1–9. Springer.", "Roe, P. (2011). Another."],
         ["Smith, J.", "Roe, P."]),
        (["Smith, J. (2010). A chapter title that ends here.", "In Doe, K. (Ed.), A Handbook (pp. 1–9). Sage.", "Roe, P. (2011). Another."],
         ["Smith, J.", "Roe, P."]),
        (["Smith, J. (2010). A paper title that ends here.", "In Proceedings of the ACM Conference (pp. 1–9).", "Roe, P. (2011). Another."],
         ["Smith, J.", "Roe, P."]),
        (["Gillespie, Tarleton. Custodians of the Internet: Platforms, Content", "Moderation, and the Hidden Decisions That Shape Social Media.",
          "New Haven: Yale University Press, 2018.", "Petre, Caitlin. All the News. Princeton: Princeton University Press, 2021."],
         ["Gillespie, Tarleton", "Petre, Caitlin"]),
        # an author whose surname is "In", and an organisation with a place-like name, still begin entries
        (["Smith, J. (2010). A paper title that ends here.", "In, J. (2019). A title by a Korean author.", "Roe, P. (2011). Another."],
         ["Smith, J.", "In, J.", "Roe, P."]),
        (["Smith, J. (2010). A paper title that ends here.", "World Bank (2019). World development report.", "Roe, P. (2011). Another."],
         ["Smith, J.", "World Bank", "Roe, P."]),
    ],
)
def test_chapter_and_publisher_lines_continue_an_entry(lines: list[str], expected: list[str]) -> None:
    entries = split_entries(lines)
    assert [e.text[: len(t)] for e, t in zip(entries, expected)] == expected
    assert len(entries) == len(expected)
