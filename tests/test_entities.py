"""Gazetteer matching, relations, user entity files and the entities stage."""

import json

import pytest

from citegraph.model import Extraction
from citegraph.resources import Resources
from citegraph.stages import entities
from citegraph.stages.entities import load_gazetteer


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Tik Tok and TikTok and tiktok", [("TikTok", "Tik Tok"), ("TikTok", "TikTok"), ("TikTok", "tiktok")]),
        (
            "Xiaohongshu, XiaoHongshu, RedNote, Rednote and Little Red Book",
            [("RedNote", "Xiaohongshu"), ("RedNote", "XiaoHongshu"), ("RedNote", "RedNote"), ("RedNote", "Rednote"), ("RedNote", "Little Red Book")],
        ),
        ("Users moved to 小红书 fast", [("RedNote", "小红书")]),
        ("在小红书上发帖", [("RedNote", "小红书")]),
        ("Sina Weibo and Weibo", [("Weibo", "Sina Weibo"), ("Weibo", "Weibo")]),
        ("Sina Weibo and Twitter", [("Weibo", "Sina Weibo"), ("Twitter", "Twitter")]),
        ("Douyin, the Chinese version of TikTok", [("Douyin", "Douyin"), ("TikTok", "TikTok")]),
        ("Lemon8 is owned by ByteDance", [("Lemon8", "Lemon8"), ("ByteDance", "ByteDance")]),
        # "X" is never matched alone, only in its safe contexts
        ("Press x to continue, or use X.", []),
        ("the x axis and matrix X", []),
        ("X (formerly Twitter) banned it", [("Twitter", "X (formerly Twitter)")]),
        # never inside words
        ("TikTokers love Facebookish Instagrammable posts", []),
        ("#TikTok and TikTok's rise", [("TikTok", "TikTok"), ("TikTok", "TikTok")]),
        ("Meta-analysis of Meta's platforms", [("Meta", "Meta")]),
        ("threads of discussion on Threads", [("Threads", "Threads")]),
        ("an apple a day; Apple's App Store", [("Apple", "Apple"), ("App Store", "App Store")]),
        ("Tik\n\nTok", []),
        ("Tik  Tok", [("TikTok", "Tik  Tok")]),
        ("Google Play Store and Google", [("Google Play", "Google Play Store"), ("Google", "Google")]),
        ("WeChat, Kuaishou, Bilibili, Reddit, LinkedIn, WhatsApp, Pinterest, Snapchat, YouTube, Tencent",
         [(n, n) for n in "WeChat Kuaishou Bilibili Reddit LinkedIn WhatsApp Pinterest Snapchat YouTube Tencent".split()]),
    ],
)
def test_find(gaz, text, expected):
    found = gaz.find(text)
    assert [(m.name, m.surface) for m in found] == expected
    assert all(text[m.start : m.end] == m.surface for m in found)


@pytest.mark.parametrize(
    "triple",
    [
        ("Douyin", "version-of", "TikTok"),
        ("Douyin", "owned-by", "ByteDance"),
        ("Lemon8", "owned-by", "ByteDance"),
        ("TikTok", "owned-by", "ByteDance"),
        ("WeChat", "owned-by", "Tencent"),
        ("Instagram", "owned-by", "Meta"),
    ],
)
def test_relations(gaz, triple):
    assert triple in gaz.relations()


def test_relation_objects_are_known_entities(gaz):
    names = set(gaz.names())
    assert {obj for _, _, obj in gaz.relations()} <= names


@pytest.mark.parametrize("name", ["Xiaohongshu", "rednote", "RedNote", "小红书"])
def test_info_by_alias(gaz, name):
    info = gaz.info(name)
    assert info["name"] == "RedNote"
    assert info["kind"] == "platform"
    assert "Xiaohongshu" in info["aliases"]


def test_info_unknown(gaz):
    with pytest.raises(KeyError):
        gaz.info("Myspace-not-there")


def test_stage_one_node_per_entity():
    text = "TikTok and Tik Tok grew. Xiaohongshu (RedNote) and Rednote too. Sina Weibo and Weibo. Press X."
    x = entities.run(Extraction(path="a.txt", text=text), Resources())
    by_name = {e.name: e for e in x.entities}
    assert set(by_name) == {"TikTok", "RedNote", "Weibo"}
    assert by_name["TikTok"].mentions == 2 and by_name["TikTok"].aliases == ("TikTok", "Tik Tok")
    assert by_name["RedNote"].mentions == 3 and set(by_name["RedNote"].aliases) == {"Xiaohongshu", "RedNote", "Rednote"}
    assert by_name["Weibo"].mentions == 2
    assert by_name["TikTok"].kind == "platform"
    assert text == x.text and not x.problems


