"""The self-contained HTML report (`check --format html`, `batch … --report`): one page, no network.

Totals, inline-SVG charts of findings by rule and by file, every file's findings with the
highlighted excerpt and the fix, a diff per file for fix/translate, and filters by rule and
severity in a few lines of inline JavaScript. Every piece of article text goes through
`escape` (and the page's Content-Security-Policy forbids any request), so an article that
contains `<script>` shows as text.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from html import escape as _escape
from typing import Any

from yiwen.models import FileReport, Finding
from yiwen.render.json import finding_dict

_CONTEXT = 80  # characters of the finding's line shown on each side of it
_SEV = ("error", "warning", "info")
_COLOUR = {"error": "#c9303e", "warning": "#d08700", "info": "#2b6fc2"}
_TOP = 15  # bars per chart


def escape(text: Any) -> str:
    """Escape any text for HTML element content and attribute values (quotes too)."""
    return _escape(str(text), quote=True)


def finding_record(f: Finding, report: FileReport) -> dict[str, Any]:
    """Return the finding's JSON-contract dict plus its excerpt [before, match, after].

    This is the compact form a batch keeps per finding: no Document is needed to render it.
    """
    out = finding_dict(f, report)
    doc = report.document
    if doc is not None:
        text = doc.text
        line_start = text.rfind("\n", 0, f.offset) + 1
        line_end = text.find("\n", f.end)
        line_end = len(text) if line_end == -1 else line_end
        lo, hi = max(line_start, f.offset - _CONTEXT), min(line_end, f.end + _CONTEXT)
        before = ("…" if lo > line_start else "") + text[lo : f.offset]
        after = text[f.end : hi].rstrip("\r") + ("…" if hi < line_end else "")
        out["excerpt"] = [before, text[f.offset : f.end], after]
    return out


# -- entry points --------------------------------------------------------------------------------


def check_report_html(reports: list[FileReport]) -> str:
    """Return the HTML page of `yiwen check --format html` for these files."""
    from yiwen.batch import summarize_rows

    rows = [_report_row(r) for r in reports]
    summary = summarize_rows(rows)
    summary.operation = "check"
    return report_html(summary, rows, title="yiwen check report")


def report_html(
    summary: Any,
    rows: Iterable[dict[str, Any]],
    title: str | None = None,
    inputs: Sequence[str] = (),
) -> str:
    """Return the whole page for a Summary and the file rows (as a batch state stores them)."""
    op = summary.operation
    title = title or f"yiwen batch {op} report"
    parts = [
        _HEAD.replace("{title}", escape(title)),
        _header(title, summary, inputs),
        "<main>",
        _cards(summary),
        '<section class="charts">',
        _rule_chart(summary),
        _file_chart(summary),
        "</section>",
        _failures(summary),
        _filters(summary),
        '<section id="files">',
    ]
    shown = 0
    for row in rows:
        block = _file_block(row, op)
        if block:
            shown += 1
            parts.append(block)
    clean = summary.outcomes.get("ok", 0) - len(summary.by_file)
    if op == "check" and clean > 0:
        parts.append(
            f'<p class="muted">{clean} more file{"s" if clean != 1 else ""} with no findings.</p>'
        )
    if not shown:
        parts.append('<p class="empty">Nothing to show: no findings, changes or failures.</p>')
    parts += ["</section>", _slowest(summary), _FOOT]
    return "\n".join(parts)


# -- pieces -------------------------------------------------------------------------------------


def _report_row(r: FileReport) -> dict[str, Any]:
    findings = [finding_record(f, r) for f in r.findings]
    counts = {s: 0 for s in _SEV}
    rules: dict[str, list[Any]] = {}
    for f in findings:
        counts[f["severity"]] += 1
        rules.setdefault(f["code"], [0, f["rule"], f["severity"]])[0] += 1
    return {
        "rel": r.path,
        "outcome": "input" if r.error else "ok",
        "error": r.error,
        "language": r.document.language.value if r.document else None,
        "findings": findings,
        "rule_counts": rules,
        "n_error": counts["error"],
        "n_warning": counts["warning"],
        "n_info": counts["info"],
        "duration": 0.0,
        "diff": None,
        "extra": {},
    }


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _header(title: str, s: Any, inputs: Sequence[str]) -> str:
    when = time.strftime("%Y-%m-%d %H:%M")
    where = f" · {escape(', '.join(inputs))}" if inputs else ""
    took = f" · {s.wall:.1f} s" if getattr(s, "wall", 0) else ""
    return (
        f'<header><div class="wrap"><div class="brand">译文 <span>yiwen</span></div>'
        f'<h1>{escape(title)}</h1><p class="meta">{when}{where}{took}</p></div></header>'
    )


def _cards(s: Any) -> str:
    failed = sum(s.outcomes.get(k, 0) for k in ("input", "engine", "internal"))
    pending = s.outcomes.get("pending", 0)
    cards = [
        ("files", "Files", s.files, ""),
        ("findings", "Findings", s.findings, ""),
        ("error", "Errors", s.severities.get("error", 0), "error"),
        ("warning", "Warnings", s.severities.get("warning", 0), "warning"),
        ("info", "Info", s.severities.get("info", 0), "info"),
        ("failed", "Failed files", failed, "failed" if failed else ""),
    ]
    if s.operation == "fix":
        cards.insert(2, ("fixes", "Fixes applied", s.fixes, "ok"))
    if pending:
        cards.append(("pending", "Not reached", pending, "failed"))
    out = ['<section class="cards">']
    for key, label, value, cls in cards:
        out.append(
            f'<div class="card {cls}" data-total="{key}"><div class="num">{value:,}</div>'
            f'<div class="label">{label}</div></div>'
        )
    out.append("</section>")
    return "".join(out)


def _bar_chart(
    title: str,
    rows: list[tuple[str, str, list[tuple[str, int]]]],
    empty: str,
    chart_id: str,
    keep_end: bool = True,
) -> str:
    """A horizontal bar chart in inline SVG: rows of (label, tooltip, [(severity, count)]).

    Long labels are shortened to fit the label column: file paths keep their end (the file
    name), rule labels their start (the code).
    """
    if not rows:
        return f'<figure class="chart"><figcaption>{title}</figcaption><p class="muted">{empty}</p></figure>'
    width, label_w, bar_h, gap = 620, 270, 18, 8
    top = max(sum(n for _, n in segs) for _, _, segs in rows) or 1
    plot_w = width - label_w - 50
    height = len(rows) * (bar_h + gap) + gap
    out = [
        f'<figure class="chart" id="{chart_id}"><figcaption>{title}</figcaption>',
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="{escape(title)}">',
    ]
    for i, (label, tip, segs) in enumerate(rows):
        y = gap + i * (bar_h + gap)
        if len(label) <= 34:
            short = label
        else:
            short = "…" + label[-33:] if keep_end else label[:33] + "…"
        out.append(
            f'<text x="{label_w - 8}" y="{y + bar_h - 5}" text-anchor="end" class="lbl">'
            f"<title>{escape(tip)}</title>{escape(short)}</text>"
        )
        x = float(label_w)
        total = 0
        for sev, n in segs:
            if not n:
                continue
            w = max(2.0, plot_w * n / top)
            out.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" rx="3" '
                f'fill="{_COLOUR.get(sev, "#777")}"><title>{escape(tip)}: {n} {sev}</title></rect>'
            )
            x += w
            total += n
        out.append(f'<text x="{x + 6:.1f}" y="{y + bar_h - 5}" class="val">{total:,}</text>')
    out.append("</svg></figure>")
    return "".join(out)


def _rule_chart(s: Any) -> str:
    rows = [
        (
            f"{code} {s.rule_names.get(code, '')}".strip(),
            f"{code} {s.rule_names.get(code, '')}",
            [(s.rule_severity.get(code, "warning"), n)],
        )
        for code, n in s.rules.most_common(_TOP)
    ]
    return _bar_chart("Findings by rule", rows, "No findings.", "chart-rules", keep_end=False)


def _file_chart(s: Any) -> str:
    rows = [
        (rel, rel, [("error", e), ("warning", w), ("info", i)]) for rel, e, w, i in s.by_file[:_TOP]
    ]
    return _bar_chart("Files with the most findings", rows, "No findings.", "chart-files")


def _failures(s: Any) -> str:
    if not s.failures:
        return ""
    out = [
        '<section class="failures"><h2>Files that failed</h2><table><thead><tr>'
        "<th>File</th><th>Why</th><th>Reason</th></tr></thead><tbody>"
    ]
    names = {"input": "unreadable input", "engine": "engine failed", "internal": "internal error"}
    for rel, outcome, reason in s.failures:
        out.append(
            f'<tr><td class="path">{escape(rel)}</td><td><span class="tag {escape(outcome)}">'
            f"{escape(names.get(outcome, outcome))}</span></td><td>{escape(reason)}</td></tr>"
        )
    out.append("</tbody></table></section>")
    return "".join(out)


def _filters(s: Any) -> str:
    if not s.findings:
        return ""
    sev = "".join(
        f'<label class="chip {v}"><input type="checkbox" name="sev" value="{v}" checked> '
        f"{v} <b>{s.severities.get(v, 0):,}</b></label>"
        for v in _SEV
        if s.severities.get(v, 0)
    )
    rules = "".join(
        f'<label class="chip rule"><input type="checkbox" name="rule" value="{escape(code)}" '
        f"checked> <code>{escape(code)}</code> {escape(s.rule_names.get(code, ''))} "
        f"<b>{n:,}</b></label>"
        for code, n in sorted(s.rules.items())
    )
    return (
        '<section class="filters" id="filters"><div class="row"><span class="flabel">Severity</span>'
        f'{sev}</div><div class="row"><span class="flabel">Rule</span>{rules}'
        '<button type="button" id="all-rules">all</button>'
        '<button type="button" id="no-rules">none</button></div>'
        '<div class="row"><span class="flabel">File</span><input type="search" id="path-filter" '
        'placeholder="part of a file name…"><button type="button" id="expand">expand all</button>'
        '<button type="button" id="collapse">collapse all</button>'
        '<span id="shown" class="muted"></span></div></section>'
    )


def _file_block(row: dict[str, Any], op: str) -> str:
    findings = row.get("findings") or []
    diff = row.get("diff") or []
    failed = row["outcome"] not in ("ok",)
    if not findings and not diff and not failed:
        return ""
    rel = escape(row["rel"])
    rules = " ".join(sorted({escape(f["code"]) for f in findings}))
    badges = "".join(
        f'<span class="badge {s}">{row.get("n_" + s, 0)}</span>'
        for s in _SEV
        if row.get("n_" + s, 0)
    )
    extra = row.get("extra") or {}
    if op == "fix" and extra.get("fixes"):
        badges += f'<span class="badge ok">{int(extra["fixes"])} fixed</span>'
    if failed:
        badges += f'<span class="badge failed">{escape(row["outcome"])}</span>'
    meta = []
    if row.get("language"):
        meta.append(escape(row["language"]))
    if row.get("duration"):
        meta.append(f"{row['duration'] * 1000:.0f} ms")
    out = [
        f'<details class="file" open data-rules="{rules}" data-path="{rel}">'
        f'<summary><span class="path">{rel}</span>{badges}'
        f'<span class="fmeta">{" · ".join(meta)}</span></summary>'
    ]
    if failed:
        out.append(f'<p class="reason">{escape(row.get("error") or "not reached")}</p>')
    if findings:
        out.append('<ol class="findings">')
        out.extend(_finding_item(f) for f in findings)
        out.append("</ol>")
    if diff:
        label = "Changes made" if op == "fix" else "Engine output → final text"
        out.append(
            f'<div class="diff"><div class="dlabel">{label}</div><pre>{_diff(diff)}</pre></div>'
        )
    out.append("</details>")
    return "".join(out)


def _finding_item(f: dict[str, Any]) -> str:
    sev = escape(f["severity"])
    code = escape(f["code"])
    where = f"{f.get('line', 0)}:{f.get('column', 0)}"
    out = [
        f'<li class="finding" data-rule="{code}" data-sev="{sev}">'
        f'<div class="fhead"><span class="sev {sev}">{sev}</span><code class="code">{code}</code>'
        f'<span class="loc">{where}</span><span class="msg">{escape(f["message"])}</span></div>'
    ]
    ex = f.get("excerpt")
    if ex:
        out.append(
            f'<div class="excerpt">{escape(ex[0])}<mark>{escape(ex[1]) or "&nbsp;"}</mark>'
            f"{escape(ex[2])}</div>"
        )
    reps = f.get("replacements") or []
    if reps:
        alts = "".join(f' <span class="alt">or <ins>{escape(r)}</ins></span>' for r in reps[1:3])
        out.append(
            f'<div class="fix"><span class="flabel">fix</span><del>{escape(f["text"])}</del> → '
            f"<ins>{escape(reps[0]) or '(delete)'}</ins>{alts}"
            f'<span class="appl {escape(f["applicability"])}">{escape(f["applicability"])}</span></div>'
        )
    src = f.get("source")
    if src:
        out.append(
            f'<div class="source"><span class="flabel">source</span>{escape(src["path"])}:'
            f"{src['line']} {escape(src['text'])}</div>"
        )
    out.append("</li>")
    return "".join(out)


def _diff(pieces: list[list[str]]) -> str:
    tags = {"=": "span", "…": 'span class="gap"', "+": "ins", "-": "del"}
    out = []
    for op, text in pieces:
        tag = tags.get(op, "span")
        out.append(f"<{tag}>{escape(text)}</{tag.split()[0]}>")
    return "".join(out)


def _slowest(s: Any) -> str:
    if not s.slowest or not any(d for d, _ in s.slowest):
        return ""
    rows = "".join(
        f'<tr><td class="path">{escape(rel)}</td><td class="num">{d * 1000:,.0f} ms</td></tr>'
        for d, rel in s.slowest
    )
    return (
        '<section class="slowest"><h2>Slowest files</h2><table><tbody>'
        f"{rows}</tbody></table></section>"
    )


_HEAD = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="icon" href="data:,">
<style>
:root{--fg:#1d2330;--muted:#6b7384;--bg:#f4f5f8;--card:#fff;--line:#e2e5ec;
--err:#c9303e;--warn:#d08700;--info:#2b6fc2;--ok:#1f8a4c;--accent:#0f5c6e}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI","PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:var(--fg);background:var(--bg)}
header{background:linear-gradient(120deg,#0f5c6e,#16324f);color:#fff;padding:22px 0 26px}
header .wrap{max-width:1180px;margin:0 auto;padding:0 28px}
header h1{margin:2px 0 4px;font-size:24px;font-weight:650;letter-spacing:.2px}
.brand{font-size:13px;opacity:.8;letter-spacing:1px}.brand span{font-weight:600}
.meta{margin:0;opacity:.8;font-size:13px}
main{max-width:1180px;margin:0 auto;padding:20px 28px 48px}
h2{font-size:17px;margin:26px 0 10px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:12px;margin-top:-4px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 16px;border-top:4px solid #9aa3b5}
.card .num{font-size:28px;font-weight:700;font-variant-numeric:tabular-nums}
.card .label{color:var(--muted);font-size:13px}
.card.error{border-top-color:var(--err)}.card.warning{border-top-color:var(--warn)}
.card.info{border-top-color:var(--info)}.card.failed{border-top-color:#7a1f8a}.card.ok{border-top-color:var(--ok)}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(460px,1fr));gap:14px;margin-top:16px}
.chart{margin:0;background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 16px}
.chart figcaption{font-weight:600;margin-bottom:6px}
.chart .lbl{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;fill:#333}
.chart .val{font-size:12px;fill:var(--muted)}
table{width:100%;border-collapse:collapse;background:var(--card);border:1px solid var(--line);border-radius:10px;overflow:hidden}
td,th{padding:7px 12px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top;font-size:14px}
th{background:#f8f9fb;font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.path{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px;word-break:break-all}
.tag{font-size:12px;padding:1px 8px;border-radius:10px;background:#eee;white-space:nowrap}
.tag.input{background:#fde8ea;color:#8a1c27}.tag.engine{background:#fff3d6;color:#7a5200}
.tag.internal,.tag.pending{background:#efe4f5;color:#5b1e6e}
.filters{position:sticky;top:0;z-index:2;background:rgba(244,245,248,.96);backdrop-filter:blur(4px);padding:10px 0;margin-top:18px;border-bottom:1px solid var(--line)}
.filters .row{display:flex;flex-wrap:wrap;gap:6px;align-items:center;margin:4px 0}
.flabel{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.6px;min-width:64px}
.chip{display:inline-flex;gap:5px;align-items:center;background:var(--card);border:1px solid var(--line);border-radius:16px;padding:2px 10px;font-size:13px;cursor:pointer;user-select:none}
.chip b{font-weight:600;color:var(--muted)}
.chip.error{border-color:var(--err)}.chip.warning{border-color:var(--warn)}.chip.info{border-color:var(--info)}
button{font:inherit;font-size:13px;border:1px solid var(--line);background:var(--card);border-radius:6px;padding:2px 10px;cursor:pointer}
input[type=search]{font:inherit;font-size:13px;padding:3px 8px;border:1px solid var(--line);border-radius:6px;min-width:240px}
details.file{background:var(--card);border:1px solid var(--line);border-radius:10px;margin:10px 0;overflow:hidden}
details.file>summary{cursor:pointer;padding:10px 14px;display:flex;gap:8px;align-items:center;background:#fafbfc;border-bottom:1px solid var(--line);list-style:none}
details.file>summary::before{content:"▸";color:var(--muted);transition:transform .15s}
details.file[open]>summary::before{transform:rotate(90deg)}
details.file .path{font-weight:600;flex:1}
.badge{font-size:12px;border-radius:10px;padding:0 8px;color:#fff;font-weight:600}
.badge.error{background:var(--err)}.badge.warning{background:var(--warn)}.badge.info{background:var(--info)}
.badge.ok{background:var(--ok)}.badge.failed{background:#7a1f8a}
.fmeta{color:var(--muted);font-size:12px}
.reason{margin:10px 16px;color:#8a1c27}
ol.findings{list-style:none;margin:0;padding:0}
li.finding{padding:10px 16px;border-bottom:1px solid #eef0f4}
li.finding:last-child{border-bottom:0}
.fhead{display:flex;gap:8px;align-items:baseline;flex-wrap:wrap}
.sev{font-size:11px;text-transform:uppercase;font-weight:700;letter-spacing:.5px;border-radius:4px;padding:0 6px;color:#fff}
.sev.error{background:var(--err)}.sev.warning{background:var(--warn)}.sev.info{background:var(--info)}
.code{font-weight:600;color:var(--accent)}
.loc{color:var(--muted);font-size:12px;font-family:ui-monospace,Menlo,Consolas,monospace}
.excerpt{margin:6px 0 2px;padding:6px 10px;background:#f7f8fa;border-left:3px solid #cfd5df;border-radius:4px;white-space:pre-wrap;word-break:break-word;font-size:14px}
mark{background:#ffe0e3;color:#8a1c27;border-bottom:2px solid var(--err);padding:0 1px;border-radius:2px}
.fix,.source{font-size:14px;margin-top:4px}
.fix .flabel,.source .flabel{display:inline-block;min-width:0;margin-right:8px}
del{background:#fde8ea;color:#8a1c27;text-decoration:line-through;border-radius:2px;padding:0 2px}
ins{background:#dcf5e4;color:#135c31;text-decoration:none;border-radius:2px;padding:0 2px}
.appl{margin-left:8px;font-size:11px;border:1px solid var(--line);border-radius:8px;padding:0 6px;color:var(--muted)}
.appl.safe{color:var(--ok);border-color:#b7e2c6}
.diff{padding:8px 16px 12px}.dlabel{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.6px}
.diff pre{white-space:pre-wrap;word-break:break-word;font:13.5px/1.55 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f7f8fa;padding:10px 12px;border-radius:6px;margin:6px 0 0}
.diff .gap{color:#9aa3b5}
.muted{color:var(--muted)}.empty{color:var(--muted);text-align:center;padding:30px}
[hidden]{display:none!important}
footer{color:var(--muted);font-size:12px;text-align:center;padding:20px}
</style></head><body>"""

