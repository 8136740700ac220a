"""The corpus graph put together: corpus-wide nodes and edges, and each document's own items.

:func:`shared_items` makes what belongs to no single document — the works
and documents (with ``cited_by`` counts), people, platforms, and the edges
between them (``authored-by``, ``excerpt-of``, ``same-as``, ``lists``, title
``mentions``, gazetteer facts) — from the documents'
:func:`~citegraph.fragments.doc_facts` and the merge. Each document's claims
and edges come from :func:`~citegraph.fragments.doc_items`. :func:`order`
lays both out in graph order: shared nodes, then each document's claims;
each document's edges, then the shared edges.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping, Sequence

from .corpus import Merged, work_label
from .csl import year_label
from .digest import value_digest
from .folding import join_edge
from .model import Problem
from .names import display_name

__all__ = ["Shared", "shared_items", "platform_names", "has_items", "summary", "work_attrs", "folded_edges", "TitleMentions"]

#: A function giving the platforms a title names: ``[(platform name, surface), ...]``.
TitleMentions = Callable[[str], Sequence[tuple[str, str]]]


def work_attrs(csl: Mapping[str, Any], key: str) -> dict[str, Any]:
    """A work's (or document's) node attributes from its CSL item and citation key."""
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


@dataclass(frozen=True)
class Shared:
    """The corpus-wide items: nodes and edges in graph order, the platforms present, the run's facts."""

    nodes: list[tuple[str, dict[str, Any]]]
    edges: list[tuple[str, str, dict[str, Any]]]
    platforms: frozenset[str]
    facts: dict[str, Any]


def platform_names(facts: Sequence[Mapping[str, Any]], works: Iterable[Any], mentions: TitleMentions | None) -> frozenset[str]:
    """Names of the platforms that get a node: those documents mention and those titles name."""
    names = {p[0] for f in facts if has_items(f) for p in f["platforms"]}
    if mentions is not None:
        names.update(name for _, title in _titled(facts, works) for name, _ in mentions(title))
    return frozenset(names)


def has_items(f: Mapping[str, Any], excerpt_of: Mapping[str, str] | None = None) -> bool:
    """Whether a document (its facts) has items of its own: papers and news; not excerpts (``excerpt_of``), .bib files or unread files."""
    return f["kind"] in ("paper", "news") and not (excerpt_of and f["id"] in excerpt_of)


def _titled(facts: Sequence[Mapping[str, Any]], works: Iterable[Any]) -> list[tuple[str, str]]:
    """(node, title) of every work and document with a title, in node order."""
    out = [(w.node, str(w.csl.get("title", ""))) for w in works]
    seen = {n for n, _ in out}
    for f in facts:
        node = f"doc:{f['id']}"
        if f["id"] and f["kind"] not in ("bib", "") and node not in seen:
            out.append((node, str(f["csl"].get("title", ""))))
    return [(n, t) for n, t in out if t]


