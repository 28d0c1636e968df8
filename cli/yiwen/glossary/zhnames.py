"""Personal names in Chinese text: find them (jieba + titles + surnames) and romanise them.

jieba's part-of-speech tagger (`nr`) finds most names but misses one right after a title
(院长郑兴东 comes out as a place, `ns`) and splits others (秦 + 净). So three signals combine:
the tagger, a surname table (`surnames.py`) and the titles that stand before or after a name in
hospital news (院长, 书记, 主任, 医生, 教授, 护士长 …). pypinyin has no surname mode, so the
surname's reading comes from our table and only the given name is read by pypinyin.

Tagging is the costly part, nearly all of it posseg's HMM over unknown words; `zhtagger` gives
posseg's exact tags but runs that HMM only on the stretches a name could touch.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from yiwen.glossary.pinyin import join_syllables
from yiwen.glossary.surnames import (
    COMPOUND,
    SINGLE,
    SURNAME_INITIALS,
    split_surname,
    surname_prefix,
    surname_reading,
)
from yiwen.glossary.zhtagger import (
    block_pieces,
    char_class,
    code_points,
    expand,
    rate_blocks,
    route_blocks,
)

# Titles and roles that stand right before or after a personal name in hospital news. A jieba
# token that ends with one of these (党委书记, 科主任) counts as a title too.
TITLES: frozenset[str] = frozenset(
    """
    院长 副院长 常务副院长 执行院长 名誉院长 院长助理 书记 副书记 党委书记 党委副书记 纪委书记
    主任 副主任 科主任 执行主任 主任医师 副主任医师 主治医师 住院医师 医师 医生 大夫 专家
    教授 副教授 讲师 研究员 副研究员 博士 硕士 院士 博导 护士长 护士 护师 药师 技师 主管护师
    部长 副部长 处长 副处长 科长 副科长 局长 副局长 所长 厅长 市长 省长 校长 副校长 主席 副主席
    董事长 总经理 经理 会长 副会长 理事长 秘书长 组长 队长 领队 团长 站长 委员 主委 代表 先生
    女士 同志 老师 记者 通讯员 总监 总裁
    """.split()
)
_TITLE_SUFFIXES = ("院长", "书记", "主任", "医师", "医生", "教授", "护士长", "部长", "处长", "科长")

# Characters that end a name: particles, conjunctions, verbs of saying and place/office suffixes
# that jieba sometimes glues to a surname ("王说", "李科").
_STOP = frozenset(
    "的了和与及或等在是说为对向将从被把让给也都就还又而但并由于以之其该此这那我你他她它们"
    "院科部室局委会省市县区镇村路街楼号年月日时分个位名人员所中心组队团处厅"
)
# jieba tags that may be (part of) a given name when they follow a bare surname.
_NAMEISH = frozenset({"nr", "nrfg", "nrt", "ns", "nz", "n", "ng", "a", "ag", "j", "b", "g", "z"})
_REPORTING = frozenset({"介绍", "表示", "称", "透露", "说"})
# jieba tags of function words: a surname character tagged so is the word, not a surname.
_FUNCTION = frozenset({"c", "p", "u", "uj", "ul", "uz", "ug", "uv", "ud", "r", "v", "vn", "y"})
_HAN = re.compile(r"^[\u3400-\u9fff]+$")
# Any text in which a token may be a title (`is_title`) or 据: a title holds one of these.
_TITLE_TEXT = re.compile("|".join(sorted({*TITLES, *_TITLE_SUFFIXES, "据"})))
_SURNAME_CODES = code_points(SURNAME_INITIALS)
# Where a name may start (`surname_prefix`): on a single surname, or on a compound one. A
# character that only begins compound surnames (上 长 公 东 …, common in words) starts a name
# only where the compound stands, so elsewhere no token from it has a `_kind`.
_SINGLE_SURNAME = char_class(frozenset(SINGLE))
_COMPOUND_SURNAME = re.compile("|".join(sorted(COMPOUND)))
_NAME_STARTS: dict[int, frozenset[str] | None] = {
    **{ord(c[0]): frozenset(k for k in COMPOUND if k[0] == c[0]) for c in COMPOUND},
    **{ord(c): None for c in SINGLE},
}
# How far past the end of its first token a name decision reads (`_name_end`): a given name
# of at most two characters, then the token that starts there.
_AFTER = 2
# How far after its first character a name candidate reads: a surname (1–2 characters) and a
# given name (1–2) end at most 4 characters on, where the title or word after it starts.
_REACH = 4


@dataclass(frozen=True)
class ZhName:
    """A personal name found in Chinese text, with its romanised parts.

    `family` and `given` are capitalised pinyin without tones, the given name as one word
    ("Ruitao", "Jian'an"); `start`/`end` index the text the name was found in.
    """

    start: int
    end: int
    zh: str
    family_zh: str
    given_zh: str
    family: str
    given: str


def _tokens(text: str) -> tuple[list[tuple[int, str, str]], list[int]]:
    """Return the jieba tokens (start, word, flag) that name finding reads, and the heads.

    These are posseg's tokens (`zhtagger`) of the blocks (runs of Han and alphanumeric
    characters) that may hold a name, in order; the text between two of them stands as one
    empty "x" token. A name and every token its decision reads lie in one block (the text
    between blocks is neither Han nor a title), so the other blocks need no tokens: a block
    where no name can start (`_NAME_STARTS`: no single surname, no compound one) is not even
    routed, a routed one is dropped when none of its tokens that start there can start a
    name (`_head_class`), and of a kept one only the tokens a name decision may read are
    kept (`block_pieces` with `reach`). An unknown stretch, which costs posseg's HMM, is
    tagged only when a name decision reads it (`_name_end`: a name candidate reads the
    token before it and, as a bare surname, its given name and the token after); any other
    stays one "x" token. The heads are the indices, in order, of every token that
    `names_in_tokens` would try as a name (some may still fail `_kind`).
    tests/names/test_zhnames_fast_tagger.py and test_zhtagger_route.py hold this against
    posseg over the whole text.
    """
    route = route_blocks(text, _SINGLE_SURNAME, _COMPOUND_SURNAME)
    keep = _SURNAME_CODES
    # A name starts on a token `_head_class` rates 2, or 1 with a title (or 据) by it: a block
    # holds neither when its text has no title, no title ending and no 据.
    chosen = [
        b
        for b, rate in enumerate(rate_blocks(route, _NAME_STARTS, _head_class, 2))
        if rate == 2
        or (rate == 1 and _TITLE_TEXT.search(route.joined, route.starts[b], route.ends[b]))
    ]
    stretches: list[int] = []
    candidates: list[int] = []
    parts: list[Any] = []
    # A name decision reads the token before a head and the tokens that start at most
    # `_AFTER` characters past its end: the other pieces are left out.
    block_pieces(route, chosen, parts, stretches, candidates, keep, gaps=True, reach=_AFTER)
    surnames = SURNAME_INITIALS
    n = len(parts)
    wanted: set[int] = set()
    reaches: list[tuple[int, int]] = []  # (index, offset): the pieces after it up to offset
    for i in stretches:
        start, word, _ = parts[i]
        # Its tokens are unknown until tagged: any surname character in it may start a name,
        # reading up to `_REACH` characters on.
        if surnames.isdisjoint(word):
            continue
        last = len(word) - 1
        while word[last] not in surnames:
            last -= 1
        wanted.add(i)
        reaches.append((i, start + last + _REACH))
    heads: list[int] = []  # known tokens that may start a name
    for i in candidates:
        start, word, flag = parts[i]
        kind = _kind(word, flag)
        if not kind:
            continue
        heads.append(i)
        if kind == "name":
            continue  # decided without looking around
        if i and parts[i - 1][2] is None:
            wanted.add(i - 1)  # its last token may be the title (or 据) before the name
        # A bare surname reads a given name of up to two characters, then the next token.
        reaches.append((i, start + len(word) + (2 if kind == "surname" else 0)))
    for i, reach in reaches:
        j = i + 1
        while j < n and parts[j][0] <= reach:
            if parts[j][2] is None:
                wanted.add(j)
            j += 1
    # Where the heads landed once the wanted stretches became tokens, and the tokens of those
    # stretches that start with a surname character.
    starts: list[int] = []
    toks = expand(parts, wanted, stretches, heads=heads, keep=surnames, landed=starts)
    return toks, starts


@lru_cache(maxsize=1 << 16)  # a fact about the word and its tag, like `_kind`
def _head_class(word: str, flag: str) -> int:
    """Rate what a token can start: 0 no name, 1 a name only next to a title, 2 a name anyway.

    As `_name_end` decides: a token tagged a name, or a bare surname tagged a name or
    compound, may make a name alone; any other `_kind` needs a title (or 据 … 介绍) by it.
    """
    kind = _kind(word, flag)
    if not kind:
        return 0
    if kind == "name":
        return 2
    if kind == "surname" and (flag.startswith("nr") or len(surname_prefix(word)) == 2):
        return 2
    return 1


def is_title(word: str) -> bool:
    """True when a jieba token is a title or role that stands next to a name (院长, 党委书记)."""
    return word in TITLES or word.endswith(_TITLE_SUFFIXES)


def _good_given(given: str) -> bool:
    return 1 <= len(given) <= 2 and bool(_HAN.match(given)) and not any(c in _STOP for c in given)


def find_chinese_names(text: str, known: Iterable[str] = ()) -> list[ZhName]:
    """Find the personal names in Chinese `text`, in order, each once per occurrence.

    `known` names (a glossary's people) are always found where they occur. Other names come
    from jieba `nr` tokens that start with a known surname, and from tokens that start with a
    surname right after or before a title (院长郑兴东, 王瑞涛医生); a surname that jieba split
    from its given name (秦 + 净) is joined back.
    """
    toks, heads = _tokens(text)
    return _names(text, toks, heads, known)


def names_in_tokens(
    text: str, toks: list[tuple[int, str, str]], known: Iterable[str] = ()
) -> list[ZhName]:
    """Find the names of `text` given its jieba tokens (start, word, flag): see find_chinese_names.

    With `zhtagger.reference_tokens(text)` (posseg itself) this is the reference that
    `find_chinese_names` must equal.
    """
    surnames = SURNAME_INITIALS
    return _names(text, toks, [i for i, t in enumerate(toks) if t[1][0] in surnames], known)


def _names(
    text: str, toks: list[tuple[int, str, str]], heads: Iterable[int], known: Iterable[str]
) -> list[ZhName]:
    """Find the names of `text` as `names_in_tokens` does, trying the tokens at `heads` only.

    `heads` must hold, in order, every token that starts with a surname character and has
    a `_kind`; others are skipped.
    """
    spans: dict[int, int] = {}
    for name in {k for k in known if k}:
        i = text.find(name)
        while i >= 0:
            spans.setdefault(i, i + len(name))
            i = text.find(name, i + len(name))
    for i in heads:
        start, word, flag = toks[i]
        kind = _kind(word, flag)
        if not kind:
            continue
        if kind == "name":  # a name whatever stands around it: `_name_end` reads nothing
            spans.setdefault(start, start + len(word))
            continue
        prev_title = i > 0 and (
            is_title(toks[i - 1][1])
            # 据王刚介绍 / 据王刚表示: the reporting frame around a source's name.
            or (toks[i - 1][1] == "据" and i + 1 < len(toks) and toks[i + 1][1] in _REPORTING)
        )
        next_title = i + 1 < len(toks) and is_title(toks[i + 1][1])
        end = _name_end(toks, i, kind, prev_title, next_title)
        if end is not None:
            spans.setdefault(start, end)
    out: list[ZhName] = []
    last = -1
    for start in sorted(spans):
        end = spans[start]
        if start < last:
            continue  # overlaps a name already taken (a known name wins: it is inserted first)
        zh = text[start:end]
        parts = split_surname(zh)
        if parts is None:
            continue
        family, given = romanise_name(zh)
        out.append(ZhName(start, end, zh, parts[0], parts[1], family, given))
        last = end
    return out


@lru_cache(maxsize=1 << 16)  # a fact about the word and its tag: the same words recur
def _kind(word: str, flag: str) -> str:
    """Say what a token can start, whatever stands around it.

    "" nothing; "name" a whole name on its own (tagged `nr`); "titled" a whole name only next
    to a title; "surname" a bare surname, the start of a name that its neighbours decide.
    """
    if not _HAN.match(word):
        return ""
    sur = surname_prefix(word)
    if not sur:
        return ""
    given = word[len(sur) :]
    if given:
        # A whole name in one token: tagged a name, or standing next to a title (院长郑兴东 is
        # tagged a place). A two-character word next to a title needs a name-like tag.
        if not _good_given(given) or is_title(word):
            return ""
        if flag.startswith("nr"):
            return "name"
        return "titled" if (flag in _NAMEISH if len(given) == 2 else flag in ("ns", "nz")) else ""
    # A bare surname that is also a function word (和, 于, 向) only counts when jieba tagged
    # it a name.
    return "" if flag in _FUNCTION and not flag.startswith("nr") else "surname"


def _name_end(
    toks: list[tuple[int, str, str]], i: int, kind: str, prev_title: bool, next_title: bool
) -> int | None:
    """Return the end offset of a name starting at token i (of `_kind` kind), or None."""
    start, word, flag = toks[i]
    titled = prev_title or next_title
    if kind == "name" or (kind == "titled" and titled):
        return start + len(word)
    if kind != "surname":
        return None
    # A bare surname: join the given name jieba split off (秦 + 净, 欧阳 + 文).
    sur = surname_prefix(word)
    if not (flag.startswith("nr") or titled or len(sur) == 2):
        return None
    given = ""
    j = i + 1
    while j < len(toks) and len(given) < 2:
        _, nxt, nflag = toks[j]
        if is_title(nxt) or not _HAN.match(nxt) or len(given) + len(nxt) > 2:
            break
        if nflag not in _NAMEISH and not nflag.startswith("nr"):
            break
        given += nxt
        j += 1
    if not _good_given(given):
        return None
    # A one-character given name needs more than the tagger's word for it: a title next to
    # it, or a jieba name tag on the surname.
    after_title = j < len(toks) and is_title(toks[j][1])
    if not (prev_title or after_title or flag.startswith("nr")):
        return None
    return start + len(sur) + len(given)


def _read(zh: str) -> list[str]:
    """Read characters as toneless pinyin syllables ("v" for "ü"), a short name without pypinyin."""
    from yiwen.glossary.readings import read

    return read(zh)


@lru_cache(maxsize=8192)
def romanise_name(zh: str) -> tuple[str, str]:
    """Romanise a Chinese personal name as (family, given): "欧阳文" -> ("Ouyang", "Wen").

    The surname is read from the surname table (单 Shan, 曾 Zeng, 仇 Qiu …); a name that starts
    with no known surname takes its first character as the surname.
    """
    parts = split_surname(zh) or (zh[:1], zh[1:])
    family_zh, given_zh = parts
    reading = surname_reading(family_zh)
    family_syl = [reading] if reading else _read(family_zh)
    return join_syllables(family_syl), join_syllables(_read(given_zh)) if given_zh else ""


def english_name(name: ZhName | tuple[str, str], order: str) -> str:
    """Write a romanised name in the house order: "Wang Ruitao" or "Ruitao Wang" (given-family)."""
    family, given = (name.family, name.given) if isinstance(name, ZhName) else name
    if not given:
        return family
    return f"{given} {family}" if order == "given-family" else f"{family} {given}"


@dataclass(frozen=True)
class NameRow:
    """One person of a Chinese article's checklist: the name, its English form, what the glossary says.

    `known` is "yes" (the glossary lists these characters), "pinyin" (the glossary lists a person
    with this romanised name but no characters) or "no"; `canonical` is the glossary's form.
    """

    zh: str
    family: str
    given: str
    english: str
    known: str
    canonical: str
    offset: int  # where first seen
    count: int


def name_checklist(document: Any, glossary: Any = None, order: str = "") -> list[NameRow]:
    """List the people named in a document's Chinese paragraphs, first seen first.

    `order` is the house name order; the glossary's when empty, else family name first.
    """
    from yiwen.models import Language

    order = order or getattr(glossary, "name_order", "") or "family-given"
    people = list(getattr(glossary, "people", ()) or ())
    by_zh = {p.zh: p for p in people if p.zh}
    by_pinyin = {(p.family.lower(), p.given.lower()): p for p in people if not p.zh}
    found: dict[str, tuple[ZhName, int, int]] = {}
    for seg in document.paragraphs_in(Language.ZH, Language.MIXED):
        text = document.prose[seg.start : seg.end]
        for n in find_chinese_names(text, known=by_zh):
            first, _, count = found.get(n.zh, (n, seg.start + n.start, 0))
            found[n.zh] = (first, _, count + 1)
    rows = []
    for n, offset, count in sorted(found.values(), key=lambda t: t[1]):
        person = by_zh.get(n.zh)
        known = "yes" if person else "no"
        if person is None:
            person = by_pinyin.get((n.family.lower(), n.given.lower()))
            known = "pinyin" if person else "no"
        canonical = glossary.canonical(person) if person is not None else ""
        rows.append(
            NameRow(
                n.zh, n.family, n.given, english_name(n, order), known, canonical, offset, count
            )
        )
    return rows
