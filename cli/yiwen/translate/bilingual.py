"""Bilingual output: source and translation side by side (alternating paragraphs or a table)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from yiwen.errors import InputError
from yiwen.models import MASK, Document, Fix

STYLES = ("paragraphs", "table")


def bilingual_document(
    doc: Document, pairs: Sequence[tuple[Any, str]], style: str, target: str
) -> bytes:
    """Return the document with each translated paragraph after its source, or as a table.

    `pairs` holds (yiwen.translate.protect.Prepared, translated paragraph) in document order.
    """
    from yiwen.document import render_document

    if style not in STYLES:
        raise InputError(f"--bilingual must be paragraphs or table, not {style!r}")
    if style == "table":
        if doc.format not in ("md", "txt"):
            raise InputError(f"{doc.path}: a bilingual table is written for Markdown and text only")
        source = "zh" if target == "en" else "en"
        rows = [f"| {source} | {target} |", "| --- | --- |"]
        for prep, out in pairs:
            rows.append(f"| {_cell(prep.original)} | {_cell(out)} |")
        return ("\n".join(rows) + "\n").encode("utf-8")
    edits = []
    for prep, out in pairs:
        prefix = _line_prefix(doc, prep.start)
        after = doc.text[prep.end : prep.end + 3].replace("\r", "")
        blank = after.startswith("\n\n") or prefix.lstrip().startswith("#")
        sep = doc.newline * (2 if blank or (doc.format != "txt" and not prefix) else 1)
        if prefix.lstrip()[:1] in "-*+" or prefix.lstrip()[:1].isdigit():
            sep = doc.newline  # list items stay a tight list
        edits.append(Fix(prep.end, 0, sep + prefix + out, "bilingual"))
    return render_document(doc, edits)


def _line_prefix(doc: Document, start: int) -> str:
    """The markup before a paragraph on its line ("## ", "- ", "> "), if it is only markup."""
    line_start = doc.text.rfind("\n", 0, start) + 1
    before = doc.prose[line_start:start]
    if all(c == MASK or c in " \t" for c in before):
        return doc.text[line_start:start]
    return ""


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
