"""English mechanics (E): doubled words, spacing, honorifics, Chinese punctuation in English…

Every rule reads the prose mask (URLs, code and markup are masked) of English and mixed
paragraphs and reports offsets into the original text. Each pattern is compiled once and run
paragraph by paragraph; the few decisions a regex cannot make (is this "Dr" an honorific, does
"an" fit this word's sound) run only on the rare matches.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

from yiwen.document.segment import ABBREVIATIONS
from yiwen.glossary.pinyin import is_pinyin
from yiwen.models import MASK, Applicability, Finding, Language, Severity
from yiwen.rules._text import (
    EN_LANGS,
    HAN_RE,
    HONORIFIC_ALT,
    HONORIFICS,
    english_runs,
    furniture_lines,
    furniture_pattern,
    is_headline,
    lines,
    majority,
    paragraphs,
)
from yiwen.rules.registry import RuleContext, rule

_EN = EN_LANGS

# Speed: every pattern starts with a literal or a small character class, so the regex engine
# scans for it in C; context that would need a look-behind is checked in Python on the (rare)
# matches instead. Possessive quantifiers (Python 3.11+) stop the engine from retrying every
# shorter prefix of a word.
_POSSESSIVE = "+" if sys.version_info >= (3, 11) else ""


def _word_start(text: str, i: int) -> bool:
    """True when text[i] starts a word (what \\b would test, without a slow look-behind)."""
    return i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")


# --------------------------------------------------------------------------------------------
# E001 doubled word

# A word, whitespace (a line break too), optionally an opening quote, and the same word again.
_DOUBLED = re.compile(rf"\b([A-Za-z]+{_POSSESSIVE})(\s+{_POSSESSIVE}[\"'“‘]?)(\1)\b", re.IGNORECASE)
# Doubles that are correct English ("had had", "that that") are left to a person.
_LEGIT_DOUBLES = frozenset(
    {"had", "that", "is", "do", "bye", "no", "yeah", "ha", "so", "very", "now"}
)


@rule(
    "E001",
    "doubled-word",
    Severity.ERROR,
    "Doubled word: {text!r}",
    explanation="""A word written twice in a row, usually left behind by an edit. The check
ignores case, spans line breaks and an opening quotation mark between the two words, and leaves
legitimate doubles such as "had had" and "that that" alone, as well as Chinese names whose two
parts are the same syllable ("Li Li", "Yang Yang"). The fix deletes the first word and keeps a
quotation mark that opens the second: 'the "the Spirit' becomes '"the Spirit'.""",
    bad="bring the the experience",
    good="bring the experience",
    applicability=Applicability.SAFE,
)
def doubled_word(ctx: RuleContext) -> Iterator[Finding]:
    """Flag "the the" (and 'the "the') and offer to delete the first word."""
    for start, text in paragraphs(ctx, *_EN):
        for m in _DOUBLED.finditer(text):
            word, second = m.group(1), m.group(3)
            if word.lower() in _LEGIT_DOUBLES:
                continue
            if word[0].isupper() and second[0].isupper() and is_pinyin(word, 2):
                continue  # a Chinese name: "Li Li", "Yang Yang"
            # Keep the second word (and a quote that opens it): 'the "the' -> '"the'.
            quote = m.group(2).strip()
            keep = quote + second if quote else word
            yield ctx.finding(
                doubled_word,
                start + m.start(),
                start + m.end(),
                [keep],
                message=f"Doubled word: {word!r}",
            )


# --------------------------------------------------------------------------------------------
# E002 missing space after punctuation

# "team.Next": a sentence end glued to a capitalised word. Before the mark: a lower-case letter,
# digit, or closing bracket/quote, so "U.S.Army", decimals ("3.5") and domains ("shgh.cn") don't
# match; after it a capital and a lower-case letter, so "Ph.D" and "ASP.NET" don't either.
_GLUED_END = re.compile(r"[.!?…]+(?=[A-Z][a-z])")
_GLUED_END_AFTER = frozenset('abcdefghijklmnopqrstuvwxyz0123456789)]"”’')
# "article:https", "Beijing,China", "cases;the": a colon, semicolon or comma between letters
# (or before a masked URL). Times ("10:30") and numbers ("1,000") have digits, not letters.
_GLUED_MID = re.compile(rf"[:;,](?=[A-Za-z{MASK}])")
_WORD_BEFORE = re.compile(r"(&?[A-Za-z][A-Za-z.]*)$")


@rule(
    "E002",
    "missing-space-after-punctuation",
    Severity.ERROR,
    "Missing space after {text!r}",
    explanation="""A sentence end (. ! ?) glued to the next capitalised word, or a colon, semicolon
