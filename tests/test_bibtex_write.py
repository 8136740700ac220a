"""BibTeX/BibLaTeX output: field mapping, escaping, brace protection, and clean parsing by two parsers."""

from __future__ import annotations

import bibtexparser
import pybtex.database
import pytest

from citegraph.readwrite.bibtex_read import read_bibtex
from citegraph.readwrite.bibtex_write import entry_type_for, latex_escape, protect_title, to_bibtex


def date(*parts):
    return {"date-parts": [list(parts)]}


ITEMS = [
    {"id": "curranMedia2007", "type": "article-journal", "title": "Media and democracy in the U.S. and China",
     "author": [{"family": "Curran", "given": "James"}, {"family": "Müller", "given": "Jürgen"}],
     "container-title": "Journal of Communication", "issued": date(2007, 3, 8), "volume": "57", "issue": "2",
     "page": "12–34", "DOI": "10.1111/j.1460-2466.2007.00_1.x"},
    {"id": "pewState2025", "type": "report", "title": "State of the news media",
     "author": [{"literal": "Pew Research Center"}], "publisher": "Pew", "issued": date(2025, 3, 8)},
    {"id": "fanApps2025", "type": "article-newspaper", "title": "Apps urged to comply with rules",
     "author": [{"family": "Fan", "given": "Feifei"}], "container-title": "China Daily", "issued": date(2025, 1, 2),
     "URL": "https://www.chinadaily.com.cn/a/202501/02/WS_67.html"},
    {"id": "huTikTok2023", "type": "chapter", "title": "TikTok's international communication",
     "author": [{"family": "Hu", "given": "Yong"}, {"family": "Berg", "given": "Anna", "non-dropping-particle": "van der"}],
     "container-title": "Handbook of Platforms", "publisher": "Springer", "publisher-place": "Berlin",
     "issued": date(2023), "page": "1-20"},
    {"id": "webRedNote2025", "type": "webpage", "title": "RedNote tops the App Store",
     "container-title": "The Verge", "issued": date(2025, 1, 14), "URL": "https://x.org/~u/a_b%2Fc?q=1&r=2"},
    {"id": "confA2020", "type": "paper-conference", "title": "Graphs", "author": [{"family": "Éluard", "given": "Paul"}],
     "container-title": "Proceedings of ACL", "issued": date(2020)},
    {"id": "thesis2019", "type": "thesis", "title": "Apps", "author": [{"family": "Li", "given": "Na"}],
     "publisher": "Peking University", "issued": date(2019)},
    {"id": "data2018", "type": "dataset", "title": "Posts", "author": [{"family": "Wu", "given": "Di"}], "issued": date(2018)},
    {"id": "book2001", "type": "book", "title": "Networks", "author": [{"family": "Barabási", "given": "Albert-László"}],
     "publisher": "Perseus", "publisher-place": "Cambridge, MA", "issued": date(2001)},
]


def entry_of(text, key):
    start = text.rindex("@", 0, text.index("{" + key + ",\n"))
    return text[start : text.index("\n}", start)]


@pytest.mark.parametrize("biblatex", [False, True])
def test_output_parses_cleanly_in_bibtexparser_and_pybtex(biblatex):
    text = to_bibtex(ITEMS, biblatex=biblatex)
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    assert [e.key for e in library.entries] == [it["id"] for it in ITEMS]
    db = pybtex.database.parse_string(text, "bibtex")
    assert list(db.entries) == [it["id"] for it in ITEMS]
    assert [str(p) for p in db.entries["huTikTok2023"].persons["author"]] == ["Hu, Yong", "van der Berg, Anna"]


