"""Chinese text (Z): half-width punctuation, doubled marks, stray spaces, Chinese–Latin spacing…

The typography follows the Chinese copywriting guidelines and W3C clreq: full-width punctuation
in Chinese, no repeated marks ("？！" is allowed, "……" is one ellipsis), no spaces between
Chinese characters, and a house choice about spaces between Chinese and Latin letters or digits.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from yiwen.models import Applicability, Finding, Language, Severity
from yiwen.rules._text import (
    HAN,
    HAN_RE,
    ZH_LANGS,
    furniture_lines,
    furniture_pattern,
    majority,
    paragraphs,
)
from yiwen.rules.registry import RuleContext, rule

_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", ".": "。"}

# Half-width marks right after a Chinese character (spaces around them are part of the span, as
# full-width marks take no spaces): "医院,上海" "说:" "吗?". A period is a mark only when no
# letter or digit follows ("医院.com" is left alone); three or more periods are an ellipsis.
_HALF_MARK = re.compile(r"\.{3,6}|[,;:?!]+|\.(?![A-Za-z0-9.])")
# A parenthesis pair touching Chinese (or holding it): "检查(CT)" "(见附件)".
_PARENS = re.compile(r"\(([^()\n]{0,200})\)")
_FULL_PUNCT = "，。、；：！？）》」』”"


@rule(
    "Z001",
    "half-width-punctuation",
    Severity.ERROR,
    "Half-width {text!r} in Chinese text: use {replacement!r}",
    explanation="""Chinese text takes full-width punctuation: ，。？！：；（）. A half-width mark
after a Chinese character (or, in a paragraph that mixes English and Chinese, between two Chinese
characters) is flagged with its full-width form; spaces around it are removed because full-width
marks carry their own spacing. Decimals ("3.5"), times ("10:30"), URLs and English runs inside
Chinese ("Dr. Wang") are not affected. Three or more periods become "……".""",
    bad="王瑞涛医生说:我们明天出发,请大家做好准备.",
    good="王瑞涛医生说：我们明天出发，请大家做好准备。",
    applicability=Applicability.SAFE,
)
def half_width_punctuation(ctx: RuleContext) -> Iterator[Finding]:
    """Flag "医院,上海" and "说:" in Chinese and offer the full-width mark."""
    for para in ctx.document.paragraphs_in(*ZH_LANGS):
        start = para.start
        text = ctx.document.prose[para.start : para.end]
        mixed = para.language == Language.MIXED
        for m in _HALF_MARK.finditer(text):
            # Only after a Chinese character (spaces between belong to the span); the regex
            # finds the mark first because a look-behind at every position is slow.
            a, b = m.span()
            while a and text[a - 1] in " \t":
                a -= 1
            if not (a and HAN_RE.match(text[a - 1])):
                continue
            end = b
            while end < len(text) and text[end] in " \t":
                end += 1
            nxt = text[end] if end < len(text) else ""
            # In a mixed paragraph, "医院, Shanghai General Hospital, …" is English punctuation.
            if mixed and not (HAN_RE.match(nxt) or nxt in _FULL_PUNCT or nxt in ("", "\n")):
                continue
            if nxt in ("", "\n", "\r"):
                end = b  # spaces at the end of a line are not this rule's business
            mark = m.group()
            fix = "……" if mark.startswith("...") else "".join(_FULL[c] for c in mark)
            yield ctx.finding(half_width_punctuation, start + a, start + end, [fix])
        for m in _PARENS.finditer(text):
            inner = m.group(1)
            a, b = m.span()
            while a and text[a - 1] in " \t":
                a -= 1
            while b < len(text) and text[b] in " \t":
                b += 1
            before = bool(a and HAN_RE.match(text[a - 1]))
            after = bool(b < len(text) and HAN_RE.match(text[b]))
            has_han = bool(HAN_RE.search(inner))
            if mixed:
                if not (has_han and (before or after)):
                    continue
            elif not (before or after or has_han):
                continue
            # Spaces between the pair and Chinese go (full-width brackets carry their own
            # spacing); spaces towards Latin text stay.
            a = a if before else m.start()
            b = b if after else m.end()
            yield ctx.finding(half_width_punctuation, start + a, start + b, [f"（{inner}）"])


_DOUBLED_ZH = re.compile(r"([，。、；：！？])\1+|…{3,}")


@rule(
    "Z002",
    "doubled-punctuation",
    Severity.WARNING,
    "Repeated punctuation {text!r}: use {replacement!r}",
    explanation="""A Chinese punctuation mark written twice ("。。", "，，", "！！"), usually a typing
