"""Citation keys: Better-BibTeX style, ASCII only, unique and independent of input order."""

from __future__ import annotations

import itertools
import re

import pytest

from citegraph.readwrite.keys import base_fields, base_key, citation_keys


def item(title="", family=None, literal=None, year=None, **extra):
    it = {"type": "article-journal", "title": title, **extra}
    if family:
        it["author"] = [{"family": family, "given": "X"}]
    if literal:
        it["author"] = [{"literal": literal}]
    if year:
        it["issued"] = {"date-parts": [[year]]}
    return it


@pytest.mark.parametrize(
    "it, key",
    [
        (item("Media and democracy", "Curran", year=2007), "curranMedia2007"),
        (item("The rise of TikTok", "Zhang", year=2021), "zhangRise2021"),
        (item("TikTok and the world", "Zhang", year=2021), "zhangTikTok2021"),
        (item("Über Öffentlichkeit", "Müller", year=2001), "mullerUber2001"),
        (item("Ørsted's law", "Łukasiewicz", year=1950), "lukasiewiczOrsted1950"),
        (item("The state of news media", literal="Pew Research Center", year=2025), "pewState2025"),
        (item("Apps urged to comply with rules", year=2025), "appsUrged2025"),
        (item("On the origin", "Darwin"), "darwinOrigin"),
        (item("抖音 TikTok 研究", "张", year=2020), "tiktok2020"),
        (item("抖音研究", "张", year=2020), "anon2020"),
        ({}, "anon"),
        (item("A study", "O'Brien-Smith", year=1999), "obriensmithStudy1999"),
        (item("x", "Berg", year=2010) | {"author": [{"family": "Berg", "non-dropping-particle": "van der"}]},
         "vanderbergX2010"),
        (item("Digital platforms", year=None) | {"issued": {"raw": "2019-05-01"}}, "digitalPlatforms2019"),
        (item("Books", year=None) | {"editor": [{"family": "Eco"}], "issued": {"date-parts": [["2004"]]}},
         "ecoBooks2004"),
    ],
)
def test_key_pattern(it, key):
    assert citation_keys([it]) == [key]


CLASHING = [
    item("Social media in China", "Gao", year=2012),
    item("Social networks and news", "Gao", year=2012),
    item("Social media in China", "Gao", year=2012, **{"container-title": "B Journal"}),
    item("Other", "Smith", year=2012),
]


def test_clashes_get_letters_in_title_order():
    keys = citation_keys(CLASHING)
    assert keys == ["gaoSocial2012a", "gaoSocial2012c", "gaoSocial2012b", "smithOther2012"]


@pytest.mark.parametrize("perm", list(itertools.permutations(range(len(CLASHING)))))
def test_keys_do_not_depend_on_input_order(perm):
    expected = dict(zip(map(id, CLASHING), citation_keys(CLASHING)))
    shuffled = [CLASHING[i] for i in perm]
    assert [expected[id(it)] for it in shuffled] == citation_keys(shuffled)


def test_many_clashes_stay_unique_and_ascii():
    items = [item(f"Study {i}", "Li", year=2020) for i in range(60)] + [item("", "张"), item("", "李")]
    keys = citation_keys(items)
    assert len(set(keys)) == len(keys)
    assert all(re.fullmatch(r"[A-Za-z0-9]+", k) for k in keys)


@pytest.mark.parametrize(
    "items, expected",
    [
        ([item("Media", "Curran", year=2007, **{"citation-key": "curran07"})], ["curran07"]),
        # a pinned key wins; a generated key that would equal it gets a suffix
        ([item("Media", "Curran", year=2007, **{"citation-key": "curranMedia2007"}), item("Media", "Curran", year=2007)],
         ["curranMedia2007", "curranMedia2007a"]),
        # two items pinning the same key: neither keeps it
        ([item("Apple", "Li", year=2020, **{"citation-key": "same"}), item("Berry", "Li", year=2020, **{"citation-key": "same"})],
         ["liApple2020", "liBerry2020"]),
        ([item("Media", "Curran", year=2007, **{"citation-key": "bad key{"})], ["curranMedia2007"]),
    ],
)
def test_pinned_keys(items, expected):
    assert citation_keys(items) == expected
    assert citation_keys(items[::-1]) == expected[::-1]


_ITEM = {"title": "Media and democracy", "author": [{"family": "Curran", "given": "James"}, {"family": "Seaton", "given": "Jean"}], "issued": {"date-parts": [[2007]]}, "container-title": "Journal A"}


@pytest.mark.parametrize(
    "change, same_fields",
    [
        ({"container-title": "Journal B"}, True),
        ({"author": [{"family": "Curran", "given": "James"}]}, True),  # co-authors do not make the key
        ({"page": "1-20"}, True),
        ({"title": "Democracy and media"}, False),
        ({"author": [{"family": "Curren", "given": "James"}]}, False),
        ({"issued": {"date-parts": [[2008]]}}, False),
        ({"author": [], "editor": [{"family": "Hall"}]}, False),
    ],
)
def test_base_fields_decide_the_base_key(change, same_fields):
    other = {**_ITEM, **change}
    assert (base_fields(other) == base_fields(_ITEM)) is same_fields
    if same_fields:
        assert base_key(other) == base_key(_ITEM)


def test_keys_from_known_base_keys_are_the_same():
    items = [
        _ITEM,
        {**_ITEM, "container-title": "Journal B", "title": "Media and democracy revisited"},
        {**_ITEM, "title": "Media, democracy", "citation-key": "pinned2000"},
        {"title": "Anonymous report", "issued": {"date-parts": [[2020]]}},
        {**_ITEM, "page": "3"},
    ]
    assert citation_keys(items, [base_key(i) for i in items]) == citation_keys(items)
