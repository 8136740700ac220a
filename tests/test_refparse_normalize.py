"""Normalisers of the reference parser: names, dates, pages, volume/issue, GB/T markers, split."""

from __future__ import annotations

import os

import pytest

from citegraph.refparse.data import DATA_DIR, is_test, joined, load_sequences, split
from citegraph.refparse.names import parse_names
from citegraph.refparse.normalize import clean, parse_date, parse_pages, parse_volume, to_csl
from citegraph.refparse.tokens import tokenize


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Romero, C., Paunesku, D., & Dweck, C.", [("Romero", "C."), ("Paunesku", "D."), ("Dweck", "C.")]),
        ("Pérez-Higueras JJ, Arias A, de la Macorra JC, Peters OA.", [("Pérez-Higueras", "JJ"), ("Arias", "A"), ("de la Macorra", "JC"), ("Peters", "OA.")]),
        ("Lee, L. L., W. E. Howard, and R. E. Marsh.", [("Lee", "L. L."), ("Howard", "W. E."), ("Marsh", "R. E.")]),
        ("S. E. Han, G. Chen,", [("Han", "S. E."), ("Chen", "G.")]),
        ("Xu, X.D., & Lin, Q.T.", [("Xu", "X.D."), ("Lin", "Q.T.")]),
        ("John Smith et al.", [("Smith", "John")]),
        ("XU X D, LIN Q T", [("XU", "X D"), ("LIN", "Q T")]),
        ("In J. Doe (Ed.),", [("Doe", "J.")]),
    ],
)
def test_person_names(text, expected):
    assert [(n["family"], n["given"]) for n in parse_names(text)] == expected


@pytest.mark.parametrize("text", ["Statista.", "Pew Research Center", "World Health Organization."])
def test_organisations_are_literal(text):
    assert parse_names(text) == [{"literal": text.rstrip(".")}]


@pytest.mark.parametrize(
    "text, parts, suffix",
    [("(2011).", [2011], ""), ("2012a.", [2012], "a"), ("septembre 2014,", [2014, 9], ""), ("March 8, 2025", [2025, 3, 8], ""), ("2025-03-08", [2025, 3, 8], ""), ("n.d.", None, "")],
)
def test_dates(text, parts, suffix):
    assert parse_date(text) == (parts, suffix)


@pytest.mark.parametrize("text, expected", [("pp. 1761–1800).", "1761-1800"), ("1–10.", "1-10"), ("1477-81", "1477-81"), ("p. 12", "12"), ("e1003", "e1003")])
def test_pages(text, expected):
    assert parse_pages(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [("3(1):", ("3", "1")), ("Vol. 9, No. 2,", ("9", "2")), ("106,", ("106", "")), ("No. 134", ("", "134")), ("(Vol. 3, Part A,", ("3", ""))],
)
def test_volume_issue(text, expected):
    assert parse_volume(text) == expected


@pytest.mark.parametrize("text, expected", [("*Empathy in media*", "Empathy in media"), ("“A Title,”", "A Title"), ("(Vol. 3", "Vol. 3"), ("Journal of X.", "Journal of X")])
def test_clean(text, expected):
    assert clean(text) == expected


@pytest.mark.parametrize("marker, kind", [("[J]", "article-journal"), ("[M]", "book"), ("[C]", "paper-conference"), ("[D]", "thesis"), ("[R]", "report"), ("[N]", "article-newspaper"), ("[EB/OL]", "webpage"), ("[P]", "patent"), ("[S]", "standard")])
def test_gbt_marker_sets_type_and_leaves_title(marker, kind):
    item = to_csl([("author", "Li, Y."), ("title", f"Some title {marker}."), ("date", "2020.")])
    assert item["type"] == kind and item["title"] == "Some title"


def test_tokens_split_glued_fields():
    assert [t[0] for t in tokenize("Research 8(2):1–10. Title[J]. 2023:4.")] == ["Research", "8(2):", "1–10.", "Title", "[J].", "2023:", "4."]


def test_split_is_deterministic_and_disjoint():
    if not os.path.isdir(DATA_DIR):
        pytest.skip(f"the AnyStyle training data is not at {DATA_DIR} (../shared beside the repository)")
    seqs = load_sequences()
    train, test = split(seqs)
    assert 0.1 < len(test) / len(seqs) < 0.2
    assert not {joined(s) for s in train} & {joined(s) for s in test}
    assert all(is_test(joined(s)) for s in test)


