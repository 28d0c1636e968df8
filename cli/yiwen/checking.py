"""The check pipeline: load a document, run the built-in rules, glossary, grammar and bilingual
checks, filter by --select/--ignore, and return findings in document order."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from yiwen.config import Config
from yiwen.document import LoadOptions, load_document
from yiwen.errors import GrammarError, YiwenError
from yiwen.models import Document, FileReport, Finding
from yiwen.rules.registry import RuleContext, load_rules, matches


@dataclass
class Checker:
    """Everything that stays the same across files in one run: config, rules, glossary, grammar.

    Build it once per process (a batch worker builds one and reuses it for every file).
    """

    config: Config
    load: LoadOptions = field(default_factory=LoadOptions)
    glossary: Any = None  # yiwen.glossary.Glossary, loaded once
    source_path: str | None = None  # bilingual: the source article
    grammar: Any = None  # a grammar backend with .findings(doc, builtin, glossary)
    # Files whose grammar check failed (GrammarError, one line each); their built-in findings
    # are still reported and the command exits 3.
    grammar_errors: list[str] = field(default_factory=list)
    _source: Document | None = field(default=None, repr=False)

    def rules(self, bilingual: bool | None = None) -> list[Any]:
        """Return the registry rules selected by the config that can run in this setup.

        `bilingual`: whether a source is there for the B rules (default: --source was given).
        """
        if bilingual is None:
            bilingual = self.source_path is not None
        cfg = self.config
        out = []
        for code, r in sorted(load_rules().items()):
            if r.retired or (cfg.select and not matches(code, cfg.select)):
                continue
            if cfg.ignore and matches(code, cfg.ignore):
                continue
            if r.needs_glossary and self.glossary is None:
                continue
            if r.needs_source and not bilingual:
                continue
            out.append(r)
        return out

    def check_document(self, doc: Document, source: Document | None = None) -> list[Finding]:
        """Run every selected rule (and grammar) on one loaded document."""
        if source is None and self.source_path:
            source = self.source_document()
        if source is None and doc.format == "xliff":
            # An XLIFF file carries its own source: each unit's <source> pairs with its <target>.
            from yiwen.bilingual.pairing import xliff_source

            source = xliff_source(doc)
        ctx = RuleContext(doc, self.config, glossary=self.glossary, source=source)
        findings: list[Finding] = []
        with _few_collections():
            for r in self.rules(bilingual=source is not None):
                findings.extend(r.check(ctx))
        if self.grammar is not None:
            try:
                extra = self.grammar.findings(doc, findings, self.glossary)
            except GrammarError as exc:
                self.grammar_errors.append(str(exc))
                extra = []
            cfg = self.config
            findings.extend(
                f
                for f in extra
                if not (cfg.select and not matches(f.code, cfg.select))
                and not (cfg.ignore and matches(f.code, cfg.ignore))
            )
        return dedupe(findings)

    def source_document(self) -> Document:
        """Load the --source article once per Checker (fix rounds and batches reuse it)."""
        if self._source is None:
            assert self.source_path is not None
            self._source = load_document(self.source_path, LoadOptions(encoding=None))
        return self._source

    def check_path(self, path: str, data: bytes | None = None) -> FileReport:
        """Load and check one file; an input error becomes the report's error, not an exception."""
        try:
            doc = load_document(path, self.load, data=data)
        except YiwenError as exc:
            return FileReport(path, None, error=str(exc))
        return FileReport(path, doc, self.check_document(doc))


# The young-generation threshold while rules run (Python's default is 700 allocations).
_CHECK_THRESHOLD = 50_000


@contextmanager
def _few_collections() -> Iterator[None]:
    """Collect garbage seldom while the rules run, as it was before afterwards.

    A check builds tens of thousands of small objects that all live until it ends (a pair
    check: the quantities, tokens and anchors of both sides), so each young collection walks
    them and frees nothing: about 80 collections and 5 ms of a 1,000-paragraph pair check.
    The threshold is raised only for the young generation and set back even on an error.
    """
    old = gc.get_threshold()
    if not old[0] or old[0] >= _CHECK_THRESHOLD:  # collection off (0), or seldom already
        yield
        return
    gc.set_threshold(_CHECK_THRESHOLD, *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def dedupe(findings: list[Finding]) -> list[Finding]:
    """Sort findings by position; drop exact repeats and findings another one subsumes.

    A finding is subsumed by one whose fix, at least as safe, already makes it: the same span
    and the same fix under another code (E003 and N004 both on "Dr.Wang" -> "Dr. Wang"), or a
    wider span whose fix removes the flagged text ("Dr.Ruitao" -> "Dr. Ruitao" (E003) inside
    "Dr.Ruitao Wang" -> "Dr. Wang Ruitao" (N001)). The editor then sees the name- and
    glossary-aware finding once; `yiwen fix` still makes every change.
    """
    seen: set[tuple[str, int, int]] = set()
    unique = []
    for f in sorted(findings, key=Finding.sort_key):
        key = (f.code, f.offset, f.length)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    # Sweep in offset order (wider spans first at one offset) keeping the fix-bearing findings
    # whose span is still open, so each finding is compared only with the few that can cover
    # it, not with every other finding of the document.
    dropped: set[int] = set()
    open_: list[Finding] = []
    for f in sorted(unique, key=lambda f: (f.offset, -f.length, _PREFERENCE.get(f.code[:1], 9))):
        open_ = [g for g in open_ if g.end > f.offset]
        if any(_subsumes(g, f) for g in open_):
            dropped.add(id(f))
        if f.replacements and f.length:
            open_.append(f)
    return [f for f in unique if id(f) not in dropped]


# Of two findings that say the same thing, the one from the more specific family is kept: the
# glossary knows the person or term, a generic mechanics rule only the characters.
_PREFERENCE = {"N": 0, "T": 1, "B": 2, "E": 3, "Z": 4, "L": 5}
_SAFETY = {"safe": 2, "unsafe": 1, "none": 0}


def _subsumes(g: Finding, f: Finding) -> bool:
    if g is f or not f.replacements or not (g.offset <= f.offset and f.end <= g.end):
        return False
    if _SAFETY[g.applicability.value] < _SAFETY[f.applicability.value]:
        return False  # `yiwen fix` must still be able to make f's change on its own
    if g.length == f.length:
        return g.replacements[0] == f.replacements[0]  # same span: only an identical fix
    lo, hi = f.offset - g.offset, f.end - g.offset
    if g.text[:lo] + f.replacements[0] + g.text[hi:] == g.replacements[0]:
        return True
    # The wider fix removes the flagged text and keeps every word the narrow fix would write.
    wide = g.replacements[0]
    return (
        bool(f.text.strip())
        and f.text not in wide
        and set(f.replacements[0].split()) <= set(wide.split())
    )


def make_checker(
    config: Config,
    load: LoadOptions | None = None,
    glossary_paths: list[str] | None = None,
    source_path: str | None = None,
) -> Checker:
    """Build a Checker: load glossaries (config's, then --glossary ones) and the grammar backend."""
    paths = [*config.glossaries, *(glossary_paths or [])]
    glossary = None
    if paths:
        from yiwen.glossary import load_glossaries

        glossary = load_glossaries(paths, name_order=config.name_order or None)
    grammar = None
    if config.grammar == "languagetool":
        from yiwen.grammar import make_backend

        grammar = make_backend(config)
    return Checker(config, load or LoadOptions(), glossary, source_path, grammar)
