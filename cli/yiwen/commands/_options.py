"""Options shared by check, fix and batch, and the code that turns them into a Checker."""

from __future__ import annotations

from pathlib import Path

import typer

from yiwen.models import Language

CONFIG = typer.Option(None, "--config", help="Read house style from this yiwen.toml.")
ENCODING = typer.Option(None, "--encoding", help="Decode input with this encoding (e.g. gb18030).")
LANG = typer.Option(None, "--lang", help="Treat the text as this language: zh, en.")
SELECT = typer.Option(
    None, "--select", help="Only run rules whose code starts with this (repeatable)."
)
IGNORE = typer.Option(None, "--ignore", help="Skip rules whose code starts with this (repeatable).")
GLOSSARY = typer.Option(
    None, "--glossary", "-g", help="Glossary TOML file (repeatable; later ones win)."
)
GRAMMAR = typer.Option(None, "--grammar", help="Grammar checks: builtin, languagetool or off.")
LT_SERVER = typer.Option(
    None, "--lt-server", help="URL of a LanguageTool server (implies --grammar languagetool)."
)
LT_MODE = typer.Option(
    None,
    "--lt-mode",
    help="LanguageTool: server (--lt-server URL), local (start one here), public (the public "
    "API; text leaves the machine) or off. Any but off implies --grammar languagetool.",
)
PICKY = typer.Option(
    None, "--picky/--no-picky", help="LanguageTool's picky level: more style suggestions."
)
SOURCE = typer.Option(
    None, "--source", help="The source article: check the draft against it (bilingual)."
)
WHOLE_PAGE = typer.Option(
    False, "--whole-page", help="HTML: check menus, footers and navigation too."
)


def parse_lang(value: str | None) -> Language | None:
    """Turn --lang into a Language, or raise a usage error."""
    from yiwen.errors import InputError

    if value is None:
        return None
    try:
        return Language(value.lower())
    except ValueError:
        raise InputError(f"--lang must be zh or en, not {value!r}") from None


def build_checker(
    config_path: Path | None,
    encoding: str | None,
    lang: str | None,
    select: list[str] | None,
    ignore: list[str] | None,
    glossary: list[Path] | None,
    grammar: str | None = None,
    lt_server: str | None = None,
    source: str | None = None,
    whole_page: bool = False,
    fail_on: str | None = None,
    lt_mode: str | None = None,
    picky: bool | None = None,
):  # -> Checker (imported lazily to keep --help fast)
    """Load config, apply the flags over it, validate codes, and build the Checker."""
    from yiwen.checking import make_checker
    from yiwen.config import load_config
    from yiwen.document import LoadOptions
    from yiwen.errors import InputError
    from yiwen.rules.registry import validate_codes

    if config_path is not None and not config_path.is_file():
        raise InputError(f"{config_path}: no such config file")
    config = load_config(config_path)
    if lt_mode is not None and lt_mode not in ("server", "local", "public", "off"):
        raise InputError(f"--lt-mode must be server, local, public or off, not {lt_mode!r}")
    if lt_mode == "off":
        grammar, lt_mode = (grammar if grammar not in (None, "languagetool") else "builtin"), None
    if (lt_server or lt_mode) and grammar is None:
        grammar = "languagetool"
    if grammar is not None and grammar not in ("builtin", "languagetool", "off"):
        raise InputError(f"--grammar must be builtin, languagetool or off, not {grammar!r}")
    if fail_on is not None and fail_on not in ("error", "warning", "info"):
        raise InputError(f"--fail-on must be error, warning or info, not {fail_on!r}")
    config = config.override(
        select=tuple(select) if select else None,
        ignore=tuple(ignore) if ignore else None,
        grammar=grammar,
        lt_server=lt_server,
        lt_mode=lt_mode,
        lt_picky=picky,
        fail_on=fail_on,
    )
    validate_codes([*config.select, *config.ignore])
    load = LoadOptions(encoding=encoding, lang=parse_lang(lang), whole_page=whole_page)
    return make_checker(config, load, [str(g) for g in glossary or []], source)