slip. "？！" (two different marks) is allowed, and "……" (two ellipsis characters) is one Chinese
ellipsis; three or more ellipsis characters are reduced to two.""",
    bad="医疗队今天出发。。大家都来送行！！",
    good="医疗队今天出发。大家都来送行！",
    applicability=Applicability.SAFE,
)
def doubled_punctuation(ctx: RuleContext) -> Iterator[Finding]:
    """Flag "。。" and "，，" and offer one mark."""
    for start, text in paragraphs(ctx, *ZH_LANGS):
        for m in _DOUBLED_ZH.finditer(text):
            fix = "……" if m.group()[0] == "…" else m.group(1)
            yield ctx.finding(doubled_punctuation, start + m.start(), start + m.end(), [fix])


_ZH_LEFT = HAN + "，。、；：！？）》」』”"
_ZH_RIGHT = HAN + "，。、；：！？（《「『“"
_SPACES = re.compile(r"[ \t\u3000]+")
_ZH_LEFT_RE = re.compile(f"[{_ZH_LEFT}]")
_ZH_RIGHT_RE = re.compile(f"[{_ZH_RIGHT}]")
_SENTENCE_MARK = re.compile(r"[，。！？；]")


@rule(
    "Z003",
    "space-in-chinese",
    Severity.WARNING,
    "Space between Chinese characters",
    explanation="""A space between two Chinese characters (or around full-width punctuation) inside
a sentence: Chinese is written without spaces, and a stray one is usually left by a line join or
an input method. Lines without sentence punctuation — bylines ("记者 王明"), captions, dates and
headings — are left alone, since a space there separates items.""",
    bad="医疗队将于明天 出发，前往青海。",
    good="医疗队将于明天出发，前往青海。",
    applicability=Applicability.SAFE,
)
def space_in_chinese(ctx: RuleContext) -> Iterator[Finding]:
    """Flag "明天 出发" inside a sentence and offer to delete the space."""
    for start, text in paragraphs(ctx, *ZH_LANGS):
        for m in _SPACES.finditer(text):
            a, b = m.span()
            if not (
                a
                and b < len(text)
                and _ZH_LEFT_RE.match(text[a - 1])
                and _ZH_RIGHT_RE.match(text[b])
            ):
                continue
            line_start = text.rfind("\n", 0, m.start()) + 1
            line_end = text.find("\n", m.end())
            line = text[line_start : len(text) if line_end == -1 else line_end]
            if not _SENTENCE_MARK.search(line):
                continue  # a byline, caption or heading
            if _in_bracketed_label(text, a, b):
                continue  # "（记者 王明）": a byline inside the first sentence
            yield ctx.finding(space_in_chinese, start + m.start(), start + m.end(), [""])


def _in_bracketed_label(text: str, a: int, b: int) -> bool:
    """True when text[a:b] lies inside （…） or 【…】 that holds no sentence punctuation."""
    opening = max(text.rfind("（", 0, a), text.rfind("【", 0, a))
    if opening == -1 or max(text.rfind("）", 0, a), text.rfind("】", 0, a)) > opening:
        return False
    closing = min((i for i in (text.find("）", b), text.find("】", b)) if i != -1), default=-1)
    return closing != -1 and not _SENTENCE_MARK.search(text, opening, closing)


# A Latin word or number touching Chinese on at least one side: "使用CT检查", "共5000元".
_LATIN_TOKEN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.%+/_-]*[A-Za-z0-9%])?")
_SPACE_RUN = re.compile(r"[ \t]+")


@rule(
    "Z004",
    "zh-latin-spacing",
    Severity.WARNING,
    "House style: {what}",
    explanation="""Whether a space goes between Chinese characters and Latin letters or digits
("使用 CT 检查" or "使用CT检查") is a house choice, set by `zh_latin_spacing` in yiwen.toml:
"require" flags every missing space, "forbid" flags every such space, "off" (the default)
leaves the text alone.""",
    bad='使用CT检查 (with zh_latin_spacing = "require")',
    good='使用 CT 检查 (with zh_latin_spacing = "require")',
    applicability=Applicability.SAFE,
)
def zh_latin_spacing(ctx: RuleContext) -> Iterator[Finding]:
    """Flag a missing (require) or present (forbid) space between Chinese and Latin/digits."""
    mode = ctx.config.zh_latin_spacing
    if mode not in ("require", "forbid"):
        return
    for start, text in paragraphs(ctx, *ZH_LANGS):
        if mode == "forbid":
            for m in _SPACE_RUN.finditer(text):
                a, b = m.span()
                if not a or b >= len(text):
                    continue
                left, right = text[a - 1], text[b]
                latin_right = right.isascii() and right.isalnum()
                latin_left = left.isascii() and (left.isalnum() or left == "%")
                if not (
                    (HAN_RE.match(left) and latin_right) or (latin_left and HAN_RE.match(right))
                ):
                    continue
                yield ctx.finding(
                    zh_latin_spacing,
                    start + m.start(),
                    start + m.end(),
                    [""],
                    what="no space between Chinese and Latin letters or digits",
                )
            continue
        for m in _LATIN_TOKEN.finditer(text):
            a, b = m.span()
            han_before = bool(a and HAN_RE.match(text[a - 1]))
            han_after = bool(b < len(text) and HAN_RE.match(text[b]))
            if not (han_before or han_after):
                continue
            fix = (" " if han_before else "") + m.group() + (" " if han_after else "")
            yield ctx.finding(
                zh_latin_spacing,
                start + a,
                start + b,
                [fix],
                what="a space between Chinese and Latin letters or digits",
            )


_QUOTE_STYLES = {
    # mark: (style, its counterpart in the other style)
    "“": ("curly", "「"),
    "”": ("curly", "」"),
    "「": ("corner", "“"),
    "」": ("corner", "”"),
    "‘": ("curly", "『"),
    "’": ("curly", "』"),
    "『": ("corner", "‘"),
    "』": ("corner", "’"),
}
_ZH_DOUBLE = re.compile(r"[“”「」]")
_ZH_SINGLE = re.compile(r"[‘’『』]")


@rule(
    "Z005",
    "mixed-chinese-quotes",
    Severity.WARNING,
    "Quote style differs from the rest of the document: {text!r} → {replacement!r}",
    explanation="""Chinese text is quoted either with curly quotes “ ” ‘ ’ (mainland usage) or with
