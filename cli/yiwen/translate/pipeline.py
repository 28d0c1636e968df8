"""The whole translation job: load, protect, look up memory and cache, send, restore, check, fix.

`translate_file(src, dest, options)` is the API `yiwen translate` and `yiwen batch translate`
call. Only prose is sent: each paragraph's inline markup (emphasis, links, code, HTML tags) and
every protected glossary term or Chinese name travels as a placeholder, and the translated
paragraph replaces the source paragraph as one edit over `doc.text`, so the document's own
format writer (`render_document`) keeps headings, list markers, front matter and code blocks.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yiwen.errors import EngineError, InputError
from yiwen.models import Applicability, Document, Finding, Fix, Language, Severity
from yiwen.translate import protect
from yiwen.translate.engines import SPECS, EngineName, make_engine
from yiwen.translate.segments import glue_for, pack, split_text

PROTECTION_VERSION = "1"  # bump when placeholders or restoring change (invalidates the cache)
# The translation's own findings carry the codes of the bilingual rules that check the same
# thing in `yiwen check --source`, so `yiwen rules explain` and --select/--ignore know them.
MISSING_TERM = "B003"  # source-term-missing
LOST_MARKUP = "B008"  # markup-lost


@dataclass(frozen=True)
class TranslateOptions:
    """What to translate how (picklable: batch workers receive it)."""

    engine: str = "google"
    source: str | None = None  # zh | en; None: detected from the document
    target: str | None = None  # zh | en; None: the other language
    glossaries: tuple[str, ...] = ()
    jobs: int = 4
    cache: bool = True
    bilingual: str = ""  # "" | "paragraphs" | "table"
    output_format: str = ""  # "" (the source's) | "xliff"
    protection: str = ""  # "" (the engine's default) | placeholder | inline
    check: bool = True  # check the output with the built-in rules and the glossary
    fix: bool = True  # apply safe fixes to the output
    encoding: str | None = None
    config_path: str | None = None
    timeout: float | None = None
    write: bool = True  # False: only return the outcome (dest "-" prints)


@dataclass(frozen=True)
class ProtectedTerm:
    """One term kept from the engine: source text, target form, kind, and whether it came out."""

    source: str
    target: str
    kind: str
    present: bool = True


@dataclass
class TranslateOutcome:
    """What one translation did."""

    source_path: str
    dest: str
    engine: str
    source: str
    target: str
    segments: int = 0  # pieces of prose translated (paragraphs, or sentences of long ones)
    requests: int = 0  # requests the engine made (HTTP requests for providers)
    cache_hits: int = 0
    tm_hits: int = 0
    protected: list[ProtectedTerm] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # left after safe fixes
    fixes_applied: int = 0
    raw_text: str = ""  # the engine's output, restored, before checking and fixing
    final_text: str = ""  # what was written (before bilingual/XLIFF packaging)
    output: bytes = b""  # the bytes written to dest
    seconds: float = 0.0


def default_dest(src: str, target: str, output_format: str = "") -> str:
    """`article.zh.md` → `article.en.md`; `article.md` → `article.en.md` (never the source)."""
    p = Path(src)
    suffix = p.suffix
    stem = p.stem
    if output_format == "xliff":
        suffix = ".xlf"
    for lang in ("zh", "en", "zh-cn", "zh_CN", "cn"):
        if stem.lower().endswith("." + lang.lower()):
            stem = stem[: -len(lang) - 1]
            break
    return str(p.with_name(f"{stem}.{target}{suffix}"))


def translate_file(src: str, dest: str, options: TranslateOptions) -> TranslateOutcome:
    """Translate the article at `src` into `dest` per `options` (raises EngineError, InputError)."""
    from yiwen.config import load_config
    from yiwen.document import LoadOptions, load_document

    config = load_config(Path(options.config_path) if options.config_path else None)
    section = dict(config.sections.get("translate", {}))
    doc = load_document(src, LoadOptions(encoding=options.encoding))
    engine = make_engine(options.engine, section, timeout=options.timeout)
    return run(doc, dest, options, engine=engine, config=config)


_CHECKERS: dict[tuple[int, tuple[str, ...], str], tuple[Any, Any]] = {}


def _checker(config: Any, glossaries: tuple[str, ...], target: str) -> Any:
    """Return a Checker for the output language, built once per (config, glossaries, target).

    A batch worker translates many files with one config object: the glossary is loaded and
    its automaton built once, not once per file.
    """
    from yiwen.checking import make_checker
    from yiwen.document import LoadOptions

    key = (id(config), glossaries, target)
    hit = _CHECKERS.get(key)
    if hit is None or hit[0] is not config:
        checker = make_checker(config, LoadOptions(lang=Language(target)), list(glossaries), None)
        hit = _CHECKERS[key] = (config, checker)
    return hit[1]


def run(
    doc: Document,
    dest: str,
    options: TranslateOptions,
    engine: Any = None,
    config: Any = None,
    store: Any = None,
    progress: Callable[[int, int], None] | None = None,
) -> TranslateOutcome:
    """Translate a loaded document (engine, config and store may be given: tests, benchmarks)."""
    from yiwen.config import Config
    from yiwen.document import render_document

    began = time.perf_counter()
    config = config or Config()
    section = dict(config.sections.get("translate", {}))
    source, target = _languages(doc, options)
    if engine is None:
        engine = make_engine(options.engine, section, timeout=options.timeout)
    ename = EngineName.parse(getattr(engine, "name", options.engine))
    spec = getattr(engine, "spec", SPECS[ename])
    strategy = options.protection or str(section.get("protection", "")) or protect.PLACEHOLDER
    if strategy not in protect.STRATEGIES:
        raise InputError(f"protection must be placeholder or inline, not {strategy!r}")
    if doc.path and dest not in ("-", "") and Path(dest).resolve() == Path(doc.path).resolve():
        raise InputError(f"{dest}: refusing to overwrite the source article")

    checker = _checker(config, tuple(options.glossaries), target)
    glossary = checker.glossary
    order = config.name_order or (glossary.name_order if glossary else "") or "family-given"

    # 1. What to send: every paragraph in the source language, protected.
    paras = [p for p in doc.paragraphs if p.language in (Language(source), Language.MIXED)]
    spans = protect.glossary_spans(glossary, doc.prose, source, target)
    if source == "zh":
        spans += protect.name_spans(doc.prose, order, spans)
    prepared = []
    for p in paras:
        inside = [s for s in spans if p.start <= s.start and s.end <= p.end]
        prep = protect.prepare(doc, p, [*protect.markup_spans(doc, p), *inside], strategy, source)
        if prep.text.strip(" \ufffc"):
            prepared.append(prep)

    version = _version(glossary, strategy, order)
    outcome = TranslateOutcome(doc.path, dest, ename.value, source, target)
    if store is None and options.cache:
        from yiwen.translate.cache import TranslationStore

        store = TranslationStore()
    use_store = store if options.cache else None

    # 2. Approved translation memory first.
    from yiwen.translate.cache import TMEntry, cache_key, normalise

    answers_by_para: dict[int, str] = {}
    if use_store is not None:
        tm = use_store.tm_lookup(source, target, (normalise(p.original) for p in prepared))
        for k, prep in enumerate(prepared):
            hit = tm.get(normalise(prep.original))
            if hit is not None:
                answers_by_para[k] = hit
        outcome.tm_hits = len(answers_by_para)

    # 3. Pieces no longer than the engine's limit, then the cache.
    limit = spec.limit_for(source)
    pieces: list[tuple[int, str]] = []  # (prepared index, text sent)
    for k, prep in enumerate(prepared):
        if k not in answers_by_para:
            pieces.extend((k, t) for t in split_text(prep.text, limit, source))
    outcome.segments = len(pieces) + outcome.tm_hits
    keys = [cache_key(ename.value, source, target, version, t) for _, t in pieces]
    answers: list[str | None] = [None] * len(pieces)
    if use_store is not None:
        cached = use_store.get_many(keys)
        for i, key in enumerate(keys):
            if key in cached:
                answers[i] = cached[key]
                outcome.cache_hits += 1

    # 4. The engine, for the rest: packed requests, concurrently.
    todo = [i for i, a in enumerate(answers) if a is None]
    before = getattr(engine, "requests", 0)
    calls = _send(
        engine,
        [pieces[i][1] for i in todo],
        source,
        target,
        limit,
        len(spec.separator),
        max(1, options.jobs),
        lambda j, answer: _keep(
            answers, todo[j], answer, use_store, keys, ename, source, target, version, pieces
        ),
        progress,
    )
    outcome.requests = getattr(engine, "requests", before + calls) - before

    # 5. Restore, paragraph by paragraph; one edit per paragraph over doc.text.
    by_para: dict[int, list[str]] = {}
    for (k, _), answer in zip(pieces, answers, strict=False):
        by_para.setdefault(k, []).append(answer or "")
    edits: list[Fix] = []
    findings: list[tuple[int, Finding]] = []
    tm_new: list[TMEntry] = []
    glue = glue_for(target)
    for k, prep in enumerate(prepared):
        if k in answers_by_para:
            text_out = answers_by_para[k]
        else:
            joined = glue.join(a.strip() for a in by_para.get(k, []))
            text_out, lost = protect.restore(joined, prep.tokens, target)
            for sp in lost:
                if sp.kind == "markup":
                    findings.append(
                        (
                            k,
                            _finding(
                                LOST_MARKUP,
                                "markup-lost",
                                sp,
                                f"markup {sp.source!r} was lost by the engine",
                            ),
                        )
                    )
            tm_new.append(
                TMEntry(source, target, normalise(prep.original), text_out, False, ename.value)
            )
        missing = {id(s) for s in protect.missing_terms(text_out, prep.terms)}
        for sp in prep.terms:
            outcome.protected.append(
                ProtectedTerm(sp.source, sp.target, sp.kind, id(sp) not in missing)
            )
        for sp in prep.terms:
            if id(sp) in missing:
                findings.append(
                    (
                        k,
                        _finding(
                            MISSING_TERM,
                            "source-term-missing",
                            sp,
                            f"{sp.source} should read {sp.target!r} here",
                        ),
                    )
                )
        edits.append(Fix(prep.start, prep.end - prep.start, text_out, "translate"))
    if use_store is not None and tm_new and ename is not EngineName.NONE:
        use_store.tm_add(tm_new)

    # 6. The raw output, checked and safely fixed.
    raw_bytes = render_document(doc, edits)
    from yiwen.document import apply_edits

    outcome.raw_text = apply_edits(doc.text, edits)
    out_doc = _reload(doc, raw_bytes, target)
    final_doc = out_doc
    final_bytes = raw_bytes
    left: list[Finding] = []
    if options.check:
        if options.fix:
            from yiwen.review.fix import fix_document

            result = fix_document(out_doc, checker)
            outcome.fixes_applied = sum(result.applied.values())
            left = list(result.remaining)
            if result.edits:
                final_bytes = render_document(out_doc, result.edits)
                final_doc = _reload(doc, final_bytes, target)
        else:
            left = checker.check_document(out_doc)
    outcome.final_text = final_doc.text
    # Offsets of our own findings: where each paragraph's translation starts in the output.
    starts = _output_starts(final_doc, edits, outcome.raw_text)
    for k, f in findings:
        if f.code == MISSING_TERM and f.replacements and f.replacements[0] in outcome.final_text:
            continue  # a safe fix put it back
        left.append(_place(f, starts.get(k, 0), final_doc))
    outcome.findings = sorted(left, key=Finding.sort_key)

    # 7. Package and write.
    if options.output_format == "xliff":
        from yiwen.document.xliff import write_xliff

        units = [
            (f"u{k + 1}", prep.original, answers_by_para.get(k) or _para_out(edits, prep))
            for k, prep in enumerate(prepared)
        ]
        outcome.output = write_xliff(units, source, target, "2.0", Path(doc.path).name)
    elif options.bilingual:
        from yiwen.translate.bilingual import bilingual_document

        pairs = [(prep, _para_out(edits, prep)) for prep in prepared]
        outcome.output = bilingual_document(doc, pairs, options.bilingual, target)
    else:
        outcome.output = final_bytes
    if options.write and dest not in ("", "-"):
        from yiwen.document import atomic_write

        atomic_write(dest, outcome.output)
    outcome.seconds = time.perf_counter() - began
    return outcome


# -- helpers ----------------------------------------------------------------------------------


def _languages(doc: Document, options: TranslateOptions) -> tuple[str, str]:
    source = (options.source or "").lower() or None
    target = (options.target or "").lower() or None
    for name, value in (("--from", source), ("--to", target)):
        if value is not None and value not in ("zh", "en"):
            raise InputError(f"{name} must be zh or en, not {value!r}")
    if source is None:
        if target is not None:
            source = "en" if target == "zh" else "zh"
        elif doc.language in (Language.ZH, Language.EN):
            source = doc.language.value
        else:
            raise InputError(
                f"{doc.path}: cannot tell whether the article is Chinese or English; "
                "give --to en or --to zh"
            )
    if target is None:
        target = "en" if source == "zh" else "zh"
    if source == target:
        raise InputError(f"{doc.path}: source and target are both {source!r}")
    return source, target


def _version(glossary: Any, strategy: str, order: str) -> str:
    """Identify everything besides the text that changes what is sent: glossary, strategy."""
    h = hashlib.sha256(f"{PROTECTION_VERSION}|{strategy}|{order}".encode())
    for src in getattr(glossary, "sources", ()) or ():
        try:
            h.update(Path(src).read_bytes())
        except OSError:
            h.update(str(src).encode())
    return h.hexdigest()[:16]


def _send(
    engine: Any,
    texts: list[str],
    source: str,
    target: str,
    limit: int,
    sep_len: int,
    jobs: int,
    keep: Callable[[int, str], None],
    progress: Callable[[int, int], None] | None,
) -> int:
    """Send `texts` in packed groups on `jobs` threads; keep each answer as it arrives.

    On the first failure no new group starts; groups already running finish and are kept
    (in the cache), then the error is raised saying how much was kept.
    """
    if not texts:
        return 0
    groups = pack(texts, limit, sep_len)
    done = 0
    error: EngineError | None = None
    with ThreadPoolExecutor(max_workers=min(jobs, len(groups))) as pool:
        pending: dict[Future[list[str]], list[int]] = {}
        queue = list(groups)
        while queue or pending:
            while queue and error is None and len(pending) < jobs * 2:
                g = queue.pop(0)
                pending[
                    pool.submit(engine.translate_batch, [texts[i] for i in g], source, target)
                ] = g
            if not pending:
                break
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in finished:
                g = pending.pop(fut)
                try:
                    out = fut.result()
                except EngineError as exc:
                    error = error or exc
                    continue
                if len(out) != len(g):
                    error = error or EngineError(
                        f"{getattr(engine, 'name', 'engine')}: answered {len(out)} segments "
                        f"for {len(g)}"
                    )
                    continue
                for i, answer in zip(g, out, strict=False):
                    keep(i, answer)
                done += len(g)
                if progress:
                    progress(done, len(texts))
            if error is not None:
                queue.clear()
    if error is not None:
        kept = (
            f"{done} of {len(texts)} segments were translated and kept in the cache; "
            "run again to continue"
            if done
            else "nothing was translated"
        )
        error.message = f"{error.message} ({kept})"
        raise error
    return len(groups)


def _keep(answers, i, answer, store, keys, ename, source, target, version, pieces) -> None:
    answers[i] = answer
    if store is not None:
        store.put(keys[i], ename.value, source, target, version, pieces[i][1], answer)


def _reload(doc: Document, data: bytes, target: str) -> Document:
    from yiwen.document import LoadOptions, load_document

    return load_document(
        doc.path or "out.txt", LoadOptions(lang=Language(target)), data=data, fmt=doc.format
    )


def _para_out(edits: list[Fix], prep: protect.Prepared) -> str:
    for e in edits:
        if e.offset == prep.start:
            return e.replacement
    return ""


def _output_starts(final_doc: Document, edits: list[Fix], raw_text: str) -> dict[int, int]:
    """Where the k-th translated paragraph starts in the raw output."""
    out: dict[int, int] = {}
    shift = 0
    for k, e in enumerate(sorted(edits, key=lambda e: e.offset)):
        out[k] = e.offset + shift
        shift += len(e.replacement) - e.length
    return out


def _finding(code: str, rule: str, sp: protect.Span, message: str) -> Finding:
    return Finding(
        code=code,
        rule=rule,
        severity=Severity.ERROR if code == MISSING_TERM else Severity.WARNING,
        message=message,
        offset=0,
        length=0,
        text=sp.source,
        replacements=(sp.target,) if code == MISSING_TERM else (),
        applicability=Applicability.NONE,
    )


def _place(f: Finding, start: int, doc: Document) -> Finding:
    from dataclasses import replace

    start = min(start, len(doc.text))
    end = doc.text.find("\n", start)
    end = len(doc.text) if end < 0 else end
    return replace(f, offset=start, length=max(0, end - start))
