"""Folders: find the articles, mirror the tree under OUT_DIR, run one operation per file in worker
processes, isolate per-file failures, and keep a resumable state (see batch_state.py).

The per-file loop is written once (`execute`); the operation (check, fix, translate) is a
parameter of the picklable `BatchSpec` each worker rebuilds its Checker from. Nothing here
prints: the command hands in callbacks for results and progress.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import signal
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from yiwen.batch_state import (
    ENGINE,
    FAILED,
    INPUT,
    INTERNAL,
    OK,
    PENDING,
    BatchState,
    FileResult,
)
from yiwen.errors import EngineError, ExitCode, GrammarError, InputError, YiwenError

OPERATIONS = ("check", "fix", "translate")
SETUP = "setup"  # outcome of a worker whose Checker could not be built: stops the batch
_DIFF_CONTEXT = 40  # characters of unchanged text kept on each side of a change


@dataclass(frozen=True)
class BatchSpec:
    """Everything a worker needs to rebuild its Checker and do one operation: picklable."""

    operation: str = "check"
    config_path: str | None = None
    encoding: str | None = None
    lang: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    glossary: tuple[str, ...] = ()
    grammar: str | None = None
    lt_server: str | None = None
    lt_mode: str | None = None
    picky: bool | None = None
    whole_page: bool = False
    fail_on: str | None = None
    unsafe: bool = False  # fix: apply unsafe fixes too
    in_place: bool = False
    translate: tuple[tuple[str, Any], ...] = ()  # translate: keyword options, sorted

    def options_hash(self) -> str:
        """Hash what decides a file's result: the options and the bytes of config and glossaries."""
        from yiwen import __version__

        h = hashlib.blake2b(digest_size=16)
        h.update(json.dumps([__version__, asdict(self)], sort_keys=True, default=str).encode())
        for p in (self.config_path, *self.glossary):
            if p:
                try:
                    h.update(Path(p).read_bytes())
                except OSError:
                    h.update(b"missing:" + p.encode())
        return h.hexdigest()


@dataclass(frozen=True)
class Item:
    """One file of the batch: its path relative to the mirrored tree, its source, its output."""

    rel: str
    src: str
    dest: str | None = None


# -- finding the files ------------------------------------------------------------------------


def article_suffixes() -> tuple[str, ...]:
    """Return every suffix a registered format reads (.txt, .md, and .html/.docx/… when present)."""
    from yiwen.suffixes import all_suffixes

    return tuple(s.lower() for s in all_suffixes())


def _matches(rel: str, patterns: Sequence[str]) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatchcase(rel, p) or fnmatch.fnmatchcase(name, p) for p in patterns)


def discover(
    inputs: Sequence[str],
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    skip: Sequence[str] = (),
    suffixes: Sequence[str] | None = None,
) -> list[Item]:
    """Find the articles under `inputs` recursively, sorted, with their relative paths.

    A file is taken when its suffix is an article format's (or it matches an --include glob);
    --exclude globs (on the relative path or the name) drop files and prune folders. Hidden
    files and folders and the paths in `skip` (the output folder, the report) are never taken. With
    several inputs, each one's relative paths start with its folder name.
    """
    sfx = tuple(suffixes if suffixes is not None else article_suffixes())
    skip_real = {os.path.realpath(s) for s in skip}
    roots = [Path(p) for p in inputs]
    for root in roots:
        if not root.exists():
            raise InputError(f"{root}: no such file or folder")
    prefixes = _prefixes(roots)
    found: dict[str, Item] = {}
    for root, prefix in zip(roots, prefixes, strict=True):
        if root.is_file():
            rel = prefix + root.name
            found.setdefault(rel, Item(rel, str(root)))
            continue
        for path, rel in _walk(root, "", skip_real, exclude):
            full = prefix + rel
            low = rel.lower()
            wanted = _matches(rel, include) if include else low.endswith(sfx)
            if wanted and not _matches(rel, exclude):
                found.setdefault(full, Item(full, path))
    return [found[k] for k in sorted(found)]


def _prefixes(roots: Sequence[Path]) -> list[str]:
    """One input: paths relative to it. Several: prefixed by the folder name (made unique)."""
    if len(roots) == 1:
        return [""]
    out: list[str] = []
    seen: Counter[str] = Counter()
    for root in roots:
        name = root.resolve().name or "root"
        seen[name] += 1
        out.append(f"{name}/" if seen[name] == 1 else f"{name}-{seen[name]}/")
    return out