or comma glued to the next word, often left when paragraphs are joined or text is pasted from a
web page. Decimals ("3.5"), times ("10:30"), numbers ("1,000"), abbreviations ("e.g.", "U.S.",
"Ph.D"), domain names and URLs (masked before the rules run) are not affected. Honorifics
("Dr.Wang") have their own rule, E003.""",
    bad="The team arrived on Monday.Next week they start. Read the article:https://example.org",
    good="The team arrived on Monday. Next week they start. Read the article: https://example.org",
    applicability=Applicability.SAFE,
)
def missing_space_after(ctx: RuleContext) -> Iterator[Finding]:
    """Flag "team.Next" and "article:https" and offer to insert the space."""
    doc_text = ctx.document.text
    for start, text in paragraphs(ctx, *_EN):
        for m in _GLUED_END.finditer(text):
            if not m.start() or text[m.start() - 1] not in _GLUED_END_AFTER:
                continue
            mark = m.group()
            if mark == ".":
                before = _WORD_BEFORE.search(text, 0, m.start())
                word = before.group(1).rstrip(".") if before else ""
                if word in HONORIFICS or "." in word:
                    continue  # "Dr.Wang" is E003; "e.g.The", "Ph.D.Thesis" are left alone
            a = start + m.start()
            yield ctx.finding(missing_space_after, a, a + len(mark), [mark + " "])
        for m in _GLUED_MID.finditer(text):
            prev = text[m.start() - 1] if m.start() else ""
            if not (prev.isascii() and prev.isalpha()):
                continue
            a = start + m.start()
            nxt = text[m.end()]
            if nxt == MASK and not doc_text[a + 1].isalpha():
                continue  # masked markup such as "**", not a glued URL
            if m.group() == ";":
                before = _WORD_BEFORE.search(text, 0, m.start())
                if before and before.group(1).startswith("&"):
                    continue  # an HTML entity such as "&nbsp;"
            yield ctx.finding(missing_space_after, a, a + 1, [m.group() + " "])


# --------------------------------------------------------------------------------------------
# E003–E005 honorifics


def _honorific(ctx: RuleContext, name: str) -> str:
    """Return the honorific in house style: "Dr." or "Dr" (config.honorific)."""
    return name + ("." if ctx.config.honorific.endswith(".") else "")


_HON_GLUED = re.compile(rf"({HONORIFIC_ALT})\.([A-Z][A-Za-z'’-]*)")


@rule(
    "E003",
    "honorific-no-space",
    Severity.ERROR,
    "No space after the honorific: {text!r} → {replacement!r}",
    explanation="""An honorific (Dr., Prof., Mr., Mrs., Ms.) glued to the name that follows it,
as in "Dr.Wang" — common in translations from Chinese, where no space is used. The fix inserts
the space and writes the honorific in the house style (`honorific = "Dr."` or `"Dr"`).""",
    bad="Dr.Wang Ruitao joined the team.",
    good="Dr. Wang Ruitao joined the team.",
    applicability=Applicability.SAFE,
)
def honorific_no_space(ctx: RuleContext) -> Iterator[Finding]:
    """Flag "Dr.Wang" and offer "Dr. Wang"."""
    for start, text in paragraphs(ctx, *_EN):
        for m in _HON_GLUED.finditer(text):
            if not _word_start(text, m.start()):
                continue
            fix = f"{_honorific(ctx, m.group(1))} {m.group(2)}"
            yield ctx.finding(honorific_no_space, start + m.start(), start + m.end(), [fix])


# "Dr, Wang", "Dr; Wang", "Dr: Wang", "Dr·Wang", "Dr .Wang": a wrong mark where the period goes.
_HON_WRONG_MARK = re.compile(
    rf"({HONORIFIC_ALT})(?:[ \t]*[,;:·][ \t]*|[ \t]+\.[ \t]*)([A-Z][a-z][A-Za-z'’-]*)"
)


@rule(
    "E004",
    "honorific-wrong-mark",
    Severity.ERROR,
    "Wrong mark after the honorific: {text!r} → {replacement!r}",
    explanation="""An honorific followed by a comma, semicolon, colon or middle dot instead of a
period ("Dr, Wang", "Prof·Li"): a slip that reads as if "Dr" were a separate item. Only the
honorifics Dr, Prof, Mr, Mrs and Ms followed by a capitalised word are checked. The fix writes
the honorific in the house style followed by one space.""",
    bad="Dr, Wang Ruitao, a surgeon, joined the team.",
    good="Dr. Wang Ruitao, a surgeon, joined the team.",
    applicability=Applicability.SAFE,
)
def honorific_wrong_mark(ctx: RuleContext) -> Iterator[Finding]:
    """Flag "Dr, Wang" and offer "Dr. Wang"."""
    for start, text in paragraphs(ctx, *_EN):
        for m in _HON_WRONG_MARK.finditer(text):
            if not _word_start(text, m.start()):
                continue
            fix = f"{_honorific(ctx, m.group(1))} {m.group(2)}"
            yield ctx.finding(honorific_wrong_mark, start + m.start(), start + m.end(), [fix])


# Honorific then a space and a capitalised word: "Dr Wang" (no period) or "Dr. Wang" (period).
_HON_BARE = re.compile(rf"({HONORIFIC_ALT})(?=[ \t]+[A-Z][a-z])")
_HON_DOTTED = re.compile(rf"({HONORIFIC_ALT})\.(?=[ \t]+[A-Z][a-z])")


@rule(
    "E005",
    "honorific-style",
    Severity.WARNING,
    "House style writes {replacement!r}, not {text!r}",
    explanation="""Honorifics follow the house style set by `honorific` in yiwen.toml: "Dr."
