"""Mask everything in Markdown that is not prose, keeping every offset and newline in place."""

from __future__ import annotations

import re
from collections.abc import Callable

from yiwen.models import MASK

_FRONT_MATTER = re.compile(
    r"\A(?:\ufeff)?(---|\+\+\+)[ \t]*\r?\n.*?\r?\n\1[ \t]*(?:\r?\n|\Z)", re.S
)
# A closing fence may be longer than the opening one; `\r?$` because `$` stops before "\n" only.
_FENCE = re.compile(
    r"^[ \t]{0,3}(```+|~~~+)[^\n]*\n.*?(?:^[ \t]{0,3}\1[`~]*[ \t]*\r?$|\Z)", re.S | re.M
)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
# A code span never crosses a blank line (a stray backtick must not mask the rest of the file).
# Patterns that can start with a literal do ("``*" for "`+", the look-behind after the first
# delimiter): re then jumps from one "`" to the next instead of trying every position (10x).
_INLINE_CODE = re.compile(r"(``*)(?!`)(?:(?!\n[ \t]*\r?\n).)+?(?<!`)\1(?!`)", re.S)
_LINK_TARGET = re.compile(r"\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_REF_DEF = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]*\S+.*$", re.M)
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^>\s]*>")
# A URL does not take the sentence's closing punctuation with it ("see https://x.org.").
_URL = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s<>()\"'\u3000-\u303f\uff08\uff09\uff0c\u3002\ufffc]*"
    r"[^\s<>()\"'\u3000-\u303f\uff08\uff09\uff0c\u3002\ufffc.,;:!?]"
)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
_EMAIL_CHAR = re.compile(r"[\w.+@-]")  # every character an e-mail match can hold
_EMAIL_CHARS = re.compile(r"[\w.+@-]*")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_BLOCK_MARK = re.compile(r"^([ \t]*)(#{1,6}(?=\s)|>+|[-*+](?=\s)|\d{1,3}[.)](?=\s))", re.M)
# Emphasis is masked only as a matched pair inside one paragraph. `*` may sit inside a word
# (CommonMark allows it, and Chinese has no spaces: "这是**重点**内容"); `_` may not ("snake_case").
_NO_BLANK = r"(?:(?!\n[ \t]*\r?\n)[^{c}])+?"
_STAR_EMPHASIS = re.compile(
    r"(\*(?<!\*\*)\*{0,2})(?![\s*])" + _NO_BLANK.format(c="*") + r"(?<![\s*])\1(?!\*)"
)
_UNDER_EMPHASIS = re.compile(
    r"(_(?<![\w_]_)_{0,2})(?![\s_])" + _NO_BLANK.format(c="_") + r"(?<![\s_])\1(?![\w_])"
)
_INDENTED = re.compile(r"^(?: {4}|\t)")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]")
_IMAGE_BANG = re.compile(r"!(?=\[)")
_BRACKETS = re.compile(r"\[|\](?!\()")
_TABLE_RULE = re.compile(
    r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*\r?$", re.M
)
_HR = re.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}\r?$", re.M)
_SETEXT = re.compile(r"(?<=\S)([ \t]*\r?\n)[ \t]{0,3}=+[ \t]*\r?$", re.M)
_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
_PIPE = re.compile(r"\|(?<!\\\|)")


# A pattern is run only when the view holds a string every match of it must contain: most
# articles have no backticks, tables or e-mails, and scanning 100k characters costs ~1 ms.
_NEEDS: dict[re.Pattern[str], tuple[str, ...]] = {
    _FENCE: ("```", "~~~"),
    _COMMENT: ("<!--",),
    _INLINE_CODE: ("`",),
    _REF_DEF: ("]:",),
    _AUTOLINK: ("<",),
    _LINK_TARGET: ("](",),
    _URL: ("://", "www."),
    _HTML_TAG: ("<",),
    _TABLE_RULE: ("---",),
    _HR: ("-", "*", "_"),
    _ESCAPE: ("\\",),
    _STAR_EMPHASIS: ("*",),
    _UNDER_EMPHASIS: ("_",),
    _IMAGE_BANG: ("![",),
    _BRACKETS: ("[", "]"),
    _PIPE: ("|",),
}
# A setext underline is a line of "=": no "\n" followed by at most three blanks and "=", none.
_SETEXT_HINT = re.compile(r"\n[ \t]{0,3}=")
_BLOCK_SEP = re.compile(r"\n[ \t]*\r?\n")
_NOT_NEWLINE = re.compile(r"[^\r\n]+")
_UNINDENTED_LINE = re.compile(r"^(?! {4}|\t)[ \t\r]*[^ \t\r\n]", re.M)
_LIST_LINE = re.compile(_LIST_ITEM.pattern, re.M)
_NON_BLANK = re.compile(r"[^ \t\r\n]")

Spans = list[tuple[int, int]]


