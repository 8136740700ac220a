import pytest

from citegraph.csl import issued_year, year_label


@pytest.mark.parametrize(
    "csl, year, label",
    [
        ({"issued": {"date-parts": [[2012]]}, "year-suffix": "a"}, "2012", "2012a"),
        ({"issued": {"date-parts": [["2019", 3]]}}, "2019", "2019"),
        ({"issued": {"raw": "Spring 2020"}}, "2020", "2020"),
        ({"issued": {"literal": "n.d."}}, "", ""),
        ({"issued": {"date-parts": [[]]}}, "", ""),
        ({}, "", ""),
        ({"issued": "2020"}, "", ""),
    ],
)
def test_years(csl, year, label):
    assert issued_year(csl) == year
    assert year_label(csl) == label


@pytest.mark.parametrize(
    "label, expected",
    [("Bar-Yam 2004b", ("Bar-Yam", "2004", "b")), ("Smith et al. 2010", ("Smith", "2010", "")), ("Flack and Krakauer, 2011", ("Flack", "2011", "")), ("12", None), ("3a", None), (None, None), ("Bais", None)],
)
def test_author_year_label(label, expected):
    from citegraph.csl import author_year_label

    assert author_year_label(label) == expected