(with a period, the default; US and Chinese English media) or "Dr" (without, British style). The
rule flags the other form of Dr, Prof, Mr, Mrs and Ms before a capitalised name.""",
    bad='Dr Wang Ruitao (with honorific = "Dr.")',
    good='Dr. Wang Ruitao (with honorific = "Dr.")',
    applicability=Applicability.SAFE,
)
def honorific_style(ctx: RuleContext) -> Iterator[Finding]:
    """Flag "Dr Wang" when the house writes "Dr." (and "Dr. Wang" when it writes "Dr")."""
    dotted = ctx.config.honorific.endswith(".")
    pattern = _HON_BARE if dotted else _HON_DOTTED
    for start, text in paragraphs(ctx, *_EN):
        for m in pattern.finditer(text):
            if not _word_start(text, m.start()):
                continue
            fix = m.group(1) + ("." if dotted else "")
            yield ctx.finding(honorific_style, start + m.start(), start + m.end(), [fix])


# --------------------------------------------------------------------------------------------
# E006–E007 spacing

# Spaces before , ; : ! ? (followed by a space, a closing quote or the end) or before a period
# that ends a word group; " .NET", " .5" and a spaced ellipsis " ..." are left alone.
_SPACE_BEFORE = re.compile(r"[ \t]+(?=[,;:!?.])")
_AFTER_MARK = frozenset(" \t\r\n\"'”’")


@rule(
    "E006",
    "space-before-punctuation",
    Severity.WARNING,
    "Space before punctuation",
    explanation="""English puts no space before a comma, period, semicolon, colon, exclamation
mark or question mark (French and Chinese-keyboard habits do). A spaced ellipsis (" ..."),
".NET" and decimals such as " .5" are not affected, nor a spaced ratio ("3 : 1").""",
    bad="The ward opened on Monday , and patients arrived .",
    good="The ward opened on Monday, and patients arrived.",
    applicability=Applicability.SAFE,
)
def space_before_punctuation(ctx: RuleContext) -> Iterator[Finding]:
    """Flag "Monday ," and offer to delete the space."""
    for start, text in paragraphs(ctx, *_EN):
        for m in _SPACE_BEFORE.finditer(text):
            a, b = m.span()
            if not a or text[a - 1].isspace():
                continue  # indentation, not a space after a word
            mark = text[b]
            after = text[b + 1] if b + 1 < len(text) else " "
            if not (after in _AFTER_MARK or (mark == "." and after == ")")):
                continue  # ".NET", ".5", " ..." and ",word" are something else
            if mark == ":" and text[a - 1].isdigit():
                continue  # a spaced ratio or score: "3 : 1"
            yield ctx.finding(space_before_punctuation, start + m.start(), start + m.end(), [""])


# Two or more spaces between two visible characters (masked markup on either side is ignored:
# list markers and table pipes are masked and their padding is layout, not prose).
_MULTI_SPACE = re.compile(r"  +")
_NOT_BESIDE_SPACES = frozenset(" \t\r\n" + MASK)
_SENTENCE_END_BEFORE = re.compile(r"[.!?:][\"'”’)\]]?$")
_COLUMN_GAP = re.compile(r" {3,}")


@rule(
    "E007",
    "multiple-spaces",
    Severity.WARNING,
    "{length} spaces inside a sentence",
    explanation="""Two or more spaces between words inside a sentence, usually left by editing.
