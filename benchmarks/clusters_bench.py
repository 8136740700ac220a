"""How fast and how right :func:`citegraph.clusters.clusters` is.

1. Planted schools: 5,000 works in ``--schools`` topics (each with its own title
   words and a long-tailed popularity), 1,000 documents citing 30 works each,
   ``--stray`` of them from other topics. Prints the time, the clusters found and
   how well they recover the topics (purity, NMI), and how many labels name the
   topic's own words.
2. The graphs of ``page_bench.py`` (what the page computes): a generated corpus of
   300 papers through the whole pipeline (``gen_corpus.py``) and the synthetic one.

    .venv/bin/python benchmarks/clusters_bench.py [--docs 1000] [--works 5000] [--refs 30] [--schools 8] [--stray 0.2] [--no-pipeline]
"""

from __future__ import annotations

import argparse
import bisect
import math
import random
import statistics
import sys
import time
from collections import Counter
from itertools import accumulate
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from citegraph.clusters import clusters  # noqa: E402

TOPICS = [
    "platform governance regulation policy moderation law".split(),
    "creator labour influencer economy monetisation work".split(),
    "algorithm recommendation feed personalisation ranking visibility".split(),
    "youth identity teenagers wellbeing selfhood adolescence".split(),
    "china soft power diplomacy nation branding globalisation".split(),
    "news journalism misinformation verification newsroom fact".split(),
    "commerce shopping livestream retail consumer brand".split(),
    "music dance memes virality sound trend".split(),
    "privacy surveillance data tracking consent security".split(),
    "education learning classroom pedagogy students literacy".split(),
]
SHARED = "social media short video platforms digital online users communication".split()


def planted(n_docs: int, n_works: int, refs: int, schools: int, stray: float, seed: int = 1) -> tuple[nx.DiGraph, dict[str, int]]:
    """A citation graph whose works belong to ``schools`` topics; the topic of every work."""
    rng = random.Random(seed)
    g = nx.DiGraph()
    topic: dict[str, int] = {}
    pools: list[list[str]] = [[] for _ in range(schools)]
    for i in range(n_works):
        t = i % schools
        words = rng.sample(TOPICS[t % len(TOPICS)], 2) + rng.sample(SHARED, 3)
        rng.shuffle(words)
        node = f"work:w{i}"
        g.add_node(node, kind="work", key=f"w{i}", label=f"W{i}", title=" ".join(words).capitalize())
        topic[node] = t
        pools[t].append(node)
    cums = [list(accumulate(1.0 / (r + 1) ** 0.9 for r in range(len(p)))) for p in pools]
    for j in range(n_docs):
        doc = f"doc:d{j}"
        home = j % schools
        g.add_node(doc, kind="document", key=f"d{j}", label=f"D{j}", title=" ".join(rng.sample(TOPICS[home % len(TOPICS)], 3)))
        cited: set[str] = set()
        while len(cited) < refs:
            t = home if rng.random() >= stray else rng.randrange(schools)
            cited.add(pools[t][bisect.bisect_left(cums[t], rng.random() * cums[t][-1])])
        for w in sorted(cited):
            g.add_edge(doc, w, relation="cites")
    return g, topic


def nmi(a: list[int], b: list[int]) -> float:
    """Normalised mutual information of two labellings of the same items."""
    n = len(a)
    ca, cb, cab = Counter(a), Counter(b), Counter(zip(a, b))
    mi = sum(c / n * math.log(c * n / (ca[x] * cb[y])) for (x, y), c in cab.items())
    ha = -sum(c / n * math.log(c / n) for c in ca.values())
    hb = -sum(c / n * math.log(c / n) for c in cb.values())
    return mi / math.sqrt(ha * hb) if ha and hb else 1.0


def timed(g: nx.DiGraph, runs: int = 3) -> tuple[float, list]:
    times, found = [], []
    for _ in range(runs):
        t = time.perf_counter()
        found = clusters(g)
        times.append(time.perf_counter() - t)
    return statistics.median(times), found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--works", type=int, default=5000)
    ap.add_argument("--refs", type=int, default=30)
    ap.add_argument("--schools", type=int, default=8)
    ap.add_argument("--stray", type=float, default=0.2)
    ap.add_argument("--no-pipeline", action="store_true", help="Skip the 300-paper corpus run through the pipeline.")
    args = ap.parse_args()

    g, topic = planted(args.docs, args.works, args.refs, args.schools, args.stray)
    cited = sum(1 for n in g if g.in_degree(n))
    seconds, found = timed(g)
    member = {w: c.number for c in found for w in c.works}
    items = sorted(member)
    purity = sum(Counter(topic[w] for w in c.works).most_common(1)[0][1] for c in found) / max(1, len(items))
    named = 0
    for c in found:
        t = Counter(topic[w] for w in c.works).most_common(1)[0][0]
        named += bool(set(c.words) & set(TOPICS[t % len(TOPICS)]))
    print(f"planted: {args.docs} documents x {args.refs} refs, {args.works} works ({cited} cited), {args.schools} topics, stray {args.stray}")
    print(f"  clusters(): {seconds:.2f} s (median of 3)  clusters: {len(found)}  works clustered: {len(items)}  "
          f"documents placed: {sum(len(c.documents) for c in found)}")
    print(f"  purity {purity:.3f}  NMI {nmi([topic[w] for w in items], [member[w] for w in items]):.3f}  labels naming their topic: {named}/{len(found)}")
    for c in found[:10]:
        print(f"    {c.number:3} size {c.size:5}  {c.label}")

    from page_bench import generated_corpus_graph, synthetic_graph

    cases = [("300 papers, synthetic (page_bench)", lambda: synthetic_graph(300, 23, 5))]
    if not args.no_pipeline:
        cases.insert(0, ("300 papers, pipeline (page_bench)", generated_corpus_graph))
    for name, make in cases:
        g = make()
        seconds, found = timed(g)
        print(f"{name}: {len(g)} nodes  clusters(): {seconds:.2f} s  clusters: {len(found)}  works clustered: {sum(c.size for c in found)}")


if __name__ == "__main__":
    main()
