"""Helpers shared by the English (E) and Chinese (Z) rules: character classes, paragraph lists,
headline detection, quote-style counting and page-furniture line matching."""

from __future__ import annotations

import re
from collections.abc import Iterator

from yiwen.models import Language
from yiwen.rules.registry import RuleContext

# Han characters (the same ranges yiwen.document.language counts), for use inside [...].
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
HAN_RE = re.compile(f"[{HAN}]")

EN_LANGS = (Language.EN, Language.MIXED)
ZH_LANGS = (Language.ZH, Language.MIXED)

# Honorifics the E rules know; "Mrs" before "Mr" so the alternation takes the longer one.
HONORIFICS = ("Prof", "Mrs", "Mr", "Ms", "Dr")
HONORIFIC_ALT = "|".join(HONORIFICS)


def paragraphs(ctx: RuleContext, *languages: Language) -> list[tuple[int, str]]:
    """Return ctx.paragraphs(*languages), computed once per document and shared by all rules."""
    key = "paragraphs:" + ",".join(lang.value for lang in languages)
    cached = ctx.cache.get(key)
    if cached is None:
        cached = ctx.cache[key] = ctx.paragraphs(*languages)
    return cached


def lines(start: int, text: str) -> Iterator[tuple[int, str]]:
    """Yield (absolute start, line without its line ending) for each line of a paragraph."""
    pos = 0
    for line in text.split("\n"):
        yield start + pos, line.rstrip("\r")
        pos += len(line) + 1


# Short words that stay lower case in a Title Case headline.
_SMALL_WORDS = frozenset(
    "a an the and but or nor for so yet as at by in of on to up via with from into per vs".split()
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def is_headline(line: str) -> bool:
    """True for a Title Case line (a headline or heading), where capitals after commas are normal.

    A headline has no sentence-ending period at its end and most of its non-small words
    capitalised.
    """
    stripped = line.strip()
    if not stripped or stripped.endswith((".", "。")):
        return False
    words = [w for w in _WORD.findall(stripped) if w.lower() not in _SMALL_WORDS]
    if len(words) < 2:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised / len(words) >= 0.75


def majority(counts: dict[str, int], order: list[str]) -> str | None:
    """Return the style with the most uses (ties go to the one used first), or None if unused.

    `order` lists the styles in the order they first appear in the document.
    """
    used = [s for s in order if counts.get(s)]
    if len(used) < 2:
        return None
    return max(used, key=lambda s: (counts[s], -order.index(s)))


def furniture_pattern(exact: list[str], prefixes: list[str]) -> re.Pattern[str]:
    """Build a line matcher: a whole line that is one menu item, or starts with a link label."""
    bullet = r"[ \t\u3000]*(?:[•·▪►»>*\-–—|]\s*)?"
    items = "|".join(re.escape(e) for e in exact)
    heads = "|".join(re.escape(p) for p in prefixes)
    return re.compile(
        rf"{bullet}(?:(?:{items})[ \t\u3000]*[:：]?|(?:{heads}).*)[ \t\u3000\ufffc]*",
        re.IGNORECASE,
    )


def furniture_lines(
    ctx: RuleContext,
    languages: tuple[Language, ...],
    pattern: re.Pattern[str],
    breadcrumb: re.Pattern[str],
    bulleted: re.Pattern[str] | None = None,
) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each whole line that is web-page furniture (menu text, share links)."""
    text = ctx.document.text
    for start, para in paragraphs(ctx, *languages):
        for line_start, line in lines(start, para):
            body = line.strip(" \t\u3000\ufffc")
            if not body or len(body) > 80:
                continue
            if (
                pattern.fullmatch(line)
                or breadcrumb.match(body)
                or (bulleted is not None and bulleted.fullmatch(body))
            ):
                # A paragraph stops before a masked URL at its end; the finding covers the
                # whole line as written, so deleting it leaves no stray link behind.
                nl = text.find("\n", line_start)
                full = text[line_start : len(text) if nl == -1 else nl].rstrip("\r \t\u3000")
                lead = len(full) - len(full.lstrip(" \t\u3000"))
                yield line_start + lead, line_start + len(full)


def english_runs(ctx: RuleContext) -> list[tuple[int, str]]:
    """Return (start, prose) for English paragraphs, and for the English sentences of mixed ones.

    Chinese punctuation is correct in the Chinese sentences of a mixed paragraph, so rules
    about Chinese marks in English look only at text that is English sentence by sentence.
    """
    cached = ctx.cache.get("english_runs")
    if cached is not None:
        return cached
    from yiwen.document.language import detect_language
    from yiwen.document.segment import sentences

    prose = ctx.document.prose
    out: list[tuple[int, str]] = []
    for para in ctx.document.paragraphs:
        if para.language == Language.EN:
            out.append((para.start, prose[para.start : para.end]))
        elif para.language == Language.MIXED:
            for s in sentences(prose, para.start, para.end, Language.MIXED):
                chunk = prose[s.start : s.end]
                if detect_language(chunk) == Language.EN:
                    out.append((s.start, chunk))
    ctx.cache["english_runs"] = out
    return out