Indentation at the start of a line, two spaces after a sentence's end (an old typewriter
convention, a house choice) and lines laid out in columns with runs of spaces are left alone.""",
    bad="The new  ward has 40 beds.",
    good="The new ward has 40 beds.",
    applicability=Applicability.SAFE,
)
def multiple_spaces(ctx: RuleContext) -> Iterator[Finding]:
    """Flag "new  ward" and offer a single space."""
    for start, text in paragraphs(ctx, *_EN):
        for m in _MULTI_SPACE.finditer(text):
            if (
                not m.start()
                or m.end() >= len(text)
                or text[m.start() - 1] in _NOT_BESIDE_SPACES
                or text[m.end()] in _NOT_BESIDE_SPACES
            ):
                continue
            if _SENTENCE_END_BEFORE.search(text, max(0, m.start() - 2), m.start()):
                continue
            line_start = text.rfind("\n", 0, m.start()) + 1
            line_end = text.find("\n", m.end())
            line = text[line_start : len(text) if line_end == -1 else line_end]
            if len(_COLUMN_GAP.findall(line)) >= 2:
                continue  # a table laid out with spaces
            n = m.end() - m.start()
            yield ctx.finding(multiple_spaces, start + m.start(), start + m.end(), [" "], length=n)


# --------------------------------------------------------------------------------------------
# E008–E009 Chinese punctuation and full-width characters in English

_ZH_MARK_START = re.compile(r"[—…（，、。：；！？）《》【】]")
_ZH_MARK_AT = re.compile(r"——|…{2}|（[^（）\n]{0,200}）|[，、。：；！？（）《》【】]")
_ASCII_FOR = {
    "，": ",",
    "、": ",",
    "。": ".",
    "：": ":",
    "；": ";",
    "！": "!",
    "？": "?",
    "（": "(",
    "）": ")",
    "【": "[",
    "】": "]",
    "——": "—",
    "……": "…",
}
_NEEDS_SPACE_AFTER = frozenset(",.:;!?)]")


def _quote_style(ctx: RuleContext) -> tuple[str, str]:
    """Return the document's opening and closing double quotes: curly if it uses them, else straight."""
    prose = ctx.document.prose
    return ("“", "”") if prose.count("“") > prose.count('"') // 2 else ('"', '"')


@rule(
    "E008",
    "chinese-punctuation",
    Severity.ERROR,
    "Chinese punctuation {text!r} in English text: use {replacement!r}",
    explanation="""Full-width Chinese punctuation left in English text by a translation or an
input method: ，、→ ,  。→ .  ：；！？→ : ; ! ?  （）→ ( )  ——→ —  ……→ …  《》→ quotation marks
(or italics: that fix is marked unsafe). Marks next to Chinese characters (a name given in
Chinese) and the Chinese sentences of a mixed paragraph are left alone. Curly quotes “ ” ‘ ’ are
also English punctuation and are not flagged here (see E010 for mixed quote styles).""",
    bad="The team arrived on Monday，and the ward opened。",
    good="The team arrived on Monday, and the ward opened.",
    applicability=Applicability.SAFE,
)
def chinese_punctuation(ctx: RuleContext) -> Iterator[Finding]:
    """Flag ，。：；！？（）、——《》…… in English sentences and offer the English mark."""
    for start, text in english_runs(ctx):
        done = 0
        for hit in _ZH_MARK_START.finditer(text):
            m = _ZH_MARK_AT.match(text, hit.start())
            if m is None or m.start() < done:
                continue  # a single "—" or "…" is English; or inside a bracket pair seen
            a, b = m.start(), m.end()
            done = b
            mark = m.group()
            prev = text[a - 1] if a else ""
            nxt = text[b] if b < len(text) else ""
            if HAN_RE.match(prev) or HAN_RE.match(nxt):
                continue  # Chinese around it: "王瑞涛（Wang Ruitao）" keeps its marks
            applicability = None
            if len(mark) >= 2 and mark[0] == "（":  # a bracket pair, empty or not
                if HAN_RE.search(mark):
                    continue
                fix = "(" + mark[1:-1] + ")"
                if prev.isalnum():
                    fix = " " + fix
                if nxt.isalnum():
                    fix += " "
            elif mark in "《》":
                opening, closing = _quote_style(ctx)
                fix = opening if mark == "《" else closing
                applicability = Applicability.UNSAFE  # italics may be the house choice
            else:
                fix = _ASCII_FOR[mark]
                if mark == "（" and prev.isalnum():
                    fix = " " + fix
                if fix in _NEEDS_SPACE_AFTER and nxt.isalnum():
                    fix += " "
            yield ctx.finding(
                chinese_punctuation,
                start + a,
                start + b,
                [fix],
                applicability=applicability,
            )


_FULL_WIDTH = re.compile(r"[Ａ-Ｚａ-ｚ０-９\u3000][Ａ-Ｚａ-ｚ０-９\u3000]*")


def _half_width(s: str) -> str:
    """Map full-width letters and digits (and the ideographic space) to ASCII."""
    return "".join(" " if c == "\u3000" else chr(ord(c) - 0xFEE0) for c in s)


@rule(
    "E009",
    "full-width-characters",
    Severity.ERROR,
    "Full-width characters {text!r} in English text: use {replacement!r}",
    explanation="""Full-width (double-byte) letters, digits or the ideographic space typed with a
Chinese input method: "２０２３", "ＣＴ". They look almost right but break searching, sorting
and fonts. Ideographic spaces that indent the start of a line are left alone.""",
    bad="The hospital opened in ２０２３ with a new ＣＴ scanner.",
    good="The hospital opened in 2023 with a new CT scanner.",
    applicability=Applicability.SAFE,
)
def full_width_characters(ctx: RuleContext) -> Iterator[Finding]:
    """Flag "２０２３" and "ＣＴ" in English text and offer the ASCII form."""
    for start, text in english_runs(ctx):
        for m in _FULL_WIDTH.finditer(text):
            a, b = m.start(), m.end()
            if m.group().strip("\u3000") == "" and (a == 0 or text[a - 1] == "\n"):
                continue  # indentation in Chinese style
            yield ctx.finding(full_width_characters, start + a, start + b, [_half_width(m.group())])


