"""Word documents (.docx): check body paragraphs, headings, tables, headers and footers.

`Document.text` is the extracted text: one block per non-empty Word paragraph (body in order,
table cells row by row, then each distinct header and footer), blocks joined by a blank line.
Positions are given as labels ("¶12", "table 1 r2c3", "header ¶1") by `Document.locations`;
in JSON `line` is the block's number in the extracted text and `column` the character in it.

Writing back maps each edit onto the `w:t` text elements of the runs it touches: replaced text
takes the formatting of the first run it touches, every other run keeps its own. With
`WriteOptions.track_changes` the edits become Word revisions (`w:del`/`w:delText` + `w:ins`) by
the author, which the editor accepts or rejects in Word. python-docx parses with lxml's
`resolve_entities=False` (no external entities); a corrupt file is one InputError.
"""

from __future__ import annotations

import copy
import io
import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone

from yiwen.document.formats import (
    Format,
    LoadOptions,
    WriteOptions,
    build_document,
    narrow_edit,
    register,
)
from yiwen.document.language import detect_language
from yiwen.document.markdown import mask_text_urls
from yiwen.errors import InputError
from yiwen.models import Document, Fix, Segment

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_SEP = "\n\n"
# Where a URL or e-mail address could be: only there is mask_text_urls worth running.
_URL_HINT = re.compile(r"://|www\.|@")


def _q(tag: str) -> str:
    return f"{{{_W}}}{tag}"


# Subtrees whose text is not the paragraph's visible text: deleted revisions, moved-away text,
# text boxes (their own paragraphs), properties (tab stops), and the duplicate fallback of
# alternate content. (Field instructions and deleted text are w:instrText and w:delText, not
# w:t, so they are never collected.)
_SKIP = frozenset(_q(t) for t in ("del", "moveFrom", "txbxContent", "pPr")) | {
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
}
_T, _BR, _TYPE = _q("t"), _q("br"), _q("type")
_P, _TBL, _TR, _TC = _q("p"), _q("tbl"), _q("tr"), _q("tc")
_PPR, _PSTYLE, _NUMPR, _VAL = _q("pPr"), _q("pStyle"), _q("numPr"), _q("val")
_GRID_SPAN = f"{_q('tcPr')}/{_q('gridSpan')}"
_NESTED = frozenset((_q("sdt"), _q("sdtContent"), _q("customXml")))
_FIXED = {_q("tab"): "\t", _q("br"): "\n", _q("cr"): "\n", _q("noBreakHyphen"): "\u2011"}
_WALK = (_T, *_FIXED, *_SKIP)  # what _walk_runs looks at, in document order


@dataclass
class _Piece:
    start: int
    end: int
    element: object  # the w:t (editable) or w:tab/w:br (fixed) element
    editable: bool


@dataclass
class _Unit:
    start: int
    end: int
    label: str
    kind: str
    pieces: list[_Piece] = field(default_factory=list)


@dataclass
class DocxLocations:
    """Turn offsets of the extracted text into paragraph labels and block/column positions."""

    units: list[tuple[int, int, str]]

    def __post_init__(self) -> None:
        self._starts = [u[0] for u in self.units]

    def _index(self, offset: int) -> int:
        return max(0, bisect_right(self._starts, offset) - 1)

    def label(self, offset: int) -> str:
        """Return e.g. "¶12", "table 1 r2c3" or "header ¶1" for an offset."""
        if not self.units:
            return "¶1"
        return self.units[self._index(offset)][2]

    def span(self, start: int, end: int) -> tuple[int, int, int, int]:
        """Return (block, column, end_block, end_column), 1-based, end column exclusive."""
        if not self.units:
            return 1, start + 1, 1, end + 1
        i, j = self._index(start), self._index(end)
        return i + 1, start - self.units[i][0] + 1, j + 1, end - self.units[j][0] + 1


@dataclass
class DocxPayload:
    """The original file's bytes: the writer re-reads them and edits the copy."""

    data: bytes


