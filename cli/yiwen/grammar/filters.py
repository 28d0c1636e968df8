"""Keep LanguageTool's useful matches: severity, name and glossary noise, built-in duplicates."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from yiwen.models import Finding, Severity

# LanguageTool category id -> severity: grammar is an error, spelling and mechanics a warning,
# style and everything else a suggestion.
_SEVERITY = {
    "GRAMMAR": Severity.ERROR,
    "TYPOS": Severity.WARNING,
    "CONFUSED_WORDS": Severity.WARNING,
    "PUNCTUATION": Severity.WARNING,
    "CASING": Severity.WARNING,
    "TYPOGRAPHY": Severity.WARNING,
    "COMPOUNDING": Severity.WARNING,
}
_NAME_PART = re.compile(r"[A-Z][a-zü]+(?:[-'’][A-Za-zü]+)*")


def severity_for(match: dict[str, Any]) -> Severity:
    """Return the severity of a raw LanguageTool match, from its rule's category."""
    category = match.get("rule", {}).get("category", {}).get("id", "")
    return _SEVERITY.get(category, Severity.INFO)


def is_spelling(match: dict[str, Any]) -> bool:
    """True for a spelling match (MORFOLOGIK_RULE_*, issue type "misspelling")."""
    rule = match.get("rule", {})
    return rule.get("id", "").startswith("MORFOLOGIK_") or rule.get("issueType") == "misspelling"


def name_detector() -> Callable[[str], bool]:
    """Return the pinyin name test: the glossary's names module when present, else is_pinyin.

    The names module (`looks_like_chinese_name`) knows surnames and given-name shapes; until it
    exists a capitalised word (or hyphenated word) that splits into pinyin syllables counts.
    """
    try:
        from yiwen.glossary.names import looks_like_chinese_name
    except ImportError:
        from yiwen.glossary.pinyin import is_pinyin

        def looks_like_chinese_name(token: str) -> bool:
            return bool(_NAME_PART.fullmatch(token)) and is_pinyin(token)

    return looks_like_chinese_name


def glossary_spans(glossary: Any, text: str) -> list[tuple[int, int]]:
    """Return the (start, end) spans of glossary names and terms found in `text`."""
    find = getattr(glossary, "find", None)
    if find is None:
        return []
    return [(m.start, m.end) for m in find(text)]


def is_name_noise(
    text: str,
    start: int,
    end: int,
    spans: Sequence[tuple[int, int]],
    is_name: Callable[[str], bool],
) -> bool:
    """True when a spelling match over text[start:end] is a glossary entry or a pinyin name."""
    if any(s < end and start < e for s, e in spans):
        return True
    tokens = text.split()
    return bool(tokens) and all(is_name(t.strip(".,;:!?\"'“”‘’()")) for t in tokens)


def covered_by(finding: Finding, builtin: Iterable[Finding]) -> bool:
    """True when a built-in finding flags the same words as a LanguageTool one.

    It does when the built-in span contains the LanguageTool span (a doubled word, a misspelt
    name), or lies inside it and is at least half as long: a one-character spacing finding
    inside a sentence-long style match is a different problem.
    """
    for b in builtin:
        if not (b.length and finding.length):
            continue
        if b.offset <= finding.offset and finding.end <= b.end:
            return True
        if finding.offset <= b.offset and b.end <= finding.end and 2 * b.length >= finding.length:
            return True
    return False