# --------------------------------------------------------------------------------------------
# E010–E011 quotation marks and brackets

# Straight marks after a digit are primes (5'10", 3") and are not counted; "1990's" still is.
_DOUBLE_QUOTES = re.compile(r"[\"“”]")
_SINGLE_QUOTES = re.compile(r"['‘’]")


def _is_prime(text: str, i: int, double: bool) -> bool:
    """True for a straight mark after a digit that is a prime (5'10", 3"), not a quote."""
    if not (i and text[i - 1].isdigit() and text[i] in "\"'"):
        return False
    return double or not (i + 1 < len(text) and text[i + 1].isalpha())  # "1990's" is not


def _curly_for(text: str, i: int, double: bool) -> str:
    """Guess the curly form of the straight quote at text[i] from what is around it."""
    prev = text[i - 1] if i else " "
    if not double and prev.isalnum():
        return "’"  # an apostrophe: "hospital's"
    opening = prev.isspace() or prev in "([{—–-" + MASK
    if double:
        return "“" if opening else "”"
    return "‘" if opening else "’"


@rule(
    "E010",
    "mixed-quote-style",
    Severity.WARNING,
    "Quote style differs from the rest of the document: {text!r} → {replacement!r}",
    explanation="""Straight (" ') and curly (“ ” ‘ ’) quotation marks and apostrophes mixed in one
document, usually from pasting text from different sources. The style used most in the
document wins (on a tie, the one used first); each mark of the other style is flagged. Double
quotes and single quotes/apostrophes are counted separately. Turning curly marks straight is a
certain fix; turning straight marks curly is a guess about opening and closing (unsafe).""",
    bad='He said “we are ready” and the nurse said "welcome".',
    good="He said “we are ready” and the nurse said “welcome”.",
    applicability=Applicability.SAFE,
)
def mixed_quote_style(ctx: RuleContext) -> Iterator[Finding]:
    """Flag the minority quote style (straight vs curly) in the document."""
    runs = paragraphs(ctx, Language.EN)
    for pattern, double, straight, curly in (
        (_DOUBLE_QUOTES, True, '"', "“”"),
        (_SINGLE_QUOTES, False, "'", "‘’"),
    ):
        # Fast path: a document that uses one style throughout has nothing to flag.
        if not any(straight in text for _, text in runs) or not any(
            c in text for _, text in runs for c in curly
        ):
            continue
        marks: list[tuple[int, str, str, int]] = []  # (absolute offset, style, mark, index)
        for start, text in runs:
            for m in pattern.finditer(text):
                i = m.start()
                if _is_prime(text, i, double):
                    continue
                style = "straight" if text[i] == straight else "curly"
                marks.append((start + i, style, text, i))
        counts = {"straight": 0, "curly": 0}
        order: list[str] = []
        for _, style, _, _ in marks:
            counts[style] += 1
            if style not in order:
                order.append(style)
        winner = majority(counts, order)
        if winner is None:
            continue
        for offset, style, text, i in marks:
            if style == winner:
                continue
            if style == "curly":
                fix = '"' if double else "'"
                applicability = Applicability.SAFE
            else:
                fix = _curly_for(text, i, double)
                applicability = Applicability.UNSAFE
            yield ctx.finding(
                mixed_quote_style, offset, offset + 1, [fix], applicability=applicability
            )


_BRACKETS = re.compile(r"[()\[\]{}“”\"]")
_PAIRS = {")": "(", "]": "[", "}": "{", "”": "“"}
# "1)", "a)", "iv)" enumerators and ":)" smileys close nothing.
_ENUMERATOR = re.compile(r"(?:^|[\s(])(?:\d{1,3}|[A-Za-z]|[ivxIVX]{1,4})$|[:;]-?$")


@rule(
    "E011",
    "unbalanced-quotes-brackets",
    Severity.WARNING,
    "Unbalanced {text!r}",
    explanation="""An opening bracket or quotation mark without its partner in the same paragraph
(or a closing one without an opening one). Enumerators such as "1)" and "a)" are not counted,
and a quotation that runs over several paragraphs — where, by convention, each paragraph opens
the quote again and only the last one closes it — is not flagged.""",
    bad="The centre (opened in 2020 has 40 beds.",
    good="The centre (opened in 2020) has 40 beds.",
)
def unbalanced(ctx: RuleContext) -> Iterator[Finding]:
    """Flag an unmatched ( [ { “ or ", or a closing mark with no opening one."""
    runs = paragraphs(ctx, *_EN)
    for n, (start, text) in enumerate(runs):
        following = runs[n + 1][1].lstrip() if n + 1 < len(runs) else ""
        stack: list[tuple[str, int]] = []
        straight: list[int] = []
        bad: list[int] = []
        for m in _BRACKETS.finditer(text):
            ch, i = m.group(), m.start()
            if ch == '"':
                if not (i and text[i - 1].isdigit()):  # 12" is inches
                    straight.append(i)
            elif ch in "([{“":
                stack.append((ch, i))
            elif stack and stack[-1][0] == _PAIRS[ch]:
                stack.pop()
            elif ch == ")" and _ENUMERATOR.search(text, max(0, i - 6), i):
                continue
            else:
                bad.append(i)
        for ch, i in stack:
            if ch == "“" and following.startswith("“"):
                continue  # a quotation continued in the next paragraph
            bad.append(i)
        if len(straight) % 2:
            last = straight[-1]
            opening = last == 0 or text[last - 1].isspace()
            if not (opening and following.startswith('"')):
                bad.append(last)
        for i in sorted(bad):
            yield ctx.finding(unbalanced, start + i, start + i + 1)


