"""Reading .bib files: CSL items back, LaTeX decoded, malformed entries reported with file and line."""

from __future__ import annotations

import pytest

from citegraph.readwrite.bibtex_read import read_bibtex
from citegraph.readwrite.bibtex_write import to_bibtex


def date(*parts):
    return {"date-parts": [list(parts)]}


ROUND_TRIP = [
    {"id": "curranMedia2007", "type": "article-journal", "title": "Media & democracy: 50% of U.S. adults_on TikTok",
     "author": [{"family": "Curran", "given": "James"}, {"family": "Müller", "given": "Jürgen"}],
     "container-title": "Journal of Communication", "issued": date(2007), "volume": "57", "issue": "2",
     "page": "12-34", "DOI": "10.1111/j.1460-2466.2007.00_1.x", "URL": "https://ex.org/a%20b_c~d?x=1&y=2"},
    {"id": "pewState2025", "type": "report", "title": "État des médias #2 {draft}",
     "author": [{"literal": "Pew Research Center"}, {"literal": "Bill & Melinda Gates Foundation"}],
     "container-title": "", "issued": date(2025)},
    {"id": "zhang2020", "type": "chapter", "title": "抖音 and Douyin ~ a $5 app^2 \\ back",
     "author": [{"family": "张", "given": "三"}, {"family": "Ørsted", "given": "Hans Christian"},
                {"family": "Berg", "given": "Anna", "non-dropping-particle": "van der"}],
     "container-title": "Handbook of Ñ Studies", "issued": date(2020), "page": "101-120"},
    {"id": "nguyen2019", "type": "article-journal", "title": "Vietnamese news: Nguyễn Thị Minh Khai",
     "author": [{"family": "Nguyễn", "given": "Thị"}, {"family": "Ðoàn", "given": "Łukasz"}],
     "container-title": "Asian Journal of Communication", "issued": date(2019), "volume": "29", "issue": "4",
     "page": "301-320", "DOI": "10.1080/01292986.2019.1"},
    {"id": "webPage2024", "type": "webpage", "title": "RedNote — the “new” TikTok?", "container-title": "The Verge",
     "issued": date(2024), "URL": "https://www.theverge.com/2024/1/14/red_note~x%7E"},
    {"id": "news2025", "type": "article-newspaper", "title": "Apps urged to comply", "author": [{"family": "Fan", "given": "Feifei"}],
     "container-title": "China Daily", "issued": date(2025)},
]


def simple(item):
    """What a user checks after a round trip."""
    return {
        "author": item.get("author", []),
        "title": item.get("title"),
        "year": item.get("issued", {}).get("date-parts", [[None]])[0][0],
        "container": item.get("container-title") or None,
        "volume": item.get("volume"),
        "issue": item.get("issue"),
        "page": item.get("page"),
        "DOI": item.get("DOI"),
        "URL": item.get("URL"),
    }


@pytest.mark.parametrize("biblatex", [False, True])
@pytest.mark.parametrize("item", ROUND_TRIP, ids=[it["id"] for it in ROUND_TRIP])
def test_round_trip(item, biblatex):
    items, problems = read_bibtex(to_bibtex([item], biblatex=biblatex))
    assert problems == []
    assert len(items) == 1
    assert items[0]["id"] == item["id"]
    assert simple(items[0]) == simple(item)


@pytest.mark.parametrize(
    "bib, field, expected",
    [
        (r'@article{k, author = {M{\"u}ller, J{\"u}rgen and {\O}rsted, H.}}', "author",
         [{"family": "Müller", "given": "Jürgen"}, {"family": "Ørsted", "given": "H."}]),
        (r"@article{k, author = {Jane Smith and de la Cruz, Juan and Smith, Jr., John}}", "author",
         [{"family": "Smith", "given": "Jane"}, {"family": "Cruz", "given": "Juan", "non-dropping-particle": "de la"},
          {"family": "Smith", "given": "John", "suffix": "Jr."}]),
        (r"@article{k, author = {{{Pew Research Center}}}}", "author", [{"literal": "Pew Research Center"}]),
        (r"@article{k, title = {The {\'e}tude of {TikTok} \& {U.S.} media}}", "title", "The étude of TikTok & U.S. media"),
        (r'@article{k, title = "Quoted {T}itle"}', "title", "Quoted Title"),
        (r"@article{k, pages = {12--34}}", "page", "12-34"),
        (r"@article{k, year = 2020, month = mar}", "issued", {"date-parts": [[2020, 3]]}),
        (r"@article{k, year = {2020}, month = {11}}", "issued", {"date-parts": [[2020, 11]]}),
        (r"@article{k, date = {2021-05-06/2021-05-08}}", "issued", {"date-parts": [[2021, 5, 6], [2021, 5, 8]]}),
        (r"@article{k, year = {forthcoming}}", "issued", {"literal": "forthcoming"}),
        (r"@article{k, journaltitle = {J. Comm.}}", "container-title", "J. Comm."),
        (r"@inproceedings{k, booktitle = {Proc. ACL}}", "container-title", "Proc. ACL"),
        (r"@techreport{k, institution = {Pew}, number = {7}}", "publisher", "Pew"),
        (r"@techreport{k, institution = {Pew}, number = {7}}", "number", "7"),
        (r"@online{k, url = {https://a.org/x_y%20z}, urldate = {2024-05-01}}", "accessed", {"date-parts": [[2024, 5, 1]]}),
        (r"@misc{k, url = {https://a.org/x_y%20z}}", "URL", "https://a.org/x_y%20z"),
    ],
)
def test_fields_decoded(bib, field, expected):
    items, problems = read_bibtex(bib)
    assert problems == []
    assert items[0][field] == expected


