"""`yiwen glossary names FILE`: the people named in a Chinese article — the translator's checklist."""

from __future__ import annotations

from pathlib import Path

import typer

from yiwen.commands import _options as opt

_ORDER_LABEL = {"family-given": "family name first", "given-family": "given name first"}


def names(
    file: str = typer.Argument(
        ..., help="A Chinese article (.txt, .md, .html, .docx); - for stdin."
    ),
    glossary: list[Path] | None = opt.GLOSSARY,
    output_format: str = typer.Option("text", "--format", help="text or json."),
    encoding: str | None = opt.ENCODING,
    config: Path | None = opt.CONFIG,
) -> int:
    """List the people named in a Chinese article: Chinese, English in the house order, and
    whether the glossary knows them (with its form) — check them before translating.

    Uses --glossary files, else yiwen.toml's glossaries, else the bundled glossary.

    Example: yiwen glossary names article.zh.txt --glossary glossaries/shanghai-general-hospital.toml
    """
    import json

    from yiwen.commands.glossary import load_default
    from yiwen.document import LoadOptions, load_document
    from yiwen.errors import InputError
    from yiwen.glossary.zhnames import name_checklist
    from yiwen.models import Language
    from yiwen.render.console import stdout

    if output_format not in ("text", "json"):
        raise InputError(f"--format must be text or json, not {output_format!r}")
    g = load_default(glossary, config)
    doc = load_document(file, LoadOptions(encoding=encoding, lang=None))
    if not doc.paragraphs_in(Language.ZH, Language.MIXED):
        raise InputError(f"{file}: no Chinese text found")
    rows = name_checklist(doc, g)
    out = stdout()
    if output_format == "json":
        people = []
        for r in rows:
            line, col = doc.position(r.offset)
            people.append(
                {
                    "zh": r.zh,
                    "family": r.family,
                    "given": r.given,
                    "english": r.english,
                    "known": r.known,
                    "canonical": r.canonical,
                    "line": line,
                    "column": col,
                    "count": r.count,
                }
            )
        data = {"version": 1, "path": file, "name_order": g.name_order, "people": people}
        out.file.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return 0
    from rich.table import Table

    table = Table(
        "Chinese",
        "English",
        "glossary",
        "glossary form",
        "first seen",
        "times",
        title=f"{len(rows)} people in {file} ({_ORDER_LABEL.get(g.name_order, g.name_order)})",
    )
    for r in rows:
        line, col = doc.position(r.offset)
        table.add_row(r.zh, r.english, r.known, r.canonical, f"{line}:{col}", str(r.count))
    out.print(table)
    return 0


def register(app: typer.Typer) -> None:
    """Add `names` to the `glossary` group (registered after `glossary`: modules load by name)."""
    from yiwen.commands.glossary import glossary_app

    glossary_app.command("names", help=names.__doc__)(names)
