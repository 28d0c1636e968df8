"""Frozen value types shared by every part of yiwen: spans, segments, documents, findings."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Severity(str, Enum):
    """How serious a finding is; ordered error > warning > info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Return 3 for error, 2 for warning, 1 for info (higher is worse)."""
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Applicability(str, Enum):
    """How safe a fix is to apply without a person looking (ruff's Applicability)."""

    SAFE = "safe"  # applied by `yiwen fix`
    UNSAFE = "unsafe"  # applied only with `yiwen fix --unsafe`
    NONE = "none"  # a suggestion for a person; never applied automatically


class Language(str, Enum):
    """The language of a document or paragraph, detected from its characters."""

    ZH = "zh"
    EN = "en"
    MIXED = "mixed"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range [start, end) of code points in a document's decoded text."""

    start: int
    end: int

    @property
    def length(self) -> int:
        """Return the number of code points covered."""
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Segment:
    """A paragraph or sentence: its span in the document and its detected language."""

    start: int
    end: int
    language: Language
    kind: str = "paragraph"  # paragraph | heading | list-item | table-cell | sentence


@dataclass(frozen=True)
class Document:
    """A loaded article.

    `text` is the decoded file exactly as it is on disk (line endings kept), so every offset a
    rule reports is an offset in the original file. `prose` is `text` with everything that is
    not prose (code, URLs, markup, front matter) replaced by MASK, keeping length and newlines;
    rules read `prose`, never `text`. `payload` belongs to the format handler (e.g. the parsed
    .docx) and is what it needs to write the document back.
    """

    path: str
    text: str
    prose: str
    encoding: str
    format: str
    language: Language
    paragraphs: tuple[Segment, ...]
    bom: bool = False
    newline: str = "\n"
    payload: Any = None
    locations: Any = None  # optional format-specific locator: offset -> human position

    def __post_init__(self) -> None:
        starts = [0]
        find = self.text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        object.__setattr__(self, "_line_starts", starts)

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based (line, column) of a code-point offset."""
        starts: list[int] = self._line_starts  # type: ignore[attr-defined]
        line = bisect.bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    def line_text(self, line: int) -> str:
        """Return the text of a 1-based line without its line ending."""
        starts: list[int] = self._line_starts  # type: ignore[attr-defined]
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def paragraphs_in(self, *languages: Language) -> list[Segment]:
        """Return the paragraphs whose language is one of `languages` (all when none given)."""
        if not languages:
            return list(self.paragraphs)
        return [p for p in self.paragraphs if p.language in languages]


# What non-prose characters are replaced with in Document.prose: not a letter, digit, space or
# punctuation, so no rule matches on it or across it.
MASK = "\ufffc"


@dataclass(frozen=True)
class SourceRef:
    """Where a bilingual finding's source sentence is: path, 1-based line/column, and text."""

    path: str
    line: int
    column: int
    text: str


@dataclass(frozen=True)
class Finding:
    """One problem in a document, with its exact span and the fixes offered."""

    code: str
    rule: str
    severity: Severity
    message: str
    offset: int
    length: int
    text: str
    replacements: tuple[str, ...] = ()
    applicability: Applicability = Applicability.NONE
    source: SourceRef | None = None

    @property
    def end(self) -> int:
        """Return the exclusive end offset of the finding's span."""
        return self.offset + self.length

    def sort_key(self) -> tuple[int, int, str]:
        """Order findings by position, then code."""
        return (self.offset, self.length, self.code)


@dataclass(frozen=True)
class Fix:
    """One replacement to make in a document: the span and its new text."""

    offset: int
    length: int
    replacement: str
    code: str = ""

    @property
    def end(self) -> int:
        """Return the exclusive end offset of the replaced span."""
        return self.offset + self.length


@dataclass
class FileReport:
    """The findings for one file (or the error that stopped it), ready to render."""

    path: str
    document: Document | None
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
