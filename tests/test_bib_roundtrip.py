""".bib -> citegraph -> .bib: a varied bibliography built as a corpus comes back with every entry and every field."""

from __future__ import annotations

import re
import unicodedata

import bibtexparser
import pytest
from click.testing import CliRunner

from citegraph.api import build
from citegraph.cli import main
from citegraph.readwrite.bibtex_read import latex_to_text

VARIED_BIB = r"""
@article{smith2020networks,
  author = {Smith, John and M{\"u}ller, J{\"u}rgen and de la Cruz, Juan},
  title = {Networks of {TikTok} users in the {U.S.}: 50\% growth \& more},
  journal = {Journal of Communication},
  year = {2020},
  month = mar,
  volume = {70},
  number = {2},
  pages = {101--120},
  doi = {10.1093/joc/jqz001_a},
  abstract = {We study networks. Results show 50\% growth.},
  keywords = {networks, social media},
  issn = {0021-9916},
}

@book{curran2007media,
  author = {Curran, James},
  title = {Media and Cultural Theory},
  publisher = {Routledge},
  address = {London},
  year = {2007},
  edition = {2},
  isbn = {978-0-415-31705-4},
}

@incollection{hu2023chapter,
  author = {Hu, Yong and Ørsted, Hans Christian},
  editor = {Berg, Anna},
  title = {Platform governance in {China}},
  booktitle = {Handbook of Platform Studies},
  publisher = {Springer},
  address = {Berlin},
  year = {2023},
  pages = {1--20},
}

@inproceedings{gao2012comparative,
  author = {Gao, Qi and Abel, Fabian and Houben, Geert-Jan},
  title = {A comparative study of users' microblogging behavior on {Sina} {Weibo} and {Twitter}},
  booktitle = {Proceedings of UMAP 2012},
  year = {2012},
  pages = {88--101},
  publisher = {Springer},
  doi = {10.1007/978-3-642-31454-4_8},
}

@phdthesis{li2019apps,
  author = {Li, Na},
  title = {Mobile apps and everyday life},
  school = {Peking University},
  year = {2019},
}

@techreport{pew2025state,
  author = {{Pew Research Center}},
  title = {State of the News Media},
  institution = {Pew Research Center},
  year = {2025},
  number = {7},
  type = {Fact sheet},
}

@misc{verge2024rednote,
  author = {Roth, Emma},
  title = {{RedNote} tops the {App Store}},
  howpublished = {The Verge},
  year = {2024},
  url = {https://www.theverge.com/2024/1/14/red_note?x=1&y=2#top},
  urldate = {2024-01-15},
}

@online{wiki2023,
  title = {Xiaohongshu},
  organization = {Wikipedia},
  year = {2023},
  url = {https://en.wikipedia.org/wiki/Xiaohongshu},
}

@article{francois2018,
  author = {Fran{\c{c}}ois, Ren{\'e} and {\v{S}}koda, Ji{\v{r}}{\'\i}},
  title = {{\'E}tudes sur la soci{\'e}t{\'e} num{\'e}rique},
  journal = {Revue fran{\c{c}}aise},
  year = {2018},
  volume = {12},
  pages = {5--9},
  note = {In French},
  language = {french},
  file = {papers/francois.pdf},
}

@misc{who2021,
  author = {{World Health Organization}},
  title = {Infodemic management},
  year = {2021},
  eprint = {2101.00001},
  archiveprefix = {arXiv},
}
"""

#: Fields that the writer may rename, by entry: the value must come back under one of these names.
ALIASES = {"journaltitle": ("journal", "journaltitle"), "journal": ("journal", "journaltitle"), "location": ("address", "location"), "address": ("address", "location"), "organization": ("howpublished", "organization"),
           "school": ("school", "institution"), "institution": ("institution", "school")}


def norm(value: str) -> str:
    text = unicodedata.normalize("NFC", latex_to_text(value)).casefold()
    return " ".join(re.sub(r"[\u2013\u2014-]+", "-", text).split())


def fields_of(text: str) -> dict[str, dict[str, str]]:
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    return {e.key: {f.key.lower(): norm(str(f.value)) for f in e.fields} for e in library.entries}


SOURCE = fields_of(VARIED_BIB)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    root = tmp_path_factory.mktemp("rt")
    (root / "corpus").mkdir()
    (root / "corpus" / "library.bib").write_text(VARIED_BIB, encoding="utf-8")
    build([str(root / "corpus")], root / "out", cache_dir=None)
    runner = CliRunner()
    biblatex = runner.invoke(main, ["bib", "--biblatex", "-C", str(root / "corpus")], catch_exceptions=False)
    assert biblatex.exit_code == 0
    return {"bibtex": fields_of((root / "out" / "references.bib").read_text(encoding="utf-8")), "biblatex": fields_of(biblatex.output)}


@pytest.mark.parametrize("flavour", ["bibtex", "biblatex"])
def test_every_entry_comes_back_under_its_own_key(exported, flavour):
    assert sorted(exported[flavour]) == sorted(SOURCE)


CASES = [(key, name) for key, fields in SOURCE.items() for name in fields]


@pytest.mark.parametrize("flavour", ["bibtex", "biblatex"])
@pytest.mark.parametrize("key, name", CASES, ids=[f"{k}.{n}" for k, n in CASES])
def test_every_field_value_comes_back(exported, flavour, key, name):
    out = exported[flavour][key]
    want = SOURCE[key][name]
    if name in ("year", "month") and flavour == "biblatex":
        assert want in out["date"] or str(["jan", "feb", "mar"].index(want) + 1).zfill(2) in out["date"]
        return
    if name == "urldate":
        assert out["urldate"] == want
        return
    names = ALIASES.get(name, (name,))
    assert any(out.get(n) == want for n in names), f"{name}={want!r} not in {out}"


def test_a_book_from_the_users_bib_keeps_both_author_and_editor(tmp_path):
    """plain.bst warns about a @book with both; the user's own entry is still written back as it was, not rewritten."""
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "library.bib").write_text(
        "@book{hall1997representation,\n  author = {Hall, Stuart},\n  editor = {Evans, Jessica and Nixon, Sean},\n"
        "  title = {Representation},\n  publisher = {Sage},\n  year = {1997},\n}\n",
        encoding="utf-8",
    )
    result = build([str(tmp_path / "lib")], tmp_path / "out", cache_dir=tmp_path / "cache")
    entries = {e.key: e for e in bibtexparser.parse_string(open(result.outputs["bib"], encoding="utf-8").read()).entries}
    fields = {f.key: f.value for f in entries["hall1997representation"].fields}
    assert fields["author"] == "Hall, Stuart" and fields["editor"] == "Evans, Jessica and Nixon, Sean"
