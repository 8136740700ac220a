"""Clusters of works cited together: the schools and themes of a literature.

:func:`clusters` builds the co-citation network of the cited nodes (works, and
corpus documents that others cite): two works are linked by the number of
documents that cite both, and links weaker than ``min_cocitations`` are
dropped. Communities are found with networkx's Louvain method (seeded, so the
same graph always gives the same clusters), or greedy modularity where Louvain
is missing. Works that no link keeps are in no cluster. Each citing document
then joins the cluster holding most of its references (bibliographic
coupling: documents that share references land in the same cluster).

Every cluster has a label made of its most distinctive title words (a tf-idf
over the clusters, each cluster's titles taken as one text, stop words
removed) and its most cited works. Like :mod:`citegraph.analytics`, every
function takes the graph first and is pure and deterministic.

:func:`extend_clusters` carries an earlier clustering over to a graph that
changed a little (the page does so after an edit, instead of running Louvain
again): works keep their cluster, a newly cited work joins the cluster most of
its co-citation weight goes to, and sizes, documents and labels are made anew.
"""

from __future__ import annotations

import gc
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Cluster", "clusters", "extend_clusters", "references", "cocitation_weights", "cluster_of", "cluster_rows", "title_words", "STOP_WORDS"]

#: Words never used in a label: English function words and the vocabulary every title shares.
STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below between
    both but by can could did do does doing down during each few for from further had has have having he her here hers
    him his how i if in into is it its itself just me more most my no nor not now of off on once only or other our ours
    out over own same she should so some such than that the their theirs them then there these they this those through
    to too under until up upon very was we were what when where which while who whom why will with within without would
    you your yours via versus vs toward towards using use used based new one two three among across beyond per
    study studies analysis approach case research paper article review introduction perspective perspectives
    evidence toward role effect effects impact understanding exploring examining et al""".split()
)
_WORD = re.compile(r"[^\W\d_]{2,40}")
#: Words a label has, and works listed as a cluster's most cited.
LABEL_WORDS = 3
TOP_WORKS = 5


@dataclass(frozen=True)
class Cluster:
    """One cluster: ``number`` (1 = largest), its ``works`` (node ids, most cited first), the
    citing ``documents`` that joined it, a ``label`` from its distinctive title ``words``,
    its ``top`` works and ``links`` (co-citation links inside it)."""

    number: int
    works: tuple[str, ...]
    documents: tuple[str, ...]
    label: str
    words: tuple[str, ...]
    top: tuple[str, ...]
    links: int

    @property
    def size(self) -> int:
        """How many works the cluster has."""
        return len(self.works)


def _cite_edges(graph: "nx.DiGraph") -> Iterable[tuple[str, str, Any]]:
    by_relation = getattr(graph, "edges_by_relation", None)  # a light graph answers from its index
    if by_relation is not None:
        return by_relation("cites")
    adj = getattr(graph, "_adj", None)
    if isinstance(adj, dict):  # a networkx graph: its plain adjacency dicts are quicker to walk than an edge view
        return ((u, v, d) for u, nbrs in adj.items() for v, d in nbrs.items() if d.get("relation") == "cites")
    return ((u, v, d) for u, v, d in graph.edges(data=True) if d.get("relation") == "cites")


def references(graph: "nx.DiGraph") -> dict[str, list[str]]:
    """Citing node -> the distinct nodes it cites (``cites`` edges, self-citations left out), both sorted by id as text."""
    return _references(graph)


def _references(graph: "nx.DiGraph") -> dict[str, list[str]]:
    """Citing node -> the distinct nodes it cites, sorted (ids compared as text: any hashable id works)."""
    refs: dict[Any, set[Any]] = defaultdict(set)
    for u, v, _ in _cite_edges(graph):
        if u != v:
            refs[u].add(v)
    return {u: sorted(vs, key=str) for u, vs in sorted(refs.items(), key=lambda item: str(item[0]))}


def _pair_order(item: tuple[tuple[Any, Any], int]) -> tuple[str, str]:
    return (str(item[0][0]), str(item[0][1]))


def cocitation_weights(graph: "nx.DiGraph", min_cocitations: int = 1) -> dict[tuple[str, str], int]:
    """Co-citation counts: ``(a, b)`` (``a < b``) -> documents citing both, for pairs at ``min_cocitations`` or more."""
    refs = _references(graph)
    citers = Counter(w for cited in refs.values() for w in cited)
    counts: Counter[tuple[str, str]] = Counter()
    for cited in refs.values():
        counts.update(combinations([w for w in cited if citers[w] >= min_cocitations], 2))
    return {pair: w for pair, w in sorted(counts.items(), key=_pair_order) if w >= min_cocitations}


def _communities(pairs: Mapping[tuple[str, str], int], seed: int) -> list[set[str]]:
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(sorted({n for pair in pairs for n in pair}, key=str))
    g.add_weighted_edges_from((a, b, w) for (a, b), w in pairs.items())
    louvain = getattr(nx.community, "louvain_communities", None)
    if louvain is not None:
        return [set(c) for c in louvain(g, weight="weight", seed=seed)]
    return [set(c) for c in nx.community.greedy_modularity_communities(g, weight="weight")]  # pragma: no cover - networkx < 2.8


def title_words(text: str) -> list[str]:
    """The words of a title that may go into a label: lower-cased letters only, stop words removed."""
    return [w for w in (m.group(0).lower() for m in _WORD.finditer(text[:2000])) if w not in STOP_WORDS and len(w) > 2]


def _labels(titles: Sequence[Sequence[str]]) -> list[tuple[str, ...]]:
    """For each cluster (its members' titles), the most distinctive words: words in more of its
    titles score higher, words present in many clusters lower (tf-idf, each cluster one text)."""
    tfs = [Counter(w for t in group for w in set(title_words(t))) for group in titles]
    df = Counter(w for tf in tfs for w in tf)
    k = len(tfs)
    out = []
    for group, tf in zip(titles, tfs):
        floor = 2 if len(group) >= 4 else 1  # in a large cluster, a word in one title says little
        scored = [(tf[w] / len(group) * (math.log((1 + k) / (1 + df[w])) + 1.0), tf[w], w) for w in tf if tf[w] >= floor]
        scored.sort(key=lambda s: (-s[0], -s[1], s[2]))
        out.append(tuple(w for _, _, w in scored[:LABEL_WORDS]))
    return out


def _title(graph: "nx.DiGraph", node: str) -> str:
    d = graph.nodes[node]
    return str(d.get("title") or d.get("text") or "")


def _key(graph: "nx.DiGraph", node: str) -> str:
    return str(graph.nodes[node].get("key") or node)


def clusters(graph: "nx.DiGraph", min_cocitations: int = 2, seed: int = 42) -> list[Cluster]:
    """Clusters of works cited together, largest first (see the module docstring).

    ``min_cocitations``: the fewest documents that must cite two works together
    for them to be linked. ``seed`` fixes Louvain's order, so runs agree. No
    co-citation link at that strength: ``[]``.
    """
    enabled = gc.isenabled()
    gc.disable()  # many small tuples and no cycles: a collection would only walk the caller's whole heap
    try:
        return _clusters(graph, min_cocitations, seed)
    finally:
        if enabled:
            gc.enable()


def _clusters(graph: "nx.DiGraph", min_cocitations: int, seed: int) -> list[Cluster]:
    least = max(1, min_cocitations)
    refs = _references(graph)
    citers: Counter[str] = Counter(w for cited in refs.values() for w in cited)
    counts: Counter[tuple[str, str]] = Counter()
    for cited in refs.values():  # a pair cited together `least` times has both works cited that often
        counts.update(combinations([w for w in cited if citers[w] >= least], 2))
    pairs = {pair: w for pair, w in counts.items() if w >= least}
    if not pairs:
        return []
    groups = _communities(dict(sorted(pairs.items(), key=_pair_order)), seed)

    def rank(n: Any) -> tuple[int, str, str]:
        return (-citers[n], _key(graph, n), str(n))

    ordered = [sorted(c, key=rank) for c in groups]
    ordered.sort(key=lambda works: (-len(works), rank(works[0])))
    member = {w: i for i, works in enumerate(ordered) for w in works}
    links = Counter(member[a] for (a, b) in pairs if member[a] == member[b])
    return _describe(graph, refs, ordered, member, links)


def _describe(graph: "nx.DiGraph", refs: Mapping[Any, Sequence[Any]], ordered: list[list[Any]], member: dict[Any, int], links: Mapping[int, int]) -> list[Cluster]:
    """The clusters of ``ordered`` groups of works (``member``: work -> index there), with the
    documents that join them (most of their references there), labels and top works."""
    joined: dict[int, list[str]] = defaultdict(list)
    for doc, cited in refs.items():
        if doc in member:
            continue
        votes = Counter(member[w] for w in cited if w in member)
        if votes:
            best = min(votes, key=lambda i: (-votes[i], i))
            joined[best].append(doc)
    words = _labels([[_title(graph, w) for w in works] for works in ordered])
    out = []
    for i, works in enumerate(ordered):
        top = tuple(works[:TOP_WORKS])
        label = ", ".join(words[i]) or str(graph.nodes[top[0]].get("label") or top[0])
        docs = tuple(sorted(joined[i], key=lambda d: (_key(graph, d), str(d))))
        out.append(Cluster(i + 1, tuple(works), docs, label, words[i], top, links.get(i, 0)))
    return out


def extend_clusters(
    graph: "nx.DiGraph", works: Mapping[Any, int], min_cocitations: int = 2, count_links: bool = True, refs: Mapping[Any, Sequence[Any]] | None = None
) -> list[Cluster]:
    """An earlier clustering carried over to ``graph`` (``works``: work -> cluster number, as
    :func:`cluster_of` with ``documents=False`` gives it), without running Louvain again.

    A work still cited keeps its cluster; a work cited now but not in ``works``
    joins the cluster holding most of its co-citation weight (co-cited works
    weighed by how many documents cite both, pairs below ``min_cocitations``
    left out, as :func:`clusters` does; ties: the lower number), or none.
    Clusters keep their order (so their numbers, unless one emptied) and get
    their sizes, documents, labels and top works anew. ``count_links``: count
    the co-citation links inside each cluster (else ``links`` is 0; counting
    walks every pair of references). ``refs``: :func:`references` of the graph,
    if already at hand.
    """
    least = max(1, min_cocitations)
    refs = _references(graph) if refs is None else refs
    citing: dict[Any, list[Any]] = defaultdict(list)
    for doc, cited in refs.items():
        for w in cited:
            citing[w].append(doc)
    kept = {w: n for w, n in works.items() if w in citing}
    member = dict(kept)
    for w in sorted((w for w in citing if w not in kept), key=str):
        if len(citing[w]) < least:  # no pair with it can be that strong
            continue
        together = Counter(u for doc in citing[w] for u in refs[doc] if u != w and u in kept)
        weight: Counter[int] = Counter()
        for u, k in together.items():
            if k >= least:
                weight[kept[u]] += k
        if weight:
            member[w] = min(weight, key=lambda n: (-weight[n], n))
    numbers = sorted(set(member.values()))
    index = {n: i for i, n in enumerate(numbers)}

    def rank(n: Any) -> tuple[int, str, str]:
        return (-len(citing[n]), _key(graph, n), str(n))

    ordered: list[list[Any]] = [[] for _ in numbers]
    for w, n in member.items():
        ordered[index[n]].append(w)
    for group in ordered:
        group.sort(key=rank)
    at = {w: index[n] for w, n in member.items()}
    links: Counter[int] = Counter()
    if count_links:
        counts: Counter[tuple[Any, Any]] = Counter()
        for cited in refs.values():
            counts.update(combinations([w for w in cited if w in at], 2))
        links.update(at[a] for (a, b), k in counts.items() if k >= least and at[a] == at[b])
    return _describe(graph, refs, ordered, at, links)


def cluster_of(found: Iterable[Cluster], documents: bool = True) -> dict[str, int]:
    """Node id -> cluster number, for the works (and, with ``documents``, the documents that joined)."""
    out: dict[str, int] = {}
    for c in found:
        for n in c.works:
            out[n] = c.number
        if documents:
            for n in c.documents:
                out.setdefault(n, c.number)
    return out


def cluster_rows(graph: "nx.DiGraph", found: Sequence[Cluster], n: int | None = None, top: int = 3) -> list[dict[str, Any]]:
    """One row per cluster (the first ``n``): cluster, label, size, documents, links and
    ``top`` (labels of its ``top`` most cited works) and ``works`` (all its works' keys)."""
    rows = []
    for c in found[:n] if n is not None else found:
        rows.append(
            {
                "cluster": c.number,
                "label": c.label,
                "size": c.size,
                "documents": len(c.documents),
                "links": c.links,
                "words": list(c.words),
                "top": [str(graph.nodes[w].get("label") or w) for w in c.top[:top]],
                "works": [_key(graph, w) for w in c.works],
            }
        )
    return rows
