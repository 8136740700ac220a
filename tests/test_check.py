"""``citegraph check``: planted problems are each reported with file:line and a suggestion; clean manuscripts exit 0."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from citegraph.cli import main

REFS_APA = """
## References

Gao, Q., Li, Y., & Zhu, K. (2012a). Platforms and publics. *New Media & Society, 14*(3), 1-20.

Nieborg, D. B., & Poell, T. (2018). The platformization of cultural production. *New Media & Society, 20*(11), 4275-4292.

Smith, A. (2020). Moderation in community groups. *Digital Journalism, 8*(9), 1150-1168.

Zhang, Y. (2019). Counting likes. *Journal of Media Economics, 32*(2), 44-61.

Wood, T. (2021). Corrections that work. *Political Behavior, 41*(1), 135-163.
"""

REFS_TWO_SMITHS = REFS_APA.replace("Wood, T. (2021). Corrections that work. *Political Behavior, 41*(1), 135-163.", "Smith, K. (2020). Who do residents trust? *Journalism Studies, 21*(14), 1960-1977.")

CLEAN_APA = """# Platforms

## Introduction

Platforms reorganise cultural production (Nieborg & Poell, 2018). Gao et al. (2012a) describe platform publics,
and in 2017, TikTok merged with Musical.ly. Counts matter (Zhang, 2019), as do moderators (Smith, 2020a).
Trust is another matter entirely (see Smith, 2020b, p. 3). Participants were aged 18-30 (Table 2; 2020–2021).

## References

Gao, Q., Li, Y., & Zhu, K. (2012a). Platforms and publics. *New Media & Society, 14*(3), 1-20.

Nieborg, D. B., & Poell, T. (2018). The platformization of cultural production. *New Media & Society, 20*(11), 4275-4292.

Smith, A. (2020a). Moderation in community groups. *Digital Journalism, 8*(9), 1150-1168.

Smith, K. (2020b). Who do residents trust? *Journalism Studies, 21*(14), 1960-1977.

Zhang, Y. (2019). Counting likes. *Journal of Media Economics, 32*(2), 44-61.
"""

CLEAN_IEEE = """Streaming and energy

1. Introduction

Estimates differ widely [1]–[3], and later analyses revised them [2, 3]. The model is E = P(b) (1), and
in code the total is e[0] + e[1]. See Table 2 for 2010–2015 figures [1].

References

