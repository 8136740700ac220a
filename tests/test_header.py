"""The header stage on papers: title, authors, affiliation, date, venue (news bylines: test_header_news.py)."""

from __future__ import annotations

import pytest

from citegraph.resources import Resources
from citegraph.stages import header
from citegraph.stages.header import parse_header
from citegraph.stages.header_lines import common_words, names_in, title_tail
from citegraph.stages.read import read

from .conftest import EXCERPT, HU, MIAO


def _doc(path):
    return header.run(read(str(path)), Resources()).document


def test_miao_paper_header():
    d = _doc(MIAO)
    assert d.kind == "paper"
    assert d.csl["title"] == "Global Promotion Strategy of Social Media Platforms: Take Tik Tok and RedNote as Examples"
    assert d.csl["author"] == [{"family": "Miao", "given": "Qiyue"}]
    assert "University of Warwick" in d.csl["custom"]["affiliation"]
    assert d.csl["keyword"].startswith("Social Media, Digital Platforms")


def test_hu_liang_header():
    d = _doc(HU)
    assert d.csl["title"].startswith("The Overseas Social Media Platform and the Improvement of China's International Communication Ability")
    assert [a["family"] for a in d.csl["author"]] == ["Hu", "Liang"]
    assert d.csl["abstract"].startswith("Using TikTok as a focal point")


def test_excerpt_starting_mid_sentence_has_no_title():
    x = header.run(read(str(EXCERPT)), Resources())
    assert "title" not in x.document.csl
    assert [p.code for p in x.problems] == ["no-title"]


@pytest.mark.parametrize(
    "lines, title, authors, date",
    [
        (["Deep Learning for Citation Parsing", "Ada Lovelace, Alan Turing", "University of London", "", "Abstract: We parse."], "Deep Learning for Citation Parsing", ["Lovelace", "Turing"], None),
    ],
)
def test_parse_header_table(lines, title, authors, date):
    csl, kind, used = parse_header(lines)
    assert csl["title"] == title
    assert [a["family"] for a in csl["author"]] == authors
    assert (csl.get("issued") or {}).get("date-parts", [None])[0] == date


def _fields(lines):
    """(title, author family names, year, venue, kind) as parse_header reads them."""
    csl, kind, _ = parse_header(lines)
    year = ((csl.get("issued") or {}).get("date-parts") or [[None]])[0][0]
    return csl.get("title"), [a["family"] for a in csl.get("author", [])], year, csl.get("container-title"), kind


ARXIV = ["Sparse Retrieval for Fact-Checking Claims", "Thandiwe Nkosi¹, Mateus Oliveira², Yuki Tanaka¹,³", "¹University of Cape Town", "arXiv:2311.04521v1 [cs.IR] 8 Nov 2023", "Abstract", "We retrieve."]
ELSEVIER = [
    "Computers in Human Behavior 101 (2019) 112–124", "Contents lists available at ScienceDirect", "Computers in Human Behavior",
    "journal homepage: www.elsevier.com/locate/comphumbeh", "Full length article", "Fear of missing out and smartphone use: A longitudinal",
    "study of adolescents", "Lena Fischer a,∗, Marco Rossi b, Johanna K. Weber a", "a Department of Psychology, University of Mannheim",
    "ARTICLE INFO", "Received 12 March 2018", "Accepted 14 July 2019", "ABSTRACT",
]
CAPS_THESIS = ["LISTENING PUBLICS:", "RADIO PHONE-IN PROGRAMMES", "1965–1990", "", "Margaret Ellen Ashworth", "", "The University of Leeds", "September 2019"]
YAML_LIST = ["---", 'title: "Reading notes: attention markets"', "author:", "  - Daniel Okonkwo", "  - Hannah Lindqvist", "date: 2023-06-12", "---", "", "# Reading notes: attention markets", "", "Text."]
YAML_AND = ["---", "title: Platform Cooperatives", "author: Ines Carvalho and Peter Novak", "date: 14 February 2022", "---", "## Introduction", "Couriers ride. They deliver."]
MD_LABELS = ["# Misinformation and Messaging Apps: A Review", "", "**Authors:** Rafael Souza, Beatriz Lima", "**Date:** 2022-11-03", "", "> Draft for the lab meeting. Comments welcome."]
BILINGUAL = [
    "2022年3月    Journalism & Communication Studies    Mar. 2022", "短视频平台的算法可见性", "Algorithmic Visibility of Rural Creators on Short-Video Platforms",
    "王晓明  刘芳", "WANG Xiaoming, LIU Fang", "(School of Journalism, Fudan University, Shanghai 200433, China)", "摘要：本文", "Abstract: Based on interviews.",
]
RECEIVED = ["Journal of Digital Media Studies, Vol. 12, No. 3 (2021), pp. 201–219", "Platform Governance in the Global South:", "Content Moderation in Kenya", "Sarah O'Neill and Tomás Gutiérrez", "Received 4 May 2020; Accepted 19 January 2022", "ABSTRACT"]
ACM = [
    "Designing for Doubt: Fact-Check Labels", "Maya Goldberg, Oluwaseun Adeyemi, and Carlos Mendoza", "ABSTRACT", "Labels work.", "ACM Reference Format:",
    "Maya Goldberg. 2023. Designing for Doubt. In", "Proceedings of the 2023 CHI Conference on Human Factors in Computing", "Systems (CHI '23), April 23–28, 2023, Hamburg. ACM.",
]
SAGE = ["NEW MEDIA & SOCIETY", "2020, Vol. 22(9) 1584–1603", "© The Author(s) 2020", "Article reuse guidelines:", "sagepub.com/journals-permissions", "Article", "Algorithmic folk theories and the", "politics of visibility on Instagram", "", "Daniel J. Whitfield", "University of Melbourne, Australia", "", "Kelly R. Ng"]


