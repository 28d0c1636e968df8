"""`yiwen translate`: a first draft from a machine engine, with the glossary protected."""

from __future__ import annotations

from pathlib import Path

import typer

from yiwen.commands import _options as opt


def translate(
    src: str = typer.Argument(..., help="The article to translate (.md, .txt, …)."),
    output: str | None = typer.Option(
        None, "--output", "-o", help="Write here (default: X.en.md for X.zh.md; - for stdout)."
    ),
    to: str | None = typer.Option(None, "--to", help="Target language: en or zh."),
    source_lang: str | None = typer.Option(
        None, "--from", help="Source language: zh or en (default: detected)."
    ),
    engine: str | None = typer.Option(
        None,
        "--engine",
        "-e",
        help="google (default), deepl, microsoft, baidu, libre, mymemory, local or none. "
        "Keys and URLs come from environment variables or yiwen.toml, never from flags.",
    ),
    glossary: list[Path] | None = opt.GLOSSARY,
    jobs: int = typer.Option(4, "--jobs", "-j", help="Requests in flight at once."),
    no_cache: bool = typer.Option(
        False, "--no-cache", help="Neither read nor write the translation cache."
    ),
    bilingual: str | None = typer.Option(
        None,
        "--bilingual",
        help="Write source and translation side by side: paragraphs (alternating) or table.",
        show_default=False,
    ),
    output_format: str | None = typer.Option(
        None, "--format", help="xliff: write XLIFF 2.0 for a CAT tool instead of the article."
    ),
    protection: str | None = typer.Option(
        None, "--protect", help="How glossary terms are kept from the engine: placeholder, inline."
    ),
    no_fix: bool = typer.Option(False, "--no-fix", help="Do not apply safe fixes to the output."),
    diff: bool = typer.Option(
        True, "--diff/--no-diff", help="Show what checking changed in the raw engine output."
    ),
    diff_html: Path | None = typer.Option(
        None, "--diff-html", help="Write the raw → final diff as an HTML page."
    ),
    encoding: str | None = opt.ENCODING,
    config: Path | None = opt.CONFIG,
) -> int:
    """Translate an article, keeping every glossary name and term exactly right.

    Example: yiwen translate article.zh.md --glossary glossaries/shanghai-general-hospital.toml
    """
    from yiwen.config import load_config
    from yiwen.errors import ExitCode, InputError
    from yiwen.render import console
    from yiwen.translate.pipeline import TranslateOptions, default_dest, translate_file

    if config is not None and not config.is_file():
        raise InputError(f"{config}: no such config file")
    if output_format not in (None, "xliff", "md", "txt"):
        raise InputError(f"--format must be xliff, not {output_format!r}")
    if bilingual not in (None, "paragraphs", "table"):
        raise InputError(f"--bilingual must be paragraphs or table, not {bilingual!r}")
    if jobs < 1:
        raise InputError("--jobs must be at least 1")
    cfg = load_config(config)
    engine_name = engine or str(cfg.sections.get("translate", {}).get("engine", "")) or cfg.engine
    target = to.lower() if to else None
    if target is None and source_lang:
        target = "en" if source_lang.lower() == "zh" else "zh"
    options = TranslateOptions(
        engine=engine_name,
        source=source_lang,
        target=target,
        glossaries=tuple(str(g) for g in glossary or []),
        jobs=jobs,
        cache=not no_cache,
        bilingual=bilingual or "",
        output_format="xliff" if output_format == "xliff" else "",
        protection=protection or "",
        fix=not no_fix,
        encoding=encoding,
        config_path=str(config) if config else None,
    )
    if output is None:
        if src == "-":
            output = "-"
        else:
            from yiwen.document import LoadOptions, load_document
            from yiwen.translate.pipeline import _languages

            if target is None:
                doc = load_document(src, LoadOptions(encoding=encoding))
                target = _languages(doc, options)[1]
            output = default_dest(src, target, options.output_format)
    outcome = translate_file(src, output, options)
    if output == "-":
        console.stdout().file.write(outcome.output.decode("utf-8", "replace"))
        console.stdout().file.flush()
    err = console.stderr()
    dest = "standard output" if output == "-" else output
    err.print(
        f"translated {src} → {dest} ({outcome.engine}, {outcome.source}→{outcome.target}): "
        f"{outcome.segments} segments, {outcome.requests} requests, "
        f"{outcome.cache_hits} from cache, {outcome.tm_hits} from memory",
        highlight=False,
        markup=False,
    )
    if outcome.protected:
        kept = sum(1 for p in outcome.protected if p.present)
        names = sorted({f"{p.source} → {p.target}" for p in outcome.protected})
        shown = "; ".join(names[:8]) + (" …" if len(names) > 8 else "")
        err.print(
            f"protected {kept}/{len(outcome.protected)} terms: {shown}",
            highlight=False,
            markup=False,
        )
    if outcome.fixes_applied:
        err.print(f"applied {outcome.fixes_applied} safe fixes", highlight=False, markup=False)
    if diff or diff_html:
        _show_diff(outcome, output, diff, diff_html)
    if outcome.findings:
        err.print(
            f"{len(outcome.findings)} findings left for an editor "
            f"(yiwen check {dest if output != '-' else 'FILE'})",
            highlight=False,
            markup=False,
        )
        for f in outcome.findings[:10]:
            err.print(f"  {f.code} {f.message}", highlight=False, markup=False)
    return int(ExitCode.OK)


def _show_diff(outcome, output: str, show: bool, html_path: Path | None) -> None:
    from yiwen.document import atomic_write
    from yiwen.models import Language
    from yiwen.render import console
    from yiwen.review.diff import diff_texts

    d = diff_texts(outcome.raw_text, outcome.final_text, Language(outcome.target))
    name = output if output != "-" else "translation"
    if html_path is not None:
        from yiwen.render.diff_html import diff_html

        page = diff_html(d, f"{name} (engine)", f"{name} (checked)")
        atomic_write(html_path, page.encode("utf-8"))
        console.stderr().print(f"wrote the diff to {html_path}", highlight=False, markup=False)
    if show and output != "-" and not d.identical:
        from yiwen.render.diff import render_unified

        render_unified(console.stdout(), d, f"{name} (engine)", f"{name} (checked)")


def register(app: typer.Typer) -> None:
    """Add `translate` to the app."""
    app.command("translate", help=translate.__doc__)(translate)
