"""A build from per-document values (:mod:`citegraph.corpusbuild`): a cached build equals an uncached one.

A generated corpus of ~20 papers and news articles is edited step by step
(seeded random edits: sentences, citations, references, documents added,
removed, duplicated as excerpts or as a second version of the same work, a
.bib file added); after every edit the build that kept its cache across the
edits must give the same node-link JSON and summary as a build from fresh
extractions with nothing cached, and its graph, page graph and rows must
agree with each other.
"""

from __future__ import annotations

import os
import random
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from citegraph import corpusbuild
from citegraph.api import _CacheMemo, collect_files
from citegraph.batch import extract_all
from citegraph.cache import DB_NAME, Cache
from citegraph.corpus import Merged, build_corpus
from citegraph.corpusbuild import assemble_corpus, from_extractions, graph_of, page_graph
from citegraph.graph import build_graph
from citegraph.readwrite.nodelink import assemble, to_json
from citegraph.resources import Resources
from citegraph.views import fold_claims

RES = Resources()

SURNAMES = ["Curran", "Li", "Chen", "Flew", "Tone", "Boffone", "Kaye", "Abidin", "Burgess", "Poell", "Zhao", "Nieborg"]
PLATFORMS = ["TikTok", "Douyin", "YouTube", "WeChat", "Kuaishou", "Instagram"]
TOPICS = ["creator labour", "algorithmic curation", "platform governance", "cross-border streaming", "short video markets", "live commerce", "fan communities", "news distribution"]
FIRST = ["Alice", "Bruno", "Chiara", "Dmitri", "Elena", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Karin", "Luca", "Mira", "Nadia", "Oskar", "Priya"]
LAST = ["Hartmann", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Varga", "Novak", "Silva", "Brennan", "Kowalski", "Fischer", "Duarte", "Haddad", "Ivanova", "Jensen", "Keller"]
WORDS = (
    "audiences creators markets policy labour algorithms visibility income trust youth music brands advertisers regulators "
    "archives memes formats genres cities villages migrants students workers families editors moderators startups investors "
    "attention culture identity language humour ritual reach growth decline conflict dialogue exchange circulation"
).split()
VERBS = ["shape", "reward", "constrain", "reorganise", "amplify", "silence", "connect", "divide", "monetise", "translate"]
SPEAKERS = [("Zhu Keli", "founding director of the China Institute of New Economy"), ("Jiang Han", "a senior analyst at market consultancy Pangoal"), ("Zhou Mi", "a researcher at the Chinese Academy of International Trade")]


def _year(surname: str) -> int:
    return 2000 + SURNAMES.index(surname)


def _entry(surname: str, title: str = "") -> str:
    return f"{surname}, A. ({_year(surname)}). {title or f'On platforms and media {surname.lower()}'}. Journal of Communication, 4(2), 1-9."


def _cite(*surnames: str) -> str:
    return "(" + "; ".join(f"{s}, {_year(s)}" for s in surnames) + ")"


def _sentence(rng: random.Random, n: int, cites: tuple[str, ...] = ()) -> str:
    words = rng.sample(WORDS, rng.randint(6, 9))
    plat = f" on {rng.choice(PLATFORMS)}" if rng.random() < 0.4 else ""
    tail = f" {_cite(*cites)}" if cites else ""
    return f"In case {n} the {words[0]} and {words[1]} {rng.choice(VERBS)} {' '.join(words[2:])}{plat}{tail}."


def _body(rng: random.Random, n: int, refs: list[str]) -> list[str]:
    out = [_sentence(rng, n, (s,)) for s in refs]
    out += [_sentence(rng, n) for _ in range(rng.randint(2, 4))]
    if len(refs) >= 2:
        out.append(_sentence(rng, n, (refs[0], refs[-1])))
    rng.shuffle(out)
    return out


def _header(n: int) -> str:
    topic, plat = TOPICS[n % len(TOPICS)], PLATFORMS[n % len(PLATFORMS)]
    title = f"{topic.capitalize()} on {plat}: evidence from case {n}" if n % 2 else f"A study of {topic} in setting number {n}"
    return f"# {title}\n\n{FIRST[n % len(FIRST)]} {LAST[n % len(LAST)]}\n\n"


def paper(n: int, rng: random.Random) -> str:
    """A paper with a title (every other one naming a platform), one author, cited sentences and a reference list."""
    refs = rng.sample(SURNAMES, rng.randint(2, 4))
    entries = "\n".join(_entry(s) for s in refs)
    return _header(n) + "## Introduction\n\n" + " ".join(_body(rng, n, refs)) + f"\n\n## References\n\n{entries}\n"


def news(n: int, rng: random.Random) -> str:
    """A news article: byline, platforms mentioned, a named speaker quoted twice."""
    plat, other = PLATFORMS[n % len(PLATFORMS)], PLATFORMS[(n + 2) % len(PLATFORMS)]
    who, role = SPEAKERS[n % len(SPEAKERS)]
    title = f"Users of {plat} move to new apps in market {n}" if n % 2 else f"Apps urged to improve services in market {n}"
    return (
        f"{title}\n\n2025-01-{10 + n % 18:02d} 10:55:14Source: China DailyAuthor: {FIRST[(n + 5) % len(FIRST)]} {LAST[(n + 7) % len(LAST)]}\n\n"
        f"Users of {plat} are moving to {other} in market number {n}, industry experts said.\n\n"
        f"{who}, {role}, said that {other} and its rivals in market {n} must adapt their content to local laws.\n\n"
        f'"These companies should adopt localized strategies for {plat} in market {n}," {who.split()[0]} said.\n\n'
        + " ".join(_sentence(rng, n) for _ in range(3))
        + "\n"
    )


def bib(surnames: list[str]) -> str:
    """A .bib file listing the works the papers cite (as the papers describe them)."""
    return "\n".join(
        f"@article{{{s.lower()}{_year(s)}, author = {{{s}, A.}}, title = {{On platforms and media {s.lower()}}}, "
        f"journal = {{Journal of Communication}}, year = {{{_year(s)}}}, volume = {{4}}, number = {{2}}, pages = {{1-9}}}}\n"
        for s in surnames
    )


class Folder:
    """A corpus folder whose every write gets a new modification time (so a same-size edit is never taken for unchanged)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.root.mkdir(parents=True, exist_ok=True)
        self.stamp = 1_700_000_000 * 10**9

    def write(self, name: str, text: str) -> None:
        path = self.root / name
        path.write_text(text, encoding="utf-8")
        self.stamp += 10**9
        os.utime(path, ns=(self.stamp, self.stamp))

    def read(self, name: str) -> str:
        return (self.root / name).read_text(encoding="utf-8")

    def remove(self, name: str) -> None:
        (self.root / name).unlink()

    def names(self, suffix: str = "") -> list[str]:
        return sorted(p.name for p in self.root.iterdir() if p.name.endswith(suffix))


def make_corpus(root: Path, seed: int, papers: int = 16, articles: int = 4) -> Folder:
    rng = random.Random(seed)
    folder = Folder(root)
    for n in range(papers):
        folder.write(f"paper{n:02d}.md", paper(n, rng))
    for n in range(articles):
        folder.write(f"news{n:02d}.txt", news(100 + n, rng))
    return folder


# --- the builds compared ---------------------------------------------------------------------------------------------


def text_of(built: corpusbuild.Built) -> str:
    """The node-link JSON a build writes (as :mod:`citegraph.api` assembles it from the rows)."""
    text = assemble(built.graph_facts, [r[11] for r in built.node_rows()], [r[3] for r in built.edge_rows()])
    assert built.text() == text  # the text from the documents' joined lines is the text of the rows
    return text


def cached_build(folder: Folder, cache_dir: Path) -> corpusbuild.Built:
    files, problems = collect_files([str(folder.root)])
    cache = Cache(cache_dir)
    try:
        return assemble_corpus(files, RES, cache, problems, 1, _CacheMemo(cache))
    finally:
        cache.close()


_EXTRACTED: dict[tuple[str, bytes], Any] = {}


def _extract(files: list[str]) -> list[Any]:
    """Fresh extractions, nothing cached on disk (kept here by path and content only: extraction is a pure function of both)."""
    out = []
    for f in files:
        key = (f, Path(f).read_bytes())
        if key not in _EXTRACTED:
            _EXTRACTED[key] = extract_all([f], RES, None, 1)[0]
        out.append(_EXTRACTED[key])
    return out


def uncached(folder: Folder, via_graph: bool = False) -> tuple[corpusbuild.Built, str | None]:
    """A build from fresh extractions, nothing cached: the Built (as api does without a cache) and, if asked, build_graph's JSON."""
    files, problems = collect_files([str(folder.root)])
    assert problems == []
    corpus = build_corpus(_extract(files))
    own = sum(len(x.problems) for x in corpus.extractions)
    left_out = corpus.problems[: len(corpus.problems) - own]  # files left out of the corpus (two of one name), as api passes them
    built = from_extractions(corpus.extractions, Merged(corpus.works, corpus.ref_work, corpus.same_as), corpus.excerpt_of, RES.gazetteer, left_out)
    return built, to_json(build_graph(corpus, RES.gazetteer)) if via_graph else None


def assert_same_build(folder: Folder, cache_dir: Path, what: str, via_graph: bool = False) -> tuple[corpusbuild.Built, corpusbuild.Built]:
    """The cached build (its cache kept in ``cache_dir``) equals the uncached one (``via_graph``: and build_graph's)."""
    warm = cached_build(folder, cache_dir)
    cold, graph_json = uncached(folder, via_graph)
    assert warm.graph_facts == cold.graph_facts, what
    warm_text, cold_text = text_of(warm), text_of(cold)
    if warm_text != cold_text:  # the first differing line says more than two long texts
        diff = next(((a, b) for a, b in zip(warm_text.splitlines(), cold_text.splitlines()) if a != b), ("(lengths differ)", ""))
        pytest.fail(f"{what}: cached build differs from uncached one:\n cached:   {diff[0]}\n uncached: {diff[1]}")
    if via_graph:
        assert graph_json == cold_text, what  # build_graph(build_corpus(...)) is the same graph
    return warm, cold


# --- the edits -------------------------------------------------------------------------------------------------------


def _papers(folder: Folder) -> list[str]:
    return [n for n in folder.names(".md") if "-" not in n]  # not the copies made below


def _split(text: str) -> tuple[str, str]:
    head, _, refs = text.partition("## References\n\n")
    return head, refs


def edit_sentence(folder: Folder, rng: random.Random) -> str:
    name = rng.choice(folder.names(".md") + folder.names(".txt"))
    text = folder.read(name)
    extra = _sentence(rng, 900 + rng.randint(0, 99))
    new = text.replace("\n\n## References", f" {extra}\n\n## References") if "## References" in text else text + f"\n{extra}\n"
    folder.write(name, new)
    return f"sentence added to {name}"


def edit_cite_add(folder: Folder, rng: random.Random) -> str:
    name = rng.choice(_papers(folder))
    head, refs = _split(folder.read(name))
    listed = [s for s in SURNAMES if f"\n{s}, A." in "\n" + refs]
    surname = rng.choice(listed) if listed and rng.random() < 0.7 else rng.choice(SURNAMES)  # sometimes one with no entry: dangling
    folder.write(name, head.rstrip("\n") + f" {_sentence(rng, 700, (surname,))}\n\n## References\n\n{refs}")
    return f"citation of {surname} added to {name}"


def edit_cite_remove(folder: Folder, rng: random.Random) -> str:
    for name in rng.sample(_papers(folder), len(_papers(folder))):
        text = folder.read(name)
        cited = [s for s in SURNAMES if f" ({s}, {_year(s)})" in text]
        if cited:
            s = rng.choice(cited)
            folder.write(name, text.replace(f" ({s}, {_year(s)})", "", 1))
            return f"citation of {s} removed from {name}"
    return "no citation to remove"


def edit_ref_change(folder: Folder, rng: random.Random, variant: bool = False) -> str:
    """A reference entry given another title (``variant``: the same title with a subtitle, still the same work)."""
    name = rng.choice(_papers(folder))
    head, refs = _split(folder.read(name))
    lines = refs.splitlines()
    if not lines:
        return f"no reference in {name}"
    i = rng.randrange(len(lines))
    surname = lines[i].split(",", 1)[0]
    if surname in SURNAMES:
        lines[i] = _entry(surname, f"On platforms and media {surname.lower()}: a reply" if variant else "Television audiences in an age of streaming")
    folder.write(name, head + "## References\n\n" + "\n".join(lines) + "\n")
    return f"reference {i} of {name} {'given a subtitle' if variant else 'changed'}"


def edit_ref_add(folder: Folder, rng: random.Random) -> str:
    name = rng.choice(_papers(folder))
    head, refs = _split(folder.read(name))
    surname = rng.choice([s for s in SURNAMES if f"{s}, A." not in refs] or SURNAMES)
    if rng.random() < 0.5:  # cited too
        head = head.rstrip("\n") + f" {_sentence(rng, 800, (surname,))}\n\n"
    folder.write(name, head + "## References\n\n" + refs + _entry(surname) + "\n")
    return f"reference {surname} added to {name}"


def edit_ref_remove(folder: Folder, rng: random.Random) -> str:
    name = rng.choice(_papers(folder))
    head, refs = _split(folder.read(name))
    lines = refs.splitlines()
    if len(lines) > 1:
        del lines[rng.randrange(len(lines))]  # its citations now dangle
    folder.write(name, head + "## References\n\n" + "\n".join(lines) + "\n")
    return f"a reference removed from {name}"


def edit_doc_add(folder: Folder, rng: random.Random) -> str:
    n = 200 + rng.randint(0, 999)
    if rng.random() < 0.3:
        folder.write(f"news{n}.txt", news(n, rng))
        return f"news{n}.txt added"
    folder.write(f"paper{n}.md", paper(n, rng))
    return f"paper{n}.md added"


def edit_doc_remove(folder: Folder, rng: random.Random) -> str:
    name = rng.choice(folder.names())
    folder.remove(name)
    return f"{name} removed"


def edit_excerpt(folder: Folder, rng: random.Random) -> str:
    name = rng.choice(_papers(folder))
    head, _ = _split(folder.read(name))
    top, _, body = head.partition("## Introduction\n\n")
    sentences = body.strip().split(". ")
    kept = ". ".join(sentences[: max(len(sentences) * 3 // 4, 2)]).rstrip(".") + "."
    folder.write(name.replace(".md", "-excerpt.txt"), top + kept + "\n")  # no reference list: linked against the parent's
    return f"excerpt of {name}"


def edit_same_work(folder: Folder, rng: random.Random) -> str:
    name = rng.choice(_papers(folder))
    top, _, rest = folder.read(name).partition("## Introduction\n\n")
    _, refs = _split(rest)
    cited = [s for s in SURNAMES if f"{s}, A." in refs]
    n = 500 + rng.randint(0, 99)
    body = " ".join(_body(rng, n, cited))  # other words, the same header and references: a second version of the work
    folder.write(name.replace(".md", "-preprint.md"), top + "## Preprint\n\n" + body + "\n\n## References\n\n" + refs)
    return f"second version of {name}"


def edit_bib(folder: Folder, rng: random.Random) -> str:
    name = f"refs{rng.randint(0, 99)}.bib"
    folder.write(name, bib(rng.sample(SURNAMES, 4)))
    return f"{name} added"


EDITS = {
    "sentence": edit_sentence,
    "cite-add": edit_cite_add,
    "cite-remove": edit_cite_remove,
    "ref-change": edit_ref_change,
    "ref-variant": lambda folder, rng: edit_ref_change(folder, rng, variant=True),
    "ref-add": edit_ref_add,
    "ref-remove": edit_ref_remove,
    "doc-add": edit_doc_add,
    "doc-remove": edit_doc_remove,
    "excerpt": edit_excerpt,
    "same-work": edit_same_work,
    "bib": edit_bib,
}


# --- tests -----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_cache_kept_across_random_edits_builds_what_an_uncached_build_does(tmp_path, seed):
    rng = random.Random(seed)
    folder = make_corpus(tmp_path / "corpus", seed)
    cache_dir = tmp_path / "cache"
    assert_same_build(folder, cache_dir, "first build", via_graph=True)
    kinds = list(EDITS)
    rng.shuffle(kinds)  # every kind of edit once, in a seeded order, then one more at random
    kinds += rng.choices(list(EDITS), k=1)
    done = []
    for kind in kinds:
        done.append(EDITS[kind](folder, rng))
        warm, cold = assert_same_build(folder, cache_dir, " / ".join(done), via_graph=True)
    assert to_json(graph_of(warm)) == text_of(cold)  # the graph of the rows is the graph written


def _relations(built: corpusbuild.Built) -> list[tuple[str, str, str]]:
    return [(u, v, d["relation"]) for u, v, d in graph_of(built).edges(data=True)]


#: What a user sees after each kind of edit: (summary before, summary after, (source, target, relation) of every edge after).
SEEN = {
    "sentence": lambda b, a, e: a["citations"] == b["citations"],
    "cite-add": lambda b, a, e: a["citations"] == b["citations"] + 1,
    "cite-remove": lambda b, a, e: a["citations"] == b["citations"] - 1,
    "ref-change": lambda b, a, e: a["references"] == b["references"],
    "ref-add": lambda b, a, e: a["references"] == b["references"] + 1,
    "ref-remove": lambda b, a, e: a["references"] == b["references"] - 1 and a["dangling"] > b["dangling"],
    "doc-add": lambda b, a, e: a["documents"] == b["documents"] + 1,
    "doc-remove": lambda b, a, e: a["documents"] == b["documents"] - 1,
    "excerpt": lambda b, a, e: a["documents"] == b["documents"] + 1 and a["works"] == b["works"] and any(r == "excerpt-of" and u.endswith("-excerpt") for u, _, r in e),
    "same-work": lambda b, a, e: any(r == "same-as" and "-preprint" in u + v for u, v, r in e),
    "bib": lambda b, a, e: a["documents"] == b["documents"] + 1 and sum(r == "lists" for _, _, r in e) == 4,
}


@pytest.mark.parametrize("kind", sorted(SEEN))
def test_each_edit_is_seen_by_the_cached_build(tmp_path, kind):
    """The edit changes the graph as a user would expect: the cached build is not just the first one again."""
    folder = make_corpus(tmp_path / "corpus", 7, papers=8, articles=2)
    cache_dir = tmp_path / "cache"
    before, _ = assert_same_build(folder, cache_dir, "first build")
    what = EDITS[kind](folder, random.Random(7))
    after, _ = assert_same_build(folder, cache_dir, what)
    assert text_of(after) != text_of(before), what
    assert SEEN[kind](before.graph_facts, after.graph_facts, _relations(after)), (what, before.graph_facts, after.graph_facts)
    if kind == "ref-change":
        assert any(w.csl.get("title") == "Television audiences in an age of streaming" for w in after.merged.works)


@pytest.mark.parametrize("cached", [True, False])
@pytest.mark.parametrize("kind", ["", "excerpt", "same-work", "bib", "cite-add", "ref-remove"])
def test_page_graph_is_the_graph_with_its_claims_folded(tmp_path, kind, cached):
    folder = make_corpus(tmp_path / "corpus", 11, papers=8, articles=3)
    if kind:
        EDITS[kind](folder, random.Random(11))
    built = cached_build(folder, tmp_path / "cache") if cached else uncached(folder)[0]
    page, folded = page_graph(built), fold_claims(graph_of(built))
    assert page.graph == folded.graph
    assert page.graph["folded_claims"] == built.graph_facts["claims"] > 0
    assert dict(page.nodes(data=True)) == dict(folded.nodes(data=True))
    assert {(u, v): d for u, v, d in page.edges(data=True)} == {(u, v): d for u, v, d in folded.edges(data=True)}
    assert not any(d.get("kind") == "claim" for _, d in page.nodes(data=True))
    cited = {n: d["cited_by"] for n, d in page.nodes(data=True) if d.get("kind") in ("work", "document")}
    assert cited == {n: sum(1 for _, _, e in page.in_edges(n, data=True) if e["relation"] == "cites") for n in cited}
    assert max(cited.values()) >= 2


@pytest.mark.parametrize("cached", [True, False])
def test_graph_of_gives_back_the_written_json(tmp_path, cached):
    folder = make_corpus(tmp_path / "corpus", 5, papers=6, articles=2)
    for kind in ("excerpt", "same-work", "bib"):
        EDITS[kind](folder, random.Random(5))
    built = cached_build(folder, tmp_path / "cache") if cached else uncached(folder)[0]
    g = graph_of(built)
    assert to_json(g) == text_of(built)
    assert g.number_of_nodes() == built.node_count() == len(built.node_rows())
    assert g.number_of_edges() == len(built.edge_rows())
    sources = [u for u, _ in g.edges()]
    order = {n: i for i, n in enumerate(g.nodes)}
    assert sources == sorted(sources, key=order.__getitem__)  # edges listed by source, in node order


def _touch(folder: Folder, rng: random.Random) -> str:
    name = folder.names(".md")[0]
    folder.write(name, folder.read(name))  # a new time, the same content
    return f"{name} touched"


def _sentence_to(name: str):
    def edit(folder: Folder, rng: random.Random) -> str:
        text = folder.read(name)
        folder.write(name, text.replace("\n\n## References", f" {_sentence(rng, 901)}\n\n## References"))
        return f"sentence added to {name}"

    return edit


def _cite_in(name: str):
    def edit(folder: Folder, rng: random.Random) -> str:
        head, refs = _split(folder.read(name))
        surname = refs.split(",", 1)[0]
        folder.write(name, head.rstrip("\n") + f" {_sentence(rng, 902, (surname,))}\n\n## References\n\n{refs}")
        return f"{surname} cited again in {name}"

    return edit


def _append_to(name: str, line: str):
    def edit(folder: Folder, rng: random.Random) -> str:
        folder.write(name, folder.read(name) + line)
        return f"a line added to {name}"

    return edit


def _remove(name: str):
    def edit(folder: Folder, rng: random.Random) -> str:
        folder.remove(name)
        return f"{name} removed"

    return edit


@pytest.mark.parametrize(
    "edit, extracted, rendered",
    [
        (_touch, [], []),
        (_sentence_to("paper03.md"), ["paper03.md"], ["doc:paper03"]),
        (_cite_in("paper04.md"), ["paper04.md"], ["doc:paper04"]),
        (_append_to("news01.txt", "One more line of news about market 101 here.\n"), ["news01.txt"], ["doc:news01"]),
        (_remove("paper05.md"), [], []),
    ],
)
def test_a_rebuild_redoes_only_the_edited_documents_share(tmp_path, monkeypatch, edit, extracted, rendered):
    import citegraph.pipeline as pipeline

    folder = make_corpus(tmp_path / "corpus", 3, papers=8, articles=2)
    cache_dir = tmp_path / "cache"
    assert_same_build(folder, cache_dir, "first build")
    what = edit(folder, random.Random(3))
    seen: list[str] = []
    made: list[str] = []
    real_extract, real_fragment = pipeline.extract, corpusbuild.fragment
    monkeypatch.setattr(pipeline, "extract", lambda path, res: seen.append(Path(path).name) or real_extract(path, res))
    monkeypatch.setattr(corpusbuild, "fragment", lambda x, *a: made.append(f"doc:{x.document.id}") or real_fragment(x, *a))
    warm = cached_build(folder, cache_dir)
    monkeypatch.undo()
    cold, _ = uncached(folder)
    assert text_of(warm) == text_of(cold), what
    assert (sorted(seen), sorted(made)) == (extracted, rendered), what


#: Ways a cache entry goes bad: gone, bytes damaged (checksum fails), or a well-formed value of the wrong shape.
def _damage(cache_dir: Path, kind: str, how: str) -> int:
    from citegraph.cache import _pack

    db = sqlite3.connect(str(cache_dir / DB_NAME))
    try:
        keys = [k for (k,) in db.execute("SELECT key FROM entries WHERE kind = ?" if kind != "*" else "SELECT key FROM entries WHERE ? = ?", (kind,) if kind != "*" else (1, 1))]
        if how == "delete":
            db.execute("DELETE FROM entries WHERE kind = ?" if kind != "*" else "DELETE FROM entries", (kind,) if kind != "*" else ())
        elif how == "garble":
            db.execute("UPDATE entries SET data = substr(data, 1, 20) || x'00ff00ff' || substr(data, 25)" + (" WHERE kind = ?" if kind != "*" else ""), (kind,) if kind != "*" else ())
        else:
            db.execute("UPDATE entries SET data = ? WHERE kind = ?", (_pack({"n": "not rows", "d": 0}), kind))
        db.commit()
    finally:
        db.close()
    return len(keys)


@pytest.mark.parametrize(
    "kind, how, edited",
    [
        ("frag", "delete", False),
        ("frag", "garble", True),
        ("frag", "wrong-shape", False),
        ("frag", "wrong-shape", True),
        ("frag-rows", "delete", False),
        ("frag-rows", "garble", True),
        ("frag-rows", "wrong-shape", False),
        ("facts", "delete", True),
        ("facts", "garble", False),
        ("desc", "delete", False),
        ("desc", "delete", True),
        ("desc", "garble", True),
        ("extract", "delete", True),
        ("extract", "garble", False),
        ("*", "garble", False),
        ("*", "garble", True),
        ("*", "delete", True),
    ],
)
def test_lost_or_damaged_cache_entries_are_rebuilt(tmp_path, kind, how, edited):
    folder = make_corpus(tmp_path / "corpus", 13, papers=8, articles=2)
    cache_dir = tmp_path / "cache"
    EDITS["excerpt"](folder, random.Random(13))  # an excerpt's facts are relinked; a .bib has references but no items
    EDITS["bib"](folder, random.Random(13))
    assert_same_build(folder, cache_dir, "first build")
    assert _damage(cache_dir, kind, how) > 0
    if edited:
        EDITS["cite-add"](folder, random.Random(13))
    assert_same_build(folder, cache_dir, f"{kind} entries: {how}")
    assert_same_build(folder, cache_dir, "the build after")  # what was rebuilt was stored right


# --- two files with one name: document ids come from file names -----------------------------------------------------


def test_two_files_of_one_name_in_two_folders_are_written_once_each(tmp_path):
    folder = make_corpus(tmp_path / "corpus", 1, papers=5, articles=1)
    (folder.root / "sub").mkdir()
    folder.write("sub/paper01.md", paper(41, random.Random(1)))
    built = cached_build(folder, tmp_path / "cache")
    ids = [r[0] for r in built.node_rows()]
    assert len(ids) == len(set(ids))  # graph.json lists each node once
    assert to_json(graph_of(built)) == text_of(built)
    skipped = [p for p in built.graph_facts["problems"] if "same document name" in p]
    assert len(skipped) == 1 and "paper01.md" in skipped[0] and "rename" in skipped[0]  # the user is told which file was left out
    uncached = build_corpus(extract_all([str(p) for p in sorted(folder.root.rglob("*.md"))]))
    assert [p.code for p in uncached.problems].count("duplicate-id") == 1


def test_a_paper_and_a_bib_of_the_same_name(tmp_path):
    folder = make_corpus(tmp_path / "corpus", 7, papers=4, articles=1)
    _, refs = _split(folder.read("paper01.md"))
    cited = [s for s in SURNAMES if f"{s}, A." in refs]
    folder.write("paper01.bib", bib(cited[-1:]))
    built = cached_build(folder, tmp_path / "cache")
    g = graph_of(built)
    assert sum(1 for _, _, d in g.out_edges("doc:paper01", data=True) if d["relation"] == "cites") == len(cited)  # the paper still cites what it cites
    page, folded = page_graph(built), fold_claims(g)
    assert dict(page.nodes(data=True)) == dict(folded.nodes(data=True))


def _page_data_of(page: str) -> dict:
    import json
    import re

    data = json.loads(re.search(r'<script type="application/json"[^>]{0,200}>(.{0,100000000}?)</script>', page, re.S).group(1))
    data["edges"] = sorted(data["edges"], key=lambda e: (e["from"], e["to"]))  # spliced in another order
    return data


@pytest.mark.parametrize("seed", [1, 2])
def test_a_page_from_prebuilt_edge_items_equals_the_page_of_the_folded_graph(tmp_path, seed):
    from citegraph.corpusbuild import page_parts
    from citegraph.readwrite.html import to_html

    folder = make_corpus(tmp_path / "corpus", seed)
    built = cached_build(folder, tmp_path / "cache")
    graph, ready = page_parts(built)
    assert ready.texts  # the documents' edges come made
    assert _page_data_of(to_html(graph, prebuilt=ready)) == _page_data_of(to_html(page_graph(built)))


def test_entries_no_recent_build_used_are_pruned_and_the_build_is_the_same(tmp_path, monkeypatch):
    monkeypatch.setattr(corpusbuild, "PRUNE_SLACK", 1)
    folder = make_corpus(tmp_path / "corpus", 21, papers=8, articles=2)
    cache_dir = tmp_path / "cache"
    assert_same_build(folder, cache_dir, "first build")
    cache = Cache(cache_dir)
    stale = [(f"stale-{i}", {"v": 0}) for i in range(400)]  # what edits leave behind
    cache.put_many("facts", stale)
    cache.put_many("frag-rows", stale)
    before = cache.count("facts")
    cache.close()
    EDITS["cite-add"](folder, random.Random(21))
    assert_same_build(folder, cache_dir, "after an edit")
    cache = Cache(cache_dir)
    assert cache.count("facts") < before and not cache.get_many("facts", [k for k, _ in stale])
    assert not cache.get_many("frag-rows", [k for k, _ in stale])
    assert cache.count("facts") >= 10  # what the builds use is kept
    cache.close()
    assert_same_build(folder, cache_dir, "the build after")


def test_a_file_left_out_stays_out_when_the_merge_reads_everything_from_the_extractions(tmp_path, monkeypatch):
    folder = make_corpus(tmp_path / "corpus", 1, papers=5, articles=1)
    (folder.root / "sub").mkdir()
    folder.write("sub/paper01.md", paper(41, random.Random(1)))  # one document name twice: the second is left out
    cache_dir = tmp_path / "cache"
    first = cached_build(folder, cache_dir)
    _damage(cache_dir, "desc", "delete")  # the references' descriptions and features lost: the merge falls back on the extractions
    _damage(cache_dir, "feat", "delete")
    EDITS["ref-change"](folder, random.Random(1))
    fell_back: list[bool] = []
    real = corpusbuild.merge

    def merge(*args, **kwargs):
        try:
            return real(*args, **kwargs)
        except KeyError:
            fell_back.append(True)
            raise

    monkeypatch.setattr(corpusbuild, "merge", merge)
    again = cached_build(folder, cache_dir)
    assert fell_back
    assert_same_build(folder, cache_dir, "after the fallback")
    assert [p for p in again.graph_facts["problems"] if "same document name" in p] == [p for p in first.graph_facts["problems"] if "same document name" in p]
    ids = [r[0] for r in again.node_rows()]
    assert len(ids) == len(set(ids))
