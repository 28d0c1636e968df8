"""Formats speed figures: loading a 200-page .docx and a 1 MB HTML page, and loading's share of
`check` (goal: ≤ 30%).

For each format it prints the load time, the whole in-process `check` time (load + rules), the
share spent loading, and as a baseline the same article text checked as a plain .txt file in the
same run. The HTML page's article sits in a `<div class="article-body">`, which the loader takes
as the body without running trafilatura; for reference the same page is also measured with that
class renamed (so trafilatura finds the body), and the two are checked to pick the same text.
Run from the repository root: `python -m benchmarks.formats_bench`.
"""

from __future__ import annotations

import html
import random
import tempfile
from pathlib import Path

from benchmarks.synth import english_corpus
from benchmarks.timing import best_of

WORDS_PER_PAGE = 500  # a page of 12-point Word text


def article_paragraphs(n_bytes: int, seed: int) -> list[str]:
    """Return synthetic news paragraphs (headings dropped) totalling about `n_bytes`."""
    text = english_corpus(n_bytes, seed=seed)
    return [p for p in text.split("\n\n") if p.strip() and not p.startswith("#")]


def make_docx(path: Path, pages: int = 200) -> int:
    """Write a .docx of about `pages` pages: runs with bold/italic, a table every 20 paragraphs."""
    import docx

    rng = random.Random(7)
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "Riverside General Hospital News"
    d.sections[0].footer.paragraphs[0].text = "Internal draft"
    words = 0
    paras = article_paragraphs(pages * WORDS_PER_PAGE * 7, seed=3)
    for i, para in enumerate(paras):
        if words >= pages * WORDS_PER_PAGE:
            break
        if i % 12 == 0:
            d.add_heading(para.split(".")[0][:60], level=2)
        p = d.add_paragraph()
        for j, sentence in enumerate(para.split(". ")):
            run = p.add_run(sentence + ". ")
            run.bold = j % 5 == 1
            run.italic = rng.random() < 0.1
        words += len(para.split())
        if i % 20 == 19:
            t = d.add_table(rows=3, cols=3)
            for r in range(3):
                for c in range(3):
                    t.cell(r, c).text = f"row {r} col {c}"
    d.save(str(path))
    return words


def make_html(path: Path, n_bytes: int = 1_000_000, body_class: str = "article-body") -> None:
    """Write a hospital news page of about `n_bytes`: menus, breadcrumbs, article, footer."""
    nav = "".join(f'<li><a href="/s/{i}">Section {i}</a></li>' for i in range(40))
    head = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>News</title>"
        "<style>body{font:14px Arial}</style><script>var x = 1 < 2;</script></head><body>"
        f"<header class='site-header'><ul class='nav-menu'>{nav}"
        "<li><a href='/doctors'>Find a Doctor</a></li></ul></header>"
        "<div class='breadcrumb'><a href='/'>Home</a> &gt; News</div>"
        f"<div class='main'><h1>Hospital news digest</h1><div class='{body_class}'>\n"
    )
    foot = "</div></div><footer class='site-footer'><p>Copyright 2024</p></footer></body></html>\n"
    body = []
    size = len(head) + len(foot)
    for para in article_paragraphs(n_bytes, seed=5):
        chunk = f'<p style="text-align: justify;"><span>{html.escape(para)}</span></p>\n'
        body.append(chunk)
        size += len(chunk.encode("utf-8"))
        if size >= n_bytes:
            break
    path.write_text(head + "".join(body) + foot, encoding="utf-8")


def measure(path: Path) -> dict[str, float]:
    """Time load, full check, and a plain-text check of the same extracted article text."""
    from yiwen.checking import make_checker
    from yiwen.config import load_config
    from yiwen.document import load_document
    from yiwen.models import MASK

    checker = make_checker(load_config(None))
    load = best_of(lambda: load_document(str(path)), 5)
    check = best_of(lambda: checker.check_path(str(path)), 5)
    doc = load_document(str(path))
    # Baseline: the article's own text as a .txt file (what the rules would read anyway).
    plain = path.with_suffix(".txt")
    plain.write_text(
        "\n\n".join(doc.prose[p.start : p.end].replace(MASK, " ") for p in doc.paragraphs),
        encoding="utf-8",
    )
    baseline = best_of(lambda: checker.check_path(str(plain)), 5)
    return {
        "size": path.stat().st_size,
        "load": load,
        "check": check,
        "baseline": baseline,
        "paragraphs": len(doc.paragraphs),
        "found": getattr(doc.payload, "source", ""),
        "prose": doc.prose,
    }


def report(name: str, m: dict) -> None:
    """Print one row: load, check, load share and the plain-text baseline."""
    share = m["load"] / m["check"] * 100
    print(
        f"{name:16} {m['size'] / 1e6:5.2f} MB, {m['paragraphs']} paragraphs: "
        f"load {m['load']:.3f} s | check {m['check']:.3f} s | "
        f"load share {share:.0f}% (goal ≤ 30%) | "
        f"same text as .txt: check {m['baseline']:.3f} s "
        f"(ratio {m['check'] / m['baseline']:.2f}×)"
    )


def main() -> None:
    """Build the inputs, measure, and print the figures with their ratios."""
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        words = make_docx(d / "long.docx")
        make_html(d / "page.html")
        # Same page, same length, with a class name the loader does not take for a body.
        make_html(d / "plain.html", body_class="main-columns")
        print(f"docx: {words} words (~{words // WORDS_PER_PAGE} pages)")
        report("200-page .docx", measure(d / "long.docx"))
        page = measure(d / "page.html")
        report("1 MB HTML page", page)
        plain = measure(d / "plain.html")
        same = "yes" if plain["prose"] == page["prose"] else "NO"
        print(
            f"  article body found by: {page['found']}; same text as trafilatura's choice: {same}"
        )
        report("  via trafilatura", plain)


if __name__ == "__main__":
    main()
