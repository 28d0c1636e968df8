"""The check pipeline's merging of findings from different rules."""

from __future__ import annotations

from yiwen.checking import dedupe
from yiwen.models import Applicability, Finding, Severity


def _f(code: str, offset: int, text: str, rep: str) -> Finding:
    return Finding(
        code, code.lower(), Severity.ERROR, "m", offset, len(text), text, (rep,), Applicability.SAFE
    )


def test_a_narrower_fix_that_the_wider_one_contains_is_dropped() -> None:
    narrow = _f("E003", 0, "Dr.Wang", "Dr. Wang")
    wide = _f("N004", 0, "Dr.Wang Ruitao", "Dr. Wang Ruitao")
    assert dedupe([narrow, wide]) == [wide]


def test_a_narrower_fix_that_disagrees_stays() -> None:
    narrow = _f("E003", 0, "Dr.Wang", "Dr. Wong")
    wide = _f("N004", 0, "Dr.Wang Ruitao", "Dr. Wang Ruitao")
    assert dedupe([wide, narrow]) == [narrow, wide]


def test_same_span_same_fix_is_reported_once_under_the_specific_family() -> None:
    e = _f("E003", 0, "Dr.Wang", "Dr. Wang")
    n = _f("N004", 0, "Dr.Wang", "Dr. Wang")
    assert dedupe([e, n, e]) == [n]


def test_same_span_different_fixes_both_stay() -> None:
    a = _f("E001", 4, "the the", "the")
    b = _f("LT.WORD_REPEAT", 4, "the the", "the the the")
    assert dedupe([a, b]) == [a, b]


def test_a_wider_fix_that_removes_the_flagged_text_subsumes() -> None:
    narrow = _f("E003", 0, "Dr.Ruitao", "Dr. Ruitao")
    wide = _f("N001", 0, "Dr.Ruitao Wang", "Dr. Wang Ruitao")
    assert dedupe([narrow, wide]) == [wide]


def test_a_less_safe_wider_fix_never_hides_a_safe_one() -> None:
    narrow = _f("E003", 6, "Dr.Wang", "Dr. Wang")
    wide = Finding(
        "E015",
        "page-furniture",
        Severity.WARNING,
        "m",
        0,
        20,
        "Menu: Dr.Wang items",
        ("",),
        Applicability.UNSAFE,
    )
    assert dedupe([narrow, wide]) == [wide, narrow]
