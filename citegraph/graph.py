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
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, Mapping

import networkx as nx

from .corpus import Corpus, work_label
from .csl import year_label
from .names import display_name

__all__ = ["build_graph", "summary"]


def _work_attrs(csl: Mapping[str, Any], key: str) -> dict[str, Any]:
    return {
        "label": work_label(csl),
        "title": str(csl.get("title", "")),
        "authors": [display_name(n) for n in csl.get("author", [])],
        "year": year_label(csl),
        "venue": str(csl.get("container-title", "") or csl.get("publisher", "")),
        "key": key,
        "csl": dict(csl),
        "cited_by": 0,
    }


def build_graph(corpus: Corpus, gazetteer: Any = None) -> nx.DiGraph:
    """The citation graph of a corpus.

    With a ``gazetteer`` (:class:`citegraph.stages.entities.Gazetteer`), work
    titles that name a platform get a ``mentions`` edge to it, and gazetteer
    facts such as ("Douyin", "version-of", "TikTok") link platform nodes.
    """
    g = nx.DiGraph()
    for w in corpus.works:
        attrs = _work_attrs(w.csl, w.key)
        g.add_node(w.node, kind="document" if w.doc else "work", **attrs)
    for x in corpus.extractions:
        if not x.document or x.document.kind == "bib":
            continue
        doc = x.document
        node = f"doc:{doc.id}"
        if node not in g:  # an excerpt: not a work of its own
            g.add_node(node, kind="document", **_work_attrs(doc.csl, doc.id))
        g.nodes[node].update(path=x.path, doc_kind=doc.kind)
        header = x.meta.get("header_lines") or ()  # 0-based indices of the header lines
        for n in doc.csl.get("author", []):
            person = f"person:{display_name(n)}"
            g.add_node(person, kind="person", label=display_name(n))
            g.add_edge(node, person, relation="authored-by", doc=doc.id, line=int(header[0]) + 1 if header else 1)
    for doc_id, parent_id in corpus.excerpt_of.items():
        child, parent = f"doc:{doc_id}", f"doc:{parent_id}"
        g.add_edge(child, parent, relation="excerpt-of", doc=doc_id, line=1)
        g.nodes[child]["label"] = f"excerpt of {g.nodes[parent]['label']}"
    for doc_id, other_id in getattr(corpus, "same_as", {}).items():  # two documents of one work (a preprint and its article)
        a, b = f"doc:{doc_id}", f"doc:{other_id}"
        if a in g and b in g:
            g.add_edge(a, b, relation="same-as", doc=doc_id, line=1)
    for x in corpus.extractions:
        if x.document and x.document.kind not in ("bib", "excerpt"):
            _add_document(g, x, corpus)
    for x in corpus.extractions:  # a .bib file's entries are works, reachable from the bib document
        if x.document and x.document.kind == "bib":
            for ref in x.references:
                g.add_edge(f"doc:{x.document.id}", corpus.ref_work[ref.id], relation="lists", doc=x.document.id, line=ref.source.line)
    if gazetteer is not None:
        _title_mentions(g, gazetteer, _work_sources(corpus))
    for subject, rel, obj in gazetteer.relations() if gazetteer is not None else ():
        a, b = f"platform:{subject}", f"platform:{obj}"
        if a in g and b in g:
            g.add_edge(a, b, relation=rel, doc="gazetteer", line=0)  # a fact of the entity list, not of a document
    cited: Counter[str] = Counter(v for _, v, r in g.edges(data="relation") if r == "cites")
    for node, kind in g.nodes(data="kind"):
        if kind in ("work", "document"):
            g.nodes[node]["cited_by"] = cited.get(node, 0)
    g.graph.update(summary(corpus, g))
    return g