def _matches(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """Every match of `pattern` in `text`, skipping the scan when a required string is absent."""
    if pattern is _EMAIL:
        return _emails(text)
    if pattern is _SETEXT and not _SETEXT_HINT.search(text):
        return []
    needs = _NEEDS.get(pattern)
    if needs is not None and not any(n in text for n in needs):
        return []
    return list(pattern.finditer(text))


def _emails(text: str) -> list[re.Match[str]]:
    """`list(_EMAIL.finditer(text))`, scanning only the runs of e-mail characters around an "@".

    A match holds one "@" and only e-mail characters, and its `\\b` at either end sees a
    character that is not one (so not a word character) or the end of the text: a run bounded
    by `pos`/`endpos` matches exactly as inside the whole text (`pos` keeps the look-behind).
    """
    found: list[re.Match[str]] = []
    at = text.find("@")
    while at != -1:
        start = at
        while start > 0 and _EMAIL_CHAR.match(text, start - 1):
            start -= 1
        end = _EMAIL_CHARS.match(text, at).end()
        found += _EMAIL.finditer(text, start, end)
        at = text.find("@", end)
    return found


def _blanked(part: str) -> str:
    """`part` with every character but "\\r" and "\\n" replaced by MASK."""
    if "\n" in part or "\r" in part:
        return _NOT_NEWLINE.sub(lambda m: MASK * len(m.group()), part)
    return MASK * len(part)


def _apply(text: str, spans: Spans, fill: Callable[[str], str] = _blanked) -> str:
    """`text` with the [start, end) spans (sorted by start, may overlap) replaced by fill(part).

    Built from slices of `text`, never from a list of characters: list(text) makes a str object
    per character outside Latin-1, which made masking Chinese twice as slow as the scans.
    """
    if not spans:
        return text
    pieces = []
    pos = 0
    for start, end in spans:
        start = max(start, pos)  # an overlap was already filled: fill only what follows it
        if end <= start:
            continue
        pieces.append(text[pos:start])
        pieces.append(fill(text[start:end]))
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def mask_text_urls(text: str) -> str:
    """Return `text` with URLs and e-mail addresses masked (for plain-text articles)."""
    spans = [m.span() for pattern in (_URL, _EMAIL) for m in _matches(pattern, text)]
    return _apply(text, sorted(spans))


def mask_markdown(text: str) -> str:
    """Return `text` with code, URLs, link targets, comments, HTML, front matter and markup masked."""
    done = text
    # Order matters: once a region is masked, later patterns no longer see its characters.
    for pattern in (
        _FRONT_MATTER,
        _FENCE,
        _COMMENT,
        _INLINE_CODE,
        _REF_DEF,
        _AUTOLINK,
        _LINK_TARGET,
        _URL,
        _EMAIL,
        _HTML_TAG,
        _TABLE_RULE,
        _HR,
    ):
        done = _apply(done, [m.span() for m in _matches(pattern, done)])
    done = _apply(done, _indented_code(done))
    # Setext underlines, block marks and escapes are all found in the same view.
    spans = [m.span() for m in _matches(_SETEXT, done)]
    spans += [m.span(2) for m in _matches(_BLOCK_MARK, done)]
    # An escaped character ("\\*") is text: its backslash is masked, and emphasis matching
    # sees a neutral letter in its place.
    escapes = _matches(_ESCAPE, done)
    spans += [m.span() for m in escapes]
    done = _apply(done, sorted(spans))
    escaped = [(m.end(), m.end() + 1) for m in escapes]
    escaped_starts = {start for start, _ in escaped}
    # `view` is `done` with each escaped character read as "a"; from here on both get the same
    # masks, and as masking a position twice is masking it once, `done` gets them all at the end.
    view = _apply(done, escaped, fill=lambda part: "a")
    late: Spans = []
    for _ in range(3):  # nested emphasis ("**a *b* c**"): inner pairs first, then outer
        hit = False
        for pattern in (_STAR_EMPHASIS, _UNDER_EMPHASIS):
            spans = []
            for m in _matches(pattern, view):
                spans.append(m.span(1))
                spans.append((m.end() - len(m.group(1)), m.end()))
            # Delimiters are "*" or "_" in the view, never an escaped position read as "a".
            view = _apply(view, spans)
            late += spans
            hit = hit or bool(spans)
        if not hit:
            break
    late += [
        m.span()
        for pattern in (_IMAGE_BANG, _BRACKETS, _PIPE)
        for m in _matches(pattern, view)
        if m.start() not in escaped_starts
    ]
    return _apply(done, sorted(late))


def _indented_code(text: str) -> Spans:
    """Spans of indented code blocks: blank-line blocks whose every line is indented four spaces.

    A block right after a list is the list item's continuation paragraph, not code.
    """
    # No line starts indented (at the start or after a "\\n"): no block can be code.
    if not text.startswith(("    ", "\t")) and "\n    " not in text and "\n\t" not in text:
        return []
    spans: Spans = []
    # The previous non-blank block, whether it is indented, and (if so) whether a list was
    # open before it; whether it holds a list item is asked only before an indented block.
    prev = ""
    prev_indented = prev_after_list = False
    pos = 0
    ends = [m.span() for m in _BLOCK_SEP.finditer(text)]
    ends.append((len(text), len(text)))
    for sep_start, sep_end in ends:
        block = text[pos:sep_start]
        if _NON_BLANK.search(block):
            indented = _UNINDENTED_LINE.search(block) is None
            if indented:
                after_list = _LIST_LINE.search(prev) is not None or (
                    prev_indented and prev_after_list
                )
                if not after_list:
                    spans.append((pos, sep_start))
                prev_after_list = after_list
            prev, prev_indented = block, indented
        pos = sep_end
    return spans