def _walk(
    folder: Path, rel: str, skip_real: set[str], exclude: Sequence[str]
) -> Iterable[tuple[str, str]]:
    skip_names = {os.path.basename(s) for s in skip_real}
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return  # an unreadable folder: nothing in it can be listed
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = f"{rel}{entry.name}"
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir:
            # A real folder's realpath ends in its own name: only a folder named like a
            # skipped path can be one (realpath costs a system call per path component).
            skipped = entry.name in skip_names and os.path.realpath(entry.path) in skip_real
            if skipped or _matches(child, exclude):
                continue
            yield from _walk(Path(entry.path), child + "/", skip_real, exclude)
        elif entry.name in skip_names and os.path.realpath(entry.path) in skip_real:
            continue  # e.g. the report being written into the input tree
        elif entry.is_file() or not entry.is_symlink():
            # Regular files, and also FIFOs or sockets: they are articles by name, and reading
            # them fails per file with a clear reason instead of silently vanishing.
            yield entry.path, child


def parse_shard(value: str | None) -> tuple[int, int] | None:
    """Parse `--shard I/N` (1 ≤ I ≤ N)."""
    if not value:
        return None
    try:
        i, n = (int(x) for x in value.split("/"))
    except ValueError:
        raise InputError(f"--shard must look like 2/4, not {value!r}") from None
    if not 1 <= i <= n:
        raise InputError(f"--shard {value}: the shard number must be between 1 and {n}")
    return i, n


