"""`yiwen check`: report problems in English or Chinese drafts."""

from __future__ import annotations

from pathlib import Path

import typer

from yiwen.commands import _options as opt


def check(
    files: list[str] = typer.Argument(
        ..., help="Articles to check (.txt, .md, …); - reads standard input."
    ),
    source: str | None = opt.SOURCE,
    glossary: list[Path] | None = opt.GLOSSARY,
    grammar: str | None = opt.GRAMMAR,
    lt_server: str | None = opt.LT_SERVER,
    lt_mode: str | None = opt.LT_MODE,
    picky: bool | None = opt.PICKY,
    output_format: str = typer.Option("text", "--format", help="text, json or html."),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write the report to this file."
    ),
    fail_on: str | None = typer.Option(
        None,
        "--fail-on",
        help="Exit 1 at findings of this severity or worse: error, warning, info.",
    ),
    select: list[str] | None = opt.SELECT,
    ignore: list[str] | None = opt.IGNORE,
    lang: str | None = opt.LANG,
    encoding: str | None = opt.ENCODING,
    whole_page: bool = opt.WHOLE_PAGE,
    diff: bool = typer.Option(False, "--diff", help="Show each fix as a one-line before → after."),
    config: Path | None = opt.CONFIG,
) -> int:
    """Check articles against the house rules, glossary and grammar.

    Example: yiwen check draft.md --glossary glossaries/shanghai-general-hospital.toml
    """
    from yiwen.errors import ExitCode, InputError
    from yiwen.models import Severity
    from yiwen.render import console

    if output_format not in ("text", "json", "html"):
        raise InputError(f"--format must be text, json or html, not {output_format!r}")
    checker = opt.build_checker(
        config,
        encoding,
        lang,
        select,
        ignore,
        glossary,
        grammar,
        lt_server,
        source,
        whole_page,
        fail_on,
        lt_mode,
        picky,
    )
    for note in checker.grammar.take_notices() if checker.grammar is not None else ():
        console.stderr().print(f"yiwen: warning: {note}", markup=False, highlight=False)
    reports = [checker.check_path(f) for f in files]
    errors = [r for r in reports if r.error]
    for r in errors:
        console.stderr().print(f"[error]yiwen: error:[/error] {r.error}", highlight=False)
    good = [r for r in reports if not r.error]
    if good or not errors:
        _emit(good, output_format, output, diff)
    for message in checker.grammar_errors:  # LanguageTool failed: built-in findings still shown
        console.stderr().print(f"[error]yiwen: error:[/error] {message}", highlight=False)
    if errors:
        return int(ExitCode.USAGE)
    if checker.grammar_errors:
        return int(ExitCode.UNAVAILABLE)
    threshold = Severity(checker.config.fail_on).rank
    worst = max((f.severity.rank for r in good for f in r.findings), default=0)
    return int(ExitCode.FINDINGS if worst >= threshold else ExitCode.OK)


def _emit(reports, output_format: str, output: Path | None, diff: bool) -> None:
    from yiwen.document import atomic_write
    from yiwen.render import console

    if output_format == "json":
        from yiwen.render.json import dumps

        text = dumps(reports) + "\n"
    elif output_format == "html":
        from yiwen.render.html import check_report_html

        text = check_report_html(reports)
    else:
        if output is None:
            from yiwen.render.terminal import render_reports

            render_reports(console.stdout(), reports, diff)
            return
        from rich.console import Console

        from yiwen.render.terminal import render_reports

        with open(output, "w", encoding="utf-8") as fh:
            render_reports(Console(file=fh, soft_wrap=True, no_color=True), reports, diff)
        return
    if output is not None:
        atomic_write(output, text.encode("utf-8"))
    else:
        console.stdout().file.write(text)


def register(app: typer.Typer) -> None:
    """Add `check` to the app."""
    app.command("check", help=check.__doc__)(check)
