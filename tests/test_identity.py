"""Work identity: what merges and what must never merge."""

from __future__ import annotations

import pytest

from citegraph.identity import first_author_key, fold, same_work


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
        (item("Curran", "J.", 2007, "Media and cultural theory"), item("Curan", "J.", 2007, "Media and cultural theory"), False),
        (item("Smith", "A.", 2001, "Social media"), item("Smith", "B.", 2001, "Social media and society in the platform age"), False),
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
