"""Graph stage: a :class:`~citegraph.corpus.Corpus` -> a networkx ``DiGraph``.

Nodes have ``kind`` (document | work | claim | platform | person) and
``label``; edges have ``relation`` (cites, makes, supports, mentions,
authored-by, said-by, excerpt-of, same-as, lists, version-of, owned-by) and
provenance: every edge has ``doc`` (the document id it comes from, or
"gazetteer" for facts of the entity list) and ``line`` (1-based line in that
document; 0 for gazetteer facts); ``cites`` and ``makes`` edges also have the
character ``offset`` in the document's cleaned text. A ``cites`` edge
carries the citing sentences. Run
facts (summary counts, problems) are stored in ``graph.graph``.

The graph is made as a build makes it (:mod:`citegraph.corpusbuild`): the
corpus-wide items (:mod:`citegraph.assembly`), then each document's own
(:mod:`citegraph.fragments`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .corpus import Corpus, Merged

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["build_graph"]


def build_graph(corpus: Corpus, gazetteer: Any = None) -> "nx.DiGraph":
    """The citation graph of a corpus.

    With a ``gazetteer`` (:class:`citegraph.stages.entities.Gazetteer`), work
    titles that name a platform get a ``mentions`` edge to it, and gazetteer
    facts such as ("Douyin", "version-of", "TikTok") link platform nodes.
    """
    from .corpusbuild import from_extractions, graph_of

    merged = Merged(corpus.works, corpus.ref_work, corpus.same_as)
    own = sum(len(x.problems) for x in corpus.extractions)
    extra = corpus.problems[: len(corpus.problems) - own]  # problems of the run (missing files...), listed first
    return graph_of(from_extractions(corpus.extractions, merged, corpus.excerpt_of, gazetteer, extra))
