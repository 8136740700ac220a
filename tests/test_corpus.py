"""The corpus stage on hand-made extractions: merging works, excerpts, stable keys."""

from __future__ import annotations

import pytest

from citegraph.corpus import build_corpus, detect_excerpts, group_items, work_label
from citegraph.model import Citation, CiteKey, Document, Extraction, Reference, Span

BODY = (
    "Platforms grow by localisation and by content that travels across borders and languages. "
    "Scholars have long argued that media flows are not one way but many ways at once. "
    "This paper compares two platforms and the strategies that made them popular abroad. "
)


def ext(doc_id, refs=(), text=BODY * 3, csl=None, kind="paper"):
    csl = csl or {"title": f"Title of {doc_id}", "author": [{"family": doc_id.title(), "given": "A."}], "issued": {"date-parts": [[2020]]}}
    references = tuple(
        Reference(id=f"{doc_id}:{n}", raw="", csl={**c, "id": f"{doc_id}:{n}"}, source=Span(doc_id, n)) for n, c in enumerate(refs, 1)
    )
    return Extraction(path=f"{doc_id}.txt", raw_lines=("x",), text=text, document=Document(doc_id, f"{doc_id}.txt", kind, {"id": doc_id, **csl}), references=references)


CURRAN = {"author": [{"family": "Curran", "given": "J."}], "issued": {"date-parts": [[2007]]}, "title": "Media and cultural theory"}
LI_Z = {"author": [{"family": "Li", "given": "Z."}], "issued": {"date-parts": [[2022]]}, "title": "Strategies behind Tik Tok's global rise"}
LI_Y = {"author": [{"family": "Li", "given": "Y."}], "issued": {"date-parts": [[2022]]}, "title": "Characteristics and strategies of international communication"}


def test_same_work_cited_by_two_documents_is_one_work():
    a = ext("alpha", [CURRAN, LI_Z], text=BODY)
    b = ext("beta", [{**CURRAN, "title": "Media and Cultural Theory", "publisher": "Routledge"}, LI_Y], text="Completely different words here about other things entirely. " * 5)
    corpus = build_corpus([a, b])
    assert corpus.ref_work["alpha:1"] == corpus.ref_work["beta:1"]
    assert corpus.ref_work["alpha:2"] != corpus.ref_work["beta:2"]  # Li, Z. 2022 and Li, Y. 2022 stay two works
    curran = next(w for w in corpus.works if w.node == corpus.ref_work["alpha:1"])
    assert curran.csl["publisher"] == "Routledge"  # gaps filled from the other description


def test_corpus_document_is_the_work_that_references_cite():
    hu_csl = {"title": "The overseas social media platform and TikTok", "author": [{"family": "Hu", "given": "Junke"}], "issued": {"date-parts": [[2023]]}}
    hu = ext("hu", csl=hu_csl, text="Totally separate prose about communication ability and its growth abroad. " * 4)
    miao = ext("miao", [{**hu_csl, "author": [{"family": "Hu", "given": "J."}, {"family": "Liang", "given": "R."}]}])
    corpus = build_corpus([hu, miao])
    assert corpus.ref_work["miao:1"] == "doc:hu"


def test_excerpt_detected_and_relinked_to_parent():
    parent = ext("parent", [CURRAN], text="Intro words. " + BODY * 4 + " as argued (Curran, 2007).")
    cit = Citation("Curran, 2007", CiteKey(("Curran",), year="2007"), "as argued (Curran, 2007).", Span("ex.txt", 3))
    child = ext("child", text=BODY * 2)
    from dataclasses import replace

    child = replace(child, citations=(cit,))
    assert detect_excerpts([parent, child]) == {"child": "parent"}
    corpus = build_corpus([parent, child])
    ex = next(x for x in corpus.extractions if x.document.id == "child")
    assert ex.document.kind == "excerpt"
    assert ex.citations[0].status == "resolved" and ex.citations[0].references == ("parent:1",)


def test_keys_are_stable_whatever_the_input_order():
    a = ext("alpha", [CURRAN, LI_Z, LI_Y], text="One. " * 30)
    b = ext("beta", [LI_Y, CURRAN], text="Two. " * 30)
    k1 = sorted(w.key for w in build_corpus([a, b]).works)
    k2 = sorted(w.key for w in build_corpus([b, a]).works)
    assert k1 == k2
    assert len(set(k1)) == len(k1)