@pytest.mark.parametrize(
    "key, biblatex, expected",
    [
        ("curranMedia2007", False, "@article{curranMedia2007"),
        ("curranMedia2007", False, "journal = {Journal of Communication}"),
        ("curranMedia2007", True, "journaltitle = {Journal of Communication}"),
        ("curranMedia2007", False, "year = {2007}"),
        ("curranMedia2007", True, "date = {2007-03-08}"),
        ("curranMedia2007", False, "pages = {12--34}"),
        ("curranMedia2007", False, "number = {2}"),
        ("curranMedia2007", False, r"M{\"u}ller, J{\"u}rgen"),
        ("curranMedia2007", True, "Müller, Jürgen"),
        ("curranMedia2007", False, "doi = {10.1111/j.1460-2466.2007.00_1.x}"),
        ("curranMedia2007", False, "title = {Media and democracy in the {U.S.} and {China}}"),
        ("pewState2025", False, "author = {{Pew Research Center}}"),
        ("pewState2025", False, "@techreport{pewState2025"),
        ("pewState2025", False, "institution = {Pew}"),
        ("fanApps2025", False, "@article{fanApps2025"),
        ("fanApps2025", True, "entrysubtype = {newspaper}"),
        ("huTikTok2023", False, "@incollection{huTikTok2023"),
        ("huTikTok2023", False, "booktitle = {Handbook of Platforms}"),
        ("huTikTok2023", False, "address = {Berlin}"),
        ("huTikTok2023", True, "location = {Berlin}"),
        ("huTikTok2023", False, "title = {{TikTok's} international communication}"),
        ("webRedNote2025", False, "@misc{webRedNote2025"),
        ("webRedNote2025", True, "@online{webRedNote2025"),
        ("webRedNote2025", False, "url = {https://x.org/~u/a_b%2Fc?q=1&r=2}"),
        ("webRedNote2025", False, "title = {{RedNote} tops the {App} {Store}}"),
        ("confA2020", False, "@inproceedings{confA2020"),
        ("confA2020", False, r"{\'E}luard, Paul"),
        ("confA2020", True, "Éluard, Paul"),
        ("thesis2019", False, "@phdthesis{thesis2019"),
        ("thesis2019", False, "school = {Peking University}"),
        ("data2018", False, "@misc{data2018"),
        ("book2001", False, "@book{book2001"),
        ("book2001", False, "publisher = {Perseus}"),
    ],
)
def test_fields(key, biblatex, expected):
    assert expected in entry_of(to_bibtex(ITEMS, biblatex=biblatex), key)


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Media and democracy", "Media and democracy"),  # first word not protected for being first
        ("TikTok and RedNote in China", "{TikTok} and {RedNote} in {China}"),
        ("iPhone sales", "{iPhone} sales"),
        ("NATO and the U.S.", "{NATO} and the {U.S.}"),
        ("Why (China) matters: a view", "Why ({China}) matters: a view"),
        ("50% & $5 #1 a_b", r"50\% \& \$5 \#1 a\_b"),
        ("{x} ~y^ \\z", r"{\textbraceleft}x{\textbraceright} {\textasciitilde}y{\textasciicircum} {\textbackslash}z"),
        ("Café society", r"Caf{\'e} society"),
    ],
)
def test_protect_title(title, expected):
    assert protect_title(title) == expected


def test_year_suffix_dropped_from_date_and_year():
    it = {"id": "gao2012a", "type": "article-journal", "title": "x", "issued": {"date-parts": [["2012a"]]}}
    assert "date = {2012}" in to_bibtex([it], biblatex=True)
    assert "year = {2012}" in to_bibtex([it])


def test_hostile_values_still_parse_and_keys_stay_unique():
    items = [
        {"id": "dup", "title": "Unbalanced { brace and } } and \\", "author": [{"family": "A, B", "given": "and"}]},
        {"id": "dup", "title": "@misc{evil, title={x}}", "URL": "https://x.org/{a} b\\c"},
        {"id": "has space,comma", "title": "%comment\nnewline\ttab"},
    ]
    text = to_bibtex(items)
    assert bibtexparser.parse_string(text).failed_blocks == []
    db = pybtex.database.parse_string(text, "bibtex")
    assert len(db.entries) == 3 and len(set(db.entries)) == 3
    back, problems = read_bibtex(text)
    assert problems == []
    assert [b["title"] for b in back] == ["Unbalanced { brace and } } and \\", "@misc{evil, title={x}}",
                                          "%comment newline tab"]


def test_empty_input_gives_empty_text():
    assert to_bibtex([]) == ""