def _add_document(g: nx.DiGraph, x: Any, corpus: Corpus) -> None:
    doc_node = f"doc:{x.document.id}"
    cites: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in x.citations:
        if c.status != "resolved":
            continue
        for ref_id in c.references:
            work = corpus.ref_work.get(ref_id)
            if work:
                cites[work].append({"marker": c.marker, "sentence": c.sentence, "line": c.source.line, "offset": c.source.start})
    for work, items in cites.items():
        g.add_edge(doc_node, work, relation="cites", doc=x.document.id, line=items[0]["line"], offset=items[0]["offset"], count=len(items), citations=items)
    for e in x.entities:
        if e.kind != "platform":
            continue
        p = _platform(g, e.name)
        g.nodes[p]["mentions"] += e.mentions
        g.nodes[p]["aliases"] = sorted(set(g.nodes[p]["aliases"]) | set(e.aliases))
        g.add_edge(doc_node, p, relation="mentions", doc=x.document.id, line=_first_line(x, e.aliases or (e.name,)), count=e.mentions)
    for claim in x.claims:
        node = f"claim:{claim.id}"
        label = claim.text if len(claim.text) <= 40 else claim.text[:38].rstrip() + "…"
        g.add_node(
            node, kind="claim", label=label, text=claim.text, speaker=claim.speaker or "", speaker_role=claim.speaker_role or "",
            section=claim.section or "", doc=doc_node, line=claim.source.line,
        )
        g.add_edge(doc_node, node, relation="makes", doc=x.document.id, line=claim.source.line, offset=claim.source.start)
        for ref_id in claim.cites:
            work = corpus.ref_work.get(ref_id)
            if work:
                g.add_edge(node, work, relation="supports", doc=x.document.id, line=claim.source.line)
        for name in claim.entities:
            p = f"platform:{name}"
            if p in g:
                g.add_edge(node, p, relation="mentions", doc=x.document.id, line=claim.source.line)
        if claim.speaker:
            person = f"person:{claim.speaker}"
            if person not in g:
                g.add_node(person, kind="person", label=claim.speaker, role=claim.speaker_role or "")
            g.add_edge(node, person, relation="said-by", doc=x.document.id, line=claim.source.line)


def _platform(g: nx.DiGraph, name: str) -> str:
    node = f"platform:{name}"
    if node not in g:
        g.add_node(node, kind="platform", label=name, mentions=0, aliases=[])
    return node


def _first_line(x: Any, surfaces: Any) -> int:
    """The original line of the first occurrence of any of ``surfaces`` in the document's text (1 if none)."""
    found = [i for i in (x.text.find(s) for s in surfaces if s) if i >= 0]
    return x.line_at(min(found)) if found else 1


def _work_sources(corpus: Corpus) -> dict[str, tuple[str, int]]:
    """For each work node, where it is described: (document id, line of its first reference entry or 1)."""
    out: dict[str, tuple[str, int]] = {w.node: (w.doc, 1) for w in corpus.works if w.doc}
    for x in corpus.extractions:
        if x.document:
            for ref in x.references:
                node = corpus.ref_work.get(ref.id)
                if node and node not in out:
                    out[node] = (x.document.id, ref.source.line)
    return out


def _title_mentions(g: nx.DiGraph, gazetteer: Any, sources: Mapping[str, tuple[str, int]]) -> None:
    """Works whose titles name a platform mention it ("... XiaoHongshu (RedNote) ...")."""
    for node, d in list(g.nodes(data=True)):
        if d.get("kind") not in ("work", "document") or not d.get("title"):
            continue
        for m in gazetteer.find(d["title"]):
            if m.kind != "platform":
                continue
            p = _platform(g, m.name)
            g.nodes[p]["aliases"] = sorted(set(g.nodes[p]["aliases"]) | {m.surface})
            doc, line = sources.get(node, (node.removeprefix("doc:"), 1))
            g.add_edge(node, p, relation="mentions", doc=doc, line=line)


def summary(corpus: Corpus, g: nx.DiGraph) -> dict[str, Any]:
    """The one-screen facts of a build: counts and problems."""
    xs = [x for x in corpus.extractions if x.document]
    status = Counter(c.status for x in xs if x.document.kind != "excerpt" for c in x.citations)
    kinds = Counter(d.get("kind") for _, d in g.nodes(data=True))
    return {
        "documents": sum(1 for x in xs),
        "references": sum(len(x.references) for x in xs),
        "works": kinds.get("work", 0) + sum(1 for w in corpus.works if w.doc),
        "citations": sum(status.values()),
        "resolved": status.get("resolved", 0),
        "dangling": status.get("dangling", 0),
        "ambiguous": status.get("ambiguous", 0),
        "claims": kinds.get("claim", 0),
        "platforms": kinds.get("platform", 0),
        "problems": [str(p) for p in corpus.problems],
        "unread": sorted(x.path for x in corpus.extractions if not x.raw_lines),
    }