@pytest.mark.parametrize(
    "entry_type, csl_type",
    [("article", "article-journal"), ("incollection", "chapter"), ("book", "book"),
     ("inproceedings", "paper-conference"), ("phdthesis", "thesis"), ("mastersthesis", "thesis"),
     ("techreport", "report"), ("online", "webpage"), ("misc", "document"), ("unpublished", "manuscript"),
     ("weirdtype", "document")],
)
def test_entry_types(entry_type, csl_type):
    items, _ = read_bibtex(f"@{entry_type}{{k, title = {{T}}}}")
    assert items[0]["type"] == csl_type


BROKEN = """% header comment
@article{good1,
  author = {Smith, J.},
  title = {First},
  year = {2020},
}

@article{bad1,
  author = {Foo, Bar
  title = {Broken,
}

@book{good2,
  title = "Second",
  year = 2001
}

@misc{bad2 title = {x}}

@article{good1,
  title = {duplicate key}
}

@article{good3, title={Third}, title={again}}
@book{good4, title = {Last}}
"""


def test_malformed_entries_become_problems_and_the_rest_is_read():
    items, problems = read_bibtex(BROKEN, path="refs.bib")
    assert [(it["id"], it["title"]) for it in items] == [
        ("good1", "First"), ("good2", "Second"), ("good3", "Third"), ("good4", "Last")]
    assert [(p.file, p.line, p.code) for p in problems] == [
        ("refs.bib", 8, "bibtex-malformed"),
        ("refs.bib", 18, "bibtex-malformed"),
        ("refs.bib", 20, "bibtex-duplicate"),
        ("refs.bib", 24, "bibtex-duplicate-field"),
    ]
    assert "refs.bib:8" in str(problems[0])


def test_nothing_is_printed(capsys):
    read_bibtex(BROKEN)
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


@pytest.mark.parametrize("text", ["", "% only a comment\n", "no bib at all", "@comment{x}"])
def test_no_entries(text):
    assert read_bibtex(text)[0] == []


def test_long_hostile_line_is_handled():
    text = "@article{k, title = {" + "{a" * 2000 + "}" * 2000 + "}}\n@book{b, title={ok}}\n" + "x" * 1_000_000
    items, _ = read_bibtex(text)
    assert items[-1]["id"] == "b"


@pytest.mark.parametrize("unit", ["Müller & Ørsted: 50% of {U.S.} a_b ~x^ \\ çğš ", "A", "é "])
def test_huge_field_round_trips(unit):
    title = " ".join((unit * (30_000 // len(unit) + 1)).split())  # past the size where pylatexenc is skipped
    items, problems = read_bibtex(to_bibtex([{"id": "k", "title": title}]))
    assert problems == [] and items[0]["title"] == title


@pytest.mark.parametrize(
    "bib, custom",
    [
        ("@article{k, title = {T}, journal = {J}, year = {2020}}", None),
        ("@article{k, title = {T}, file = {a_b.pdf}, timestamp = {2020-01-01}}", {"bibtex-type": "article", "bibtex-fields": {"file": "a_b.pdf", "timestamp": "2020-01-01"}}),
        ("@manual{k, title = {T}}", {"bibtex-type": "manual"}),
        ("@inproceedings{k, booktitle = {B}, organization = {ACM}}", {"bibtex-type": "inproceedings", "bibtex-fields": {"organization": "ACM"}}),
        ("@article{k, year = {2020}, month = {Spring}}", {"bibtex-type": "article", "bibtex-fields": {"month": "Spring"}}),
        ("@article{k, address = {A}, location = {L}}", {"bibtex-type": "article", "bibtex-fields": {"location": "L"}}),
    ],
)
def test_fields_csl_has_no_place_for_are_kept_in_custom(bib, custom):
    items, problems = read_bibtex(bib)
    assert problems == []
    assert items[0].get("custom") == custom


def test_keywords_become_the_csl_keyword():
    items, _ = read_bibtex("@article{k, keywords = {a, b}, abstract = {x}}")
    assert items[0]["keyword"] == "a, b" and items[0]["abstract"] == "x"
