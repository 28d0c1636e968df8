"""`yiwen fix FILE`: apply the safe fixes (or review each one with --interactive)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from yiwen.commands import _options as opt

_CONTEXT = 100  # characters of a long sentence kept on each side of a proposal


def fix(
    file: str = typer.Argument(..., help="The article to fix (.txt, .md, …); - reads stdin."),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write the fixed article here (default: standard output)."
    ),
    in_place: bool = typer.Option(
        False, "--in-place", "-i", help="Rewrite FILE, keeping the original as FILE.orig."
    ),
    force: bool = typer.Option(False, "--force", help="With --in-place: replace FILE.orig."),
    unsafe: bool = typer.Option(False, "--unsafe", help="Also apply fixes marked unsafe."),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Print the diff; exit 1 when there would be changes."
    ),
    interactive: bool = typer.Option(
        False, "--interactive", help="Decide on each change: y n e a r u q ?"
    ),
    glossary: list[Path] | None = opt.GLOSSARY,
    source: str | None = opt.SOURCE,
    whole_page: bool = opt.WHOLE_PAGE,
    grammar: str | None = opt.GRAMMAR,
    lt_server: str | None = opt.LT_SERVER,
    select: list[str] | None = opt.SELECT,
    ignore: list[str] | None = opt.IGNORE,
    lang: str | None = opt.LANG,
    encoding: str | None = opt.ENCODING,
    output_encoding: str | None = typer.Option(
        None, "--output-encoding", help="Write in this encoding (default: the file's own)."
    ),
    track_changes: bool = typer.Option(
        False, "--track-changes", help=".docx: write the fixes as Word tracked changes."
    ),
    config: Path | None = opt.CONFIG,
) -> int:
    """Fix an article: apply every safe fix, check again, repeat until nothing changes.

    Only the fixed spans change; encoding, BOM, line endings and markup stay byte for byte.
    A summary (fixes per rule, findings that need a person) goes to standard error.

    Example: yiwen fix draft.md -o draft.fixed.md --glossary glossaries/shanghai-general-hospital.toml
    """
    from yiwen.document import WriteOptions, load_document, read_bytes
    from yiwen.errors import ExitCode
    from yiwen.render import console

    backup = _check_destination(file, output, in_place, force, dry_run, interactive)
    write_opts = WriteOptions(
        output_encoding=_encoding(output_encoding), track_changes=track_changes
    )
    checker = opt.build_checker(
        config, encoding, lang, select, ignore, glossary, grammar, lt_server, source, whole_page
    )
    data = read_bytes(file)
    doc = load_document(file, checker.load, data=data)
    interrupted = False
    if interactive:
        edits, applied, interrupted = _interactive(doc, checker)
        from yiwen.review.fix import apply_to_document

        fixed = apply_to_document(doc, edits)
        remaining = checker.check_document(fixed)
        verb = "accepted"
    else:
        from yiwen.review.fix import fix_document

        result = fix_document(doc, checker, unsafe=unsafe)
        edits, applied, remaining, fixed = (
            result.edits,
            result.applied,
            result.remaining,
            result.document,
        )
        verb = "fixed"
        if result.refused:
            n = len(result.refused)
            console.stderr().print(
                f"yiwen: {file}: {n} change{'' if n == 1 else 's'} left out: "
                f"{'it' if n == 1 else 'each'} would cross a tag or an entity "
                "(markup is never rewritten); fix by hand, see the findings below",
                highlight=False,
                markup=False,
            )
    assert fixed is not None
    summary = [(_where(file, fixed, f.offset), f.code, f.message) for f in remaining]
    from yiwen.render.diff import render_fix_summary

    if dry_run:
        from yiwen.render.diff import render_unified
        from yiwen.review.diff import diff_texts

        if edits:
            render_unified(console.stdout(), diff_texts(doc.text, fixed.text), file, file)
        render_fix_summary(console.stderr(), file, applied, summary, "would fix")
        return int(ExitCode.FINDINGS if edits else ExitCode.OK)
    new_bytes = _render(doc, edits, write_opts)
    if in_place:
        if edits:
            from yiwen.document import atomic_write

            assert backup is not None
            atomic_write(backup, data)  # the backup first: never lose the original
            atomic_write(file, new_bytes)
    elif output is not None:
        from yiwen.document import atomic_write

        atomic_write(output, new_bytes)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(new_bytes)
        sys.stdout.flush()
    render_fix_summary(console.stderr(), file, applied, summary, verb)
    if interrupted:
        return int(ExitCode.INTERRUPTED)
    return int(ExitCode.OK)


def _check_destination(
    file: str, output: Path | None, in_place: bool, force: bool, dry_run: bool, interactive: bool
) -> Path | None:
    """Refuse conflicting or clobbering destinations before any work is done."""
    from yiwen.errors import InputError

    if dry_run and interactive:
        raise InputError("--dry-run and --interactive cannot be used together")
    if not in_place:
        if force:
            raise InputError("--force only goes with --in-place")
        if output is not None and file != "-" and _same(Path(file), output):
            raise InputError(f"{output}: is the input file; use --in-place to rewrite it")
        return None
    if output is not None:
        raise InputError("--in-place and --output cannot be used together")
    if file == "-":
        raise InputError("--in-place needs a file, not standard input")
    backup = Path(file + ".orig")
    if backup.exists() and not force:
        raise InputError(f"{backup}: backup already exists; remove it or add --force")
    return backup


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _encoding(name: str | None) -> str | None:
    """Validate --output-encoding up front."""
    import codecs

    from yiwen.errors import InputError

    if name is None:
        return None
    try:
        codecs.lookup(name)
    except LookupError:
        raise InputError(f"--output-encoding: unknown encoding {name!r}") from None
    return name


def _render(doc, edits, opts) -> bytes:
    """The fixed document's bytes; an unencodable character is a one-line input error."""
    from yiwen.document import render_document
    from yiwen.errors import InputError

    try:
        return render_document(doc, edits, opts)
    except UnicodeEncodeError as exc:
        enc = opts.output_encoding or doc.encoding
        raise InputError(
            f"{doc.path}: the fixed text cannot be written as {enc} "
            f"({exc.object[exc.start : exc.end]!r}); choose --output-encoding utf-8"
        ) from None