@pytest.mark.parametrize(
    "item, biblatex, expected",
    [
        ({"type": "article-journal", "title": "T", "author": [{"family": "A"}], "issued": {"date-parts": [[2020]]}}, False, "misc"),  # no journal
        ({"type": "article-journal", "title": "T", "author": [{"family": "A"}], "container-title": "J"}, False, "misc"),  # no year
        ({"type": "article-journal", "title": "T", "author": [{"family": "A"}], "container-title": "J", "issued": {"date-parts": [[2020]]}}, False, "article"),
        ({"type": "book", "title": "T", "editor": [{"family": "E"}], "publisher": "P", "issued": {"date-parts": [[2020]]}}, False, "book"),
        ({"type": "book", "title": "T", "author": [{"family": "A"}], "issued": {"date-parts": [[2020]]}}, False, "misc"),  # no publisher
        ({"type": "chapter", "title": "T", "author": [{"family": "A"}], "container-title": "B", "issued": {"date-parts": [[2020]]}}, False, "misc"),
        ({"type": "webpage", "title": "T", "URL": "https://x.org"}, True, "online"),
        ({"type": "webpage", "URL": "https://x.org"}, True, "online"),
        ({"type": "report", "title": "T", "author": [{"literal": "O"}], "publisher": "P", "issued": {"date-parts": [[2020]]},
          "custom": {"bibtex-type": "manual"}}, False, "manual"),
        ({"type": "webpage", "title": "T", "custom": {"bibtex-type": "online"}}, False, "misc"),  # @online is not BibTeX
        ({"type": "thesis", "title": "T", "author": [{"family": "A"}], "publisher": "U", "issued": {"date-parts": [[2020]]},
          "custom": {"bibtex-type": "thesis"}}, True, "thesis"),
    ],
)
def test_entry_type_needs_its_mandatory_fields(item, biblatex, expected):
    assert entry_type_for(item, biblatex) == expected


def test_unknown_fields_and_sort_key_are_written():
    item = {"id": "k", "type": "document", "title": "Xiaohongshu & co", "abstract": "50% more", "keyword": "a, b",
            "custom": {"bibtex-type": "misc", "bibtex-fields": {"file": "a_b.pdf", "eprint": "2101.1", "title": "dup"}}}
    text = entry_of(to_bibtex([item]), "k")
    for line in ("abstract = {50\\% more}", "keywords = {a, b}", "file = {a_b.pdf}", "eprint = {2101.1}", "key = {Xiaohongshu \\& co}"):
        assert line in text
    assert text.count("title =") == 1
    assert "key =" not in to_bibtex([item], biblatex=True)


# Cases found by benchmarks/bib_bench.py on AnyStyle's reference lists (each gave a BibTeX/biber/LaTeX warning or error).
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Жуков и Ёлкин", "Zhukov i Yolkin"),  # Cyrillic: \cyr macros need T2A fonts, so romanised
        ("ạ ố ế ơ", r"{\d{a}} {\'{\^o}} {\'{\^e}} o"),  # Vietnamese: nested accents; the horn has no T1 accent
        ("ста\u0301ть x\u0301", r"st{\'a}t' {\'x}"),  # stray combining accents land on the letter before
        ("한국 학교", "hanguk hakgyo"),  # Hangul: Revised Romanisation (not its decomposed jamo)
        ("ʻOkina ﬁne a\u2011b", "`Okina {fi}ne a-b"),  # modifier letters, ligatures, non-breaking hyphen (\nobreakdash needs amsmath)
        ("《中国》", r"{\guillemotleft}中国{\guillemotright}"),  # CJK ideographs have no Latin form: kept
        ("Café", r"Caf{\'e}"),
    ],
)
def test_non_ascii_is_written_in_ascii_latex_for_bibtex(text, expected):
    assert latex_escape(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [("ста\u0301ть", "стать"), ("Café", "Café"), ("ố", "ố")],
)
def test_biblatex_keeps_utf8_but_drops_marks_that_do_not_compose(text, expected):
    assert latex_escape(text, ascii_only=False) == expected


def item_with(**fields):
    base = {"id": "k", "type": "article-journal", "title": "T", "author": [{"family": "A", "given": "B"}]}
    base.update(fields)
    return base


