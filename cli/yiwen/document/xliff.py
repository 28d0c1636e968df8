"""XLIFF 1.2 and 2.0: check the <target> texts, pair them with their sources, write files.

`Document.text` is the XLIFF file as decoded; `prose` masks everything except the text of the
`<target>` elements (inline codes such as `<g>`, `<x/>`, `<ph>`, `<pc>`, entities and comments
stay masked), so positions are in the file and `fix` writes back into the targets only. The
payload keeps each unit's id and source text: `xliff_pairs(doc)` gives a bilingual check its
(unit id, source, target span) pairs. `write_xliff` builds a new file for `translate`.

XML is parsed with lxml without DTD loading, entity resolution or network access, and a file
that declares entities at all is refused: no billion laughs, no external entities.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape as xml_escape

from yiwen.document.encoding import decode, encode
from yiwen.document.formats import (
    EditableSpans,
    Format,
    LoadOptions,
    WriteOptions,
    apply_edits,
    build_document,
    register,
)
from yiwen.document.language import detect_language
from yiwen.errors import InputError
from yiwen.models import MASK, Document, Fix, Language, Segment

NS = {
    "1.2": "urn:oasis:names:tc:xliff:document:1.2",
    "2.0": "urn:oasis:names:tc:xliff:document:2.0",
}
# Where the text of a target starts and ends in the raw file (comments and CDATA are blanked
# in the copy that is scanned, so a "<target>" inside them is not seen).
_TARGET = re.compile(r"<target(?:\s[^>]*)?(?<!/)>(.*?)</target\s*>", re.S)
_EMPTY_TARGET = re.compile(r"<target(?:\s[^>]*)?/>")
_HIDDEN = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>", re.S)
_MARKUP = re.compile(r"<[^>]*>|&[^;\s<>]*;")
_ENTITY_DECL = re.compile(r"<!ENTITY|<!DOCTYPE[^>]*\[", re.I)


@dataclass(frozen=True)
class XliffUnit:
    """One translatable segment: its id, source text and the span of its target text."""

    id: str
    source: str
    target_start: int
    target_end: int


@dataclass
class XliffPayload:
    """The file's version, languages and units, and the spans `fix` may change."""

    version: str
    src_lang: str
    tgt_lang: str
    units: list[XliffUnit]
    editable: EditableSpans


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _parse(text: str, path: str):
    """Parse with a parser that never loads a DTD, resolves an entity or opens the network."""
    from lxml import etree

    if _ENTITY_DECL.search(text[:65536]):
        raise InputError(f"{path}: XLIFF declares XML entities or a DTD subset; refused as unsafe")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        # Parse the decoded text (an encoding declaration would be refused on a str).
        body = re.sub(r"\A\s*<\?xml[^>]*\?>", "", text)
        return etree.fromstring(body.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{path}: XLIFF is not well-formed XML ({exc})") from None


def _text(el) -> str:
    """Return an element's text content without inline codes' own attributes."""
    return "".join(el.itertext())


def _units(root, path: str) -> tuple[str, str, str, list[tuple[str, str, object]]]:
    """Return (version, src_lang, tgt_lang, [(id, source text, target element or None)])."""
    if _local(root.tag) != "xliff":
        raise InputError(f"{path}: not an XLIFF file (root element <{_local(root.tag)}>)")
    version = root.get("version", "")
    out: list[tuple[str, str, object]] = []
    seen: set[str] = set()
    if version.startswith("1"):
        src = tgt = ""
        for f in root:
            if _local(f.tag) != "file":
                continue
            src = src or f.get("source-language", "")
            tgt = tgt or f.get("target-language", "")
            fid = f.get("original", "")
            for tu in f.iter():
                if _local(tu.tag) != "trans-unit":
                    continue
                uid = tu.get("id")
                if not uid:
                    raise InputError(f"{path}: a <trans-unit> has no id (line {tu.sourceline})")
                key = f"{fid}\0{uid}"
                if key in seen:
                    raise InputError(
                        f"{path}: duplicate trans-unit id {uid!r} (line {tu.sourceline})"
                    )
                seen.add(key)
                source = next((c for c in tu if _local(c.tag) == "source"), None)
                target = next((c for c in tu if _local(c.tag) == "target"), None)
                seg = next((c for c in tu if _local(c.tag) == "seg-source"), None)
                if seg is not None and target is not None:
                    _check_mids(seg, target, uid, path)
                out.append((uid, _text(source) if source is not None else "", target))
        return "1.2", src, tgt, out
    if version.startswith("2"):
        src, tgt = root.get("srcLang", ""), root.get("trgLang", "")
        for f in root:
            if _local(f.tag) != "file":
                continue
            for unit in f.iter():
                if _local(unit.tag) != "unit":
                    continue
                uid = unit.get("id")
                if not uid:
                    raise InputError(f"{path}: a <unit> has no id (line {unit.sourceline})")
                if f"{f.get('id')}\0{uid}" in seen:
                    raise InputError(f"{path}: duplicate unit id {uid!r} (line {unit.sourceline})")
                seen.add(f"{f.get('id')}\0{uid}")
                segments = [c for c in unit if _local(c.tag) in ("segment", "ignorable")]
                seg_ids: set[str] = set()
                for seg in segments:
                    sid = seg.get("id")
                    if sid is not None and sid in seg_ids:
                        raise InputError(
                            f"{path}: duplicate segment id {sid!r} in unit {uid!r} "
                            f"(line {seg.sourceline})"
                        )
                    seg_ids.add(sid or "")
                for n, seg in enumerate(segments, start=1):
                    sid = seg.get("id")
                    if _local(seg.tag) != "segment":
                        continue
                    source = next((c for c in seg if _local(c.tag) == "source"), None)
                    target = next((c for c in seg if _local(c.tag) == "target"), None)
                    if source is None:
                        raise InputError(
                            f"{path}: segment without <source> (line {seg.sourceline})"
                        )
                    name = uid if len(segments) == 1 else f"{uid}/{sid or n}"
                    out.append((name, _text(source), target))
        return "2.0", src, tgt, out
    raise InputError(f"{path}: unsupported XLIFF version {version!r} (1.2 and 2.0 are read)")


def _check_mids(seg, target, uid: str, path: str) -> None:
    """XLIFF 1.2 segmentation: the target's <mrk mid> must match the seg-source's."""

    def mids(el) -> list[str]:
        return [m.get("mid", "") for m in el.iter() if _local(m.tag) == "mrk"]

    a, b = mids(seg), mids(target)
    if b and sorted(a) != sorted(b):
        raise InputError(
            f"{path}: trans-unit {uid!r}: target segment ids {b} do not match seg-source {a}"
        )


def _target_spans(text: str) -> list[tuple[int, int]]:
    """Return the raw (start, end) of every <target>'s content, in document order."""
    scan = _HIDDEN.sub(lambda m: " " * len(m.group()), text)
    found = [(m.start(1), m.end(1)) for m in _TARGET.finditer(scan)]
    found += [(m.end(), m.end()) for m in _EMPTY_TARGET.finditer(scan)]
    return sorted(found)


def load_xliff(data: bytes, path: str, opts: LoadOptions) -> Document:
    """Load XLIFF 1.2/2.0: targets are the prose; units and sources go in the payload."""
    text, encoding, bom = decode(data, path, opts.encoding)
    root = _parse(text, path)
    version, src_lang, tgt_lang, raw_units = _units(root, path)
    all_targets = [el for el in root.iter() if _local(el.tag) == "target"]
    spans = _target_spans(text)
    if len(spans) != len(all_targets):
        raise InputError(f"{path}: cannot locate every <target> in the file (CDATA or comments?)")
    where = dict(zip(all_targets, spans, strict=True))
    chars = [c if c in "\r\n" else MASK for c in text]
    editable: list[tuple[int, int]] = []
    units: list[XliffUnit] = []
    paras: list[Segment] = []
    forced = opts.lang
    for uid, source, target in raw_units:
        if target is None:
            units.append(XliffUnit(uid, source, -1, -1))
            continue
        start, end = where[target]
        units.append(XliffUnit(uid, source, start, end))
        pos = start
        for m in [*_MARKUP.finditer(text, start, end), None]:
            stop = m.start() if m is not None else end
            if stop > pos:
                chars[pos:stop] = text[pos:stop]
                editable.append((pos, stop))
            if m is not None:
                pos = m.end()
        chunk = "".join(chars[start:end])
        body = chunk.strip(" \t\r\n" + MASK)
        if body:
            s = start + len(chunk) - len(chunk.lstrip(" \t\r\n" + MASK))
            paras.append(Segment(s, s + len(body), forced or detect_language(body)))
    prose = "".join(chars)
    payload = XliffPayload(version, src_lang, tgt_lang, units, EditableSpans(editable))
    if forced is None and tgt_lang[:2].lower() in ("zh", "en"):
        forced_doc = Language(tgt_lang[:2].lower())
        opts = LoadOptions(opts.encoding, forced_doc, opts.whole_page)
    return build_document(
        path, text, prose, encoding, bom, "xliff", opts, payload=payload, paras=tuple(paras)
    )


def xliff_pairs(doc: Document) -> list[tuple[str, str, tuple[int, int] | None]]:
    """Return (unit id, source text, (start, end) of the target text or None) for each unit."""
    payload: XliffPayload = doc.payload
    return [
        (u.id, u.source, (u.target_start, u.target_end) if u.target_start >= 0 else None)
        for u in payload.units
    ]


def dump_xliff(doc: Document, edits: Sequence[Fix], opts: WriteOptions) -> bytes:
    """Write the file back with edits applied inside <target> text only."""
    payload: XliffPayload = doc.payload
    text = apply_edits(doc.text, payload.editable.edits(doc.text, edits, xml_escape))
    return encode(text, opts.output_encoding or doc.encoding, doc.bom, doc.path)


def write_xliff(
    units: Sequence[tuple[str, str, str]],
    src_lang: str,
    tgt_lang: str,
    version: str = "2.0",
    original: str = "yiwen",
) -> bytes:
    """Return a new XLIFF file (UTF-8) with one unit per (id, source, target).

    A unit with an empty target gets no <target> and the state "initial"; one with a target is
    "translated", so a CAT tool shows the reviewer what is left to confirm. `original` names
    the article the units came from.
    """
    from lxml import etree

    if version not in NS:
        raise InputError(f"XLIFF version must be 1.2 or 2.0, not {version!r}")
    ns = NS[version]
    q = functools.partial("{{{}}}{}".format, ns)
    ids = [u[0] for u in units]
    if len(set(ids)) != len(ids):
        raise InputError("XLIFF units need distinct ids")
    if version == "2.0":
        root = etree.Element(q("xliff"), nsmap={None: ns})
        root.set("version", "2.0")
        root.set("srcLang", src_lang)
        root.set("trgLang", tgt_lang)
        parent = etree.SubElement(root, q("file"), id="f1", original=original)
        for uid, source, target in units:
            seg = etree.SubElement(etree.SubElement(parent, q("unit"), id=uid), q("segment"))
            seg.set("state", "translated" if target else "initial")
            etree.SubElement(seg, q("source")).text = source
            if target:
                etree.SubElement(seg, q("target")).text = target
    else:
        root = etree.Element(q("xliff"), nsmap={None: ns})
        root.set("version", "1.2")
        f = etree.SubElement(root, q("file"), original=original, datatype="plaintext")
        f.set("source-language", src_lang)
        f.set("target-language", tgt_lang)
        body = etree.SubElement(f, q("body"))
        for uid, source, target in units:
            tu = etree.SubElement(body, q("trans-unit"), id=uid)
            etree.SubElement(tu, q("source")).text = source
            if target:
                etree.SubElement(tu, q("target"), state="translated").text = target
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


register(Format("xliff", (".xlf", ".xliff", ".xlf2"), load_xliff, dump_xliff))
