"""CSL-JSON export and import: a JSON array pandoc and Zotero read, and a lossless round trip."""

from __future__ import annotations

import json

import pytest

from citegraph.readwrite.csljson import csl_item, read_csljson, to_csljson

ITEMS = [
    {"id": "curranMedia2007", "type": "book", "title": "Media and cultural theory", "author": [{"family": "Curran", "given": "James"}],
     "publisher": "Routledge", "issued": {"date-parts": [[2007]]}, "custom": {"bibtex-fields": {"file": "a.pdf"}}},
    {"id": "gaoSocial2012a", "type": "article-journal", "title": "Ünïcödé & “quotes”", "author": [{"literal": "Pew Research Center"}],
     "issued": {"date-parts": [["2012a", "3"]]}, "DOI": "10.1/x_y", "_internal": 1, "note": ""},
]


def test_writes_a_json_array_keyed_by_citation_key():
    data = json.loads(to_csljson(ITEMS))
    assert [d["id"] for d in data] == ["curranMedia2007", "gaoSocial2012a"]
    assert data[1]["issued"] == {"date-parts": [[2012, 3]]} and data[1]["year-suffix"] == "a"
    assert "_internal" not in data[1] and "note" not in data[1]
    assert data[0]["custom"] == {"bibtex-fields": {"file": "a.pdf"}}
    assert "Ünïcödé" in to_csljson(ITEMS)  # UTF-8, not \\u escapes


def test_round_trip_is_lossless():
    items, problems = read_csljson(to_csljson(ITEMS))
    assert problems == []
    assert items == [csl_item(it) for it in ITEMS]
    again, _ = read_csljson(to_csljson(items))
    assert again == items


@pytest.mark.parametrize(
    "text, n_items, codes",
    [
        ('{"id": "a", "title": "One"}', 1, []),
        ('{"items": [{"id": "a"}, {"id": "b"}]}', 2, []),
        ('[{"title": "no id"}, 3, {"id": "item1"}]', 1, ["csljson-malformed", "csljson-duplicate"]),
        ("[not json", 0, ["csljson-malformed"]),
        ('"a string"', 0, ["csljson-malformed"]),
    ],
)
def test_reader_reports_what_it_cannot_read(text, n_items, codes):
    items, problems = read_csljson(text, "refs.json")
    assert len(items) == n_items
    assert [p.code for p in problems] == codes
    assert all(p.file == "refs.json" for p in problems)
    assert all(it["type"] for it in items)
