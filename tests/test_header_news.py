"""The header stage on news articles: byline, date line, masthead, dateline agency (citegraph.stages.header_news)."""

from __future__ import annotations

import pytest

from citegraph.resources import Resources
from citegraph.stages import header
from citegraph.stages.header import parse_header
from citegraph.stages.read import read

from .conftest import NEWS

GUARDIAN = ["The Guardian", "Technology", "", "Ofcom fines video app over child safety", "", "By Alex Hern and Dan Milmo", "Updated 4 March 2025 09.15 GMT", "Published 3 March 2025 14.02 GMT", "", "The regulator said so. It acted."]
NYT = ["The New York Times", "Subscribe for $1/week", "Meta to End Fact-Checking Program", "The company will replace fact-checkers.", "By Mike Isaac", "Published Jan. 7, 2025  Updated Jan. 8, 2025"]
SCMP = ["South China Morning Post", "Tech / Big Tech", "", "Xiaohongshu hires English moderators", "", "Coco Feng and Ben Jiang", "in Beijing", "Published: 8:00pm, 15 Jan 2025"]
WIRE = ["Indonesia orders e-commerce sites to delist goods", "By Stefanno Sulaiman", "February 12, 2024", "", "JAKARTA, Feb 12 (Reuters) - Indonesia has ordered platforms to act."]
BREADCRUMB = ["Home > World > Asia", "Floods hit the coast again this week", "By Jane Doe | Updated: March 3, 2024", "", "Text."]
CAPS_BYLINE = ["Floods hit the coast again this week", "BY JANE DOE", "March 3, 2024", "", "The rain fell. It fell."]
MD_BYLINE = ["# Why the Feed Matters", "", "*By Sam Lee · 12 May 2023*", "", "Body text. More text."]
PUBLISHED_NEXT_LINE = ["The Atlantic", "", "The Algorithm Will See You Now", "", "By Jenna Park", "Published", "June 2, 2023", "", "Body. Body."]
UPDATED_FIRST = ["Daily Herald", "City council votes on new budget plan", "By Tom Reyes", "Updated 5 April 2024", "Published 4 April 2024", "", "Body."]
BYLINE_ROLE = ["Tech giants face new fines in Europe", "By Zoe Kleinman, Technology editor", "12 March 2024", "", "Body."]
AFP_DATELINE = ["Flights cancelled as storm nears", "By Marc Dupont", "October 3, 2023", "", "PARIS, Oct 3 (AFP) - Flights were cancelled."]
ISO_DATE = ["BBC News", "Online safety act comes into force", "By Chris Vallance", "2025-03-17", "", "Body."]
SOURCE_AUTHOR = ["Source: Xinhua | Author: Li Xiaoming | Updated: 2024-05-06", "Short video apps expand overseas reach", "", "Text here. More."]
# Not news: a byline and a date, but also an abstract, a DOI, or the date too far from the byline.
WITH_ABSTRACT = ["Floods and Media Coverage in Asia", "By Jane Doe", "March 3, 2024", "Abstract: We study.", ""]
WITH_DOI = ["Floods and Media Coverage in Asia", "By Jane Doe", "March 3, 2024", "https://doi.org/10.1234/abc", ""]
DATE_FAR = ["Floods and Media Coverage in Asia", "By Jane Doe", "", "a", "b", "c", "d", "e", "March 3, 2024"]
TF_COVER = ["Journal of Media Ethics", "ISSN: 2373-6992 (Print) Journal homepage: https://www.tandfonline.com/loi/hmme21", "", "Trust in Local News: A Survey Experiment", "", "Jane Roe & John Doe", "", "Published online: 05 Mar 2020."]


def _fields(lines):
    """(kind, title, author family names, date parts, outlet) as parse_header reads them."""
    csl, kind, _ = parse_header(lines)
    date = ((csl.get("issued") or {}).get("date-parts") or [None])[0]
    return kind, csl.get("title"), [a["family"] for a in csl.get("author", [])], date, csl.get("container-title")