@pytest.mark.parametrize(
    "lines, expected",
    [
        (ARXIV, ("Sparse Retrieval for Fact-Checking Claims", ["Nkosi", "Oliveira", "Tanaka"], 2023, None, "paper")),
        (ELSEVIER, ("Fear of missing out and smartphone use: A longitudinal study of adolescents", ["Fischer", "Rossi", "Weber"], 2019, "Computers in Human Behavior", "paper")),
        (CAPS_THESIS, ("Listening Publics: Radio Phone-in Programmes 1965–1990", ["Ashworth"], 2019, None, "paper")),
        (YAML_LIST, ("Reading notes: attention markets", ["Okonkwo", "Lindqvist"], 2023, None, "paper")),
        (YAML_AND, ("Platform Cooperatives", ["Carvalho", "Novak"], 2022, None, "paper")),
        (MD_LABELS, ("Misinformation and Messaging Apps: A Review", ["Souza", "Lima"], 2022, None, "paper")),
        (BILINGUAL, ("Algorithmic Visibility of Rural Creators on Short-Video Platforms", ["Wang", "Liu"], 2022, "Journalism & Communication Studies", "paper")),
        (RECEIVED, ("Platform Governance in the Global South: Content Moderation in Kenya", ["O'Neill", "Gutiérrez"], 2022, "Journal of Digital Media Studies", "paper")),
        (ACM, ("Designing for Doubt: Fact-Check Labels", ["Goldberg", "Adeyemi", "Mendoza"], 2023, "Proceedings of the 2023 CHI Conference on Human Factors in Computing Systems", "paper")),
        (SAGE, ("Algorithmic folk theories and the politics of visibility on Instagram", ["Whitfield", "Ng"], 2020, "New Media & Society", "paper")),
        (["WORKING DRAFT — DO NOT CITE", "", "Measuring Local News Supply", "", "November 2023", "", "Abstract", "We measure."], ("Measuring Local News Supply", [], 2023, None, "paper")),
        (["Ada Lovelace, Alan Turing", "", "Deep Learning for Citation Parsing", "", "Abstract: We parse."], ("Deep Learning for Citation Parsing", ["Lovelace", "Turing"], None, None, "paper")),
        (["Learning to Rank Citations in Scholarly Search", "Google Research", "", "Abstract", "We rank."], ("Learning to Rank Citations in Scholarly Search", [], None, None, "paper")),
        (["the study found that. It was good.", "Results Of The Study Here", "We show."], (None, [], None, None, "paper")),
    ],
    ids=["arxiv", "elsevier", "caps-thesis", "yaml-list", "yaml-and", "md-labels", "bilingual",
         "received-accepted", "acm-format", "sage-runninghead", "draft-no-authors", "authors-above-title",
         "organisation-not-author", "body-first"],
)
def test_header_shapes(lines, expected):
    title, authors, year, venue, kind = _fields(lines)
    assert (title, authors, year, venue, kind) == expected


@pytest.mark.parametrize(
    "line",
    ["A" * 1_000_000, "JAKARTA, " + "(A" * 300_000, "By " + "Aa, " * 250_000, "Ab: " * 250_000, "Vol. 1 " * 150_000],
)
def test_hostile_long_lines_give_no_header(line):
    csl, kind, used = parse_header([line, "By Jane Doe", line])
    assert "title" not in csl and kind == "paper"


def test_front_matter_lines_are_header_lines():
    _, _, used = parse_header(YAML_LIST)
    assert set(range(7)) | {8} <= used and 10 not in used


