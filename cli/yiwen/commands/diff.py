"""`yiwen diff OLD NEW`: show two versions of an article the way an editor reads them."""

from __future__ import annotations

from pathlib import Path

import typer

from yiwen.commands import _options as opt


def read_text(path: str, encoding: str | None, lang: str | None):  # -> (text, Language | None)
    """Decode one version (any format yiwen reads); an empty file is an empty text."""
    from yiwen.document import LoadOptions, load_document, read_bytes

    data = read_bytes(path)
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        return "", None
    doc = load_document(path, LoadOptions(encoding=encoding, lang=opt.parse_lang(lang)), data=data)
    return doc.text, doc.language


def diff(
    old: str = typer.Argument(..., help="The earlier version (e.g. the machine translation)."),
    new: str = typer.Argument(..., help="The later version (e.g. the edited draft)."),
    side_by_side: bool = typer.Option(False, "--side-by-side", "-y", help="A table of paragraphs."),
    html: Path | None = typer.Option(None, "--html", help="Also write a self-contained HTML page."),
    stats: bool = typer.Option(
        False, "--stats", help="Words/characters inserted, deleted, substituted; % changed; TER."
    ),
    encoding: str | None = opt.ENCODING,
    lang: str | None = opt.LANG,
) -> int:
    """Compare two versions of an article: paragraphs aligned, then words or characters.

    Exits 0 when the texts are identical, 1 when they differ.

    Example: yiwen diff draft-mt.md draft-edited.md --stats
    """
    from yiwen.document import atomic_write
    from yiwen.errors import ExitCode, InputError
    from yiwen.models import Language
    from yiwen.render import console
    from yiwen.render.diff import render_side_by_side, render_stats, render_unified
    from yiwen.review.diff import diff_stats, diff_texts

    if old == "-" and new == "-":
        raise InputError("only one of OLD and NEW can be standard input")
    old_text, old_lang = read_text(old, encoding, lang)
    new_text, new_lang = read_text(new, encoding, lang)
    language = opt.parse_lang(lang) or new_lang or old_lang
    if language not in (Language.ZH, Language.EN):
        language = None  # mixed or unknown: let the diff decide from the text
    d = diff_texts(old_text, new_text, language)
    out = console.stdout()
    if side_by_side:
        render_side_by_side(out, d, old, new)
    else:
        render_unified(out, d, old, new)
    figures = diff_stats(d) if stats else None
    if figures is not None:
        render_stats(out, figures)
    if html is not None:
        from yiwen.render.diff_html import diff_html

        atomic_write(html, diff_html(d, old, new, figures).encode("utf-8"))
    return int(ExitCode.OK if d.identical else ExitCode.FINDINGS)


def register(app: typer.Typer) -> None:
    """Add `diff` to the app."""
    app.command("diff", help=diff.__doc__)(diff)