@pytest.mark.parametrize(
    "lines, expected",
    [
        (GUARDIAN, ("news", "Ofcom fines video app over child safety", ["Hern", "Milmo"], [2025, 3, 3], "The Guardian")),
        (NYT, ("news", "Meta to End Fact-Checking Program", ["Isaac"], [2025, 1, 7], "The New York Times")),
        (SCMP, ("news", "Xiaohongshu hires English moderators", ["Feng", "Jiang"], [2025, 1, 15], "South China Morning Post")),
        (WIRE, ("news", "Indonesia orders e-commerce sites to delist goods", ["Sulaiman"], [2024, 2, 12], "Reuters")),
        (BREADCRUMB, ("news", "Floods hit the coast again this week", ["Doe"], [2024, 3, 3], None)),
        (CAPS_BYLINE, ("news", "Floods hit the coast again this week", ["Doe"], [2024, 3, 3], None)),
        (MD_BYLINE, ("news", "Why the Feed Matters", ["Lee"], [2023, 5, 12], None)),
        (PUBLISHED_NEXT_LINE, ("news", "The Algorithm Will See You Now", ["Park"], [2023, 6, 2], "The Atlantic")),
        (UPDATED_FIRST, ("news", "City council votes on new budget plan", ["Reyes"], [2024, 4, 4], "Daily Herald")),
        (BYLINE_ROLE, ("news", "Tech giants face new fines in Europe", ["Kleinman"], [2024, 3, 12], None)),
        (AFP_DATELINE, ("news", "Flights cancelled as storm nears", ["Dupont"], [2023, 10, 3], "AFP")),
        (ISO_DATE, ("news", "Online safety act comes into force", ["Vallance"], [2025, 3, 17], "BBC News")),
        (WITH_ABSTRACT, ("paper", "Floods and Media Coverage in Asia", ["Doe"], [2024, 3, 3], None)),
        (WITH_DOI, ("paper", "Floods and Media Coverage in Asia", ["Doe"], [2024, 3, 3], None)),
        (DATE_FAR, ("paper", "Floods and Media Coverage in Asia", ["Doe"], [2024, 3, 3], None)),
        (TF_COVER, ("paper", "Trust in Local News: A Survey Experiment", ["Roe", "Doe"], [2020, 3, 5], "Journal of Media Ethics")),
    ],
    ids=["guardian", "nyt", "scmp-unmarked-byline", "wire-dateline", "breadcrumb-byline-updated", "caps-byline", "md-byline-dot",
         "published-date-next-line", "published-beats-updated", "byline-role-dropped", "afp-dateline", "iso-date",
         "abstract-not-news", "doi-not-news", "date-far-not-news", "tf-cover-not-news"],
)
def test_news_fields(lines, expected):
    assert _fields(lines) == expected


@pytest.mark.parametrize(
    "lines, header_lines, body_lines",
    [
        (GUARDIAN, {0, 3, 5, 6, 7}, {9}),
        (NYT, {0, 2, 4, 5}, {3}),
        (WIRE, {0, 1, 2}, {4}),
        (SOURCE_AUTHOR, {0}, {3}),
    ],
    ids=["guardian", "nyt-standfirst-is-body", "wire", "source-author-line"],
)
def test_news_header_lines(lines, header_lines, body_lines):
    """Masthead, headline, byline and date lines are header lines; the body is not."""
    _, kind, used = parse_header(lines)
    assert kind == "news"
    assert header_lines <= used and not body_lines & used


@pytest.mark.parametrize(
    "line, outlet, authors, date",
    [
        ("Source: Xinhua | Author: Li Xiaoming | Updated: 2024-05-06", "Xinhua", [{"family": "Li", "given": "Xiaoming"}], [2024, 5, 6]),
        ("Source: China Daily  Author: Fan Feifei  Updated: 2025-01-17", "China Daily", [{"family": "Fan", "given": "Feifei"}], [2025, 1, 17]),
    ],
    ids=["pipes", "spaces"],
)
def test_source_author_labels(line, outlet, authors, date):
    csl, kind, _ = parse_header([line, "", "Body text. More."])
    assert (kind, csl.get("container-title"), csl.get("author"), csl["issued"]["date-parts"][0]) == ("news", outlet, authors, date)


def test_news_byline_is_metadata():
    d = header.run(read(str(NEWS)), Resources()).document
    assert d.kind == "news"
    assert d.csl["type"] == "article-newspaper"
    assert d.csl["title"] == "As demand grows, apps urged to improve content, services"
    assert d.csl["issued"] == {"date-parts": [[2025, 1, 17]]}
    assert d.csl["container-title"] == "China Daily"
    assert d.csl["author"] == [{"family": "Fan", "given": "Feifei"}]
