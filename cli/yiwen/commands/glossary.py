"""`yiwen glossary list|lookup|validate|import|export`: look at, check and convert glossaries."""

from __future__ import annotations

from pathlib import Path

import typer

from yiwen.commands import _options as opt

glossary_app = typer.Typer(
    help=(
        "List, look up, validate, import and export glossaries of people and terms.\n\n"
        "Example: yiwen glossary lookup 院长"
    ),
    no_args_is_help=True,
)


def load_default(glossary: list[Path] | None, config_path: Path | None = None):  # -> Glossary
    """Load --glossary files, else the config's glossaries, else the bundled glossary."""
    from yiwen.config import load_config
    from yiwen.errors import InputError
    from yiwen.glossary import bundled_glossary_path, load_glossaries

    if config_path is not None and not config_path.is_file():
        raise InputError(f"{config_path}: no such config file")
    config = load_config(config_path)
    paths = [str(g) for g in glossary or []] or list(config.glossaries)
    if not paths:
        paths = [str(bundled_glossary_path())]
    return load_glossaries(paths, name_order=config.name_order or None)


@glossary_app.command("list")
def list_entries(
    kind: str | None = typer.Option(
        None,
        "--kind",
        help="Only this kind: person, organization, department, title, place, other.",
    ),
    glossary: list[Path] | None = opt.GLOSSARY,
    config: Path | None = opt.CONFIG,
) -> int:
    """List the glossary's people and terms as a table.

    Example: yiwen glossary list --kind department
    """
    from rich.table import Table

    from yiwen.errors import InputError
    from yiwen.glossary import KINDS, Person
    from yiwen.render.console import stdout

    if kind is not None and kind not in ("person", *KINDS):
        raise InputError(f"--kind must be person or one of {', '.join(KINDS)}, not {kind!r}")
    g = load_default(glossary, config)
    table = Table("kind", "English", "Chinese", "avoid / also", "note", title=g.name or None)
    for e in g.entries():
        k = "person" if isinstance(e, Person) else e.kind
        if kind and k != kind:
            continue
        if isinstance(e, Person):
            other = ""
        else:
            other = "; ".join([*(f"✗ {a}" for a in e.avoid), *(f"≈ {a}" for a in e.also)])
        table.add_row(k, g.canonical(e), e.zh or "", other, e.note)
    stdout().print(table)
    return 0


@glossary_app.command("lookup")
def lookup(
    text: str = typer.Argument(..., help="English or Chinese text to look up (fuzzy)."),
    limit: int = typer.Option(5, "--limit", "-n", help="How many entries to show."),
    glossary: list[Path] | None = opt.GLOSSARY,
    config: Path | None = opt.CONFIG,
) -> int:
    """Find the glossary entries closest to TEXT, in either language, with scores.

    Example: yiwen glossary lookup "Guoluo"
    """
    from rich.table import Table

    from yiwen.glossary.matcher import fuzzy_lookup
    from yiwen.render.console import stdout

    g = load_default(glossary, config)
    hits = fuzzy_lookup(g, text, limit)
    if not hits:
        stdout().print(f"no entry like {text!r}", highlight=False)
        return 1
    table = Table("score", "English", "Chinese", "kind", "matched")
    for score, entry, form in hits:
        kind = "person" if not hasattr(entry, "kind") else entry.kind
        table.add_row(f"{score:.0f}", g.canonical(entry), entry.zh or "", kind, form)
    stdout().print(table)
    return 0


@glossary_app.command("validate")
def validate(
    files: list[Path] = typer.Argument(..., help="Glossary TOML files to check."),
) -> int:
    """Check glossary files: every problem as file:line, exit 2 when there is one.

    Example: yiwen glossary validate glossaries/shanghai-general-hospital.toml
    """
    from yiwen.errors import ExitCode
    from yiwen.glossary import load_glossaries, validate_file
    from yiwen.render.console import stderr, stdout

    bad = False
    for f in files:
        errors = validate_file(str(f))
        for e in errors:
            stderr().print(f"[error]yiwen: error:[/error] {e}", highlight=False)
        if errors:
            bad = True
            continue
        g = load_glossaries([str(f)])
        stdout().print(f"{f}: ok ({len(g.people)} people, {len(g.terms)} terms)", highlight=False)
    return int(ExitCode.USAGE if bad else ExitCode.OK)


@glossary_app.command("import")
def import_glossary(
    file: Path = typer.Argument(..., help="A .csv, .tsv or .tbx file."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the TOML here."),
    input_format: str | None = typer.Option(
        None, "--format", help="csv, tsv or tbx (default: from the file's suffix)."
    ),
    name: str | None = typer.Option(None, "--name", help="The glossary's name."),
    name_order: str | None = typer.Option(
        None, "--name-order", help="given-family or family-given (default: family-given)."
    ),
) -> int:
    """Convert a CSV/TSV/TBX glossary to glossary TOML (standard output unless -o).

    Example: yiwen glossary import terms.csv -o glossaries/terms.toml
    """
    from dataclasses import replace

    from yiwen.errors import InputError
    from yiwen.glossary import NAME_ORDERS
    from yiwen.glossary.exchange import import_file, to_toml

    if name_order is not None and name_order not in NAME_ORDERS:
        raise InputError(f"--name-order must be given-family or family-given, not {name_order!r}")
    g = import_file(str(file), input_format)
    g = replace(g, name=name or g.name or file.stem, name_order=name_order or g.name_order)
    _write(to_toml(g), output)
    return 0


@glossary_app.command("export")
def export_glossary(
    output_format: str = typer.Option("csv", "--format", help="csv, tsv, tbx or toml."),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write here (default: stdout)."
    ),
    glossary: list[Path] | None = opt.GLOSSARY,
    config: Path | None = opt.CONFIG,
) -> int:
    """Export the glossary as CSV, TSV, TBX-Basic or TOML.

    Example: yiwen glossary export --format tbx -o hospital.tbx
    """
    from yiwen.glossary.exchange import export

    g = load_default(glossary, config)
    _write(export(g, output_format), output)
    return 0


def _write(text: str, output: Path | None) -> None:
    from yiwen.document import atomic_write
    from yiwen.render.console import stdout

    if output is None:
        stdout().file.write(text)
    else:
        atomic_write(output, text.encode("utf-8"))


def register(app: typer.Typer) -> None:
    """Add the `glossary` group to the app."""
    app.add_typer(glossary_app, name="glossary")