corner brackets 「 」 『 』 (Taiwan, Hong Kong, some house styles); one document should use one.
The style used most wins (on a tie, the one used first) and each mark of the other style is
flagged. Curly single quotes between Latin letters (apostrophes: "Parkinson’s") are not counted.""",
    bad="他说：“我们准备好了。”她说：「欢迎。」",
    good="他说：“我们准备好了。”她说：“欢迎。”",
    applicability=Applicability.SAFE,
)
def mixed_chinese_quotes(ctx: RuleContext) -> Iterator[Finding]:
    """Flag the minority of “” and 「」 (and ‘’ / 『』) in Chinese paragraphs."""
    runs = paragraphs(ctx, *ZH_LANGS)
    for pattern in (_ZH_DOUBLE, _ZH_SINGLE):
        marks: list[tuple[int, str]] = []
        for start, text in runs:
            for m in pattern.finditer(text):
                i = m.start()
                if m.group() in "‘’" and not _near_han(text, i):
                    continue  # an apostrophe or an English quote
                marks.append((start + i, m.group()))
        counts: dict[str, int] = {"curly": 0, "corner": 0}
        order: list[str] = []
        for _, mark in marks:
            style = _QUOTE_STYLES[mark][0]
            counts[style] += 1
            if style not in order:
                order.append(style)
        winner = majority(counts, order)
        if winner is None:
            continue
        for offset, mark in marks:
            style, other = _QUOTE_STYLES[mark]
            if style != winner:
                yield ctx.finding(mixed_chinese_quotes, offset, offset + 1, [other])


def _near_han(text: str, i: int) -> bool:
    """True when a Chinese character or full-width mark sits right before or after text[i]."""
    around = text[max(0, i - 1) : i] + text[i + 1 : i + 2]
    return bool(HAN_RE.search(around)) or any(c in _FULL_PUNCT + "：（《" for c in around)


_ZH_MENU_ITEMS = [
    "首页",
    "返回",
    "返回顶部",
    "返回首页",
    "返回列表",
    "分享",
    "分享到",
    "打印",
    "打印本页",
    "打印此页",
    "关闭",
    "关闭窗口",
    "上一篇",
    "下一篇",
    "相关新闻",
    "相关阅读",
    "相关链接",
    "阅读原文",
    "扫一扫",
    "扫码分享",
    "收藏",
    "点赞",
    "在看",
    "找医生",
    "预约挂号",
    "【字体：大 中 小】",
    "字号：大 中 小",
]
_ZH_MENU_PREFIXES = [
    "原文链接",
    "原文地址",
    "来源链接",
    "分享到：",
    "当前位置：",
    "您的位置：",
    "您当前的位置：",
    "版权所有",
    "上一篇：",
    "下一篇：",
]
_ZH_MENU_LINE = furniture_pattern(_ZH_MENU_ITEMS, _ZH_MENU_PREFIXES)
_ZH_BREADCRUMB = re.compile(r"首页\s*[>»›/|＞]")


@rule(
    "Z006",
    "page-furniture-zh",
    Severity.WARNING,
    "Web page text copied into the article: {text!r}",
    explanation="""A line of a Chinese web page's furniture copied into the article: menu items
("首页", "返回顶部", "打印本页", "分享到"), breadcrumbs ("首页 > 新闻中心 > …"), previous/next links
("上一篇：…") and link lines ("原文链接：…"). Controlled by the house option `page_furniture`
(default on). The offered fix deletes the line and is unsafe.""",
    bad="首页 > 新闻中心\n\n医疗队今天出发。\n\n返回顶部",
    good="医疗队今天出发。",
    applicability=Applicability.UNSAFE,
)
def page_furniture_zh(ctx: RuleContext) -> Iterator[Finding]:
    """Flag whole lines of Chinese menu text, breadcrumbs and "原文链接" lines."""
    if not ctx.config.page_furniture:
        return
    for a, b in furniture_lines(ctx, ZH_LANGS, _ZH_MENU_LINE, _ZH_BREADCRUMB):
        yield ctx.finding(page_furniture_zh, a, b, [""])