@pytest.mark.parametrize(
    "item, biblatex, present, absent",
    [
        # plain.bst "there's a number but no volume": the issue is the volume
        (item_with(**{"container-title": "ASH", "issued": date(2009), "issue": "2630"}), False, ["volume = {2630}"], ["number ="]),
        (item_with(**{"container-title": "ASH", "issued": date(2009), "issue": "2630"}), True, ["number = {2630}"], ["volume ="]),
        # plain.bst "can't use both volume and number fields" (books, chapters, proceedings)
        (item_with(type="book", publisher="P", issued=date(2001), volume="3", issue="2"), False, ["volume = {3, no. 2}"], ["number ="]),
        # plain.bst "can't use both author and editor fields": editors go to the note
        (item_with(type="book", publisher="P", issued=date(2001), editor=[{"family": "Müller", "given": "K."}]), False,
         [r"note = {Edited by K. M{\"u}ller}"], ["editor ="]),
        (item_with(type="book", publisher="P", issued=date(2001), editor=[{"family": "Müller", "given": "K."}]), True, ["editor = {Müller, K.}"], ["Edited"]),
        # plainnat/apalike "empty year": n.d.; biblatex prints n.d. itself
        (item_with(), False, ["year = {n.d.}"], []),
        (item_with(), True, [], ["n.d.", "date ="]),
        # plain.bst "all relevant fields are empty": what is known goes to the note
        ({"id": "k", "URL": "www.x.com/a_b"}, False, [r"note = {www.x.com/a\_b}", "url = {www.x.com/a_b}"], []),
        ({"id": "k", "genre": "Rapport"}, False, ["note = {Rapport}"], []),
        # names: LaTeX markup and OCR debris dropped (biber wrote "giveni={}" for "{\sc" and broke the .bbl)
        (item_with(author=[{"family": "Arrow", "given": "{\\sc"}, {"family": "Uzawa}", "given": "H."}]), True,
         ["author = {Arrow, sc and Uzawa, H.}"], ["textbrace"]),
        (item_with(author=[{"literal": "{}"}, {"family": "Lee", "given": "D."}]), False, ["author = {Lee, D.}"], []),
        # an OCR'd low comma ("Bond‚ V.") is a comma: a 500-character label once broke the .bbl
        (item_with(author=[{"literal": "Lamarque J.F.‚ T. C. Bond"}], **{"container-title": "ACP‚"}), False,
         ["author = {{Lamarque J.F., T. C. Bond}}", "howpublished = {ACP,}"], ["quotesinglbase"]),
        (item_with(title="A ‚quoted‘ word"), False, [r"{\quotesinglbase}quoted"], []),
    ],
)
def test_entries_that_styles_warn_about(item, biblatex, present, absent):
    text = to_bibtex([item], biblatex=biblatex)
    for line in present:
        assert line in text
    for line in absent:
        assert line not in text
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == [] and len(library.entries) == 1


def test_messy_entries_round_trip_through_the_reader():
    items = [item_with(id="a", title="Жуков: ạ study", issue="7", **{"container-title": "J", "issued": date(2001)}),
             item_with(id="b", type="book", title="Only a book", publisher="P", editor=[{"family": "E", "given": "F."}], issued=date(2001))]
    back, problems = read_bibtex(to_bibtex(items))
    assert problems == []
    assert [b["title"] for b in back] == ["Zhukov: ạ study", "Only a book"]
    assert back[0]["volume"] == "7"


@pytest.mark.parametrize(
    "text, count",
    [
        ("@article{a,\n  title = {Plain}\n}\n", 0),
        ("@article{a,\n  title = {{\\'E}tudes}\n}\n", 0),
        ("@article{a,\n  title = {小红书的全球化}\n}\n\n@book{b,\n  title = {Plain}\n}\n", 1),
        ("@article{a,\n  title = {小红书}\n}\n\n@book{b,\n  author = {김, 민수}\n}\n", 2),
    ],
)
def test_engine_hint_counts_entries_pdflatex_cannot_typeset(text, count):
    from citegraph.readwrite.bibtex_write import engine_hint

    hint = engine_hint(text)
    assert (hint == "") == (count == 0)
    if count:
        assert hint.startswith(f"{count} entr") and "xelatex" in hint