def test_work_label():
    assert work_label(CURRAN) == "Curran 2007"
    assert work_label({"author": [{"family": "Su"}, {"family": "Kaye"}], "issued": {"date-parts": [[2023]]}}) == "Su & Kaye 2023"
    assert work_label({"author": [{"family": "Gao"}, {"family": "Abel"}, {"family": "Yu"}], "issued": {"date-parts": [[2012]]}, "year-suffix": "a"}) == "Gao et al. 2012a"


def test_two_documents_of_one_work_are_same_as_not_merged():
    csl = {"title": "Platforms abroad and at home", "author": [{"family": "Hu", "given": "J."}], "issued": {"date-parts": [[2023]]}}
    a = ext("hu-preprint", csl=csl, text="First wording of the argument about platforms and their users. " * 4)
    b = ext("hu-article", csl={**csl, "container-title": "Journal of Communication"}, text="Entirely rewritten prose in the published article version here. " * 4)
    citing = ext("citing", [csl], text="Nothing in common with either of the two other texts at all. " * 4)
    corpus = build_corpus([a, b, citing])
    assert corpus.same_as == {"hu-preprint": "hu-article"} or corpus.same_as == {"hu-article": "hu-preprint"}
    assert corpus.ref_work["citing:1"] in ("doc:hu-preprint", "doc:hu-article")
    assert {w.node for w in corpus.works} >= {"doc:hu-preprint", "doc:hu-article"}


def test_excerpt_detection_ignores_boilerplate_shared_by_many_documents():
    import random

    rng = random.Random(3)
    words = "platform media users global local video market growth policy trust data news".split()
    boiler = "This article is published under an open licence and may be shared with attribution to its authors. "
    docs = [ext(f"d{i}", text=boiler * 2 + " ".join(rng.choice(words) for _ in range(300))) for i in range(60)]
    assert detect_excerpts(docs) == {}
    part = docs[5].text[len(boiler) * 2 :][:900]
    docs.append(ext("piece", text=part))
    assert detect_excerpts(docs) == {"piece": "d5"}


@pytest.mark.parametrize(
    "variants, groups",
    [
        ([CURRAN, {**CURRAN, "title": "Media & Cultural Theory"}, {**CURRAN, "author": [{"family": "Curran"}]}], 1),
        ([LI_Z, LI_Y], 2),
        ([{**CURRAN, "year-suffix": "a"}, {**CURRAN, "year-suffix": "b"}], 2),
        # a short title must not chain two different works into one
        ([{**CURRAN, "title": "Beyond media: trust and policy"}, {**CURRAN, "title": "Beyond media"}, {**CURRAN, "title": "Beyond media: visibility of news"}], 2),
    ],
)
def test_group_items(variants, groups):
    assert len(group_items(variants)[0]) == groups


class DictMemo(dict):
    """A memo kept in a dict, like the cache does (values round-tripped through marshal)."""

    def get(self, key, default=None):
        import marshal

        return marshal.loads(self[key]) if key in self else default

    def put(self, key, value):
        import marshal

        self[key] = marshal.dumps(value)


def _corpus_sample():
    a = ext("alpha", [dict(CURRAN), dict(LI_Z)], text=BODY)
    b = ext("beta", [{**CURRAN, "title": "Media and Cultural Theory"}, dict(LI_Y)], text="Completely different words here about other things entirely. " * 5)
    return [a, b]


def test_remembered_merge_equals_a_fresh_one(monkeypatch):
    import citegraph.corpus as corpus_mod

    memo = DictMemo()
    fresh = build_corpus(_corpus_sample(), memo)
    assert memo
    monkeypatch.setattr(corpus_mod, "group_items", lambda *a, **k: pytest.fail("grouping should come from the memo"))
    monkeypatch.setattr(corpus_mod, "_merge_csl", lambda *a, **k: pytest.fail("merged items should come from the memo"))
    again = build_corpus(_corpus_sample(), memo)  # equal values built anew: same digests
    assert again == fresh


def test_a_memo_entry_that_does_not_fit_is_ignored():
    memo = DictMemo()
    fresh = build_corpus(_corpus_sample(), memo)
    for key in list(memo):
        if key != "shingles":
            memo.put(key, ([[0]], [], ["x"]))  # not a partition of these candidates
    assert build_corpus(_corpus_sample(), memo) == fresh