def in_shard(rel: str, shard: tuple[int, int] | None) -> bool:
    """True when `rel` belongs to shard I of N (a stable hash of the relative path)."""
    if shard is None:
        return True
    digest = hashlib.blake2b(rel.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % shard[1] == shard[0] - 1


# -- planning a resume ------------------------------------------------------------------------


def content_hash(data: bytes) -> str:
    """Return the hash a file's bytes are remembered by."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def plan(
    state: BatchState, items: Sequence[Item], options_hash: str, resume: bool
) -> tuple[list[Item], list[Item]]:
    """Split `items` into (to do, already done).

    Without --resume everything is to do (the state is reset). With it, a file is skipped
    only when its last outcome was ok, it was done with the same options, and its content is
    unchanged (same size and mtime, or failing that the same content hash).
    """
    if not resume:
        state.reset()
        return list(items), []
    known = state.known()
    wanted = {it.rel for it in items}
    state.drop([rel for rel in known if rel not in wanted])
    todo: list[Item] = []
    done: list[Item] = []
    for it in items:
        row = known.get(it.rel)
        if row is None or row[4] != OK or row[3] != options_hash:
            todo.append(it)
            continue
        size, mtime_ns, digest = row[0], row[1], row[2]
        try:
            st = os.stat(it.src)
        except OSError:
            todo.append(it)
            continue
        if st.st_size == size and st.st_mtime_ns == mtime_ns:
            done.append(it)
            continue
        try:
            same = content_hash(Path(it.src).read_bytes()) == digest
        except OSError:
            same = False
        if same:
            state.touch(it.rel, st.st_size, st.st_mtime_ns)
            done.append(it)
        else:
            todo.append(it)
    state.commit()
    return todo, done


# -- the worker ---------------------------------------------------------------------------------


class Worker:
    """One process's Checker (glossary and rules loaded once) and the operation it runs."""

    def __init__(self, spec: BatchSpec) -> None:
        from yiwen.commands._options import build_checker

        self.spec = spec
        self.checker = build_checker(
            Path(spec.config_path) if spec.config_path else None,
            spec.encoding,
            spec.lang,
            list(spec.select),
            list(spec.ignore),
            [Path(g) for g in spec.glossary],
            spec.grammar,
            spec.lt_server,
            None,
            spec.whole_page,
            spec.fail_on,
            spec.lt_mode,
            spec.picky,
        )
        self.operation: Callable[[Worker, Item, bytes, FileResult], None] = _OPS[spec.operation]
        self._translator: tuple[Any, Any, Any, Any] | None = None

    def translator(self) -> tuple[Any, Any, Any, Any]:
        """Return (options, engine, config, store) for translating, built once per worker."""
        if self._translator is None:
            from yiwen.config import load_config
            from yiwen.translate.engines import make_engine
            from yiwen.translate.pipeline import TranslateOptions

            values = dict(self.spec.translate)
            options = TranslateOptions(
                glossaries=self.spec.glossary,
                encoding=self.spec.encoding,
                config_path=self.spec.config_path,
                write=False,
                **values,
            )
            config = load_config(Path(options.config_path) if options.config_path else None)
            section = dict(config.sections.get("translate", {}))
            engine = make_engine(options.engine, section, timeout=options.timeout)
            store = None
            if options.cache:
                from yiwen.translate.cache import TranslationStore

                store = TranslationStore()
            self._translator = (options, engine, config, store)
        return self._translator

    def process(self, item: Item) -> FileResult:
        """Do the operation on one file; every failure becomes the result's outcome and reason."""
        t0 = time.perf_counter()
        r = FileResult(item.rel, item.src)
        try:
            data = _read(item.src)
            r.size, r.content_hash = len(data), content_hash(data)
            r.mtime_ns = os.stat(item.src).st_mtime_ns
            self.operation(self, item, data, r)
            if self.checker.grammar_errors:  # LanguageTool failed: built-in findings are kept
                r.outcome, r.error = (
                    ENGINE,
                    _named(item.src, GrammarError(self.checker.grammar_errors[-1])),
                )
                self.checker.grammar_errors.clear()
        except (EngineError, GrammarError) as exc:
            r.outcome, r.error = ENGINE, _named(item.src, exc)
        except YiwenError as exc:
            r.outcome, r.error = INPUT, _named(item.src, exc)
        except Exception as exc:  # a bug in one file's processing must not stop the batch
            r.outcome, r.error = (
                INTERNAL,
                f"{item.src}: internal error: {type(exc).__name__}: {exc}",
            )
        r.duration = time.perf_counter() - t0
        return r


def _named(path: str, exc: Exception) -> str:
    msg = str(exc)
    return msg if path in msg else f"{path}: {msg}"


def _read(path: str) -> bytes:
    """Read a file as the single-file commands do (one-line InputError on any OS error)."""
    from yiwen.document import read_bytes

    return read_bytes(path)


def _load(w: Worker, item: Item, data: bytes):  # -> Document
    from yiwen.document import load_document

    return load_document(item.src, w.checker.load, data=data)


def _findings(report) -> list[dict[str, Any]]:  # report: FileReport
    from yiwen.render.html import finding_record

    return [finding_record(f, report) for f in report.findings]


def _op_check(w: Worker, item: Item, data: bytes, r: FileResult) -> None:
    from yiwen.models import FileReport

    doc = _load(w, item, data)
    r.language = doc.language.value
    r.findings = _findings(FileReport(item.src, doc, w.checker.check_document(doc)))


def _op_fix(w: Worker, item: Item, data: bytes, r: FileResult) -> None:
    from yiwen.document import WriteOptions, write_document
    from yiwen.models import FileReport
    from yiwen.review.fix import fix_document

    doc = _load(w, item, data)
    r.language = doc.language.value
    result = fix_document(doc, w.checker, unsafe=w.spec.unsafe)
    dest = _destination(w, item)
    if result.edits:
        _backup(w, item, data)
        write_document(doc, result.edits, dest, WriteOptions())
    elif not w.spec.in_place:
        _copy(data, dest)
    r.output = dest
    # `remaining` are findings on the fixed text: locate them in the fixed document.
    fixed = result.document or doc
    r.findings = _findings(FileReport(item.src, fixed, list(result.remaining)))
    r.extra = {
        "applied": dict(result.applied),
        "fixes": sum(result.applied.values()),
        "refused": len(result.refused),  # changes crossing markup, left for the editor
    }
    r.diff = compact_diff(doc.text, result.new_text, doc.language.value) if result.edits else []
    _after_in_place(w, item, r)


def _op_translate(w: Worker, item: Item, data: bytes, r: FileResult) -> None:
    from yiwen.document import atomic_write
    from yiwen.models import FileReport
    from yiwen.translate.pipeline import default_dest, run

    doc = _load(w, item, data)
    options, engine, config, store = w.translator()
    # dest "" + write=False: the pipeline returns the bytes; the file is named once the
    # target language is known (article.zh.md -> article.en.md under OUT_DIR).
    outcome = run(doc, "", options, engine=engine, config=config, store=store)
    dest = default_dest(item.dest or item.src, outcome.target, options.output_format)
    if Path(dest).resolve() == Path(item.src).resolve():
        raise InputError(f"{dest}: refusing to overwrite the source article")
    atomic_write(dest, outcome.output)
    r.output, r.language = dest, outcome.target
    if outcome.findings:
        from yiwen.document import LoadOptions, load_document
        from yiwen.models import Language

        final = load_document(
            dest, LoadOptions(lang=Language(outcome.target)), data=outcome.final_text.encode()
        )
        r.findings = _findings(FileReport(item.src, final, list(outcome.findings)))
    r.diff = compact_diff(outcome.raw_text, outcome.final_text, outcome.target)
    if outcome.raw_text == outcome.final_text:
        r.diff = []
    r.extra = {
        "engine": outcome.engine,
        "source": outcome.source,
        "target": outcome.target,
        "segments": outcome.segments,
        "requests": outcome.requests,
        "cache_hits": outcome.cache_hits,
        "fixes": outcome.fixes_applied,
        "protected": len(outcome.protected),
        "protected_missing": sum(1 for p in outcome.protected if not p.present),
    }


_OPS: dict[str, Callable[[Worker, Item, bytes, FileResult], None]] = {
    "check": _op_check,
    "fix": _op_fix,
    "translate": _op_translate,
}


def _destination(w: Worker, item: Item) -> str:
    if w.spec.in_place or item.dest is None:
        return item.src
    return item.dest


def _backup(w: Worker, item: Item, data: bytes) -> None:
    """--in-place: keep FILE.orig (never clobbered: an existing one means an earlier run)."""
    if not w.spec.in_place:
        return
    from yiwen.document import atomic_write

    backup = Path(item.src + ".orig")
    if backup.exists():
        raise InputError(f"{item.src}: {backup.name} already exists (an earlier --in-place run?)")
    atomic_write(backup, data)


def _copy(data: bytes, dest: str) -> None:
    from yiwen.document import atomic_write

    atomic_write(dest, data)


def _after_in_place(w: Worker, item: Item, r: FileResult) -> None:
    """--in-place: remember the written file, so --resume sees it as done, not as changed."""
    if w.spec.in_place and r.output:
        data = Path(r.output).read_bytes()
        r.size, r.content_hash = len(data), content_hash(data)
        r.mtime_ns = os.stat(r.output).st_mtime_ns


def compact_diff(old: str, new: str, language: str) -> list[list[str]]:
    """Return the change old → new as [op, text] pieces ("=", "-", "+"), long equal runs cut.

    The report shows these pieces; the full texts stay in the files.
    """
    ops = _diff_ops(old, new, language)
    out: list[list[str]] = []
    for i, (op, text) in enumerate(ops):
        if op == "=" and len(text) > 2 * _DIFF_CONTEXT + 1:
            head = text[:_DIFF_CONTEXT] if i > 0 else ""
            tail = text[-_DIFF_CONTEXT:] if i < len(ops) - 1 else ""
            text = f"{head}…{tail}" if head or tail else ""
            if not text:
                continue
            out.append(["…", text])
        else:
            out.append([op, text])
    return out


def _diff_ops(old: str, new: str, language: str) -> list[tuple[str, str]]:
    """Word (en) or character (zh) diff through the review package, paragraphs aligned first."""
    from yiwen.models import Language
    from yiwen.review.diff import diff_texts

    try:
        lang = Language(language)
    except ValueError:
        lang = None
    out: list[tuple[str, str]] = []
    for i, p in enumerate(diff_texts(old, new, lang).paragraphs):
        if i:
            out.append(("=", "\n\n"))
        if p.tag == "equal":
            out.append(("=", p.old))
        elif p.tag == "insert":
            out.append(("+", p.new))
        elif p.tag == "delete":
            out.append(("-", p.old))
        else:
            for op in p.ops:
                if op.tag == "equal":
                    out.append(("=", op.old))
                    continue
                if op.old:
                    out.append(("-", op.old))
                if op.new:
                    out.append(("+", op.new))
    # Merge neighbours with the same op so that trimming sees whole unchanged runs.
    merged: list[tuple[str, str]] = []
    for op, text in out:
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + text)
        elif text:
            merged.append((op, text))
    return merged