# --------------------------------------------------------------------------------------------
# E012 ordinal suffix

_ORDINAL = re.compile(r"[0-9](st|nd|rd|th|ST|ND|RD|TH)\b")


def ordinal_suffix(n: int) -> str:
    """Return the English ordinal suffix for n: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st…"""
    if 11 <= n % 100 <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


@rule(
    "E012",
    "ordinal-suffix",
    Severity.ERROR,
    "Wrong ordinal suffix: {text!r} → {replacement!r}",
    explanation="""A number with the wrong ordinal suffix: 1st, 2nd, 3rd, 4th…; 11th, 12th, 13th;
21st, 22nd, 23rd; 101st, 111th. The fix writes the right suffix in the same case.""",
    bad="On July 22th, the team left; it was their 2st visit.",
    good="On July 22nd, the team left; it was their 2nd visit.",
    applicability=Applicability.SAFE,
)
def wrong_ordinal(ctx: RuleContext) -> Iterator[Finding]:
    """Flag "22th" and offer "22nd"."""
    for start, text in paragraphs(ctx, *_EN):
        for m in _ORDINAL.finditer(text):
            a = m.start()
            while a and text[a - 1].isdigit():
                a -= 1
            if not _word_start(text, a):
                continue  # part of a code such as "A21th"
            digits, suffix = text[a : m.start() + 1], m.group(1)
            right = ordinal_suffix(int(digits))
            if suffix.lower() == right:
                continue
            fix = digits + (right.upper() if suffix.isupper() else right)
            yield ctx.finding(wrong_ordinal, start + a, start + m.end(), [fix])


# --------------------------------------------------------------------------------------------
# E013 capital after a comma or semicolon

# Only function words, which are never names, and only when the next word is lower case
# ("; The new" but not "; The Lancet", ", A and B", "Prof. An Ying").
_CAPITAL_AFTER_COMMA = re.compile(
    r"[,;][ \t]+(The|A|An|And|But|Or|Which|Who|Whom|Whose|This|That|These|Those|It|Its|He|His|"
    r"She|Her|They|Their|Them|We|Our|Us|You|Your|In|On|At|For|With|From|Of|By|While|When|"
    r"Where|If|So|Not|All|Some|There|Each|Both|Then|After|Before|Since|Because|Although|"
    r"Though|However|Including|Whereas|Meanwhile|Moreover|Furthermore|Besides)"
    r"(?=[ \t]+(?!and\b|or\b|nor\b)[a-z]|,)"
)


@rule(
    "E013",
    "capital-after-comma",
    Severity.WARNING,
    "Capital letter after {mark!r} in mid-sentence: {text!r} → {replacement!r}",
    explanation="""A capitalised common word right after a comma or semicolon in the middle of a
sentence ("; The new ward"), often a sentence split or joined in translation. Only function words
that are never names (the, a, and, but, which, this, he, in, …) followed by a lower-case word are
checked, so names, "I", acronyms and titles are never flagged; nor are headlines in Title Case,
where a capital after a comma is normal. The fix lowers the letter; the right fix may instead be
a period before it, so it is marked unsafe.""",
    bad="The old ward closed in May; The new one opens in June.",
    good="The old ward closed in May; the new one opens in June.",
    applicability=Applicability.UNSAFE,
)
def capital_after_comma(ctx: RuleContext) -> Iterator[Finding]:
    """Flag "; The new" mid-sentence and offer "; the new"."""
    for start, text in paragraphs(ctx, *_EN):
        if not _CAPITAL_AFTER_COMMA.search(text):
            continue
        for line_start, line in lines(start, text):
            if is_headline(line):
                continue
            for m in _CAPITAL_AFTER_COMMA.finditer(line):
                word = m.group(1)
                a = line_start + m.start(1)
                yield ctx.finding(
                    capital_after_comma,
                    a,
                    a + len(word),
                    [word[0].lower() + word[1:]],
                    mark=m.group()[0],
                )


# --------------------------------------------------------------------------------------------
# E014 a / an

