"""The table of article formats: each knows its file suffixes, how to load and how to write back.

A format handler turns bytes into a Document (text, prose mask, paragraphs) and a corrected text
back into bytes. HTML, .docx and XLIFF handlers register themselves here the same way.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from yiwen.document.encoding import decode, encode
from yiwen.document.language import detect_language
from yiwen.document.markdown import mask_markdown, mask_text_urls
from yiwen.document.segment import paragraphs
from yiwen.models import Document, Fix, Language, Segment
from yiwen.suffixes import BUILTIN, MODULES


@dataclass(frozen=True)
class LoadOptions:
    """What the user said about how to read a file."""

    encoding: str | None = None
    lang: Language | None = None
    whole_page: bool = False  # HTML: check menus and footers too


@dataclass(frozen=True)
class WriteOptions:
    """What the user said about how to write a file back."""

    output_encoding: str | None = None  # default: the encoding the file was read in
    track_changes: bool = False  # .docx: write edits as Word revisions (w:ins/w:del)
    author: str = "yiwen"


@dataclass(frozen=True)
class Format:
    """One article format: its name, suffixes, loader and writer.

    `dump(doc, edits, opts)` returns the file's bytes with `edits` (non-overlapping Fix records
    over doc.text, any order) applied; everything outside the edited spans stays byte for byte.
    """

    name: str
    suffixes: tuple[str, ...]
    load: Callable[[bytes, str, LoadOptions], Document]
    dump: Callable[[Document, Sequence[Fix], WriteOptions], bytes]


FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    """Add a format to the table (a later registration of a name replaces the earlier one)."""
    FORMATS[fmt.name] = fmt
    return fmt


def format_for(path: str) -> Format:
    """Return the format for a path by suffix; unknown suffixes are read as plain text."""
    lower = path.lower()
    for name, suffixes in FORMAT_MODULES.items():
        if lower.endswith(suffixes):
            return load_format(name)
    for fmt in FORMATS.values():
        if lower.endswith(fmt.suffixes):
            return fmt
    return FORMATS["txt"]


def build_document(
    path: str,
    text: str,
    prose: str,
    encoding: str,
    bom: bool,
    fmt: str,
    opts: LoadOptions,
    markdown: bool = False,
    payload: object = None,
    locations: object = None,
    paras: tuple[Segment, ...] | None = None,
) -> Document:
    """Assemble a Document: detect newline style, paragraphs (unless given) and languages."""
    if paras is None:
        paras = paragraphs(text, prose, markdown=markdown, lang=opts.lang)
    if opts.lang:
        language = opts.lang
    else:
        language = detect_language("".join(prose[p.start : p.end] for p in paras[:200]))
    newline = "\r\n" if "\r\n" in text else "\n"
    return Document(
        path=path,
        text=text,
        prose=prose,
        encoding=encoding,
        format=fmt,
        language=language,
        paragraphs=paras,
        bom=bom,
        newline=newline,
        payload=payload,
        locations=locations,
    )


def _load_text(data: bytes, path: str, opts: LoadOptions) -> Document:
    text, encoding, bom = decode(data, path, opts.encoding)
    return build_document(path, text, mask_text_urls(text), encoding, bom, "txt", opts)


def _load_markdown(data: bytes, path: str, opts: LoadOptions) -> Document:
    text, encoding, bom = decode(data, path, opts.encoding)
    return build_document(path, text, mask_markdown(text), encoding, bom, "md", opts, markdown=True)


def apply_edits(text: str, edits: Sequence[Fix]) -> str:
    """Return `text` with non-overlapping edits applied (raises ValueError on overlap)."""
    out: list[str] = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.offset, e.length)):
        if e.offset < pos:
            raise ValueError(f"overlapping edits at offset {e.offset}")
        out.append(text[pos : e.offset])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def narrow_edit(text: str, e: Fix) -> Fix | None:
    """Shrink an edit to the characters that really change (None when nothing does).

    The common suffix is taken first, so "the the" -> "the" deletes the first "the " and
    keeps the word that follows (and its markup or formatting) untouched.
    """
    old, new = text[e.offset : e.end], e.replacement
    q = 0
    while q < min(len(old), len(new)) and old[len(old) - 1 - q] == new[len(new) - 1 - q]:
        q += 1
    p = 0
    while p < min(len(old), len(new)) - q and old[p] == new[p]:
        p += 1
    if p == len(old) - q and p == len(new) - q:
        return None
    return Fix(e.offset + p, len(old) - p - q, new[p : len(new) - q], e.code)


@dataclass
class EditableSpans:
    """The sorted, non-overlapping spans of a markup file whose text a writer may change."""

    spans: list[tuple[int, int]]

    def __post_init__(self) -> None:
        self._starts = [s for s, _ in self.spans]

    def covers(self, start: int, end: int) -> bool:
        """True when [start, end) lies inside one span (an insertion may touch its end)."""
        i = bisect.bisect_right(self._starts, start) - 1
        if i < 0:
            return False
        s, e = self.spans[i]
        return s <= start and end <= e

    def edits(self, text: str, edits: Sequence[Fix], escape: Callable[[str], str]) -> list[Fix]:
        """Return the edits narrowed, escaped for the markup, and kept inside the spans.

        An edit that still crosses a tag or an entity after narrowing is dropped (`refused`
        says which): markup is never rewritten.
        """
        return [
            Fix(f.offset, f.length, escape(f.replacement), f.code)
            for _, f, ok in self._narrowed(text, edits)
            if ok
        ]

    def refused(self, text: str, edits: Sequence[Fix]) -> list[Fix]:
        """Return the edits that change text but would cross a tag or an entity."""
        return [e for e, _, ok in self._narrowed(text, edits) if not ok]

    def _narrowed(self, text: str, edits: Sequence[Fix]) -> Iterator[tuple[Fix, Fix, bool]]:
        """Yield (edit, narrowed edit, whether it lies inside one span) for edits that change."""
        for e in edits:
            f = narrow_edit(text, e)
            if f is not None:
                yield e, f, self.covers(f.offset, f.end)


def refused_edits(doc: Document, edits: Sequence[Fix]) -> list[Fix]:
    """Return the edits `doc`'s format cannot write (HTML, XLIFF: those crossing markup)."""
    editable = getattr(doc.payload, "editable", None)
    return editable.refused(doc.text, edits) if isinstance(editable, EditableSpans) else []


def _dump_text(doc: Document, edits: Sequence[Fix], opts: WriteOptions) -> bytes:
    return encode(
        apply_edits(doc.text, edits), opts.output_encoding or doc.encoding, doc.bom, doc.path
    )


register(Format("txt", BUILTIN["txt"], _load_text, _dump_text))
register(Format("md", BUILTIN["md"], _load_markdown, _dump_text))

# Modules that register further formats when imported, by the suffixes each reads.
FORMAT_MODULES = MODULES


def load_format(name: str) -> Format:
    """Return the format `name`, importing its module on first use."""
    if name not in FORMATS and name in FORMAT_MODULES:
        import importlib

        importlib.import_module(f"yiwen.document.{name}")
    return FORMATS[name]
