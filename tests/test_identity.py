"""Work identity: what merges and what must never merge."""

from __future__ import annotations

import pytest

from citegraph.identity import container_match, first_author_key, fold, same_work


def item(family, given, year, title, suffix=""):
    d = {"author": [{"family": family, "given": given}], "issued": {"date-parts": [[year]]}, "title": title}
    if suffix:
        d["year-suffix"] = suffix
    return d


HU_REF = item("Hu", "J.", 2023, "The overseas social media platform and the improvement of China's international communication Ability—Taking TikTok as an example")
HU_DOC = item("Hu", "Junke", 2023, "The Overseas Social Media Platform and the Improvement of China's International Communication Ability—Taking TikTok as an Example")


@pytest.mark.parametrize(
    "a, b, same",
    [
        (HU_REF, HU_DOC, True),
        (item("Li", "Z.", 2022, "Strategies behind Tik Tok's global rise"), item("Li", "Y.", 2022, "Characteristics and strategies of international communication of social media platforms"), False),
        (item("Gao", "Q.", 2012, "A comparative study of users' microblogging behavior", "a"), item("Gao", "Q.", 2012, "A comparative study of users' microblogging behavior", "b"), False),
        (item("Curran", "J.", 2007, "Media and cultural theory"), item("Curran", "James", 2007, "Media and Cultural Theory"), True),
        (item("Curran", "J.", 2007, "Media and cultural theory"), item("Curran", "J.", 2008, "Media and cultural theory"), False),
        (item("Curran", "J.", 2007, "Media and cultural theory"), item("Curan", "J.", 2007, "Media and cultural theory"), True),  # a typo in the surname, same title
        (item("Smith", "A.", 2001, "Social media"), item("Smith", "B.", 2001, "Social media and society in the platform age"), False),
        (item("Li", "Z.", 2022, "Platforms & power"), item("Li", "", 2022, "PLATFORMS AND POWER"), True),  # "&"/"and", case, initials dropped
        (item("Flew", "T.", 2019, "Populism, globalisation and social media"), item("Flew", "T.", 2019, "Populism, globalisation and socail media"), True),
        (item("Flew", "T.", 2019, "Populism, globalisation and social media"), item("Flew", "T.", 2019, "Populism, globalisation and news media"), False),
        (item("Tone", "A.", 2018, "Beyond video: policy and platforms"), item("Tone", "A.", 2018, "Beyond video"), True),  # subtitle dropped
        (item("Li", "Y.", 2022, "Strategies of platforms"), item("Li", "Z.", 2022, "Strategies of platforms"), True),  # same title: initial misread
        (item("Li", "Y.", 2022, "Strategies of platforms abroad"), item("Li", "Z.", 2022, "Strategies of platforms at home"), False),
        (item("Lu", "Y.", 2022, "Strategies of platforms"), item("Li", "Y.", 2022, "Strategies of platforms"), False),  # short surnames: no typo allowed
        ({**item("Kaye", "D.", 2023, "Cross-platform"), "DOI": "10.1/abc"}, {**item("Kaye", "D.", 2023, "Cross platform creativity"), "DOI": "https://doi.org/10.1/ABC"}, True),
        ({**item("Kaye", "D.", 2023, "Cross-platform"), "DOI": "10.1/abc"}, {**item("Kaye", "D.", 2023, "Cross-platform"), "DOI": "10.1/abd"}, False),
        ({**item("Chen", "G.", 2012, "New media"), "container-title": "China Media Research", "page": "1-10"}, {**item("Chen", "G.", 2012, "New media"), "container-title": "Journal of Communication", "page": "200-230"}, False),
    ],
)
def test_same_work(a, b, same):
    assert same_work(a, b) is same
    assert same_work(b, a) is same


@pytest.mark.parametrize(
    "csl, key",
    [
        ({"author": [{"family": "van Dijck", "given": "J."}]}, "vandijck"),
        ({"author": [{"literal": "Pew Research Center"}]}, "pew"),
        ({"title": "Tik Tok, a global music video platform"}, "tik"),
        ({"author": [{"family": "Müller", "given": "K."}]}, "muller"),
    ],
)
def test_first_author_key(csl, key):
    assert first_author_key(csl) == key


def test_fold():
    assert fold("Ability—Taking  TikTok's É") == "ability taking tiktok s e"


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Journal of Communication", "J. Commun.", True),
        ("Journal of Computer-Mediated Communication", "J. Comput.-Mediat. Commun.", True),
        ("Media, Culture & Society", "Media Culture and Society", True),
        ("Journal of Communication", "Communication Research", False),
        ("", "Anything", None),
    ],
)
def test_container_match(a, b, same):
    assert container_match(a, b) is same