# Candidates only: "a" before a vowel, h, x, digit or capital, and "an" before anything — "a"
# before a lower-case consonant ("a new ward", most uses) is always right and never examined.
_ARTICLE_CANDIDATE = re.compile(r"[aA](?:[ \t]+[aeiouxhAEIOUH0-9A-Z]|n[ \t]+[A-Za-z0-9])")
_ARTICLE = re.compile(r"(a|an|A|An)([ \t]+)([A-Za-z0-9][A-Za-z0-9'’.,-]*)")
_NOT_BEFORE_ARTICLE = frozenset("'’.-_")
# Letters whose name starts with a vowel sound: "an MRI", "an F", "an X-ray".
_VOWEL_LETTERS = frozenset("aefhilmnorsx")
# Words spelled with a consonant but said with a vowel: "an hour", "an honest".
_SILENT_H = ("hour", "honest", "honor", "honour", "heir")
# Words spelled with a vowel but said with a consonant ("yoo", "wun"): "a university", "a one".
_CONSONANT_VOWEL = (
    "unia",
    "unic",
    "unif",
    "unil",
    "unio",
    "uniq",
    "unis",
    "unit",
    "univ",
    "unix",
    "unanim",
    "use",
    "usu",
    "uti",
    "ute",
    "uto",
    "uri",
    "uro",
    "ure",
    "ura",
    "ubi",
    "uku",
    "ukr",
    "uga",
    "uvu",
    "eu",
    "ewe",
    "once",
)
# Acronyms said either as a word or letter by letter: "a FAQ" and "an FAQ" are both used.
_AMBIGUOUS_ACRONYMS = frozenset({"FAQ", "SQL", "LED", "SAT", "SIM", "SAR", "MOS", "URL"})
_LEADING_CAPS = re.compile(r"[A-Z]{2,}")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _number_needs_an(token: str) -> bool | None:
    """Decide a/an for a number from how it is said ("an 8", "an 11", "an 18,000", "a 1")."""
    digits = _NUMBER.match(token)
    if not digits:
        return None
    whole = digits.group().split(".")[0]
    first_group = whole.split(",")[0]
    if first_group.startswith("8"):
        return True
    if "," in whole:
        return first_group in ("11", "18")
    if whole in ("11", "18") or (len(whole) == 5 and whole[:2] in ("11", "18")):
        return True
    if len(whole) == 4 and whole[:2] in ("11", "18"):
        return None  # "1100": "eleven hundred" or "one thousand one hundred"
    return False


def needs_an(word: str) -> bool | None:
    """Return True if `word` is said with a vowel sound ("an"), False if not ("a"), None if unsure."""
    if word[0].isdigit():
        return _number_needs_an(word)
    if len(word) == 1 or word[1] in "-'’.":
        if word[0].isupper() or word[1:2] == "-":
            return word[0].lower() in _VOWEL_LETTERS  # "an F", "an X-ray", "a U-turn"
        return None
    caps = _LEADING_CAPS.match(word)
    if caps:
        acronym = caps.group()
        if acronym in _AMBIGUOUS_ACRONYMS:
            return None
        if len(acronym) <= 3 or not re.search(r"[AEIOU]", acronym):
            return acronym[0].lower() in _VOWEL_LETTERS  # said letter by letter: "an MRI"
        return None  # "NATO", "UNESCO": said as a word; leave it
    lower = word.lower()
    if lower.startswith(_SILENT_H):
        return True
    if lower.startswith(_CONSONANT_VOWEL):
        return False
    if lower == "one" or lower.startswith(("one-", "one’", "one'")):
        return False
    return lower[0] in "aeiou"


# Words no article comes before: when one follows "a", the "a" is a letter or a doubled article.
_NOT_AFTER_ARTICLE = frozenset("a an the in on of and or is are was at as if it to by".split())
_ARTICLE_FIX = {"a": "an", "A": "An", "an": "a", "An": "A"}


