"""Grouping descriptions into works: undated descriptions, surname typos, and parts that stay apart."""

from __future__ import annotations

import random

import pytest

from citegraph.grouping import components, group_incremental, group_items, surname_neighbours


def item(family, given, year, title, container="Journal of Communication", **extra):
    csl = {"author": [{"family": family, "given": given}], "title": title, "container-title": container, **extra}
    if year is not None:
        csl["issued"] = {"date-parts": [[year]]}
    return csl


WORK = item("Curran", "James", 2007, "Media and cultural theory: power and the press")
# the same author's other works, one a year: an undated description must not be compared with all of them
OTHERS = [item("Curran", "J.", 1990 + k, f"Another study number {k} of press history", f"Press Review {k}") for k in range(8)]


def _together(items, a, b):
    groups, _ = group_items(items)
    return any(a in g and b in g for g in groups)


@pytest.mark.parametrize(
    "description, merged",
    [
        (item("Curran", "J.", None, "Media and cultural theory: power and the press"), True),
        (item("Curan", "J.", None, "Media and cultural theory: power and the press"), True),  # typo in the surname
        (item("Curran", "J.", None, "Media and cultural theory"), True),  # subtitle dropped
        (item("Curran", "J.", None, "Media and cultural theroy: power and the press", "J. Commun."), True),  # typo in the title, abbreviated journal
        (item("Curran", "J.", None, "Media and cultral theory"), True),  # subtitle dropped and a typo
        (item("Curran", "J.", None, "Media and cultural theory: power and the public"), False),  # a sibling: one word apart
        (item("Curran", "J.", None, "Media and political theory: power and the press"), False),
        (item("Curran", "P.", None, "Media and cultural change"), False),  # another first initial, another title
    ],
)
def test_an_undated_description_joins_its_work_and_no_other(description, merged):
    items = [WORK, *OTHERS, description]
    assert _together(items, 0, len(items) - 1) is merged
    assert not any(_together(items, len(items) - 1, k) for k in range(1, len(OTHERS) + 1))
    assert max(len(p) for p in components(items)) <= 2  # the author's other years stay parts of their own


@pytest.mark.parametrize(
    "a, b, merged",
    [
        # a typo in the surname and another in the title: met through the surname's one-letter deletions
        (item("Jenkins", "T.", 2025, "Culture influencers and the politics of cultural flows"), item("Jenkis", "T.", 2025, "Cunture influencers & the politics of cultural flows"), True),
        (item("Mitchell", "U.", 2022, "Beyond politics: news moderation and network"), item("Mitchel", "U.", 2022, "Beyond Politics: Nes Moderation & Network"), True),
        (item("Jenkins", "T.", 2025, "Culture influencers and the politics of cultural flows"), item("Jenkis", "T.", 2024, "Cunture influencers & the politics of cultural flows"), False),  # another year
        (item("Jenkins", "T.", 2025, "Culture influencers and the politics of cultural flows"), item("Jenkis", "T.", 2025, "Culture audiences and the politics of cultural flows"), False),  # a word apart
        (item("Li", "Z.", 2022, "Strategies behind TikTok's global rise"), item("Li", "Y.", 2022, "Strategies behind TikTok's global rise and fall"), False),
    ],
)
def test_two_dated_descriptions(a, b, merged):
    assert _together([a, b], 0, 1) is merged


@pytest.mark.parametrize(
    "descriptions, pairs",
    [
        ({"wang|2020": 5, "yang|2020": 4, "wamg|2020": 1}, [("wamg|2020", "wang|2020")]),  # two common names are two families
        ({"wang|2020": 5, "wamg|2021": 1}, []),  # another year
        ({"clark|2010": 1, "clarke|2010": 3, "li|2010": 1, "lu|2010": 1}, [("clarke|2010", "clark|2010")]),  # short names: no typo (pairs in string order)
        ({"hall|": 1, "hill|": 1}, [("hall|", "hill|")]),
    ],
)
def test_surname_neighbours(descriptions, pairs):
    assert surname_neighbours(descriptions) == pairs


class DictMemo(dict):
    def get(self, key, default=None):
        import marshal

        return marshal.loads(self[key]) if key in self else default

    def put(self, key, value):
        import marshal

        self[key] = marshal.dumps(value)


def _noisy(seed: int, n: int = 200) -> list[dict]:
    """Descriptions with typos in surnames and titles, undated ones, and authors with one-letter-apart surnames."""
    rnd = random.Random(seed)
    names = ["Wang", "Yang", "Jang", "Hall", "Hill", "Clark", "Clarke", "Jenkins"]
    words = ["media", "platforms", "culture", "news", "global", "audiences", "theory", "youth", "algorithms", "policy"]
    works = [item(rnd.choice(names), "A.", rnd.randint(2000, 2003), " ".join(rnd.sample(words, rnd.randint(3, 6))).capitalize()) for _ in range(40)]
    out = []
    for _ in range(n):
        csl = dict(rnd.choice(works))
        roll = rnd.random()
        if roll < 0.15:
            csl.pop("issued")
        elif roll < 0.3:
            fam = csl["author"][0]["family"]
            csl["author"] = [{"family": fam[:2] + fam[3:], "given": "A."}]  # a letter lost
        if rnd.random() < 0.2:
            csl["title"] = csl["title"].replace("e", "a", 1)
        out.append(csl)
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_parts_hold_every_group_and_the_memo_changes_nothing(seed):
    items = _noisy(seed)
    flags = [i % 17 == 0 for i in range(len(items))]
    part_of = {i: p for p, part in enumerate(components(items, flags)) for i in part}
    groups, same_as = group_items(items, flags)
    assert all(len({part_of[i] for i in g}) == 1 for g in groups)
    assert all(part_of[a] == part_of[b] for a, b in same_as)
    memo = DictMemo()
    assert group_incremental(items, flags, memo) == (groups, same_as)
    changed = list(items)
    changed[3] = {**changed[3], "author": [{"family": "Wangg", "given": "A."}]}
    assert group_incremental(changed, flags, memo) == group_items(changed, flags)