_FOOT = """<footer>Made by yiwen. Everything on this page is in this file; it loads nothing.</footer>
<script>
(function(){
  var form=document.getElementById('filters'); if(!form) return;
  var files=[].slice.call(document.querySelectorAll('details.file'));
  var shown=document.getElementById('shown');
  function checked(name){var s={};[].forEach.call(form.querySelectorAll('input[name='+name+']'),function(i){if(i.checked)s[i.value]=1;});return s;}
  function apply(){
    var sev=checked('sev'), rule=checked('rule');
    var q=(document.getElementById('path-filter').value||'').toLowerCase();
    var nf=0, nfile=0;
    files.forEach(function(d){
      var items=d.querySelectorAll('li.finding'), vis=0;
      [].forEach.call(items,function(li){var ok=sev[li.dataset.sev]&&rule[li.dataset.rule];li.hidden=!ok;if(ok)vis++;});
      var pathOk=!q||d.dataset.path.toLowerCase().indexOf(q)>=0;
      var keep=pathOk&&(vis>0||items.length===0);
      d.hidden=!keep; if(keep){nfile++;nf+=vis;}
    });
    shown.textContent=nf+' findings in '+nfile+' files shown';
  }
  form.addEventListener('change',apply);
  document.getElementById('path-filter').addEventListener('input',apply);
  function all(v){[].forEach.call(form.querySelectorAll('input[name=rule]'),function(i){i.checked=v;});apply();}
  document.getElementById('all-rules').onclick=function(){all(true);};
  document.getElementById('no-rules').onclick=function(){all(false);};
  document.getElementById('expand').onclick=function(){files.forEach(function(d){d.open=true;});};
  document.getElementById('collapse').onclick=function(){files.forEach(function(d){d.open=false;});};
  apply();
})();
</script>
</main></body></html>"""