@rule(
    "E014",
    "a-an",
    Severity.ERROR,
    "Use {article!r} before {word!r}: {replacement!r}",
    explanation="""The article must match the sound of the next word, not its spelling: "an hour",
"an honest", "a university", "a unit", "a one-year", "a European", "a US team"; letters said one
by one count by their names: "an MRI", "an ICU", "a CT", "an X-ray"; numbers by how they are
said: "an 8-year-old", "an 11-hour", "a 10-day". Acronyms said as words ("NATO"), a few said
both ways ("FAQ", "URL") and numbers like "1100" are left alone. A capital "A"/"An" in the middle
of a sentence ("vitamin A intake", "Prof. An Ying") is not an article and is not checked.""",
    bad="He spent a hour with an university team before a MRI scan.",
    good="He spent an hour with a university team before an MRI scan.",
    applicability=Applicability.SAFE,
)
def a_an(ctx: RuleContext) -> Iterator[Finding]:
    """Flag "a hour", "an university", "a MRI", "an one-year" and offer the other article."""
    for start, text in paragraphs(ctx, *_EN):
        for hit in _ARTICLE_CANDIDATE.finditer(text):
            i = hit.start()
            if i and (text[i - 1].isalnum() or text[i - 1] in _NOT_BEFORE_ARTICLE):
                continue  # inside a word: "Sofia", "plan-a"
            m = _ARTICLE.match(text, i)
            if m is None:
                continue
            article, space, word = m.groups()
            word = word.rstrip(".,'’")
            if not word or word.lower() in _NOT_AFTER_ARTICLE:
                continue  # "a an hour" is a doubled article; "the letter a in" no article
            if article[0] == "A" and not _starts_sentence(text, m.start()):
                continue  # "vitamin A intake", "Plan A or B"
            if article[0] == "A" and word[0].isupper() and is_pinyin(word, 2):
                continue  # a Chinese name: "An Ying"
            want_an = needs_an(word)
            if want_an is None or want_an == (article.lower() == "an"):
                continue
            fixed = _ARTICLE_FIX[article]
            acronym = bool(_LEADING_CAPS.match(word))
            a = start + m.start()
            yield ctx.finding(
                a_an,
                a,
                a + len(article) + len(space) + len(word),
                [fixed + space + word],
                applicability=Applicability.UNSAFE if acronym else None,
                article=fixed,
                word=word,
            )


_SENTENCE_START_BEFORE = re.compile(r"(?:^|[.!?:\"“‘(—–]\s*|\n\s*)$")
_ABBREV_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.\s*$")


def _starts_sentence(text: str, i: int) -> bool:
    """True when text[i] starts a sentence, a quotation or a line (so "A"/"An" is an article)."""
    before = text[max(0, i - 30) : i]
    if not _SENTENCE_START_BEFORE.search(before):
        return False
    abbrev = _ABBREV_BEFORE.search(before)
    return not (abbrev and abbrev.group(1).lower() in ABBREVIATIONS)


# --------------------------------------------------------------------------------------------
# E015 page furniture

# Menu items that are never a line of an article on their own.
_MENU_ITEMS = [
    "Find a Doctor",
    "Find a Physician",
    "Find a Specialist",
    "Make an Appointment",
    "Book an Appointment",
    "Share",
    "Share this",
    "Share this article",
    "Share to",
    "Back to top",
    "Back to Top",
    "Return to top",
    "Print",
    "Print this page",
    "Contact Us",
    "About Us",
    "Read more",
    "Related articles",
    "Related news",
    "Related links",
    "Previous article",
    "Next article",
    "Close window",
    "Sign in",
    "Log in",
    "Follow us",
    "Copy link",
    "Font size",
    "Scan the QR code",
    "Scan to share",
    "Skip to content",
    "Skip to main content",
]
# Lines that start like this are links and credits of the web page, not the article.
_MENU_PREFIXES = [
    "Link of the original article",
    "Link to the original article",
    "Original link:",
    "Original article:",
    "Original URL:",
    "Source link:",
    "Share to:",
    "Share this:",
    "Copyright ©",
    "Copyright (c)",
    "©",
    "All rights reserved",
    "You are here:",
]
# Single menu words flagged only with a bullet in front ("• News"): alone they may be a heading.
_MENU_WORDS = (
    "News|Home|About|Departments|Doctors|Patients|Visitors|Services|Research|Education|"
    "Careers|Media|Events|Contact|Search|Menu|Login|Back|Next|Previous|Top|Close|Email|"
    "WeChat|Weibo|Facebook|Twitter|LinkedIn"
)
_MENU_LINE = furniture_pattern(_MENU_ITEMS, _MENU_PREFIXES)
_MENU_BULLETED = re.compile(rf"[•·▪►]\s*(?:{_MENU_WORDS})", re.IGNORECASE)
_BREADCRUMB = re.compile(r"(?:Home|Homepage)\s*[>»›/|＞]", re.IGNORECASE)


@rule(
    "E015",
    "page-furniture",
    Severity.WARNING,
    "Web page text copied into the article: {text!r}",
    explanation="""A line that is web-page furniture rather than article text — menu items ("Find a
Doctor", "• News", "Back to top", "Print", "Share"), breadcrumbs ("Home > News > …") and link
lines ("Link of the original article: …") — copied into the article along with it. Controlled by
the house option `page_furniture` (default on). The offered fix deletes the line and is unsafe:
a person should confirm it is not part of the story.""",
    bad="• News\n\nDr. Wang joined the team.\n\nFind a Doctor",
    good="Dr. Wang joined the team.",
    applicability=Applicability.UNSAFE,
)
def page_furniture(ctx: RuleContext) -> Iterator[Finding]:
    """Flag whole lines of menu text, breadcrumbs and "original article" links."""
    if not ctx.config.page_furniture:
        return
    for a, b in furniture_lines(ctx, _EN, _MENU_LINE, _BREADCRUMB, _MENU_BULLETED):
        yield ctx.finding(page_furniture, a, b, [""])