def _where(path: str, doc, offset: int) -> str:
    if doc.locations is not None:
        return f"{path}:{doc.locations.label(offset)}"
    line, col = doc.position(offset)
    return f"{path}:{line}:{col}"


def _stdin():
    """Where keys come from (a seam for tests that simulate Ctrl-C)."""
    return sys.stdin


def _interactive(doc, checker):  # -> (edits, Counter of accepted per rule, interrupted)
    """Walk the editor through every proposal; return the accepted edits."""
    from collections import Counter

    from yiwen.render import console
    from yiwen.render.diff import render_card
    from yiwen.review.interactive import Review, run_review
    from yiwen.rules.registry import load_rules

    review = Review.from_findings(checker.check_document(doc))
    err = console.stderr()
    rules = load_rules()
    stdin = _stdin()
    tty = stdin.isatty()

    def show(r: Review, k: int) -> None:
        f = r.proposals[k]
        sentence, start, end = sentence_around(doc, f.offset, f.end)
        rule = rules.get(f.code)
        why = first_sentence(rule.explanation) if rule else ""
        heading = f"{f.code} {f.rule} ({f.applicability.value})"
        render_card(
            err, sentence, (start, end), f.replacements[0], heading, f.message, why, r.progress()
        )
        err.print(
            "[y]es [n]o [e]dit [a]ll of rule [r]eject rule [u]ndo [q]uit [?] > ",
            end="",
            markup=False,
        )

    def read_key() -> str:
        if tty:
            key = typer.getchar()
            err.print(key if key.isprintable() else "")
            return key
        line = stdin.readline()
        if not line:
            raise EOFError
        return line.strip()[:1] or "?"

    def read_text(prompt: str) -> str | None:
        err.print(prompt, end="", markup=False)
        line = stdin.readline()
        if not line:
            raise EOFError
        text = line.rstrip("\r\n")
        return text or None

    def say(message: str) -> None:
        err.print(message, markup=False)

    interrupted = run_review(review, read_key, read_text, show, say)
    err.print()
    c = review.counts()
    err.print(
        f"{c['accepted']} accepted, {c['rejected']} rejected, {c['undecided']} left undecided"
    )
    edits = review.edits()
    return edits, Counter(e.code for e in edits), interrupted


def first_sentence(text: str) -> str:
    """The first sentence of a rule's explanation, on one line."""
    flat = " ".join(text.split())
    cut = flat.find(". ")
    return flat if cut == -1 else flat[: cut + 1]


def sentence_around(doc, start: int, end: int) -> tuple[str, int, int]:
    """Return the sentence(s) holding doc.text[start:end] and the span's offsets within it."""
    import bisect

    from yiwen.document.segment import sentences

    paras = doc.paragraphs
    k = bisect.bisect_right([p.start for p in paras], start) - 1
    lo, hi = None, None
    if k >= 0 and paras[k].end >= start:
        p = paras[k]
        for s in sentences(doc.prose, p.start, p.end, p.language):
            if s.start < max(end, start + 1) and (s.end > start or s.end == start == end):
                lo = s.start if lo is None else min(lo, s.start)
                hi = s.end if hi is None else max(hi, s.end)
    if lo is None or hi is None:  # not inside a paragraph: show the line
        line_start = doc.text.rfind("\n", 0, start) + 1
        line_end = doc.text.find("\n", end)
        lo, hi = line_start, len(doc.text) if line_end == -1 else line_end
    lo, hi = min(lo, start), max(hi, end)
    lo = max(lo, start - _CONTEXT)
    hi = min(hi, end + _CONTEXT)
    return doc.text[lo:hi], start - lo, end - lo


def register(app: typer.Typer) -> None:
    """Add `fix` to the app."""
    app.command("fix", help=fix.__doc__)(fix)
