"""English side: pinyin-shaped names in English prose (yiwen.glossary.names)."""

from __future__ import annotations

import pytest

from yiwen.glossary.names import (
    find_name_mentions,
    find_run_together,
    looks_like_chinese_name,
    split_run_together,
)


def shapes(text: str) -> list[tuple[str, str, str, str]]:
    return [(m.text, m.family, m.given, m.order) for m in find_name_mentions(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Liu Hongyi spoke.", ("Liu Hongyi", "Liu", "Hongyi", "family-given")),
        ("Hongyi Liu spoke.", ("Hongyi Liu", "Liu", "Hongyi", "given-family")),
        ("XU Yongjian spoke.", ("XU Yongjian", "Xu", "Yongjian", "family-given")),
        ("Yongjian XU spoke.", ("Yongjian XU", "Xu", "Yongjian", "given-family")),
        ("Guo yongjin spoke.", ("Guo yongjin", "Guo", "Yongjin", "family-given")),
        ("Ouyang Wen spoke.", ("Ouyang Wen", "Ouyang", "Wen", "family-given")),
        ("Wen Ouyang spoke.", ("Wen Ouyang", "Ouyang", "Wen", "given-family")),
        ("Jian'an Zhao spoke.", ("Jian'an Zhao", "Zhao", "Jian'an", "given-family")),
        # Both parts could be surnames: the commoner is taken, the order is unknown.
        ("Jing Shen spoke.", ("Jing Shen", "Shen", "Jing", "unknown")),
        ("Shen Jing spoke.", ("Shen Jing", "Shen", "Jing", "unknown")),
    ],
)
def test_two_part_names_in_both_orders(text: str, expected: tuple[str, str, str, str]) -> None:
    assert shapes(text) == [expected]


def test_offsets_point_at_the_name() -> None:
    text = "On Monday, Dr. Liu Hongyi's team met Zhang Wei."
    found = find_name_mentions(text)
    assert [text[m.start : m.end] for m in found] == ["Liu Hongyi", "Zhang Wei"]


def test_split_given_name_needs_the_joined_form() -> None:
    assert shapes("Wu Yong Zhong led the round.") == []
    found = find_name_mentions("Wu Yong Zhong led. Yong Zhong Wu came. Wu Yongzhong spoke.")
    split = [(m.text, m.family_first) for m in found if m.split]
    assert split == [("Wu Yong Zhong", True), ("Yong Zhong Wu", False)]
    assert {m.given for m in found} == {"Yongzhong"}


def test_name_wrapped_over_a_line_break_is_one_name() -> None:
    assert shapes("the surgeon Liu\nHongyi said")[0][1:3] == ("Liu", "Hongyi")


@pytest.mark.parametrize(
    "text",
    [
        "Jack Wang joined the board.",  # a Western given name
        "Yo-Yo Ma played at the gala.",  # found, but as a name of its own shape
        "Dr. Wang examined the patient.",  # a surname alone
        "He ran to the ward.",  # English words
        "He Said Long Men Can Ban Fang Sun",  # a headline run of English words
        "She studied in Hong Kong and Shanghai.",
        "Shanghai Jiao Tong University and Xi'an Jiaotong University",
        "WANG RUITAO JOINS TEAM",  # capitals throughout: a heading
        "The Long March and the Yang Sun Pavilion",
    ],
)
def test_not_a_two_part_chinese_name(text: str) -> None:
    got = shapes(text)
    if text.startswith("Yo-Yo"):
        assert got == [("Yo-Yo Ma", "Ma", "Yoyo", "given-family")]
    else:
        assert got == []


def test_lower_case_english_word_is_not_a_given_name() -> None:
    assert shapes("Then He ran and Long men sang.") == []
    assert shapes("Du juan came.") == [("Du juan", "Du", "Juan", "family-given")]


def test_looks_like_chinese_name() -> None:
    assert looks_like_chinese_name("Ruitao")
    assert looks_like_chinese_name("XU")
    assert looks_like_chinese_name("Wang Li")
    assert looks_like_chinese_name("Zheng's")
    assert not looks_like_chinese_name("Long")  # an English word
    assert not looks_like_chinese_name("Jack")
    assert not looks_like_chinese_name("ruitao")  # not capitalised
    assert not looks_like_chinese_name("")


def test_run_together_after_honorific_and_before_title() -> None:
    text = "Dr. Wangyu spoke. Prof.Ouyangwen agreed. Zhaolei, director of surgery, left."
    got = [(r.text, r.family, r.given) for r in find_run_together(text)]
    assert got == [
        ("Wangyu", "Wang", "Yu"),
        ("Ouyangwen", "Ouyang", "Wen"),
        ("Zhaolei", "Zhao", "Lei"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Dr. Wang spoke.",  # a surname alone
        "Dr. Ouyang spoke.",  # a compound surname alone
        "Dr. Ruitao Wang spoke.",  # given name, then surname
        "Dr. Diane Lee spoke.",
        "Mr. Long said.",
        "Shanghai, director of the bureau",
        "Liu Hongyi, director of surgery",  # a full name before the title
    ],
)
def test_no_run_together(text: str) -> None:
    assert find_run_together(text) == []


def test_split_run_together() -> None:
    assert split_run_together("Wangruitao") == ("Wang", "Ruitao")
    assert split_run_together("Wang") is None
    assert split_run_together("Banana") is None
