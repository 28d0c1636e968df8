"""Numbers, dates, times and percentages in Chinese and English text, as comparable values.

`quantities(text, language)` finds every quantity in a sentence and returns it normalised, so
that "2023年7月21日" and "July 21, 2023", "百分之三十" and "30 percent", "3.5万" and "35,000",
"第一" and "first" compare equal. The bilingual rules compare the multisets of both sides.
`quantities_in(texts, language, offsets)` does the same for all paragraphs of a document at once.

Speed (a 1,000-paragraph pair is checked for issue 7): CPython's re skips quickly to where a
match may begin only when a pattern starts with a literal or a character set and is case-
sensitive; anything else is tried at every position. So the English text is lower-cased once
and matched without re.I; a word-start test sits after a word's first letter, not before it
(`_alt`); `digits|words` alternations run as two patterns (`_either`), as does the Chinese
time with and without its 上午/下午 word; a Chinese date or year is looked for only around its
月 or 年 (`_near`, `_ahead`); the English passes that start with a month, number or ordinal
word are tried only where one search found such a word at a word start, or where one ends
(`_starts`, `_at`); passes that cannot match are skipped on a cheap test. `quantities_in`
scans all paragraphs as one string, `_SEP` between them, so that each pass runs once, not
once a paragraph. Each of these is exact: tests/data/golden/quantities.json holds what the
plain one-regex-per-kind extractor found, and the tests compare against it, one text at a
time and joined.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from operator import attrgetter
from typing import NamedTuple

from yiwen.models import Language


class Quantity(NamedTuple):
    """One quantity found in text: its kind, normalised value and where it stood.

    A named tuple, not a frozen dataclass: an article has thousands, and a frozen dataclass
    pays five object.__setattr__ calls to build each.
    """

    kind: str  # number | percent | date | time | ordinal
    value: tuple[float | int | None, ...]  # number: (n,), date: (year, month, day), time: (h, m)
    start: int
    end: int
    text: str

    def label(self) -> str:
        """Return a readable form of the value ("2023-07-21", "30%", "35000")."""
        if self.kind == "date":
            y, m, d = self.value
            parts = [f"{y:04d}" if y else "", f"{m:02d}" if m else "", f"{d:02d}" if d else ""]
            return "-".join(p for p in parts if p)
        if self.kind == "time":
            return f"{self.value[0]:02d}:{self.value[1]:02d}"
        n = self.value[0]
        shown = f"{int(n)}" if isinstance(n, float) and n.is_integer() else f"{n}"
        return shown + ("%" if self.kind == "percent" else "")


# ---- Chinese numerals --------------------------------------------------------------------

_ZH_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "贰": 2,
    "两": 2,
    "三": 3,
    "叁": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
_ZH_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_ZH_BIG = {"万": 10_000, "亿": 100_000_000}
_ZH_NUM_CHARS = "".join(_ZH_DIGITS) + "".join(_ZH_UNITS) + "".join(_ZH_BIG)


def zh_numeral(s: str) -> int | None:
    """Return the value of a Chinese numeral ("一百二十" -> 120, "两" -> 2), or None."""
    if not s or any(ch not in _ZH_NUM_CHARS for ch in s):
        return None
    if all(ch in _ZH_DIGITS for ch in s) and len(s) > 1:  # digit by digit: 二〇二三 -> 2023
        return int("".join(str(_ZH_DIGITS[ch]) for ch in s))
    total = section = digit = 0
    last_unit = 1
    for ch in s:
        if ch in _ZH_DIGITS:
            digit = _ZH_DIGITS[ch]
        elif ch in _ZH_UNITS:
            last_unit = _ZH_UNITS[ch]
            section += (digit or 1) * last_unit
            digit = 0
        else:  # 万 / 亿
            section += digit
            total += section * _ZH_BIG[ch]
            section = digit = 0
            last_unit = _ZH_BIG[ch]
    if digit:
        # "一万二" means 12000: a trailing digit after a unit counts in the next lower unit.
        section += digit * (last_unit // 10 if last_unit >= 100 and s[-2] not in "零〇" else 1)
    return total + section


_NUM_TAIL = r"(?:,\d{3})*(?:\.\d+)?"  # thousands and decimals after the first digits
_NUM = rf"\d+{_NUM_TAIL}"
_ZH_NUM = f"[{_ZH_NUM_CHARS}]+"
_ZH_DATE = re.compile(
    rf"(?:(\d{{4}}|[{_ZH_NUM_CHARS}]{{4}})年)?(\d{{1,2}}|[{_ZH_NUM_CHARS}]{{1,3}})月"
    rf"(?:(\d{{1,2}}|[{_ZH_NUM_CHARS}]{{1,3}})[日号])?"
)
_ZH_YEAR = re.compile(
    r"(\d{4}|[〇零一二三四五六七八九]{4})年(?!\d{1,2}月|[一二三四五六七八九十]+月)"
)
# A time is `(上午|下午|晚上|中午|早上)?(\d{1,2}|[numerals]+)[时点:：](?:(\d{1,2}|[numerals]+)分?|半)?`,
# which starts with an optional group, so re tries it at every position. It runs as `_either` of
# the form with the word and the form without (`(P)?X` tries P X, then X: as `P X|X` does), and
# the hour `\d{1,2}|[numerals]+` starts with a set, the first character saying which it is.
_ZH_HOUR = rf"([\d{_ZH_NUM_CHARS}](?:(?<=\d)\d?|(?<=[{_ZH_NUM_CHARS}])[{_ZH_NUM_CHARS}]*))"
_ZH_CLOCK = rf"{_ZH_HOUR}[时点:：](?:(\d{{1,2}}|{_ZH_NUM})分?|半)?"  # groups: hour, minutes
_ZH_TIME_WORD = re.compile(rf"(上午|下午|晚上|中午|早上){_ZH_CLOCK}")
_ZH_TIME = re.compile(_ZH_CLOCK)
# Each kind below is `a|b`, searched as two patterns by `_either`; group 1 is the number.
_ZH_PERCENT = re.compile(rf"百分之({_ZH_NUM}|{_NUM})")
_ZH_PERCENT_SIGN = re.compile(rf"({_NUM})\s*[%％]")
_ZH_ORDINAL = re.compile(rf"第({_NUM}|{_ZH_NUM})|首(?=[次个位批届例])")
_ZH_NUMBER = re.compile(rf"({_NUM})\s*([万亿])?")
# `_ZH_NUMBER|[numerals]+` as one pattern that starts with a set (see `_either`): the first
# character says which alternative it is.
_ZH_NUMBER_OR_NUMERAL = re.compile(
    rf"[\d{_ZH_NUM_CHARS}]"
    rf"(?:(?<=\d)\d*(?:,\d{{3}})*(?:\.\d+)?\s*[万亿]?|(?<=[{_ZH_NUM_CHARS}])[{_ZH_NUM_CHARS}]*)"
)
# Chinese numeral characters that are also ordinary words and must not count alone.
_ZH_NOT_NUMBERS = {"一", "万", "亿", "千", "百", "十", "零"}


def _num(s: str) -> float | int | None:
    if s.isdecimal():  # what \d+ matches (tested first: most numbers have no comma)
        return int(s)
    s = s.replace(",", "")
    if s.isdecimal():
        return int(s)
    whole, dot, frac = s.partition(".")
    if dot and whole.isdecimal() and frac.isdecimal():
        return float(s)
    return zh_numeral(s)


# A search: pos -> the matches of one pattern in one string from pos, as `finditer(s, pos)`.
_Search = Callable[[int], Iterator[re.Match[str]]]


def _either(a: _Search, b: _Search, a_from: int = 0) -> Iterator[re.Match[str]]:
    """Yield the matches `re.finditer(f"{A}|{B}", s)` would, where `a` and `b` are the
    searches of patterns A and B in s (`partial(A.finditer, s)`, or `_at` for a few places).

    CPython's re skips ahead quickly only in a pattern that starts with a literal or a set;
    an alternation of two such patterns is tried at every position. So run each and take
    the leftmost (`a` first on a tie); a match of one that overlaps a match of the other taken
    before it is dropped, and that one searched again from the end, as finditer would.
    `a_from`: no match of `a` starts before it.
    """
    ita, itb = a(a_from), b(0)
    ma, mb = next(ita, None), next(itb, None)
    # ma and mb are always the leftmost match of each starting at or after the last yield's end.
    while ma is not None and mb is not None:
        if ma.start() <= mb.start():
            yield ma
            end = ma.end()
            ma = next(ita, None)
            if mb.start() < end:
                itb = b(end)
                mb = next(itb, None)
        else:
            yield mb
            end = mb.end()
            mb = next(itb, None)
            if ma.start() < end:
                ita = a(end)
                ma = next(ita, None)
    if ma is not None:
        yield ma
        yield from ita
    elif mb is not None:
        yield mb
        yield from itb


def _near(
    pattern: re.Pattern[str], anchor: str, before: int, after: int, s: str
) -> Iterator[re.Match[str]]:
    """Yield the matches of `pattern.finditer(s)`, given that each has `anchor` within its first
    `before` + 1 characters and ends at most `after` characters past it (and has no lookahead).

    Only the few characters around each anchor are searched, not every position of `s`.
    """
    pos, k = 0, s.find(anchor)
    while k >= 0:
        m = pattern.search(s, max(pos, k - before), k + after + 1)
        if m is not None and m.start() <= k:  # a later start may need more text: its own turn
            yield m
            pos = m.end()
            k = s.find(anchor, pos)
        else:
            k = s.find(anchor, k + 1)


def _at(
    pattern: re.Pattern[str], s: str, starts: list[int], pos: int = 0
) -> Iterator[re.Match[str]]:
    """Yield the matches of `pattern.finditer(s, pos)`, given that `pattern.match(s, k)` can
    succeed only where k is in `starts` (ascending, no repeats).

    finditer yields the match at the leftmost place at or after the last match's end where the
    pattern matches; that place is a start, and `match` there finds what finditer finds (both
    see the whole string, lookbehinds included). So only the starts are tried.
    """
    for i in range(bisect_left(starts, pos), len(starts)):
        k = starts[i]
        if k >= pos:
            m = pattern.match(s, k)
            if m is not None:
                yield m
                pos = m.end()


def _ahead(pattern: re.Pattern[str], anchor: str, offset: int, s: str) -> Iterator[re.Match[str]]:
    """Yield the matches of `pattern.finditer(s)`, given that each has `anchor` at `offset`."""
    pos, k = 0, s.find(anchor, offset)
    while k >= 0:
        m = pattern.match(s, k - offset) if k - offset >= pos else None
        if m is not None:
            yield m
            pos = m.end()
        k = s.find(anchor, k + 1)


class _Found:
    """Quantities found so far in one string, and the characters they cover (first come wins)."""

    __slots__ = ("quantities", "shift", "taken", "text")

    def __init__(self, text: str, shift: int) -> None:
        self.text = text
        self.shift = shift  # added to every position recorded
        self.quantities: list[Quantity] = []
        self.taken = bytearray(len(text))

    def free(self, m: re.Match[str]) -> bool:
        """True when no quantity found so far overlaps the match."""
        return self.taken.find(1, m.start(), m.end()) < 0

    def take(self, start: int, end: int) -> None:
        """Mark text[start:end] as used."""
        self.taken[start:end] = b"\x01" * (end - start)

    def add(self, kind: str, value: tuple, m: re.Match[str]) -> None:
        """Record the match as a quantity."""
        a, b = m.span()
        self.taken[a:b] = b"\x01" * (b - a)
        o = self.shift
        # tuple.__new__ as Quantity's own __new__ does, without its Python-level call.
        self.quantities.append(_new(Quantity, (kind, value, a + o, b + o, self.text[a:b])))

    def result(self) -> list[Quantity]:
        """The quantities in text order (two never start at the same place)."""
        return sorted(self.quantities, key=_START)


_START = attrgetter("start")
_new = tuple.__new__


# Numerals that are part of a name: 第一人民医院, 第六人民医院 (hospitals are numbered in China).
_ZH_NAMED = re.compile(r"第[一二三四五六七八九十]+(?:人民)?(?:医院|中学|小学|附属医院)")


def _zh_scan(text: str, shift: int, edge: str) -> _Found:
    """Find the Chinese quantities in `text`, positions plus `shift` (`edge`: see `_SEP`)."""
    f = _Found(text, shift)
    if "第" in text:
        for m in _ZH_NAMED.finditer(text):
            f.take(*m.span())
    for m in _near(_ZH_DATE, "月", 8, 4, text):
        if f.free(m):
            y = _num(m[1]) if m[1] else None
            mo, d = _num(m[2]), _num(m[3]) if m[3] else None
            if mo is not None and 1 <= mo <= 12:
                f.add("date", (y, mo, d), m)
    for m in _ahead(_ZH_YEAR, "年", 4, text):
        if f.free(m):
            f.add("date", (_num(m[1]), None, None), m)
    if "时" in text or "点" in text or ":" in text or "：" in text:
        for m in _either(partial(_ZH_TIME_WORD.finditer, text), partial(_ZH_TIME.finditer, text)):
            if not f.free(m):
                continue
            word, hour, minutes = m.groups() if m.re is _ZH_TIME_WORD else (None, *m.groups())
            bare = m[0][-1] in "时点" and not word and not minutes
            # After the match: "" at a text's end, and `"" in "整钟"` holds, so a bare time
            # there stays; `edge` stands for that end where texts are joined.
            after = text[m.end() : m.end() + 1]
            if bare and after not in "整钟" and after != edge:
                continue  # "3点" alone is more often a list point than a time
            h = _num(hour)
            if h is None or h > 24:
                continue
            minute = 30 if m[0].endswith("半") else (_num(minutes) if minutes else 0)
            if word in ("下午", "晚上") and h < 12:
                h += 12
            f.add("time", (int(h), int(minute or 0)), m)
    sign = "%" in text or "％" in text
    if "百分之" in text:
        percents: Iterable[re.Match[str]] = (
            _either(partial(_ZH_PERCENT.finditer, text), partial(_ZH_PERCENT_SIGN.finditer, text))
            if sign
            else _ZH_PERCENT.finditer(text)
        )
    else:
        percents = _ZH_PERCENT_SIGN.finditer(text) if sign else ()
    for m in percents:
        if f.free(m):
            f.add("percent", (_num(m[1]),), m)
    if "第" in text or "首" in text:
        for m in _ZH_ORDINAL.finditer(text):
            if f.free(m):
                f.add("ordinal", (1 if m[0] == "首" else _num(m[1]),), m)
    # The last pass: its matches never overlap one another, so it only reads `taken`; and it
    # makes its quantities itself, as `_Found.add` would (this runs for every number).
    taken, found, shift = f.taken, f.quantities, f.shift
    for m in _ZH_NUMBER_OR_NUMERAL.finditer(text):
        start, end = m.span()
        if taken.find(1, start, end) >= 0:
            continue
        word = m[0]
        if word.isdecimal():  # digits alone, the most common (no numeral is decimal)
            n: float | int | None = int(word)
        elif word[0] in _ZH_NUM_CHARS:
            if _zh_word_context(text, start, end):
                continue
            if (
                word in _ZH_NOT_NUMBERS
                and not (  # alone, it counts only before a measure word
                    text[end : end + 1] in _MEASURE
                    and not _VAGUE.search(text[max(0, start - 2) : start])
                )
            ):
                continue
            n = zh_numeral(word)
        else:  # _ZH_NUMBER: the number, spaces (\s*, as str.isspace) and 万 or 亿 perhaps
            big = word[-1] if word[-1] in "万亿" else ""
            n = _num((word[:-1] if big else word).rstrip())
            if n is not None:
                n = _norm(n * _ZH_BIG[big] if big else n)
        if n is not None:
            found.append(_new(Quantity, ("number", (n,), start + shift, end + shift, word)))
    return f


# Measure words after which a lone 一 or 十 is a count ("为期一年" ~ "one-year", "十个").
_MEASURE = set("年月天周个名位台次例人家所批项张床届支")
# "过去一年" (the past year), "每一位" (every): a 一 after these is not a count in English.
_VAGUE = re.compile(r"(?:过去|近|这|那|每|全|同|上|下|前|后|头|第|任何|其中)$")
# Words built from numeral characters that are not quantities (一起 "together", 一些 "some"…).
_ZH_WORDS = re.compile(r"一[起些直定般样切致同道边面旦方带再度向贯流]|万[一分]|千万|十分|百姓|一一")


def _zh_word_context(text: str, start: int, end: int) -> bool:
    return end - start <= 2 and bool(_ZH_WORDS.search(text[max(0, start - 1) : end + 1]))


def _norm(n: float | int) -> float | int:
    return int(n) if isinstance(n, float) and n.is_integer() else n


# ---- English -----------------------------------------------------------------------------

_EN_SMALL = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_EN_TENS = {
    w: 10 * (i + 2)
    for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())
}
_EN_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_EN_ORDINALS = {
    w: i + 1
    for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split()
    )
}
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "january february march april may june july august september october november december".split()
    )
}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9

# The English patterns run on the text folded to lower case, without re.I (see the module
# docstring). `_FOLD` maps exactly what re.I matched to an ASCII letter (A-Z, and İ ı ſ K) to
# that letter, one character for one, so offsets stay put and the matches are re.I's.
_FOLD = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}
_FOLD.update({0x130: ord("i"), 0x131: ord("i"), 0x17F: ord("s"), 0x212A: ord("k")})


def _alt(fragments: list[str], bounded: bool = False) -> str:
    """Alternation of regex fragments that each start with a letter, grouped by that letter.

    Alternatives with different first letters exclude each other, so grouping keeps the
    meaning (and the order within a letter keeps the priority). `bounded` adds a word-start
    test after the first letter, so that the pattern still starts with a literal or a set.
    """
    groups: dict[str, list[str]] = {}
    for f in fragments:
        groups.setdefault(f[0], []).append(f[1:])
    lb = r"(?<!\w.)" if bounded else ""
    return "(?:" + "|".join(f"{c}{lb}(?:{'|'.join(r)})" for c, r in groups.items()) + ")"


_MONTH_WORDS = (
    "jan(?:uary)? feb(?:ruary)? mar(?:ch)? apr(?:il)? may june? july? aug(?:ust)? "
    "sept?(?:ember)? oct(?:ober)? nov(?:ember)? dec(?:ember)?"
).split()
_MONTH_RE = _alt(_MONTH_WORDS) + r"\.?"
_MONTH_AT = _alt(_MONTH_WORDS, bounded=True) + r"\.?"  # ... at a word start
_NUM_WORD_LIST = [*_EN_SMALL, *_EN_TENS, *_EN_SCALES]
_NUM_WORDS = _alt(_NUM_WORD_LIST)
# "a hundred", "twenty-two", "one hundred and five": number words joined by spaces, hyphens, "and",
# that is (?:a\s+(?=hundred…))?(?:one|two…)(?:[\s-]+(?:one|two…)\b)*, as first words and the rest.
_WORD_NUM_FIRST = [rf"a\s+(?=(?:hundred|thousand|million|billion)\b){_NUM_WORDS}", *_NUM_WORD_LIST]
_WORD_NUM_REST = rf"(?:(?:[\s-]+|\s+and\s+){_NUM_WORDS}\b)*"
_D12 = r"(\d(?<!\w\d)\d?)"  # \b(\d{1,2}) starting with the digit, so re can skip to digits

_WORD_NUM_AT = _alt(_WORD_NUM_FIRST, bounded=True) + _WORD_NUM_REST  # \b and _WORD_NUM

# The passes that start with a letter (date, date_my, date_m, percent_words, ordinal_words,
# number_words) are tried only where they can start, found by one search for these words at a
# word start (see `_starts`): the three first letters of a month, number words, ordinal words.
_MONTH, _NUMBER, _ORDINAL, _SCALE = 1, 2, 4, 8
_TRIGGER_KINDS: dict[str, int] = {}
for _words, _kind in (
    ([w[:3] for w in _MONTHS], _MONTH),
    (_NUM_WORD_LIST, _NUMBER),
    (list(_EN_ORDINALS), _ORDINAL),
    (list(_EN_SCALES), _SCALE),
):
    for _w in _words:
        _TRIGGER_KINDS[_w] = _TRIGGER_KINDS.get(_w, 0) | _kind
# The search reports one word where it stands; any other trigger word there is a prefix of it
# or it of that one ("four", "fourth", "fourteen"), so a word stands for the kinds of all those.
_TRIGGER_FLAGS = dict.fromkeys(_TRIGGER_KINDS, 0)
for _w in _TRIGGER_FLAGS:
    for _v, _kind in _TRIGGER_KINDS.items():
        if _w.startswith(_v) or _v.startswith(_w):
            _TRIGGER_FLAGS[_w] |= _kind
_TRIGGER_WORDS = _alt(list(_TRIGGER_KINDS))
# The words before a month in `date_m` ("mid-?" is "mid" or "mid-"), and their lengths.
_DATE_M_WORDS = "in since until till by from during before after early late mid-?".split()
_PREPOSITIONS = {w.replace("-?", e) for w in _DATE_M_WORDS for e in ("", "-")}
_PREPOSITION_LENGTHS = sorted({len(w) for w in _PREPOSITIONS}, reverse=True)
_SUFFIXES = {"st", "nd", "rd", "th"}  # after the day in `date_dmy`


class _EnPatterns:
    """The English patterns, compiled with `flags` (0, or re.ASCII for text that allows it)."""

    def __init__(self, flags: int) -> None:
        def c(pattern: str) -> re.Pattern[str]:
            return re.compile(pattern, flags)

        self.digit = c(r"\d")
        # A word that may begin a match of a pass below that starts with a letter, after the
        # character before it (see `_starts`); `word` is the same at the string's start.
        self.trigger = c(rf"\W(?=({_TRIGGER_WORDS}))")
        self.word = c(f"({_TRIGGER_WORDS})")
        self.date = c(rf"({_MONTH_AT})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b")
        self.date_dmy = c(rf"{_D12}(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})(?:,?\s+(\d{{4}}))?\b")
        self.date_my = c(rf"({_MONTH_AT})\s+(\d{{4}})\b")
        # A month alone, after a preposition ("in July" ~ "7月"); "may" alone is a verb.
        self.date_m = c(_alt(_DATE_M_WORDS, True) + rf"\s+({_MONTH_RE})(?![\w-])")
        # Groups: hour, minutes before a.m./p.m., a.m./p.m., minutes of a 24-hour "14:30".
        self.time = c(rf"{_D12}(?:(?::(\d{{2}}))?\s*(a\.m\.|p\.m\.|am\b|pm\b)|:(\d{{2}})\b)")
        # Each kind below is `digits|words`, run as two patterns by `_either`; group 1 is the
        # number.
        # _NUM with (?<!\d\d) after its first digit: a match could begin one digit earlier,
        # where finditer would have found it, unless the search began there, and no search
        # begins after a digit (the first digit, or after "%", "cent" or "percent"). Saves
        # trying every digit of every number.
        self.percent = c(rf"(\d(?<!\d\d)\d*{_NUM_TAIL})\s*(?:%|per\s?cent\b|percent\b)")
        self.percent_words = c(rf"({_WORD_NUM_AT})\s+(?:per\s?cent|percent)\b")
        self.ordinal = c(r"(\d(?<!\w\d)\d*)(?:st|nd|rd|th)\b")
        self.ordinal_words = c(rf"({_alt(list(_EN_ORDINALS), bounded=True)})\b")
        self.year = c(r"((?:1[89]\d{2}|20\d{2})(?<!\w\d{4}))\b")  # \b(1[89]\d{2}|20\d{2})\b
        self.number = c(
            r"(\d(?<![\w.]\d)\d*(?:,\d{3})*(?:\.\d+)?)(?:\s+(million|billion|thousand))?\b"
        )
        self.number_words = c(rf"({_WORD_NUM_AT})\b")


# re.ASCII makes \d, \s and \w cheaper to test. On ASCII text it changes nothing but \s, which
# without it also matches the separators \x1c-\x1f.
_EN = _EnPatterns(0)
_EN_ASCII = _EnPatterns(re.ASCII)


def _has_c0_separators(s: str) -> bool:
    """True when `s` has one of \\x1c-\\x1f (four memchr-fast searches beat one regex)."""
    return "\x1c" in s or "\x1d" in s or "\x1e" in s or "\x1f" in s


def en_number_words(s: str) -> int | None:
    """Return the value of English number words ("twenty-two" -> 22, "one hundred and five")."""
    words = [w for w in re.split(r"[\s-]+", s.lower()) if w and w != "and"]
    if not words:
        return None
    total = current = 0
    seen = False
    for w in words:
        if w in _EN_SMALL:
            current += _EN_SMALL[w]
        elif w in _EN_TENS:
            current += _EN_TENS[w]
        elif w == "a":
            current += 1
        elif w in _EN_SCALES:
            scale = _EN_SCALES[w]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


class _Starts(NamedTuple):
    """Where each pass that does not run over the whole folded text may match, ascending."""

    months: list[int]  # date, date_my
    days: list[int]  # date_dmy
    after_words: list[int]  # date_m
    numbers: list[int]  # number_words, percent_words
    ordinals: list[int]  # ordinal_words


def _space_before(s: str, k: int) -> int:
    """Where the run of whitespace that ends at k starts (k when there is none).

    In the patterns \\s is exactly str.isspace (checked over all of Unicode in the tests), but
    for \\x1c-\\x1f without re.ASCII, and the ASCII patterns never meet those.
    """
    while k and s[k - 1].isspace():
        k -= 1
    return k


def _starts(s: str, p: _EnPatterns) -> _Starts:
    """Find where the passes that need a month, a number word or an ordinal word may match.

    One search finds the trigger words at word starts. A word start is where `(?<!\\w.)` holds
    after a word's first letter: the string's start or after a \\W character. Then, the places
    where a match of each pass can start (each pass must match at one of them, or nowhere):
    - `date`, `date_my`: at a month's first three letters at a word start (_MONTH_AT).
    - `date_m`: a preposition, \\s+, then _MONTH_RE, which starts a word since a space is
      before it; the preposition ends where the maximal run of spaces before the month starts.
    - `date_dmy`: _D12 (one or two digits), (st|nd|rd|th)?, \\s+, (of\\s+)?, then a month as
      for `date_m`; the day's digits end before the suffix, and it before the run of spaces
      that ends at the month or at the "of" before it.
    - `number_words`, `percent_words` (_WORD_NUM_AT): a number word at a word start, or an "a"
      ending where the maximal run of spaces before a scale word ("a hundred") starts.
    - `ordinal_words`: an ordinal word at a word start.
    """
    hits = [(m.end(), m[1]) for m in p.trigger.finditer(s)]
    first = p.word.match(s)
    if first is not None:
        hits.insert(0, (0, first[1]))
    found = _Starts([], [], [], [], [])
    extra = False  # places added out of order
    for k, word in hits:
        kinds = _TRIGGER_FLAGS[word]
        if kinds & (_MONTH | _SCALE):
            b = _space_before(s, k)
            if b < k and kinds & _MONTH:
                found.after_words.extend(
                    b - n for n in _PREPOSITION_LENGTHS if n <= b and s[b - n : b] in _PREPOSITIONS
                )
                ends = [b]
                if b >= 2 and s[b - 2 : b] == "of":
                    c = _space_before(s, b - 2)
                    if c < b - 2:
                        ends.append(c)
                for e in ends:
                    for e2 in (e, e - 2) if e >= 2 and s[e - 2 : e] in _SUFFIXES else (e,):
                        # \d is exactly str.isdecimal (checked in the tests as for \s).
                        found.days.extend(
                            x for x in (e2 - 2, e2 - 1) if x >= 0 and s[x].isdecimal()
                        )
            if b < k and kinds & _SCALE and s[b - 1 : b] == "a":
                found.numbers.append(b - 1)
                extra = True
        if kinds & _MONTH:
            found.months.append(k)
        if kinds & _NUMBER:
            found.numbers.append(k)
        if kinds & _ORDINAL:
            found.ordinals.append(k)
    # Two months close together may give the same place twice, or out of order.
    found.days[:] = sorted(set(found.days))
    found.after_words[:] = sorted(set(found.after_words))
    if extra:
        found.numbers[:] = sorted(set(found.numbers))
    return found


def _en_scan(text: str, shift: int, edge: str) -> _Found:
    """Find the English quantities in `text`, positions plus `shift` (`edge`: no rule needs it)."""
    if text.isascii():
        s = text.lower()
        p = _EN if _has_c0_separators(s) else _EN_ASCII
    else:
        s, p = text.translate(_FOLD), _EN
    f = _Found(text, shift)
    # Where the first digit stands: no match of a pattern that starts with one can start before.
    found = p.digit.search(s)
    digit = found.start() if found else len(s)
    starts = _starts(s, p)
    months = starts.months
    if months and digit < len(s):
        for m in _at(p.date, s, months):
            day = int(m[2])
            if day <= 31 and f.free(m):
                f.add("date", (int(m[3]) if m[3] else None, _MONTHS[m[1].rstrip(".")], day), m)
        for m in _at(p.date_dmy, s, starts.days):
            if f.free(m):
                year = int(m[3]) if m[3] else None
                f.add("date", (year, _MONTHS[m[2].rstrip(".")], int(m[1])), m)
        for m in _at(p.date_my, s, months):
            if f.free(m):
                f.add("date", (int(m[2]), _MONTHS[m[1].rstrip(".")], None), m)
    for m in _at(p.date_m, s, starts.after_words):
        if f.free(m):
            f.add("date", (None, _MONTHS[m[1].rstrip(".")], None), m)
    # A time has a colon or a.m./p.m. (am, pm) in it.
    if digit < len(s) and (":" in s or "am" in s or "pm" in s or ".m" in s):
        for m in p.time.finditer(s, digit):
            if m[3] is not None:
                h, minute = int(m[1]), int(m[2] or 0)
                if m[3][0] == "p" and h < 12:
                    h += 12
            else:
                h, minute = int(m[1]), int(m[4])
            if h <= 24 and minute < 60 and f.free(m):
                f.add("time", (h, minute), m)
    if "per" in s:
        percents: Iterable[re.Match[str]] = _either(
            partial(p.percent.finditer, s), partial(_at, p.percent_words, s, starts.numbers), digit
        )
    else:
        percents = p.percent.finditer(s, digit) if "%" in s else ()
    for m in percents:
        if f.free(m):
            a, b = m.span(1)
            n = _num(text[a:b]) if m.re is p.percent else en_number_words(text[a:b])
            if n is not None:
                f.add("percent", (_norm(n),), m)
    for m in _either(
        partial(p.ordinal.finditer, s), partial(_at, p.ordinal_words, s, starts.ordinals), digit
    ):
        if f.free(m):
            f.add("ordinal", (int(m[1]) if m.re is p.ordinal else _EN_ORDINALS[m[1]],), m)
    for m in p.year.finditer(s, digit):
        if f.free(m):
            f.add("date", (int(m[1]), None, None), m)
    # The last pass: as the last Chinese one, it only reads `taken` and makes its quantities.
    taken, found, shift = f.taken, f.quantities, f.shift
    numbers = _either(
        partial(p.number.finditer, s), partial(_at, p.number_words, s, starts.numbers), digit
    )
    for m in numbers:
        a, b = m.span()
        if taken.find(1, a, b) >= 0:
            continue
        if m.re is p.number:
            n = _num(m[1])
            if n is not None and m[2]:
                n = n * _EN_SCALES[m[2]]
        else:
            n = en_number_words(text[slice(*m.span(1))])
        if n is not None:
            found.append(_new(Quantity, ("number", (_norm(n),), a + shift, b + shift, text[a:b])))
    return f


def quantities(text: str, language: Language, offset: int = 0) -> list[Quantity]:
    """Return the quantities in `text` (Chinese rules for ZH, English rules otherwise).

    `offset` is added to every start and end: where `text` stands in a larger one.
    """
    scan = _zh_scan if language == Language.ZH else _en_scan
    return scan(text, offset, "").result()


def quantities_in(
    texts: Sequence[str], language: Language, offsets: Sequence[int]
) -> list[list[Quantity]]:
    """Return `[quantities(t, language, o) for t, o in zip(texts, offsets)]`, faster.

    The texts are scanned as one string (or a few), each at its offset with `_SEP` between
    them: the passes run once instead of once a text, the way `quantities` runs them.
    `offsets` has one offset for each text.
    """
    if len(texts) != len(offsets):
        raise ValueError(f"{len(texts)} texts but {len(offsets)} offsets")
    scan = _zh_scan if language == Language.ZH else _en_scan
    out: list[list[Quantity]] = [[] for _ in texts]
    for group in _groups(texts, language):
        if len(group) == 1:
            out[group[0]] = quantities(texts[group[0]], language, offsets[group[0]])
            continue
        joined, shift, where = _layout([texts[i] for i in group], [offsets[i] for i in group])
        found = scan(joined, shift, _SEP).quantities
        found.sort(key=_START)
        k, (_, end, delta) = 0, where[0]
        into = out[group[0]]
        for q in found:
            while q.start >= end:  # the quantities of the next text (none spans two)
                k += 1
                _, end, delta = where[k]
                into = out[group[k]]
            into.append(q if not delta else q._replace(start=q.start + delta, end=q.end + delta))
    return out


def _layout(texts: list[str], offsets: list[int]) -> tuple[str, int, list[tuple[int, int, int]]]:
    """Join texts for one scan: the string, the shift for its positions, and for each text
    where its quantities land (start, end) and what to add to them then.

    When the offsets leave a gap between texts in order, not much larger than the texts, each
    text stands at its offset (minus the first), the gaps filled with `_SEP`, so that the
    quantities come out right; otherwise they are joined by one `_SEP` and moved after.
    """
    gaps = [b - a - len(t) for a, b, t in zip(offsets[:-1], offsets[1:], texts[:-1], strict=True)]
    total = sum(map(len, texts))
    if min(gaps) >= 1 and sum(gaps) <= total + len(texts):
        pieces = [texts[0]]
        for gap, text in zip(gaps, texts[1:], strict=True):
            pieces += (_SEP * gap, text)
        return (
            "".join(pieces),
            offsets[0],
            [(o, o + len(t), 0) for o, t in zip(offsets, texts, strict=True)],
        )
    where, base = [], 0
    for o, t in zip(offsets, texts, strict=True):
        where.append((base, base + len(t), o - base))
        base += len(t) + 1
    return _SEP.join(texts), 0, where


# Fills the space between texts scanned as one string. Each pass then finds in that string
# exactly what it finds in each text alone, because at every position of a text its regex
# explores the same paths and each takes the same turns:
# - Nothing a pattern consumes can match it: it is not \w, \s, \d, ".", "-" nor any literal
#   character of a pattern (no pattern consumes with `.`). A path that runs into it fails, as
#   one that runs past a text's end does; so no match crosses it, and none can start on it.
# - Each assertion answers at a text's edge as it answers there alone: \b, since it is not
#   \w; every lookbehind wants \w, \d, [\w.] or a numeral or literal character in the place
#   before the text (the `.` in `(?<!\w.)` stands on the word's first letter, in the text);
#   every lookahead (`(?![\w-])`, `(?=[次个位批届例])`, `(?!\d{1,2}月|…)`, the scale words of
#   "a hundred") wants a character it is not; no pattern uses ^, $ or \Z.
# - A pass's start (finditer from the first digit, `_near` and `_ahead` windows, `_at`
#   places) is a bound proved for any string, so for this one too; a cheap "is there any"
#   test on the whole string only lets a pass run where it might find something.
# - Python reads around a match: `_zh_word_context` and the _VAGUE test read at most one
#   character past each end (or two before), where this character is not in any word they
#   look for and `$` sees it, not an end, before it (`$` could match before a final "\n");
#   `_MEASURE` does not hold it; a bare Chinese time keeps at a text's end (`"" in "整钟"`)
#   and is told, as `edge`, that this character means that end.
# - Paragraphs keep their own patterns and folding: see `_groups`.
_SEP = "\x00"


def _groups(texts: Sequence[str], language: Language) -> list[list[int]]:
    """Split the indices of `texts` into groups, each to be scanned as one joined string.

    A text with `_SEP` in it is scanned alone. English texts are grouped by the patterns and
    fold `_en_scan` picks for them (ASCII without \\x1c-\\x1f: lower() and _EN_ASCII; else
    _FOLD and _EN), so that a joined string gets the choice of each of its texts. (One group
    would be exact too, _EN finding on such ASCII text what _EN_ASCII finds, but slower.)
    """
    if not texts:
        return []
    joined = _SEP.join(texts)
    if joined.count(_SEP) == len(texts) - 1 and (
        language == Language.ZH or (joined.isascii() and not _has_c0_separators(joined))
    ):
        return [list(range(len(texts)))]
    groups: dict[object, list[int]] = {}
    for i, t in enumerate(texts):
        if _SEP in t:
            key: object = i
        elif language == Language.ZH:
            key = "zh"
        else:
            key = t.isascii() and not _has_c0_separators(t)
        groups.setdefault(key, []).append(i)
    return list(groups.values())


def same(a: Quantity, b: Quantity) -> bool:
    """True when two quantities say the same thing (a date missing its year matches any year)."""
    if a.kind == "date" and b.kind == "date":
        return (
            all(x is None or y is None or x == y for x, y in zip(a.value, b.value, strict=True))
            and (sum(v is not None for v in a.value) and sum(v is not None for v in b.value)) > 0
        )
    if a.kind == "time" or b.kind == "time":
        return a.kind == b.kind and a.value == b.value
    if a.kind == "percent" or b.kind == "percent":
        return a.kind == b.kind and a.value == b.value
    # Cardinals and ordinals meet: 第一次 ~ "first time", 一年 ~ "one-year".
    return a.value == b.value
