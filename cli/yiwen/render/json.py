"""The versioned Finding JSON contract of DESIGN.md (`yiwen check --format json`)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from yiwen.models import FileReport, Finding

VERSION = 1


def finding_dict(f: Finding, report: FileReport) -> dict[str, Any]:
    """Return one finding as the contract's dict (1-based lines/columns in code points)."""
    doc = report.document
    line, col = doc.position(f.offset) if doc else (0, 0)
    end_line, end_col = doc.position(f.end) if doc else (0, 0)
    if doc is not None and doc.locations is not None:
        line, col, end_line, end_col = doc.locations.span(f.offset, f.end)
    out: dict[str, Any] = {
        "code": f.code,
        "rule": f.rule,
        "severity": f.severity.value,
        "message": f.message,
        "line": line,
        "column": col,
        "end_line": end_line,
        "end_column": end_col,
        "offset": f.offset,
        "length": f.length,
        "text": f.text,
        "replacements": list(f.replacements),
        "applicability": f.applicability.value,
    }
    if f.source is not None:
        out["source"] = {
            "path": f.source.path,
            "line": f.source.line,
            "column": f.source.column,
            "text": f.source.text,
        }
    return out


def summary(reports: Iterable[FileReport]) -> dict[str, int]:
    """Count files, findings and findings per severity."""
    counts = {"files": 0, "findings": 0, "error": 0, "warning": 0, "info": 0}
    for r in reports:
        counts["files"] += 1
        for f in r.findings:
            counts["findings"] += 1
            counts[f.severity.value] += 1
    return counts


def report_dict(reports: list[FileReport]) -> dict[str, Any]:
    """Return the whole `check --format json` document."""
    files = []
    for r in reports:
        entry: dict[str, Any] = {
            "path": r.path,
            "language": r.document.language.value if r.document else None,
            "findings": [finding_dict(f, r) for f in r.findings],
        }
        if r.error:
            entry["error"] = r.error
        files.append(entry)
    return {"version": VERSION, "files": files, "summary": summary(reports)}


def dumps(reports: list[FileReport]) -> str:
    """Serialise reports as the JSON contract (UTF-8, non-ASCII kept readable)."""
    return json.dumps(report_dict(reports), ensure_ascii=False, indent=2)
