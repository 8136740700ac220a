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