def shared_items(
    facts: Sequence[Mapping[str, Any]],
    merged: Merged,
    excerpt_of: Mapping[str, str],
    doc_targets: Mapping[str, Iterable[str]],
    mentions: TitleMentions | None = None,
    relations: Sequence[tuple[str, str, str]] = (),
    extra_problems: Sequence[Problem] = (),
    memo: tuple[Mapping[str, Any], dict[str, Any]] | None = None,
) -> Shared:
    """The corpus-wide nodes and edges (see the module docstring).

    ``facts``: every document's :func:`~citegraph.fragments.doc_facts` in
    corpus order (excerpts' facts as relinked); ``doc_targets``: document id
    -> the nodes its own edges point to (a title mention or a ``same-as``
    edge is not added where the document already has an edge);
    ``mentions``: platforms named by a title; ``relations``: gazetteer facts
    ``(subject, relation, object)`` between platforms. ``memo``: (known,
    kept): works' attributes by a digest of their item and key, those of
    the last build and those of this one.
    """
    nodes: dict[str, dict[str, Any]] = {}
    known, kept = memo if memo is not None else ({}, None)
    for w in merged.works:
        digest = value_digest([w.key, w.csl]) if memo is not None else None
        attrs = known.get(digest) if digest else None
        if not isinstance(attrs, dict) or "csl" not in attrs:
            attrs = work_attrs(w.csl, w.key)
        if kept is not None and digest:
            kept[digest] = attrs
        nodes[w.node] = {"kind": "document" if w.doc else "work", **attrs, "csl": dict(attrs["csl"]), "authors": list(attrs["authors"])}
    people: dict[str, dict[str, Any]] = {}
    authored: list[tuple[str, str, dict[str, Any]]] = []
    for f in facts:
        if not f["id"] or f["kind"] == "bib":
            continue
        node = f"doc:{f['id']}"
        if node not in nodes:  # an excerpt: not a work of its own
            nodes[node] = {"kind": "document", **work_attrs(f["csl"], f["id"])}
        nodes[node].update(path=f["path"], doc_kind="excerpt" if f["id"] in excerpt_of else f["kind"])
        for name in f["authors"]:
            people.setdefault(f"person:{name}", {"kind": "person", "label": name})
            authored.append((node, f"person:{name}", {"relation": "authored-by", "doc": f["id"], "line": f["header_line"]}))
    for child, parent in excerpt_of.items():
        nodes[f"doc:{child}"]["label"] = f"excerpt of {nodes[f'doc:{parent}']['label']}"
    for f in facts:
        if has_items(f, excerpt_of):
            for name, role in f["speakers"]:
                people.setdefault(f"person:{name}", {"kind": "person", "label": name, "role": role})
    platforms: dict[str, dict[str, Any]] = {}
    for f in facts:
        if has_items(f, excerpt_of):
            for name, count, aliases, _ in f["platforms"]:
                p = platforms.setdefault(f"platform:{name}", {"kind": "platform", "label": name, "mentions": 0, "aliases": set()})
                p["mentions"] += count
                p["aliases"].update(aliases)
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for u, v, d in authored:
        edges[(u, v)] = d
    for child, parent in excerpt_of.items():
        edges[(f"doc:{child}", f"doc:{parent}")] = {"relation": "excerpt-of", "doc": child, "line": 1}
    for doc_id, other in merged.same_as.items():
        a, b = f"doc:{doc_id}", f"doc:{other}"
        if a in nodes and b in nodes and b not in set(doc_targets.get(doc_id, ())):
            edges[(a, b)] = {"relation": "same-as", "doc": doc_id, "line": 1}
    lists_from: list[str] = []
    for f in facts:
        if f["kind"] == "bib" and f["id"]:
            for ref_id, _, line in f["refs"]:
                work = merged.ref_work.get(ref_id)
                if work:
                    edges[(f"doc:{f['id']}", work)] = {"relation": "lists", "doc": f["id"], "line": line}
                    lists_from.append(f"doc:{f['id']}")
    bare = {n: {} for n in lists_from if n not in nodes}  # a .bib file's node: reachable, not a work
    title_edges: dict[tuple[str, str], dict[str, Any]] = {}
    if mentions is not None:
        sources = _work_sources(facts, merged)
        own = {f"doc:{d}": set(ts) for d, ts in doc_targets.items()}
        for node, title in _titled(facts, merged.works):
            for name, surface in mentions(title):
                p = platforms.setdefault(f"platform:{name}", {"kind": "platform", "label": name, "mentions": 0, "aliases": set()})
                p["aliases"].add(surface)
                target = f"platform:{name}"
                if target in own.get(node, ()):  # the document's text already mentions it
                    continue
                doc, line = sources.get(node, (node.removeprefix("doc:"), 1))
                title_edges[(node, target)] = {"relation": "mentions", "doc": doc, "line": line}
    edges.update(title_edges)
    for subject, rel, obj in relations:
        a, b = f"platform:{subject}", f"platform:{obj}"
        if a in platforms and b in platforms:
            edges[(a, b)] = {"relation": rel, "doc": "gazetteer", "line": 0}  # a fact of the entity list, not of a document
    for p in platforms.values():
        p["aliases"] = sorted(p["aliases"])
    cited: dict[str, int] = defaultdict(int)
    for f in facts:
        if has_items(f, excerpt_of):
            for work in {merged.ref_work[r] for r in f["cited"] if r in merged.ref_work}:
                cited[work] += 1
    for node, attrs in nodes.items():
        if attrs["kind"] in ("work", "document"):
            attrs["cited_by"] = cited.get(node, 0)
    all_nodes = [*nodes.items(), *bare.items(), *people.items(), *platforms.items()]
    graph_facts = summary(facts, merged, excerpt_of, len(platforms), extra_problems)
    return Shared(all_nodes, [(u, v, d) for (u, v), d in edges.items()], frozenset(n.removeprefix("platform:") for n in platforms), graph_facts)


