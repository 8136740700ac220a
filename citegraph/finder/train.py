"""Train the finder's line-labelling CRF; ``python -m citegraph.finder.train`` writes the model.

Each training document is used three times: as extracted from the PDF, with
indentation stripped (text extractors often lose it), and reflowed like a
markdown conversion (paragraphs and entries on one line, page furniture
dropped, headings marked with "#", entries bulleted) so that the model also
knows documents that were not wrapped.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Sequence

import pycrfsuite

from .data import TtxLine, default_ttx_files, read_ttx
from .features import document_features

__all__ = ["MODEL_PATH", "variants", "train_model", "cross_validate", "main"]

MODEL_PATH = os.path.join(os.path.dirname(__file__), "model.crfsuite")
PARAMS = {"c1": 0.1, "c2": 0.05, "max_iterations": 150, "feature.possible_transitions": True}


def _reflow(doc: Sequence[TtxLine], bullets: bool) -> list[TtxLine]:
    """A markdown-like version of a labelled PDF document."""
    blocks: list[tuple[str, list[str]]] = []
    lens = sorted(len(ln.text.strip()) for ln in doc if ln.text.strip())
    full = lens[int(len(lens) * 0.8)] if lens else 80
    for ln in doc:
        s = ln.text.strip()
        if not s or ln.label in ("blank", "meta"):
            if blocks and blocks[-1][1]:
                blocks.append(("", []))
            continue
        cur = blocks[-1] if blocks else None
        new = cur is None or cur[0] != ln.label or not cur[1] or ln.label == "title"
        if ln.label == "ref" and ln.starts:
            new = True
        if ln.label == "text" and cur and cur[1] and len(cur[1][-1]) < 0.7 * full:
            new = True
        if new:
            blocks.append((ln.label, [s]))
        else:
            cur[1].append(s)
    out: list[TtxLine] = []
    for label, parts in blocks:
        if not parts:
            continue
        text = " ".join(parts)
        if label == "title":
            text = "#### " + text if bullets else text
        elif label == "ref" and bullets:
            text = "- " + text
        if out:
            out.append(TtxLine("blank", "", True))
        out.append(TtxLine(label, text, True))
    return out


def variants(doc: Sequence[TtxLine]) -> list[list[TtxLine]]:
    """The training versions of one document (as is, unindented, reflowed)."""
    flat = [TtxLine(ln.label, ln.text.strip(), ln.starts) for ln in doc]
    return [list(doc), flat, _reflow(doc, bullets=True), _reflow(doc, bullets=False)]


def _xy(doc: Sequence[TtxLine]) -> tuple[list[list[str]], list[str]]:
    return document_features([ln.text for ln in doc]), [ln.label for ln in doc]


def train_model(docs: Sequence[Sequence[TtxLine]], path: str, augment: bool = True) -> None:
    """Train a CRF on labelled documents and write it to ``path``."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for doc in docs:
        for v in variants(doc) if augment else [list(doc)]:
            x, y = _xy(v)
            trainer.append(x, y)
    trainer.set_params(PARAMS)
    trainer.train(path)


def cross_validate(files: Sequence[str], workdir: str) -> list[dict[str, float]]:
    """Leave-one-document-out: for each file, train on the others and score the finder on it.

    Scores are over non-blank lines: ``recall`` = share of reference lines taken,
    ``false`` = share of taken lines that are not references.
    """
    from . import Finder

    docs = [read_ttx(f) for f in files]
    results = []
    for k, f in enumerate(files):
        path = os.path.join(workdir, f"fold{k}.crfsuite")
        train_model([d for j, d in enumerate(docs) if j != k], path)
        finder = Finder(path)
        doc = docs[k]
        lines = [ln.text for ln in doc]
        t0 = time.perf_counter()
        taken = finder.reference_lines(lines)
        dt = time.perf_counter() - t0
        gold = {i for i, ln in enumerate(doc) if ln.label == "ref" and ln.text.strip()}
        got = {i for i in taken if lines[i].strip()}
        results.append(
            {
                "doc": os.path.basename(f),
                "lines": len(lines),
                "gold": len(gold),
                "taken": len(got),
                "recall": len(gold & got) / len(gold) if gold else 1.0,
                "false": len(got - gold) / len(got) if got else 0.0,
                "lines_per_s": len(lines) / dt if dt else 0.0,
            }
        )
    return results


def main(argv: Sequence[str] | None = None) -> int:
    """Train on all ``.ttx`` files and write the model."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", default=None, help="directory of .ttx files")
    ap.add_argument("--out", default=MODEL_PATH)
    args = ap.parse_args(argv)
    files = default_ttx_files(args.data)
    if not files:
        print("no .ttx files found", file=sys.stderr)
        return 1
    t0 = time.perf_counter()
    train_model([read_ttx(f) for f in files], args.out)
    print(f"trained on {len(files)} documents in {time.perf_counter() - t0:.1f}s -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
