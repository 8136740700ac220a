import pytest

from citegraph.names import display_name, split_name


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Qiyue Miao", {"family": "Miao", "given": "Qiyue"}),
        ("Fan Feifei", {"family": "Fan", "given": "Feifei"}),
        ("Zhu Keli", {"family": "Zhu", "given": "Keli"}),
        ("Ludwig van Beethoven", {"family": "van Beethoven", "given": "Ludwig"}),
        ("Hu, J.", {"family": "Hu", "given": "J."}),
        ("Plato", {"family": "Plato"}),
    ],
)
def test_split_name(name, expected):
    assert split_name(name) == expected


@pytest.mark.parametrize(
    "csl, expected",
    [({"family": "Liu", "given": "G. L."}, "Liu, G. L."), ({"literal": "Statista"}, "Statista"), ({"family": "Li", "given": "Tian-Jun"}, "Li, T. J.")],
)
def test_display_name(csl, expected):
    assert display_name(csl) == expected
