"""Mask everything in Markdown that is not prose, keeping every offset and newline in place."""

from __future__ import annotations

import re

from yiwen.models import MASK

_FRONT_MATTER = re.compile(
    r"\A(?:\ufeff)?(---|\+\+\+)[ \t]*\r?\n.*?\r?\n\1[ \t]*(?:\r?\n|\Z)", re.S
)
_FENCE = re.compile(r"^[ \t]{0,3}(```+|~~~+)[^\n]*\n.*?(?:^[ \t]{0,3}\1[ \t]*$|\Z)", re.S | re.M)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_LINK_TARGET = re.compile(r"\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_REF_DEF = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]*\S+.*$", re.M)
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^>\s]*>")
_URL = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>()\"'\u3000-\u303f\uff08\uff09\uff0c\u3002]+")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_BLOCK_MARK = re.compile(r"^([ \t]*)(#{1,6}(?=\s)|>+|[-*+](?=\s)|\d{1,3}[.)](?=\s))", re.M)
_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,3}|_{1,3})(?=\S)|(?<=\S)(\*{1,3}|_{1,3})(?![\w*])")
_IMAGE_BANG = re.compile(r"!(?=\[)")
_BRACKETS = re.compile(r"\[|\](?!\()")
_TABLE_RULE = re.compile(
    r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$", re.M
)
_HR = re.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$", re.M)
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
        for m in pattern.finditer(done):
            _blank(chars, m.start(), m.end())
        done = "".join(chars)
    for m in _BLOCK_MARK.finditer(done):
        _blank(chars, m.start(2), m.end(2))
    for pattern in (_EMPHASIS, _IMAGE_BANG, _BRACKETS, _PIPE):
        for m in pattern.finditer(done):
            _blank(chars, m.start(), m.end())
    return "".join(chars)
