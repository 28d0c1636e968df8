"""Glossary exchange: CSV/TSV and TBX (ISO 30042 TBX-Basic) import and export, and TOML writing.

CSV/TSV columns (a header row is required; any order; missing columns are empty):
`kind` ("person" or a term kind), `zh`, `en`, `family`, `given` (people), `avoid` and `also`
(several forms separated by `|` or `;`), `scope` (same), `note`.

TBX: one `conceptEntry` (TBX v3; v2's `termEntry`/`langSet`/`tig` is read too) per entry. The
kind is the entry's `<descrip type="subjectField">`, the note its `<note>`; the Chinese term is
in `langSec xml:lang="zh"`; the English `langSec` holds the canonical term
(`administrativeStatus` preferredTerm-admn-sts), `also` forms (admittedTerm-admn-sts) and `avoid`
forms (deprecatedTerm-admn-sts). A person's family and given names, which TBX-Basic has no data
category for, travel as `<termNote type="x-family">` / `x-given` on the English term, with
`x-own-name` "yes" when `en` is the person's own English name; `scope` is
`<descrip type="x-scope">`. Export then import gives back the same entries.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from yiwen.errors import GlossaryError
from yiwen.glossary.loader import _Raw, merge, parse_glossary
from yiwen.glossary.model import KINDS, Glossary, Person, Term

COLUMNS = ("kind", "zh", "en", "family", "given", "avoid", "also", "scope", "note")
TBX_NS = "urn:iso:std:iso:30042:ed-2"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_STATUS = {
    "preferredTerm-admn-sts": "en",
    "admittedTerm-admn-sts": "also",
    "deprecatedTerm-admn-sts": "avoid",
    "supersededTerm-admn-sts": "avoid",
}


# ---------------------------------------------------------------- reading


def import_file(path: str, fmt: str | None = None) -> Glossary:
    """Read a CSV, TSV or TBX file into a Glossary (format from `fmt` or the file's suffix)."""
    fmt = (fmt or Path(path).suffix.lstrip(".")).lower()
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise GlossaryError(f"{path}: cannot be read ({exc.strerror})") from None
    if fmt in ("csv", "tsv", "txt"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise GlossaryError(f"{path}: not UTF-8") from None
        return read_table(text, path, "\t" if fmt == "tsv" else ",")
    if fmt in ("tbx", "xml"):
        return read_tbx(data, path)
    raise GlossaryError(f"{path}: unknown glossary format {fmt!r} (use .csv, .tsv or .tbx)")


def _split(value: str) -> list[str]:
    sep = "|" if "|" in value else ";"
    return [v.strip() for v in value.split(sep) if v.strip()]


def read_table(text: str, path: str, delimiter: str) -> Glossary:
    """Read CSV/TSV text; each row is validated like a TOML entry (errors name the row's line)."""
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    if not reader.fieldnames:
        raise GlossaryError(f"{path}:1: empty file (expected a header row: {', '.join(COLUMNS)})")
    header = [h.strip().lower() for h in reader.fieldnames]
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        raise GlossaryError(
            f"{path}:1: unknown column {unknown[0]!r} (columns: {', '.join(COLUMNS)})"
        )
    reader.fieldnames = header
    items: list[tuple[str, dict[str, Any], int]] = []
    for row in reader:
        line = reader.line_num
        cells = {k: (v or "").strip() for k, v in row.items() if k is not None}
        if not any(cells.values()):
            continue
        kind = cells.get("kind") or ("person" if cells.get("family") else "other")
        item: dict[str, Any] = {}
        if kind == "person":
            for key in ("zh", "family", "given", "en", "note"):
                if cells.get(key):
                    item[key] = cells[key]
        else:
            item["kind"] = kind
            for key in ("zh", "en", "note"):
                if cells.get(key):
                    item[key] = cells[key]
            for key in ("avoid", "also", "scope"):
                if cells.get(key):
                    item[key] = _split(cells[key])
        items.append(("person" if kind == "person" else "term", item, line))
    return _build(items, path)


def _parse_xml(data: bytes, path: str) -> Any:
    import defusedxml.ElementTree as ET
    from defusedxml import DefusedXmlException

    try:
        return ET.fromstring(data)
    except DefusedXmlException as exc:
        raise GlossaryError(f"{path}: refused unsafe XML ({type(exc).__name__})") from None
    except ET.ParseError as exc:
        line = getattr(exc, "position", (1, 0))[0]
        raise GlossaryError(f"{path}:{line}: invalid XML: {exc}") from None


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(el: Any, *names: str) -> list[Any]:
    return [c for c in el if _local(c.tag) in names]


def read_tbx(data: bytes, path: str) -> Glossary:
    """Read TBX-Basic (v3 conceptEntry/langSec/termSec, or v2 termEntry/langSet/tig)."""
    root = _parse_xml(data, path)
    if _local(root.tag) not in ("tbx", "martif"):
        raise GlossaryError(f"{path}: not a TBX file (root element <{_local(root.tag)}>)")
    items: list[tuple[str, dict[str, Any], int]] = []
    for n, entry in enumerate(
        el for el in root.iter() if _local(el.tag) in ("conceptEntry", "termEntry")
    ):
        fields: dict[str, Any] = {"kind": "other"}
        for d in _children(entry, "descrip", "descripGrp"):
            d = d if _local(d.tag) == "descrip" else next(iter(_children(d, "descrip")), d)
            if d.get("type") == "subjectField":
                fields["kind"] = (d.text or "").strip()
            elif d.get("type") == "x-scope":
                fields["scope"] = _split(d.text or "")
        note = _children(entry, "note")
        if note:
            fields["note"] = (note[0].text or "").strip()
        for lang in _children(entry, "langSec", "langSet"):
            code = (lang.get(_XML_LANG) or lang.get("lang") or "").lower()
            for ts in _children(lang, "termSec", "tig", "ntig"):
                _read_term(ts, code, fields)
        kind = fields.pop("kind")
        if kind == "person":
            item = {k: fields[k] for k in ("zh", "family", "given", "note") if fields.get(k)}
            if fields.get("own"):
                item["en"] = fields.get("en", "")
            items.append(("person", item, n + 1))
        else:
            for key in ("family", "given", "own"):
                fields.pop(key, None)
            items.append(("term", {"kind": kind, **{k: v for k, v in fields.items() if v}}, n + 1))
    header: dict[str, Any] = {}
    for el in root.iter():
        if _local(el.tag) == "title" and (el.text or "").strip() and "name" not in header:
            header["name"] = el.text.strip()
        elif _local(el.tag) == "p":
            m = re.search(r"name order (given-family|family-given)", el.text or "")
            if m:
                header["name_order"] = m.group(1)
    return _build(items, path, "entry", header)


def _read_term(ts: Any, code: str, fields: dict[str, Any]) -> None:
    term_el = next((t for t in ts.iter() if _local(t.tag) == "term"), None)
    if term_el is None or not (term_el.text or "").strip():
        return
    text = term_el.text.strip()
    if code.startswith("zh"):
        fields["zh"] = text
        return
    status = "en"
    for note in (t for t in ts.iter() if _local(t.tag) == "termNote"):
        kind, value = note.get("type"), (note.text or "").strip()
        if kind == "administrativeStatus":
            status = _STATUS.get(value, "also")
        elif kind == "x-family":
            fields["family"] = value
        elif kind == "x-given":
            fields["given"] = value
        elif kind == "x-own-name":
            fields["own"] = value == "yes"
    if status == "en":
        fields["en"] = text
    else:
        fields.setdefault(status, []).append(text)


def _build(
    items: list[tuple[str, dict[str, Any], int]],
    path: str,
    unit: str = "",
    header: dict[str, Any] | None = None,
) -> Glossary:
    """Validate imported entries with the TOML loader's own checks (one message per problem)."""
    toml = to_toml_items(items)
    errors: list[str] = []
    raw = parse_glossary(toml, path, errors)
    if errors:
        # The loader's line numbers are lines of the generated TOML: name the source row instead.
        lines = {i: line for i, (_, _, line) in enumerate(items)}
        first = errors[0]
        msg = first.split(": ", 1)[1] if ": " in first else first
        where = _entry_index(first, toml)
        label = f"{unit} {lines[where]}" if unit and where in lines else None
        loc = f"{path}: {label}" if label else f"{path}:{lines.get(where, 1)}"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise GlossaryError(f"{loc}: {msg}{more}")
    return merge([_Raw(path, header or {}, {}, raw.people, raw.terms)])


def _entry_index(error: str, toml: str) -> int:
    """Return which generated entry (0-based) an error's TOML line belongs to."""
    try:
        line = int(error.split(":")[1])
    except (IndexError, ValueError):
        return 0
    headers = [i for i, ln in enumerate(toml.splitlines(), 1) if ln.startswith("[[")]
    return max(0, sum(1 for h in headers if h <= line) - 1)


# ---------------------------------------------------------------- writing


def _q(value: str) -> str:
    """Quote a TOML basic string (JSON's escapes are a subset of TOML's)."""
    return json.dumps(value, ensure_ascii=False)


def _qlist(values: tuple[str, ...] | list[str]) -> str:
    return "[" + ", ".join(_q(v) for v in values) + "]"


def to_toml_items(items: list[tuple[str, dict[str, Any], int]], header: str = "") -> str:
    """Write (table, values, _) items as glossary TOML text."""
    out = [header] if header else []
    for table, values, _ in items:
        out.append(f"[[{table}]]")
        for key, value in values.items():
            out.append(f"{key} = {_qlist(value) if isinstance(value, list | tuple) else _q(value)}")
        out.append("")
    return "\n".join(out)


def _person_values(p: Person) -> dict[str, Any]:
    v: dict[str, Any] = {}
    if p.zh:
        v["zh"] = p.zh
    v["family"], v["given"] = p.family, p.given
    if p.en:
        v["en"] = p.en
    if p.note:
        v["note"] = p.note
    return v


def _term_values(t: Term) -> dict[str, Any]:
    v: dict[str, Any] = {}
    if t.zh:
        v["zh"] = t.zh
    v["en"], v["kind"] = t.en, t.kind
    for key in ("avoid", "also", "scope"):
        if getattr(t, key):
            v[key] = list(getattr(t, key))
    if t.note:
        v["note"] = t.note
    return v


def to_toml(g: Glossary) -> str:
    """Write a Glossary as glossary TOML (the format `load_glossaries` reads)."""
    head = ["[glossary]"]
    if g.name:
        head.append(f"name = {_q(g.name)}")
    head.append(f"name_order = {_q(g.name_order)}")
    head.append(f"honorifics = {_qlist(g.honorifics)}")
    if g.surname_caps:
        head.append("surname_caps = true")
    items = [("person", _person_values(p), 0) for p in g.people]
    items += [("term", _term_values(t), 0) for t in g.terms]
    return to_toml_items(items, "\n".join(head) + "\n")


def to_table(g: Glossary, delimiter: str = ",") -> str:
    """Write a Glossary as CSV (or TSV with delimiter "\\t") with the COLUMNS header."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    w.writerow(COLUMNS)
    for p in g.people:
        w.writerow(["person", p.zh or "", p.en or "", p.family, p.given, "", "", "", p.note])
    for t in g.terms:
        w.writerow(
            [t.kind, t.zh or "", t.en, "", "", " | ".join(t.avoid), " | ".join(t.also),
             " | ".join(t.scope), t.note]
        )  # fmt: skip
    return buf.getvalue()


def to_tbx(g: Glossary) -> str:
    """Write a Glossary as TBX-Basic (TBX v3, ISO 30042:2019)."""
    from xml.sax.saxutils import escape, quoteattr

    def term_sec(text: str, status: str, notes: str = "") -> str:
        return (
            f"        <termSec><term>{escape(text)}</term>{notes}"
            f'<termNote type="administrativeStatus">{status}</termNote></termSec>'
        )

    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBXcoreStructV03_TBX-Basic_integrated.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>',
        f'<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="{TBX_NS}">',
        "  <tbxHeader><fileDesc><titleStmt><title>"
        + escape(g.name or "yiwen glossary")
        + "</title></titleStmt><sourceDesc><p>Exported by yiwen; name order "
        + escape(g.name_order)
        + "</p></sourceDesc></fileDesc></tbxHeader>",
        "  <text><body>",
    ]
    for i, e in enumerate(g.entries(), 1):
        kind = "person" if isinstance(e, Person) else e.kind
        out.append(f"    <conceptEntry id={quoteattr(f'c{i}')}>")
        out.append(f'      <descrip type="subjectField">{escape(kind)}</descrip>')
        if isinstance(e, Term) and e.scope:
            out.append(f'      <descrip type="x-scope">{escape(" | ".join(e.scope))}</descrip>')
        if e.note:
            out.append(f"      <note>{escape(e.note)}</note>")
        if e.zh:
            out.append('      <langSec xml:lang="zh">')
            out.append(term_sec(e.zh, "preferredTerm-admn-sts"))
            out.append("      </langSec>")
        out.append('      <langSec xml:lang="en">')
        if isinstance(e, Person):
            notes = (
                f'<termNote type="x-family">{escape(e.family)}</termNote>'
                f'<termNote type="x-given">{escape(e.given)}</termNote>'
                f'<termNote type="x-own-name">{"yes" if e.en else "no"}</termNote>'
            )
            out.append(term_sec(g.canonical(e), "preferredTerm-admn-sts", notes))
        else:
            out.append(term_sec(e.en, "preferredTerm-admn-sts"))
            out += [term_sec(a, "admittedTerm-admn-sts") for a in e.also]
            out += [term_sec(a, "deprecatedTerm-admn-sts") for a in e.avoid]
        out.append("      </langSec>")
        out.append("    </conceptEntry>")
    out += ["  </body></text>", "</tbx>", ""]
    return "\n".join(out)


def export(g: Glossary, fmt: str) -> str:
    """Write a Glossary as csv, tsv, tbx or toml text."""
    fmt = fmt.lower()
    if fmt == "csv":
        return to_table(g, ",")
    if fmt == "tsv":
        return to_table(g, "\t")
    if fmt == "tbx":
        return to_tbx(g)
    if fmt == "toml":
        return to_toml(g)
    raise GlossaryError(f"unknown export format {fmt!r} (use csv, tsv, tbx or toml)")


__all__ = ["COLUMNS", "KINDS", "export", "import_file", "read_table", "read_tbx", "to_toml"]
