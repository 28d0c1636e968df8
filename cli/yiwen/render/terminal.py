"""Text output of `yiwen check`: `path:line:col CODE message`, the excerpt, the fix, a summary."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from yiwen.models import Applicability, FileReport, Finding
from yiwen.render.json import summary

_EXCERPT = 90  # characters of context shown around a finding


def excerpt(report: FileReport, f: Finding) -> Text:
    """Return the finding's line, trimmed around the span, with the span highlighted."""
    doc = report.document
    assert doc is not None
    line_no, col = doc.position(f.offset)
    line = doc.line_text(line_no)
    start = col - 1
    end = min(len(line), start + max(f.length, 1))
    lo = max(0, start - _EXCERPT // 2)
    hi = min(len(line), max(end, lo + _EXCERPT))
    text = Text("    ")
    text.append("…" if lo > 0 else "", style="dim")
    text.append(line[lo:start].replace("\t", " "))
    text.append(line[start:end].replace("\t", " ") or " ", style="span")
    text.append(line[end:hi].replace("\t", " "))
    text.append("…" if hi < len(line) else "", style="dim")
    return text


def location(report: FileReport, f: Finding) -> str:
    """Return `path:line:col` (or the format's own locator, e.g. a .docx paragraph)."""
    doc = report.document
    assert doc is not None
    if doc.locations is not None:
        return f"{report.path}:{doc.locations.label(f.offset)}"
    line, col = doc.position(f.offset)
    return f"{report.path}:{line}:{col}"


def render_finding(
    console: Console, report: FileReport, f: Finding, show_diff: bool = False
) -> None:
    """Print one finding: header line, excerpt, fix (or the before/after with --diff)."""
    head = Text()
    head.append(location(report, f), style="path")
    head.append(" ")
    head.append(f.code, style="code")
    head.append(" ")
    head.append(f.message, style=f.severity.value)
    console.print(head)
    console.print(excerpt(report, f))
    if f.replacements:
        fix = Text("    fix: ", style="dim")
        if show_diff:
            fix.append(f.text, style="del")
            fix.append(" → ")
            fix.append(f.replacements[0], style="ins")
        else:
            shown = [repr(r) if r else "(delete)" for r in f.replacements[:3]]
            fix.append(" | ".join(shown), style="fix")
        if f.applicability is not Applicability.SAFE:
            fix.append(f" ({f.applicability.value})", style="dim")
        console.print(fix)
    if f.source is not None:
        src = Text("    source: ", style="dim")
        src.append(f"{f.source.path}:{f.source.line}:{f.source.column} ", style="dim")
        src.append(f.source.text)
        console.print(src)


def render_reports(console: Console, reports: list[FileReport], show_diff: bool = False) -> None:
    """Print every file's findings and one summary line."""
    for report in reports:
        if report.error:
            continue  # errors go to standard error via the command
        for f in report.findings:
            render_finding(console, report, f, show_diff)
    console.print(summary_line(reports))


def summary_line(reports: list[FileReport]) -> Text:
    """Return e.g. `2 files: 7 findings (3 errors, 4 warnings, 0 info)`."""
    s = summary(reports)
    files = f"{s['files']} file" + ("" if s["files"] == 1 else "s")
    if not s["findings"]:
        return Text(f"{files}: no problems found.", style="fix")
    out = Text(f"{files}: {s['findings']} finding" + ("" if s["findings"] == 1 else "s") + " (")
    out.append(f"{s['error']} error" + ("" if s["error"] == 1 else "s"), style="error")
    out.append(", ")
    out.append(f"{s['warning']} warning" + ("" if s["warning"] == 1 else "s"), style="warning")
    out.append(", ")
    out.append(f"{s['info']} info", style="info")
    out.append(")")
    return out