def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def test_user_file_extends_and_overrides(tmp_path):
    path = _write(
        tmp_path,
        "mine.json",
        {
            "entities": [
                {"name": "China", "kind": "country", "aliases": ["PRC", "People's Republic of China"]},
                {"name": "Pangoal", "kind": "company", "aliases": [{"text": "pangoal", "ignore_case": True}],
                 "relations": {"located-in": "China"}},
                {"name": "TikTok", "aliases": ["Tik Tok US"], "description": "mine"},
            ]
        },
    )
    g = load_gazetteer([path])
    text = "Pangoal in the PRC and People's Republic of China; PANGOAL again; Tik Tok US vs TikTok"
    assert [(m.name, m.kind) for m in g.find(text)] == [
        ("Pangoal", "company"), ("China", "country"), ("China", "country"), ("Pangoal", "company"),
        ("TikTok", "platform"), ("TikTok", "platform"),
    ]
    assert ("Pangoal", "located-in", "China") in g.relations()
    assert g.info("TikTok")["description"] == "mine"
    assert ("TikTok", "owned-by", "ByteDance") in g.relations()  # the built-in data is kept


def test_user_file_alias_moves_to_new_entity(tmp_path):
    path = _write(tmp_path, "x.json", [{"name": "Little Red Book (Mao)", "kind": "book", "aliases": ["Little Red Book"]}])
    g = load_gazetteer([path])
    assert [m.name for m in g.find("Little Red Book and Xiaohongshu")] == ["Little Red Book (Mao)", "RedNote"]


def test_resources_use_user_files(tmp_path):
    path = _write(tmp_path, "c.json", {"entities": [{"name": "Pangoal", "kind": "company"}]})
    x = entities.run(Extraction(path="a.txt", text="Pangoal said TikTok"), Resources(entity_files=(path,)))
    assert [e.name for e in x.entities] == ["Pangoal", "TikTok"]


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"entities": [', "invalid JSON"),
        ('{"things": []}', '"entities"'),
        ('{"entities": {"name": "A"}}', "expected a list"),
        ('{"entities": ["A"]}', "entity #1"),
        ('{"entities": [{"kind": "company"}]}', '"name"'),
        ('{"entities": [{"name": "Acme"}]}', '"kind"'),
        ('{"entities": [{"name": "Acme", "kind": "company", "aliases": "ACME"}]}', '"aliases" must be a list'),
        ('{"entities": [{"name": "Acme", "kind": "company", "aliases": [3]}]}', "alias 3"),
        ('{"entities": [{"name": "Acme", "kind": "company", "alias": ["ACME"]}]}', "unknown key(s) alias"),
        ('{"entities": [{"name": "Acme", "kind": "company", "relations": ["owned-by", "X"]}]}', '"relations"'),
        ('{"entities": [{"name": "Acme", "kind": "company", "relations": {"owned-by": 3}}]}', "owned-by"),
        ('{"entities": [{"name": "Acme", "kind": "company", "ignore_case": "yes"}]}', "ignore_case"),
    ],
)
def test_malformed_user_file(tmp_path, content, message):
    path = _write(tmp_path, "bad.json", content)
    with pytest.raises(ValueError) as err:
        load_gazetteer([path])
    assert path in str(err.value) and message in str(err.value)


def test_missing_user_file(tmp_path):
    path = str(tmp_path / "nope.json")
    with pytest.raises(ValueError, match="nope.json"):
        load_gazetteer([path])


def test_stage_reports_bad_user_file(tmp_path):
    path = _write(tmp_path, "bad.json", "{")
    x = entities.run(Extraction(path="a.txt", text="TikTok"), Resources(entity_files=(path,)))
    assert x.entities == ()
    assert [p.code for p in x.problems] == ["gazetteer"] and "bad.json" in x.problems[0].message


@pytest.mark.parametrize("line", ["x " * 500_000, "Tik " * 250_000, "Sina " * 200_000, "小红" * 500_000, "Meta-" * 200_000])
def test_hostile_line(gaz, line):
    found = gaz.find(line)
    assert all(line[m.start : m.end] == m.surface for m in found)
