"""RIS export and import: tags, types, names, pages, and a round trip."""

from __future__ import annotations

import pytest

from citegraph.readwrite.ris import read_ris, to_ris

ITEMS = [
    {"id": "curranMedia2007", "type": "article-journal", "title": "Media and democracy",
     "author": [{"family": "Curran", "given": "James"}, {"family": "Cruz", "given": "Juan", "suffix": "Jr."}],
     "container-title": "Journal of Communication", "issued": {"date-parts": [[2007, 3, 8]]}, "volume": "57", "issue": "2",
     "page": "12-34", "DOI": "10.1111/x_1", "URL": "https://ex.org/a?b=1&c=2", "publisher": "Wiley", "keyword": "media, democracy"},
    {"id": "pewState2025", "type": "report", "title": "State of the news media", "author": [{"literal": "Pew Research Center"}],
     "issued": {"date-parts": [[2025]]}, "publisher": "Pew", "publisher-place": "Washington, DC", "abstract": "Line one\nline two"},
    {"id": "huTikTok2023", "type": "chapter", "title": "TikTok", "author": [{"family": "Hu", "given": "Yong"}],
     "editor": [{"family": "Berg", "given": "Anna"}], "container-title": "Handbook", "collection-title": "Series", "page": "7",
     "ISBN": "978-0-415-31705-4", "issued": {"literal": "in press"}},
]


@pytest.mark.parametrize(
    "key, line",
    [
        ("curranMedia2007", "TY  - JOUR"),
        ("curranMedia2007", "AU  - Curran, James"),
        ("curranMedia2007", "AU  - Cruz, Juan, Jr."),
        ("curranMedia2007", "PY  - 2007"),
        ("curranMedia2007", "DA  - 2007/03/08/"),
        ("curranMedia2007", "T2  - Journal of Communication"),
        ("curranMedia2007", "SP  - 12"),
        ("curranMedia2007", "EP  - 34"),
        ("curranMedia2007", "DO  - 10.1111/x_1"),
        ("curranMedia2007", "KW  - democracy"),
        ("pewState2025", "TY  - RPRT"),
        ("pewState2025", "AU  - Pew Research Center"),
        ("pewState2025", "AB  - Line one line two"),
        ("huTikTok2023", "TY  - CHAP"),
        ("huTikTok2023", "A2  - Berg, Anna"),
        ("huTikTok2023", "SN  - 978-0-415-31705-4"),
        ("huTikTok2023", "PY  - in press"),
    ],
)
def test_lines(key, line):
    text = to_ris(ITEMS)
    record = next(r for r in text.split("\n\n") if f"ID  - {key}" in r)
    assert line in record.splitlines()
    assert record.startswith("TY  - ") and record.rstrip().endswith("ER  -")


def test_round_trip():
    back, problems = read_ris(to_ris(ITEMS))
    assert problems == []
    assert [b["id"] for b in back] == [it["id"] for it in ITEMS]
    for it, b in zip(ITEMS, back):
        for field in ("type", "title", "author", "editor", "container-title", "issued", "volume", "issue", "page", "DOI", "URL",
                      "publisher", "publisher-place", "keyword", "ISBN", "collection-title"):
            assert b.get(field) == it.get(field), field
    assert back[1]["abstract"] == "Line one line two"


@pytest.mark.parametrize(
    "text, n, codes",
    [
        ("TY  - JOUR\nTI  - A\nER  - \n", 1, []),
        ("TY  - JOUR\nTI  - A long\n  wrapped title\nER  -\n", 1, []),
        ("TI  - orphan\nTY  - BOOK\nER  -\n", 1, ["ris-malformed"]),
        ("TY  - JOUR\nTI  - A\nTY  - BOOK\nTI  - B\nER  -\n", 2, ["ris-malformed"]),
        ("TY  - JOUR\nTI  - A\n", 1, ["ris-malformed"]),
        ("\ufeffTY  - XYZ\nER  -\n", 1, []),
    ],
)
def test_reader_tolerates_and_reports(text, n, codes):
    items, problems = read_ris(text, "x.ris")
    assert len(items) == n
    assert [p.code for p in problems] == codes
    if "wrapped" in text:
        assert items[0]["title"] == "A long wrapped title"
    if "XYZ" in text:
        assert items[0]["type"] == "document"


def test_hostile_line_is_fast_and_kept():
    text = "TY  - JOUR\nAB  - " + "x" * 1_000_000 + "\nER  -\n"
    items, problems = read_ris(text)
    assert problems == [] and len(items[0]["abstract"]) == 1_000_000