def _work_sources(facts: Sequence[Mapping[str, Any]], merged: Merged) -> dict[str, tuple[str, int]]:
    """For each work node, where it is described: (document id, line of its first reference entry or 1)."""
    out: dict[str, tuple[str, int]] = {w.node: (w.doc, 1) for w in merged.works if w.doc}
    for f in facts:
        if f["id"]:
            for ref_id, _, line in f["refs"]:
                node = merged.ref_work.get(ref_id)
                if node and node not in out:
                    out[node] = (f["id"], line)
    return out


def summary(facts: Sequence[Mapping[str, Any]], merged: Merged, excerpt_of: Mapping[str, str], platforms: int, extra_problems: Sequence[Problem] = ()) -> dict[str, Any]:
    """The one-screen facts of a build: counts and problems."""
    docs = [f for f in facts if f["id"]]
    status: dict[str, int] = defaultdict(int)
    for f in docs:
        if f["id"] not in excerpt_of:
            for k, v in f["status"].items():
                status[k] += v
    problems = [str(p) for p in extra_problems] + [str(Problem(*p)) for f in facts for p in f["problems"]]
    return {
        "documents": len(docs),
        "references": sum(len(f["refs"]) for f in docs),
        "works": len(merged.works),
        "citations": sum(status.values()),
        "resolved": status.get("resolved", 0),
        "dangling": status.get("dangling", 0),
        "ambiguous": status.get("ambiguous", 0),
        "claims": sum(f.get("claims", 0) for f in docs if has_items(f, excerpt_of)),
        "platforms": platforms,
        "problems": problems,
        "unread": sorted(f["path"] for f in facts if f["unread"]),
    }


def folded_edges(doc_node: str, nodes: Sequence[tuple[str, dict[str, Any]]], edges: Sequence[tuple[str, str, dict[str, Any]]]) -> list[tuple[str, str, dict[str, Any]]]:
    """A document's own edges with its claims folded in, as :func:`citegraph.views.fold_claims` folds them: the document's edges only.

    A claim's ``supports`` edges become (or join) the document's ``cites``
    edges with the claim's sentence added to their ``citations``; its
    ``mentions`` join the document's (counted); ``said-by`` becomes the
    document ``quotes`` the person.
    """
    claims = {n: d for n, d in nodes if d.get("kind") == "claim"}
    out: dict[str, dict[str, Any]] = {v: dict(d) for u, v, d in edges if u == doc_node and v not in claims}
    by_claim: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for u, v, d in edges:
        if u in claims:
            by_claim.setdefault(u, []).append((v, d))
    for c, cd in claims.items():
        text = str(cd.get("text") or cd.get("label") or "")
        for v, e in by_claim.get(c, ()):
            if v in claims:
                continue
            rel = str(e.get("relation") or "other")
            if rel in ("supports", "cites"):
                _fold_into(out, v, "cites", e, {"marker": "", "sentence": text, "line": cd.get("line", e.get("line", "")), "claim": str(c)})
            elif rel == "mentions":
                _fold_into(out, v, "mentions", e, None)
            elif rel == "said-by":
                _fold_into(out, v, "quotes", e, {"sentence": text, "line": cd.get("line", "")})
    return [(doc_node, v, d) for v, d in out.items()]


def _fold_into(out: dict[str, dict[str, Any]], v: str, relation: str, source: Mapping[str, Any], citation: dict[str, Any] | None) -> None:
    """Add the document's ``relation`` edge to ``v``, or join the one there (:func:`~citegraph.folding.join_edge`)."""
    existing = out.get(v)
    joined = join_edge(existing, relation, source, citation)
    if existing is None and joined is not None:
        out[v] = joined