@pytest.mark.parametrize(
    "segs, title, container",
    [
        # an edited book labelled as a container only: its name is the title
        ([("editor", "Doe, J. (Ed.)."), ("date", "(2001)."), ("container-title", "The book."), ("publisher", "Springer.")], "The book", None),
        # a second title right after the editor segment is the book holding the chapter
        ([("author", "Roe, R."), ("title", "A chapter."), ("editor", "In J. Doe (Ed.),"), ("title", "The book"), ("pages", "(pp. 1-10).")], "A chapter", "The book"),
        # a journal article keeps its container; a second title not after an editor stays a note
        ([("title", "A paper."), ("journal", "Nature,"), ("volume", "3,")], "A paper", "Nature"),
        ([("title", "A paper."), ("title", "Subtitle."), ("date", "2001.")], "A paper", None),
    ],
)
def test_book_and_chapter_titles(segs, title, container):
    item = to_csl(segs)
    assert item.get("title") == title and item.get("container-title") == container


@pytest.mark.parametrize(
    "segs, container, volume, issue",
    [
        ([("title", "T."), ("journal", "Computers and Security, v.30"), ("volume", "n.8,")], "Computers and Security", "30", "8"),
        ([("title", "T."), ("journal", "American Ethnologist Vol"), ("volume", "28 No 1")], "American Ethnologist", "28", "1"),
        ([("title", "T."), ("journal", "Revue Histoire de l’art, n°35/36,"), ("date", "1996,")], "Revue Histoire de l’art", None, "35/36"),
        # a Roman numeral or a plain word ending the name stays in it
        ([("title", "T."), ("container-title", "in Data Analysis Software and Systems V,"), ("date", "1996")], "Data Analysis Software and Systems V", None, None),
        ([("title", "T."), ("journal", "Yes or No"), ("volume", "3")], "Yes or No", "3", None),
    ],
)
def test_volume_word_left_at_the_end_of_a_container(segs, container, volume, issue):
    item = to_csl(segs)
    assert (item.get("container-title"), item.get("volume"), item.get("issue")) == (container, volume, issue)


@pytest.mark.parametrize(
    "segs, title, note",
    [
        # a short parenthesised name after an unpunctuated title is the title's
        ([("author", "Wu, Q."), ("date", "2025."), ("title", "Social Media Xiaohongshu"), ("note", "(Rednote). arXiv.")], "Social Media Xiaohongshu (Rednote)", "arXiv"),
        # a genre in parentheses is not
        ([("author", "Shih, S."), ("date", "(2014)."), ("title", "Towards Optimal Rhythm"), ("note", "(Unpublished doctoral dissertation).")], "Towards Optimal Rhythm", "Unpublished doctoral dissertation"),
        # a title ended by a full stop keeps what follows apart
        ([("author", "Wu, Q."), ("date", "2025."), ("title", "Social Media."), ("note", "(Rednote).")], "Social Media", "Rednote"),
    ],
)
def test_parenthesised_name_after_title(segs, title, note):
    item = to_csl(segs)
    assert (item.get("title"), item.get("note")) == (title, note)


@pytest.mark.parametrize(
    "segs, title, has_author",
    [
        ([("author", "Tik Tok,"), ("title", "a platform, launches"), ("author", "in Indonesia-PR Newswire APAC."), ("date", "2017.")], "Tik Tok, a platform, launches in Indonesia-PR Newswire APAC", False),
        ([("author", "Doe, J."), ("title", "A study"), ("author", "in Paris."), ("date", "2017.")], "A study", True),  # authors before the title: left alone
    ],
)
def test_lower_case_author_after_title_is_title(segs, title, has_author):
    item = to_csl(segs)
    assert item["title"] == title
    assert ("author" in item) == has_author


@pytest.mark.parametrize(
    "segs, issued, page",
    [
        ([("author", "A. Kazemi."), ("title", "Tiplines."), ("journal", "Misinformation Review,"), ("volume", "3(1),"), ("pages", "2021.")], [[2021]], None),
        ([("author", "A. Kazemi."), ("date", "2020."), ("title", "Tiplines."), ("journal", "Review,"), ("volume", "3(1),"), ("pages", "2021.")], [[2020]], "2021"),
        ([("author", "A. Kazemi."), ("title", "Tiplines."), ("journal", "Review,"), ("volume", "3,"), ("pages", "1021-1030.")], None, "1021-1030"),
        ([("author", "A. Kazemi."), ("title", "Tiplines."), ("journal", "Review,"), ("volume", "3,"), ("pages", "512.")], None, "512"),
    ],
)
def test_a_lone_page_that_is_a_year_is_the_date_when_there_is_none(segs, issued, page):
    item = to_csl(segs)
    assert (item.get("issued") or {}).get("date-parts") == issued
    assert item.get("page") == page
