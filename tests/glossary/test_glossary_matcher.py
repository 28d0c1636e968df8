"""The Aho-Corasick matcher: forms, case, word boundaries, Chinese, overlaps, caching."""

from __future__ import annotations


def _found(g, text):
    return [(m.text, m.form, m.canonical) for m in g.find(text)]


def test_every_form_kind(gloss):
    text = "Osteopathy, orthopedics, 骨科, Jack Wang, 王建国, Wang Jianguo and Director."
    assert _found(gloss, text) == [
        ("Osteopathy", "avoid", "Orthopedics"),
        ("orthopedics", "canonical", "Orthopedics"),
        ("骨科", "zh", "Orthopedics"),
        ("Jack Wang", "canonical", "Jack Wang"),
        ("王建国", "zh", "Jack Wang"),
        ("Wang Jianguo", "variant", "Jack Wang"),
        ("Director", "canonical", "Director"),
    ]


def test_offsets_are_exact(gloss):
    text = "At Shanghai General Hospital, Dr.Wang Ruitao operated."
    ms = gloss.find(text)
    assert [text[m.start : m.end] for m in ms] == [m.text for m in ms]
    assert ms[1].text == "Dr.Wang Ruitao" and ms[1].prefix == 3 and ms[1].honorific == "Dr."
    assert ms[1].name_text == "Wang Ruitao"


def test_latin_word_boundaries(gloss):
    # "Wang Fu" is a glossary person; it must not match inside the street name Wangfujing,
    # and a form must not match inside a longer word on either side.
    assert _found(gloss, "We met on Wangfujing street.") == []
    assert _found(gloss, "Wang Fuqiang and XWang Fu and Wang Fu2") == []
    assert _found(gloss, "(Wang Fu) Wang Fu's, “Wang Fu”.") == [
        ("Wang Fu", "canonical", "Wang Fu"),
        ("Wang Fu", "canonical", "Wang Fu"),
        ("Wang Fu", "canonical", "Wang Fu"),
    ]


def test_chinese_has_no_boundaries(gloss):
    text = "王瑞涛是骨科医生，王建国在神经内科工作。"
    assert _found(gloss, text) == [
        ("王瑞涛", "zh", "Wang Ruitao"),
        ("骨科", "zh", "Orthopedics"),
        ("王建国", "zh", "Jack Wang"),
        ("神经内科", "zh", "Neurology"),  # longest wins over 内科 inside it
    ]


def test_latin_next_to_chinese_matches(gloss):
    assert _found(gloss, "医生Wang Ruitao说") == [("Wang Ruitao", "canonical", "Wang Ruitao")]


def test_longest_match_wins_overlaps(gloss):
    # "Internal Medicine" overlaps nothing; "Executive Director" contains "Director".
    assert _found(gloss, "the Executive Director of Internal Medicine") == [
        ("Executive Director", "canonical", "Executive Director"),
        ("Internal Medicine", "canonical", "Internal Medicine"),
    ]


def test_case_insensitive_with_canonical_case(gloss):
    ms = gloss.find("QINGHAI PROVINCE and qinghai province")
    assert [(m.text, m.canonical, m.form) for m in ms] == [
        ("QINGHAI PROVINCE", "Qinghai Province", "canonical"),
        ("qinghai province", "Qinghai Province", "canonical"),
    ]


def test_curly_apostrophe_and_line_break_fold(gloss):
    ms = gloss.find("Shanghai First\nPeople’s Hospital")
    assert [(m.form, m.canonical) for m in ms] == [("avoid", "Shanghai General Hospital")]


def test_automaton_built_once(gloss):
    first = gloss.matcher
    gloss.find("Wang Ruitao")
    assert gloss.matcher is first
    assert gloss.find("") == [] and gloss.find("nothing here") == []


def test_empty_glossary(make_glossary):
    g = make_glossary('[glossary]\nname = "empty"\n')
    assert g.find("Wang Ruitao") == []


def test_fuzzy_lookup_either_language(gloss):
    from yiwen.glossary.matcher import fuzzy_lookup

    assert fuzzy_lookup(gloss, "Osteopathy")[0][1].en == "Orthopedics"
    assert fuzzy_lookup(gloss, "院长")[0][1].en == "President"
    assert fuzzy_lookup(gloss, "wang rui tao")[0][1].given == "Ruitao"
    assert fuzzy_lookup(gloss, "qqqqqqqq") == []


def test_shapes_of_a_name():
    from yiwen.glossary.variants import name_shapes

    texts = [s.text for s in name_shapes("Wang", "Ruitao", "family-given")]
    assert texts == [
        "Wang Ruitao", "Ruitao Wang", "Wang Rui-tao", "Rui-tao Wang",
        "Wang Rui Tao", "Rui Tao Wang", "Wangruitao", "RuitaoWang",
    ]  # fmt: skip
    assert [s.text for s in name_shapes("Shen", "Jing", "given-family")] == [
        "Jing Shen", "Shen Jing", "Shenjing", "JingShen",
    ]  # fmt: skip
    # An apostrophe given name splits at the apostrophe.
    assert "Wang Jian-an" in [s.text for s in name_shapes("Wang", "Jian'an", "family-given")]
