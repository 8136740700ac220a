"""citegraph top, cocited, coupling, path, show on the sample corpus: tables, JSON, name resolution."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from citegraph.cli import main

from .conftest import CORPUS

COMMANDS = ["top", "cocited", "coupling", "path", "show"]


def run(*args):
    r = CliRunner().invoke(main, [*map(str, args), "-C", str(CORPUS)])
    return r


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_an_example(command):
    r = CliRunner().invoke(main, [command, "--help"])
    assert r.exit_code == 0 and "Example:" in r.output and f"citegraph {command}" in r.output and "--json" in r.output


@pytest.mark.parametrize("by, field", [("cited", "cited_by"), ("pagerank", "score")])
def test_top_json(by, field):
    r = run("top", "--by", by, "-n", 5, "--json")
    assert r.exit_code == 0
    rows = json.loads(r.output)
    assert len(rows) == 5 and [x["rank"] for x in rows] == [1, 2, 3, 4, 5]
    assert all(field in x and x["key"] for x in rows)
    values = [x[field] for x in rows]
    assert values == sorted(values, reverse=True)


def test_top_table():
    r = run("top", "-n", 3)
    assert r.exit_code == 0 and "rank" in r.output and "cited_by" in r.output


def test_cocited_lists_works_cited_by_the_same_document():
    rows = json.loads(run("cocited", "Curran 2007", "--json").output)
    assert rows and all(x["documents"] == ["miaoGlobal2025"] for x in rows)
    assert "curranMedia2007" not in {x["key"] for x in rows}


def test_coupling_runs_on_a_document():
    r = run("coupling", "Miao 2025", "--json")
    assert r.exit_code == 0 and isinstance(json.loads(r.output), list)


def test_path_between_a_news_article_and_a_cited_work():
    rows = json.loads(run("path", "Fan 2025", "Curran 2007", "--json").output)
    assert rows[0]["key"] == "fanDemand2025" and rows[-1]["key"] == "curranMedia2007"
    assert rows[0]["relation"] == "" and all(x["relation"] for x in rows[1:])


@pytest.mark.parametrize(
    "query, node",
    [("Curran 2007", "work:curranMedia2007"), ("TikTok", "platform:TikTok"), ("curranMedia2007", "work:curranMedia2007")],
)
def test_show_resolves_names(query, node):
    rows = json.loads(run("show", query, "--json").output)
    assert rows[0] == {"section": "attribute", "name": "id", "value": node, "node": "", "line": ""}
    assert any(x["section"] != "attribute" for x in rows)


def test_show_table_has_attributes_and_links():
    r = run("show", "Curran 2007")
    assert r.exit_code == 0 and "Media and cultural theory" in r.output and "← cites" in r.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["cocited", "Nobody 1999"], "no work matches"),
        (["coupling", "Curran 2007"], "no document matches"),
        (["show", "Gao"], "matches several"),
        (["path", "Fan 2025", "zzz qqq"], "no node matches"),
    ],
)
def test_unknown_or_ambiguous_names_exit_2(args, message):
    r = run(*args)
    assert r.exit_code == 2
    assert message in r.output
