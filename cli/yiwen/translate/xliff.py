"""A small XLIFF 2.0 writer for `yiwen translate --format xliff` (one unit per paragraph).

The formats module (yiwen.document.xliff) reads XLIFF as an article format; this writer only
produces the bilingual exchange file a CAT tool opens, with every unit marked `translated` so a
reviewer can confirm each one.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

NS = "urn:oasis:names:tc:xliff:document:2.0"


def xliff_document(
    units: Sequence[tuple[str, str]], source: str, target: str, original: str
) -> bytes:
    """Return XLIFF 2.0 bytes for (source paragraph, translated paragraph) pairs."""
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}xliff", {"version": "2.0", "srcLang": source, "trgLang": target})
    file_el = ET.SubElement(root, f"{{{NS}}}file", {"id": "f1", "original": original})
    for n, (src, tgt) in enumerate(units, 1):
        unit = ET.SubElement(file_el, f"{{{NS}}}unit", {"id": f"u{n}"})
        seg = ET.SubElement(unit, f"{{{NS}}}segment", {"state": "translated" if tgt else "initial"})
        ET.SubElement(seg, f"{{{NS}}}source").text = src
        if tgt:
            ET.SubElement(seg, f"{{{NS}}}target").text = tgt
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"