# -- the one per-file loop ------------------------------------------------------------------------

_worker: Worker | None = None
_setup_error: tuple[int, str] | None = None


def _init_worker(spec: BatchSpec) -> None:
    """Pool initializer: ignore Ctrl-C (the parent decides) and build the Checker once."""
    global _worker, _setup_error
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        _worker = Worker(spec)
    except YiwenError as exc:
        _setup_error = (int(exc.exit_code), str(exc))


def _process(chunk: Sequence[Item]) -> list[FileResult]:
    """Pool task: a few files (chunked by hand: imap_unordered's own chunks cannot time out)."""
    if _worker is None:
        code, msg = _setup_error or (int(ExitCode.INTERNAL), "worker not initialised")
        item = chunk[0]
        return [FileResult(item.rel, item.src, outcome=SETUP, error=msg, extra={"exit": code})]
    return [_worker.process(item) for item in chunk]


class SetupError(YiwenError):
    """A worker could not build its Checker (bad glossary, grammar server unreachable, …)."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = ExitCode(exit_code)


class StopFlag:
    """Turns the first Ctrl-C (SIGINT) into a request to stop after the files in flight.

    A second Ctrl-C raises KeyboardInterrupt at once.
    """

    def __init__(self) -> None:
        self.stopped = False
        self._old: Any = None

    def __enter__(self) -> StopFlag:
        try:
            self._old = signal.signal(signal.SIGINT, self._handle)
        except ValueError:  # not the main thread: Ctrl-C is not ours to catch
            self._old = None
        return self

    def _handle(self, signum: int, frame: Any) -> None:
        if self.stopped:
            raise KeyboardInterrupt
        self.stopped = True

    def __exit__(self, *exc: object) -> None:
        if self._old is not None:
            signal.signal(signal.SIGINT, self._old)

    def __call__(self) -> bool:
        return self.stopped


@dataclass
class Hooks:
    """What the command wants told: when the work starts, each result, and idle ticks."""

    start: Callable[[int], None] = lambda total: None
    result: Callable[[FileResult], None] = lambda r: None
    tick: Callable[[], None] = lambda: None
    stop: Callable[[], bool] = lambda: False


def share_grammar_server(spec: BatchSpec) -> BatchSpec:
    """Start LanguageTool once in this process and point every worker at it.

    Without this, each worker process would start a server of its own in local mode; a batch
    pays for one. Server and public modes already share (the user's server, the public API).
    """
    from dataclasses import replace

    from yiwen.commands._options import build_checker

    wants_lt = spec.grammar == "languagetool" or spec.lt_server or spec.lt_mode not in (None, "off")
    if not wants_lt or spec.lt_server or spec.lt_mode in ("public", "server"):
        return spec
    checker = build_checker(
        Path(spec.config_path) if spec.config_path else None,
        spec.encoding,
        spec.lang,
        list(spec.select),
        list(spec.ignore),
        [],
        spec.grammar,
        None,
        None,
        False,
        None,
        spec.lt_mode,
        spec.picky,
    )
    if checker.grammar is None:
        return spec
    return replace(spec, lt_server=checker.grammar.client.url, lt_mode="server")


def execute(spec: BatchSpec, todo: Sequence[Item], jobs: int, hooks: Hooks) -> bool:
    """Run the operation over `todo`, handing each result to hooks.result as it arrives.

    With one job (or one file) it runs in this process; otherwise a pool of `jobs` worker
    processes each builds its Checker once and results stream back in completion order.
    Returns False when hooks.stop() asked to stop (the files not reached stay pending).
    """
    if not todo:  # a resume with nothing left: no Checker, no glossary, no workers
        hooks.start(0)
        return True
    spec = share_grammar_server(spec)
    if jobs <= 1 or len(todo) <= 1:
        worker = Worker(spec)
        hooks.start(len(todo))
        for item in todo:
            if hooks.stop():
                return False
            hooks.result(worker.process(item))
        return True
    import multiprocessing as mp

    # fork: workers start in milliseconds with yiwen already imported; the pool is created
    # before any progress thread starts, so no lock is held across the fork.
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else None)
    jobs = min(jobs, len(todo))
    chunk = max(1, min(16, len(todo) // (jobs * 8)))
    pool = ctx.Pool(jobs, initializer=_init_worker, initargs=(spec,))
    try:
        hooks.start(len(todo))
        chunks = (todo[i : i + chunk] for i in range(0, len(todo), chunk))
        results = pool.imap_unordered(_process, chunks)
        left = len(todo)
        while left:
            if hooks.stop():
                return False
            try:
                batch = results.next(timeout=0.2)
            except mp.TimeoutError:
                hooks.tick()
                continue
            for r in batch:
                if r.outcome == SETUP:
                    raise SetupError(r.error or "worker setup failed", r.extra.get("exit", 4))
                hooks.result(r)
                left -= 1
        return True
    finally:
        pool.terminate()
        pool.join()


# -- summaries --------------------------------------------------------------------------------


@dataclass
class Summary:
    """Totals over one or more state databases: what the table, the report and exit code use."""

    operation: str = "check"
    files: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    severities: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)
    rule_severity: dict[str, str] = field(default_factory=dict)
    rule_names: dict[str, str] = field(default_factory=dict)
    by_file: list[tuple[str, int, int, int]] = field(default_factory=list)  # rel, e, w, i
    slowest: list[tuple[float, str]] = field(default_factory=list)
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # rel, outcome, reason
    fixes: int = 0
    duration: float = 0.0
    wall: float = 0.0

    @property
    def findings(self) -> int:
        """Return the number of findings over all files."""
        return sum(self.severities.values())

    def exit_code(self, fail_on: str) -> int:
        """Return the batch's exit code (README, "Exit codes").

        A bug in yiwen (4) outranks an engine failure (3, re-run later with --resume), which
        outranks unreadable input (2); otherwise 1 when a finding is at or above --fail-on.
        """
        from yiwen.models import Severity

        if self.outcomes[INTERNAL]:
            return int(ExitCode.INTERNAL)
        if self.outcomes[ENGINE]:
            return int(ExitCode.UNAVAILABLE)
        if self.outcomes[INPUT]:
            return int(ExitCode.USAGE)
        threshold = Severity(fail_on).rank
        worst = max((Severity(s).rank for s, n in self.severities.items() if n), default=0)
        return int(ExitCode.FINDINGS if worst >= threshold else ExitCode.OK)


def merged_rows(states: Sequence[BatchState], with_findings: bool = True) -> Iterable[dict]:
    """Yield the file rows of several states in path order (a path in two: the newest row)."""
    import heapq

    streams = [st.rows(with_findings) for st in states]
    last: dict | None = None
    for row in heapq.merge(*streams, key=lambda r: r["rel"]):
        if last is not None and last["rel"] != row["rel"]:
            yield last
            last = None
        if last is None or (row.get("updated") or 0) >= (last.get("updated") or 0):
            last = row
    if last is not None:
        yield last


def summarize(states: Sequence[BatchState], top: int = 10) -> Summary:
    """Aggregate one or more state databases (shards of one batch) into a Summary.

    One state is counted where it lies; several are first merged into one in-memory table
    (a path in two: its newest row, as `merged_rows`).
    """
    if len(states) == 1:
        # Copied once into a compact temporary table: the state's rows carry every finding
        # as JSON, which each scan of `files` would read past.
        db = states[0].db
        db.execute(f"CREATE TEMP TABLE summary_rows AS SELECT {_SUMMARY_COLS} FROM main.files")
        try:
            s = _summary_of(db, top)
        finally:
            db.execute("DROP TABLE temp.summary_rows")
    else:
        s = _summary_in_memory(
            (st.db.execute(f"SELECT {_SUMMARY_COLS} FROM files") for st in states), top
        )
    for st in states:
        meta = st.meta()
        s.operation = meta.get("operation", s.operation)
        # Shards run side by side: the batch took as long as the slowest one.
        s.wall = max(s.wall, float(meta.get("wall", 0.0)))
    return s


def summarize_rows(rows: Iterable[dict[str, Any]], top: int = 10) -> Summary:
    """Aggregate file rows (dicts as a state stores them, e.g. `yiwen check --format html`)."""
    as_stored = (
        tuple(
            json.dumps(row.get(c)) if c in ("rule_counts", "extra") else row.get(c)
            for c in _SUMMARY_COLUMNS
        )
        for row in rows
    )
    return _summary_in_memory([as_stored], top)


def _summary_in_memory(sources: Iterable[Iterable[tuple]], top: int) -> Summary:
    """Count rows (tuples in _SUMMARY_COLUMNS order) from one or more sources in a table in
    memory; a path met again keeps its newest row (on a tie, the later one: `merged_rows`)."""
    import sqlite3

    db = sqlite3.connect(":memory:")
    db.execute(_SUMMARY_TABLE)
    insert = (
        f"INSERT INTO summary_rows({_SUMMARY_COLS}) "
        f"VALUES ({', '.join('?' * len(_SUMMARY_COLUMNS))}) ON CONFLICT(rel) DO UPDATE SET "
        + ", ".join(f"{c}=excluded.{c}" for c in _SUMMARY_COLUMNS[1:])
        + " WHERE COALESCE(excluded.updated, 0) >= COALESCE(summary_rows.updated, 0)"
    )
    for rows in sources:
        db.executemany(insert, rows)
    s = _summary_of(db, top)
    db.close()
    return s


# What a summary reads of each file row: the table it counts, `summary_rows`, has these columns.
_SUMMARY_COLUMNS = (
    "rel",
    "outcome",
    "error",
    "rule_counts",
    "n_error",
    "n_warning",
    "n_info",
    "duration",
    "extra",
    "updated",
)
_SUMMARY_COLS = ", ".join(_SUMMARY_COLUMNS)
_SUMMARY_TABLE = """CREATE TABLE summary_rows (rel TEXT PRIMARY KEY, outcome TEXT, error TEXT,
    rule_counts TEXT, n_error INTEGER DEFAULT 0, n_warning INTEGER DEFAULT 0,
    n_info INTEGER DEFAULT 0, duration REAL DEFAULT 0, extra TEXT, updated REAL)"""


def _summary_of(db: Any, top: int) -> Summary:
    """Count the `summary_rows` table in SQL: a resumed batch of thousands of files is
    summarised without decoding one row in Python (rule counts are JSON, read with json_each)."""
    s = Summary()
    files, e, w, i, duration, fixes = db.execute(
        "SELECT COUNT(*), TOTAL(n_error), TOTAL(n_warning), TOTAL(n_info), TOTAL(duration), "
        "TOTAL(CASE WHEN json_valid(extra) THEN json_extract(extra, '$.fixes') END) FROM summary_rows"
    ).fetchone()
    s.files, s.duration, s.fixes = files, duration, int(fixes)
    if files:
        s.severities.update({"error": int(e), "warning": int(w), "info": int(i)})
    s.outcomes.update(
        dict(db.execute("SELECT outcome, COUNT(*) FROM summary_rows GROUP BY outcome"))
    )
    # Codes in code order: of two rules with as many findings, the lower code is listed first.
    for code, n, name, severity in db.execute(
        "SELECT j.key, SUM(json_extract(j.value, '$[0]')), json_extract(j.value, '$[1]'), "
        "json_extract(j.value, '$[2]') FROM summary_rows AS f, json_each(f.rule_counts) AS j "
        "WHERE json_valid(f.rule_counts) GROUP BY j.key ORDER BY j.key"
    ):
        s.rules[code] = n
        s.rule_names[code] = name
        s.rule_severity[code] = severity
    s.by_file = db.execute(
        "SELECT rel, n_error, n_warning, n_info FROM summary_rows WHERE n_error + n_warning + n_info "
        "ORDER BY n_error + n_warning + n_info DESC, rel"
    ).fetchall()
    s.slowest = db.execute(
        "SELECT COALESCE(duration, 0.0), rel FROM summary_rows WHERE outcome = ? "
        "ORDER BY 1 DESC, rel DESC LIMIT ?",
        (OK, top),
    ).fetchall()
    failed = ", ".join("?" * len(FAILED))
    s.failures = db.execute(
        "SELECT rel, outcome, CASE WHEN outcome = ? THEN 'not reached (interrupted)' "
        f"ELSE COALESCE(error, '') END FROM summary_rows WHERE outcome IN ({failed}, ?) ORDER BY rel",
        (PENDING, *FAILED, PENDING),
    ).fetchall()
    return s