# Header lines as pypdf gives them from a typeset first page: no blank lines, a wrapped title broken where the
# line was full, LaTeX's side-by-side authors (``\and``) joined by single spaces, ``\thanks`` marks glued on.
PODCAST_BODY = ["Abstract", "Independent podcasting depends on listeners who pay. We study revenue models and their audiences."]
RADIO_BODY = ["Abstract", "We follow rumours from community radio stations to online groups. Local stations matter."]


@pytest.mark.parametrize(
    "lines, title, authors",
    [
        (["Audience Attention and Revenue Models in Independent", "Podcasting", "Nadia Rahimi Tomasz Kowalczyk", *PODCAST_BODY],
         "Audience Attention and Revenue Models in Independent Podcasting", ["Rahimi", "Kowalczyk"]),
        (["Tracing the Spread of Election Rumours Through Community", "Radio Stations", "Amara Nwosu, Felix Brandt and Ines Duarte",
          "Department of Sociology, University of Porto", *RADIO_BODY],
         "Tracing the Spread of Election Rumours Through Community Radio Stations", ["Nwosu", "Brandt", "Duarte"]),
        (["Collective Memory of Floods in Neighbourhood Facebook Groups", "Priya Raghunathan† Oskar Lindgren", *PODCAST_BODY],
         "Collective Memory of Floods in Neighbourhood Facebook Groups", ["Raghunathan", "Lindgren"]),
        (["Collective Memory of Floods in Neighbourhood Facebook Groups", "Priya Raghunathan1 Oskar Lindgren2", *PODCAST_BODY],
         "Collective Memory of Floods in Neighbourhood Facebook Groups", ["Raghunathan", "Lindgren"]),
        (["Paying for Podcasts: Membership Programmes and Listener Loyalty", "Helena M. Costa Bruno Ferreira-Lopes Lotte van Dijk", *PODCAST_BODY],
         "Paying for Podcasts: Membership Programmes and Listener Loyalty", ["Costa", "Ferreira-Lopes", "van Dijk"]),
        (["Local Newsroom Staffing and the Coverage of Regional Elections", "Keira Dalton", "University of Otago", *RADIO_BODY],
         "Local Newsroom Staffing and the Coverage of Regional Elections", ["Dalton"]),
        (["Local Newsroom Staffing and the Coverage of Regional Elections", "Nordic Media Foundation", *RADIO_BODY],
         "Local Newsroom Staffing and the Coverage of Regional Elections", []),
        (["Local Newsroom Staffing and the Coverage of Regional Elections", "November 2022", *RADIO_BODY],
         "Local Newsroom Staffing and the Coverage of Regional Elections", []),
        (["Short Title on Radio", "Stations", "Keira Dalton", *RADIO_BODY], "Short Title on Radio", ["Dalton"]),
        (["Podcasts and the Ranking Machine:", "Listener Habits and Platform", "Distribution", "Keira Dalton", *RADIO_BODY],
         "Podcasts and the Ranking Machine: Listener Habits and Platform Distribution", ["Dalton"]),
    ],
    ids=["one-word-tail-and-two-names", "two-word-tail-of-body-words", "thanks-mark-splits", "digit-marks-split",
         "initial-hyphen-particle", "name-is-not-a-tail", "organisation-is-not-a-tail", "date-is-not-a-tail", "short-line-not-wrapped",
         "third-line-after-a-wrap"],
)
def test_pdf_shaped_headers(lines, title, authors):
    t, fams, _, _, _ = _fields(lines)
    assert (t, fams) == (title, authors)


@pytest.mark.parametrize(
    "line, common, expected",
    [
        ("Ana Silva Erik Holm", frozenset(), ["Ana Silva", "Erik Holm"]),
        ("Ana Silva Erik Holm Li Wei", frozenset(), ["Ana Silva", "Erik Holm", "Li Wei"]),
        ("John A. Smith Jane Doe", frozenset(), ["John A. Smith", "Jane Doe"]),
        ("Margaret Ellen Ashworth", frozenset(), ["Margaret Ellen Ashworth"]),
        ("Ana Silva* Erik Holm", frozenset(), ["Ana Silva", "Erik Holm"]),
        ("Ana Silva Erik Holm Wei", frozenset(), None),  # five words that do not pair up
        ("Recommendation Networks", frozenset({"recommendation", "networks"}), None),
        ("Recommendation Networks", frozenset(), ["Recommendation Networks"]),  # no text to tell: a name
        ("Grace Holm", frozenset({"grace"}), ["Grace Holm"]),  # one common word is not enough
    ],
)
def test_names_in_side_by_side(line, common, expected):
    assert names_in(line, common=common) == expected


