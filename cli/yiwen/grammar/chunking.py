"""Choose the English prose of a document and cut it into request-sized chunks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from yiwen.document.language import detect_language
from yiwen.document.segment import sentences
from yiwen.grammar.offsets import OffsetMap, astral_positions, utf16_len
from yiwen.models import MASK, Document, Language

JOINER = "\n\n"  # between pieces in one chunk: LanguageTool sees a paragraph break
_UNMASKED = re.compile(f"[^{MASK}]+")
_SPACE = re.compile(r"\s")


@dataclass
class Chunk:
    """One request's text and the map from its offsets back to the document."""

    text: str
    offsets: OffsetMap

    @property
    def size(self) -> int:
        """Return the text's length in UTF-16 code units (what the size limits count)."""
        return utf16_len(self.text)


def english_spans(doc: Document) -> Iterator[tuple[int, int]]:
    """Yield the document spans to check: English paragraphs, and English runs of mixed ones.

    In a mixed paragraph each sentence is judged on its own and neighbouring English sentences
    are sent together; Chinese sentences are never sent (LanguageTool's Chinese is unmaintained).
    """
    prose = doc.prose
    for para in doc.paragraphs:
        if para.language == Language.EN:
            yield para.start, para.end
        elif para.language == Language.MIXED:
            group: tuple[int, int] | None = None
            for s in sentences(prose, para.start, para.end, Language.MIXED):
                if detect_language(prose[s.start : s.end]) == Language.EN:
                    group = (group[0] if group else s.start, s.end)
                elif group:
                    yield group
                    group = None
            if group:
                yield group


def split_span(prose: str, start: int, end: int, limit: int) -> Iterator[tuple[int, int]]:
    """Cut prose[start:end] into spans of at most `limit` UTF-16 units.

    Paragraph ends come first (a span that fits is kept whole), then sentence ends, and a single
    sentence longer than the limit is cut at the last whitespace that fits (or hard at the limit).
    """
    if utf16_len(prose[start:end]) <= limit:
        yield start, end
        return
    group: tuple[int, int] | None = None
    for s in sentences(prose, start, end, Language.EN):
        if group and utf16_len(prose[group[0] : s.end]) <= limit:
            group = (group[0], s.end)
            continue
        if group:
            yield group
        if utf16_len(prose[s.start : s.end]) <= limit:
            group = (s.start, s.end)
        else:
            yield from _hard_cut(prose, s.start, s.end, limit)
            group = None
    if group:
        yield group


def _hard_cut(prose: str, start: int, end: int, limit: int) -> Iterator[tuple[int, int]]:
    pos = start
    while pos < end:
        stop = min(end, pos + limit)
        while utf16_len(prose[pos:stop]) > limit:  # non-BMP characters count twice
            stop -= 1
        if stop < end:
            cut = max((m.start() for m in _SPACE.finditer(prose, pos, stop)), default=-1)
            if cut > pos:
                stop = cut
        piece = prose[pos:stop]
        lead = len(piece) - len(piece.lstrip())
        if piece.strip():
            yield pos + lead, pos + len(piece.rstrip())
        pos = stop


def make_chunks(doc: Document, limit: int) -> list[Chunk]:
    """Return the chunks to send for `doc`: English prose, masked characters left out.

    Pieces (paragraphs, or parts of one too long for a request) are joined by a blank line while
    the chunk stays within `limit` UTF-16 units, so a chunk always ends at a paragraph end.
    """
    prose = doc.prose
    chunks: list[Chunk] = []
    parts: list[str] = []
    offsets = OffsetMap()
    size = 0
    for span_start, span_end in english_spans(doc):
        for start, end in split_span(prose, span_start, span_end, limit):
            runs = [(m.start(), m.group()) for m in _UNMASKED.finditer(prose, start, end)]
            piece_size = sum(utf16_len(t) for _, t in runs)
            if not piece_size or not "".join(t for _, t in runs).strip():
                continue
            if parts and size + len(JOINER) + piece_size > limit:
                chunks.append(_finish(parts, offsets))
                parts, offsets, size = [], OffsetMap(), 0
            if parts:
                offsets.add_run(_length(parts), -1)
                parts.append(JOINER)
                size += len(JOINER)
            for origin, text in runs:
                offsets.add_run(_length(parts), origin)
                parts.append(text)
            size += piece_size
    if parts:
        chunks.append(_finish(parts, offsets))
    return chunks


def _length(parts: list[str]) -> int:
    return sum(len(p) for p in parts)


def _finish(parts: list[str], offsets: OffsetMap) -> Chunk:
    text = "".join(parts)
    offsets.astral = astral_positions(text)
    return Chunk(text, offsets)
