"""The rule registry: one table of small records (code, name, severity, message, fix safety, docs).

A rule module declares each rule with the `rule` decorator on its check function. Codes are
stable and never reused: a retired rule keeps its row with `retired=True`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from yiwen.config import Config
from yiwen.models import Applicability, Document, Finding, Language, Severity, SourceRef


@dataclass(frozen=True)
class Rule:
    """One built-in check: its stable code and everything `rules explain` prints."""

    code: str
    name: str
    severity: Severity
    message: str
    applicability: Applicability
    explanation: str
    bad: str
    good: str
    check: Callable[[RuleContext], Iterable[Finding]] = field(repr=False, compare=False)
    needs_glossary: bool = False  # skipped when no glossary is loaded
    needs_source: bool = False  # bilingual: skipped without --source
    retired: bool = False

    @property
    def family(self) -> str:
        """Return the code's family letter(s): E, Z, N, T, B."""
        return self.code.rstrip("0123456789")


REGISTRY: dict[str, Rule] = {}
_LOADED: list[bool] = []  # non-empty once every rule module is imported


def rule(
    code: str,
    name: str,
    severity: Severity,
    message: str,
    explanation: str,
    bad: str,
    good: str,
    applicability: Applicability = Applicability.NONE,
    needs_glossary: bool = False,
    needs_source: bool = False,
) -> Callable[
    [Callable[[RuleContext], Iterable[Finding]]], Callable[[RuleContext], Iterable[Finding]]
]:
    """Register the decorated check function as rule `code` (codes must be unique)."""

    def register(
        fn: Callable[[RuleContext], Iterable[Finding]],
    ) -> Callable[[RuleContext], Iterable[Finding]]:
        if code in REGISTRY:
            raise RuntimeError(f"rule code {code} registered twice")
        REGISTRY[code] = Rule(
            code,
            name,
            severity,
            message,
            applicability,
            explanation.strip(),
            bad,
            good,
            fn,
            needs_glossary,
            needs_source,
        )
        fn.rule = REGISTRY[code]  # type: ignore[attr-defined]
        return fn

    return register


@dataclass
class RuleContext:
    """What a rule sees: the document, house style, glossary and (bilingual) source document."""

    document: Document
    config: Config
    glossary: Any = None
    source: Document | None = None
    cache: dict[str, Any] = field(default_factory=dict)  # per-document work shared by rules

    def paragraphs(self, *languages: Language) -> list[tuple[int, str]]:
        """Return (start offset, prose text) for each paragraph in one of `languages`."""
        prose = self.document.prose
        return [(p.start, prose[p.start : p.end]) for p in self.document.paragraphs_in(*languages)]

    def finding(
        self,
        fn: Callable[..., Any] | Rule,
        start: int,
        end: int,
        replacements: Iterable[str] = (),
        message: str | None = None,
        severity: Severity | None = None,
        applicability: Applicability | None = None,
        source: SourceRef | None = None,
        **fmt: Any,
    ) -> Finding:
        """Build a finding of rule `fn` over document.text[start:end].

        The message is the rule's template formatted with `fmt` (and `text`), unless given.
        Applicability defaults to the rule's when replacements are offered, else NONE.
        """
        r: Rule = fn if isinstance(fn, Rule) else fn.rule  # type: ignore[attr-defined]
        text = self.document.text[start:end]
        reps = tuple(replacements)
        if message is None:
            message = r.message.format(
                text=_shown(text), replacement=reps[0] if reps else "", **fmt
            )
        if applicability is None:
            applicability = r.applicability if reps else Applicability.NONE
        return Finding(
            code=r.code,
            rule=r.name,
            severity=severity or r.severity,
            message=message,
            offset=start,
            length=end - start,
            text=text,
            replacements=reps,
            applicability=applicability,
            source=source,
        )


def _shown(text: str) -> str:
    """The flagged text as a message quotes it: a no-break space reads as a space, not '\\xa0'."""
    return "".join(c if c.isprintable() else " " for c in text)


def load_rules() -> dict[str, Rule]:
    """Import every rule module in yiwen.rules once and return the registry."""
    # A flag, not "REGISTRY is empty": importing one rule module directly (a test does) must
    # not stop the others from loading.
    if not _LOADED:
        import importlib
        import pkgutil

        import yiwen.rules as pkg

        for mod in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
            if mod.name != "registry" and not mod.name.startswith("_"):
                importlib.import_module(f"yiwen.rules.{mod.name}")
        _LOADED.append(True)
    return REGISTRY


def matches(code: str, prefixes: Iterable[str]) -> bool:
    """True when `code` starts with one of `prefixes` ("E" matches E001; "LT" matches LT.X)."""
    return any(code.startswith(p) for p in prefixes)


def validate_codes(prefixes: Iterable[str]) -> None:
    """Raise InputError for a --select/--ignore prefix that names no rule."""
    from yiwen.errors import InputError

    codes = load_rules()
    for prefix in prefixes:
        if prefix.startswith("LT"):
            continue
        if not any(code.startswith(prefix) for code in codes):
            raise InputError(f"unknown rule code {prefix!r} (see `yiwen rules list`)")
