"""`yiwen batch check|fix|translate|report`: run a command over folders of articles."""

from __future__ import annotations

import json
import os
import shlex
import time
from pathlib import Path
from typing import Any

import typer

from yiwen.commands import _options as opt

batch_app = typer.Typer(
    name="batch",
    help=(
        "Check, fix or translate whole folders: parallel workers, progress, resume, a report.\n\n"
        "Example: yiwen batch check articles/ --report report.html"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)

DIRS = typer.Argument(..., help="Folders (searched recursively) or files.")
OUT_DIR = typer.Option(
    None, "--output-dir", "-o", help="Mirror outputs here; the resumable state lives here too."
)
JOBS = typer.Option(None, "--jobs", "-j", help="Worker processes (default: the machine's cores).")
RESUME = typer.Option(
    False, "--resume", help="Redo only files that changed, failed or were not reached."
)
INCLUDE = typer.Option(
    None, "--include", help="Only files matching this glob (repeatable; e.g. '*.md')."
)
EXCLUDE = typer.Option(
    None, "--exclude", help="Skip files and folders matching this glob (repeatable)."
)
SHARD = typer.Option(None, "--shard", help="Do a stable 1/N of the files: I/N, e.g. 2/4.")
REPORT = typer.Option(None, "--report", help="Write a self-contained HTML report here.")
FORMAT = typer.Option(
    "text", "--format", help="text (summary table) or json (JSON Lines, one finding a line)."
)
FAIL_ON = typer.Option(
    None, "--fail-on", help="Exit 1 at findings of this severity or worse: error, warning, info."
)
QUIET = typer.Option(False, "--quiet", "-q", help="No progress display.")
IN_PLACE = typer.Option(
    False, "--in-place", help="Rewrite the inputs themselves (each keeps a FILE.orig backup)."
)

DEFAULT_STATE_DIR = ".yiwen-batch"


def check(
    dirs: list[str] = DIRS,
    output_dir: Path | None = OUT_DIR,
    jobs: int | None = JOBS,
    resume: bool = RESUME,
    include: list[str] | None = INCLUDE,
    exclude: list[str] | None = EXCLUDE,
    shard: str | None = SHARD,
    report: Path | None = REPORT,
    output_format: str = FORMAT,
    fail_on: str | None = FAIL_ON,
    quiet: bool = QUIET,
    glossary: list[Path] | None = opt.GLOSSARY,
    grammar: str | None = opt.GRAMMAR,
    lt_server: str | None = opt.LT_SERVER,
    lt_mode: str | None = opt.LT_MODE,
    picky: bool | None = opt.PICKY,
    select: list[str] | None = opt.SELECT,
    ignore: list[str] | None = opt.IGNORE,
    lang: str | None = opt.LANG,
    encoding: str | None = opt.ENCODING,
    whole_page: bool = opt.WHOLE_PAGE,
    config: Path | None = opt.CONFIG,
) -> int:
    """Check every article under the folders.

    Example: yiwen batch check articles/ -g glossaries/shanghai-general-hospital.toml --report report.html
    """
    return _run("check", locals())


def fix(
    dirs: list[str] = DIRS,
    output_dir: Path | None = OUT_DIR,
    in_place: bool = IN_PLACE,
    unsafe: bool = typer.Option(False, "--unsafe", help="Apply unsafe fixes too."),
    jobs: int | None = JOBS,
    resume: bool = RESUME,
    include: list[str] | None = INCLUDE,
    exclude: list[str] | None = EXCLUDE,
    shard: str | None = SHARD,
    report: Path | None = REPORT,
    output_format: str = FORMAT,
    fail_on: str | None = FAIL_ON,
    quiet: bool = QUIET,
    glossary: list[Path] | None = opt.GLOSSARY,
    grammar: str | None = opt.GRAMMAR,
    lt_server: str | None = opt.LT_SERVER,
    lt_mode: str | None = opt.LT_MODE,
    picky: bool | None = opt.PICKY,
    select: list[str] | None = opt.SELECT,
    ignore: list[str] | None = opt.IGNORE,
    lang: str | None = opt.LANG,
    encoding: str | None = opt.ENCODING,
    whole_page: bool = opt.WHOLE_PAGE,
    config: Path | None = opt.CONFIG,
) -> int:
    """Apply safe fixes to every article, writing the corrected tree to -o OUT_DIR.

    Example: yiwen batch fix drafts/ -o fixed/ --report fixes.html
    """
    return _run("fix", locals())


def translate(
    dirs: list[str] = DIRS,
    output_dir: Path | None = OUT_DIR,
    to: str | None = typer.Option(None, "--to", help="Target language: en or zh."),
    from_: str | None = typer.Option(
        None, "--from", help="Source language: zh or en (default: detected per file)."
    ),
    engine: str = typer.Option(
        "google", "--engine", help="google, deepl, microsoft, baidu, libre, mymemory, local, none."
    ),
    no_cache: bool = typer.Option(False, "--no-cache", help="Do not use the translation cache."),
    jobs: int | None = JOBS,
    resume: bool = RESUME,
    include: list[str] | None = INCLUDE,
    exclude: list[str] | None = EXCLUDE,
    shard: str | None = SHARD,
    report: Path | None = REPORT,
    output_format: str = FORMAT,
    fail_on: str | None = FAIL_ON,
    quiet: bool = QUIET,
    glossary: list[Path] | None = opt.GLOSSARY,
    encoding: str | None = opt.ENCODING,
    config: Path | None = opt.CONFIG,
) -> int:
    """Translate every article into -o OUT_DIR (a file that fails after its retries is recorded).

    Outputs are named like `yiwen translate` names them (article.zh.md → article.en.md).
    Example: yiwen batch translate zh-articles/ -o en-articles/ --to en --report translated.html
    """
    return _run("translate", locals())


def report(
    out_dirs: list[Path] = typer.Argument(
        ..., help="Batch output folders (or state .sqlite files), e.g. one per shard."
    ),
    report_path: Path | None = typer.Option(
        None, "--report", help="Write the merged HTML report here."
    ),
    output_format: str = FORMAT,
    fail_on: str | None = FAIL_ON,
) -> int:
    """Rebuild one summary and report from the state of one or more batch runs (shards).

    Example: yiwen batch report out-1/ out-2/ out-3/ --report report.html
    """
    from yiwen.batch import summarize
    from yiwen.batch_state import BatchState, find_states
    from yiwen.errors import InputError

    paths: list[Path] = []
    for d in out_dirs:
        found = [d] if d.is_file() else find_states(d) if d.is_dir() else []
        if not found:
            raise InputError(f"{d}: no batch state here (run `yiwen batch … -o {d}` first)")
        paths.extend(found)
    states = [BatchState(p, readonly=True) for p in paths]
    try:
        summary = summarize(states)
        if output_format == "json":
            _emit_json_rows(states)
        _finish_output(summary, states, report_path, output_format, [str(d) for d in out_dirs])
        return summary.exit_code(fail_on or _fail_on_of(states))
    finally:
        for st in states:
            st.db.close()


# -- the shared body ----------------------------------------------------------------------------


def _run(operation: str, o: dict[str, Any]) -> int:
    """Discover, plan, execute and summarise one batch; the same for every operation."""
    from yiwen import batch as b
    from yiwen.batch_state import FAILED, BatchState, state_name
    from yiwen.config import load_config
    from yiwen.errors import ExitCode, InputError
    from yiwen.render import console
    from yiwen.render.progress import make_progress

    t0 = time.monotonic()
    fmt = o["output_format"]
    if fmt not in ("text", "json"):
        raise InputError(f"--format must be text or json, not {fmt!r}")
    in_place = bool(o.get("in_place"))
    out_dir: Path | None = o["output_dir"]
    if operation != "check" and out_dir is None and not in_place:
        raise InputError(f"batch {operation} needs -o OUT_DIR (or --in-place)")
    # With --in-place, -o OUT_DIR only says where the state (and nothing else) is kept.
    state_dir = out_dir or Path(DEFAULT_STATE_DIR)
    shard = b.parse_shard(o["shard"])
    jobs = o["jobs"] or os.cpu_count() or 1
    if jobs < 1:
        raise InputError("--jobs must be at least 1")
    cfg = load_config(o["config"]) if o["config"] is None or o["config"].is_file() else None
    if cfg is None:
        raise InputError(f"{o['config']}: no such config file")
    fail_on = o["fail_on"] or cfg.fail_on
    if fail_on not in ("error", "warning", "info"):
        raise InputError(f"--fail-on must be error, warning or info, not {fail_on!r}")
    opt.parse_lang(o.get("lang"))

    spec = b.BatchSpec(
        operation=operation,
        config_path=str(o["config"]) if o["config"] else None,
        encoding=o.get("encoding"),
        lang=o.get("lang"),
        select=tuple(o.get("select") or ()),
        ignore=tuple(o.get("ignore") or ()),
        glossary=tuple(str(Path(g).resolve()) for g in o.get("glossary") or ()),
        grammar=o.get("grammar"),
        lt_server=o.get("lt_server"),
        lt_mode=o.get("lt_mode"),
        picky=o.get("picky"),
        whole_page=bool(o.get("whole_page")),
        fail_on=o["fail_on"],
        unsafe=bool(o.get("unsafe")),
        in_place=in_place,
        translate=_translate_options(o) if operation == "translate" else (),
    )
    items = b.discover(
        o["dirs"],
        o["include"] or (),
        o["exclude"] or (),
        skip=[str(state_dir), *([str(o["report"])] if o["report"] else [])],
    )
    items = [it for it in items if b.in_shard(it.rel, shard)]
    if operation != "check" and not in_place and out_dir is not None:
        items = [b.Item(it.rel, it.src, _dest(out_dir, it.rel)) for it in items]
    if not items:
        raise InputError("no articles found in " + ", ".join(o["dirs"]))

    options_hash = spec.options_hash()
    state = BatchState(state_dir / state_name(shard))
    todo, done = b.plan(state, items, options_hash, o["resume"])
    state.set_meta(
        operation=operation,
        inputs=[str(Path(d).resolve()) for d in o["dirs"]],
        options_hash=options_hash,
        fail_on=fail_on,
        shard=list(shard) if shard else None,
        started=time.time(),
    )
    state.mark_pending((it.rel, it.src) for it in todo)
    if fmt == "json" and done:
        _emit_json_rows([state], {it.rel for it in done})

    err = console.stderr()
    interval = os.environ.get("YIWEN_PROGRESS_INTERVAL")
    progress = make_progress(
        f"batch {operation}", err, o["quiet"], float(interval) if interval else None
    )
    out = console.stdout()

    def on_result(r: Any) -> None:
        state.record(r, options_hash)
        progress.advance(len(r.findings), r.outcome in FAILED)
        if fmt == "json":
            for f in r.findings:
                f = {k: v for k, v in f.items() if k != "excerpt"}
                out.file.write(json.dumps({"file": r.rel, **f}, ensure_ascii=False) + "\n")

    finished = False
    with b.StopFlag() as stop:
        hooks = b.Hooks(
            start=lambda n: progress.start(n, len(done)),
            result=on_result,
            tick=progress.tick,
            stop=stop,
        )
        try:
            finished = b.execute(spec, todo, jobs, hooks)
        except KeyboardInterrupt:  # a second Ctrl-C: stop at once, still saving the state
            finished = False
        finally:
            progress.close()
            state.set_meta(wall=time.monotonic() - t0)
            state.commit()

    summary = b.summarize([state])
    _finish_output(summary, [state], o["report"], fmt, o["dirs"])
    state.close()
    if not finished:
        left = summary.outcomes.get("pending", 0)
        hint = [f"yiwen batch {operation}", *map(shlex.quote, o["dirs"])]
        if out_dir is not None:
            hint += ["-o", shlex.quote(str(out_dir))]
        if shard:
            hint += ["--shard", f"{shard[0]}/{shard[1]}"]
        err.print(
            f"yiwen: interrupted: {left:,} of {len(items):,} files not done; the state is saved "
            f"in {state.path}.\nResume with the same options plus --resume: "
            f"{' '.join(hint)} --resume",
            highlight=False,
            markup=False,
        )
        return int(ExitCode.INTERRUPTED)
    return summary.exit_code(fail_on)


def _translate_options(o: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    """The TranslateOptions keywords a batch passes on (sorted: they are part of the hash)."""
    values = {"engine": o["engine"], "source": o["from_"], "target": o["to"]}
    values["cache"] = not o["no_cache"]
    return tuple(sorted(values.items()))


def _dest(out_dir: Path, rel: str) -> str:
    """Where a file's output goes: the same relative path under OUT_DIR (translate renames it
    article.zh.md → article.en.md once the target language is known)."""
    return str(out_dir / rel)


def _emit_json_rows(states: list[Any], only: set[str] | None = None) -> None:
    """Write the findings already in the state(s) as JSON Lines (resumed or merged files)."""
    from yiwen.batch import merged_rows
    from yiwen.render import console

    out = console.stdout().file
    for row in merged_rows(states):
        if only is not None and row["rel"] not in only:
            continue
        for f in row["findings"] or []:
            f = {k: v for k, v in f.items() if k != "excerpt"}
            out.write(json.dumps({"file": row["rel"], **f}, ensure_ascii=False) + "\n")


def _finish_output(
    summary: Any, states: list[Any], report: Path | None, fmt: str, inputs: list[str]
) -> None:
    """Print the summary table (stdout for text, stderr under --format json); write the report."""
    from yiwen.render import console
    from yiwen.render.batch_summary import render_summary

    render_summary(console.stdout() if fmt == "text" else console.stderr(), summary)
    if report is not None:
        from yiwen.batch import merged_rows
        from yiwen.document.atomic import atomic_write
        from yiwen.render.html import report_html

        page = report_html(summary, merged_rows(states), inputs=inputs)
        atomic_write(report, page.encode("utf-8"))
        console.stderr().print(f"report: {report}", highlight=False, markup=False)


def _fail_on_of(states: list[Any]) -> str:
    for st in states:
        value = st.meta().get("fail_on")
        if value:
            return value
    return "error"


def register(app: typer.Typer) -> None:
    """Add the `batch` group and its commands to the app."""
    batch_app.command("check", help=check.__doc__)(check)
    batch_app.command("fix", help=fix.__doc__)(fix)
    batch_app.command("translate", help=translate.__doc__)(translate)
    batch_app.command("report", help=report.__doc__)(report)
    app.add_typer(batch_app, name="batch")
