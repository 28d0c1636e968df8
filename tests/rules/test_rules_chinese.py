"""Chinese text rules (Z001–Z006): texts that must fail (code, span, fix) and must pass."""

from __future__ import annotations

import pytest
from tests.rules.helpers import run_rules

from yiwen.document import load_document
from yiwen.models import Applicability, Finding, Language


def check(
    text: str, select: tuple[str, ...] = ("Z",), name: str = "draft.txt", **config
) -> list[Finding]:
    """Run the Z rules (or `select`) on `text`."""
    return run_rules(text, select, name, **config)


FAILS = [
    # Z001 half-width punctuation in Chinese
    ("王瑞涛医生表示,援青工作意义重大。", "Z001", ",", "，"),
    ("医生说:我们明天出发。", "Z001", ":", "："),
    ("你们准备好了吗?我们出发吧。", "Z001", "?", "？"),
    ("医疗队今天出发!大家都来送行。", "Z001", "!", "！"),
    ("医疗队今天出发;大家都来送行。", "Z001", ";", "；"),
    ("医疗队今天出发.", "Z001", ".", "。"),
    ("医疗队今天出发, 大家都来送行。", "Z001", ", ", "，"),
    ("大家都在等待...", "Z001", "...", "……"),
    ("患者接受了检查(CT)后出院。", "Z001", "(CT)", "（CT）"),
    ("会议(在上海举行)很成功。", "Z001", "(在上海举行)", "（在上海举行）"),
    ("你真的去了吗?!我们都很惊讶。", "Z001", "?!", "？！"),
    # Z002 doubled Chinese punctuation
    ("医疗队今天出发。。大家都来送行。", "Z002", "。。", "。"),
    ("医疗队今天出发，，大家都来送行。", "Z002", "，，", "，"),
    ("大家都来送行！！", "Z002", "！！", "！"),
    ("大家都在等待………", "Z002", "………", "……"),
    # Z003 spaces between Chinese characters
    ("医疗队将于明天 出发，前往青海。", "Z003", " ", ""),
    ("医疗队将于明天出发 ，前往青海。", "Z003", " ", ""),
    ("医疗队将于明天\u3000出发，前往青海。", "Z003", "\u3000", ""),
    # Z005 mixed quote styles
    ("他说：“我们准备好了。”大家说：“欢迎。”她说：「谢谢。」", "Z005", "「", "“"),
    # Z006 Chinese page furniture
    ("首页 > 新闻中心 > 医院新闻\n\n医疗队今天出发。", "Z006", "首页 > 新闻中心 > 医院新闻", ""),
    ("医疗队今天出发。\n\n返回顶部", "Z006", "返回顶部", ""),
    (
        "医疗队今天出发。\n\n原文链接：https://example.org/s/abc",
        "Z006",
        "原文链接：https://example.org/s/abc",
        "",
    ),
]


@pytest.mark.parametrize(("text", "code", "span", "fix"), FAILS)
def test_rule_fires_with_span_and_fix(text: str, code: str, span: str, fix: str) -> None:
    found = [f for f in check(text) if f.code == code]
    assert found, [(f.code, f.text) for f in check(text)]
    assert found[0].text == span
    assert found[0].replacements[0] == fix


PASSES = [
    ("Z001", "患者体温为36.5度，上午10:30出院。"),
    ("Z001", "详情请见https://example.org/news,或致电。"),
    ("Z001", "美国医生Dr. Wang, a surgeon, 来访。"),
    ("Z001", "他说：“我们明天出发。”"),
    ("Z001", "全院共有1,200名护士。"),
    ("Z001", "The hospital (上海市第一人民医院) is in Shanghai, and it has 2,000 beds today."),
    ("Z002", "你真的去了吗？！大家都在等待……"),
    ("Z002", "医疗队今天出发。大家都来送行，场面感人。"),
    ("Z003", "记者 王明 通讯员 李华"),
    ("Z003", "　　医疗队今天出发，前往青海。"),
    ("Z003", "本报讯（记者 王明）医疗队今天出发，前往青海。"),
    ("Z003", "医疗队使用 CT 检查，效果很好。"),
    ("Z004", "医疗队使用CT检查，2023年出发。"),
    ("Z005", "他说：“我们准备好了。”大家说：“欢迎。”Parkinson’s disease 的研究很重要。"),
    ("Z006", "首页的设计很简洁，返回顶部的按钮也很醒目。"),
]


@pytest.mark.parametrize(("code", "text"), PASSES)
def test_rule_stays_quiet(code: str, text: str) -> None:
    assert [(f.code, f.text) for f in check(text) if f.code == code] == []


def test_zh_latin_spacing_require() -> None:
    found = check("医疗队使用CT检查，共5000元。", zh_latin_spacing="require")
    assert [(f.code, f.text, f.replacements[0]) for f in found] == [
        ("Z004", "CT", " CT "),
        ("Z004", "5000", " 5000 "),
    ]
    assert all(f.applicability is Applicability.SAFE for f in found)


def test_zh_latin_spacing_forbid() -> None:
    found = check("医疗队使用 CT 检查，共5000 元。", zh_latin_spacing="forbid")
    assert [(f.code, f.text, f.replacements[0]) for f in found] == [
        ("Z004", " ", ""),
        ("Z004", " ", ""),
        ("Z004", " ", ""),
    ]
    assert [f.offset for f in found] == [5, 8, 17]


def test_zh_latin_spacing_require_leaves_spaced_text() -> None:
    assert check("医疗队使用 CT 检查，共 5000 元。", zh_latin_spacing="require") == []


def test_mixed_corner_majority_flags_curly() -> None:
    text = "他说：「我们准备好了。」她说：「欢迎。」大家说：“谢谢。”"
    found = [(f.text, f.replacements[0]) for f in check(text) if f.code == "Z005"]
    assert found == [("“", "「"), ("”", "」")]


def test_mixed_paragraph_english_comma_after_chinese_name_is_fine() -> None:
    text = "Our surgeon 王瑞涛, Wang Ruitao, left for Qinghai on Monday."
    doc = load_document("a.txt", data=text.encode())
    assert doc.paragraphs[0].language is Language.MIXED
    assert [f for f in check(text) if f.code == "Z001"] == []


def test_chinese_paragraph_comma_after_chinese_name_is_flagged() -> None:
    text = "我院专家王瑞涛, Wang Ruitao, 今天出发前往青海省果洛州人民医院开展援助工作。"
    found = [(f.text, f.replacements[0]) for f in check(text) if f.code == "Z001"]
    assert found == [(", ", "，")]


def test_z_rules_do_not_run_on_english() -> None:
    text = "The hospital opened a new ward. The team left on Monday, as planned."
    assert check(text) == []


def test_page_furniture_zh_off() -> None:
    assert check("返回顶部\n\n打印本页\n", page_furniture=False) == []
