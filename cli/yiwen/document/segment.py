"""Split text into paragraphs and sentences with exact offsets into the original text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from yiwen.document.language import detect_language
from yiwen.models import MASK, Language, Segment

# A paragraph also ends at a single newline when the line before it is Chinese and closes a
# sentence or is a short title (Chinese news puts one paragraph per line and never hard-wraps),
# when the block is "one paragraph per line" English (lines far longer than a hard wrap), or
# when the next line starts a Markdown block.
_BLANK = re.compile(r"\n[ \t\r\ufffc]*\n")
_BLOCK_START = re.compile(r"[ \t]{0,3}(?:#{1,6}\s|[-*+]\s|\d{1,3}[.)]\s|>|\||\ufffc+\s)")
_ZH_LINE_END = re.compile(r"[。！？；：…][”’」』）)]*[\s\ufffc]*$")
_HAN = re.compile(r"[\u3400-\u9fff]")
_WRAP_WIDTH = 100  # a hard-wrapped English line is shorter than this
_ZH_TITLE = 30  # a Chinese line this short that does not end a sentence is a title

# Abbreviations after which a period does not end an English sentence.
ABBREVIATIONS = frozenset(
    """
    dr prof mr mrs ms mx st jr sr no nos vs etc e.g i.e fig figs dept approx inc ltd co corp
    jan feb mar apr jun jul aug sep sept oct nov dec assoc asst gen gov sen rep rev hon ph.d
    m.d u.s u.k a.m p.m vol pp ed eds est al
    """.split()
)
_NUMBER_ABBREVIATIONS = frozenset({"no", "nos"})
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
    lines: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        nl = prose.find("\n", pos, end)
        line_end = end if nl == -1 else nl
        lines.append((pos, line_end))
        pos = line_end + 1
    if not lines:
        return
    contents = [prose[a:b].strip(" \t\r\ufffc") for a, b in lines]
    unwrapped = sum(1 for c in contents if c) > 1 and max(len(c) for c in contents) > _WRAP_WIDTH
    para_start = start
    for i in range(len(lines) - 1):
        line, following = contents[i], contents[i + 1]
        raw_next = prose[lines[i + 1][0] : lines[i + 1][1]]
        breaks = _line_ends_paragraph(line, following, unwrapped)
        if markdown and _BLOCK_START.match(raw_next):
            breaks = True
        if markdown and prose[lines[i][0] : lines[i][1]].lstrip().startswith(("#", "\ufffc")):
            breaks = breaks or _BLOCK_START.match(prose[lines[i][0] : lines[i][1]]) is not None
        if breaks:
            _emit(prose, para_start, lines[i][1], out)
            para_start = lines[i + 1][0]
    _emit(prose, para_start, end, out)


def _line_ends_paragraph(line: str, following: str, unwrapped: bool) -> bool:
    """Decide whether a single newline after `line` ends its paragraph (see _ZH_LINE_END)."""
    if not line or not following:
        return True
    if unwrapped:
        return True
    zh_line = detect_language(line) == Language.ZH
    zh_next = detect_language(following) == Language.ZH
    if zh_line != zh_next and (_HAN.search(line) or _HAN.search(following)):
        return True  # a Chinese line next to an English one: a bilingual pair, not a wrap
    if zh_line:
        return bool(_ZH_LINE_END.search(line)) or len(line) <= _ZH_TITLE
    return False


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
            key = word.lower().rstrip(".")
            if key in _NUMBER_ABBREVIATIONS:
                # "No. 5" is an abbreviation; "the answer was no. Then" ends a sentence.
                if chunk[after:].lstrip()[:1].isdigit():
                    return False
            elif key in ABBREVIATIONS:
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
