"""citegraph export: every format written atomically, readable back by its reader."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from citegraph.cli import main
from citegraph.readwrite.csljson import read_csljson
from citegraph.readwrite.graphml import from_gexf, from_graphml
from citegraph.readwrite.nodelink import from_json
from citegraph.readwrite.ris import read_ris

from .conftest import CORPUS


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def bib_keys():
    import bibtexparser

    out = CliRunner().invoke(main, ["bib", "-C", str(CORPUS)], catch_exceptions=False).output
    return sorted(e.key for e in bibtexparser.parse_string(out).entries)


@pytest.mark.parametrize("fmt", ["csljson", "ris"])
def test_item_formats_carry_every_work_under_its_bib_key(tmp_path, fmt, bib_keys):
    out = tmp_path / f"refs.{fmt}"
    r = run("export", "--format", fmt, "-o", out, "-C", CORPUS)
    assert r.exit_code == 0 and out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    items, problems = (read_csljson if fmt == "csljson" else read_ris)(out.read_text(encoding="utf-8"))
    assert problems == []
    assert sorted(it["id"] for it in items) == bib_keys
    assert all(it.get("title") for it in items)


@pytest.mark.parametrize("fmt, reader", [("graphml", from_graphml), ("gexf", from_gexf), ("json", from_json)])
def test_graph_formats_give_the_graph_back(tmp_path, fmt, reader):
    out = tmp_path / f"graph.{fmt}"
    assert run("export", "--format", fmt, "-o", out, "-C", CORPUS).exit_code == 0
    g = reader(out.read_text(encoding="utf-8"))
    kinds = {d.get("kind") for _, d in g.nodes(data=True)}
    assert {"document", "work", "claim", "platform"} <= kinds
    assert any(d.get("relation") == "cites" and isinstance(d.get("citations"), list) for _, _, d in g.edges(data=True))


def test_stdout_and_doc_filter():
    whole = json.loads(run("export", "--format", "csljson", "-C", CORPUS).output)
    one = json.loads(run("export", "--format", "csljson", "--doc", "Hu & Liang 2023", "-C", CORPUS).output)
    assert 0 < len(one) < len(whole)
    assert {it["id"] for it in one} <= {it["id"] for it in whole}


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["--format", "graphml", "--doc", "Miao 2025"], 2, "only csljson and ris"),
        (["--format", "bibtex"], 2, "Invalid value"),
        (["--format", "ris", "--doc", "Nobody 1999"], 2, "no document matches"),
    ],
)
def test_bad_usage(args, code, message):
    r = CliRunner().invoke(main, ["export", *args, "-C", str(CORPUS)])
    assert r.exit_code == code
    assert message in r.output


def test_help_has_an_example():
    r = run("export", "--help")
    assert r.exit_code == 0 and "Example:" in r.output and "citegraph export" in r.output
