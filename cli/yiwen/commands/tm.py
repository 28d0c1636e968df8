"""`yiwen tm`: export and import the translation memory as TMX 1.4."""

from __future__ import annotations

from pathlib import Path

import typer

tm_app = typer.Typer(
    help="The translation memory: approved translations are reused before any engine.\n\n"
    "Example: yiwen tm export --format tmx -o memory.tmx",
    no_args_is_help=True,
)


@tm_app.command("export")
def export(
    output_format: str = typer.Option("tmx", "--format", help="tmx (TMX 1.4)."),
    output: str = typer.Option("-", "--output", "-o", help="Write here (default: stdout)."),
    approved: bool = typer.Option(False, "--approved", help="Only approved entries."),
) -> int:
    """Export the translation memory (machine drafts and approved entries) as TMX.

    Example: yiwen tm export --format tmx -o memory.tmx
    """
    from yiwen import __version__
    from yiwen.document import atomic_write
    from yiwen.errors import InputError
    from yiwen.render import console
    from yiwen.translate.cache import TranslationStore, export_tmx

    if output_format != "tmx":
        raise InputError(f"--format must be tmx, not {output_format!r}")
    store = TranslationStore()
    entries = list(store.tm_entries(approved_only=approved))
    data = export_tmx(entries, __version__)
    if output == "-":
        console.stdout().file.write(data.decode("utf-8"))
    else:
        atomic_write(output, data)
        console.stderr().print(
            f"exported {len(entries)} units to {output}", highlight=False, markup=False
        )
    return 0


@tm_app.command("import")
def import_(
    path: Path = typer.Argument(..., help="A TMX file (its units become approved)."),
) -> int:
    """Import a TMX file; its translations are used first from now on.

    Example: yiwen tm import approved.tmx
    """
    from yiwen.document import read_bytes
    from yiwen.render import console
    from yiwen.translate.cache import TranslationStore, import_tmx

    entries = import_tmx(read_bytes(str(path)), str(path))
    n = TranslationStore().tm_add(entries)
    console.stdout().print(
        f"imported {n} approved units from {path}", highlight=False, markup=False
    )
    return 0


def register(app: typer.Typer) -> None:
    """Add `tm` to the app."""
    app.add_typer(tm_app, name="tm")
