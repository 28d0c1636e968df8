"""`yiwen models`: install, list and remove offline translation models (.argosmodel)."""

from __future__ import annotations

from pathlib import Path

import typer

models_app = typer.Typer(
    help="Offline translation models for `--engine local`.\n\n"
    "Example: yiwen models install translate-zh_en.argosmodel",
    no_args_is_help=True,
)


@models_app.command("install")
def install(
    path: Path = typer.Argument(..., help="An .argosmodel package or a model folder."),
    name: str | None = typer.Option(None, "--name", help="Install under this name."),
) -> int:
    """Install a model package (Argos Translate .argosmodel, or its unpacked folder).

    Example: yiwen models install translate-zh_en.argosmodel
    """
    from yiwen.render import console
    from yiwen.translate.local import install_model

    info = install_model(path, name)
    console.stdout().print(
        f"installed {info.path.name} ({info.source}→{info.target}) in {info.path.parent}",
        highlight=False,
        markup=False,
    )
    return 0


@models_app.command("list")
def list_models() -> int:
    """List installed models and the direction each translates.

    Example: yiwen models list
    """
    from yiwen.render import console
    from yiwen.translate.local import installed_models, models_dir

    out = console.stdout()
    models = installed_models()
    if not models:
        out.print(f"no models installed in {models_dir()}", highlight=False, markup=False)
        return 0
    for m in models:
        line = f"{m.path.name}\t{m.source}→{m.target}\t{m.description}".rstrip()
        out.print(line, highlight=False, markup=False)
    return 0


@models_app.command("remove")
def remove(name: str = typer.Argument(..., help="The installed model's name.")) -> int:
    """Remove an installed model.

    Example: yiwen models remove zh-en
    """
    from yiwen.render import console
    from yiwen.translate.local import remove_model

    path = remove_model(name)
    console.stdout().print(f"removed {path}", highlight=False, markup=False)
    return 0


def register(app: typer.Typer) -> None:
    """Add `models` to the app."""
    app.add_typer(models_app, name="models")
