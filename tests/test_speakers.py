"""Statements attributed to named people and outlets in news prose."""

from pathlib import Path

import pytest

from citegraph.model import Citation, CiteKey, Document, Extraction, Span
from citegraph.resources import Resources
from citegraph.stages import claims
from citegraph.stages.sentences import split_sentences
from citegraph.stages.speakers import attribute, find_attributions

FAN = Path(__file__).resolve().parents[1] / "references" / "fan-2025-china-daily-apps-urged.txt"


def fan_extraction() -> Extraction:
    """The Fan article body: its paragraphs after the byline, as the clean stage would give them."""
    paragraphs = [p.strip() for p in FAN.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    byline = next(i for i, p in enumerate(paragraphs) if "Author:" in p)
    text = "\n\n".join(paragraphs[byline + 1 :])
    doc = Document(id="fan-2025", path=str(FAN), kind="news", csl={})
    return Extraction(path=str(FAN), text=text, document=doc)


@pytest.fixture(scope="module")
def fan_claims():
    return claims.run(fan_extraction(), Resources()).claims


ZHU_ROLE = "founding director of the China Institute of New Economy"
ZHOU_ROLE = "researcher at the Chinese Academy of International Trade and Economic Cooperation in Beijing"


@pytest.mark.parametrize(
    "start, speaker, role",
    [
        ("Zhu Keli, founding director", "Zhu Keli", ZHU_ROLE),
        ('"These companies should adopt', "Zhu Keli", ZHU_ROLE),  # '..." Zhu said.'
        ("The companies should offer tailored", "Zhu Keli", ZHU_ROLE),  # '..., Zhu added.'
        ("Jiang Han, a senior analyst", "Jiang Han", "senior analyst at market consultancy Pangoal"),
        ("Noting that the migration", "Jiang Han", "senior analyst at market consultancy Pangoal"),
        ("Zhou Mi, a researcher", "Zhou Mi", ZHOU_ROLE),
        ("Such platforms should reinforce", "Zhou Mi", ZHOU_ROLE),  # '..., Zhou added.'
        ("US President-elect Donald Trump is considering", "The Washington Post", None),
    ],
)
def test_fan_speakers(fan_claims, start, speaker, role):
    matching = [c for c in fan_claims if c.text.startswith(start)]
    assert len(matching) == 1
    assert (matching[0].speaker, matching[0].speaker_role) == (speaker, role)


def test_fan_unnamed_sources_are_not_claims(fan_claims):
    """'industry experts said', 'the experts noted', 'they said' have no named speaker: no claim."""
    assert len(fan_claims) == 8
    assert all(c.speaker for c in fan_claims)
    texts = " ".join(c.text for c in fan_claims)
    assert "industry experts said" not in texts and "they said" not in texts


def test_fan_claims_have_ids_spans_and_entities(fan_claims):
    x = fan_extraction()
    assert [c.id for c in fan_claims] == [f"fan-2025:c{n}" for n in range(1, 9)]
    for c in fan_claims:
        assert " ".join(x.text[c.source.start : c.source.end].split()) == c.text
        assert c.cites == ()
    by_start = {c.text[:20]: c for c in fan_claims}
    assert by_start["Noting that the migr"].entities == ("RedNote",)
    assert by_start["US President-elect D"].entities == ("TikTok", "The Washington Post")


@pytest.mark.parametrize(
    "sentence, speaker, role",
    [
        ("The platform will grow, said Li Wei, a professor at Peking University.", "Li Wei", "professor at Peking University"),
        ("According to Reuters, the ban was delayed.", "Reuters", None),
        ("According to Reuters, the ban was delayed, and talks resumed.", "Reuters", None),
        ("The ban was delayed, according to Zhu Keli, a professor at Peking University.", "Zhu Keli", "professor at Peking University"),
        ("The ban was delayed, according to the Washington Post.", "The Washington Post", None),
        ("Chinese Premier Li Qiang said growth was stable.", "Li Qiang", "Chinese Premier"),
        ("However, Zhu said the trend would last.", "Zhu", None),
        ('"We will comply," Shou Chew told reporters.', "Shou Chew", None),
        ("J. W. Rettberg noted that selfies matter.", "J. W. Rettberg", None),
        ("Reuters reported on Monday that talks stalled.", "Reuters", None),
        ("Industry experts said the market would grow.", None, None),
        ("They said the market would grow.", None, None),
        ("The experts noted that growth slowed.", None, None),
        ("Officials said nothing.", None, None),
        ("According to Figure 2, downloads rose.", None, None),
        ("Downloads rose in the US and the UK.", None, None),
    ],
)
def test_attribute(sentence, speaker, role):
    found = attribute(sentence)
    assert (found[1], found[2]) == (speaker, role) if speaker else found is None


def test_short_name_resolves_to_earlier_full_name_only():
    text = "Wang Fang, an editor at Xinhua, said it was early. Later, Wang added that it was fine. Li said no more."
    found = find_attributions(text, split_sentences(text))
    assert [(a.speaker, a.role) for a in found] == [
        ("Wang Fang", "editor at Xinhua"),
        ("Wang Fang", "editor at Xinhua"),
        ("Li", None),
    ]


@pytest.mark.parametrize(
    "kind, text, expected",
    [
        ("news", "Zhu said it grew. Growth will last, Zhu added.", 2),
        ("paper", "Zhu said it grew. Growth will last, Zhu added.", 0),  # no role: not clearly news-style
        ("paper", "Zhu Keli, an analyst, said it grew. Growth will last, Zhu added.", 2),
        ("excerpt", "Zhu Keli, an analyst, said it grew. Growth will last, Zhu added.", 2),
        ("paper", "Zhu Keli, an analyst, said it grew. Nothing else.", 0),  # one attribution is not enough
        ("bib", "Zhu Keli, an analyst, said it grew. Growth will last, Zhu added.", 0),
    ],
)
def test_attribution_by_document_kind(kind, text, expected):
    doc = Document(id="d", path="d.txt", kind=kind, csl={})
    x = claims.run(Extraction(path="d.txt", text=text, document=doc), Resources())
    assert len([c for c in x.claims if c.speaker]) == expected


def test_no_speakers_in_a_paper_with_citations():
    text = "Zhu Keli, an analyst, said it grew (Li, 2020). Growth will last, Zhu added."
    start = text.index("Li, 2020")
    c = Citation("Li, 2020", CiteKey(), "", Span("d.txt", 1, start, start + 8), ("li2020",), "resolved")
    doc = Document(id="d", path="d.txt", kind="paper", csl={})
    x = claims.run(Extraction(path="d.txt", text=text, document=doc, citations=(c,)), Resources())
    assert [(cl.cites, cl.speaker) for cl in x.claims] == [(("li2020",), None)]


def test_single_attribution_without_document_is_not_enough():
    x = claims.run(Extraction(path="d.txt", text="Zhu Keli, an analyst, said it grew. Nothing else here."), Resources())
    assert x.claims == ()


@pytest.mark.parametrize("line", ["Zhu said. " * 100_000, "Zhu Keli, " * 100_000, "A " * 500_000])
def test_hostile_text(line):
    found = find_attributions(line, split_sentences(line))
    assert all(a.speaker for a in found)


@pytest.mark.parametrize(
    "sentence,speaker,role",
    [
        ('"Prices need to reflect that," said Greg Peters, the company\'s co-chief executive, on a call with analysts.',
         "Greg Peters", "the company\'s co-chief executive"),
        ('"Not verification," said Tom Brennan, director of the Alliance, a London-based charity.', "Tom Brennan", "director of the Alliance"),
        ('"It is cheap," said Smith.', "Smith", None),
    ],
)
def test_inverted_attribution_with_trailing_clause(sentence, speaker, role):
    from citegraph.stages.speakers import attribute

    got = attribute(sentence)
    assert got is not None and got[1:] == (speaker, role)


def _speakers(text: str, organisations=None) -> list[tuple[str, str]]:
    """(sentence, speaker) of each attributed sentence of ``text``."""
    spans = split_sentences(text)
    return [(" ".join(text[a.start : a.end].split()), a.speaker) for a in find_attributions(text, spans, organisations)]


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # a pronoun refers back to the person just quoted
            '"Creators are the heart of the app," said Zhang Yiming, the founder. "We will pay them more," he said.',
            ["Zhang Yiming", "Zhang Yiming"],
        ),
        ("Anna Lindqvist, a senior official, said the rules were late. She said the guidance would follow.", ["Anna Lindqvist", "Anna Lindqvist"]),
        (  # too far back: not resolved
            "Anna Lindqvist, a senior official, said the rules were late. Prices rose. Wages fell. Rents climbed. She said it again.",
            ["Anna Lindqvist"],
        ),
        ("Markets fell on Monday. He said the fall was temporary.", []),  # no one to refer to
        ("They said the fall was temporary.", []),  # plural: unnamed
        ("LOS ANGELES — Netflix will raise the price of its basic plan, the company said on Wednesday.", ["Netflix"]),
        ("Meta said it would appeal. The firm added that it had complied with the law.", ["Meta", "Meta"]),
        ("Prices will rise, the company said.", []),  # no company named
        ("Greg Peters, the chief executive, said prices would rise. The company said nothing else.", ["Greg Peters"]),  # a person is not the company
    ],
)
def test_references_back_to_a_speaker(text, expected):
    assert [speaker for _, speaker in _speakers(text)] == expected


def test_the_company_can_be_one_the_gazetteer_named_before():
    text = "ByteDance owns the app in question. Users were not told. The company said the change was overdue."
    found = _speakers(text, lambda sentence: ["ByteDance"] if "ByteDance" in sentence else [])
    assert found == [("The company said the change was overdue.", "ByteDance")]
