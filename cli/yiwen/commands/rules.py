"""`yiwen rules list` and `yiwen rules explain CODE`."""

from __future__ import annotations

import typer

rules_app = typer.Typer(
    help="List the built-in rules or explain one.\n\nExample: yiwen rules explain E003",
    no_args_is_help=True,
)


@rules_app.command("list")
def list_rules(
    family: str | None = typer.Option(None, "--family", help="Only this family: E, Z, N, T, B."),
) -> None:
    """List every built-in rule as a table.

    Example: yiwen rules list --family E
    """
    from rich.table import Table

    from yiwen.render.console import stdout
    from yiwen.rules.registry import load_rules

    table = Table("code", "name", "severity", "fix", "message")
    for code, r in sorted(load_rules().items()):
        if family and r.family != family.upper():
            continue
        table.add_row(code, r.name, r.severity.value, r.applicability.value, r.message)
    stdout().print(table)


@rules_app.command("explain")
def explain(code: str = typer.Argument(..., help="A rule code, e.g. E003.")) -> None:
    """Explain one rule: what it catches and why, with a bad and a good example.

    Example: yiwen rules explain E003
    """
    from rich.text import Text

    from yiwen.errors import InputError
    from yiwen.render.console import stdout
    from yiwen.rules.registry import load_rules

    r = load_rules().get(code.upper())
    if r is None:
        raise InputError(f"unknown rule code {code!r} (see `yiwen rules list`)")
    out = stdout()
    out.print(Text(f"{r.code} {r.name}", style="bold"))
    out.print(f"severity: {r.severity.value}   fix: {r.applicability.value}")
    out.print()
    out.print(r.explanation)
    out.print()
    out.print(Text("bad:  ", style="error") + Text(r.bad))
    out.print(Text("good: ", style="fix") + Text(r.good))


def register(app: typer.Typer) -> None:
    """Add the `rules` group to the app."""
    app.add_typer(rules_app, name="rules")
