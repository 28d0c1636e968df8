"""Split text into paragraphs and sentences with exact offsets into the original text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from yiwen.document.language import detect_language
from yiwen.models import MASK, Language, Segment

# A paragraph also ends at a single newline when the line before it closes a sentence in
# Chinese (Chinese news puts one paragraph per line) or the next line starts a Markdown block.
_BLANK = re.compile(r"\n[ \t\r\ufffc]*\n")
_BLOCK_START = re.compile(r"[ \t]{0,3}(?:#{1,6}\s|[-*+]\s|\d{1,3}[.)]\s|>|\||\ufffc+\s)")
_ZH_LINE_END = re.compile(r"[。！？；…”’」』）]\s*$")

# Abbreviations after which a period does not end an English sentence.
ABBREVIATIONS = frozenset(
    """
    dr prof mr mrs ms mx st jr sr no nos vs etc e.g i.e fig figs dept approx inc ltd co corp
    jan feb mar apr jun jul aug sep sept oct nov dec assoc asst gen gov sen rep rev hon ph.d
    m.d u.s u.k a.m p.m vol pp ed eds est al
    """.split()
)
_EN_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)")
_ZH_END = re.compile(r"(?:[。！？；]|…{1,2}|\.{3,6})+[”’」』）)]*")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.+$")


def split_paragraphs(text: str, prose: str, markdown: bool = False) -> list[tuple[int, int]]:
    """Return (start, end) spans of paragraphs: blank-line blocks, further split at block starts.

    Spans exclude surrounding whitespace and blocks that are entirely masked.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _BLANK.finditer(prose):
        _split_block(prose, pos, m.start(), markdown, spans)
        pos = m.end() - 1
    _split_block(prose, pos, len(prose), markdown, spans)
    return spans


def _split_block(
    prose: str, start: int, end: int, markdown: bool, out: list[tuple[int, int]]
) -> None:
    line_start = start
    para_start = start
    while line_start < end:
        nl = prose.find("\n", line_start, end)
        line_end = end if nl == -1 else nl
        next_start = line_end + 1
        if nl != -1 and next_start < end:
            line = prose[line_start:line_end]
            following = prose[
                next_start : prose.find("\n", next_start, end)
                if prose.find("\n", next_start, end) != -1
                else end
            ]
            breaks = bool(_ZH_LINE_END.search(line))
            if markdown and _BLOCK_START.match(following):
                breaks = True
            if markdown and _BLOCK_START.match(line) and line.lstrip().startswith(("#", "\ufffc")):
                breaks = True  # a heading is one line
            if breaks:
                _emit(prose, para_start, line_end, out)
                para_start = next_start
        line_start = next_start
    _emit(prose, para_start, end, out)


def _emit(prose: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    chunk = prose[start:end]
    stripped = chunk.strip(" \t\r\n" + MASK)
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip(" \t\r\n" + MASK))
    trail = len(chunk) - len(chunk.rstrip(" \t\r\n" + MASK))
    out.append((start + lead, end - trail))


def paragraphs(
    text: str, prose: str, markdown: bool = False, lang: Language | None = None
) -> tuple[Segment, ...]:
    """Return the paragraph segments of a document, each with its detected language."""
    segs = []
    for start, end in split_paragraphs(text, prose, markdown):
        language = lang or detect_language(prose[start:end])
        segs.append(Segment(start, end, language))
    return tuple(segs)


def sentences(prose: str, start: int, end: int, language: Language) -> list[Segment]:
    """Split prose[start:end] into sentence segments (absolute offsets)."""
    return list(_iter_sentences(prose, start, end, language))


def _iter_sentences(prose: str, start: int, end: int, language: Language) -> Iterator[Segment]:
    chunk = prose[start:end]
    cuts: list[int] = []
    if language in (Language.ZH, Language.MIXED):
        cuts.extend(m.end() for m in _ZH_END.finditer(chunk))
    if language != Language.ZH:
        for m in _EN_END.finditer(chunk):
            if _ends_sentence(chunk, m.start(), m.end()):
                cuts.append(m.end())
    cuts = sorted(set(c for c in cuts if 0 < c < len(chunk)))
    pos = 0
    for cut in [*cuts, len(chunk)]:
        piece = chunk[pos:cut]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        if piece.strip():
            yield Segment(start + pos + lead, start + cut - trail, language, "sentence")
        pos = cut


def _ends_sentence(chunk: str, mark: int, after: int) -> bool:
    """Decide whether the punctuation at chunk[mark:after] ends an English sentence."""
    if chunk[mark] == ".":
        before = _WORD_BEFORE.search(chunk, 0, mark + 1)
        if before:
            word = before.group(1)
            if word.lower().rstrip(".") in ABBREVIATIONS:
                return False
            if len(word) == 1 and word.isupper():
                return False  # an initial: "J. Smith"
            if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word):
                return False  # "U.S." / "e.g."
    rest = chunk[after:].lstrip()
    if not rest:
        return True
    nxt = rest[0]
    return nxt.isupper() or nxt.isdigit() or nxt in "\"'“‘([" or detect_language(nxt) == Language.ZH
