"""Terminal views of a DocDiff (unified and side by side) and the interactive review card."""

from __future__ import annotations

import re
from collections.abc import Iterator

from rich.console import Console
from rich.table import Table
from rich.text import Text

from yiwen.review.diff import DiffStats, DocDiff, Op, ParaDiff, spacing_only

_WS = re.compile(r"\s+")
CONTEXT = 1  # unchanged paragraphs shown around a change
TRIM = 80  # characters of an unchanged run kept on each side of a change inside a paragraph
_CONTEXT_CHARS = 160  # a context paragraph longer than this is cut with "…"


def plain(console: Console) -> bool:
    """True when colour is off, so insertions and deletions need visible markers."""
    return console.no_color or console.color_system is None


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _flat(text: str) -> str:
    """Collapse every run of whitespace (line breaks too) to one space, keeping the ends."""
    return _WS.sub(" ", text)


def _shorten(text: str, limit: int = _CONTEXT_CHARS) -> str:
    text = _one_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _head(text: str, n: int) -> str:
    """The first n characters of text, cut back to a word boundary."""
    cut = text[:n]
    space = cut.rfind(" ")
    return cut[:space] if space > n // 2 else cut


def _tail(text: str, n: int) -> str:
    """The last n characters of text, cut forward to a word boundary."""
    cut = text[-n:]
    space = cut.find(" ")
    return cut[space + 1 :] if 0 <= space < n // 2 else cut


def _trim_equal(text: str, first: bool, last: bool) -> str:
    """Shorten an unchanged run inside an edited paragraph, keeping TRIM around changes."""
    text = _flat(text)
    if first and last:
        return text
    if first and len(text) > TRIM:
        return "…" + _tail(text, TRIM)
    if last and len(text) > TRIM:
        return _head(text, TRIM) + " …"
    if len(text) > 2 * TRIM + 3:
        return _head(text, TRIM) + " … " + _tail(text, TRIM)
    return text


def _dots(text: str) -> str:
    """Show the spaces of a spacing-only change as middle dots."""
    return text.replace(" ", "·")


def _marked(text: str, style: str, markers: bool) -> Text:
    """Return `text` in `style`, wrapped in [-…-] or {+…+} when colour is off."""
    left, right = ("[-", "-]") if style == "del" else ("{+", "+}")
    return Text(f"{left}{text}{right}" if markers else text, style=style)


def _deleted(out: Text, text: str, markers: bool) -> None:
    out.append("[-" if markers else "", style="del")
    out.append(_one_line(text), style="del")
    out.append("-]" if markers else "", style="del")
    if text[-1:].isspace():
        out.append(" ")


def _inserted(out: Text, text: str, markers: bool) -> None:
    out.append("{+" if markers else "", style="ins")
    out.append(_one_line(text), style="ins")
    out.append("+}" if markers else "", style="ins")
    if text[-1:].isspace():
        out.append(" ")


def inline(ops: tuple[Op, ...], markers: bool, side: str = "both") -> Text:
    """Render a paragraph's ops as one line: `both`, or only the `old` or `new` side."""
    out = Text()
    for k, op in enumerate(ops):
        if op.tag == "equal":
            out.append(_trim_equal(op.old if side == "old" else op.new, k == 0, k == len(ops) - 1))
            continue
        old, new = op.old, op.new
        if spacing_only(op):  # make the spaces visible
            old, new = _dots(old), _dots(new)
        show_old = bool(old) and side in ("both", "old")
        show_new = bool(new) and side in ("both", "new")
        if show_old:
            # Between a deletion and the insertion replacing it, no space: "[-a-]{+an+} ".
            _deleted(out, old.rstrip() if show_new else old, markers)
        if show_new:
            _inserted(out, new, markers)
    return out


def hunks(d: DocDiff, context: int = CONTEXT) -> Iterator[list[ParaDiff]]:
    """Group paragraphs into hunks: the changes and up to `context` equal ones around them."""
    paras = d.paragraphs
    changed = [k for k, p in enumerate(paras) if p.tag != "equal"]
    if not changed:
        return
    groups: list[list[int]] = [[changed[0]]]
    for k in changed[1:]:
        if k - groups[-1][-1] <= 2 * context + 1:
            groups[-1].append(k)
        else:
            groups.append([k])
    for g in groups:
        lo, hi = max(0, g[0] - context), min(len(paras), g[-1] + context + 1)
        yield paras[lo:hi]


def _number(p: ParaDiff, side: str) -> str:
    k = p.old_index if side == "old" else p.new_index
    return "" if k is None else str(k + 1)


def _hunk_header(hunk: list[ParaDiff]) -> Text:
    olds = [p.old_index for p in hunk if p.old_index is not None]
    news = [p.new_index for p in hunk if p.new_index is not None]

    def rng(ks: list[int]) -> str:
        if not ks:
            return "-"
        lo, hi = min(ks) + 1, max(ks) + 1
        return str(lo) if lo == hi else f"{lo}-{hi}"

    return Text(f"@@ ¶ {rng(olds)} → {rng(news)} @@", style="info")


