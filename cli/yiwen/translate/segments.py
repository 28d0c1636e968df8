"""Pack texts into requests up to a provider's limit, and split over-long texts at sentence ends."""

from __future__ import annotations

import re

from yiwen.document.segment import sentences
from yiwen.models import Language

# Where a sentence that is still too long may be cut as a last resort: after a comma-like mark
# or at a space (never inside a placeholder, which has neither).
_SOFT_CUT = re.compile(r"[，、；：,;:]\s*|\s+")


def pack(texts: list[str], limit: int, sep_len: int = 1) -> list[list[int]]:
    """Group consecutive text indices so each group's joined length stays within `limit`.

    A text longer than `limit` on its own gets a group of its own (the caller splits first).
    """
    groups: list[list[int]] = []
    current: list[int] = []
    size = 0
    for i, text in enumerate(texts):
        n = len(text)
        extra = n if not current else n + sep_len
        if current and size + extra > limit:
            groups.append(current)
            current, size = [], 0
            extra = n
        current.append(i)
        size += extra
    if current:
        groups.append(current)
    return groups


def split_text(text: str, limit: int, language: str) -> list[str]:
    """Split `text` into pieces of at most `limit` characters, cutting at sentence ends.

    Consecutive sentences are merged while they fit; only a single sentence longer than the
    limit is cut inside, at the last comma or space before the limit (or hard at the limit).
    Joining the pieces with the language's sentence glue gives the text back, less the
    whitespace at the cuts.
    """
    if len(text) <= limit:
        return [text]
    lang = Language.ZH if language.startswith("zh") else Language.EN
    pieces: list[str] = []
    for seg in sentences(text, 0, len(text), lang):
        pieces.extend(_cut(text[seg.start : seg.end], limit))
    out: list[str] = []
    glue = "" if lang is Language.ZH else " "
    for piece in pieces:
        if out and len(out[-1]) + len(glue) + len(piece) <= limit:
            out[-1] = out[-1] + glue + piece
        else:
            out.append(piece)
    return out


def _cut(sentence: str, limit: int) -> list[str]:
    out = []
    while len(sentence) > limit:
        cut = 0
        for m in _SOFT_CUT.finditer(sentence, 0, limit):
            if m.end() <= limit:
                cut = m.end()
        if cut <= 0:
            cut = limit
        out.append(sentence[:cut].rstrip())
        sentence = sentence[cut:].lstrip()
    if sentence:
        out.append(sentence)
    return out


def glue_for(language: str) -> str:
    """Return what joins sentences of `language` back into a paragraph."""
    return "" if language.startswith("zh") else " "
