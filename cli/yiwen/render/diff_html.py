"""A self-contained HTML page for a DocDiff: inline CSS, no scripts, every article text escaped."""

from __future__ import annotations

from html import escape

from yiwen.render.diff import hunks
from yiwen.review.diff import DiffStats, DocDiff, Op, ParaDiff

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;
margin:2rem;color:#1d1d1f;background:#fff}
h1{font-size:1.3rem}.meta{color:#555}
table{border-collapse:collapse;width:100%;table-layout:fixed}
td,th{border:1px solid #ddd;padding:.5rem;vertical-align:top;line-height:1.5;word-wrap:break-word}
th{background:#f5f5f7;text-align:left}td.n{width:2.5rem;color:#888;text-align:right}
tr.equal td{color:#666}tr.skip td{text-align:center;color:#999}
del{background:#ffd7d5;color:#82071e;text-decoration:line-through}
ins{background:#ccffd8;color:#055d20;text-decoration:none}
.moved{font-size:.8em;color:#666;font-style:italic}
dl.stats{display:grid;grid-template-columns:max-content max-content;gap:.2rem 1rem}
dl.stats dt{color:#555}dl.stats dd{margin:0;font-variant-numeric:tabular-nums}
"""


def _ops(ops: tuple[Op, ...], side: str) -> str:
    out = []
    for op in ops:
        if op.tag == "equal":
            out.append(escape(op.old if side == "old" else op.new))
        elif side == "old" and op.old:
            out.append(f"<del>{escape(op.old)}</del>")
        elif side == "new" and op.new:
            out.append(f"<ins>{escape(op.new)}</ins>")
    return "".join(out)


def _cell(p: ParaDiff, side: str) -> str:
    text = p.old if side == "old" else p.new
    if p.tag == "equal":
        return escape(text)
    if p.tag == "replace":
        return _ops(p.ops, side)
    if not text:
        return ""
    tag = "del" if side == "old" else "ins"
    moved = '<span class="moved">moved</span> ' if p.moved else ""
    return f"{moved}<{tag}>{escape(text)}</{tag}>"


def _row(p: ParaDiff) -> str:
    o = "" if p.old_index is None else str(p.old_index + 1)
    n = "" if p.new_index is None else str(p.new_index + 1)
    return (
        f'<tr class="{p.tag}"><td class="n">{o}</td><td>{_cell(p, "old")}</td>'
        f'<td class="n">{n}</td><td>{_cell(p, "new")}</td></tr>'
    )


def _stats(s: DiffStats) -> str:
    rows = [
        (f"{s.unit} before", s.old_tokens),
        (f"{s.unit} after", s.new_tokens),
        ("inserted", s.inserted),
        ("deleted", s.deleted),
        ("substituted", s.substituted),
        ("moved", s.moved),
        ("changed", f"{s.percent_changed:.2f}%"),
    ]
    if s.ter is not None:
        rows.append(("TER", f"{s.ter:.2f}"))
    items = "".join(f"<dt>{escape(k)}</dt><dd>{escape(str(v))}</dd>" for k, v in rows)
    return f'<dl class="stats">{items}</dl>'


def diff_html(
    d: DocDiff, old_name: str, new_name: str, stats: DiffStats | None = None, context: int = 1
) -> str:
    """Return a whole HTML page showing the diff side by side (changes with `context`)."""
    title = f"{old_name} → {new_name}"
    body: list[str] = []
    if d.identical:
        body.append("<p>The texts are identical.</p>")
    else:
        rows = []
        for k, hunk in enumerate(hunks(d, context)):
            if k:
                rows.append('<tr class="skip"><td colspan="4">…</td></tr>')
            rows.extend(_row(p) for p in hunk)
        body.append(
            "<table><thead><tr>"
            f'<th class="n">¶</th><th>{escape(old_name)}</th>'
            f'<th class="n">¶</th><th>{escape(new_name)}</th>'
            f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
    if stats is not None:
        body.insert(0, _stats(stats))
    return (
        '<!DOCTYPE html>\n<html lang="mul"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>"
        f"<h1>{escape(title)}</h1>"
        f'<p class="meta">{len(d.paragraphs)} aligned paragraphs; {escape(d.unit)}-level diff</p>'
        f"{''.join(body)}</body></html>\n"
    )