def render_unified(console: Console, d: DocDiff, old_name: str, new_name: str) -> None:
    """Print the unified view: hunks of changed paragraphs with a little context."""
    if d.identical:
        console.print(Text("The texts are identical.", style="fix"))
        return
    markers = plain(console)
    console.print(Text(f"--- {old_name}", style="del"))
    console.print(Text(f"+++ {new_name}", style="ins"))
    shown = False
    for hunk in hunks(d):
        shown = True
        console.print(_hunk_header(hunk))
        for p in hunk:
            console.print(_unified_line(p, markers))
    if not shown:
        console.print(Text("The texts differ only in whitespace.", style="dim"))


def _unified_line(p: ParaDiff, markers: bool) -> Text:
    if p.tag == "equal":
        return Text("  " + _shorten(p.new), style="dim")
    if p.tag == "replace":
        return Text("~ ").append_text(inline(p.ops, markers))
    if p.tag == "delete":
        line = Text("- ", style="del")
        if p.moved:
            line.append("(moved) ", style="dim")
        _deleted(line, p.old, markers)
        return line
    line = Text("+ ", style="ins")
    if p.moved:
        line.append("(moved) ", style="dim")
    _inserted(line, p.new, markers)
    return line


def render_side_by_side(console: Console, d: DocDiff, old_name: str, new_name: str) -> None:
    """Print a table of aligned paragraphs, deletions marked on the left, insertions right."""
    if d.identical:
        console.print(Text("The texts are identical.", style="fix"))
        return
    markers = plain(console)
    table = Table(show_lines=True, expand=True)
    for title, ratio in (("¶", None), (old_name, 1), ("¶", None), (new_name, 1)):
        table.add_column(
            title, ratio=ratio, overflow="fold", justify="right" if not ratio else "left"
        )
    first = True
    for hunk in hunks(d):
        if not first:
            table.add_row("", Text("…", style="dim"), "", Text("…", style="dim"))
        first = False
        for p in hunk:
            old, new = _sides(p, markers)
            table.add_row(_number(p, "old"), old, _number(p, "new"), new)
    console.print(table)


def _sides(p: ParaDiff, markers: bool) -> tuple[Text, Text]:
    if p.tag == "equal":
        return Text(_shorten(p.old), style="dim"), Text(_shorten(p.new), style="dim")
    if p.tag == "replace":
        return inline(p.ops, markers, "old"), inline(p.ops, markers, "new")
    old, new = Text(), Text()
    if p.old:
        if p.moved:
            old.append("(moved) ", style="dim")
        _deleted(old, p.old, markers)
    if p.new:
        if p.moved:
            new.append("(moved) ", style="dim")
        _inserted(new, p.new, markers)
    return old, new


def render_stats(console: Console, s: DiffStats) -> None:
    """Print the post-editing figures as a small table."""
    table = Table("measure", "value", show_header=False, box=None)
    table.add_row(f"{s.unit} before", str(s.old_tokens))
    table.add_row(f"{s.unit} after", str(s.new_tokens))
    table.add_row("inserted", str(s.inserted))
    table.add_row("deleted", str(s.deleted))
    table.add_row("substituted", str(s.substituted))
    if s.moved:
        table.add_row("moved", str(s.moved))
    table.add_row("changed", f"{s.percent_changed:.2f}%")
    if s.ter is not None:
        table.add_row("TER", f"{s.ter:.2f}")
    console.print(table)


def render_card(
    console: Console,
    before: str,
    span: tuple[int, int],
    replacement: str,
    heading: str,
    message: str,
    why: str,
    progress: str,
) -> None:
    """Print one proposal: progress, rule, message, why, and the sentence before and after.

    `before` is the sentence, `span` the part the replacement takes the place of.
    """
    markers = plain(console)
    head = Text(progress, style="bold")
    head.append("  ")
    head.append(heading, style="code")
    console.print()
    console.print(head)
    console.print(Text(message))
    if why:
        console.print(Text(why, style="dim"))
    start, end = span
    head_text, tail_text = _flat(before[:start]).lstrip(), _flat(before[end:]).rstrip()
    b = Text("  before: ", style="dim")
    b.append(head_text)
    b.append_text(_marked(_flat(before[start:end]) or "∅", "del", markers))
    b.append(tail_text)
    a = Text("  after:  ", style="dim")
    a.append(head_text)
    a.append_text(_marked(_flat(replacement) or "∅", "ins", markers))
    a.append(tail_text)
    console.print(b)
    console.print(a)


def render_fix_summary(
    console: Console,
    path: str,
    applied: dict[str, int],
    remaining: list[tuple[str, str, str]],
    verb: str = "fixed",
) -> None:
    """Print what fix did: fixes per rule, then each finding left that needs a person.

    `remaining` holds (location, code, message) triples.
    """
    total = sum(applied.values())
    line = Text(f"{path}: ", style="path")
    if total:
        per_rule = ", ".join(f"{code} ×{n}" for code, n in sorted(applied.items()))
        line.append(f"{verb} {total} problem{'' if total == 1 else 's'} ({per_rule})", style="fix")
    else:
        line.append("nothing to fix", style="fix")
    if remaining:
        n = len(remaining)
        line.append(f"; {n} finding{'' if n == 1 else 's'} need{'s' if n == 1 else ''} a person")
    console.print(line)
    for loc, code, message in remaining:
        row = Text("  ")
        row.append(loc, style="path")
        row.append(" ")
        row.append(code, style="code")
        row.append(" ")
        row.append(message)
        console.print(row)
