"""Map offsets in a text sent to LanguageTool (UTF-16 code units) back to document offsets."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


def astral_positions(text: str) -> list[int]:
    """Return the UTF-16 offsets of every character outside the BMP (two code units each)."""
    out: list[int] = []
    extra = 0
    for i, ch in enumerate(text):
        if ord(ch) > 0xFFFF:
            out.append(i + extra)
            extra += 1
    return out


def utf16_len(text: str) -> int:
    """Return the length of `text` in UTF-16 code units (what Java and LanguageTool count)."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


@dataclass
class OffsetMap:
    """Where each run of a sent text came from in the document.

    A sent text is the document's prose with masked characters (code, URLs, markup) left out and
    pieces joined by blank lines, so it is a list of runs: run i starts at `sent[i]` in the sent
    text (code points) and at `origin[i]` in the document. A joiner run has origin -1.
    """

    sent: list[int] = field(default_factory=list)
    origin: list[int] = field(default_factory=list)
    astral: list[int] = field(default_factory=list)  # UTF-16 offsets of non-BMP characters

    def add_run(self, sent_start: int, origin: int) -> None:
        """Record that the sent text from `sent_start` on comes from document offset `origin`."""
        if self.sent and self.sent[-1] == sent_start:
            self.origin[-1] = origin
        else:
            self.sent.append(sent_start)
            self.origin.append(origin)

    def to_codepoint(self, u16: int) -> int:
        """Turn a UTF-16 offset in the sent text into a code-point offset in the same text."""
        return u16 - bisect.bisect_left(self.astral, u16)

    def to_document(self, sent_cp: int) -> int:
        """Return the document offset of the sent text's code point `sent_cp` (-1: a joiner)."""
        i = bisect.bisect_right(self.sent, sent_cp) - 1
        if i < 0 or self.origin[i] < 0:
            return -1
        return self.origin[i] + (sent_cp - self.sent[i])

    def span(self, offset_u16: int, length_u16: int) -> tuple[int, int] | None:
        """Map a LanguageTool match (UTF-16 offset and length) to a document [start, end).

        None when the match starts or ends on a joiner, or is empty.
        """
        start = self.to_codepoint(offset_u16)
        end = self.to_codepoint(offset_u16 + length_u16)
        if end <= start:
            return None
        doc_start = self.to_document(start)
        doc_last = self.to_document(end - 1)  # the last character, so a run's end maps inside it
        if doc_start < 0 or doc_last < 0:
            return None
        return doc_start, doc_last + 1
