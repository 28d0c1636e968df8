"""Mask everything in Markdown that is not prose, keeping every offset and newline in place."""

from __future__ import annotations

import re

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
_INLINE_CODE = re.compile(r"(`+)(?!`)(?:(?!\n[ \t]*\r?\n).)+?(?<!`)\1(?!`)", re.S)
_LINK_TARGET = re.compile(r"\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_REF_DEF = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]*\S+.*$", re.M)
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^>\s]*>")
# A URL does not take the sentence's closing punctuation with it ("see https://x.org.").
_URL = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s<>()\"'\u3000-\u303f\uff08\uff09\uff0c\u3002\ufffc]*"
    r"[^\s<>()\"'\u3000-\u303f\uff08\uff09\uff0c\u3002\ufffc.,;:!?]"
)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_BLOCK_MARK = re.compile(r"^([ \t]*)(#{1,6}(?=\s)|>+|[-*+](?=\s)|\d{1,3}[.)](?=\s))", re.M)
# Emphasis is masked only as a matched pair inside one paragraph. `*` may sit inside a word
# (CommonMark allows it, and Chinese has no spaces: "这是**重点**内容"); `_` may not ("snake_case").
_NO_BLANK = r"(?:(?!\n[ \t]*\r?\n)[^{c}])+?"
_STAR_EMPHASIS = re.compile(
    r"(?<!\*)(\*{1,3})(?![\s*])" + _NO_BLANK.format(c="*") + r"(?<![\s*])\1(?!\*)"
)
_UNDER_EMPHASIS = re.compile(
    r"(?<![\w_])(_{1,3})(?![\s_])" + _NO_BLANK.format(c="_") + r"(?<![\s_])\1(?![\w_])"
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
_PIPE = re.compile(r"(?<!\\)\|")


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = MASK


def mask_text_urls(text: str) -> str:
    """Return `text` with URLs and e-mail addresses masked (for plain-text articles)."""
    chars = list(text)
    for pattern in (_URL, _EMAIL):
        for m in pattern.finditer(text):
            _blank(chars, m.start(), m.end())
    return "".join(chars)


def mask_markdown(text: str) -> str:
    """Return `text` with code, URLs, link targets, comments, HTML, front matter and markup masked."""
    chars = list(text)
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
        hit = False
        for m in pattern.finditer(done):
            _blank(chars, m.start(), m.end())
            hit = True
        if hit:  # re-join only when something changed: a join of 1 MB costs milliseconds
            done = "".join(chars)
    _mask_indented_code(done, chars)
    done = "".join(chars)
    for m in _SETEXT.finditer(done):
        _blank(chars, m.start(), m.end())
    for m in _BLOCK_MARK.finditer(done):
        _blank(chars, m.start(2), m.end(2))
    # An escaped character ("\\*") is text: its backslash is masked, and emphasis matching
    # sees a neutral letter in its place.
    escaped = set()
    for m in _ESCAPE.finditer(done):
        _blank(chars, m.start(), m.end())
        escaped.add(m.end())

    def scan() -> str:
        if not escaped:
            return "".join(chars)
        view = chars.copy()
        for i in escaped:
            view[i] = "a"
        return "".join(view)

    done = scan()
    for _ in range(3):  # nested emphasis ("**a *b* c**"): inner pairs first, then outer
        before = done
        for pattern in (_STAR_EMPHASIS, _UNDER_EMPHASIS):
            for m in pattern.finditer(done):
                _blank(chars, m.start(1), m.end(1))
                _blank(chars, m.end() - len(m.group(1)), m.end())
            done = scan()
        if done == before:
            break
    for pattern in (_IMAGE_BANG, _BRACKETS, _PIPE):
        for m in pattern.finditer(done):
            if m.start() not in escaped:
                _blank(chars, m.start(), m.end())
    return "".join(chars)


def _mask_indented_code(text: str, chars: list[str]) -> None:
    """Mask indented code blocks: blank-line blocks whose every line is indented four spaces.

    A block right after a list is the list item's continuation paragraph, not code.
    """
    after_list = False
    pos = 0
    for block in re.split(r"(\n[ \t]*\r?\n)", text):
        lines = [ln for ln in block.split("\n") if ln.strip(" \t\r")]
        if lines:
            indented = all(_INDENTED.match(ln) for ln in lines)
            if indented and not after_list:
                _blank(chars, pos, pos + len(block))
            after_list = any(_LIST_ITEM.match(ln) for ln in lines) or (indented and after_list)
        pos += len(block)
