"""Work identity: what merges and what must never merge."""

from __future__ import annotations

import pytest

from citegraph.identity import container_match, first_author_key, fold, same_work, surname_variants, undated_keys


def item(family, given, year, title, suffix=""):
    d = {"author": [{"family": family, "given": given}], "title": title}
    if year is not None:
        d["issued"] = {"date-parts": [[year]]}
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
        # the subtitle dropped and a typo in what is left
        (item("Taylor", "R.", 2004, "Economy, creators and trust: a study of flows"), item("Taylor", "Rosa", 2004, "Economsy, creators and trust"), True),
        (item("Yamamoto", "M.", 1998, "Beyond commerce: infrastructure, trust and networks"), item("Yamamoto", "M.", 1998, "Byeond commerce"), True),
        (item("Tone", "A.", 2018, "Beyond video: policy and platforms"), item("Tone", "A.", 2018, "Beyond audio"), False),  # another main title
        # an undated description of the work, and of other works
        (item("Curran", "J.", 2007, "Media and cultural theory"), item("Curran", "James", None, "Media and Cultural Theory"), True),
        (item("Curran", "J.", 2007, "Media and cultural theory: a reader"), item("Curran", "J.", None, "Media and cultural theroy"), True),
        (item("Flew", "T.", 2019, "Populism, globalisation and social media"), item("Flew", "T.", None, "Populism, globalisation and news media"), False),  # a sibling, one word apart
        (item("Li", "Z.", 2022, "Strategies behind Tik Tok's global rise"), item("Li", "Y.", None, "Characteristics and strategies of international communication"), False),
        (item("Li", "Y.", 2022, "Strategies of platforms abroad"), item("Li", "Z.", None, "Strategies of platforms at home"), False),
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


@pytest.mark.parametrize(
    "surname, variants",
    [
        ("li", ()),  # too short for a typo
        ("sun", ("sun",)),
        ("wang", ("wang", "ang", "wng", "wag", "wan")),
        ("hall", ("hall", "all", "hll", "hal")),
    ],
)
def test_surname_variants(surname, variants):
    assert surname_variants(surname) == variants


def _typo(title: str, position: int) -> str:
    words = title.split()
    w = words[position]
    words[position] = w[0] + w[2] + w[1] + w[3:]  # two letters swapped
    return " ".join(words)


_TITLES = ["Platform governance now", "Media cultures and global platforms", "Understanding creators labour on short video apps"]


@pytest.mark.parametrize("title, position", [(t, i) for t in _TITLES for i in range(len(t.split())) if t.split()[i].lower() not in {"and", "on"}])
def test_an_undated_description_with_a_typo_in_one_title_word_shares_a_key_with_the_work(title, position):
    dated = item("Curran", "J.", 2007, title)
    undated = item("Curran", "J.", None, _typo(title, position))
    assert set(undated_keys(dated)) & set(undated_keys(undated))


@pytest.mark.parametrize(
    "dated, undated, shared",
    [
        (item("Lopez", "A.", 2001, "Mapping flows of network misinformation"), item("Lopze", "A.", None, "Mapping flows of network misinformation"), True),  # typo in the surname
        (item("Tone", "A.", 2018, "Beyond video: policy and platforms"), item("Tone", "A.", None, "Beyond video"), True),  # subtitle dropped
        (item("Tone", "A.", 2018, "Beyond video: policy and platforms"), item("Tone", "A.", 2011, "Listening to radio in the age of podcasts"), False),
        (item("Tone", "A.", 2018, "Mapping flows of network misinformation"), item("Kaye", "D.", None, "Counting the audiences of television"), False),
    ],
)
def test_undated_keys(dated, undated, shared):
    assert bool(set(undated_keys(dated)) & set(undated_keys(undated))) is shared