@pytest.mark.parametrize(
    "prev, nxt, common, expected",
    [
        ("Measuring Exposure to Health Messages on Encrypted", "Apps", frozenset(), True),
        ("Measuring Exposure to Health Messages on Encrypted", "Messaging Channels", frozenset({"messaging", "channels"}), True),
        ("Measuring Exposure to Health Messages on Encrypted", "Keira Dalton", frozenset({"group"}), False),
        ("Measuring Exposure to Health Messages on Encrypted", "Abstract", frozenset(), False),
        ("Measuring Exposure to Health Messages on Encrypted", "Acme Research", frozenset(), False),
        ("Measuring Exposure to Health Messages on Encrypted", "2021", frozenset(), False),
        ("Short Title on Radio", "Stations", frozenset(), False),
    ],
)
def test_title_tail(prev, nxt, common, expected):
    assert title_tail(prev, nxt, common) is expected


def test_common_words_leave_out_addresses():
    words = common_words(["ana.silva@uni.edu www.example.org/recommendation", "Ranking networks matter."])
    assert {"networks", "matter"} <= words and not {"ana", "silva", "recommendation"} & words


# PDF extractions with font sizes (meta["line_sizes"], meta["body_size"], meta["line_columns"]): the sizes tell
# the title and the author lines where the text alone is ambiguous.
T, A, B = 17.2, 12.0, 10.0
SIZED_BODY = [("Abstract", B), ("We follow rumours from radio stations to online groups. Local stations matter.", B)]


def _sized(rows, columns=()):
    """(title, [(given, family)], affiliation) from rows of (text, size)."""
    lines = [t for t, _ in rows]
    csl, _, _ = parse_header(lines, [s for _, s in rows], B, None, columns)
    people = [(a.get("given", ""), a.get("family", "")) for a in csl.get("author", [])]
    return csl.get("title"), people, (csl.get("custom") or {}).get("affiliation")


@pytest.mark.parametrize(
    "rows, columns, expected",
    [
        # a title whose last line looks like a name: the title's size keeps it in the title
        ([("Memory and Loss in the Letters of the Painter", T), ("Grace Holm", T), ("Keira Dalton", A), *SIZED_BODY], (),
         ("Memory and Loss in the Letters of the Painter Grace Holm", [("Keira", "Dalton")], None)),
        # a four-word name alone on its line above its affiliation: one person
        ([("Regional Broadcasting and Its Audiences", T), ("Juan Carlos Rodríguez Pérez", A), ("University of Seville", A),
          ("Erik Holm", A), ("Lund University", A), *SIZED_BODY], (),
         ("Regional Broadcasting and Its Audiences", [("Juan Carlos Rodríguez", "Pérez"), ("Erik", "Holm")], "University of Seville")),
        # side-by-side cells (LaTeX \and): cut where the PDF's layout puts them, not into word pairs
        ([("Regional Broadcasting and Its Audiences", T), ("Juan Carlos Rodríguez Pérez Erik Holm", A), *SIZED_BODY], ((1, (28,)),),
         ("Regional Broadcasting and Its Audiences", [("Juan Carlos Rodríguez", "Pérez"), ("Erik", "Holm")], None)),
        # a running head above the title, in the body's size, is not the title
        ([("NEWSROOMS AND PLATFORMS 1", B), ("Platform Power", T), ("and Local News", T), ("Ana Silva", A), *SIZED_BODY], (),
         ("Platform Power and Local News", [("Ana", "Silva")], None)),
        # a numbered heading right below the title is no author line
        ([("Platform Power and Local News", T), ("1 Introduction", 14.3), ("Local news is in trouble. Papers close.", B)], (),
         ("Platform Power and Local News", [], None)),
        # no size above the body's: the text rules decide
        ([("Platform Power and Local News", B), ("Ana Silva, Erik Holm", B), *SIZED_BODY], (),
         ("Platform Power and Local News", [("Ana", "Silva"), ("Erik", "Holm")], None)),
        # a journal banner in the largest size: the text rules decide
        ([("Journal of Things, Vol. 3", T), ("Platform Power and Local News", A), ("Ana Silva, Erik Holm", B), *SIZED_BODY], (),
         ("Platform Power and Local News", [("Ana", "Silva"), ("Erik", "Holm")], None)),
    ],
    ids=["tail-like-a-name", "long-name-own-line", "side-by-side-cells", "head-above-title", "heading-below-title", "no-sizes-tell", "banner"],
)
def test_sized_pdf_headers(rows, columns, expected):
    assert _sized(rows, columns) == expected


@pytest.mark.parametrize("sizes", [None, (), [0.0] * 5])
def test_without_sizes_the_text_rules_read_the_header(sizes):
    lines = ["Memory and Loss in the Letters of the Painter", "Grace Holm", *(t for t, _ in SIZED_BODY)]
    assert parse_header(lines, sizes, B)[0] == parse_header(lines)[0]
    assert parse_header(lines)[0]["title"] == "Memory and Loss in the Letters of the Painter"  # the tail taken for a name
