"""The command line, through click's CliRunner."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from citegraph.cli import main

from .conftest import CORPUS, MIAO

COMMANDS = ["build", "extract", "parse-ref", "cites", "cited-by", "claims", "platforms", "bib", "check"]


@pytest.fixture()
def run():
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)

    return invoke


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(run, command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output and "citegraph " in result.output


def test_build_writes_outputs_and_summary(run, tmp_path):
    r = run("build", CORPUS, "-o", tmp_path / "out")
    assert r.exit_code == 0
    assert "citations" in r.output and "open the page:" in r.output
    for name in ("graph.html", "references.bib", "graph.json"):
        assert (tmp_path / "out" / name).stat().st_size > 0


def test_build_survives_bad_files(run, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(MIAO, corpus / "miao.md")
    (corpus / "empty.txt").write_text("")
    (corpus / "binary.pdf").write_bytes(b"\x00\x01\x02garbage" * 50)
    (corpus / "latin.txt").write_bytes(b"\xff\xfe\x00\xd8")
    r = run("build", corpus, "-o", tmp_path / "out", "--json")
    assert r.exit_code == 0
    data = json.loads(r.output)["summary"]
    assert data["documents"] >= 1 and data["resolved"] >= 15
    problems = "\n".join(data["problems"])
    assert "empty.txt" in problems and "binary.pdf" in problems


def test_extract_json_shape(run):
    r = run("extract", MIAO, "--json")
    d = json.loads(r.output)
    assert set(d) >= {"document", "references", "citations", "claims", "entities"}
    assert d["references"][0]["raw"].startswith("Alhabash, S., & Ma, M. 2017.")
    assert {c["status"] for c in d["citations"]} == {"resolved", "dangling"}
    assert all({"id", "text", "cites", "entities", "speaker"} <= set(c) for c in d["claims"])


def test_parse_ref_stdin_json_and_bibtex():
    runner = CliRunner()
    lines = "Curran, J. 2007. Media and cultural theory. Routledge.\nFlew, T., & Iosifidis, P. 2019. Populism, globalisation and social media. International Communication Gazette 82(1): 7–25.\n"
    r = runner.invoke(main, ["parse-ref", "-"], input=lines)
    items = json.loads(r.output)
    assert [i["author"][0]["family"] for i in items] == ["Curran", "Flew"]
    assert items[1]["volume"] == "82" and items[1]["page"] == "7-25"
    r = runner.invoke(main, ["parse-ref", "-", "--format", "bibtex"], input=lines)
    assert r.output.count("@") == 2 and "Gazette" in r.output


@pytest.mark.parametrize(
    "args, expect",
    [
        (["cited-by", "Su & Kaye 2023"], "Su & Kaye, 2023"),
        (["cited-by", "curran 2007", "--json"], "Curran, 2007"),
        (["cites", "Miao 2025"], "Curran"),
        (["claims", "--platform", "RedNote"], "RedNote"),
        (["platforms"], "TikTok"),
        (["bib"], "@"),
    ],
)
def test_queries(run, args, expect):
    r = run(*args, "-C", CORPUS)
    assert r.exit_code == 0, r.output
    assert expect in r.output


def test_ambiguous_query_lists_candidates_and_exits_2(run):
    r = run("cited-by", "Li 2022", "-C", CORPUS)
    assert r.exit_code == 2
    assert r.output.count("li") >= 2


def test_check_reports_and_exits_1(run):
    r = run("check", MIAO)
    assert r.exit_code == 1
    assert "Gao et al., 2012b" in r.output and "2012a" in r.output
    assert "never cited" in r.output


def test_check_clean_manuscript_exits_0(run, tmp_path):
    p = tmp_path / "clean.md"
    p.write_text(
        "# A clean paper\n\nMedia theory matters (Curran, 2007). Platforms borrow content (Su & Kaye, 2023).\n\n"
        "## References\n\n- Curran, J. 2007. Media and cultural theory. Routledge.\n"
        "- Su, C., & Kaye, B.V. 2023. Borderline practices on Douyin/TikTok. Media, Culture & Society: 1–16.\n",
        encoding="utf-8",
    )
    r = run("check", p)
    assert r.exit_code == 0, r.output


def test_bib_to_file_is_written_atomically(run, tmp_path):
    out = tmp_path / "refs.bib"
    out.write_text("old content")
    r = run("bib", "-o", out, "--biblatex", "-C", CORPUS)
    assert r.exit_code == 0
    assert out.read_text(encoding="utf-8").count("@") >= 20


def test_bad_entities_file_is_a_clear_error(run, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    r = CliRunner().invoke(main, ["build", str(CORPUS), "-o", str(tmp_path / "o"), "--entities", str(bad)])
    assert r.exit_code == 2 and "bad.json" in r.output


def test_build_says_when_the_bib_needs_a_unicode_engine(tmp_path):
    corpus = tmp_path / "papers"
    corpus.mkdir()
    (corpus / "p.md").write_text("# A paper\n\nText (Wang, 2021).\n\n## References\n\nWang, L. (2021). 小红书的全球化传播. 新闻大学, 3, 1-10.\n", encoding="utf-8")
    out = CliRunner().invoke(main, ["build", str(corpus), "-o", str(tmp_path / "out")], env={"CITEGRAPH_CACHE": str(tmp_path / "cache")})
    assert out.exit_code == 0 and "Chinese, Japanese or Korean characters: compile with xelatex" in out.output
    bib = CliRunner().invoke(main, ["bib", "-C", str(corpus)], env={"CITEGRAPH_CACHE": str(tmp_path / "cache")})
    assert "compile with xelatex" in bib.stderr and bib.stdout.startswith("@")


@pytest.mark.parametrize(
    "args, code, out, err",
    [(["--version"], 0, "citegraph", ""), (["no-such-command"], 2, "", "No such command"), (["cited-by", "--help"], 0, "Example", "")],
)
def test_the_installed_command_exits_with_clicks_code_and_flushed_output(args, code, out, err):
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-c", "from citegraph.cli import run; run()", *args], capture_output=True, text=True)
    assert proc.returncode == code
    assert out in proc.stdout and err in proc.stderr