[1] G. Kamiya, "The carbon footprint of streaming video," IEA, Paris, 2020.
[2] J. Aslan, K. Mayers, J. G. Koomey, and C. France, "Electricity intensity of internet data transmission," J. Ind. Ecol., vol. 22, no. 4, pp. 785-798, 2018.
[3] D. Schien, P. Shabajee, and C. Preist, "Overview of the energy footprint of video streaming," in Proc. ICT4S, 2021, pp. 1-10.
"""


def _body(text: str, refs: str = REFS_APA) -> str:
    return "# Title\n\n## Introduction\n\n" + text + "\n" + refs


# (name, manuscript, expected (code, line) findings, words each finding's line must contain)
PLANTED = [
    (
        "suffix that does not exist",
        _body("Platforms have publics (Gao et al., 2012b). Others agree (Nieborg & Poell, 2018; Zhang, 2019; Smith, 2020; Wood, 2021)."),
        [("dangling", 5), ("uncited", 9)],
        ["Gao et al., 2012b: no entry", "did you mean Gao, Q. et al. 2012a?", "Gao, Q. et al. 2012a: never cited"],
    ),
    (
        "citation with no entry",
        _body("Moderation matters (Marwick, 2013; Nieborg & Poell, 2018). Gao et al. (2012a), Smith (2020), Wood (2021) and Zhang (2019) agree."),
        [("dangling", 5)],
        ["Marwick, 2013: no entry"],
    ),
    (
        "ambiguous author-year",
        _body("Moderators delete posts, Smith (2020) finds. See also Nieborg and Poell (2018), Gao et al. (2012a) and Zhang (2019).", REFS_TWO_SMITHS),
        [("ambiguous", 5)],
        ["Smith (2020): 2 entries match", "year suffix"],
    ),
    (
        "entries never cited",
        _body("Platforms (Nieborg & Poell, 2018; Gao et al., 2012a) count likes (Zhang, 2019)."),
        [("uncited", 13), ("uncited", 17)],
        ["Smith, A. 2020: never cited", "Wood, T. 2021: never cited", "remove it from the list"],
    ),
    (
        "numeric citation with no entry",
        CLEAN_IEEE.replace("figures [1].", "figures [4]."),
        [("dangling", 6)],
        ["[4]: no entry"],
    ),
    (
        "MLA author with two works",
        "Captions\n\nIntimacy is manufactured (Abidin 3). Audiences are imagined (Marwick 115; Abidin, \"Internet Celebrity\" 89).\n\n"
        "Works Cited\n\nAbidin, Crystal. \"Communicative Intimacies.\" Ada, no. 8, 2015, pp. 1-16.\n"
        "Abidin, Crystal. Internet Celebrity: Understanding Fame Online. Emerald, 2018.\n"
        "Marwick, Alice E. Status Update. Yale UP, 2013.\n",
        [("ambiguous", 3)],
        ["Abidin 3: 2 entries match", "short title"],
    ),
]


@pytest.fixture()
def run_check(tmp_path):
    def run(text: str, *args: str, name: str = "paper.md"):
        p = tmp_path / name
        p.write_text(text, encoding="utf-8")
        return str(p), CliRunner().invoke(main, ["check", str(p), *args])

    return run


@pytest.mark.parametrize("name,text,expected,words", PLANTED, ids=[p[0] for p in PLANTED])
def test_planted_problems_are_reported_with_line_and_suggestion(run_check, name, text, expected, words):
    path, r = run_check(text)
    assert r.exit_code == 1, r.output
    lines = [ln for ln in r.stdout.splitlines() if ln.strip()]
    got = sorted(int(ln[len(path) + 1 :].split(":")[0]) for ln in lines)
    assert got == sorted(line for _, line in expected), r.stdout
    assert all(ln.startswith(f"{path}:") for ln in lines)
    for w in words:
        assert any(w in ln for ln in lines), (w, r.stdout)


@pytest.mark.parametrize("name,text,expected,words", PLANTED, ids=[p[0] for p in PLANTED])
def test_json_lists_the_same_problems(run_check, name, text, expected, words):
    _, r = run_check(text, "--json")
    assert r.exit_code == 1
    rows = json.loads(r.stdout)
    assert sorted((row["code"], row["line"]) for row in rows) == sorted(expected)


@pytest.mark.parametrize("text,name", [(CLEAN_APA, "clean.md"), (CLEAN_IEEE, "clean.txt")], ids=["apa", "ieee"])
def test_clean_manuscript_exits_0_and_prints_nothing(run_check, text, name):
    _, r = run_check(text, name=name)
    assert r.exit_code == 0, r.stdout
    assert r.stdout.strip() == ""
    _, r = run_check(text, "--json", name=name)
    assert json.loads(r.stdout) == []


def test_unrecognised_style_is_a_note_not_a_flood(run_check):
    refs = "\n".join(f"[{i}] A. Author{chr(65 + i)}, \"A study of things number {i},\" J. Things, vol. {i}, pp. 1-9, 20{10 + i}." for i in range(1, 9))
    text = "Title\n\nIntroduction\n\nOnly one claim is cited in a way the finder reads [1]; the rest use a style it does not.\n\nReferences\n\n" + refs + "\n"
    _, r = run_check(text, name="odd.txt")
    assert "never cited" not in r.stdout
    assert "style may not be recognised" in r.stderr
    assert r.exit_code == 0
