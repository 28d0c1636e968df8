"""Numbers, dates, times and percentages in Chinese and English text, as comparable values.

`quantities(text, language)` finds every quantity in a sentence and returns it normalised, so
that "2023年7月21日" and "July 21, 2023", "百分之三十" and "30 percent", "3.5万" and "35,000",
"第一" and "first" compare equal. The bilingual rules compare the multisets of both sides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yiwen.models import Language


@dataclass(frozen=True)
class Quantity:
    """One quantity found in text: its kind, normalised value and where it stood."""

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


_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_ZH_NUM = f"[{_ZH_NUM_CHARS}]+"
_ZH_PATTERNS = [
    (
        "date",
        re.compile(
            rf"(?:(\d{{4}}|[{_ZH_NUM_CHARS}]{{4}})年)?(\d{{1,2}}|[{_ZH_NUM_CHARS}]{{1,3}})月(?:(\d{{1,2}}|[{_ZH_NUM_CHARS}]{{1,3}})[日号])?"
        ),
    ),
    (
        "year",
        re.compile(r"(\d{4}|[〇零一二三四五六七八九]{4})年(?!\d{1,2}月|[一二三四五六七八九十]+月)"),
    ),
    (
        "time",
        re.compile(
            rf"(上午|下午|晚上|中午|早上)?(\d{{1,2}}|{_ZH_NUM})[时点:：](?:(\d{{1,2}}|{_ZH_NUM})分?|半)?"
        ),
    ),
    ("percent", re.compile(rf"百分之({_ZH_NUM}|{_NUM})|({_NUM})\s*[%％]")),
    ("ordinal", re.compile(rf"第({_NUM}|{_ZH_NUM})|首(?=[次个位批届例])")),
    ("number", re.compile(rf"({_NUM})\s*([万亿])?|({_ZH_NUM})")),
]
# Chinese numeral characters that are also ordinary words and must not count alone.
_ZH_NOT_NUMBERS = {"一", "万", "亿", "千", "百", "十", "零"}


def _num(s: str) -> float | int | None:
    s = s.replace(",", "")
    if re.fullmatch(r"\d+", s):
        return int(s)
    if re.fullmatch(r"\d+\.\d+", s):
        return float(s)
    return zh_numeral(s)


# Numerals that are part of a name: 第一人民医院, 第六人民医院 (hospitals are numbered in China).
_ZH_NAMED = re.compile(r"第[一二三四五六七八九十]+(?:人民)?(?:医院|中学|小学|附属医院)")


def _zh_quantities(text: str) -> list[Quantity]:
    found: list[Quantity] = []
    taken = [False] * len(text)
    for m in _ZH_NAMED.finditer(text):
        taken[m.start() : m.end()] = [True] * (m.end() - m.start())

    def add(kind: str, value: tuple, m: re.Match[str]) -> None:
        found.append(Quantity(kind, value, m.start(), m.end(), m.group(0)))
        for i in range(m.start(), m.end()):
            taken[i] = True

    for kind, pattern in _ZH_PATTERNS:
        for m in pattern.finditer(text):
            if any(taken[m.start() : m.end()]):
                continue
            if kind == "date":
                y = _num(m.group(1)) if m.group(1) else None
                mo, d = _num(m.group(2)), _num(m.group(3)) if m.group(3) else None
                if mo is None or not 1 <= mo <= 12:
                    continue
                add("date", (y, mo, d), m)
            elif kind == "year":
                add("date", (_num(m.group(1)), None, None), m)
            elif kind == "time":
                bare = m.group(0)[-1] in "时点" and not m.group(1) and not m.group(3)
                if bare and text[m.end() : m.end() + 1] not in "整钟":
                    continue  # "3点" alone is more often a list point than a time
                h = _num(m.group(2))
                if h is None or h > 24:
                    continue
                minute = (
                    30 if m.group(0).endswith("半") else (_num(m.group(3)) if m.group(3) else 0)
                )
                if m.group(1) in ("下午", "晚上") and h < 12:
                    h += 12
                add("time", (int(h), int(minute or 0)), m)
            elif kind == "percent":
                add("percent", (_num(m.group(1) or m.group(2)),), m)
            elif kind == "ordinal":
                add("ordinal", (1 if m.group(0) == "首" else _num(m.group(1)),), m)
            else:
                if m.group(3):
                    after = text[m.end() : m.end() + 1]
                    before = text[max(0, m.start() - 2) : m.start()]
                    counted = after in _MEASURE and not _VAGUE.search(before)
                    if _zh_word_context(text, m.start(), m.end()) or (
                        m.group(3) in _ZH_NOT_NUMBERS and not counted
                    ):
                        continue
                    n = zh_numeral(m.group(3))
                else:
                    n = _num(m.group(1))
                    if n is not None and m.group(2):
                        n = n * _ZH_BIG[m.group(2)]
                if n is not None:
                    add("number", (_norm(n),), m)
    return sorted(found, key=lambda q: q.start)


# Measure words after which a lone 一 or 十 is a count ("为期一年" ~ "one-year", "十个").
_MEASURE = set("年月天周个名位台次例人家所批项张床届支")
# "过去一年" (the past year), "每一位" (every): a 一 after these is not a count in English.
_VAGUE = re.compile(r"(?:过去|近|这|那|每|全|同|上|下|前|后|头|第|任何|其中)$")
# Words built from numeral characters that are not quantities (一起 "together", 一些 "some"…).
_ZH_WORDS = re.compile(r"一[起些直定般样切致同道边面旦方带再度向贯流]|万[一分]|千万|十分|百姓|一一")


def _zh_word_context(text: str, start: int, end: int) -> bool:
    window = text[max(0, start - 1) : end + 1]
    return bool(_ZH_WORDS.search(window)) and end - start <= 2


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
_MONTH_RE = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_NUM_WORDS = "|".join([*_EN_SMALL, *_EN_TENS, *_EN_SCALES])
# "a hundred", "twenty-two", "one hundred and five": number words joined by spaces, hyphens, "and".
_WORD_NUM = (
    rf"(?:a\s+(?=(?:hundred|thousand|million|billion)\b))?(?:{_NUM_WORDS})"
    rf"(?:(?:[\s-]+|\s+and\s+)(?:{_NUM_WORDS})\b)*"
)
_EN_PATTERNS = [
    (
        "date",
        re.compile(rf"\b({_MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.I),
    ),
    (
        "date_dmy",
        re.compile(
            rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})(?:,?\s+(\d{{4}}))?\b", re.I
        ),
    ),
    ("date_my", re.compile(rf"\b({_MONTH_RE})\s+(\d{{4}})\b", re.I)),
    # A month alone, after a preposition ("in July" ~ "7月"); "may" alone is a verb.
    (
        "date_m",
        re.compile(
            rf"\b(?:in|since|until|till|by|from|during|before|after|early|late|mid-?)\s+({_MONTH_RE})(?![\w-])",
            re.I,
        ),
    ),
    (
        "time",
        re.compile(
            r"\b(\d{1,2})(?::(\d{2}))?\s*(a\.m\.|p\.m\.|am\b|pm\b)|\b(\d{1,2}):(\d{2})\b", re.I
        ),
    ),
    (
        "percent",
        re.compile(
            rf"({_NUM})\s*(?:%|per\s?cent\b|percent\b)|\b({_WORD_NUM})\s+(?:per\s?cent|percent)\b",
            re.I,
        ),
    ),
    (
        "ordinal",
        re.compile(r"\b(\d+)(?:st|nd|rd|th)\b|\b(" + "|".join(_EN_ORDINALS) + r")\b", re.I),
    ),
    ("year", re.compile(r"\b(1[89]\d{2}|20\d{2})\b")),
    (
        "number",
        re.compile(
            rf"(?<![\w.])({_NUM})(?:\s+(million|billion|thousand))?\b|\b({_WORD_NUM})\b", re.I
        ),
    ),
]


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


def _en_quantities(text: str) -> list[Quantity]:
    found: list[Quantity] = []
    taken = [False] * len(text)

    def add(kind: str, value: tuple, m: re.Match[str]) -> None:
        found.append(Quantity(kind, value, m.start(), m.end(), m.group(0)))
        for i in range(m.start(), m.end()):
            taken[i] = True

    for kind, pattern in _EN_PATTERNS:
        for m in pattern.finditer(text):
            if any(taken[m.start() : m.end()]):
                continue
            g = m.groups()
            if kind == "date":
                month = _MONTHS[g[0].lower().rstrip(".")]
                day = int(g[1])
                if day > 31:
                    continue
                add("date", (int(g[2]) if g[2] else None, month, day), m)
            elif kind == "date_dmy":
                add(
                    "date",
                    (int(g[2]) if g[2] else None, _MONTHS[g[1].lower().rstrip(".")], int(g[0])),
                    m,
                )
            elif kind == "date_m":
                add("date", (None, _MONTHS[g[0].lower().rstrip(".")], None), m)
            elif kind == "date_my":
                add("date", (int(g[1]), _MONTHS[g[0].lower().rstrip(".")], None), m)
            elif kind == "time":
                if g[0] is not None:
                    h, minute = int(g[0]), int(g[1] or 0)
                    if g[2].lower().startswith("p") and h < 12:
                        h += 12
                else:
                    h, minute = int(g[3]), int(g[4])
                if h <= 24 and minute < 60:
                    add("time", (h, minute), m)
            elif kind == "percent":
                n = _num(g[0]) if g[0] else en_number_words(g[1])
                if n is not None:
                    add("percent", (_norm(n),), m)
            elif kind == "ordinal":
                add("ordinal", (int(g[0]) if g[0] else _EN_ORDINALS[g[1].lower()],), m)
            elif kind == "year":
                add("date", (int(g[0]), None, None), m)
            else:
                if g[0]:
                    n = _num(g[0])
                    if n is not None and g[1]:
                        n = n * _EN_SCALES[g[1].lower()]
                else:
                    n = en_number_words(g[2])
                if n is not None:
                    add("number", (_norm(n),), m)
    return sorted(found, key=lambda q: q.start)


def quantities(text: str, language: Language) -> list[Quantity]:
    """Return the quantities in `text` (Chinese rules for ZH, English rules otherwise)."""
    if language == Language.ZH:
        return _zh_quantities(text)
    return _en_quantities(text)


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