def _noisy_items(seed, n=240):
    """CSL items with shared authors, years, undated variants and title typos: parts that chain through undated items."""
    import random

    rnd = random.Random(seed)
    authors = [("Habermas", "J."), ("Turner", "G."), ("Li", "Z."), ("Li", "Y."), ("Xu", "M."), ("Brown", "A.")]
    words = ["media", "platforms", "culture", "news", "global", "audiences", "theory", "youth", "algorithms", "policy"]
    works = []
    for k in range(40):
        fam, given = rnd.choice(authors)
        title = " ".join(rnd.sample(words, rnd.randint(2, 6))).capitalize()
        works.append({"author": [{"family": fam, "given": given}], "issued": {"date-parts": [[rnd.randint(2000, 2004)]]}, "title": title, "container-title": rnd.choice(["Journal A", "Journal B", ""])})
    items, flags = [], []
    for _ in range(n):
        csl = dict(rnd.choice(works))
        roll = rnd.random()
        if roll < 0.15:
            csl.pop("issued")  # undated: compared with every year of its author
        elif roll < 0.3:
            csl["title"] = csl["title"].replace("a", "e", 1)  # a typo
        elif roll < 0.4:
            csl["author"] = [{"family": csl["author"][0]["family"]}]  # initial dropped
        items.append(csl)
        flags.append(rnd.random() < 0.05)
    return items, flags


def _edited(items, seed):
    import random

    rnd = random.Random(seed)
    out = list(items)
    for _ in range(3):
        i = rnd.randrange(len(out))
        out[i] = {**out[i], "title": out[i]["title"] + " and a sentence added"} if rnd.random() < 0.5 else {k: v for k, v in out[i].items() if k != "issued"}
    return out


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_incremental_grouping_equals_grouping_from_scratch(seed):
    from citegraph.grouping import group_incremental

    items, flags = _noisy_items(seed)
    memo = DictMemo()
    assert group_incremental(items, flags, memo) == group_items(items, flags)  # nothing known yet
    assert group_incremental(items, flags, memo) == group_items(items, flags)  # everything known
    changed = _edited(items, seed)
    assert group_incremental(changed, flags, memo) == group_items(changed, flags)  # only the parts that changed regrouped
    assert group_incremental(items, flags, memo) == group_items(items, flags)  # and back


@pytest.mark.parametrize("seed", [5, 6])
def test_items_of_different_parts_are_never_grouped_together(seed):
    from citegraph.grouping import components

    items, flags = _noisy_items(seed)
    part_of = {i: p for p, part in enumerate(components(items, flags)) for i in part}
    groups, same_as = group_items(items, flags)
    assert all(len({part_of[i] for i in g}) == 1 for g in groups)
    assert all(part_of[a] == part_of[b] for a, b in same_as)
    assert len(set(part_of.values())) > 1


@pytest.mark.parametrize("garbage", [([[0]], [], ["x"]), {"a": 1}, {"0" * 32: ("not", "features")}, None, "text"])
def test_incremental_grouping_ignores_memo_entries_that_do_not_fit(garbage):
    from citegraph.grouping import group_incremental

    items, flags = _noisy_items(7, 80)
    memo = DictMemo()
    group_incremental(items, flags, memo)
    for key in list(memo):
        memo.put(key, garbage)
    assert group_incremental(items, flags, memo) == group_items(items, flags)


def test_a_corpus_merged_with_a_memo_after_a_change_equals_a_fresh_one():
    memo = DictMemo()
    build_corpus(_corpus_sample(), memo)
    a, b = _corpus_sample()
    b = ext("beta", [{**CURRAN, "title": "Media and Cultural Theory", "note": "seen"}, {k: v for k, v in LI_Y.items() if k != "issued"}], text=b.text)
    assert build_corpus([a, b], memo) == build_corpus([a, b])


def _item(title: str, year: int | None, container: str = "Journal of Communication") -> dict:
    csl = {"author": [{"family": "Curran", "given": "James"}], "title": title, "container-title": container}
    if year is not None:
        csl["issued"] = {"date-parts": [[year]]}
    return csl


@pytest.mark.parametrize(
    "undated, merges",
    [
        (_item("Media and cultural theory", None), True),
        (_item("Media and cultural theroy", None, "J. Commun."), True),  # a title typo: met on a group of title words the typo leaves intact
        (_item("Media and Cultural Theory: a reader", None, ""), True),  # the subtitle: met on the first title words
        (_item("Power without responsibility", None), False),
    ],
)
def test_an_undated_reference_meets_its_work_but_does_not_chain_the_author(undated, merges):
    from citegraph.grouping import components, group_items

    items = [_item("Media and cultural theory", 2007)] + [_item(f"Another study number {k} of press history", 1990 + k, f"Press Review {k}") for k in range(6)] + [undated]
    groups, _ = group_items(items)
    assert any(0 in g and len(items) - 1 in g for g in groups) is merges
    assert max(len(p) for p in components(items)) <= 2  # the author's other years stay parts of their own