def _open(data: bytes, path: str):  # -> docx.document.Document
    """Open a .docx, turning every way it can be broken into one InputError."""
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    if not data.startswith(b"PK"):
        raise InputError(f"{path}: not a Word .docx file (not a zip archive)")
    try:
        return docx.Document(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise InputError(f"{path}: corrupt .docx (broken zip archive)") from None
    except KeyError as exc:
        raise InputError(f"{path}: corrupt .docx (missing part {exc})") from None
    except PackageNotFoundError:
        raise InputError(f"{path}: corrupt .docx (no Word document inside)") from None
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{path}: corrupt .docx (malformed XML: {exc})") from None
    except (ValueError, TypeError, AttributeError) as exc:
        raise InputError(f"{path}: corrupt .docx ({exc})") from None


def _walk_runs(p, out: list[tuple[object, str, bool]]) -> None:
    """Collect (element, text, editable) for a paragraph's visible text, in order.

    lxml's own iteration finds the text elements (a walk in Python over every run and its
    properties costs several times more); an element inside a skipped subtree is left out.
    """
    skip = None
    for el in p.iter(*_WALK):
        if skip is not None:
            if _within(el, skip, p):
                continue
            skip = None
        tag = el.tag
        if tag == _T:
            out.append((el, el.text or "", True))
        elif tag in _SKIP:
            skip = el
        elif tag != _BR or el.get(_TYPE) != "page":
            out.append((el, _FIXED[tag], False))


def _within(el, ancestor, stop) -> bool:
    """True when `ancestor` encloses `el` (looking no further up than `stop`)."""
    parent = el.getparent()
    while parent is not None and parent is not stop:
        if parent is ancestor:
            return True
        parent = parent.getparent()
    return False


def _paragraph_kind(p) -> str:
    ppr = p.find(_PPR)
    if ppr is not None:
        style = ppr.find(_PSTYLE)
        name = (style.get(_VAL) or "") if style is not None else ""
        if name.lower().startswith(("heading", "title", "subtitle")):
            return "heading"
        if ppr.find(_NUMPR) is not None or name.lower().startswith("list"):
            return "list-item"
    return "paragraph"


def _blocks(
    container, label: str, tables: list[int], counter: list[int] | None = None
) -> Iterator[tuple[object, str, str, list]]:
    """Yield (w:p, label, kind, text pieces) for the paragraphs under a body/header/cell."""
    counter = counter if counter is not None else [0]
    for child in container:
        tag = child.tag
        if tag == _P:
            pieces: list[tuple[object, str, bool]] = []
            _walk_runs(child, pieces)
            if any(t.strip() for _, t, _ in pieces):
                counter[0] += 1
                yield child, f"{label}¶{counter[0]}", _paragraph_kind(child), pieces
        elif tag == _TBL:
            tables[0] += 1
            yield from _table(child, f"table {tables[0]}", tables)
        elif tag in _NESTED:
            yield from _blocks(child, label, tables, counter)  # content controls: same numbering


def _table(tbl, name: str, tables: list[int]) -> Iterator[tuple[object, str, str, list]]:
    """Yield a table's cell paragraphs labelled "table N rRcC" (later ones in a cell: "¶2")."""
    for r, tr in enumerate(tbl.findall(_TR), start=1):
        col = 1
        for tc in tr.findall(_TC):
            cell = f"{name} r{r}c{col}"
            for p, lab, _kind, pieces in _blocks(tc, "", tables):
                if lab == "¶1":
                    lab = cell
                elif lab.startswith("¶"):
                    lab = f"{cell} {lab}"
                yield p, lab, "table-cell", pieces
            span = tc.find(_GRID_SPAN)
            col += int(span.get(_VAL, "1")) if span is not None else 1


def _parts(document) -> Iterator[tuple[object, str]]:
    """Yield (element, label prefix) for the body, then each distinct header and footer."""
    yield document.element.body, ""
    seen: set[int] = set()
    counts = {"header": 0, "footer": 0}
    for section in document.sections:
        for attr in (
            "header",
            "first_page_header",
            "even_page_header",
            "footer",
            "first_page_footer",
            "even_page_footer",
        ):
            hf = getattr(section, attr)
            # Reading a linked header/footer would create an empty definition: skip it.
            if hf.is_linked_to_previous:
                continue
            el = hf._element
            if id(el) in seen:
                continue
            seen.add(id(el))
            kind = "header" if "header" in attr else "footer"
            counts[kind] += 1
            yield el, kind


def _layout(document, pieces: bool = True) -> tuple[str, list[_Unit]]:
    """Return the extracted text and its units in document order.

    With `pieces` each unit also records which element holds each stretch of its text (the
    writer needs that; checking does not, and skips the bookkeeping).
    """
    units: list[_Unit] = []
    chunks: list[str] = []
    pos = 0
    tables = [0]
    hf_seen = {"header": 0, "footer": 0}
    for root, kind in _parts(document):
        prefix = ""
        if kind:
            hf_seen[kind] += 1
            prefix = f"{kind} " if hf_seen[kind] == 1 else f"{kind} {hf_seen[kind]} "
        for _p, label, pkind, raw in _blocks(root, prefix, tables):
            if units:
                chunks.append(_SEP)
                pos += len(_SEP)
            unit = _Unit(pos, pos, label if label else "¶", pkind)
            if pieces:
                for el, text, editable in raw:
                    if text:
                        unit.pieces.append(_Piece(pos, pos + len(text), el, editable))
                    pos += len(text)
                chunks.extend(text for _, text, _ in raw)
            else:
                joined = "".join([text for _, text, _ in raw])
                chunks.append(joined)
                pos += len(joined)
            unit.end = pos
            units.append(unit)
    return "".join(chunks), units


def _mask_urls(text: str, units: list[_Unit]) -> str:
    """Return mask_text_urls(text), running it only on the paragraphs that could hold a URL.

    Paragraphs are joined by a blank line, which no URL or e-mail address crosses, so masking
    each alone gives the same text as masking the whole document at once.
    """
    if not _URL_HINT.search(text):
        return text
    out = []
    pos = 0
    for u in units:
        chunk = text[u.start : u.end]
        if _URL_HINT.search(chunk):
            out.append(text[pos : u.start])
            out.append(mask_text_urls(chunk))
            pos = u.end
    out.append(text[pos:])
    return "".join(out)


def load_docx(data: bytes, path: str, opts: LoadOptions) -> Document:
    """Load a .docx: its paragraphs, tables, headers and footers become the checked text."""
    document = _open(data, path)
    text, units = _layout(document, pieces=False)
    if not text.strip():
        raise InputError(f"{path}: the Word document has no text")
    prose = _mask_urls(text, units)
    paras = tuple(
        Segment(u.start, u.end, opts.lang or detect_language(prose[u.start : u.end]), u.kind)
        for u in units
        if u.end > u.start
    )
    locations = DocxLocations([(u.start, u.end, u.label) for u in units])
    return build_document(
        path,
        text,
        prose,
        "utf-8",
        False,
        "docx",
        opts,
        payload=DocxPayload(data),
        locations=locations,
        paras=paras,
    )


# --- writing ---------------------------------------------------------------------------------


def _unit_for(units: list[_Unit], starts: list[int], e: Fix) -> _Unit | None:
    i = bisect_right(starts, e.offset) - 1
    if i < 0:
        return None
    u = units[i]
    return u if u.start <= e.offset and e.end <= u.end else None


def _set_text(t, value: str) -> None:
    t.text = value
    if value != value.strip() or "  " in value:
        t.set(_XML_SPACE, "preserve")


def _touched(u: _Unit, e: Fix) -> list[_Piece] | None:
    """Return the editable pieces an edit covers (None when it covers a tab or break)."""
    if e.length == 0:
        for pc in u.pieces:
            if pc.editable and pc.start <= e.offset <= pc.end:
                return [pc]
        return None
    out = [pc for pc in u.pieces if pc.start < e.end and e.offset < pc.end]
    if not out or not all(pc.editable for pc in out):
        return None
    return out


def _apply_plain(pieces: list[_Piece], e: Fix) -> None:
    """Rewrite the w:t texts: the replacement goes into the first touched run."""
    first = pieces[0]
    for pc in pieces:
        t = pc.element
        old = t.text or ""
        a = max(e.offset, pc.start) - pc.start
        b = min(e.end, pc.end) - pc.start
        _set_text(t, old[:a] + (e.replacement if pc is first else "") + old[b:])


def _content(run) -> list:
    return [c for c in run if c.tag != _q("rPr")]


def _split_run(t, index: int):
    """Split the run holding w:t `t` so that its text from `index` on starts a new run.

    The original run keeps everything before the split, and `t` keeps the text left of it
    (possibly empty), so the elements of text further left stay valid for later edits.
    Returns the new run, inserted right after the old one with a copy of its properties.
    """
    run = t.getparent()
    new_run = copy.deepcopy(run)
    for child in _content(new_run):
        new_run.remove(child)
    children = _content(run)
    text = t.text or ""
    right = copy.deepcopy(t)
    _set_text(right, text[index:])
    _set_text(t, text[:index])
    new_run.append(right)
    for c in children[children.index(t) + 1 :]:
        new_run.append(c)  # moves the element
    run.addnext(new_run)
    return new_run


def _isolate(t, a: int, b: int):
    """Give w:t's text [a, b) a run of its own (same properties) and return that run."""
    children = _content(t.getparent())
    k = children.index(t)
    if b < len(t.text or "") or k + 1 < len(children):
        _split_run(t, b)
    if a > 0 or k > 0:
        return _split_run(t, a)
    return t.getparent()


def _bare_copy(run):
    """Return a copy of a run with its properties and no content."""
    new_run = copy.deepcopy(run)
    for child in _content(new_run):
        new_run.remove(child)
    return new_run


class _Revisions:
    """Write edits as Word revisions with unique ids, one author and one date."""

    def __init__(self, root, author: str) -> None:
        ids = [
            int(v)
            for v in root.xpath(
                "//@w:id"
            )  # python-docx elements know the w: prefix if v.lstrip("-").isdigit()
        ]
        self.next_id = max(ids, default=0) + 1
        self.author = author
        now = datetime.now(timezone.utc).replace(microsecond=0)
        self.date = now.strftime("%Y-%m-%dT%H:%M:%SZ")

    def wrapper(self, tag: str):
        """Return an empty w:ins or w:del element with id, author and date."""
        from lxml import etree

        el = etree.Element(_q(tag))
        el.set(_q("id"), str(self.next_id))
        el.set(_q("author"), self.author)
        el.set(_q("date"), self.date)
        self.next_id += 1
        return el

    def inserted(self, model, text: str):
        """Return a w:ins holding one run with `model`'s properties and `text`."""
        from lxml import etree

        ins = self.wrapper("ins")
        run = _bare_copy(model)
        _set_text(etree.SubElement(run, _q("t")), text)
        ins.append(run)
        return ins

    def apply(self, pieces: list[_Piece], e: Fix) -> None:
        """Turn one edit into w:del (old runs, text as w:delText) followed by w:ins."""
        if e.length == 0:
            pc = pieces[0]
            t, i = pc.element, e.offset - pc.start
            run = t.getparent()
            children = _content(run)
            k = children.index(t)
            if i == 0 and k == 0:
                run.addprevious(self.inserted(run, e.replacement))
            elif i == len(t.text or "") and k + 1 == len(children):
                run.addnext(self.inserted(run, e.replacement))
            else:
                _split_run(t, i).addprevious(self.inserted(run, e.replacement))
            return
        # Isolate right to left: a split never moves the text of pieces further left.
        runs = []
        for pc in reversed(pieces):
            a = max(e.offset, pc.start) - pc.start
            b = min(e.end, pc.end) - pc.start
            runs.append(_isolate(pc.element, a, b))
        runs.reverse()
        last = None
        for run in runs:
            d = self.wrapper("del")
            run.addprevious(d)
            d.append(run)
            for t in run.findall(_q("t")):
                t.tag = _q("delText")
            last = d
        if e.replacement and last is not None:
            last.addnext(self.inserted(runs[0], e.replacement))


def _whole_words(text: str, e: Fix) -> Fix:
    """Widen an edit to the word boundaries around it (same result, fewer broken words)."""
    start, end = e.offset, e.end
    while 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    if start == e.offset and end == e.end:
        return e
    rep = text[start : e.offset] + e.replacement + text[e.end : end]
    return Fix(start, end - start, rep, e.code)


def dump_docx(doc: Document, edits: Sequence[Fix], opts: WriteOptions) -> bytes:
    """Write a new .docx with the edits applied (as revisions with track_changes)."""
    payload: DocxPayload = doc.payload
    narrowed = [f for f in (narrow_edit(doc.text, e) for e in edits) if f is not None]
    if opts.track_changes:
        # A revision reads best as whole words ("three months" -> "twelve weeks", not
        # "t[hree month→welve week]s").
        narrowed = [_whole_words(doc.text, f) for f in narrowed]
    if not narrowed:
        return payload.data  # nothing changes: the very same file
    document = _open(payload.data, doc.path)
    text, units = _layout(document)
    if text != doc.text:
        raise InputError(f"{doc.path}: the Word document changed since it was read")
    starts = [u.start for u in units]
    revisions = _Revisions(document.element, opts.author) if opts.track_changes else None
    # Right to left: an edit never moves the text, or the elements, of the edits before it.
    for e in sorted(narrowed, key=lambda f: (f.offset, f.length), reverse=True):
        unit = _unit_for(units, starts, e)
        pieces = _touched(unit, e) if unit is not None else None
        if pieces is None:
            continue  # crosses a paragraph, a tab or a line break: left for the editor
        if revisions is not None:
            revisions.apply(pieces, e)
        else:
            _apply_plain(pieces, e)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


register(Format("docx", (".docx",), load_docx, dump_docx))
