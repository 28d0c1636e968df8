"""The end-of-batch summary on the terminal: totals, findings by severity and rule, slowest files,
failures."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

_NAMES = {
    "ok": "done",
    "input": "unreadable input",
    "engine": "engine failed",
    "internal": "internal error",
    "pending": "not reached",
}


def render_summary(console: Console, s: Any, top: int = 10, max_failures: int = 20) -> None:
    """Print the batch summary tables for a yiwen.batch.Summary."""
    totals = Table(title=f"yiwen batch {s.operation}", title_justify="left", show_header=False)
    totals.add_column("what")
    totals.add_column("count", justify="right")
    totals.add_row("files", f"{s.files:,}")
    for outcome in ("ok", "input", "engine", "internal", "pending"):
        if s.outcomes.get(outcome):
            style = "" if outcome == "ok" else "error"
            totals.add_row(Text(f"  {_NAMES[outcome]}", style=style), f"{s.outcomes[outcome]:,}")
    if s.operation == "fix":
        totals.add_row("fixes applied", f"{s.fixes:,}")
    totals.add_row("findings" + (" left" if s.operation == "fix" else ""), f"{s.findings:,}")
    for sev in ("error", "warning", "info"):
        totals.add_row(Text(f"  {sev}", style=sev), f"{s.severities.get(sev, 0):,}")
    if s.wall:
        totals.add_row("wall time", f"{s.wall:.1f} s")
    console.print(totals)

    if s.rules:
        rules = Table(title="Findings by rule", title_justify="left")
        rules.add_column("code", style="code")
        rules.add_column("rule")
        rules.add_column("findings", justify="right")
        for code, n in s.rules.most_common(top):
            rules.add_row(Text(code), Text(s.rule_names.get(code, "")), f"{n:,}")
        if len(s.rules) > top:
            rules.add_row("…", f"{len(s.rules) - top} more rules", "")
        console.print(rules)

    if s.slowest and any(d for d, _ in s.slowest):
        slow = Table(title="Slowest files", title_justify="left")
        slow.add_column("file", style="path", overflow="fold")
        slow.add_column("time", justify="right")
        for d, rel in s.slowest[:5]:
            slow.add_row(Text(rel), f"{d * 1000:,.0f} ms")
        console.print(slow)

    if s.failures:
        fails = Table(title="Failures", title_justify="left")
        fails.add_column("file", style="path", overflow="fold")
        fails.add_column("why", style="error")
        fails.add_column("reason", overflow="fold")
        for rel, outcome, reason in s.failures[:max_failures]:
            # Text(): a reason or a path may hold [brackets] that are not rich markup.
            fails.add_row(Text(rel), _NAMES.get(outcome, outcome), Text(reason))
        if len(s.failures) > max_failures:
            fails.add_row("…", "", f"{len(s.failures) - max_failures} more")
        console.print(fails)
